"""End to end: a student deposits in the simulated Moodle, the plugin's webhook reaches
ThesisDesk over HTTP, the worker reads the submission, and the deposit shows in ThesisDesk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from thesisdesk.deposits import signals
from thesisdesk.deposits.models import Deposit, WebhookDelivery
from thesisdesk.deposits.tests.conftest import STUDENT_ID
from thesisdesk.theses.models import ThesisState

pytestmark = pytest.mark.django_db(transaction=True)


def run_queued_jobs() -> None:
    from thesisdesk.moodle.worker import db_worker

    db_worker(batch=True, install_signals=False, interval=0.1).run()


def test_student_deposit_reaches_thesisdesk_through_the_webhook(
    client, linked, live_server, settings
):
    settings.MOODLE_WEBHOOK_SECRET = "e2e-secret"
    settings.TASKS_BACKEND = "database"
    linked.sim.site.set_webhook(f"{live_server.url}/hooks/moodle/", "e2e-secret")
    told = []
    listener = lambda deposit, is_late: told.append((deposit.pk, is_late))  # noqa: E731
    signals.register(listener)
    try:
        linked.deposit(
            STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"%PDF final")], notify=True
        )
        linked.sim.site.wait_for_webhooks()
        deliveries = linked.sim.site.webhook_deliveries
        assert [d["body"]["event"] for d in deliveries] == [
            "submission_created",
            "submission_submitted",
        ]
        assert [d["status"] for d in deliveries] == [202, 202]
        assert WebhookDelivery.objects.count() == 2
        assert not Deposit.objects.exists()  # the request only queued the work

        run_queued_jobs()
    finally:
        signals.unregister(listener)

    deposit = Deposit.objects.get(thesis=linked.thesis, milestone=linked.final)
    assert deposit.status == Deposit.Status.SUBMITTED
    assert deposit.source == Deposit.Source.WEBHOOK
    assert [f.filename for f in deposit.files.all()] == ["memoire.pdf"]
    assert WebhookDelivery.objects.filter(processed_at__isnull=True).count() == 0
    assert told == [(deposit.pk, False)]  # two webhook calls, one notice
    linked.thesis.refresh_from_db()
    assert linked.thesis.state == ThesisState.DEPOSITED

    client.force_login(linked.personas.supervisor)
    page = client.get(reverse("deposits:milestone-deposits", args=[linked.final.pk]))
    assert "memoire.pdf" in page.content.decode()
    file = deposit.files.get()
    download = client.get(reverse("deposits:file-download", args=[file.pk]))
    assert b"".join(download.streaming_content) == b"%PDF final"


def test_webhook_signed_with_another_secret_changes_nothing(linked, live_server, settings):
    settings.MOODLE_WEBHOOK_SECRET = "the-right-one"
    linked.sim.site.set_webhook(f"{live_server.url}/hooks/moodle/", "a-wrong-one")
    linked.sim.site.WEBHOOK_RETRY_DELAY = 0.01
    try:
        linked.deposit(
            STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"x")], notify=True
        )
        linked.sim.site.wait_for_webhooks()
    finally:
        del linked.sim.site.WEBHOOK_RETRY_DELAY  # back to the class's delay
    assert {d["status"] for d in linked.sim.site.webhook_deliveries} == {403}
    assert not WebhookDelivery.objects.exists()
    assert not Deposit.objects.exists()
