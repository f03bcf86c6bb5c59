"""Reads on subjects, limited to what the viewer may see.

A coordinator sees every subject of their campaigns. Any member sees the published
subjects of their campaigns. Supervisors and co-supervisors also see their own subjects
in every state and the students' proposals addressed to them (or to nobody); students
see their own proposals. Nobody sees the subjects of a campaign they are not in.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
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
from thesisdesk.subjects.models import Subject, SubjectState

ORDERINGS = {
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "state": ("state", "title", "id"),
    "-state": ("-state", "title", "id"),
    "supervisor": ("supervisor__last_name", "supervisor__first_name", "title", "id"),
    "-supervisor": ("-supervisor__last_name", "-supervisor__first_name", "title", "id"),
    "capacity": ("capacity", "title", "id"),
    "-capacity": ("-capacity", "title", "id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}


def visible_subjects(viewer: Any) -> QuerySet[Subject]:
    subjects = Subject.objects.all()
    if is_admin(viewer):
        return subjects
    roles = all_campaign_roles(viewer)
    person = person_of(viewer)
    if not roles or person is None:
        return subjects.none()
    coordinated = [cid for cid, r in roles.items() if COORDINATOR in r]
    supervising = [cid for cid, r in roles.items() if SUPERVISOR in r]
    member_of = list(roles)
    own = (
        Q(supervisor=person)
        | Q(proposed_by=person)
        | Q(
            pk__in=Subject.co_supervisors.through.objects.filter(person=person).values("subject_id")
        )
    )
    addressed_to_me = Q(
        campaign_id__in=supervising,
        state=SubjectState.PROPOSED_BY_STUDENT,
    ) & (Q(supervisor__isnull=True) | Q(supervisor=person))
    elsewhere = [cid for cid in member_of if cid not in coordinated]
    condition = Q(campaign_id__in=coordinated)
    if elsewhere:
        condition |= Q(campaign_id__in=elsewhere) & (
            Q(state=SubjectState.PUBLISHED) | own | addressed_to_me
        )
    return subjects.filter(condition)


def _with_details(subjects: QuerySet[Subject]) -> QuerySet[Subject]:
    from thesisdesk.theses.models import Thesis, ThesisState

    taken = (
        Thesis.objects.filter(subject=OuterRef("pk"))
        .exclude(state=ThesisState.ABANDONED)
        .order_by()
        .values("subject")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        subjects.select_related("campaign", "supervisor", "proposed_by")
        .prefetch_related("co_supervisors")
        .annotate(
            thesis_count=Coalesce(
                Subquery(taken, output_field=IntegerField()), Value(0), output_field=IntegerField()
            )
        )
    )


def subject_list(
    *,
    viewer: Any,
    campaign: Campaign | None = None,
    state: str | list[str] | None = None,
    supervisor: Person | None = None,
    search: str = "",
    keyword: str = "",
    ordering: str = "title",
) -> QuerySet[Subject]:
    """Subjects the viewer may see, filtered; each has `thesis_count` (theses still going)."""
    subjects = visible_subjects(viewer)
    if campaign is not None:
        subjects = subjects.filter(campaign=campaign)
    if state:
        subjects = subjects.filter(state__in=[state] if isinstance(state, str) else state)
    if supervisor is not None:
        subjects = subjects.filter(Q(supervisor=supervisor) | Q(co_supervisors=supervisor))
    if keyword:
        subjects = subjects.filter(icontains("keywords", keyword))
    for word in search.split():
        subjects = subjects.filter(
            icontains_any(
                ["title", "keywords", "supervisor__last_name", "supervisor__first_name"], word
            )
        )
    if supervisor is not None:
        subjects = subjects.distinct()
    return _with_details(subjects).order_by(*ORDERINGS.get(ordering, ORDERINGS["title"]))


def subject_get(*, viewer: Any, subject_id: int) -> Subject:
    subject = _with_details(visible_subjects(viewer)).filter(pk=subject_id).first()
    if subject is None:
        raise NotFound(_("No such subject, or you may not see it."))
    return subject


def subjects_needing_action(*, viewer: Any) -> QuerySet[Subject]:
    """What waits for the viewer: proposals to approve and approved subjects to publish
    (coordinators), students' proposals to accept or decline (supervisors)."""
    if is_admin(viewer):
        return _with_details(
            Subject.objects.filter(state__in=[SubjectState.PROPOSED, SubjectState.APPROVED])
        ).order_by("created_at", "id")
    roles = all_campaign_roles(viewer)
    person = person_of(viewer)
    if person is None:
        return Subject.objects.none()
    coordinated = [cid for cid, r in roles.items() if COORDINATOR in r]
    supervising = [cid for cid, r in roles.items() if SUPERVISOR in r]
    condition = Q(
        campaign_id__in=coordinated, state__in=[SubjectState.PROPOSED, SubjectState.APPROVED]
    ) | Q(
        Q(supervisor__isnull=True) | Q(supervisor=person),
        campaign_id__in=supervising,
        state=SubjectState.PROPOSED_BY_STUDENT,
    )
    return _with_details(Subject.objects.filter(condition)).order_by("created_at", "id")


def subject_counts_by_state(*, viewer: Any, campaign: Campaign | None = None) -> dict[str, int]:
    """{state: number of visible subjects} (every state present, zero included)."""
    subjects = visible_subjects(viewer)
    if campaign is not None:
        subjects = subjects.filter(campaign=campaign)
    counts = {state: 0 for state in SubjectState.values}
    for row in subjects.order_by().values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    return counts
