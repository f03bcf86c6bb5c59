"""REST endpoints for milestones and extensions: /api/v1/milestones."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.schemas import ERRORS, Pagination, actor
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.milestones.selectors import milestone_get, milestone_list
from thesisdesk.milestones.services import (
    milestone_create,
    milestone_delete,
    milestone_extend,
    milestone_update,
)
from thesisdesk.theses.selectors import thesis_get

router = Router(tags=["milestones"])


class MilestoneOut(Schema):
    id: int
    campaign_id: int
    kind: MilestoneKind
    title: str
    description: str
    opens_at: datetime | None
    due_at: datetime


class MilestoneIn(Schema):
    campaign_id: int
    kind: MilestoneKind
    title: str
    due_at: datetime
    description: str = ""
    opens_at: datetime | None = None


class MilestonePatch(Schema):
    kind: MilestoneKind | None = None
    title: str | None = None
    description: str | None = None
    opens_at: datetime | None = None
    due_at: datetime | None = None


class ExtensionIn(Schema):
    thesis_id: int
    due_at: datetime
    reason: str


class ExtensionOut(Schema):
    id: int
    milestone_id: int
    thesis_id: int
    due_at: datetime
    reason: str


@router.get("", response={200: list[MilestoneOut], **ERRORS})
@paginate(Pagination)
def list_milestones(
    request: HttpRequest,
    campaign: int | None = None,
    kind: MilestoneKind | None = None,
    upcoming: bool = False,
) -> Any:
    """Milestones of your campaigns, soonest first (`upcoming=true`: not yet due)."""
    viewer = actor(request)
    campaign_obj = campaign_get(viewer=viewer, campaign_id=campaign) if campaign else None
    return milestone_list(viewer=viewer, campaign=campaign_obj, kind=kind, upcoming=upcoming)


@router.post("", response={201: MilestoneOut, **ERRORS})
def create_milestone(request: HttpRequest, payload: MilestoneIn) -> Any:
    """Add a milestone to a campaign (its coordinators). Dates are ISO 8601 with an offset."""
    viewer = actor(request)
    values = payload.dict()
    campaign = campaign_get(viewer=viewer, campaign_id=values.pop("campaign_id"))
    return Status(201, milestone_create(actor=viewer, campaign=campaign, **values))


@router.get("/{milestone_id}", response={200: MilestoneOut, **ERRORS})
def get_milestone(request: HttpRequest, milestone_id: int) -> Any:
    return milestone_get(viewer=actor(request), milestone_id=milestone_id)


@router.patch("/{milestone_id}", response={200: MilestoneOut, **ERRORS})
def update_milestone(request: HttpRequest, milestone_id: int, payload: MilestonePatch) -> Any:
    viewer = actor(request)
    milestone = milestone_get(viewer=viewer, milestone_id=milestone_id)
    return milestone_update(actor=viewer, milestone=milestone, **payload.dict(exclude_unset=True))


@router.delete("/{milestone_id}", response={204: None, **ERRORS})
def delete_milestone(request: HttpRequest, milestone_id: int) -> Any:
    viewer = actor(request)
    milestone = milestone_get(viewer=viewer, milestone_id=milestone_id)
    milestone_delete(actor=viewer, milestone=milestone)
    return Status(204, None)


@router.post("/{milestone_id}/extensions", response={201: ExtensionOut, **ERRORS})
def extend_milestone(request: HttpRequest, milestone_id: int, payload: ExtensionIn) -> Any:
    """Give one thesis a later deadline (coordinators, the thesis's supervisors)."""
    viewer = actor(request)
    milestone = milestone_get(viewer=viewer, milestone_id=milestone_id)
    thesis = thesis_get(viewer=viewer, thesis_id=payload.thesis_id)
    extension = milestone_extend(
        actor=viewer,
        milestone=milestone,
        thesis=thesis,
        due_at=payload.due_at,
        reason=payload.reason,
    )
    return Status(201, extension)
