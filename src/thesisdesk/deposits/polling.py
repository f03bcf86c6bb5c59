"""The periodic deposit poll (safety net under the webhook) and, under `thesisdesk run`
with the simulated Moodle, pointing the simulator's webhook at this ThesisDesk."""

from __future__ import annotations

import logging
import secrets
import threading

from django.conf import settings

logger = logging.getLogger("thesisdesk.deposits")

# Seconds between two polls of every linked campaign's deposit assignments (0: never).
POLL_INTERVAL = settings.DEPOSITS_POLL_INTERVAL


def _poll_loop(stop: threading.Event, interval: float) -> None:
    from django.db import close_old_connections

    from thesisdesk.deposits.tasks import poll_deposits
    from thesisdesk.moodle.models import MoodleCourseLink

    while not stop.wait(interval):
        try:
            if MoodleCourseLink.objects.exists():
                poll_deposits.enqueue()
        except Exception:  # keep the loop alive; the next tick tries again
            logger.exception("Could not queue the periodic deposit poll")
        finally:
            close_old_connections()


def start_poll_timer(interval: float = POLL_INTERVAL) -> threading.Event:
    """Queue `poll_deposits` every `interval` seconds in a daemon thread; set the returned
    event to stop. A worker process calls this beside its drift timer."""
    stop = threading.Event()
    if interval > 0:
        threading.Thread(
            target=_poll_loop, args=(stop, interval), name="deposit-poll-timer", daemon=True
        ).start()
    return stop


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
