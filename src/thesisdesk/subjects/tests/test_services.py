import pytest

from thesisdesk.campaigns.models import Role
from thesisdesk.core import outbox
from thesisdesk.core.errors import InvalidTransition, NotAllowed, ValidationFailed
from thesisdesk.core.models import AuditEvent
from thesisdesk.subjects.models import SubjectState
from thesisdesk.subjects.services import (
    normalize_keywords,
    subject_accept,
    subject_approve,
    subject_propose,
    subject_propose_by_student,
    subject_publish,
    subject_reject,
    subject_resubmit,
    subject_update,
    subject_withdraw,
)
from thesisdesk.testing.factories import make_member

pytestmark = pytest.mark.django_db


def test_supervisor_proposal_goes_through_approval_and_publication(personas):
    p = personas
    subject = subject_propose(
        actor=p.supervisor,
        campaign=p.campaign,
        title="  Apprentissage   fédéré ",
        description=(
            '<p>Texte <a href="https://example.org" onclick="x()">lien</a></p>'
            "<script>alert(1)</script>"
        ),
        keywords="IA; apprentissage, ia",
    )
    assert subject.state == SubjectState.PROPOSED
    assert subject.title == "Apprentissage fédéré"
    assert subject.supervisor == p.supervisor.person
    assert subject.capacity == p.campaign.default_subject_capacity
    assert "<script" not in subject.description and "onclick" not in subject.description
    assert 'href="https://example.org"' in subject.description
    assert subject.keywords == "IA, apprentissage"

    subject = subject_approve(actor=p.coordinator, subject=subject)
    assert subject.state == SubjectState.APPROVED and subject.approved_at is not None
    subject = subject_publish(actor=p.coordinator, subject=subject)
    assert subject.state == SubjectState.PUBLISHED and subject.published_at is not None
    actions = list(AuditEvent.objects.for_object(subject).values_list("action", flat=True))
    assert actions == ["subject.publish", "subject.approve", "subject.propose"]


def test_student_proposal_must_be_accepted_before_approval(personas):
    p = personas
    subject = subject_propose_by_student(
        actor=p.student, campaign=p.campaign, title="Mon idée", supervisor=p.supervisor.person
    )
    assert subject.state == SubjectState.PROPOSED_BY_STUDENT
    assert subject.proposed_by == p.student.person
    with pytest.raises(InvalidTransition):
        subject_approve(actor=p.coordinator, subject=subject)
    other_supervisor = make_member(p.campaign, Role.SUPERVISOR)
    with pytest.raises(NotAllowed):
        subject_accept(actor=other_supervisor.user, subject=subject)
    subject = subject_accept(actor=p.supervisor, subject=subject)
    assert subject.state == SubjectState.PROPOSED
    subject = subject_approve(actor=p.coordinator, subject=subject)
    assert subject.state == SubjectState.APPROVED


def test_unaddressed_student_proposal_is_taken_by_the_accepting_supervisor(personas):
    p = personas
    subject = subject_propose_by_student(
        actor=p.student, campaign=p.campaign, title="Sans promoteur"
    )
    assert subject.supervisor is None
    subject = subject_accept(actor=p.supervisor, subject=subject)
    assert subject.supervisor == p.supervisor.person


def test_reject_needs_a_reason_and_resubmit_returns_to_previous_state(personas):
    p = personas
    subject = subject_propose(actor=p.supervisor, campaign=p.campaign, title="À revoir")
    with pytest.raises(ValidationFailed) as error:
        subject_reject(actor=p.coordinator, subject=subject, reason="  ")
    assert "reason" in error.value.errors
    subject = subject_reject(actor=p.coordinator, subject=subject, reason="Trop vague")
    assert subject.state == SubjectState.REJECTED and subject.rejection_reason == "Trop vague"
    assert AuditEvent.objects.for_object(subject).first().reason == "Trop vague"
    subject = subject_resubmit(actor=p.supervisor, subject=subject)
    assert subject.state == SubjectState.PROPOSED

    student_subject = subject_propose_by_student(
        actor=p.student, campaign=p.campaign, title="Idée", supervisor=p.supervisor.person
    )
    student_subject = subject_reject(actor=p.supervisor, subject=student_subject, reason="Non")
    student_subject = subject_resubmit(actor=p.student, subject=student_subject)
    assert student_subject.state == SubjectState.PROPOSED_BY_STUDENT


def test_publish_only_from_approved(personas):
    p = personas
    subject = subject_propose(actor=p.supervisor, campaign=p.campaign, title="Pas encore")
    with pytest.raises(InvalidTransition, match="cannot be published"):
        subject_publish(actor=p.coordinator, subject=subject)


def test_withdraw_published_subject_notifies_outbox(personas):
    p = personas
    seen = []

    def listener(campaign_id, reason):
        seen.append((campaign_id, reason))

    outbox.register(listener)
    try:
        subject = subject_withdraw(actor=p.supervisor, subject=p.subject, reason="Parti")
    finally:
        outbox.unregister(listener)
    assert subject.state == SubjectState.WITHDRAWN
    assert seen == [(p.campaign.pk, "subject.withdraw")]
    with pytest.raises(InvalidTransition):
        subject_withdraw(actor=p.supervisor, subject=subject, reason="encore")


def test_validation_names_fields(personas):
    p = personas
    with pytest.raises(ValidationFailed) as error:
        subject_propose(
            actor=p.coordinator,
            campaign=p.campaign,
            title="",
            capacity=0,
            supervisor=p.student.person,
        )
    assert set(error.value.errors) == {"title", "capacity", "supervisor"}


def test_coordinator_must_name_a_supervisor(personas):
    with pytest.raises(ValidationFailed) as error:
        subject_propose(actor=personas.coordinator, campaign=personas.campaign, title="X")
    assert "supervisor" in error.value.errors


def test_co_supervisor_proposing_is_added_as_co_supervisor(personas):
    p = personas
    subject = subject_propose(
        actor=p.co_supervisor, campaign=p.campaign, title="Co", supervisor=p.supervisor.person
    )
    assert list(subject.co_supervisors.all()) == [p.co_supervisor.person]


def test_update_sanitizes_and_only_coordinator_changes_supervisor(personas):
    p = personas
    subject = subject_propose(actor=p.supervisor, campaign=p.campaign, title="Titre")
    subject = subject_update(
        actor=p.supervisor, subject=subject, description="<img src=x onerror=alert(1)><b>gras</b>"
    )
    assert subject.description == "<b>gras</b>"
    other = make_member(p.campaign, Role.SUPERVISOR)
    with pytest.raises(NotAllowed):
        subject_update(actor=p.supervisor, subject=subject, supervisor=other)
    subject = subject_update(actor=p.coordinator, subject=subject, supervisor=other)
    assert subject.supervisor == other


def test_supervisor_cannot_edit_published_subject(personas):
    with pytest.raises(NotAllowed):
        subject_update(actor=personas.supervisor, subject=personas.subject, title="Nouveau")


def test_normalize_keywords():
    assert normalize_keywords(["a", " A ", "b  c"]) == "a, b c"
    assert normalize_keywords("") == ""
