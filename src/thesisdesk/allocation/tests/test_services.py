"""Allocation services with the database: choices, partners, constraints, runs, moves,
publication, and who may do each."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from thesisdesk.allocation import selectors, services
from thesisdesk.allocation.models import AllocationRun, PartnerRequest, Preference
from thesisdesk.campaigns.models import Role
from thesisdesk.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from thesisdesk.core.models import AuditEvent
from thesisdesk.core.permissions import forget_roles
from thesisdesk.testing.factories import make_member, make_subject
from thesisdesk.testing.personas import Personas
from thesisdesk.theses.models import Thesis


@pytest.fixture
def world(personas: Personas) -> dict[str, Any]:
    """Three new students, three published subjects of two supervisors, choices open."""
    campaign = personas.campaign
    supervisor = personas.supervisor.person
    other_supervisor = make_member(campaign, Role.SUPERVISOR, first_name="Sarah", last_name="Sup")
    students = [
        make_member(campaign, Role.STUDENT, first_name=f"S{i}", last_name=f"Student{i}")
        for i in range(3)
    ]
    popular = make_subject(campaign=campaign, supervisor=supervisor, title="Popular", capacity=1)
    second = make_subject(
        campaign=campaign, supervisor=other_supervisor, title="Second", capacity=2
    )
    third = make_subject(campaign=campaign, supervisor=other_supervisor, title="Third", capacity=2)
    services.choices_open(
        actor=personas.coordinator, campaign=campaign, due_at=timezone.now() + timedelta(days=7)
    )
    return {
        "campaign": campaign,
        "students": students,
        "subjects": (popular, second, third),
        "other_supervisor": other_supervisor,
    }


def rank(student: Any, campaign: Any, *subjects: Any) -> None:
    services.preferences_set(actor=student.user, campaign=campaign, subjects=list(subjects))


def test_students_rank_published_subjects_while_choices_are_open(
    personas: Personas, world: dict[str, Any]
) -> None:
    campaign = world["campaign"]
    popular, second, _third = world["subjects"]
    student = world["students"][0]
    rank(student, campaign, popular, second)
    assert [p.subject for p in selectors.ranking_of(campaign=campaign, student=student)] == [
        popular,
        second,
    ]
    rank(student, campaign, second)  # replaces the whole ranking
    assert Preference.objects.filter(student=student).count() == 1


def test_ranking_rules(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    popular, second, third = world["subjects"]
    student = world["students"][0]
    with pytest.raises(ValidationFailed, match="not saved") as caught:
        rank(student, campaign, popular, popular)
    assert "ranked twice" in caught.value.errors["ranking"][0]
    draft = make_subject(campaign=campaign, supervisor=personas.supervisor.person, state="approved")
    with pytest.raises(ValidationFailed):
        rank(student, campaign, draft)
    campaign.choices_per_student = 2
    campaign.save()
    with pytest.raises(ValidationFailed):
        rank(student, campaign, popular, second, third)
    with pytest.raises(NotAllowed):
        services.preferences_set(actor=personas.supervisor, campaign=campaign, subjects=[popular])


def test_rankings_are_read_only_once_choices_close(
    personas: Personas, world: dict[str, Any]
) -> None:
    campaign = world["campaign"]
    popular = world["subjects"][0]
    services.choices_close(actor=personas.coordinator, campaign=campaign)
    with pytest.raises(InvalidTransition, match="closed"):
        rank(world["students"][0], campaign, popular)


def test_partners_must_both_confirm(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    a, b, _c = world["students"]
    request = services.partner_request(actor=a.user, campaign=campaign, partner=b)
    assert selectors.confirmed_partner(campaign=campaign, student=a) is None
    with pytest.raises(ValidationFailed):
        services.partner_confirm(actor=a.user, request=request)  # not the asked student
    services.partner_confirm(actor=b.user, request=request)
    assert selectors.confirmed_partner(campaign=campaign, student=a) == b
    instance = selectors.build_instance(campaign)
    partners = {row["id"]: row["partner"] for row in instance["students"]}
    assert partners[f"s{a.pk}"] == f"s{b.pk}" and partners[f"s{b.pk}"] == f"s{a.pk}"


def test_only_coordinators_manage_the_allocation(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    popular = world["subjects"][0]
    student = world["students"][0]
    for user in (personas.supervisor, personas.student, personas.reader, personas.outsider):
        forget_roles(user)
        with pytest.raises(NotAllowed):
            services.allocation_run(actor=user, campaign=campaign)
        with pytest.raises(NotAllowed):
            services.lock_add(
                actor=user, campaign=campaign, student=student, subject=popular, reason="x"
            )
    assert services.allocation_run(actor=personas.admin, campaign=campaign).pk


def test_run_explain_move_and_publish(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    popular, second, third = world["subjects"]
    s0, s1, s2 = world["students"]
    rank(s0, campaign, popular, second)
    rank(s1, campaign, popular, third)
    rank(s2, campaign, popular)  # only popular: gets it, else they would be unplaced
    services.forbidden_add(
        actor=personas.coordinator,
        campaign=campaign,
        student=s1,
        subject=second,
        reason="Conflict of interest",
    )
    campaign.assign_unranked = False
    campaign.save()
    run = services.allocation_run(
        actor=personas.coordinator, campaign=campaign, objective="min_rank_sum", seed=4
    )
    assert run.optimal
    key = selectors.student_key
    assert run.assignments[key(s2.pk)] == f"p{popular.pk}"
    assert run.assignments[key(s0.pk)] == f"p{second.pk}"
    assert run.assignments[key(s1.pk)] == f"p{third.pk}"
    # The student who ranked but did not rank is personas.other_student: not placed.
    # personas.other_student did not rank, and the campaign does not place non-rankers.
    assert run.explanations["unassigned_unranked"] == [key(personas.other_student.person.pk)]
    assert run.explanations["unassigned_ranked"] == []
    why = run.explanations["students"][key(s0.pk)]["reasons"]
    assert why[0]["code"] == "full" and "1 ranked it as high or higher" in why[0]["message"]

    with pytest.raises(ValidationFailed, match="reason"):
        services.allocation_move(
            actor=personas.coordinator, run=run, student=s0, subject=third, reason=" "
        )
    with pytest.raises(ValidationFailed, match="constraint"):
        services.allocation_move(
            actor=personas.coordinator, run=run, student=s0, subject=popular, reason="Asked"
        )  # popular is full
    services.allocation_move(
        actor=personas.coordinator, run=run, student=s0, subject=third, reason="Asked to"
    )
    run.refresh_from_db()
    assert run.assignments[key(s0.pk)] == f"p{third.pk}"
    assert run.moves.get().reason == "Asked to"
    assert run.explanations["rank_sum"] == 1 + 2  # s0 is now outside their choices
    assert run.explanations["profile"] == [1, 1, 1]

    theses = services.allocation_publish(actor=personas.coordinator, run=run)
    campaign.refresh_from_db()
    assert campaign.allocation_published_at is not None
    by_student = {t.students.get().pk: t for t in theses}
    assert by_student[s0.pk].subject == third
    assert by_student[s2.pk].subject == popular
    assert by_student[s0.pk].supervisors.get() == world["other_supervisor"]
    assert Thesis.objects.filter(campaign=campaign).count() == 1 + len(theses)
    assert AuditEvent.objects.filter(action="allocation.publish").count() == 1
    with pytest.raises(InvalidTransition):
        services.allocation_publish(actor=personas.coordinator, run=run)
    with pytest.raises(InvalidTransition):
        rank(s0, campaign, popular)


def test_pairs_get_one_thesis(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    popular, second, _third = world["subjects"]
    a, b, _c = world["students"]
    request = services.partner_request(actor=a.user, campaign=campaign, partner=b)
    services.partner_confirm(actor=b.user, request=request)
    rank(a, campaign, popular, second)  # popular has one place: the pair takes second
    run = services.allocation_run(actor=personas.coordinator, campaign=campaign, seed=1)
    assert run.assignments[f"s{a.pk}"] == run.assignments[f"s{b.pk}"] == f"p{second.pk}"
    theses = services.allocation_publish(actor=personas.coordinator, run=run)
    pair = next(t for t in theses if t.subject == second)
    assert set(pair.students.all()) == {a, b}


def test_locks_and_existing_theses_are_respected(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    popular, second, _third = world["subjects"]
    s0, s1, _s2 = world["students"]
    rank(s0, campaign, popular)
    rank(s1, campaign, popular)
    services.lock_add(
        actor=personas.coordinator,
        campaign=campaign,
        student=s1,
        subject=popular,
        reason="Continues an internship",
    )
    run = services.allocation_run(actor=personas.coordinator, campaign=campaign, seed=2)
    assert run.assignments[f"s{s1.pk}"] == f"p{popular.pk}"
    assert f"s{s0.pk}" not in run.assignments
    assert run.explanations["students"][f"s{s0.pk}"]["reasons"][0]["code"] == "full"
    # personas.student already holds a thesis: not part of the allocation.
    assert f"s{personas.student.person.pk}" not in {s["id"] for s in run.instance["students"]}
    with pytest.raises(ValidationFailed, match="constraint"):
        services.allocation_move(
            actor=personas.coordinator, run=run, student=s1, subject=second, reason="Try"
        )


def test_runs_are_reproducible_by_seed(personas: Personas, world: dict[str, Any]) -> None:
    campaign = world["campaign"]
    popular, second, _third = world["subjects"]
    for student in world["students"]:
        rank(student, campaign, popular, second)
    first = services.allocation_run(actor=personas.coordinator, campaign=campaign, seed=9)
    again = services.allocation_run(actor=personas.coordinator, campaign=campaign, seed=9)
    assert first.assignments == again.assignments
    assert first.seed == again.seed == 9
    assert AllocationRun.objects.filter(campaign=campaign).count() == 2


def test_students_who_did_not_rank_take_remaining_places(
    personas: Personas, world: dict[str, Any]
) -> None:
    campaign = world["campaign"]
    popular, _second, _third = world["subjects"]
    s0, s1, s2 = world["students"]
    rank(s0, campaign, popular)
    assert campaign.assign_unranked
    run = services.allocation_run(actor=personas.coordinator, campaign=campaign, seed=3)
    assert run.assignments[f"s{s0.pk}"] == f"p{popular.pk}"  # never displaced
    for student in (s1, s2, personas.other_student.person):
        assert f"s{student.pk}" in run.assignments
        assert run.assignments[f"s{student.pk}"] != f"p{popular.pk}"


def test_demo_rankings_give_a_campaign_something_to_allocate(personas: Personas) -> None:
    from thesisdesk.allocation.demo import demo_rankings

    campaign = personas.campaign
    supervisor = personas.supervisor.person
    for i in range(4):
        make_subject(campaign=campaign, supervisor=supervisor, title=f"Demo {i}", capacity=2)
    for i in range(5):
        make_member(campaign, Role.STUDENT, first_name=f"D{i}", last_name="Demo")
    ranked = demo_rankings(campaign)
    # 6 students without thesis (other_student + 5), the last one left without ranking.
    assert ranked == 5
    assert Preference.objects.filter(campaign=campaign).values("student").distinct().count() == 5
    assert demo_rankings(campaign) == 0  # idempotent: ranked students are left alone
    run = services.allocation_run(actor=None, campaign=campaign, seed=1)
    assert run.optimal and len(run.explanations["students"]) == 6
    pair = PartnerRequest.objects.get(campaign=campaign)
    assert run.assignments[f"s{pair.requester_id}"] == run.assignments[f"s{pair.partner_id}"]
