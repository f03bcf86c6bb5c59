from __future__ import annotations

from typing import Any

from thesisdesk.campaigns.models import Membership, Role


def contacts_for_help() -> list[dict[str, Any]]:
    """The coordinators of active campaigns: whom a person without a role may ask."""
    memberships = (
        Membership.objects.filter(role=Role.COORDINATOR, campaign__is_archived=False)
        .select_related("person", "campaign")
        .order_by("campaign__name", "person__last_name", "person__first_name")
    )
    return [
        {"campaign": m.campaign.name, "name": m.person.full_name, "email": m.person.email}
        for m in memberships
    ]
