"""Periodic jobs (drift checks, deposit polling, deadline reminders), queued once per
interval however many worker processes run.

Every worker process (and `thesisdesk run`) keeps a timer thread per job. At each tick the
process tries to claim the job's slot: one UPDATE that moves the slot's due time forward
only if it is due, so among processes ticking at the same time exactly one wins and queues
the job; the others see it is not due. The jobs themselves stay idempotent, so a claim that
is lost (a process dying between the claim and the queueing) costs one interval, no more.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import (
    IntegrityError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.utils import timezone

logger = logging.getLogger("thesisdesk.periodic")


@dataclass(frozen=True)
class PeriodicJob:
    """`queue()` is called once per `interval` seconds across all processes."""

    name: str
    interval: float
    queue: Callable[[], None]


def claim(name: str, interval: float, *, now: datetime | None = None) -> bool:
    """True when this process should queue `name` now; the slot is then due `interval`
    seconds later. Safe against any number of processes claiming at once."""
    from thesisdesk.core.models import PeriodicSlot

    now = now or timezone.now()
    try:
        if not PeriodicSlot.objects.filter(name=name).exists():
            try:
                with transaction.atomic():
                    PeriodicSlot.objects.create(name=name, due_at=now)
            except IntegrityError:  # another process created it first
                pass
        moved = PeriodicSlot.objects.filter(name=name, due_at__lte=now).update(
            due_at=now + timedelta(seconds=interval)
        )
    except OperationalError as error:
        # SQLite locks the whole database for a writer: another process is claiming.
        if connection.vendor == "sqlite" and "locked" in str(error):
            return False
        raise
    return moved == 1


def tick(job: PeriodicJob, *, now: datetime | None = None) -> bool:
    """Claim and queue `job` if it is due; True when this call queued it."""
    if not claim(job.name, job.interval, now=now):
        return False
    job.queue()
    return True


def _loop(job: PeriodicJob, stop: threading.Event) -> None:
    while not stop.wait(job.interval):
        try:
            tick(job)
        except Exception:  # keep the loop alive; the next tick tries again
            logger.exception("Could not queue the periodic job %s", job.name)
        finally:
            close_old_connections()


def start(job: PeriodicJob) -> threading.Event:
    """Tick `job` every `interval` seconds in a daemon thread; set the returned event to stop.
    An interval of 0 or less starts nothing."""
    stop = threading.Event()
    if job.interval > 0:
        threading.Thread(
            target=_loop, args=(job, stop), name=f"{job.name}-timer", daemon=True
        ).start()
    return stop
