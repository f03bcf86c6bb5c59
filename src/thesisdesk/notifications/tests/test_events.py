"""Domain events: deadline reminders (frozen clock), deposits, allocation publication."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from freezegun import freeze_time

from thesisdesk.campaigns.models import Role
from thesisdesk.deposits import signals
from thesisdesk.deposits.models import Deposit
from thesisdesk.milestones.models import MilestoneExtension, MilestoneKind
from thesisdesk.notifications import services
from thesisdesk.notifications.models import Event, Notification
from thesisdesk.testing.factories import make_member, make_milestone, make_subject, make_thesis
from thesisdesk.theses.models import ThesisState

pytestmark = pytest.mark.django_db

DUE = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def year(personas):
    """Two theses on a final deposit due 1 June 2027: the personas' one and another."""
    other = make_thesis(
        campaign=personas.campaign,
        students=[personas.other_student.person],
        supervisors=[personas.supervisor.person],
        title="Réseaux",
    )
    final = make_milestone(
        campaign=personas.campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=DUE,
    )
    # Load the URL configuration (and the API's pydantic schemas) before freezing time.
    reverse("deposits:thesis-deposits", args=[other.pk])
    return personas, other, final


def reminded(at: str) -> list[tuple[str, str]]:
    with freeze_time(at):
        rows = services.reminders_send()
    return sorted((r.person.user.username, r.idempotency_key.split("/days:")[1][:1]) for r in rows)


def test_reminders_7_and_1_day_before_only_to_who_has_not_deposited(year):
    personas, _other, final = year
    Deposit.objects.create(
        thesis=personas.thesis, milestone=final, status=Deposit.Status.SUBMITTED, submitted_at=DUE
    )
    assert reminded("2027-05-20 12:00") == []  # 12 days before: too early
    assert reminded("2027-05-25 12:30") == [("autre", "7")]  # within 7 days
    assert reminded("2027-05-27 09:00") == []  # already reminded for 7 days
    assert reminded("2027-05-31 13:00") == [("autre", "1")]  # within 1 day
    assert reminded("2027-06-01 11:59") == []
    assert reminded("2027-06-01 12:01") == []  # past the deadline
    first = Notification.objects.filter(event=Event.DEADLINE_REMINDER).order_by("id").first()
    assert "(dans 7 jour(s))" in first.body_text  # 6 days 23.5 hours before
    keys = Notification.objects.filter(event=Event.DEADLINE_REMINDER)
    assert {n.person.user.username for n in keys} == {"autre"}
    assert keys.count() == 2


def test_a_deposit_stops_the_next_reminder(year):
    _personas, other, final = year
    assert len(reminded("2027-05-25 12:30")) == 2
    Deposit.objects.create(thesis=other, milestone=final, status=Deposit.Status.SUBMITTED)
    assert reminded("2027-05-31 13:00") == [("etudiant", "1")]


def test_an_extension_moves_the_reminders(year):
    _personas, other, final = year
    MilestoneExtension.objects.create(
        milestone=final, thesis=other, due_at=datetime(2027, 6, 15, 12, tzinfo=UTC), reason="x"
    )
    assert reminded("2027-05-31 13:00") == [("etudiant", "1")]
    assert reminded("2027-06-14 13:00") == [("autre", "1")]


def test_no_reminder_for_a_thesis_past_its_final_deposit_or_abandoned(year):
    """The demo's walk found a defended thesis reminded to deposit its plan: only theses
    still working towards their deposits (proposal, in progress) are reminded."""
    personas, other, _final = year
    plan = make_milestone(
        campaign=personas.campaign,
        kind=MilestoneKind.PLAN,
        title="Plan",
        due_at=datetime(2027, 1, 29, 22, 59, tzinfo=UTC),
    )
    other.state = ThesisState.PROPOSAL
    other.save(update_fields=["state"])
    for state in (
        ThesisState.DEPOSITED,
        ThesisState.DEFENDED,
        ThesisState.GRADED,
        ThesisState.ABANDONED,
    ):
        student = make_member(personas.campaign, Role.STUDENT)
        make_thesis(campaign=personas.campaign, students=[student], state=state)
    with freeze_time("2027-01-28 12:00"):
        rows = services.reminders_send()
    assert {(r.person.user.username, r.idempotency_key.split("/")[0]) for r in rows} == {
        ("etudiant", f"reminder:milestone:{plan.pk}"),  # in progress
        ("autre", f"reminder:milestone:{plan.pk}"),  # proposal
    }


