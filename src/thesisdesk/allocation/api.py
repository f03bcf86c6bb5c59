"""REST endpoints for the allocation (mount at /api/v1/allocation).

A student reads and replaces their ranking; coordinators run the allocation, read a run
with its explanations, move a student with a reason and publish.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from thesisdesk.allocation import selectors, services
from thesisdesk.campaigns.selectors import campaign_get
from thesisdesk.core.errors import NotFound, ValidationFailed
from thesisdesk.core.permissions import person_of
from thesisdesk.core.schemas import ERRORS, actor
from thesisdesk.people.models import Person

router = Router(tags=["allocation"])


class RankingIn(Schema):
    subject_ids: list[int]


class RankedSubject(Schema):
    rank: int
    subject_id: int
    title: str


class RunIn(Schema):
    objective: str = "min_rank_sum"
    seed: int | None = None


class RunOut(Schema):
    id: int
    campaign_id: int
    created_at: datetime
    objective: str
    seed: int
    optimal: bool
    seconds: float
    method: str
    published_at: datetime | None
    assignments: dict[str, str]
    result: dict[str, Any]
    explanations: dict[str, Any]


class MoveIn(Schema):
    student_id: int
    subject_id: int | None = None
    reason: str


class PublishOut(Schema):
    thesis_ids: list[int]


def _ranking_out(campaign: Any, student: Person) -> list[RankedSubject]:
    return [
        RankedSubject(rank=p.rank, subject_id=p.subject_id, title=p.subject.title)
        for p in selectors.ranking_of(campaign=campaign, student=student)
    ]


@router.get("/campaigns/{campaign_id}/ranking", response={200: list[RankedSubject], **ERRORS})
def get_ranking(request: HttpRequest, campaign_id: int) -> Any:
    """Your own ranking in this campaign, first choice first."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    student = person_of(viewer)
    if student is None:
        raise NotFound("You have no person record.")
    return _ranking_out(campaign, student)


@router.put("/campaigns/{campaign_id}/ranking", response={200: list[RankedSubject], **ERRORS})
def put_ranking(request: HttpRequest, campaign_id: int, payload: RankingIn) -> Any:
    """Replace your ranking (published subjects, while the choices are open)."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    by_id = selectors.subjects_by_id(payload.subject_ids)
    missing = [i for i in payload.subject_ids if i not in by_id]
    if missing:
        raise ValidationFailed(
            "Unknown subject.", errors={"subject_ids": [f"No subject {i}." for i in missing]}
        )
    services.preferences_set(
        actor=viewer, campaign=campaign, subjects=[by_id[i] for i in payload.subject_ids]
    )
    student = person_of(viewer)
    assert student is not None
    return _ranking_out(campaign, student)


@router.post("/campaigns/{campaign_id}/runs", response={201: RunOut, **ERRORS})
def create_run(request: HttpRequest, campaign_id: int, payload: RunIn) -> Any:
    """Run the allocation now (coordinators); the run is kept."""
    viewer = actor(request)
    campaign = campaign_get(viewer=viewer, campaign_id=campaign_id)
    run = services.allocation_run(
        actor=viewer, campaign=campaign, objective=payload.objective, seed=payload.seed
    )
    return Status(201, run)


@router.get("/runs/{run_id}", response={200: RunOut, **ERRORS})
def get_run(request: HttpRequest, run_id: int) -> Any:
    return selectors.run_get(viewer=actor(request), run_id=run_id)


@router.post("/runs/{run_id}/moves", response={200: RunOut, **ERRORS})
def move_student(request: HttpRequest, run_id: int, payload: MoveIn) -> Any:
    """Move a student (and their partner) by hand; `subject_id: null` unassigns."""
    viewer = actor(request)
    run = selectors.run_get(viewer=viewer, run_id=run_id)
    student = selectors.person_by_id(payload.student_id)
    if student is None:
        raise ValidationFailed("Unknown student.", errors={"student_id": ["No such person."]})
    subject = None
    if payload.subject_id is not None:
        subject = selectors.subject_by_id(payload.subject_id)
        if subject is None:
            raise ValidationFailed("Unknown subject.", errors={"subject_id": ["No such subject."]})
    services.allocation_move(
        actor=viewer, run=run, student=student, subject=subject, reason=payload.reason
    )
    return selectors.run_get(viewer=viewer, run_id=run.pk)


@router.post("/runs/{run_id}/publish", response={200: PublishOut, **ERRORS})
def publish_run(request: HttpRequest, run_id: int) -> Any:
    """Publish a run: theses are created, Moodle follows."""
    viewer = actor(request)
    run = selectors.run_get(viewer=viewer, run_id=run_id)
    theses = services.allocation_publish(actor=viewer, run=run)
    return PublishOut(thesis_ids=[t.pk for t in theses])
