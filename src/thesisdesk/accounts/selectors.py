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


def moodle_given_roles(campaign_id: int) -> set[tuple[int, str]]:
    """(person id, role) pairs a campaign's people hold only because of their Moodle course
    roles (created at sign-in, not granted in ThesisDesk).

    For the sync engine: these people are already in the Moodle course with the role that
    gave them this membership; enrolling them again with the role mapped back (e.g. a
    non-editing `teacher` who became a supervisor, mapped back to `editingteacher`) would
    raise their rights in Moodle.
    """
    from thesisdesk.accounts.models import MoodleRoleGrant

    return set(
        MoodleRoleGrant.objects.filter(
            campaign_id=campaign_id, membership_created=True
        ).values_list("person_id", "role")
    )
