"""Reads of guideline files: what a campaign member may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.errors import NotFound
from thesisdesk.documents.models import GuidelineFile


def guideline_list(*, campaign: Campaign) -> QuerySet[GuidelineFile]:
    """The campaign's guideline files not removed (removed ones wait for Moodle's copy to go)."""
    return GuidelineFile.objects.filter(campaign=campaign, removed_at__isnull=True)


def guideline_get(*, viewer: Any, guideline_id: int) -> GuidelineFile:
    """A guideline file of a campaign the viewer belongs to; NotFound otherwise."""
    row = GuidelineFile.objects.filter(pk=guideline_id, removed_at__isnull=True).first()
    if row is None:
        raise NotFound(_("No such file."))
    campaign_get(viewer=viewer, campaign_id=row.campaign_id)  # NotFound for outsiders
    return row
