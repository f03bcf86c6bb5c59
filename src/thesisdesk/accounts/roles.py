"""Moodle course roles → ThesisDesk campaign roles, refreshed at each sign-in.

Each campaign linked to a Moodle course (the Moodle app's `MoodleCourseLink`) maps the
person's role shortnames in that course to ThesisDesk roles through its
`SignInRoleMapping` (or `DEFAULT_SIGNIN_ROLE_MAPPING`). What the mapping gives is added
as memberships; what Moodle no longer gives is taken back, but only when the membership
was created because of Moodle (`MoodleRoleGrant.membership_created`): roles granted
inside ThesisDesk stay. A Moodle role the sync engine gave the person for a role granted
inside ThesisDesk (the link's `role_mapping`) gives nothing more: it is ThesisDesk's own
echo, not a Moodle decision.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from thesisdesk.accounts.models import (
    DEFAULT_SIGNIN_ROLE_MAPPING,
    MoodleRoleGrant,
    SignInRoleMapping,
)
from thesisdesk.campaigns.models import Campaign, Membership, Role

logger = logging.getLogger(__name__)

#: LTI 1.3 context roles (the end of the role URI) → the Moodle role shortname they stand
#: for, so that a launch's roles go through the same campaign mapping as Moodle's roles.
LTI_ROLE_SHORTNAMES = {
    "Learner": "student",
    "Instructor": "editingteacher",
    "TeachingAssistant": "teacher",
    "ContentDeveloper": "editingteacher",
    "Administrator": "manager",
}


def lti_roles_to_shortnames(roles: Iterable[str]) -> frozenset[str]:
    """Moodle-like shortnames for the context roles of an LTI launch.

    Only context (membership) roles count: institution and system roles (a Moodle site
    administrator is sent as `institution/person#Administrator`) say nothing about the
    course. Short forms (`Instructor`) are accepted as the specification allows.
    """
    names: set[str] = set()
    for role in roles:
        if "/institution/" in role or "/system/" in role:
            continue
        name = role.rsplit("#", 1)[-1]
        # Sub-roles are "membership/Instructor#TeachingAssistant": keep the sub-role.
        shortname = LTI_ROLE_SHORTNAMES.get(name)
        if shortname:
            names.add(shortname)
    return frozenset(names)


def mapping_for(campaign: Campaign) -> dict[str, list[str]]:
    """The campaign's Moodle role → ThesisDesk roles mapping (defaults if none set)."""
    try:
        mapping = campaign.signin_role_mapping.mapping
    except SignInRoleMapping.DoesNotExist:
        mapping = None
    if not mapping:
        return {key: list(value) for key, value in DEFAULT_SIGNIN_ROLE_MAPPING.items()}
    return {str(key): [str(r) for r in value] for key, value in mapping.items()}


def map_roles(
    mapping: Mapping[str, Iterable[str]], moodle_roles: Iterable[str]
) -> dict[str, list[str]]:
    """ThesisDesk role → the Moodle roles that give it."""
    given: dict[str, list[str]] = {}
    for moodle_role in sorted(set(moodle_roles)):
        for role in mapping.get(moodle_role, ()):
            if role in Role.values:
                given.setdefault(role, []).append(moodle_role)
    return given


def campaign_courses() -> list[tuple[Campaign, int]]:
    """Active campaigns linked to a Moodle course, with the course id."""
    try:
        from thesisdesk.moodle.models import MoodleCourseLink
    except ImportError:
        return []
    links = MoodleCourseLink.objects.select_related("campaign", "campaign__moodle_link").filter(
        campaign__is_archived=False
    )
    result: list[tuple[Campaign, int]] = []
    for link in links:
        course_id = getattr(link, "courseid", None) or getattr(link, "course_id", None)
        if course_id:
            result.append((link.campaign, int(course_id)))
    return result


def roles_enrolled_by_thesisdesk(campaign: Campaign, roles: Iterable[str]) -> set[str]:
    """The Moodle roles the sync engine enrols a person with for their ThesisDesk `roles`.

    Such a Moodle role is explained by the ThesisDesk role and gives nothing more at
    sign-in: without this, a co-supervisor enrolled as `editingteacher` by the sync would
    come back as a supervisor, a reader enrolled as `teacher` likewise.
    """
    link = getattr(campaign, "moodle_link", None)
    enrol_mapping = getattr(link, "role_mapping", None) or {}
    return {str(enrol_mapping[role]) for role in roles if enrol_mapping.get(role)}


@dataclass(frozen=True)
class RoleChange:
    campaign_id: int
    role: str
    change: str  # "added" or "removed"
    moodle_roles: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "campaign": self.campaign_id,
            "role": self.role,
            "change": self.change,
            "moodle_roles": list(self.moodle_roles),
        }


def memberships_sync_from_moodle(
    *,
    person: Any,
    course_roles: Mapping[int, Iterable[str]],
    courses_read: Iterable[int],
    source: str,
    links: list[tuple[Campaign, int]] | None = None,
) -> list[RoleChange]:
    """Make the person's Moodle-given memberships match their course roles.

    Only campaigns whose course is in `courses_read` are touched (Moodle answered for
    them). Returns what changed.
    """
    from thesisdesk.campaigns.services import membership_add, membership_remove

    read = set(courses_read)
    changes: list[RoleChange] = []
    for campaign, course_id in links if links is not None else campaign_courses():
        if course_id not in read:
            continue
        with transaction.atomic():
            grants = {
                grant.role: grant
                for grant in MoodleRoleGrant.objects.select_for_update().filter(
                    campaign=campaign, person=person
                )
            }
            granted_here = {
                role
                for role in Membership.objects.filter(campaign=campaign, person=person).values_list(
                    "role", flat=True
                )
                if role not in grants or not grants[role].membership_created
            }
            deciding = set(course_roles.get(course_id, ())) - roles_enrolled_by_thesisdesk(
                campaign, granted_here
            )
            wanted = map_roles(mapping_for(campaign), deciding)
            for role, moodle_roles in wanted.items():
                grant = grants.get(role)
                if grant is not None:
                    if grant.moodle_roles != moodle_roles:
                        grant.moodle_roles = moodle_roles
                        grant.save(update_fields=["moodle_roles", "synced_at"])
                    if Membership.objects.filter(
                        campaign=campaign, person=person, role=role
                    ).exists():
                        continue
                existed = Membership.objects.filter(
                    campaign=campaign, person=person, role=role
                ).exists()
                membership_add(actor=None, campaign=campaign, person=person, role=role)
                MoodleRoleGrant.objects.update_or_create(
                    campaign=campaign,
                    person=person,
                    role=role,
                    defaults={
                        "moodle_roles": moodle_roles,
                        "membership_created": not existed,
                        "source": source,
                    },
                )
                if not existed:
                    changes.append(RoleChange(campaign.pk, role, "added", tuple(moodle_roles)))
            for role, grant in grants.items():
                if role in wanted:
                    continue
                if grant.membership_created:
                    membership = Membership.objects.filter(
                        campaign=campaign, person=person, role=role
                    ).first()
                    if membership is not None:
                        membership_remove(actor=None, membership=membership)
                        changes.append(
                            RoleChange(campaign.pk, role, "removed", tuple(grant.moodle_roles))
                        )
                grant.delete()
    return changes
