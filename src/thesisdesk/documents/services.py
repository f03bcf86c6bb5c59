"""Guideline file services: upload, replace, remove (coordinators), and publishing to the
campaign's Moodle course (webservice/upload.php, then local_thesisdesk_publish_files)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import NotAllowed, ValidationFailed
from thesisdesk.core.html import sanitize_html
from thesisdesk.core.permissions import coordinated_campaign_ids, is_admin
from thesisdesk.documents.models import GuidelineFile
from thesisdesk.documents.validation import check_upload

logger = logging.getLogger("thesisdesk.documents")


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
    def enqueue() -> None:
        from thesisdesk.documents.tasks import publish_guideline_files

        try:
            publish_guideline_files.enqueue(campaign_id)
        except Exception:  # the page shows "not published"; a later change retries
            logger.exception("Could not queue publishing guideline files of %s", campaign_id)

    transaction.on_commit(enqueue)


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
    """Make the course's resources match the campaign's guideline files.

    Files whose fingerprint Moodle already has are left alone; a new or replaced file is
    uploaded to the draft area and attached by key (same activity on replacement);
    removed ones are deleted from Moodle. Descriptions are sanitized again on the way.
    """
    from thesisdesk.moodle.client.errors import MoodleConnectionError, MoodleError, MoodleTimeout
    from thesisdesk.moodle.models import MoodleCourseLink

    report = PublishReport()
    link = MoodleCourseLink.objects.filter(campaign=campaign).first()
    if link is None:
        raise ValidationFailed(_("This campaign is not linked to a Moodle course."))
    client = client or _client()
    rows = list(GuidelineFile.objects.filter(campaign=campaign))
    removed = [row for row in rows if row.removed_at is not None]
    if removed:
        try:
            answer = client.local_thesisdesk_delete_items(
                courseid=link.courseid, keys=[row.moodle_key for row in removed]
            )
        except (MoodleError, MoodleConnectionError, MoodleTimeout) as error:
            for row in removed:
                report.failed[row.pk] = str(error)
        else:
            results = {item["key"]: item for item in answer.model_dump()["items"]}
            for row in removed:
                result = results.get(row.moodle_key, {})
                # Deleted now, or already gone from Moodle (deleted by hand).
                if result.get("status") == "deleted" or result.get("errorcode") == "unknownkey":
                    storage, name, pk = row.file.storage, row.file.name, row.pk
                    row.delete()
                    storage.delete(name)
                    report.removed.append(pk)
                else:
                    message = f"{result.get('errorcode')}: {result.get('message')}"
                    GuidelineFile.objects.filter(pk=row.pk).update(publish_error=message)
                    report.failed[row.pk] = message
    for row in rows:
        if row.removed_at is not None:
            continue
        if row.is_published:
            report.unchanged.append(row.pk)
            continue
        fingerprint = row.fingerprint
        try:
            with row.file.open("rb") as handle:
                upload = client.upload([(row.filename, handle.read(), row.content_type)])
            answer = client.local_thesisdesk_publish_files(
                courseid=link.courseid,
                items=[
                    {
                        "key": row.moodle_key,
                        "type": "resource",
                        "name": row.title,
                        "intro": sanitize_html(row.description),
                        "draftitemid": upload.itemid,
                        "visible": 1 if row.visible else 0,
                        "fingerprint": fingerprint,
                    }
                ],
            )
            result = answer.model_dump()["items"][0]
            if result["status"] == "error":
                raise ValueError(f"{result.get('errorcode')}: {result.get('message')}")
        except (MoodleError, MoodleConnectionError, MoodleTimeout, ValueError, OSError) as error:
            GuidelineFile.objects.filter(pk=row.pk).update(publish_error=str(error)[:2000])
            report.failed[row.pk] = str(error)
            continue
        GuidelineFile.objects.filter(pk=row.pk).update(
            published_fingerprint=fingerprint,
            published_at=timezone.now(),
            moodle_cmid=result.get("cmid") or None,
            publish_error="",
        )
        report.published.append(row.pk)
    return report
