"""Reads of notifications: histories, the outbox page, and who still owes a deposit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet

from thesisdesk.core.permissions import coordinated_campaign_ids, is_admin, person_of
from thesisdesk.milestones.models import DEPOSIT_KINDS, Milestone, MilestoneExtension
from thesisdesk.notifications.models import (
    Channel,
    Notification,
    NotificationTemplate,
    StoredEmail,
)
from thesisdesk.people.models import Person
from thesisdesk.theses.models import Thesis, ThesisState


def person_history(*, person: Person) -> QuerySet[Notification]:
    return Notification.objects.filter(person=person).select_related("campaign")


def outbox_notifications(*, viewer: Any, status: str = "") -> QuerySet[Notification]:
    """Everything sent or to send: administrators see all, coordinators their campaigns'."""
    rows = Notification.objects.select_related("person", "campaign")
    if not is_admin(viewer):
        rows = rows.filter(campaign_id__in=coordinated_campaign_ids(viewer))
    if status:
        rows = rows.filter(status=status)
    return rows


def stored_emails() -> QuerySet[StoredEmail]:
    return StoredEmail.objects.all()


def can_see_outbox(viewer: Any) -> bool:
    return is_admin(viewer) or bool(coordinated_campaign_ids(viewer))


def stored_email_visible(*, viewer: Any, email: StoredEmail) -> bool:
    """A kept e-mail is readable by administrators, by its recipient, and by the
    coordinators of the campaign of the notification it carries (not by every coordinator).
    """
    if is_admin(viewer):
        return True
    person = person_of(viewer)
    if person is not None and person.email and person.email.lower() == email.to.lower():
        return True
    candidates = outbox_notifications(viewer=viewer).filter(
        person__email__iexact=email.to, channel=Channel.EMAIL
    )
    return any(n.email_message_id == email.message_id for n in candidates)


def stored_email_ids(*, notifications: Iterable[Notification]) -> dict[int, int]:
    """{notification id: id of the kept e-mail} for e-mail notifications the outbox
    backend kept (no EMAIL_URL)."""
    by_message = {n.email_message_id: n.pk for n in notifications if n.channel == Channel.EMAIL}
    kept = StoredEmail.objects.filter(message_id__in=by_message).values_list("message_id", "pk")
    return {by_message[message_id]: pk for message_id, pk in kept}


def reminder_candidates(
    *, now: datetime, horizon: timedelta
) -> Iterator[tuple[Milestone, Thesis, datetime]]:
    """(milestone, thesis, due date) for each thesis that has not deposited for a deposit
    milestone due (with its extension) between `now` and `now + horizon`.

    The one place that decides "has not deposited": a `Deposit` with status submitted.
    Only theses still working towards their deposits (proposal, in progress) count.
    """
    from thesisdesk.deposits.models import Deposit

    milestones = list(
        Milestone.objects.filter(kind__in=DEPOSIT_KINDS, campaign__is_archived=False)
        .filter(due_at__gt=now - timedelta(days=366))
        .select_related("campaign")
    )
    for milestone in milestones:
        extensions = {
            e.thesis_id: e.due_at for e in MilestoneExtension.objects.filter(milestone=milestone)
        }
        deposited = set(
            Deposit.objects.filter(
                milestone=milestone, status=Deposit.Status.SUBMITTED
            ).values_list("thesis_id", flat=True)
        )
        theses = (
            Thesis.objects.filter(campaign_id=milestone.campaign_id)
            # Past the final deposit (deposited, defended, graded) or abandoned: nothing
            # is left to hand in, so no reminder for any deposit milestone.
            .filter(state__in=[ThesisState.PROPOSAL, ThesisState.IN_PROGRESS])
            .exclude(pk__in=deposited)
            .prefetch_related("students")
        )
        for thesis in theses:
            due_at = extensions.get(thesis.pk, milestone.due_at)
            if now < due_at <= now + horizon:
                yield milestone, thesis, due_at


def edited_templates() -> set[tuple[str, str]]:
    """(event, language) of the templates a coordinator has edited."""
    return set(NotificationTemplate.objects.values_list("event", "language"))
