"""Guideline files: type from the content, size limit, pages, and publication to the
simulated Moodle course (upload.php + local_thesisdesk_publish_files); replacing a file
replaces it in the same Moodle activity; removing it removes the activity."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from thesisdesk.core.errors import NotAllowed, ValidationFailed
from thesisdesk.documents import services
from thesisdesk.documents.models import GuidelineFile
from thesisdesk.documents.validation import check_upload

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PDF_V2 = b"%PDF-1.7\n1 0 obj<<>>endobj\n% second version\ntrailer<<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def check(name: str, content: bytes) -> str:
    return check_upload(name, io.BytesIO(content), len(content)).content_type


def test_type_is_read_from_the_content():
    assert check("guide.pdf", PDF) == "application/pdf"
    assert check("modele.docx", docx()).endswith("wordprocessingml.document")
    assert check("notes.txt", "Consignes de rédaction\n".encode()) == "text/plain"
    for name, content in [
        ("guide.pdf", b"MZ\x90\x00" + b"\x00" * 200),  # a Windows program renamed .pdf
        ("modele.docx", PDF),  # a PDF renamed .docx
        ("classeur.xlsx", docx()),  # a Word file renamed .xlsx
        ("notes.txt", b"\x00\x01\x02binary"),
        ("script.exe", b"MZ\x90\x00" + b"\x00" * 200),  # extension not accepted
    ]:
        with pytest.raises(ValidationFailed):
            check(name, content)


def test_size_limit(settings):
    settings.GUIDELINE_MAX_BYTES = 10
    with pytest.raises(ValidationFailed) as error:
        check("guide.pdf", PDF)
    assert "too large" in error.value.message.lower() or "trop" in error.value.message.lower()


def test_only_coordinators_upload(personas):
    with pytest.raises(NotAllowed):
        services.guideline_file_upload(
            actor=personas.supervisor,
            campaign=personas.campaign,
            title="Guide",
            upload=io.BytesIO(PDF),
            filename="guide.pdf",
        )


def test_upload_page_refuses_a_disguised_file(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.coordinator)
    url = f"/documents/campaigns/{personas.campaign.pk}/"
    bad = client.post(
        url,
        {"title": "Guide", "file": SimpleUploadedFile("guide.pdf", b"MZ\x90\x00" + b"\0" * 99)},
    )
    assert bad.status_code == 200
    assert GuidelineFile.objects.count() == 0
    good = client.post(
        url,
        {
            "title": "Guide de rédaction",
            "description": "<p>Lire <b>avant</b><script>alert(1)</script></p>",
            "visible": "on",
            "file": SimpleUploadedFile("guide.pdf", PDF),
        },
    )
    assert good.status_code == 302
    row = GuidelineFile.objects.get()
    assert row.size == len(PDF) and row.content_type == "application/pdf"
    assert "<script" not in row.description and "<b>avant</b>" in row.description
    assert (tmp_path / row.file.name).read_bytes() == PDF
    page = client.get(url).content.decode()
    assert "Guide de rédaction" in page
    download = client.get(f"/documents/{row.pk}/download/")
    assert b"".join(download.streaming_content) == PDF
    client.force_login(personas.outsider)
    assert client.get(f"/documents/{row.pk}/download/").status_code == 404


@pytest.fixture
def linked(personas, moodle_sim, moodle_client, settings, tmp_path):
    from thesisdesk.moodle import services as moodle_services
    from thesisdesk.moodle.sync.gateway import MoodleGateway

    settings.MEDIA_ROOT = tmp_path
    moodle_services.moodle_link_campaign(
        actor=None,
        campaign=personas.campaign,
        shortname="MEM-2026",
        gateway=MoodleGateway(moodle_client),
    )
    return personas, moodle_sim, moodle_client


def moodle_resources(sim, key: str) -> list[tuple[str, bytes]]:
    site = sim.site
    mapping = next(m for m in site.data["mappings"].values() if m["key"] == key)
    cm = site.data["cms"][mapping["objectid"]]
    files = site.area_files(cm["contextid"], "mod_resource", "content", 0)
    return [(f["filename"], site.get_blob(f["blob"])) for f in files if f["filename"] != "."]


def test_publish_then_replace_then_remove_in_moodle(linked):
    personas, sim, client = linked
    row = services.guideline_file_upload(
        actor=personas.coordinator,
        campaign=personas.campaign,
        title="Guide de rédaction",
        upload=io.BytesIO(PDF),
        filename="guide.pdf",
    )
    report = services.guideline_files_publish(campaign=personas.campaign, client=client)
    assert report.published == [row.pk] and not report.failed
    row.refresh_from_db()
    assert row.is_published and row.moodle_cmid
    assert moodle_resources(sim, row.moodle_key) == [("guide.pdf", PDF)]

    again = services.guideline_files_publish(campaign=personas.campaign, client=client)
    assert again.unchanged == [row.pk] and again.published == []

    services.guideline_file_replace(
        actor=personas.coordinator,
        guideline=row,
        upload=io.BytesIO(PDF_V2),
        filename="guide-v2.pdf",
    )
    report = services.guideline_files_publish(campaign=personas.campaign, client=client)
    assert report.published == [row.pk]
    cmid = row.moodle_cmid
    row.refresh_from_db()
    assert row.moodle_cmid == cmid  # the same activity
    assert moodle_resources(sim, row.moodle_key) == [("guide-v2.pdf", PDF_V2)]

    services.guideline_file_remove(actor=personas.coordinator, guideline=row)
    report = services.guideline_files_publish(campaign=personas.campaign, client=client)
    assert report.removed == [row.pk]
    assert not GuidelineFile.objects.exists()
    assert cmid not in sim.site.data["cms"]
    assert not [m for m in sim.site.data["mappings"].values() if m["key"] == row.moodle_key]


def test_publish_command(linked, settings):
    from io import StringIO

    from django.core.management import call_command

    personas, sim, _client = linked
    settings.MOODLE_URL = sim.url
    settings.MOODLE_TOKEN = sim.token("thesisdesk")
    services.guideline_file_upload(
        actor=personas.coordinator,
        campaign=personas.campaign,
        title="Grille",
        upload=io.BytesIO(PDF),
        filename="grille.pdf",
    )
    out = StringIO()
    call_command("documents", "publish", stdout=out)
    assert "info-2026: 1 published, 0 unchanged, 0 removed, 0 failed" in out.getvalue()


def test_the_course_sync_writes_files_and_keeps_them(linked):
    """Guideline files are items of the course like the others: planned, written with the
    file's bytes, never deleted by a sync, and repaired when deleted by hand in Moodle."""
    from thesisdesk.moodle import services as moodle_services
    from thesisdesk.moodle.sync.gateway import MoodleGateway

    personas, sim, client = linked
    gateway = MoodleGateway(client)
    row = services.guideline_file_upload(
        actor=personas.coordinator,
        campaign=personas.campaign,
        title="Modèle de mémoire",
        upload=io.BytesIO(PDF),
        filename="modele.pdf",
    )
    plan = moodle_services.sync_plan(actor=None, campaign=personas.campaign, gateway=gateway)
    assert plan.summary.get("create resource") == 1
    run = moodle_services.sync_enqueue(campaign_id=personas.campaign.pk, trigger="command")
    assert moodle_services.sync_run_execute(run_id=run.pk, gateway=gateway).status == "succeeded"
    row.refresh_from_db()
    assert row.is_published and row.moodle_cmid
    assert moodle_resources(sim, row.moodle_key) == [("modele.pdf", PDF)]

    # Another sync leaves it alone (it used to delete it: not in the engine's desired state).
    plan = moodle_services.sync_plan(actor=None, campaign=personas.campaign, gateway=gateway)
    assert not [a for a in plan.actions if row.moodle_key in {c.key for c in a.changes}]

    # Deleted by hand in Moodle: reported, then repaired with the same bytes.
    sim.site.delete_module(row.moodle_cmid)
    drift = moodle_services.drift_check(campaign_id=personas.campaign.pk, gateway=gateway)
    assert [(d.key, d.change) for d in drift] == [(row.moodle_key, "deleted")]
    run = moodle_services.drift_repair(
        actor=None, campaign=personas.campaign, keys=[row.moodle_key]
    )
    assert moodle_services.sync_run_execute(run_id=run.pk, gateway=gateway).status == "succeeded"
    assert moodle_resources(sim, row.moodle_key) == [("modele.pdf", PDF)]
    assert moodle_services.drift_check(campaign_id=personas.campaign.pk, gateway=gateway) == []


def test_publish_button_queues_a_sync_for_coordinators_only(client, personas):
    from thesisdesk.core import outbox
    from thesisdesk.core.models import AuditEvent

    url = f"/documents/campaigns/{personas.campaign.pk}/publish/"
    told: list[tuple[int, str]] = []

    def listener(campaign_id: int, reason: str) -> None:
        told.append((campaign_id, reason))

    outbox.register(listener)
    try:
        client.force_login(personas.supervisor)
        assert client.post(url).status_code == 403
        client.force_login(personas.outsider)
        assert client.post(url).status_code == 404
        assert told == []
        client.force_login(personas.coordinator)
        assert client.post(url).status_code == 302
    finally:
        outbox.unregister(listener)
    assert told == [(personas.campaign.pk, "guideline_file")]
    assert AuditEvent.objects.filter(action="guideline_file.publish").count() == 1
