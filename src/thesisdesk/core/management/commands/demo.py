"""`thesisdesk demo`: load the demo campaign (once; nothing changes if it is there)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from thesisdesk.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load


class Command(BaseCommand):
    help = "Load the demo campaign with French people, subjects, milestones and theses."

    def handle(self, *args: Any, **options: Any) -> None:
        summary = demo_load()
        if summary.created:
            self.stdout.write(f"Demo loaded: {summary.campaign}.")
        else:
            self.stdout.write(f"The demo is already there: {summary.campaign}.")
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for username, role in DEMO_ACCOUNTS:
            self.stdout.write(f"  {username:<14} {role}")
