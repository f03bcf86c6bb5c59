"""Notification services: render an event's template for a person, queue one row per
channel under an idempotency key, send it (e-mail or Moodle message), retry failures.

Domain hooks (called by other apps' services): `notify_subject_decision`,
`notify_allocation_published`, `notify_deposit_received`, `reminders_send`.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template import Context, Engine
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import ValidationFailed
from thesisdesk.core.html import sanitize_html
from thesisdesk.notifications import events
from thesisdesk.notifications.models import Channel, Event, Notification, NotificationTemplate
from thesisdesk.people.models import NotificationChannel, Person

logger = logging.getLogger("thesisdesk.notifications")

_ENGINE = Engine(autoescape=True)


class SendFailed(Exception):
    """Sending one notification failed; the message says why (kept on the row)."""


# -- rendering ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Rendered:
    subject: str
    body_html: str
    body_text: str


def template_source(event: str, language: str) -> tuple[str, str]:
    """(subject, body) of `event` in `language`: the coordinators' wording, else built-in."""
    row = NotificationTemplate.objects.filter(event=event, language=language).first()
    if row is not None:
        return row.subject, row.body_html
    return events.DEFAULTS.get((event, language)) or events.DEFAULTS[(event, "fr")]


def render_source(subject: str, body_html: str, context: Mapping[str, Any]) -> Rendered:
    """Render template strings; raises ValidationFailed on a template syntax error."""
    from django.template import TemplateSyntaxError

    try:
        subject_template = _ENGINE.from_string(subject)
        body_template = _ENGINE.from_string(body_html)
    except TemplateSyntaxError as error:
        raise ValidationFailed(
            _("The template cannot be read: %(error)s") % {"error": error}
        ) from None
    # The subject is plain text: no HTML escaping, no line breaks.
    rendered_subject = " ".join(
        subject_template.render(Context(dict(context), autoescape=False)).split()
    )
    html = sanitize_html(body_template.render(Context(dict(context))))
    return Rendered(rendered_subject[:255], html, html_to_text(html))


def html_to_text(html: str) -> str:
    import html as html_module
    import re

    text = re.sub(r"</(p|div|li|h[1-6])>|<br\s*/?>", "\n", html, flags=re.IGNORECASE)
    text = re.sub(r'<a [^>]*href="([^"]*)"[^>]*>(.*?)</a>', r"\2 (\1)", text, flags=re.I | re.S)
    text = html_module.unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def render(event: str, language: str, context: Mapping[str, Any]) -> Rendered:
    subject, body = template_source(event, language)
    return render_source(subject, body, context)


def template_save(*, actor: Any, event: str, language: str, subject: str, body_html: str) -> None:
    """A coordinator's wording for one event and language (checked by rendering it)."""
    if event not in Event.values or language not in events.LANGUAGES:
        raise ValidationFailed(_("Unknown event or language."))
    body_html = sanitize_html(body_html)
    render_source(subject, body_html, events.SAMPLE_CONTEXT)
    with transaction.atomic():
        row, _created = NotificationTemplate.objects.update_or_create(
            event=event,
            language=language,
            defaults={"subject": subject, "body_html": body_html, "updated_by": _user(actor)},
        )
        audit_record(actor=actor, action="notification_template.save", target=row)


def template_reset(*, actor: Any, event: str, language: str) -> None:
    with transaction.atomic():
        row = NotificationTemplate.objects.filter(event=event, language=language).first()
        if row is not None:
            audit_record(actor=actor, action="notification_template.reset", target=row)
            row.delete()


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


# -- queuing --------------------------------------------------------------------------------
def channels_for(person: Person) -> list[str]:
    """The person's preferred channels; Moodle only when their Moodle account is known."""
    preference = person.notification_channel
    choices: dict[str, list[Channel]] = {
        NotificationChannel.EMAIL: [Channel.EMAIL],
        NotificationChannel.MOODLE: [Channel.MOODLE],
        NotificationChannel.BOTH: [Channel.EMAIL, Channel.MOODLE],
    }
    wanted = choices.get(str(preference), [Channel.EMAIL])
    if Channel.MOODLE in wanted and not person.moodle_user_id:
        wanted = [c for c in wanted if c != Channel.MOODLE] or [Channel.EMAIL]
    if Channel.EMAIL in wanted and not person.email:
        wanted = [c for c in wanted if c != Channel.EMAIL]
    return [str(c) for c in wanted]


