"""`thesisdesk deposits poll [CAMPAIGN]`: read deposits from Moodle now (the webhook's
safety net, also run periodically by the worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Deposits read from Moodle: `poll [CAMPAIGN]`."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        poll = sub.add_parser("poll", help="read the submissions of every deposit assignment")
        poll.add_argument("campaign", nargs="?", help="campaign slug (default: every linked one)")

    def handle(self, *args: Any, **options: Any) -> None:
        from thesisdesk.campaigns.models import Campaign
        from thesisdesk.deposits.services import deposits_poll

        campaign = None
        if options.get("campaign"):
            campaign = Campaign.objects.filter(slug=options["campaign"]).first()
            if campaign is None:
                raise CommandError(f"No campaign with slug {options['campaign']!r}.")
        result = deposits_poll(campaign=campaign)
        self.stdout.write(
            f"{result.campaigns} campaign(s), {result.assignments} deposit assignment(s) read, "
            f"{result.recorded} deposit(s) changed."
        )
        for error in result.errors:
            self.stderr.write(f"error: {error}")
        if result.errors:
            raise CommandError("Some campaigns could not be read from Moodle.")
