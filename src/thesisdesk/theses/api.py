"""REST endpoints for theses: /api/v1/theses. Transitions are POST actions."""

from datetime import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.permissions import Action, allowed_actions, require
from thesisdesk.core.schemas import (
    ERRORS,
    CampaignRef,
    Pagination,
    PersonRef,
    actor,
    person_refs,
    resolve_people,
    resolve_person,
)
from thesisdesk.subjects.selectors import subject_get
from thesisdesk.theses import services
from thesisdesk.theses.models import ThesisState
from thesisdesk.theses.selectors import thesis_get, thesis_list

router = Router(tags=["theses"])


class SubjectRef(Schema):
    id: int
    title: str


class ThesisOut(Schema):
    id: int
    campaign: CampaignRef
    subject: SubjectRef | None
    title: str
    state: ThesisState
    students: list[PersonRef]
    supervisors: list[PersonRef]
    co_supervisors: list[PersonRef]
    readers: list[PersonRef]
    abandon_reason: str
    grade: Decimal | None
    started_at: datetime | None
    deposited_at: datetime | None
    defended_at: datetime | None
    graded_at: datetime | None
    abandoned_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_students(thesis: Any) -> list[Any]:
        return person_refs(thesis, "students")

    @staticmethod
    def resolve_supervisors(thesis: Any) -> list[Any]:
        return person_refs(thesis, "supervisors")

    @staticmethod
    def resolve_co_supervisors(thesis: Any) -> list[Any]:
        return person_refs(thesis, "co_supervisors")

    @staticmethod
    def resolve_readers(thesis: Any) -> list[Any]:
        return person_refs(thesis, "readers")


class ThesisDetailOut(ThesisOut):
    allowed_actions: list[str]


class ThesisIn(Schema):
    campaign_id: int
    student_ids: list[int]
    title: str = ""
    subject_id: int | None = None
    supervisor_ids: list[int] | None = None
    co_supervisor_ids: list[int] | None = None
    reader_ids: list[int] = []


class ThesisPatch(Schema):
    title: str


class PeopleIn(Schema):
    student_ids: list[int] | None = None
    supervisor_ids: list[int] | None = None
    co_supervisor_ids: list[int] | None = None
    reader_ids: list[int] | None = None


class ReasonIn(Schema):
    reason: str


class DefendIn(Schema):
    defended_at: datetime | None = None


class GradeIn(Schema):
    grade: Decimal


def _detail(request: HttpRequest, thesis_id: int) -> Any:
    thesis = thesis_get(viewer=actor(request), thesis_id=thesis_id)
    thesis.allowed_actions = sorted(  # type: ignore[attr-defined]
        action.split(".", 1)[1] for action in allowed_actions(actor(request), thesis)
    )
    return thesis


@router.get("", response={200: list[ThesisOut], **ERRORS})
@paginate(Pagination)
def list_theses(
    request: HttpRequest,
    campaign: int | None = None,
    state: ThesisState | None = None,
    person: int | None = None,
    supervisor: int | None = None,
    search: str = "",
    ordering: str = "title",
) -> Any:
    """Theses you may see: yours, or all of your campaigns' for coordinators.
    `ordering`: title, state, created, updated (prefix - to reverse)."""
    viewer = actor(request)
    return thesis_list(
        viewer=viewer,
        campaign=campaign_get(viewer=viewer, campaign_id=campaign) if campaign else None,
        state=state,
        person=resolve_person(viewer, person, field="person"),
        supervisor=resolve_person(viewer, supervisor, field="supervisor"),
        search=search,
        ordering=ordering,
    )


