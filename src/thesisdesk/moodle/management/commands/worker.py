"""`thesisdesk worker`: run background jobs (Moodle sync, drift checks, ...).

TASKS_BACKEND=database (default) runs django-tasks-db's worker on the database queue;
TASKS_BACKEND=rq runs an RQ worker on Redis (REDIS_URL). Several workers may run at once.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run the background worker of the configured task backend (database or rq)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds between polls of the database queue (default 1)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        import logging

        from django.conf import settings

        from thesisdesk.moodle.worker import run_worker

        if not logging.getLogger().handlers:
            logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
        self.stdout.write(f"ThesisDesk worker ({settings.TASKS_BACKEND} backend) started.")
        run_worker(batch=options["batch"], interval=options["interval"])
