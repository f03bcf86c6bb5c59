"""The periodic reminder job: queued every `NOTIFICATIONS_REMINDER_INTERVAL` seconds
(default one hour) by `thesisdesk run` (and by a worker that calls `start_reminder_timer`).
Each reminder has its own key, so running often never sends twice."""

from __future__ import annotations

import logging
import threading

from django.conf import settings

from thesisdesk.core import periodic
from thesisdesk.core.periodic import PeriodicJob

logger = logging.getLogger("thesisdesk.notifications")

REMINDER_INTERVAL = settings.NOTIFICATIONS_REMINDER_INTERVAL


def _queue_reminders() -> None:
    from thesisdesk.notifications.tasks import send_reminders

    send_reminders.enqueue()


def start_reminder_timer(interval: float = REMINDER_INTERVAL) -> threading.Event:
    """Queue the reminder job every `interval` seconds (once across all workers)."""
    return periodic.start(PeriodicJob("notifications.reminders", interval, _queue_reminders))


class ReminderTimer:
    name = "Deadline reminders"
    order = 70

    def __init__(self) -> None:
        self._stop: threading.Event | None = None

    def wanted(self) -> bool:
        return REMINDER_INTERVAL > 0

    def start(self) -> str:
        self._stop = start_reminder_timer()
        return f"deadline reminders checked every {REMINDER_INTERVAL:g} s"

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
