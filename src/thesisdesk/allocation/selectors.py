"""Reads for the allocation: the choice window, rankings, the solver instance, runs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.allocation.models import (
    AllocationForbidden,
    AllocationLock,
    AllocationRun,
    PartnerRequest,
    Preference,
)
from thesisdesk.allocation.policy import can_manage
from thesisdesk.campaigns.models import Campaign, Role
from thesisdesk.core.errors import NotFound
from thesisdesk.milestones.models import Milestone, MilestoneKind
from thesisdesk.people.models import Person
from thesisdesk.subjects.models import Subject, SubjectState
from thesisdesk.theses.models import Thesis, ThesisState

RUN_TIME_LIMIT = 120.0  # seconds


def student_key(person_id: int) -> str:
    return f"s{person_id}"


def subject_key(subject_id: int) -> str:
    return f"p{subject_id}"


def supervisor_key(person_id: int) -> str:
    return f"t{person_id}"


def key_id(key: str) -> int:
    return int(key[1:])


@dataclass(frozen=True)
class ChoiceWindow:
    milestone: Milestone | None
    is_open: bool
    message: str

    @property
    def due_at(self) -> datetime | None:
        return self.milestone.due_at if self.milestone else None


def choice_window(campaign: Campaign, *, now: datetime | None = None) -> ChoiceWindow:
    """Whether students may rank now: the subject-choice milestone is open and the
    allocation is not published."""
    now = now or timezone.now()
    milestone = (
        Milestone.objects.filter(campaign=campaign, kind=MilestoneKind.SUBJECT_CHOICE)
        .order_by("-due_at")
        .first()
    )
    if campaign.allocation_published_at is not None:
        return ChoiceWindow(milestone, False, _("The allocation is published: choices are closed."))
    if milestone is None:
        return ChoiceWindow(None, False, _("The coordinators have not opened the choices yet."))
    if milestone.opens_at is not None and now < milestone.opens_at:
        return ChoiceWindow(milestone, False, _("Choices open later."))
    if now >= milestone.due_at:
        return ChoiceWindow(milestone, False, _("Choices are closed."))
    return ChoiceWindow(milestone, True, _("Choices are open."))


def published_subjects(campaign: Campaign) -> QuerySet[Subject]:
    return (
        Subject.objects.filter(campaign=campaign, state=SubjectState.PUBLISHED)
        .select_related("supervisor")
        .prefetch_related("co_supervisors")
        .order_by("title", "id")
    )


def ranking_of(*, campaign: Campaign, student: Person) -> list[Preference]:
    return list(
        Preference.objects.filter(campaign=campaign, student=student)
        .select_related("subject", "subject__supervisor")
        .order_by("rank")
    )


def partner_requests_of(*, campaign: Campaign, student: Person) -> QuerySet[PartnerRequest]:
    return (
        PartnerRequest.objects.filter(campaign=campaign)
        .filter(Q(requester=student) | Q(partner=student))
        .select_related("requester", "partner")
    )


def confirmed_partner(*, campaign: Campaign, student: Person) -> Person | None:
    request = (
        partner_requests_of(campaign=campaign, student=student)
        .filter(confirmed_at__isnull=False)
        .first()
    )
    if request is None:
        return None
    return request.partner if request.requester_id == student.pk else request.requester


def campaign_students(campaign: Campaign) -> QuerySet[Person]:
    return (
        Person.objects.filter(memberships__campaign=campaign, memberships__role=Role.STUDENT)
        .order_by("last_name", "first_name", "id")
        .distinct()
    )


def students_with_thesis(campaign: Campaign) -> set[int]:
    return set(
        Thesis.objects.filter(campaign=campaign)
        .exclude(state=ThesisState.ABANDONED)
        .values_list("students", flat=True)
    ) - {None}


def build_instance(
    campaign: Campaign, *, objective: str = "min_rank_sum", seed: int = 0
) -> dict[str, Any]:
    """The solver input for `campaign`, in the JSON shape of `thesisdesk allocate solve`.

    Students who already hold a thesis in the campaign are left out, and the places and
    loads they take are subtracted. Every supervisor may carry the campaign's maximum
    load; a co-supervision counts the campaign's weight.
    """
    placed = students_with_thesis(campaign)
    students = [p for p in campaign_students(campaign) if p.pk not in placed]
    student_ids = {p.pk for p in students}
    subjects = list(published_subjects(campaign))
    subject_ids = {s.pk for s in subjects}
    active = (
        Thesis.objects.filter(campaign=campaign)
        .exclude(state=ThesisState.ABANDONED)
        .prefetch_related("students", "supervisors", "co_supervisors")
    )
    taken: dict[int, int] = {}
    load: dict[int, float] = {}
    weight = float(campaign.co_supervision_weight)
    for thesis in active:
        count = len(thesis.students.all())
        if thesis.subject_id:
            taken[thesis.subject_id] = taken.get(thesis.subject_id, 0) + count
        for person in thesis.supervisors.all():
            load[person.pk] = load.get(person.pk, 0.0) + count
        for person in thesis.co_supervisors.all():
            load[person.pk] = load.get(person.pk, 0.0) + weight * count

    rankings: dict[int, list[str]] = {p.pk: [] for p in students}
    for preference in Preference.objects.filter(
        campaign=campaign, student_id__in=student_ids, subject_id__in=subject_ids
    ).order_by("student_id", "rank"):
        rankings[preference.student_id].append(subject_key(preference.subject_id))
    partners: dict[int, int] = {}
    for request in PartnerRequest.objects.filter(campaign=campaign, confirmed_at__isnull=False):
        if request.requester_id in student_ids and request.partner_id in student_ids:
            partners[request.requester_id] = request.partner_id
            partners[request.partner_id] = request.requester_id

    supervisor_ids: dict[int, None] = {}
    subject_rows = []
    for subject in subjects:
        co = [p for p in subject.co_supervisors.all() if p.pk != subject.supervisor_id]
        if subject.supervisor_id:
            supervisor_ids[subject.supervisor_id] = None
        for person in co:
            supervisor_ids[person.pk] = None
        already = taken.get(subject.pk, 0)
        row: dict[str, Any] = {
            "id": subject_key(subject.pk),
            "supervisor": supervisor_key(subject.supervisor_id) if subject.supervisor_id else None,
            "capacity": max(0, subject.capacity - already),
            "min": 0 if already else (subject.min_students or 0),
        }
        if co:
            row["co_supervisors"] = [{"id": supervisor_key(p.pk), "weight": weight} for p in co]
        subject_rows.append(row)
    return {
        "students": [
            {
                "id": student_key(p.pk),
                "ranking": rankings[p.pk],
                "partner": student_key(partners[p.pk]) if p.pk in partners else None,
            }
            for p in students
        ],
        "subjects": subject_rows,
        "supervisors": [
            {
                "id": supervisor_key(pk),
                "max_load": max(0.0, campaign.supervisor_max_load - load.get(pk, 0.0)),
            }
            for pk in supervisor_ids
        ],
        "locked": [
            {"student": student_key(lock.student_id), "subject": subject_key(lock.subject_id)}
            for lock in AllocationLock.objects.filter(campaign=campaign).order_by("id")
            if lock.student_id in student_ids
        ],
        "forbidden": [
            {"student": student_key(row.student_id), "subject": subject_key(row.subject_id)}
            for row in AllocationForbidden.objects.filter(campaign=campaign).order_by("id")
            if row.student_id in student_ids and row.subject_id in subject_ids
        ],
        "options": {
            "objective": objective,
            "assign_unranked": campaign.assign_unranked,
            "seed": seed,
            "co_supervision_weight": weight,
            # A page waits for the run: past this, the best assignment found is kept and
            # shown as not proven optimal (only the integer program can take that long).
            "time_limit": RUN_TIME_LIMIT,
        },
    }


def run_list(*, viewer: Any, campaign: Campaign) -> QuerySet[AllocationRun]:
    if not can_manage(viewer, campaign):
        return AllocationRun.objects.none()
    return AllocationRun.objects.filter(campaign=campaign).select_related("created_by")


def run_get(*, viewer: Any, run_id: int) -> AllocationRun:
    run = AllocationRun.objects.select_related("campaign", "created_by").filter(pk=run_id).first()
    if run is None or not can_manage(viewer, run.campaign):
        raise NotFound(_("No such allocation run, or you may not see it."))
    return run


def names_for(keys: set[str]) -> dict[str, str]:
    """Display names for solver ids ("s12", "p5", "t3")."""
    people = {key_id(k) for k in keys if k[0] in "st"}
    subjects = {key_id(k) for k in keys if k[0] == "p"}
    names: dict[str, str] = {}
    for person in Person.objects.filter(pk__in=people):
        names[student_key(person.pk)] = person.full_name
        names[supervisor_key(person.pk)] = person.full_name
    for subject in Subject.objects.filter(pk__in=subjects):
        names[subject_key(subject.pk)] = subject.title
    return names


def lock_get(*, lock_id: int) -> AllocationLock:
    """A pre-assignment with its campaign; NotFound when there is none."""
    lock = AllocationLock.objects.select_related("campaign").filter(pk=lock_id).first()
    if lock is None:
        raise NotFound(_("This pre-assignment does not exist."))
    return lock


def forbidden_get(*, forbidden_id: int) -> AllocationForbidden:
    """A forbidden student-subject pair with its campaign; NotFound when there is none."""
    row = AllocationForbidden.objects.select_related("campaign").filter(pk=forbidden_id).first()
    if row is None:
        raise NotFound(_("This forbidden pair does not exist."))
    return row


def partner_request_get(*, campaign: Campaign, request_id: int) -> PartnerRequest:
    """A partner request of `campaign`; NotFound when there is none."""
    row = PartnerRequest.objects.filter(campaign=campaign, pk=request_id).first()
    if row is None:
        raise NotFound(_("This partner request does not exist."))
    return row


@dataclass(frozen=True)
class AllocationOverview:
    """What the coordinator's allocation page counts and lists for a campaign."""

    ranked_count: int
    pair_count: int
    locks: list[AllocationLock]
    forbidden: list[AllocationForbidden]


