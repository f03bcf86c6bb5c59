"""REST endpoints for subjects: /api/v1/subjects. Transitions are POST actions."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.permissions import allowed_actions
from thesisdesk.core.schemas import (
    ERRORS,
    CampaignRef,
    Pagination,
    PersonRef,
    actor,
    person_ref,
    person_refs,
    resolve_people,
    resolve_person,
)
from thesisdesk.subjects import services
from thesisdesk.subjects.models import SubjectState
from thesisdesk.subjects.selectors import subject_get, subject_list

router = Router(tags=["subjects"])


class SubjectOut(Schema):
    id: int
    campaign: CampaignRef
    title: str
    description: str
    keywords: list[str]
    capacity: int
    min_students: int | None
    thesis_count: int
    supervisor: PersonRef | None
    co_supervisors: list[PersonRef]
    proposed_by: PersonRef | None
    state: SubjectState
    rejection_reason: str
    withdrawal_reason: str
    approved_at: datetime | None
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_keywords(subject: Any) -> list[str]:
        return list(subject.keyword_list)

    @staticmethod
    def resolve_co_supervisors(subject: Any) -> list[Any]:
        return person_refs(subject, "co_supervisors")

    @staticmethod
    def resolve_supervisor(subject: Any) -> Any:
        return person_ref(subject.supervisor)

    @staticmethod
    def resolve_proposed_by(subject: Any) -> Any:
        return person_ref(subject.proposed_by)

    @staticmethod
    def resolve_thesis_count(subject: Any) -> int:
        return int(getattr(subject, "thesis_count", 0) or 0)


class SubjectDetailOut(SubjectOut):
    allowed_actions: list[str]


class SubjectIn(Schema):
    campaign_id: int
    title: str
    description: str = ""
    keywords: list[str] = []
    capacity: int | None = None
    min_students: int | None = None
    supervisor_id: int | None = None
    co_supervisor_ids: list[int] = []


class StudentProposalIn(Schema):
    campaign_id: int
    title: str
    description: str = ""
    keywords: list[str] = []
    supervisor_id: int | None = None


class SubjectPatch(Schema):
    title: str | None = None
    description: str | None = None
    keywords: list[str] | None = None
    capacity: int | None = None
    min_students: int | None = None
    supervisor_id: int | None = None
    co_supervisor_ids: list[int] | None = None


class ReasonIn(Schema):
    reason: str


def _detail(request: HttpRequest, subject_id: int) -> Any:
    subject = subject_get(viewer=actor(request), subject_id=subject_id)
    subject.allowed_actions = sorted(  # type: ignore[attr-defined]
        action.split(".", 1)[1] for action in allowed_actions(actor(request), subject)
    )
    return subject


@router.get("", response={200: list[SubjectOut], **ERRORS})
@paginate(Pagination)
def list_subjects(
    request: HttpRequest,
    campaign: int | None = None,
    state: SubjectState | None = None,
    supervisor: int | None = None,
    search: str = "",
    keyword: str = "",
    ordering: str = "title",
) -> Any:
    """Subjects you may see: published ones, your own, and (coordinators) all of your
    campaigns'. `ordering`: title, state, supervisor, capacity, created (prefix - to reverse)."""
    viewer = actor(request)
    campaign_obj = campaign_get(viewer=viewer, campaign_id=campaign) if campaign else None
    supervisor_obj = resolve_person(viewer, supervisor, field="supervisor")
    return subject_list(
        viewer=viewer,
        campaign=campaign_obj,
        state=state,
        supervisor=supervisor_obj,
        search=search,
        keyword=keyword,
        ordering=ordering,
    )


