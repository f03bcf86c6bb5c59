"""Reads on people and memberships, limited to what the viewer may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.errors import NotFound
from thesisdesk.core.permissions import (
    COORDINATOR,
    STUDENT,
    all_campaign_roles,
    is_admin,
    person_of,
)
from thesisdesk.core.search import icontains_any
from thesisdesk.people.models import Person


def person_for_user(user: Any) -> Person | None:
    return person_of(user)


def _visible_memberships(viewer: Any) -> QuerySet[Membership]:
    """Memberships the viewer may see.

    Coordinators see every membership of their campaigns. Other members see the staff of
    their campaigns (coordinators, supervisors, co-supervisors, readers) and their own
    memberships; students do not see the list of other students.
    """
    memberships = Membership.objects.all()
    if is_admin(viewer):
        return memberships
    roles = all_campaign_roles(viewer)
    person = person_of(viewer)
    if not roles or person is None:
        return memberships.none()
    coordinated = [cid for cid, r in roles.items() if COORDINATOR in r]
    member_of = list(roles)
    return memberships.filter(
        Q(campaign_id__in=coordinated)
        | Q(
            campaign_id__in=member_of,
            role__in=["coordinator", "supervisor", "co_supervisor", "reader"],
        )
        | Q(person=person)
    )


def person_list(
    *,
    viewer: Any,
    campaign: Campaign | None = None,
    role: str | None = None,
    search: str = "",
    ordering: str = "last_name",
) -> QuerySet[Person]:
    """People the viewer may see, optionally those with `role` in `campaign`."""
    people = Person.objects.all()
    if not is_admin(viewer):
        visible = _visible_memberships(viewer)
        person = person_of(viewer)
        coordinated_any = any(COORDINATOR in r for r in all_campaign_roles(viewer).values())
        condition = Q(pk__in=visible.values("person_id"))
        if person is not None:
            condition |= Q(pk=person.pk)
        if coordinated_any:
            # Coordinators also see people in no campaign yet (just imported).
            condition |= ~Q(pk__in=Membership.objects.values("person_id"))
        people = people.filter(condition)
    if campaign is not None or role:
        scope = Membership.objects.all()
        if campaign is not None:
            scope = scope.filter(campaign=campaign)
        if role:
            scope = scope.filter(role=role)
        people = people.filter(pk__in=scope.values("person_id"))
    if search:
        for word in search.split():
            people = people.filter(icontains_any(["first_name", "last_name", "email"], word))
    allowed_orderings = {"last_name", "-last_name", "first_name", "-first_name", "email", "-email"}
    if ordering not in allowed_orderings:
        ordering = "last_name"
    return people.select_related("user").order_by(ordering, "first_name", "id")


def person_get(*, viewer: Any, person_id: int) -> Person:
    person = person_list(viewer=viewer).filter(pk=person_id).first()
    if person is None:
        raise NotFound(_("No such person, or you may not see them."))
    return person


def membership_list(
    *,
    viewer: Any,
    campaign: Campaign | None = None,
    role: str | None = None,
    person: Person | None = None,
) -> QuerySet[Membership]:
    memberships = _visible_memberships(viewer)
    if campaign is not None:
        memberships = memberships.filter(campaign=campaign)
    if role:
        memberships = memberships.filter(role=role)
    if person is not None:
        memberships = memberships.filter(person=person)
    return memberships.select_related("campaign", "person").order_by(
        "campaign_id", "role", "person__last_name", "person__first_name", "id"
    )


def students_without_thesis(*, viewer: Any, campaign: Campaign) -> QuerySet[Person]:
    """Students of `campaign` with no thesis that is still going (for coordinators)."""
    from thesisdesk.theses.models import Thesis, ThesisState

    busy = Thesis.objects.filter(campaign=campaign).exclude(state=ThesisState.ABANDONED)
    return person_list(viewer=viewer, campaign=campaign, role=STUDENT).exclude(
        pk__in=busy.values("students")
    )