def test_remind_command(year, settings):
    settings.NOTIFICATIONS_REMINDER_DAYS = (3,)
    from io import StringIO

    out = StringIO()
    with freeze_time("2027-05-30 12:00"):
        call_command("notifications", "remind", stdout=out)
    assert "2 reminder notification(s) queued." in out.getvalue()


def test_deposit_recorded_receipt_to_student_notice_to_supervisors(year):
    personas, _other, final = year
    deposit = Deposit.objects.create(
        thesis=personas.thesis,
        milestone=final,
        status=Deposit.Status.SUBMITTED,
        submitted_at=datetime(2027, 5, 30, 10, tzinfo=UTC),
        due_at=DUE,
        moodle_submissionid=42,
    )
    signals.deposit_recorded(deposit, False)
    signals.deposit_recorded(deposit, False)  # the poll seeing the same submission
    rows = Notification.objects.order_by("event", "person__last_name")
    assert [(n.event, n.person.user.username) for n in rows] == [
        ("deposit_notice", "copromoteur"),
        ("deposit_notice", "promoteur"),
        ("deposit_receipt", "etudiant"),
    ]
    receipt = rows.get(event="deposit_receipt")
    assert "30/05/2027 12:00" in receipt.body_text  # Brussels time


def test_late_deposit_notice(year):
    _personas, other, final = year
    deposit = Deposit.objects.create(
        thesis=other,
        milestone=final,
        status=Deposit.Status.SUBMITTED,
        submitted_at=datetime(2027, 6, 2, 10, tzinfo=UTC),
        due_at=DUE,
        is_late=True,
    )
    services.notify_deposit_received(deposit.pk, True)
    events = sorted(Notification.objects.values_list("event", flat=True))
    assert events == ["deposit_receipt", "late_deposit"]
    late = Notification.objects.get(event="late_deposit")
    assert late.subject == "Dépôt en retard : Dépôt final — Réseaux"


def test_allocation_published_tells_students_and_supervisors(year):
    personas, _other, _final = year
    third = make_member(personas.campaign, "student")
    thesis = make_thesis(campaign=personas.campaign, students=[third], title="Nouveau")
    services.notify_allocation_published(thesis_ids=[personas.thesis.pk, thesis.pk])
    services.notify_allocation_published(thesis_ids=[personas.thesis.pk])  # again: nothing new
    people = sorted(
        Notification.objects.filter(event="allocation_published").values_list(
            "person__email", flat=True
        )
    )
    assert people == sorted(
        [
            "etudiant@example.org",
            "promoteur@example.org",
            "copromoteur@example.org",
            third.email,
        ]
    )


def test_publishing_the_allocation_notifies_through_the_service(personas):
    from datetime import timedelta

    from django.utils import timezone

    from thesisdesk.allocation import services as allocation

    campaign = personas.campaign
    student = make_member(campaign, "student", first_name="Nina", last_name="Nouvelle")
    subject = make_subject(campaign=campaign, supervisor=personas.supervisor.person, title="Pub")
    allocation.choices_open(
        actor=personas.coordinator, campaign=campaign, due_at=timezone.now() + timedelta(days=7)
    )
    allocation.preferences_set(actor=student.user, campaign=campaign, subjects=[subject])
    run = allocation.allocation_run(actor=personas.coordinator, campaign=campaign, seed=1)
    theses = allocation.allocation_publish(actor=personas.coordinator, run=run)
    thesis = next(t for t in theses if t.subject == subject)
    rows = Notification.objects.filter(event=Event.ALLOCATION_PUBLISHED)
    assert {(n.person.email, n.subject) for n in rows if n.person == student} == {
        (student.email, "Attribution des mémoires publiée")
    }
    assert rows.filter(person=personas.supervisor.person).exists()
    assert thesis.title in rows.get(person=student).body_text