@router.post("", response={201: SubjectDetailOut, **ERRORS})
def propose_subject(request: HttpRequest, payload: SubjectIn) -> Any:
    """Propose a subject (supervisors, co-supervisors naming a supervisor, coordinators)."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=payload.campaign_id)
    subject = services.subject_propose(
        actor=viewer,
        campaign=campaign,
        title=payload.title,
        description=payload.description,
        keywords=payload.keywords,
        capacity=payload.capacity,
        min_students=payload.min_students,
        supervisor=resolve_person(viewer, payload.supervisor_id, field="supervisor_id"),
        co_supervisors=resolve_people(viewer, payload.co_supervisor_ids, field="co_supervisor_ids")
        or [],
    )
    return Status(201, _detail(request, subject.pk))


@router.post("/student-proposals", response={201: SubjectDetailOut, **ERRORS})
def propose_subject_as_student(request: HttpRequest, payload: StudentProposalIn) -> Any:
    """A student proposes their own subject; a supervisor must accept it."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=payload.campaign_id)
    subject = services.subject_propose_by_student(
        actor=viewer,
        campaign=campaign,
        title=payload.title,
        description=payload.description,
        keywords=payload.keywords,
        supervisor=resolve_person(viewer, payload.supervisor_id, field="supervisor_id"),
    )
    return Status(201, _detail(request, subject.pk))


@router.get("/{subject_id}", response={200: SubjectDetailOut, **ERRORS})
def get_subject(request: HttpRequest, subject_id: int) -> Any:
    """A subject, with `allowed_actions`: the transitions you may trigger now."""
    return _detail(request, subject_id)


@router.patch("/{subject_id}", response={200: SubjectDetailOut, **ERRORS})
def update_subject(request: HttpRequest, subject_id: int, payload: SubjectPatch) -> Any:
    viewer = actor(request)
    subject = subject_get(viewer=viewer, subject_id=subject_id)
    fields = payload.dict(exclude_unset=True)
    if "supervisor_id" in fields:
        fields["supervisor"] = resolve_person(
            viewer, fields.pop("supervisor_id"), field="supervisor_id"
        )
    if "co_supervisor_ids" in fields:
        fields["co_supervisors"] = resolve_people(
            viewer, fields.pop("co_supervisor_ids") or [], field="co_supervisor_ids"
        )
    services.subject_update(actor=viewer, subject=subject, **fields)
    return _detail(request, subject_id)


def _transition(request: HttpRequest, subject_id: int, service: Any, **kwargs: Any) -> Any:
    viewer = actor(request)
    subject = subject_get(viewer=viewer, subject_id=subject_id)
    service(actor=viewer, subject=subject, **kwargs)
    return _detail(request, subject_id)


@router.post("/{subject_id}/accept", response={200: SubjectDetailOut, **ERRORS})
def accept_subject(request: HttpRequest, subject_id: int) -> Any:
    """A supervisor accepts a student's proposal (proposed_by_student → proposed)."""
    return _transition(request, subject_id, services.subject_accept)


@router.post("/{subject_id}/approve", response={200: SubjectDetailOut, **ERRORS})
def approve_subject(request: HttpRequest, subject_id: int) -> Any:
    """A coordinator approves a proposal (proposed → approved)."""
    return _transition(request, subject_id, services.subject_approve)


@router.post("/{subject_id}/reject", response={200: SubjectDetailOut, **ERRORS})
def reject_subject(request: HttpRequest, subject_id: int, payload: ReasonIn) -> Any:
    """A coordinator rejects a proposal, or a supervisor declines a student's (→ rejected)."""
    return _transition(request, subject_id, services.subject_reject, reason=payload.reason)


@router.post("/{subject_id}/resubmit", response={200: SubjectDetailOut, **ERRORS})
def resubmit_subject(request: HttpRequest, subject_id: int) -> Any:
    """Send a rejected subject back for review."""
    return _transition(request, subject_id, services.subject_resubmit)


@router.post("/{subject_id}/publish", response={200: SubjectDetailOut, **ERRORS})
def publish_subject(request: HttpRequest, subject_id: int) -> Any:
    """A coordinator publishes an approved subject: students see it."""
    return _transition(request, subject_id, services.subject_publish)


@router.post("/{subject_id}/withdraw", response={200: SubjectDetailOut, **ERRORS})
def withdraw_subject(request: HttpRequest, subject_id: int, payload: ReasonIn) -> Any:
    return _transition(request, subject_id, services.subject_withdraw, reason=payload.reason)
