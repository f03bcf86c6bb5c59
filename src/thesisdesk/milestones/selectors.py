"""Reads on milestones: every member of a campaign sees its calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.errors import NotFound
from thesisdesk.core.permissions import all_campaign_roles, is_admin
from thesisdesk.milestones.models import Milestone, MilestoneExtension
from thesisdesk.theses.models import Thesis


def milestone_list(
    *,
    viewer: Any,
    campaign: Campaign | None = None,
    upcoming: bool = False,
    kind: str | None = None,
    now: datetime | None = None,
) -> QuerySet[Milestone]:
    milestones = Milestone.objects.all()
    if not is_admin(viewer):
        milestones = milestones.filter(campaign_id__in=list(all_campaign_roles(viewer)))
    if campaign is not None:
        milestones = milestones.filter(campaign=campaign)
    if kind:
        milestones = milestones.filter(kind=kind)
    if upcoming:
        milestones = milestones.filter(due_at__gte=now or timezone.now())
    return milestones.select_related("campaign").order_by("due_at", "id")


def milestone_get(*, viewer: Any, milestone_id: int) -> Milestone:
    milestone = milestone_list(viewer=viewer).filter(pk=milestone_id).first()
    if milestone is None:
        raise NotFound(_("No such milestone, or you may not see it."))
    return milestone


def milestones_upcoming_for(
    *, viewer: Any, now: datetime | None = None, limit: int = 10
) -> list[Milestone]:
    """The next milestones of the viewer's campaigns, soonest first."""
    return list(milestone_list(viewer=viewer, upcoming=True, now=now)[:limit])


def milestone_due_at(*, milestone: Milestone, thesis: Thesis) -> datetime:
    """The deadline that applies to `thesis`: its extension if it has one."""
    extension = MilestoneExtension.objects.filter(milestone=milestone, thesis=thesis).first()
    return extension.due_at if extension is not None else milestone.due_at


def extension_list(*, milestone: Milestone) -> QuerySet[MilestoneExtension]:
    return milestone.extensions.select_related("thesis", "granted_by").order_by("thesis__title")
