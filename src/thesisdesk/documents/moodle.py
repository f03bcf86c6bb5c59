"""The guideline files as the sync engine sees them: desired items, their bytes, and the
bookkeeping of what Moodle received. Registered in DocumentsConfig.ready()."""

from __future__ import annotations

import re
from typing import IO

from django.db import transaction
from django.utils import timezone

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.html import sanitize_html
from thesisdesk.documents.models import GuidelineFile
from thesisdesk.moodle.sync.files import FileOutcome
from thesisdesk.moodle.sync.state import DesiredFile

_KEY = re.compile(r"^campaign:(\d+)/guideline:(\d+)/resource$")


def _row(key: str) -> GuidelineFile | None:
    match = _KEY.match(key)
    if match is None:
        return None
    return GuidelineFile.objects.filter(campaign_id=match[1], pk=match[2]).first()


def desired_files(campaign: Campaign) -> tuple[DesiredFile, ...]:
    """Every guideline file of the campaign not removed, as a resource in section 0."""
    rows = GuidelineFile.objects.filter(campaign=campaign, removed_at__isnull=True).order_by("pk")
    return tuple(
        DesiredFile(
            key=row.moodle_key,
            name=row.title,
            intro=sanitize_html(row.description),
            visible=row.visible,
            content=f"{row.sha256}:{row.filename}",
        )
        for row in rows
    )


def open_file(key: str) -> tuple[str, IO[bytes], str] | None:
    row = _row(key)
    if row is None or row.removed_at is not None:
        return None
    return row.filename, row.file.open("rb"), row.content_type


def record(outcome: FileOutcome) -> None:
    """Keep what Moodle received on the row; finish a removal once Moodle's copy is gone."""
    row = _row(outcome.key)
    if row is None:
        return
    if outcome.op == "delete":
        gone = outcome.status == "deleted" or outcome.errorcode == "unknownkey"
        if row.removed_at is not None and gone:
            storage, name = row.file.storage, row.file.name
            row.delete()
            transaction.on_commit(lambda: storage.delete(name))
        elif not gone:
            GuidelineFile.objects.filter(pk=row.pk).update(
                publish_error=f"{outcome.errorcode}: {outcome.message}"[:2000]
            )
        return
    if outcome.status == "error":
        GuidelineFile.objects.filter(pk=row.pk).update(
            publish_error=f"{outcome.errorcode}: {outcome.message}"[:2000]
        )
        return
    GuidelineFile.objects.filter(pk=row.pk).update(
        published_fingerprint=row.fingerprint,
        published_at=timezone.now(),
        moodle_cmid=outcome.cmid or row.moodle_cmid,
        publish_error="",
    )