def _key(base: str, channel: str) -> str:
    key = f"{base}/{channel}"
    if len(key) <= 255:
        return key
    return key[:190] + "#" + hashlib.sha256(key.encode()).hexdigest()


def notify(
    *,
    event: str,
    person: Person,
    key: str,
    context: Mapping[str, Any],
    campaign_id: int | None = None,
    url: str = "",
) -> list[Notification]:
    """Queue `event` for `person` on each of their channels, once per `key`.

    Returns the rows it created (none when the key was already used). They are sent by a
    background job after the current transaction commits.
    """
    language = person.preferred_language or "fr"
    full_context = {"person": person.full_name, "url": url, **context}
    rendered = render(event, language, full_context)
    rows = []
    for channel in channels_for(person):
        row, created = Notification.objects.get_or_create(
            idempotency_key=_key(key, channel),
            defaults={
                "person": person,
                "campaign_id": campaign_id,
                "event": event,
                "channel": channel,
                "language": language,
                "subject": rendered.subject,
                "body_html": rendered.body_html,
                "body_text": rendered.body_text,
                "url": url,
            },
        )
        if created:
            transaction.on_commit(partial(_enqueue_send, row.pk))
            rows.append(row)
    return rows


def _enqueue_send(notification_id: int, delay: timedelta | None = None) -> None:
    from thesisdesk.notifications.tasks import send_notification

    try:
        if delay:
            send_notification.using(run_after=timezone.now() + delay).enqueue(notification_id)
        else:
            send_notification.enqueue(notification_id)
    except Exception:  # the row stays pending; `thesisdesk notifications retry` picks it up
        logger.exception("Could not queue notification %s", notification_id)


# -- sending --------------------------------------------------------------------------------
def _message_id(notification: Notification) -> str:
    return notification.email_message_id


def _send_email(notification: Notification) -> None:
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.person.email],
        headers={
            "Message-ID": _message_id(notification),
            "X-ThesisDesk-Key": notification.idempotency_key,
        },
    )
    message.attach_alternative(notification.body_html, "text/html")
    try:
        message.send()
    except Exception as error:  # SMTP errors, refused connections, timeouts
        raise SendFailed(f"{type(error).__name__}: {error}") from error


def moodle_client() -> Any:
    from thesisdesk.moodle.client import MoodleClient

    return MoodleClient.from_settings()


def _send_moodle(notification: Notification, client: Any | None) -> int | None:
    from thesisdesk.moodle.client.errors import MoodleConnectionError, MoodleError, MoodleTimeout

    courseid = 0
    if notification.campaign_id is not None:
        link = getattr(notification.campaign, "moodle_link", None)
        courseid = link.courseid if link is not None else 0
    item: dict[str, Any] = {
        "key": notification.idempotency_key,
        "userid": notification.person.moodle_user_id,
        "courseid": courseid,
        "subject": notification.subject,
        # Sanitized again on the way to Moodle.
        "fullmessagehtml": sanitize_html(notification.body_html),
        "fullmessage": notification.body_text,
    }
    if notification.url.startswith(("http://", "https://")):
        item["contexturl"] = notification.url
        item["contexturlname"] = "ThesisDesk"
    try:
        answer = (client or moodle_client()).local_thesisdesk_notify(notifications=[item])
    except (MoodleError, MoodleConnectionError, MoodleTimeout) as error:
        raise SendFailed(f"{type(error).__name__}: {error}") from error
    results = answer.model_dump()["notifications"]
    result = next((r for r in results if r["key"] == item["key"]), None)
    if result is None:
        raise SendFailed("Moodle did not answer for this notification.")
    if result["status"] == "error":
        raise SendFailed(f"{result.get('errorcode')}: {result.get('message')}")
    return result.get("messageid") or None


def retry_delay(attempts: int) -> timedelta:
    """Capped exponential backoff: 1, 4, 16, 60, 60 minutes."""
    return timedelta(minutes=min(60, 4 ** max(0, attempts - 1)))


