"""`thesisdesk documents publish [CAMPAIGN_ID ...]`: publish guideline files to Moodle now."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Publish the campaigns' guideline files to their Moodle courses."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        publish = sub.add_parser("publish", help="publish (every linked campaign by default)")
        publish.add_argument("campaign_ids", nargs="*", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        from thesisdesk.campaigns.models import Campaign
        from thesisdesk.documents import services
        from thesisdesk.moodle.models import MoodleCourseLink

        ids = options["campaign_ids"] or list(
            MoodleCourseLink.objects.values_list("campaign_id", flat=True)
        )
        failed = 0
        for campaign in Campaign.objects.filter(pk__in=ids).order_by("pk"):
            report = services.guideline_files_publish(campaign=campaign)
            failed += len(report.failed)
            self.stdout.write(
                f"{campaign.slug}: {len(report.published)} published, "
                f"{len(report.unchanged)} unchanged, {len(report.removed)} removed, "
                f"{len(report.failed)} failed"
            )
            for pk, error in report.failed.items():
                self.stdout.write(f"  file {pk}: {error}")
        if failed:
            raise CommandError(f"{failed} file(s) could not be published.")
