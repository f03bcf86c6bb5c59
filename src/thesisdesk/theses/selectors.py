"""Reads on theses, limited to what the viewer may see.

A coordinator sees every thesis of their campaigns; anyone else sees only the theses
they are a student, supervisor, co-supervisor or reader of.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.errors import NotFound
from thesisdesk.core.permissions import (
    COORDINATOR,
    SUPERVISOR,
    all_campaign_roles,
    is_admin,
    person_of,
)
from thesisdesk.core.search import icontains, icontains_any
from thesisdesk.people.models import Person
from thesisdesk.theses.models import PEOPLE_ROLES, Thesis, ThesisState

ORDERINGS = {
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "state": ("state", "title", "id"),
    "-state": ("-state", "title", "id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}

_THROUGH: dict[str, Any] = {
    "students": Thesis.students.through,
    "supervisors": Thesis.supervisors.through,
    "co_supervisors": Thesis.co_supervisors.through,
    "readers": Thesis.readers.through,
}


def _involving(person: Person | Any, relations: tuple[str, ...] = tuple(_THROUGH)) -> Q:
    """Theses where `person` holds one of `relations` (subqueries: no duplicate rows)."""
    condition = Q(pk__in=[])
    for relation in relations:
        condition |= Q(pk__in=_THROUGH[relation].objects.filter(person=person).values("thesis_id"))
    return condition


def visible_theses(viewer: Any) -> QuerySet[Thesis]:
    theses = Thesis.objects.all()
    if is_admin(viewer):
        return theses
    roles = all_campaign_roles(viewer)
    person = person_of(viewer)
    if not roles or person is None:
        return theses.none()
    coordinated = [cid for cid, r in roles.items() if COORDINATOR in r]
    elsewhere = [cid for cid in roles if cid not in coordinated]
    # Only look up the viewer's own theses in campaigns they do not coordinate: a plain
    # campaign filter lets the database use its index.
    condition = Q(campaign_id__in=coordinated)
    if elsewhere:
        condition |= Q(campaign_id__in=elsewhere) & _involving(person)
    return theses.filter(condition)


# The person columns list rows show; other columns load on access (one query each).
PERSON_LIST_FIELDS = ("id", "first_name", "last_name", "email", "user_id", "moodle_user_id")


def _people_prefetch(name: str) -> Prefetch[Any]:
    return Prefetch(
        name,
        queryset=Person.objects.only(*PERSON_LIST_FIELDS).order_by("last_name", "first_name", "id"),
    )


def with_details(theses: QuerySet[Thesis]) -> QuerySet[Thesis]:
    """Everything a list row shows, in a constant number of queries."""
    return theses.select_related("campaign", "subject").prefetch_related(
        _people_prefetch("students"),
        _people_prefetch("supervisors"),
        _people_prefetch("co_supervisors"),
        _people_prefetch("readers"),
    )


def thesis_list(
    *,
    viewer: Any,
    campaign: Campaign | None = None,
    state: str | list[str] | None = None,
    person: Person | None = None,
    supervisor: Person | None = None,
    search: str = "",
    ordering: str = "title",
) -> QuerySet[Thesis]:
    """Theses the viewer may see. `person`: theses involving them in any role."""
    theses = visible_theses(viewer)
    if campaign is not None:
        theses = theses.filter(campaign=campaign)
    if state:
        theses = theses.filter(state__in=[state] if isinstance(state, str) else state)
    if person is not None:
        theses = theses.filter(_involving(person))
    if supervisor is not None:
        theses = theses.filter(_involving(supervisor, ("supervisors", "co_supervisors")))
    for word in search.split():
        matching_people = Person.objects.filter(
            icontains_any(["first_name", "last_name"], word)
        ).values("pk")
        theses = theses.filter(
            icontains("title", word)
            | Q(
                pk__in=_THROUGH["students"]
                .objects.filter(person__in=matching_people)
                .values("thesis_id")
            )
            | Q(
                pk__in=_THROUGH["supervisors"]
                .objects.filter(person__in=matching_people)
                .values("thesis_id")
            )
        )
    return with_details(theses).order_by(*ORDERINGS.get(ordering, ORDERINGS["title"]))


def thesis_get(*, viewer: Any, thesis_id: int) -> Thesis:
    thesis = with_details(visible_theses(viewer)).filter(pk=thesis_id).first()
    if thesis is None:
        raise NotFound(_("No such thesis, or you may not see it."))
    return thesis


def theses_needing_action(*, viewer: Any) -> QuerySet[Thesis]:
    """Theses waiting for the viewer: proposals to start (their supervisors), deposited
    theses to mark defended and defended ones to grade (coordinators)."""
    person = person_of(viewer)
    if is_admin(viewer):
        condition = Q(state__in=[ThesisState.DEPOSITED, ThesisState.DEFENDED])
    else:
        roles = all_campaign_roles(viewer)
        coordinated = [cid for cid, r in roles.items() if COORDINATOR in r]
        condition = Q(
            campaign_id__in=coordinated,
            state__in=[ThesisState.PROPOSAL, ThesisState.DEPOSITED, ThesisState.DEFENDED],
        )
        if person is not None and any(SUPERVISOR in r for r in roles.values()):
            condition |= Q(state=ThesisState.PROPOSAL) & _involving(person, ("supervisors",))
    return with_details(Thesis.objects.filter(condition)).order_by("updated_at", "id")


def thesis_counts_by_state(*, viewer: Any, campaign: Campaign | None = None) -> dict[str, int]:
    """{state: number of visible theses} (every state present, zero included)."""
    from django.db.models import Count

    theses = visible_theses(viewer)
    if campaign is not None:
        theses = theses.filter(campaign=campaign)
    counts = {state: 0 for state in ThesisState.values}
    for row in theses.order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts


def people_choices(*, viewer: Any, thesis: Thesis) -> dict[str, QuerySet[Person]]:
    """For each group of people on a thesis, the campaign members who may fill it."""
    from thesisdesk.people.selectors import person_list

    return {
        field: person_list(viewer=viewer)
        .filter(memberships__campaign_id=thesis.campaign_id, memberships__role__in=roles)
        .distinct()
        for field, roles in PEOPLE_ROLES.items()
    }
