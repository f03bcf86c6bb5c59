"""The periodic deposit poll (safety net under the webhook) and, under `thesisdesk run`
with the simulated Moodle, pointing the simulator's webhook at this ThesisDesk."""

from __future__ import annotations

import logging
import secrets
import threading

from django.conf import settings

from thesisdesk.core import periodic
from thesisdesk.core.periodic import PeriodicJob

logger = logging.getLogger("thesisdesk.deposits")

# Seconds between two polls of every linked campaign's deposit assignments (0: never).
POLL_INTERVAL = settings.DEPOSITS_POLL_INTERVAL


def _queue_poll() -> None:
    from thesisdesk.deposits.tasks import poll_deposits
    from thesisdesk.moodle.models import MoodleCourseLink

    if MoodleCourseLink.objects.exists():
        poll_deposits.enqueue()


def start_poll_timer(interval: float = POLL_INTERVAL) -> threading.Event:
    """Queue `poll_deposits` every `interval` seconds (once across all workers) in a daemon
    thread; set the returned event to stop. A worker process calls this beside its drift
    timer."""
    return periodic.start(PeriodicJob("deposits.poll", interval, _queue_poll))


def _demo_simulator() -> object | None:
    from thesisdesk.core import background

    for service in background.registered():
        sim = getattr(service, "sim", None)
        if service.name == "Moodle simulator" and sim is not None:
            return sim
    return None


class DepositPolling:
    """`thesisdesk run`'s deposit poll; with the simulated Moodle, also its webhook."""

    name = "Deposits"
    order = 60  # after the simulator (10) and the in-process worker (50)

    def __init__(self) -> None:
        self._stop: threading.Event | None = None

    def wanted(self) -> bool:
        return True

    def start(self) -> str:
        from django.conf import settings

        lines = []
        sim = _demo_simulator()
        if sim is not None:
            if not settings.MOODLE_WEBHOOK_SECRET:
                settings.MOODLE_WEBHOOK_SECRET = secrets.token_urlsafe(32)
            url = settings.SITE_URL.rstrip("/") + "/hooks/moodle/"
            sim.site.set_webhook(url, settings.MOODLE_WEBHOOK_SECRET)  # type: ignore[attr-defined]
            lines.append(f"the simulated Moodle calls {url} when a student deposits")
        self._stop = start_poll_timer(POLL_INTERVAL)
        if POLL_INTERVAL > 0:
            lines.append(f"deposits polled from Moodle every {POLL_INTERVAL:g} s")
        return "; ".join(lines) or "deposit polling off (DEPOSITS_POLL_INTERVAL=0)"

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
