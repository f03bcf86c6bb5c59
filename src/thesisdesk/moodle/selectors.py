"""Reads for the Moodle pages: a campaign's link, runs and open failures."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core import permissions
from thesisdesk.core.errors import NotAllowed, NotFound
from thesisdesk.moodle.models import MoodleCourseLink, SyncFailure, SyncRun


def moodle_campaign_get(*, viewer: Any, campaign_id: int) -> Campaign:
    """The campaign, if the viewer may manage its Moodle course (its coordinators, staff)."""
    from thesisdesk.campaigns.selectors import campaign_get

    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    if not permissions.allowed(viewer, permissions.Action.CAMPAIGN_UPDATE, campaign):
        raise NotAllowed("Only the campaign's coordinators manage its Moodle course.")
    return campaign


def course_link_for(campaign: Campaign) -> MoodleCourseLink | None:
    return MoodleCourseLink.objects.filter(campaign=campaign).first()


def sync_run_list(*, campaign: Campaign, limit: int = 20) -> QuerySet[SyncRun]:
    return SyncRun.objects.filter(campaign=campaign).select_related("requested_by")[:limit]


def sync_run_get(*, viewer: Any, run_id: int) -> SyncRun:
    run = SyncRun.objects.select_related("campaign", "requested_by").filter(pk=run_id).first()
    if run is None:
        raise NotFound("No such sync run.")
    moodle_campaign_get(viewer=viewer, campaign_id=run.campaign_id)
    return run


def open_failures(*, campaign: Campaign) -> QuerySet[SyncFailure]:
    return SyncFailure.objects.filter(campaign=campaign, resolved_at__isnull=True).select_related(
        "run"
    )
