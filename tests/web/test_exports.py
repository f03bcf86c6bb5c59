"""Every list exports as CSV and XLSX, whole and filtered, and the files read back."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from thesisdesk.core.spreadsheets import read_table
from thesisdesk.people.imports import people_import
from thesisdesk.subjects.imports import subjects_import
from thesisdesk.subjects.models import SubjectState
from thesisdesk.testing.factories import make_milestone, make_subject

pytestmark = pytest.mark.django_db

LISTS = {
    "people:person-list": ["email", "first_name", "last_name"],
    "subjects:subject-list": ["title", "supervisor_email", "state"],
    "theses:thesis-list": ["title", "students", "state"],
    "milestones:milestone-list": ["title", "kind", "due_at"],
    "campaigns:campaign-list": ["name", "academic_year"],
}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize(("name", "columns"), list(LISTS.items()))
def test_every_list_exports_and_reads_back(client_as, personas, name, columns, file_format):
    make_milestone(campaign=personas.campaign, title="Dépôt final")
    response = client_as("coordinator").get(reverse(name), {"export": file_format})
    assert response.status_code == 200
    assert f'.{file_format}"' in response["Content-Disposition"]
    sheet = read_table(body(response), filename=f"x.{file_format}", required=columns)
    assert len(sheet.rows) >= 1


def test_export_keeps_the_filters_and_the_viewers_limits(client_as, personas):
    make_subject(
        campaign=personas.campaign,
        supervisor=personas.supervisor.person,
        state=SubjectState.PROPOSED,
        title="Pas publié",
    )
    url = reverse("subjects:subject-list")
    coordinator_rows = read_table(
        body(client_as("coordinator").get(url, {"export": "csv", "state": "proposed"})),
        required=["title"],
    ).rows
    assert [row.get("title") for row in coordinator_rows] == ["Pas publié"]
    student_rows = read_table(
        body(client_as("student").get(url, {"export": "csv"})), required=["title"]
    ).rows
    assert [row.get("title") for row in student_rows] == [personas.subject.title]


def test_people_and_subjects_exports_import_again(client_as, personas):
    client = client_as("coordinator")
    people = body(
        client.get(
            reverse("people:person-list"), {"export": "xlsx", "campaign": personas.campaign.pk}
        )
    )
    report = people_import(
        actor=personas.coordinator,
        campaign=personas.campaign,
        data=people,
        filename="people.xlsx",
        dry_run=True,
    )
    assert report.ok, report.errors
    assert report.counts["create"] == 0 and report.counts["memberships"] == 0
    subjects = body(client.get(reverse("subjects:subject-list"), {"export": "csv"}))
    # Titles already exist in the campaign: a re-import says so, line by line.
    report = subjects_import(
        actor=personas.coordinator,
        campaign=personas.campaign,
        data=subjects,
        filename="subjects.csv",
        dry_run=True,
    )
    assert [e.line for e in report.errors] == [2]
    assert "already exists" in report.errors[0].message


@pytest.mark.parametrize("kind", ["people", "subjects", "theses", "milestones", "campaigns"])
def test_cli_export(personas, kind, tmp_path):
    make_milestone(campaign=personas.campaign, title="Dépôt final")
    out = io.StringIO()
    call_command("export", kind, personas.campaign.slug, stdout=out)
    text = out.getvalue()
    assert len(text.strip().splitlines()) >= 2
    path = tmp_path / f"{kind}.xlsx"
    call_command("export", kind, personas.campaign.slug, "-o", str(path), stderr=io.StringIO())
    assert path.read_bytes().startswith(b"PK")
