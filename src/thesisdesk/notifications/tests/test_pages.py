"""Pages: templates with preview (coordinators only), outbox, histories, permissions."""

from __future__ import annotations

import pytest

from thesisdesk.notifications import services
from thesisdesk.notifications.models import Event, NotificationTemplate

pytestmark = pytest.mark.django_db

EDIT = "/notifications/templates/subject_approved/fr/"


def test_coordinator_previews_then_saves_a_template(client, personas):
    client.force_login(personas.coordinator)
    page = client.get(EDIT)
    assert page.status_code == 200
    assert "Sujet approuvé : Apprentissage fédéré sur capteurs" in page.content.decode()
    assert 'data-rich-text="1"' in page.content.decode()  # the editor widget

    preview = client.post(
        EDIT,
        {
            "subject": "Bravo : {{ subject_title }}",
            "body_html": "<p>Cher {{ person }}<script>x()</script></p>",
            "preview": "1",
        },
    )
    body = preview.content.decode()
    assert "Bravo : Apprentissage fédéré sur capteurs" in body
    assert "<script>x()" not in body
    assert not NotificationTemplate.objects.exists()

    saved = client.post(
        EDIT,
        {"subject": "Bravo : {{ subject_title }}", "body_html": "<p>Cher {{ person }}</p>"},
    )
    assert saved.status_code == 302
    [row] = services.notify(
        event=Event.SUBJECT_APPROVED,
        person=personas.supervisor.person,
        key="x",
        context={"subject_title": "Graphes"},
    )
    assert row.subject == "Bravo : Graphes"
    assert row.body_html == "<p>Cher Paul Promoteur</p>"

    client.post(EDIT, {"reset": "1"})
    assert not NotificationTemplate.objects.exists()


def test_a_broken_template_is_refused(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(EDIT, {"subject": "{% if %}", "body_html": "<p>x</p>", "save": "1"})
    assert response.status_code == 200
    assert not NotificationTemplate.objects.exists()


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("admin", 200),
        ("supervisor", 403),
        ("student", 403),
        ("outsider", 403),
    ],
)
def test_outbox_and_templates_are_for_coordinators(client, personas, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get("/notifications/").status_code == status
    assert client.get("/notifications/templates/").status_code == status
    assert client.get(EDIT).status_code == status


def test_history_on_the_person_page(client, personas):
    student = personas.student.person
    services.notify(
        event=Event.DEPOSIT_RECEIPT,
        person=student,
        key="h",
        context={"milestone": "Plan"},
        campaign_id=personas.campaign.pk,
    )
    client.force_login(personas.student)
    detail = client.get(f"/people/{student.pk}/").content.decode()
    assert f"/notifications/people/{student.pk}/" in detail
    mine = client.get("/notifications/mine/").content.decode()
    assert "Accusé de réception : Plan" in mine

    client.force_login(personas.coordinator)
    assert (
        "Accusé de réception : Plan"
        in client.get(f"/notifications/people/{student.pk}/").content.decode()
    )

    client.force_login(personas.other_student)
    assert client.get(f"/notifications/people/{student.pk}/").status_code in (403, 404)


def test_coordinator_retries_a_failed_notification(client, personas, settings):
    from thesisdesk.notifications.models import Notification

    [row] = services.notify(
        event=Event.DEPOSIT_RECEIPT,
        person=personas.student.person,
        key="r",
        context={},
        campaign_id=personas.campaign.pk,
    )
    Notification.objects.filter(pk=row.pk).update(status="failed", attempts=5, error="boom")
    client.force_login(personas.coordinator)
    page = client.get("/notifications/?status=failed").content.decode()
    assert "boom" in page
    response = client.post(f"/notifications/{row.pk}/retry/")
    assert response.status_code == 302
    client.post(f"/notifications/{row.pk}/skip/")
    row.refresh_from_db()
    assert row.status == "skipped"


def test_a_kept_email_is_read_by_its_recipient_and_their_coordinators_only(
    client, personas, settings
):
    """Without EMAIL_URL the e-mails are kept; the recipient reads theirs from their history
    (the demo's supervisor had no way to read the deposit notice), a coordinator of another
    campaign cannot open it by its number."""
    from thesisdesk.campaigns.models import Role
    from thesisdesk.notifications.models import StoredEmail
    from thesisdesk.testing.factories import make_campaign, make_member

    settings.EMAIL_BACKEND = "thesisdesk.notifications.mail.OutboxEmailBackend"
    [row] = services.notify(
        event=Event.DEPOSIT_NOTICE,
        person=personas.supervisor.person,
        key="deposit:1/notice",
        context={"milestone": "Plan", "thesis_title": "Capteurs", "student": "Emma"},
        campaign_id=personas.campaign.pk,
    )
    services.notification_send(notification_id=row.pk)
    stored = StoredEmail.objects.get()
    detail = f"/notifications/emails/{stored.pk}/"

    client.force_login(personas.supervisor)
    history = client.get("/notifications/mine/").content.decode()
    assert f'href="{detail}"' in history
    page = client.get(detail)
    assert page.status_code == 200 and "Capteurs" in page.content.decode()

    elsewhere = make_member(make_campaign(name="Autre", slug="autre-c"), Role.COORDINATOR)
    for user, status in (
        (personas.coordinator, 200),
        (personas.admin, 200),
        (elsewhere.user, 404),
        (personas.student, 404),
        (personas.reader, 404),
    ):
        client.force_login(user)
        assert client.get(detail).status_code == status, user