@router.post("", response={201: ThesisDetailOut, **ERRORS})
def create_thesis(request: HttpRequest, payload: ThesisIn) -> Any:
    """Create a thesis (coordinators). Without supervisors, the subject's are used."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=payload.campaign_id)
    # Checked before resolving people, so that a refusal is not reported as unknown people.
    require(viewer, Action.THESIS_CREATE, campaign)
    subject = (
        subject_get(viewer=viewer, subject_id=payload.subject_id) if payload.subject_id else None
    )
    thesis = services.thesis_create(
        actor=viewer,
        campaign=campaign,
        students=resolve_people(viewer, payload.student_ids, field="student_ids") or [],
        title=payload.title,
        subject=subject,
        supervisors=resolve_people(viewer, payload.supervisor_ids, field="supervisor_ids"),
        co_supervisors=resolve_people(viewer, payload.co_supervisor_ids, field="co_supervisor_ids"),
        readers=resolve_people(viewer, payload.reader_ids, field="reader_ids") or [],
    )
    return Status(201, _detail(request, thesis.pk))


@router.get("/{thesis_id}", response={200: ThesisDetailOut, **ERRORS})
def get_thesis(request: HttpRequest, thesis_id: int) -> Any:
    """A thesis, with `allowed_actions`: the transitions you may trigger now."""
    return _detail(request, thesis_id)


@router.patch("/{thesis_id}", response={200: ThesisDetailOut, **ERRORS})
def update_thesis(request: HttpRequest, thesis_id: int, payload: ThesisPatch) -> Any:
    viewer = actor(request)
    thesis = thesis_get(viewer=viewer, thesis_id=thesis_id)
    services.thesis_update(actor=viewer, thesis=thesis, title=payload.title)
    return _detail(request, thesis_id)


@router.put("/{thesis_id}/people", response={200: ThesisDetailOut, **ERRORS})
def set_thesis_people(request: HttpRequest, thesis_id: int, payload: PeopleIn) -> Any:
    """Replace the students, supervisors, co-supervisors or readers (coordinators)."""
    viewer = actor(request)
    thesis = thesis_get(viewer=viewer, thesis_id=thesis_id)
    require(viewer, Action.THESIS_SET_PEOPLE, thesis)
    services.thesis_set_people(
        actor=viewer,
        thesis=thesis,
        students=resolve_people(viewer, payload.student_ids, field="student_ids"),
        supervisors=resolve_people(viewer, payload.supervisor_ids, field="supervisor_ids"),
        co_supervisors=resolve_people(viewer, payload.co_supervisor_ids, field="co_supervisor_ids"),
        readers=resolve_people(viewer, payload.reader_ids, field="reader_ids"),
    )
    return _detail(request, thesis_id)


def _transition(request: HttpRequest, thesis_id: int, service: Any, **kwargs: Any) -> Any:
    viewer = actor(request)
    thesis = thesis_get(viewer=viewer, thesis_id=thesis_id)
    service(actor=viewer, thesis=thesis, **kwargs)
    return _detail(request, thesis_id)


@router.post("/{thesis_id}/start", response={200: ThesisDetailOut, **ERRORS})
def start_thesis(request: HttpRequest, thesis_id: int) -> Any:
    """proposal → in_progress (a supervisor of the thesis, coordinators)."""
    return _transition(request, thesis_id, services.thesis_start)


@router.post("/{thesis_id}/deposit", response={200: ThesisDetailOut, **ERRORS})
def deposit_thesis(request: HttpRequest, thesis_id: int) -> Any:
    """in_progress → deposited (a student of the thesis, coordinators)."""
    return _transition(request, thesis_id, services.thesis_deposit)


@router.post("/{thesis_id}/defend", response={200: ThesisDetailOut, **ERRORS})
def defend_thesis(request: HttpRequest, thesis_id: int, payload: DefendIn) -> Any:
    """deposited → defended (coordinators)."""
    return _transition(request, thesis_id, services.thesis_defend, defended_at=payload.defended_at)


@router.post("/{thesis_id}/grade", response={200: ThesisDetailOut, **ERRORS})
def grade_thesis(request: HttpRequest, thesis_id: int, payload: GradeIn) -> Any:
    """defended → graded, with a grade out of 20 (coordinators)."""
    return _transition(request, thesis_id, services.thesis_grade, grade=payload.grade)


@router.post("/{thesis_id}/abandon", response={200: ThesisDetailOut, **ERRORS})
def abandon_thesis(request: HttpRequest, thesis_id: int, payload: ReasonIn) -> Any:
    """Any non-final state → abandoned, with a reason (its students or supervisors,
    coordinators)."""
    return _transition(request, thesis_id, services.thesis_abandon, reason=payload.reason)
