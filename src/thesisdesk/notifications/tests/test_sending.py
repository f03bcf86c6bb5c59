"""Sending: e-mail through a real SMTP server, Moodle messages through the simulated
plugin, idempotency keys, failures kept and retried, the stored-mail outbox."""

from __future__ import annotations

from typing import Any

import pytest

from thesisdesk.notifications import services
from thesisdesk.notifications.models import Event, Notification, StoredEmail
from thesisdesk.notifications.tests.conftest import free_port, send_pending
from thesisdesk.subjects.models import SubjectState
from thesisdesk.subjects.services import subject_approve, subject_reject
from thesisdesk.testing.factories import make_subject

pytestmark = pytest.mark.django_db


def test_subject_approval_mails_the_supervisor_through_smtp_once(personas, smtp_server):
    subject = make_subject(
        campaign=personas.campaign,
        supervisor=personas.supervisor.person,
        state=SubjectState.PROPOSED,
        title="Preuves de programmes",
    )
    subject_approve(actor=personas.coordinator, subject=subject)

    sent = send_pending()
    assert [n.status for n in sent] == ["sent"]
    assert smtp_server.subjects() == ["Sujet approuvé : Preuves de programmes"]
    message = smtp_server.messages[0]
    assert message["To"] == "promoteur@example.org"
    # A long header may be folded onto the next line (RFC 5322): unfold before reading it.
    key = "".join(message["X-ThesisDesk-Key"].split())
    assert key.startswith(f"subject:{subject.pk}/subject_approved/")

    # A retried job (same notification) sends nothing more.
    again = services.notification_send(notification_id=sent[0].pk)
    assert again.status == "sent" and again.attempts == 1
    assert len(smtp_server.messages) == 1


def test_rejection_in_english_carries_the_reason(personas, smtp_server):
    supervisor = personas.supervisor.person
    supervisor.preferred_language = "en"
    supervisor.save()
    subject = make_subject(
        campaign=personas.campaign,
        supervisor=supervisor,
        state=SubjectState.PROPOSED,
        title="Graph <b>colouring</b>",
    )
    subject_reject(actor=personas.coordinator, subject=subject, reason="Too broad & vague")
    send_pending()
    assert smtp_server.subjects() == ["Subject rejected: Graph <b>colouring</b>"]
    html = next(
        part.get_payload(decode=True).decode()
        for part in smtp_server.messages[0].walk()
        if part.get_content_type() == "text/html"
    )
    assert "Too broad &amp; vague" in html
    assert "Graph &lt;b&gt;colouring&lt;/b&gt;" in html


def test_smtp_down_is_a_visible_failure_then_a_retry_sends(personas, settings, smtp_server):
    port = smtp_server and settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nobody listens there
    [row] = services.notify(
        event=Event.DEPOSIT_RECEIPT,
        person=personas.student.person,
        key="test/receipt",
        context={"milestone": "Plan", "thesis_title": "T", "submitted_at": "now"},
    )
    failed = services.notification_send(notification_id=row.pk)
    assert failed.status == "failed" and failed.attempts == 1
    assert "Error" in failed.error or "refused" in failed.error.lower()

    settings.EMAIL_PORT = port
    sent = services.notification_send(notification_id=row.pk)
    assert sent.status == "sent" and sent.attempts == 2 and sent.error == ""
    assert smtp_server.subjects() == ["Accusé de réception : Plan"]


def test_same_key_twice_queues_one_notification(personas):
    person = personas.student.person
    for _ in range(2):
        services.notify(
            event=Event.DEPOSIT_RECEIPT,
            person=person,
            key="deposit:1/receipt",
            context={"milestone": "Plan"},
        )
    assert Notification.objects.filter(person=person).count() == 1


def test_moodle_channel_goes_through_the_plugin_once(personas, moodle_sim, settings):
    settings.MOODLE_URL = moodle_sim.url
    settings.MOODLE_TOKEN = moodle_sim.token("thesisdesk")
    person = personas.student.person
    person.notification_channel = "both"
    person.moodle_user_id = 6
    person.save()
    rows = services.notify(
        event=Event.DEADLINE_REMINDER,
        person=person,
        key="reminder/test",
        context={"milestone": "Plan", "thesis_title": "T", "due_at": "demain", "days": 1},
        url="https://thesisdesk.example/deposits/",
    )
    assert sorted(r.channel for r in rows) == ["email", "moodle"]
    moodle_row = next(r for r in rows if r.channel == "moodle")
    first = services.notification_send(notification_id=moodle_row.pk)
    assert first.status == "sent" and first.moodle_message_id

    # Even if ThesisDesk lost track and sends again, the plugin refuses the same key.
    Notification.objects.filter(pk=moodle_row.pk).update(status="pending")
    services.notification_send(notification_id=moodle_row.pk)
    messages = list(moodle_sim.site.data["notifications"].values())
    assert len(messages) == 1
    assert messages[0]["userid"] == 6
    assert messages[0]["subject"] == "Rappel : Plan pour le demain"
    assert messages[0]["key"] == moodle_row.idempotency_key


def test_moodle_error_is_kept_on_the_row(personas, moodle_sim, settings):
    settings.MOODLE_URL = moodle_sim.url
    settings.MOODLE_TOKEN = moodle_sim.token("thesisdesk")
    person = personas.student.person
    person.notification_channel = "moodle"
    person.moodle_user_id = 9999  # not a Moodle user
    person.save()
    [row] = services.notify(
        event=Event.DEPOSIT_RECEIPT, person=person, key="k", context={"milestone": "Plan"}
    )
    failed = services.notification_send(notification_id=row.pk)
    assert failed.status == "failed"
    assert failed.error.startswith("unknownuser")


def test_without_email_url_mail_is_kept_in_the_outbox(personas, settings, client):
    settings.EMAIL_BACKEND = "thesisdesk.notifications.mail.OutboxEmailBackend"
    [row] = services.notify(
        event=Event.DEPOSIT_RECEIPT,
        person=personas.student.person,
        key="k2",
        context={"milestone": "Dépôt final"},
        campaign_id=personas.campaign.pk,
    )
    services.notification_send(notification_id=row.pk)
    stored = StoredEmail.objects.get()
    assert stored.to == "etudiant@example.org"
    assert stored.subject == "Accusé de réception : Dépôt final"

    client.force_login(personas.coordinator)
    page = client.get("/notifications/").content.decode()
    assert "Accusé de réception : Dépôt final" in page
    assert "E-mail outbox" in page or "outbox" in page.lower()
    detail = client.get(f"/notifications/emails/{stored.pk}/")
    assert detail.status_code == 200


def test_retry_job_after_failure_is_queued(personas, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    [row] = services.notify(
        event=Event.DEPOSIT_RECEIPT, person=personas.student.person, key="k3", context={}
    )
    queued: list[Any] = []
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.notification_send(notification_id=row.pk)
    queued.extend(callbacks)
    assert queued, "a failed notification schedules its own retry"
    assert services.retry_delay(1).total_seconds() == 60
    assert services.retry_delay(5).total_seconds() == 3600


def test_moodle_not_configured_is_a_visible_failure(personas, settings):
    settings.MOODLE_URL = ""
    settings.MOODLE_TOKEN = ""
    person = personas.student.person
    person.notification_channel = "moodle"
    person.moodle_user_id = 6
    person.save()
    [row] = services.notify(event=Event.DEPOSIT_RECEIPT, person=person, key="nc", context={})
    failed = services.notification_send(notification_id=row.pk)
    assert failed.status == "failed" and failed.attempts == 1 and failed.error
