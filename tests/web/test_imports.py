"""Importing people and subjects: good files go in whole, bad files change nothing and say
which lines are wrong and why. Through the services, the web pages and the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import Workbook

from thesisdesk.campaigns.models import Membership, Role
from thesisdesk.core.errors import NotAllowed
from thesisdesk.core.models import AuditEvent
from thesisdesk.people.imports import people_import
from thesisdesk.people.models import Person
from thesisdesk.subjects.imports import subjects_import
from thesisdesk.subjects.models import Subject, SubjectState

pytestmark = pytest.mark.django_db

GOOD_PEOPLE = (
    "Courriel;Prénom;Nom;Rôle\r\n"
    "lea.dubois@example.org;Léa;Dubois;étudiante\r\n"
    "marc.renard@example.org;Marc;Renard;promoteur, lecteur\r\n"
    "promoteur@example.org;Paul;Promoteur;reader\r\n"
)


def people(
    personas,
    text: str | bytes,
    *,
    encoding: str = "utf-8",
    dry_run: bool = False,
    filename: str = "people.csv",
):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return people_import(
        actor=personas.coordinator,
        campaign=personas.campaign,
        data=data,
        filename=filename,
        dry_run=dry_run,
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_good_people_file_imports_everyone_with_their_roles(personas, encoding):
    events_before = AuditEvent.objects.count()
    report = people(personas, GOOD_PEOPLE, encoding=encoding)
    assert report.ok and report.imported
    assert report.counts == {"rows": 3, "create": 2, "update": 0, "unchanged": 1, "memberships": 4}
    lea = Person.objects.get(email="lea.dubois@example.org")
    assert (lea.first_name, lea.last_name) == ("Léa", "Dubois")
    marc_roles = set(
        Membership.objects.filter(person__email="marc.renard@example.org").values_list(
            "role", flat=True
        )
    )
    assert marc_roles == {Role.SUPERVISOR, Role.READER}
    assert Membership.objects.filter(person=personas.supervisor.person, role=Role.READER).exists()
    # One audit event for the whole import.
    assert AuditEvent.objects.count() == events_before + 1
    assert AuditEvent.objects.first().action == "people.import"


def test_comma_separated_file_with_quoted_roles(personas):
    report = people(
        personas, 'email,first_name,last_name,roles\na@example.org,A,B,"student, reader"\n'
    )
    assert report.ok
    assert Membership.objects.filter(person__email="a@example.org").count() == 2


def test_xlsx_people_file(personas):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-mail", "Prénom", "Nom"])
    sheet.append(["x@example.org", "Xavière", "Ixe"])
    output = io.BytesIO()
    workbook.save(output)
    report = people(personas, output.getvalue(), filename="people.xlsx")
    assert report.ok and Person.objects.filter(email="x@example.org").exists()


def test_dry_run_writes_nothing(personas):
    report = people(personas, GOOD_PEOPLE, dry_run=True)
    assert report.ok and not report.imported
    assert report.counts["create"] == 2
    assert not Person.objects.filter(email="lea.dubois@example.org").exists()


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        (
            "email;first_name;last_name\na@example.org;A;B\nA@example.org;C;D\n",
            3,
            "duplicate e-mail",
        ),
        ("email;first_name\na@example.org;A\n", 1, "Missing column"),
        ("", 0, "empty"),
        ("email;first_name;last_name\n", 1, "no rows"),
        ("email;first_name;last_name\nnot-an-email;A;B\n", 2, "not a valid e-mail"),
        ("email;first_name;last_name;roles\na@example.org;A;B;astronaut\n", 2, "unknown role"),
        ("email;first_name;last_name;moodle_user_id\na@example.org;A;B;12x\n", 2, "whole number"),
        ("email;first_name;last_name\na@example.org;;B\n", 2, "first name is empty"),
    ],
)
def test_bad_people_files_import_nothing_and_say_why(personas, content, line, reason):
    count = Person.objects.count()
    report = people(
        personas, content + "ok@example.org;O;K\n" if content.count("\n") > 1 else content
    )
    assert not report.ok and not report.imported
    assert any(error.line == line and reason in error.message for error in report.errors), (
        report.errors
    )
    assert Person.objects.count() == count


def test_wrong_encoding_is_refused(personas):
    report = people(personas, "email;first_name;last_name\na@example.org;A;B\n".encode("utf-16-le"))
    assert not report.ok and "encoding" in report.errors[0].message


def test_every_bad_row_is_listed_and_good_rows_are_not_imported(personas):
    content = (
        "email;first_name;last_name\n"
        "good@example.org;G;Ood\n"
        "bad;B;Ad\n"
        "good@example.org;G;Again\n"
        "other@example.org;;X\n"
    )
    report = people(personas, content)
    assert [error.line for error in report.errors] == [3, 4, 5]
    assert not Person.objects.filter(email="good@example.org").exists()


def test_only_coordinators_import(personas):
    with pytest.raises(NotAllowed):
        people_import(
            actor=personas.supervisor,
            campaign=personas.campaign,
            data=GOOD_PEOPLE.encode(),
            filename="x.csv",
        )


def test_ten_thousand_people_import_in_one_go(personas, django_assert_max_num_queries):
    lines = ["email;first_name;last_name;roles"]
    lines += [f"student{n}@example.org;Prénom{n};Nom{n};student" for n in range(10_000)]
    data = "\n".join(lines).encode("cp1252")
    # Bulk queries: a few hundred at most (SQLite caps rows per INSERT), not one per row.
    with django_assert_max_num_queries(500):
        report = people(personas, data)
    assert report.ok and report.counts["create"] == 10_000
    assert (
        Membership.objects.filter(campaign=personas.campaign, role=Role.STUDENT).count() == 10_002
    )


# Subjects ----------------------------------------------------------------------------------


def subjects(personas, text: str, **kwargs):
    return subjects_import(
        actor=personas.coordinator,
        campaign=personas.campaign,
        data=text.encode(),
        filename="subjects.csv",
        **kwargs,
    )


def test_good_subjects_file(personas):
    report = subjects(
        personas,
        "titre;promoteur;description;mots-clés;capacité;copromoteurs;état\n"
        "Réseaux de capteurs;promoteur@example.org;"
        "<p>Un <b>bon</b> sujet<script>x</script></p>;IoT;2;copromoteur@example.org;published\n"
        "Compilation;PROMOTEUR@example.org;;;;;\n",
    )
    assert report.ok, report.errors
    sensors = Subject.objects.get(title="Réseaux de capteurs")
    assert sensors.state == SubjectState.PUBLISHED and sensors.capacity == 2
    assert "<script>" not in sensors.description and "<b>bon</b>" in sensors.description
    assert list(sensors.co_supervisors.all()) == [personas.co_supervisor.person]
    assert Subject.objects.get(title="Compilation").state == SubjectState.PROPOSED


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Sujet X;nobody@example.org;1", "unknown supervisor"),
        ("Sujet X;etudiant@example.org;1", "unknown supervisor"),
        ("Sujet X;promoteur@example.org;deux", "not a whole number"),
        ("Sujet X;promoteur@example.org;0", "between"),
        ("Vérification de programmes;promoteur@example.org;1", "already exists"),
        (";promoteur@example.org;1", "title is empty"),
    ],
)
def test_bad_subject_rows(personas, row, reason):
    report = subjects(personas, f"title;supervisor_email;capacity\n{row}\n")
    assert not report.ok
    assert report.errors[0].line == 2 and reason in report.errors[0].message
    assert Subject.objects.count() == 1


def test_duplicate_subject_titles_in_the_file(personas):
    report = subjects(
        personas, "title;supervisor_email\nA;promoteur@example.org\na ;promoteur@example.org\n"
    )
    assert [(e.line, "duplicate title" in e.message) for e in report.errors] == [(3, True)]


def test_ten_thousand_subjects(personas):
    lines = ["title;supervisor_email;capacity"]
    lines += [f"Sujet numéro {n};promoteur@example.org;1" for n in range(10_000)]
    report = subjects(personas, "\n".join(lines))
    assert report.ok and Subject.objects.filter(campaign=personas.campaign).count() == 10_001


# Through the web ---------------------------------------------------------------------------


def test_import_page_preview_then_confirm(client_as, personas):
    client = client_as("coordinator")
    url = reverse("people:person-import")
    upload = io.BytesIO(GOOD_PEOPLE.encode("cp1252"))
    upload.name = "liste.csv"
    preview = client.post(url, {"campaign": personas.campaign.pk, "file": upload})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "lea.dubois@example.org" in body and 'name="token"' in body
    assert not Person.objects.filter(email="lea.dubois@example.org").exists()
    token = preview.context["token"]
    done = client.post(url, {"token": token})
    assert done.status_code == 302
    assert Person.objects.filter(email="lea.dubois@example.org").exists()
    # The same token cannot import twice.
    again = client.post(url, {"token": token})
    assert again.status_code == 302
    assert Person.objects.filter(email="lea.dubois@example.org").count() == 1


def test_import_page_lists_bad_rows(client_as, personas):
    client = client_as("coordinator")
    upload = io.BytesIO(b"email;first_name;last_name\nx;A;B\ny@example.org;;B\n")
    upload.name = "bad.csv"
    response = client.post(
        reverse("people:person-import"), {"campaign": personas.campaign.pk, "file": upload}
    )
    body = response.content.decode()
    assert "<td>2</td>" in body and "<td>3</td>" in body
    assert 'name="token"' not in body


def test_another_user_cannot_confirm_my_import(client_as, personas):
    client = client_as("coordinator")
    upload = io.BytesIO(GOOD_PEOPLE.encode())
    upload.name = "liste.csv"
    token = client.post(
        reverse("people:person-import"), {"campaign": personas.campaign.pk, "file": upload}
    ).context["token"]
    client_as("admin").post(reverse("people:person-import"), {"token": token})
    assert not Person.objects.filter(email="lea.dubois@example.org").exists()


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "name", ["people:person-import-template", "subjects:subject-import-template"]
)
def test_templates_download_and_read_back(client_as, personas, name, file_format):
    response = client_as("coordinator").get(reverse(name, args=[file_format]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{file_format}"')
    from thesisdesk.core.spreadsheets import read_table

    sheet = read_table(
        response.content,
        filename=f"t.{file_format}",
        required=["title"] if "subject" in name else ["email"],
        optional=[],
        aliases={},
    )
    assert len(sheet.rows) == 2


# Command line ------------------------------------------------------------------------------


def test_cli_import_people_dry_run_then_real(personas, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(GOOD_PEOPLE, encoding="cp1252")
    out = io.StringIO()
    call_command("import", "people", personas.campaign.slug, str(path), "--dry-run", stdout=out)
    assert "dry run" in out.getvalue().lower()
    assert not Person.objects.filter(email="lea.dubois@example.org").exists()
    call_command("import", "people", str(personas.campaign.pk), str(path), stdout=out)
    assert Person.objects.filter(email="lea.dubois@example.org").exists()


def test_cli_import_fails_with_the_bad_rows(personas, tmp_path):
    path = tmp_path / "subjects.csv"
    path.write_text("title;supervisor_email\nA;nobody@example.org\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command(
            "import",
            "subjects",
            personas.campaign.slug,
            str(path),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    assert "line 2" in str(caught.value) and "nobody@example.org" in str(caught.value)


def test_cli_unknown_campaign(personas, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text(GOOD_PEOPLE)
    with pytest.raises(CommandError, match="campaign"):
        call_command("import", "people", "nope", str(path), stdout=io.StringIO())
