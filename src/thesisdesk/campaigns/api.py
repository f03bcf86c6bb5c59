"""REST endpoints for campaigns and memberships: /api/v1/campaigns."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thesisdesk.campaigns.models import Membership, Role
from thesisdesk.campaigns.selectors import campaign_get, campaign_list
from thesisdesk.campaigns.services import (
    campaign_create,
    campaign_update,
    membership_add,
    membership_remove,
)
from thesisdesk.core.errors import NotFound
from thesisdesk.core.schemas import ERRORS, Pagination, PersonRef, actor, resolve_person
from thesisdesk.people.selectors import membership_list

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    id: int
    name: str
    slug: str
    programme: str
    academic_year: str
    choices_per_student: int
    default_subject_capacity: int
    supervisor_max_load: int
    co_supervision_weight: Decimal
    assign_unranked: bool
    allocation_published_at: datetime | None
    is_archived: bool


class CampaignIn(Schema):
    name: str
    programme: str
    academic_year: str
    slug: str | None = None
    choices_per_student: int | None = None
    default_subject_capacity: int | None = None
    supervisor_max_load: int | None = None
    co_supervision_weight: Decimal | None = None
    assign_unranked: bool | None = None


class CampaignPatch(Schema):
    name: str | None = None
    programme: str | None = None
    academic_year: str | None = None
    choices_per_student: int | None = None
    default_subject_capacity: int | None = None
    supervisor_max_load: int | None = None
    co_supervision_weight: Decimal | None = None
    assign_unranked: bool | None = None
    is_archived: bool | None = None


class MembershipOut(Schema):
    id: int
    campaign_id: int
    role: Role
    person: PersonRef


class MembershipIn(Schema):
    person_id: int
    role: Role


@router.get("", response={200: list[CampaignOut], **ERRORS})
@paginate(Pagination)
def list_campaigns(request: HttpRequest, include_archived: bool = True) -> Any:
    """The campaigns you are a member of (all of them for administrators)."""
    return campaign_list(viewer=actor(request), include_archived=include_archived)


@router.post("", response={201: CampaignOut, **ERRORS})
def create_campaign(request: HttpRequest, payload: CampaignIn) -> Any:
    """Create a campaign (administrators)."""
    values = payload.dict(exclude_none=True)
    campaign = campaign_create(actor=actor(request), **values)
    return Status(201, campaign)


@router.get("/{campaign_id}", response={200: CampaignOut, **ERRORS})
def get_campaign(request: HttpRequest, campaign_id: int) -> Any:
    return campaign_get(viewer=actor(request), campaign_id=campaign_id)


@router.patch("/{campaign_id}", response={200: CampaignOut, **ERRORS})
def update_campaign(request: HttpRequest, campaign_id: int, payload: CampaignPatch) -> Any:
    """Change a campaign's name or rules (its coordinators)."""
    campaign = campaign_get(viewer=actor(request), campaign_id=campaign_id)
    return campaign_update(
        actor=actor(request), campaign=campaign, **payload.dict(exclude_unset=True)
    )


@router.get("/{campaign_id}/memberships", response={200: list[MembershipOut], **ERRORS})
@paginate(Pagination)
def list_memberships(
    request: HttpRequest, campaign_id: int, role: Role | None = None, person: int | None = None
) -> Any:
    """Who holds which role in the campaign (students see the staff and themselves)."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    memberships = membership_list(viewer=viewer, campaign=campaign, role=role)
    if person is not None:
        memberships = memberships.filter(person_id=person)
    return memberships


@router.post("/{campaign_id}/memberships", response={201: MembershipOut, **ERRORS})
def add_membership(request: HttpRequest, campaign_id: int, payload: MembershipIn) -> Any:
    """Give a person a role in the campaign (its coordinators). Idempotent."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    person = resolve_person(viewer, payload.person_id, field="person_id")
    return Status(
        201, membership_add(actor=viewer, campaign=campaign, person=person, role=payload.role)
    )


@router.delete("/{campaign_id}/memberships/{membership_id}", response={204: None, **ERRORS})
def remove_membership(request: HttpRequest, campaign_id: int, membership_id: int) -> Any:
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    membership = membership_list(viewer=viewer, campaign=campaign).filter(pk=membership_id).first()
    if not isinstance(membership, Membership):
        raise NotFound("No such membership in this campaign.")
    membership_remove(actor=viewer, membership=membership)
    return Status(204, None)
