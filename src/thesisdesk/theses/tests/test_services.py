import pytest

from thesisdesk.campaigns.models import Role
from thesisdesk.core import outbox
from thesisdesk.core.errors import InvalidTransition, ValidationFailed
from thesisdesk.core.models import AuditEvent
from thesisdesk.subjects.models import SubjectState
from thesisdesk.testing.factories import make_member, make_subject
from thesisdesk.theses.models import ThesisState
from thesisdesk.theses.services import (
    thesis_abandon,
    thesis_create,
    thesis_defend,
    thesis_deposit,
    thesis_grade,
    thesis_set_people,
    thesis_start,
)

pytestmark = pytest.mark.django_db


def test_full_life_of_a_thesis(personas):
    p = personas
    subject = make_subject(
        campaign=p.campaign, supervisor=p.supervisor.person, title="Compilateurs", capacity=2
    )
    seen = []

    def listener(campaign_id, reason):
        seen.append(reason)

    outbox.register(listener)
    try:
        thesis = thesis_create(
            actor=p.coordinator,
            campaign=p.campaign,
            students=[p.other_student.person],
            subject=subject,
        )
        assert thesis.title == "Compilateurs" and thesis.state == ThesisState.PROPOSAL
        assert list(thesis.supervisors.all()) == [p.supervisor.person]
        thesis = thesis_start(actor=p.supervisor, thesis=thesis)
        assert thesis.state == ThesisState.IN_PROGRESS and thesis.started_at
        thesis = thesis_deposit(actor=p.other_student, thesis=thesis)
        assert thesis.state == ThesisState.DEPOSITED
        thesis = thesis_defend(actor=p.coordinator, thesis=thesis)
        thesis = thesis_grade(actor=p.coordinator, thesis=thesis, grade="16")
    finally:
        outbox.unregister(listener)  # only ours: the sync engine's listener stays
    assert thesis.state == ThesisState.GRADED and str(thesis.grade) == "16.00"
    assert seen == [
        "thesis.create",
        "thesis.start",
        "thesis.deposit",
        "thesis.defend",
        "thesis.grade",
    ]
    assert AuditEvent.objects.for_object(thesis).count() == 5
    with pytest.raises(InvalidTransition, match="cannot be abandoned"):
        thesis_abandon(actor=p.coordinator, thesis=thesis, reason="trop tard")


def test_wrong_order_is_refused_with_the_current_state(personas):
    with pytest.raises(InvalidTransition, match="in progress"):
        thesis_defend(actor=personas.coordinator, thesis=personas.thesis)


def test_abandon_needs_a_reason_and_frees_the_student(personas):
    p = personas
    with pytest.raises(ValidationFailed) as error:
        thesis_abandon(actor=p.student, thesis=p.thesis, reason=" ")
    assert "reason" in error.value.errors
    thesis = thesis_abandon(actor=p.student, thesis=p.thesis, reason="Réorientation")
    assert thesis.state == ThesisState.ABANDONED and thesis.abandon_reason == "Réorientation"
    again = thesis_create(
        actor=p.coordinator,
        campaign=p.campaign,
        students=[p.student.person],
        title="Second essai",
        supervisors=[p.supervisor.person],
    )
    assert again.state == ThesisState.PROPOSAL


def test_create_checks_students_roles_and_capacity(personas):
    p = personas
    with pytest.raises(ValidationFailed) as error:
        thesis_create(
            actor=p.coordinator,
            campaign=p.campaign,
            students=[p.student.person],  # already has a thesis
            title="Doublon",
            supervisors=[p.reader.person],  # not a supervisor
        )
    assert set(error.value.errors) == {"students", "supervisors"}
    assert "already has a thesis" in error.value.errors["students"][0]

    third = make_member(p.campaign, Role.STUDENT)
    fourth = make_member(p.campaign, Role.STUDENT)
    with pytest.raises(ValidationFailed) as error:
        thesis_create(
            actor=p.coordinator,
            campaign=p.campaign,
            students=[p.other_student.person, third, fourth],
            title="Trio",
            supervisors=[p.supervisor.person],
        )
    assert "one or two students" in error.value.errors["students"][0]

    # p.subject (capacity 1) is taken by p.thesis.
    with pytest.raises(ValidationFailed) as error:
        thesis_create(actor=p.coordinator, campaign=p.campaign, students=[third], subject=p.subject)
    assert "place(s) are taken" in error.value.errors["subject"][0]

    proposed = make_subject(
        campaign=p.campaign, supervisor=p.supervisor.person, state=SubjectState.PROPOSED
    )
    with pytest.raises(ValidationFailed) as error:
        thesis_create(actor=p.coordinator, campaign=p.campaign, students=[third], subject=proposed)
    assert "subject" in error.value.errors


def test_set_people_replaces_groups(personas):
    p = personas
    with pytest.raises(ValidationFailed, match="correct") as error:
        thesis_set_people(
            actor=p.coordinator,
            thesis=p.thesis,
            students=[p.student.person, p.other_student.person],
        )
    assert "place(s) are taken" in error.value.errors["students"][0]
    p.subject.capacity = 2
    p.subject.save()
    thesis = thesis_set_people(
        actor=p.coordinator, thesis=p.thesis, students=[p.student.person, p.other_student.person]
    )
    assert {s.pk for s in thesis.students.all()} == {p.student.person.pk, p.other_student.person.pk}
    assert list(thesis.readers.all()) == [p.reader.person]  # untouched
    event = AuditEvent.objects.for_object(thesis).first()
    assert event.action == "thesis.set_people" and "students" in event.data


def test_system_may_deposit(personas):
    thesis = thesis_deposit(actor=None, thesis=personas.thesis)
    assert thesis.state == ThesisState.DEPOSITED
    assert AuditEvent.objects.for_object(thesis).first().actor_label == "système"
