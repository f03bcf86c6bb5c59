import threading

from django.apps import AppConfig


class InProcessWorker:
    """`thesisdesk run`'s background worker thread (database task backend only)."""

    name = "Worker"
    order = 50  # after the Moodle simulator, which sets MOODLE_URL and MOODLE_TOKEN

    def __init__(self) -> None:
        self._stop: threading.Event | None = None

    def wanted(self) -> bool:
        from django.conf import settings

        return bool(settings.TASKS_BACKEND == "database")

    def start(self) -> str:
        from thesisdesk.moodle.worker import start_in_process_worker

        self._stop = start_in_process_worker()
        return "background jobs (Moodle sync, drift checks) run in this process"

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()


class MoodleConfig(AppConfig):
    name = "thesisdesk.moodle"
    label = "moodle"

    def ready(self) -> None:
        from thesisdesk.core import outbox
        from thesisdesk.moodle.services import sync_request_record

        # Domain services call outbox.campaign_changed() inside their transaction: record
        # the need to sync in that same transaction.
        outbox.register(sync_request_record)
        try:
            from thesisdesk.core import background
        except ImportError:  # built in parallel; `thesisdesk worker` works without it
            return
        background.register(InProcessWorker())
