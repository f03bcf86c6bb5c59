"""The periodic reminder job: queued every `NOTIFICATIONS_REMINDER_INTERVAL` seconds
(default one hour) by `thesisdesk run` (and by a worker that calls `start_reminder_timer`).
Each reminder has its own key, so running often never sends twice."""

from __future__ import annotations

import logging
import threading

from django.conf import settings

logger = logging.getLogger("thesisdesk.notifications")

REMINDER_INTERVAL = settings.NOTIFICATIONS_REMINDER_INTERVAL


def _loop(stop: threading.Event, interval: float) -> None:
    from django.db import close_old_connections

    from thesisdesk.notifications.tasks import send_reminders

    while not stop.wait(interval):
        try:
            send_reminders.enqueue()
        except Exception:  # keep the loop alive
            logger.exception("Could not queue the deadline reminders")
        finally:
            close_old_connections()


def start_reminder_timer(interval: float = REMINDER_INTERVAL) -> threading.Event:
    stop = threading.Event()
    if interval > 0:
        threading.Thread(
            target=_loop, args=(stop, interval), name="reminder-timer", daemon=True
        ).start()
    return stop


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
