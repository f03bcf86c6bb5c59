"""The background worker: django-tasks-db's worker or an RQ worker, per TASKS_BACKEND,
plus what every worker does on top: resume the sync runs of a worker that died, and queue
the periodic drift check.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from django.conf import settings
from django.utils.crypto import get_random_string

from thesisdesk.core import periodic
from thesisdesk.core.periodic import PeriodicJob

logger = logging.getLogger("thesisdesk.worker")

DRIFT_INTERVAL = settings.MOODLE_DRIFT_INTERVAL


def recover() -> list[int]:
    from thesisdesk.moodle.services import sync_recover_interrupted

    recovered = sync_recover_interrupted()
    if recovered:
        logger.info("Resuming interrupted sync runs: %s", recovered)
    return recovered


def _queue_drift_check() -> None:
    from thesisdesk.moodle.models import MoodleCourseLink
    from thesisdesk.moodle.tasks import check_drift_everywhere

    if MoodleCourseLink.objects.exists():
        check_drift_everywhere.enqueue()


def start_drift_timer(interval: float = DRIFT_INTERVAL) -> threading.Event:
    """Queue the drift check every `interval` seconds (once across all workers)."""
    return periodic.start(PeriodicJob("moodle.drift", interval, _queue_drift_check))


def db_worker(*, interval: float = 1.0, batch: bool = False, install_signals: bool = True) -> Any:
    """A django-tasks-db worker (not started). `run()` it; `running = False` stops it."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=list(settings.TASKS["default"].get("QUEUES") or ["default"]),
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    if install_signals:
        worker.configure_signals()
    return worker


def run_worker(*, batch: bool = False, interval: float = 1.0) -> int:
    """Run the worker of the configured backend in this process until stopped."""
    backend = settings.TASKS_BACKEND
    recover()
    from thesisdesk.deposits.polling import start_poll_timer
    from thesisdesk.notifications.periodic import start_reminder_timer

    # Periodic jobs (each idempotent): drift checks, deposit polling, deadline reminders.
    timers = [] if batch else [start_drift_timer(), start_poll_timer(), start_reminder_timer()]
    try:
        if backend == "database":
            db_worker(interval=interval, batch=batch).run()
        elif backend == "rq":
            import django_rq

            worker = django_rq.get_worker("default", job_class="django_tasks_rq.Job")
            worker.work(burst=batch, with_scheduler=True)
        else:
            logger.info(
                "TASKS_BACKEND=%s runs tasks as they are queued: no worker needed.", backend
            )
    finally:
        for timer in timers:
            timer.set()
    return 0


def start_in_process_worker() -> threading.Event:
    """For `thesisdesk run` with the database backend: a worker thread in the web process.
    Returns an event; set it to stop the worker."""
    stop = threading.Event()
    if settings.TASKS_BACKEND != "database":
        return stop
    worker = db_worker(install_signals=False)

    def serve() -> None:
        recover()
        timer = start_drift_timer()
        try:
            worker.run()
        finally:
            timer.set()

    def watch() -> None:
        stop.wait()
        worker.running = False

    threading.Thread(target=serve, name="tasks-worker", daemon=True).start()
    threading.Thread(target=watch, name="tasks-worker-stop", daemon=True).start()
    return stop
