"""Deposit pages, downloads streamed from Moodle and the jury's zip, by persona."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.urls import reverse

from thesisdesk.deposits.models import Deposit, DepositFile
from thesisdesk.deposits.services import deposits_poll
from thesisdesk.deposits.tests.conftest import OTHER_STUDENT_ID, STUDENT_ID

pytestmark = pytest.mark.django_db(transaction=True)

MEMOIRE = b"%PDF-1.7 " + bytes(range(256)) * 400
SECOND = b"%PDF-1.7 second thesis"


@pytest.fixture
def deposited(linked):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", MEMOIRE)])
    linked.deposit(
        OTHER_STUDENT_ID,
        linked.second,
        linked.final,
        [("capteurs.pdf", SECOND), ("annexe.txt", b"annexe")],
    )
    deposits_poll(client=linked.client)
    return linked


def file_of(thesis, name):
    return DepositFile.objects.get(deposit__thesis=thesis, filename=name)


def body_of(response):
    return b"".join(response.streaming_content)


def test_coordinator_sees_every_thesis_and_who_deposited(client, linked):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", MEMOIRE)])
    deposits_poll(client=linked.client)
    client.force_login(linked.personas.coordinator)
    page = client.get(reverse("deposits:milestone-deposits", args=[linked.final.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert linked.thesis.title in text and linked.second.title in text
    assert "memoire.pdf" in text
    assert "Not deposited" in text  # the second thesis
    assert "1 of 2 theses deposited" in text


@pytest.mark.parametrize(
    ("persona", "sees_first", "sees_second"),
    [
        ("coordinator", True, True),
        ("supervisor", True, True),
        ("co_supervisor", True, False),
        ("reader", True, False),
        ("student", True, False),
        ("other_student", False, True),
    ],
)
def test_each_persona_sees_and_downloads_only_what_they_may(
    client, deposited, persona, sees_first, sees_second
):
    client.force_login(getattr(deposited.personas, persona))
    page = client.get(reverse("deposits:milestone-deposits", args=[deposited.final.pk]))
    text = page.content.decode()
    assert (deposited.thesis.title in text) is sees_first
    assert (deposited.second.title in text) is sees_second

    first = client.get(
        reverse("deposits:file-download", args=[file_of(deposited.thesis, "memoire.pdf").pk])
    )
    second = client.get(
        reverse("deposits:file-download", args=[file_of(deposited.second, "capteurs.pdf").pk])
    )
    assert first.status_code == (200 if sees_first else 404)
    assert second.status_code == (200 if sees_second else 404)
    if sees_first:
        assert body_of(first) == MEMOIRE
        assert 'filename="memoire.pdf"' in first["Content-Disposition"]
    if sees_second:
        assert body_of(second) == SECOND


def test_outsider_sees_nothing(client, deposited):
    client.force_login(deposited.personas.outsider)
    assert (
        client.get(reverse("deposits:milestone-deposits", args=[deposited.final.pk])).status_code
        == 404
    )
    url = reverse("deposits:file-download", args=[file_of(deposited.thesis, "memoire.pdf").pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(reverse("deposits:thesis-deposits", args=[deposited.thesis.pk])).status_code
        == 404
    )


def test_anonymous_is_sent_to_sign_in(client, deposited):
    url = reverse("deposits:file-download", args=[file_of(deposited.thesis, "memoire.pdf").pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_thesis_page_lists_each_deposit_milestone(client, deposited):
    client.force_login(deposited.personas.student)
    page = client.get(reverse("deposits:thesis-deposits", args=[deposited.thesis.pk]))
    text = page.content.decode()
    assert "Dépôt final" in text and "Plan" in text
    assert "memoire.pdf" in text
    assert "Not deposited" in text  # the plan


def test_download_when_moodle_lost_the_file(client, deposited):
    file = file_of(deposited.thesis, "memoire.pdf")
    for stored in list(deposited.sim.site.data["files"].values()):
        if stored["filename"] == "memoire.pdf":
            deposited.sim.site.data["files"].pop(stored["id"])
    client.force_login(deposited.personas.supervisor)
    response = client.get(reverse("deposits:file-download", args=[file.pk]))
    assert response.status_code == 502
    assert "could not be read" in response.content.decode()


def test_jury_zip_holds_every_final_deposit(client, deposited):
    client.force_login(deposited.personas.coordinator)
    response = client.get(reverse("deposits:campaign-final-zip", args=[deposited.campaign.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response.streaming
    archive = zipfile.ZipFile(io.BytesIO(body_of(response)))
    assert archive.testzip() is None
    names = sorted(archive.namelist())
    assert len(names) == 3
    by_name = {name.rsplit("/", 1)[-1]: name for name in names}
    assert archive.read(by_name["memoire.pdf"]) == MEMOIRE
    assert archive.read(by_name["capteurs.pdf"]) == SECOND
    assert archive.read(by_name["annexe.txt"]) == b"annexe"
    assert by_name["memoire.pdf"].startswith(f"{deposited.thesis.pk} ")


def test_readers_zip_holds_only_the_theses_they_read(client, deposited):
    client.force_login(deposited.personas.reader)
    response = client.get(reverse("deposits:campaign-final-zip", args=[deposited.campaign.pk]))
    archive = zipfile.ZipFile(io.BytesIO(body_of(response)))
    assert [name.rsplit("/", 1)[-1] for name in archive.namelist()] == ["memoire.pdf"]


def test_zip_names_a_file_moodle_would_not_give_in_errors_txt(client, deposited):
    for stored in list(deposited.sim.site.data["files"].values()):
        if stored["filename"] == "capteurs.pdf":
            deposited.sim.site.data["files"].pop(stored["id"])
    client.force_login(deposited.personas.coordinator)
    response = client.get(reverse("deposits:campaign-final-zip", args=[deposited.campaign.pk]))
    archive = zipfile.ZipFile(io.BytesIO(body_of(response)))
    errors = archive.read("ERRORS.txt").decode()
    assert "capteurs.pdf" in errors
    memoire = next(n for n in archive.namelist() if n.endswith("memoire.pdf"))
    assert archive.read(memoire) == MEMOIRE


def test_deposit_index_lists_deposit_milestones(client, deposited):
    client.force_login(deposited.personas.reader)
    text = client.get(reverse("deposits:deposit-list")).content.decode()
    assert "Dépôt final" in text and "Plan" in text
    assert Deposit.objects.count() == 2


def test_the_jury_zip_is_offered_to_readers_not_to_students(client, deposited):
    zip_url = reverse("deposits:campaign-final-zip", args=[deposited.campaign.pk])
    final_page = reverse("deposits:milestone-deposits", args=[deposited.final.pk])
    for persona, offered in (("reader", True), ("coordinator", True), ("student", False)):
        client.force_login(getattr(deposited.personas, persona))
        index = client.get(reverse("deposits:deposit-list")).content.decode()
        final = client.get(final_page).content.decode()
        assert (zip_url in index, zip_url in final) == (offered, offered), persona


def test_thesis_page_headers_name_each_column_once(client, deposited, settings):
    client.force_login(deposited.personas.supervisor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"  # what the language switch sets
    page = client.get(reverse("deposits:thesis-deposits", args=[deposited.thesis.pk]))
    headers = re.findall(r'<th scope="col">([^<]*)</th>', page.content.decode())
    assert "Échéance" in headers  # French, where "Milestone" and "Due at" read the same
    assert len(headers) == 4 and len(set(headers)) == 4, headers
