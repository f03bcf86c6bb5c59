"""`thesisdesk notifications remind|retry|send-pending`."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction


class Command(BaseCommand):
    help = "Deadline reminders and notification retries."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        remind = sub.add_parser("remind", help="queue the deadline reminders that are due now")
        remind.add_argument("--now", action="store_true", help="also send them in this process")
        sub.add_parser("retry", help="queue failed and stuck notifications again")

    def handle(self, *args: Any, **options: Any) -> None:
        from thesisdesk.notifications import services

        if options["action"] == "remind":
            with transaction.atomic():
                rows = services.reminders_send()
            if options.get("now"):
                for row in rows:
                    services.notification_send(notification_id=row.pk)
            self.stdout.write(f"{len(rows)} reminder notification(s) queued.")
        else:
            with transaction.atomic():
                count = services.notifications_retry()
            self.stdout.write(f"{count} notification(s) queued again.")