def notification_send(*, notification_id: int, client: Any | None = None) -> Notification:
    """Send one notification unless it was already sent (a retried job sends nothing).

    The row is locked while sending, so two workers cannot both send it. A failure is kept
    on the row (status failed, error, attempts) and retried later with backoff, up to
    `Notification.MAX_ATTEMPTS` attempts.
    """
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(of=("self",))
            .select_related("person", "campaign")
            .get(pk=notification_id)
        )
        if notification.status in (Notification.Status.SENT, Notification.Status.SKIPPED):
            return notification
        notification.attempts += 1
        try:
            if notification.channel == Channel.MOODLE:
                notification.moodle_message_id = _send_moodle(notification, client)
            else:
                _send_email(notification)
        except SendFailed as error:
            notification.status = Notification.Status.FAILED
            notification.error = str(error)[:2000]
            logger.warning("Notification %s failed: %s", notification.pk, error)
        except Exception as error:  # e.g. Moodle not configured: keep it visible, retry
            logger.exception("Notification %s failed unexpectedly", notification.pk)
            notification.status = Notification.Status.FAILED
            notification.error = f"{type(error).__name__}: {error}"[:2000]
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.error = ""
        notification.save()
        if (
            notification.status == Notification.Status.FAILED
            and notification.attempts < Notification.MAX_ATTEMPTS
        ):
            delay = retry_delay(notification.attempts)
            transaction.on_commit(lambda: _enqueue_send(notification.pk, delay))
    return notification


def notifications_retry(*, actor: Any = None, ids: Iterable[int] | None = None) -> int:
    """Queue again failed (and stuck pending) notifications; returns how many."""
    rows = Notification.objects.filter(
        status__in=[Notification.Status.FAILED, Notification.Status.PENDING]
    )
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    else:
        rows = rows.filter(attempts__lt=Notification.MAX_ATTEMPTS)
    pks = list(rows.values_list("pk", flat=True))
    for pk in pks:
        transaction.on_commit(partial(_enqueue_send, pk))
    return len(pks)


# -- domain hooks ---------------------------------------------------------------------------
def _site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _safe_reverse(name: str, *args: Any) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return _site_url(reverse(name, args=args))
    except NoReverseMatch:
        return _site_url("/")


def notify_subject_decision(*, subject_id: int, approved: bool) -> list[Notification]:
    """Tell a subject's supervisors and proposer that it was approved or rejected."""
    from thesisdesk.core.models import AuditEvent
    from thesisdesk.subjects.models import Subject

    subject = (
        Subject.objects.select_related("campaign", "supervisor", "proposed_by")
        .prefetch_related("co_supervisors")
        .get(pk=subject_id)
    )
    event = Event.SUBJECT_APPROVED if approved else Event.SUBJECT_REJECTED
    action = "subject.approve" if approved else "subject.reject"
    decision = AuditEvent.objects.for_object(subject).filter(action=action).first()
    decision_id = decision.pk if decision is not None else "0"
    people = [subject.supervisor, subject.proposed_by, *subject.co_supervisors.all()]
    url = _safe_reverse("subjects:subject-detail", subject.pk)
    sent: list[Notification] = []
    for person in _unique(people):
        sent += notify(
            event=event,
            person=person,
            key=f"subject:{subject.pk}/{event}/decision:{decision_id}/person:{person.pk}",
            context={
                "subject_title": subject.title,
                "campaign": subject.campaign.name,
                "reason": subject.rejection_reason,
            },
            campaign_id=subject.campaign_id,
            url=url,
        )
    return sent


def _unique(people: Iterable[Person | None]) -> list[Person]:
    seen: dict[int, Person] = {}
    for person in people:
        if person is not None and person.pk not in seen:
            seen[person.pk] = person
    return list(seen.values())


def notify_allocation_published(*, thesis_ids: Iterable[int]) -> list[Notification]:
    """Tell each thesis's students and supervisors what they were allocated."""
    from thesisdesk.theses.models import Thesis

    theses = (
        Thesis.objects.filter(pk__in=list(thesis_ids))
        .select_related("campaign")
        .prefetch_related("students", "supervisors", "co_supervisors")
    )
    sent: list[Notification] = []
    for thesis in theses:
        url = _safe_reverse("theses:thesis-detail", thesis.pk)
        people = [*thesis.students.all(), *thesis.supervisors.all(), *thesis.co_supervisors.all()]
        for person in _unique(people):
            sent += notify(
                event=Event.ALLOCATION_PUBLISHED,
                person=person,
                key=f"allocation:{thesis.campaign_id}/thesis:{thesis.pk}/person:{person.pk}",
                context={"thesis_title": thesis.title, "campaign": thesis.campaign.name},
                campaign_id=thesis.campaign_id,
                url=url,
            )
    return sent


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")


