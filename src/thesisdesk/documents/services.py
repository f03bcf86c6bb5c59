"""Guideline file services: upload, replace, remove (coordinators), and publishing to the
campaign's Moodle course (webservice/upload.php, then local_thesisdesk_publish_files)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core import outbox
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import NotAllowed, ValidationFailed
from thesisdesk.core.html import sanitize_html
from thesisdesk.core.permissions import coordinated_campaign_ids, is_admin
from thesisdesk.documents.models import GuidelineFile
from thesisdesk.documents.validation import check_upload


def can_manage(actor: Any, campaign_id: int) -> bool:
    return is_admin(actor) or campaign_id in coordinated_campaign_ids(actor)


def _require_manage(actor: Any, campaign_id: int) -> None:
    if not can_manage(actor, campaign_id):
        raise NotAllowed(_("Only the campaign's coordinators manage its guideline files."))


def _digest(stream: IO[bytes]) -> tuple[str, int]:
    stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(1024 * 1024):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return digest.hexdigest(), size


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _schedule_publish(campaign_id: int) -> None:
    """The course's files are part of what Moodle shows: the sync engine writes them."""
    outbox.campaign_changed(campaign_id, reason="guideline_file")


def guideline_files_publish_request(*, actor: Any, campaign: Campaign) -> None:
    """The "Publish to Moodle now" button: ask the worker to sync the campaign's course."""
    _require_manage(actor, campaign.pk)
    with transaction.atomic():
        audit_record(actor=actor, action="guideline_file.publish", target=campaign)
        _schedule_publish(campaign.pk)


def guideline_file_upload(
    *,
    actor: Any,
    campaign: Campaign,
    title: str,
    upload: IO[bytes],
    filename: str,
    description: str = "",
    visible: bool = True,
) -> GuidelineFile:
    """Store a new guideline file (checked: size and type from the content)."""
    _require_manage(actor, campaign.pk)
    title = (title or "").strip()
    if not title:
        raise ValidationFailed(_("Give the file a title."), errors={"title": [_("Required.")]})
    sha256, size = _digest(upload)
    checked = check_upload(filename, upload, size)
    with transaction.atomic():
        row = GuidelineFile(
            campaign=campaign,
            title=title,
            description=sanitize_html(description),
            filename=checked.filename,
            content_type=checked.content_type,
            size=size,
            sha256=sha256,
            visible=visible,
            uploaded_by=_user(actor),
        )
        row.file.save(checked.filename, File(upload, name=checked.filename), save=False)
        row.save()
        audit_record(actor=actor, action="guideline_file.upload", target=row, data={"size": size})
        _schedule_publish(campaign.pk)
    return row


def guideline_file_replace(
    *, actor: Any, guideline: GuidelineFile, upload: IO[bytes], filename: str
) -> GuidelineFile:
    """A new version of the file: same Moodle activity, its file replaced."""
    _require_manage(actor, guideline.campaign_id)
    sha256, size = _digest(upload)
    checked = check_upload(filename, upload, size)
    old_name = guideline.file.name
    with transaction.atomic():
        guideline.file.save(checked.filename, File(upload, name=checked.filename), save=False)
        guideline.filename = checked.filename
        guideline.content_type = checked.content_type
        guideline.size = size
        guideline.sha256 = sha256
        guideline.uploaded_by = _user(actor)
        guideline.save()
        audit_record(
            actor=actor, action="guideline_file.replace", target=guideline, data={"size": size}
        )
        _schedule_publish(guideline.campaign_id)
    if old_name and old_name != guideline.file.name:
        storage = guideline.file.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return guideline


def guideline_file_update(
    *, actor: Any, guideline: GuidelineFile, title: str, description: str, visible: bool
) -> GuidelineFile:
    _require_manage(actor, guideline.campaign_id)
    with transaction.atomic():
        guideline.title = title.strip() or guideline.title
        guideline.description = sanitize_html(description)
        guideline.visible = visible
        guideline.save()
        audit_record(actor=actor, action="guideline_file.update", target=guideline)
        _schedule_publish(guideline.campaign_id)
    return guideline


def guideline_file_remove(*, actor: Any, guideline: GuidelineFile) -> None:
    """Remove the file; Moodle's copy is deleted at the next publication."""
    _require_manage(actor, guideline.campaign_id)
    with transaction.atomic():
        audit_record(actor=actor, action="guideline_file.remove", target=guideline)
        if guideline.published_fingerprint:
            guideline.removed_at = timezone.now()
            guideline.save(update_fields=["removed_at", "updated_at"])
            _schedule_publish(guideline.campaign_id)
        else:
            storage, name = guideline.file.storage, guideline.file.name
            guideline.delete()
            transaction.on_commit(lambda: storage.delete(name))


@dataclass
class PublishReport:
    published: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)


def _client() -> Any:
    from thesisdesk.moodle.client import MoodleClient

    return MoodleClient.from_settings()


def guideline_files_publish(*, campaign: Campaign, client: Any | None = None) -> PublishReport:
    """Bring the course's guideline files in line now, and say what became of each.

    The files travel with the rest of the course: this runs the campaign's sync (the
    engine uploads new or replaced files to the draft area and attaches them by key, the
    same activity on replacement, and deletes removed ones; documents/moodle.py keeps what
    Moodle received on each row). Descriptions are sanitized again on the way.
    """
    from thesisdesk.moodle import services as moodle_services
    from thesisdesk.moodle.models import MoodleCourseLink, SyncRun
    from thesisdesk.moodle.sync.gateway import MoodleGateway

    if not MoodleCourseLink.objects.filter(campaign=campaign).exists():
        raise ValidationFailed(_("This campaign is not linked to a Moodle course."))
    before = {row.pk: row.is_published for row in GuidelineFile.objects.filter(campaign=campaign)}
    run = moodle_services.sync_enqueue(campaign_id=campaign.pk, trigger=SyncRun.Trigger.COMMAND)
    run = moodle_services.sync_run_execute(
        run_id=run.pk, gateway=MoodleGateway(client or _client())
    )
    report = PublishReport()
    after = {row.pk: row for row in GuidelineFile.objects.filter(campaign=campaign)}
    for pk, was_published in before.items():
        row = after.get(pk)
        if row is None:
            report.removed.append(pk)
        elif row.is_published and row.removed_at is None:
            (report.unchanged if was_published else report.published).append(pk)
        else:
            report.failed[pk] = row.publish_error or run.error or _("Not published yet.")
    return report
