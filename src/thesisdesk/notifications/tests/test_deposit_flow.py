"""End to end: a student deposits in the simulated Moodle, the poll records it, the
supervisor gets a notice (e-mail kept in the outbox, Moodle message through the plugin)
and the student a receipt — once, however often the poll runs."""

from __future__ import annotations

import pytest

from thesisdesk.deposits.services import deposits_poll
from thesisdesk.deposits.tests.conftest import STUDENT_ID, linked  # noqa: F401  (fixture)
from thesisdesk.notifications.models import Notification, StoredEmail
from thesisdesk.notifications.tests.conftest import send_pending

pytestmark = pytest.mark.django_db(transaction=True)


def test_deposit_in_moodle_notifies_supervisor_and_student(linked, settings):  # noqa: F811
    settings.EMAIL_BACKEND = "thesisdesk.notifications.mail.OutboxEmailBackend"
    supervisor = linked.personas.supervisor.person
    supervisor.notification_channel = "both"
    supervisor.save()

    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"%PDF-1.7 x")])
    deposits_poll(client=linked.client)
    deposits_poll(client=linked.client)  # again: nothing new
    sent = send_pending()

    assert all(n.status == "sent" for n in sent)
    rows = Notification.objects.all()
    assert sorted((n.person.user.username, n.event, n.channel) for n in rows) == [
        ("copromoteur", "deposit_notice", "email"),
        ("etudiant", "deposit_receipt", "email"),
        ("promoteur", "deposit_notice", "email"),
        ("promoteur", "deposit_notice", "moodle"),
    ]
    assert StoredEmail.objects.filter(to="promoteur@example.org").count() == 1
    moodle = list(linked.sim.site.data["notifications"].values())
    assert [(m["userid"], m["subject"]) for m in moodle] == [
        (3, f"Nouveau dépôt : Dépôt final — {linked.thesis.title}")
    ]
