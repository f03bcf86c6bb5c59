"""`thesisdesk export people|subjects|theses|milestones|campaigns`: the web exports on the
command line, as CSV (default) or XLSX, to a file or to standard output (CSV only)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from thesisdesk.core import spreadsheets


class _Operator:
    """Whoever runs the command line operates the site: they see everything."""

    is_authenticated = True
    is_active = True
    is_staff = True
    is_superuser = True
    person = None


def export_table(kind: str, campaign: Any) -> tuple[list[str], Any]:
    """Headers and rows of one list, the same columns as the web's exports."""
    viewer = _Operator()
    if kind == "people":
        from thesisdesk.people import imports as people_imports
        from thesisdesk.people.selectors import person_list

        people = person_list(viewer=viewer, campaign=campaign).prefetch_related("memberships")
        return people_imports.EXPORT_HEADERS, people_imports.people_export_rows(
            people.iterator(chunk_size=2000), campaign=campaign
        )
    if kind == "subjects":
        from thesisdesk.subjects import imports as subject_imports
        from thesisdesk.subjects.selectors import subject_list

        subjects = subject_list(viewer=viewer, campaign=campaign)
        return subject_imports.EXPORT_HEADERS, subject_imports.subjects_export_rows(
            subjects.iterator(chunk_size=2000)
        )
    if kind == "theses":
        from thesisdesk.theses.selectors import thesis_list
        from thesisdesk.theses.views import EXPORT_COLUMNS as columns

        objects: Iterator[Any] = thesis_list(viewer=viewer, campaign=campaign).iterator(
            chunk_size=2000
        )
    elif kind == "milestones":
        from thesisdesk.milestones.selectors import milestone_list
        from thesisdesk.milestones.views import EXPORT_COLUMNS as columns

        objects = milestone_list(viewer=viewer, campaign=campaign).iterator(chunk_size=2000)
    else:
        from thesisdesk.campaigns.models import Campaign
        from thesisdesk.campaigns.views import EXPORT_COLUMNS as columns

        queryset = Campaign.objects.all()
        if campaign is not None:
            queryset = queryset.filter(pk=campaign.pk)
        objects = queryset.iterator()
    headers = [column.header for column in columns]
    return headers, ([column.value(obj) for column in columns] for obj in objects)


class Command(BaseCommand):
    help = "Export a list (people, subjects, theses, milestones, campaigns) as CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "kind", choices=["people", "subjects", "theses", "milestones", "campaigns"]
        )
        parser.add_argument("campaign", nargs="?", help="campaign id, short name or name")
        parser.add_argument("--format", choices=spreadsheets.FORMATS, default=None)
        parser.add_argument(
            "-o", "--output", type=Path, help="file to write (default: standard output, CSV)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The module is named after the command, `import`, a Python keyword.
        find_campaign = importlib.import_module(
            "thesisdesk.core.management.commands.import"
        ).find_campaign

        campaign = find_campaign(options["campaign"]) if options["campaign"] else None
        output: Path | None = options["output"]
        file_format = options["format"] or (
            spreadsheets.XLSX if output and output.suffix.lower() == ".xlsx" else spreadsheets.CSV
        )
        headers, rows = export_table(options["kind"], campaign)
        if file_format == spreadsheets.XLSX:
            if output is None:
                raise CommandError("XLSX needs --output FILE.")
            output.write_bytes(spreadsheets.write_xlsx(headers, rows, title=options["kind"]))
        elif output is None:
            try:
                for chunk in spreadsheets.iter_csv(headers, rows):
                    self.stdout.write(chunk.lstrip("\ufeff"), ending="")
            except BrokenPipeError:  # e.g. `thesisdesk export theses | head`
                pass
            return
        else:
            with output.open("w", encoding="utf-8", newline="") as handle:
                for chunk in spreadsheets.iter_csv(headers, rows):
                    handle.write(chunk)
        self.stderr.write(f"Wrote {output}.")