def notify_deposit_received(deposit_id: int, is_late: bool) -> list[Notification]:
    """A receipt to the thesis's students; a notice (or a late notice) to its supervisors.

    Keyed on the Moodle submission and its time: the same submission recorded twice
    (webhook then poll) notifies once; a new upload notifies again.
    """
    from thesisdesk.deposits.models import Deposit

    deposit = Deposit.objects.select_related("thesis__campaign", "milestone").get(pk=deposit_id)
    if not deposit.is_deposited:
        return []
    thesis = deposit.thesis
    students = list(thesis.students.all())
    stamp = int(deposit.submitted_at.timestamp()) if deposit.submitted_at else 0
    base = f"deposit:{deposit.pk}/submission:{deposit.moodle_submissionid}@{stamp}"
    context = {
        "milestone": deposit.milestone.title,
        "thesis_title": thesis.title,
        "students": ", ".join(s.full_name for s in students),
        "submitted_at": _when(deposit.submitted_at),
        "due_at": _when(deposit.due_at),
    }
    url = _safe_reverse("deposits:thesis-deposits", thesis.pk)
    sent: list[Notification] = []
    for person in _unique(students):
        sent += notify(
            event=Event.DEPOSIT_RECEIPT,
            person=person,
            key=f"{base}/receipt/person:{person.pk}",
            context=context,
            campaign_id=thesis.campaign_id,
            url=url,
        )
    event = Event.LATE_DEPOSIT if is_late else Event.DEPOSIT_NOTICE
    for person in _unique([*thesis.supervisors.all(), *thesis.co_supervisors.all()]):
        sent += notify(
            event=event,
            person=person,
            key=f"{base}/{event}/person:{person.pk}",
            context=context,
            campaign_id=thesis.campaign_id,
            url=url,
        )
    return sent


def on_deposit_recorded(deposit: Any, is_late: bool) -> None:
    """The listener registered with `thesisdesk.deposits.signals`."""
    notify_deposit_received(deposit.pk, is_late)


def reminder_offsets() -> tuple[int, ...]:
    return tuple(sorted(set(getattr(settings, "NOTIFICATIONS_REMINDER_DAYS", (7, 1)))))


def reminders_send(*, now: datetime | None = None) -> list[Notification]:
    """Deadline reminders to the students who have not deposited yet.

    For each deposit milestone not yet due, and each thesis (with its extension), the
    smallest offset (in days, `NOTIFICATIONS_REMINDER_DAYS`) whose window has begun gives
    one reminder per student; its key names the offset and the due date, so running this
    every hour sends each reminder once, and a moved deadline reminds again.
    """
    from thesisdesk.notifications import selectors

    now = now or timezone.now()
    offsets = reminder_offsets()
    if not offsets:
        return []
    sent: list[Notification] = []
    for milestone, thesis, due_at in selectors.reminder_candidates(
        now=now, horizon=timedelta(days=max(offsets))
    ):
        remaining = due_at - now
        window = [days for days in offsets if remaining <= timedelta(days=days)]
        if not window:
            continue
        days = min(window)
        for person in thesis.students.all():
            sent += notify(
                event=Event.DEADLINE_REMINDER,
                person=person,
                key=(
                    f"reminder:milestone:{milestone.pk}/thesis:{thesis.pk}"
                    f"/due:{int(due_at.timestamp())}/days:{days}/person:{person.pk}"
                ),
                context={
                    "milestone": milestone.title,
                    "thesis_title": thesis.title,
                    "due_at": _when(due_at),
                    "days": max(1, math.ceil(remaining.total_seconds() / 86400)),
                },
                campaign_id=milestone.campaign_id,
                url=_safe_reverse("deposits:thesis-deposits", thesis.pk),
            )
    return sent


def notification_mark_skipped(*, actor: Any, notification: Notification) -> Notification:
    """A coordinator gives up on a failed notification (kept in the history)."""
    with transaction.atomic():
        locked = Notification.objects.select_for_update().get(pk=notification.pk)
        if locked.status != Notification.Status.SENT:
            locked.status = Notification.Status.SKIPPED
            locked.save(update_fields=["status"])
            audit_record(actor=actor, action="notification.skip", target=locked)
    return locked
