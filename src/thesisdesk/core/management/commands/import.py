"""`thesisdesk import people|subjects CAMPAIGN FILE`: the web imports, from the command line.

CAMPAIGN is a campaign's id, short name (slug) or full name. The import is all-or-nothing;
with `--dry-run` it only says what it would do. Any bad row makes the command print every
bad row and exit with a non-zero status.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thesisdesk.campaigns.models import Campaign


def find_campaign(value: str) -> Campaign:
    """A campaign by id, slug or exact name (case-insensitive)."""
    campaigns = Campaign.objects.all()
    found = None
    if value.isdigit():
        found = campaigns.filter(pk=int(value)).first()
    found = found or campaigns.filter(slug=value).first()
    if found is None:
        matches = list(campaigns.filter(name__iexact=value)[:2])
        if len(matches) > 1:
            raise CommandError(f"Several campaigns are named {value!r}: use the id or short name.")
        found = matches[0] if matches else None
    if found is None:
        known = ", ".join(f"{c.pk} ({c.slug})" for c in campaigns[:20]) or "none"
        raise CommandError(f"No campaign {value!r}. Known campaigns: {known}.")
    return found


class Command(BaseCommand):
    help = "Import people or subjects into a campaign from a CSV or XLSX file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["people", "subjects"])
        parser.add_argument("campaign", help="campaign id, short name or name")
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and show what would happen"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from thesisdesk.people.imports import people_import
        from thesisdesk.subjects.imports import subjects_import

        campaign = find_campaign(options["campaign"])
        path: Path = options["file"]
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from None
        run = people_import if options["kind"] == "people" else subjects_import
        # The command line acts as the system (actor None): whoever runs it operates the site.
        report = run(
            actor=None,
            campaign=campaign,
            data=data,
            filename=path.name,
            dry_run=options["dry_run"],
        )
        if not report.ok:
            lines = [
                f"line {error.line}: {error.message}" if error.line else error.message
                for error in report.errors
            ]
            raise CommandError(
                f"Nothing imported: {len(report.errors)} problem(s) in {path.name}.\n"
                + "\n".join(lines)
            )
        counts = ", ".join(f"{key} {value}" for key, value in report.counts.items())
        if report.ignored_columns:
            self.stdout.write(f"Ignored columns: {', '.join(report.ignored_columns)}")
        if options["dry_run"]:
            self.stdout.write(f"Dry run, nothing written. Would import into {campaign}: {counts}.")
            for row in report.preview[:20]:
                self.stdout.write(f"  line {row.line}: {_describe(row)}")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported into {campaign}: {counts}."))


def _describe(row: Any) -> str:
    if hasattr(row, "email"):
        roles = ", ".join(row.new_roles) or "no new role"
        return f"{row.email} — {row.action} ({roles})"
    return f"{row.title} — {row.supervisor_email} ({row.state})"
