"""Reads on campaigns: a person sees the campaigns they are a member of."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.errors import NotFound
from thesisdesk.core.permissions import all_campaign_roles, is_admin


def campaign_list(*, viewer: Any, include_archived: bool = True) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.all()
    if not is_admin(viewer):
        campaigns = campaigns.filter(pk__in=list(all_campaign_roles(viewer)))
    if not include_archived:
        campaigns = campaigns.filter(is_archived=False)
    return campaigns.order_by("-academic_year", "name", "id")


def campaign_get(
    *, viewer: Any, campaign_id: int | None = None, slug: str | None = None
) -> Campaign:
    campaigns = campaign_list(viewer=viewer)
    campaign = None
    if campaign_id is not None:
        campaign = campaigns.filter(pk=campaign_id).first()
    elif slug:
        campaign = campaigns.filter(slug=slug).first()
    if campaign is None:
        raise NotFound(_("No such campaign, or you are not a member of it."))
    return campaign


def campaign_of_member(*, person: Any, campaign_id: int) -> Campaign:
    """A campaign `person` belongs to (any role); NotFound otherwise."""
    campaign = Campaign.objects.filter(pk=campaign_id, memberships__person=person).first()
    if campaign is None:
        raise NotFound(_("No such campaign, or you are not a member of it."))
    return campaign
