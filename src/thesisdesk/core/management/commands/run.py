"""`thesisdesk run`: set up and serve ThesisDesk on this machine.

1. applies migrations (SQLite under var/ unless DATABASE_URL says otherwise);
2. loads the demo campaign when the database has no campaign and no account yet;
3. collects static files;
4. starts the registered background services (core/background.py: the Moodle simulator,
   the in-process worker...);
5. prints the address and the demo accounts, and serves on 127.0.0.1:8000 until Ctrl-C,
   then stops the background services. Running it again keeps the data.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from thesisdesk.core import background


class Command(BaseCommand):
    help = "Migrate, load the demo if the database is empty, and serve ThesisDesk."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-demo", action="store_true", help="never load the demo data")
        parser.add_argument(
            "--no-serve",
            action="store_true",
            help="set everything up, print what would be served, and stop (for scripts)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from thesisdesk.campaigns.models import Campaign
        from thesisdesk.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, demo_load
        from thesisdesk.people.models import User

        database = settings.DATABASES["default"]
        self.stdout.write(f"Database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Migrations applied.")

        demo_loaded = Campaign.objects.filter(slug="info-2026-2027").exists()
        if not options["no_demo"] and not Campaign.objects.exists() and not User.objects.exists():
            self.stdout.write("Empty database: loading the demo campaign…")
            demo_load()
            demo_loaded = True

        call_command("collectstatic", interactive=False, verbosity=0)

        url = f"http://{options['host']}:{options['port']}/"
        if not os.environ.get("SITE_URL", "").strip():
            # Links in e-mails and feeds, and the simulated Moodle's webhook, go where this
            # process serves (SITE_URL set by the operator wins).
            settings.SITE_URL = url
        running = background.Running()
        report: list[str] = []
        try:
            running.start_all(report)
            self.stdout.write("")
            self.stdout.write(self.style.SUCCESS(f"ThesisDesk: {url}"))
            self.stdout.write(f"REST API:   {url}api/v1/docs")
            for line in report:
                self.stdout.write(line)
            if demo_loaded:
                self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
                for username, role in DEMO_ACCOUNTS:
                    self.stdout.write(f"  {username:<14} {role}")
            self.stdout.write("Stop with Ctrl-C.")
            self.stdout.write("")
            if options["no_serve"]:
                return
            try:
                call_command(
                    "runserver",
                    f"{options['host']}:{options['port']}",
                    use_reloader=False,
                    use_threading=True,
                    skip_checks=True,
                )
            except KeyboardInterrupt:
                pass
            except SystemExit as exit_:
                # runserver exits with 0 on Ctrl-C; anything else is a real failure.
                if exit_.code not in (0, None):
                    raise
        finally:
            running.stop_all()
            self.stdout.write("ThesisDesk stopped.")
