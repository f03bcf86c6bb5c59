"""The periodic poll is queued by a timer; `thesisdesk run` points the simulated Moodle's
webhook at ThesisDesk."""

from __future__ import annotations

import time

import pytest

from thesisdesk.deposits import polling
from thesisdesk.moodle.models import MoodleCourseLink

pytestmark = pytest.mark.django_db(transaction=True)


def queued_polls() -> int:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path__endswith="poll_deposits").count()


def test_timer_queues_a_poll_when_a_campaign_is_linked(personas):
    MoodleCourseLink.objects.create(campaign=personas.campaign, courseid=2, shortname="MEM-2026")
    stop = polling.start_poll_timer(0.05)
    try:
        deadline = time.monotonic() + 10
        while queued_polls() == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        stop.set()
    assert queued_polls() >= 1


def test_timer_queues_nothing_without_a_linked_campaign(personas):
    stop = polling.start_poll_timer(0.05)
    time.sleep(0.3)
    stop.set()
    assert queued_polls() == 0


def test_run_points_the_simulated_moodle_at_the_webhook(moodle_sim, settings, monkeypatch):
    class FakeSimulatorService:
        name = "Moodle simulator"
        order = 10
        sim = moodle_sim

    from thesisdesk.core import background

    monkeypatch.setattr(background, "registered", lambda: [FakeSimulatorService()])
    settings.MOODLE_WEBHOOK_SECRET = ""
    settings.SITE_URL = "http://127.0.0.1:8123"
    monkeypatch.setattr(polling, "POLL_INTERVAL", 0)
    service = polling.DepositPolling()
    line = service.start()
    service.stop()
    assert "http://127.0.0.1:8123/hooks/moodle/" in line
    assert moodle_sim.site.config["webhook_url"] == "http://127.0.0.1:8123/hooks/moodle/"
    assert settings.MOODLE_WEBHOOK_SECRET
    assert moodle_sim.site.config["webhook_secret"] == settings.MOODLE_WEBHOOK_SECRET