def allocation_overview(campaign: Campaign) -> AllocationOverview:
    ranked = Preference.objects.filter(campaign=campaign).values("student_id").distinct()
    return AllocationOverview(
        ranked_count=ranked.count(),
        pair_count=PartnerRequest.objects.filter(
            campaign=campaign, confirmed_at__isnull=False
        ).count(),
        locks=list(
            AllocationLock.objects.filter(campaign=campaign).select_related("student", "subject")
        ),
        forbidden=list(
            AllocationForbidden.objects.filter(campaign=campaign).select_related(
                "student", "subject"
            )
        ),
    )


def run_choices(run: AllocationRun) -> tuple[QuerySet[Person], QuerySet[Subject]]:
    """The students and subjects of a run's instance (what a manual move may use)."""
    students = [key_id(s["id"]) for s in run.instance.get("students", [])]
    subjects = [key_id(p["id"]) for p in run.instance.get("subjects", [])]
    return (
        Person.objects.filter(pk__in=students).order_by("last_name", "first_name"),
        Subject.objects.filter(pk__in=subjects).order_by("title"),
    )


def subjects_by_id(subject_ids: list[int]) -> dict[int, Subject]:
    """The subjects of these ids that exist (the service checks which may be ranked)."""
    return Subject.objects.in_bulk(subject_ids)


def person_by_id(person_id: int) -> Person | None:
    return Person.objects.filter(pk=person_id).first()


def subject_by_id(subject_id: int) -> Subject | None:
    return Subject.objects.filter(pk=subject_id).first()
