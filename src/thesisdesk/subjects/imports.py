"""Subjects in spreadsheets: import a campaign's subjects from CSV/XLSX, export them back.

All-or-nothing like the people import: every row is checked (supervisor known in the
campaign, capacity a number, no duplicate title...), and only a clean file is written,
with bulk queries inside one transaction and one audit event. See docs/imports.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.core import outbox, spreadsheets
from thesisdesk.core.audit import audit_record
from thesisdesk.core.html import sanitize_html
from thesisdesk.core.permissions import Action, require
from thesisdesk.core.spreadsheets import ImportReport, RowError, SpreadsheetError
from thesisdesk.subjects.models import Subject, SubjectState

REQUIRED_COLUMNS = ("title", "supervisor_email")
OPTIONAL_COLUMNS = (
    "description",
    "keywords",
    "capacity",
    "min_students",
    "co_supervisor_emails",
    "state",
)
COLUMN_ALIASES = {
    "titre": "title",
    "sujet": "title",
    "intitule": "title",
    "supervisor": "supervisor_email",
    "promoteur": "supervisor_email",
    "promotrice": "supervisor_email",
    "e-mail du promoteur": "supervisor_email",
    "courriel du promoteur": "supervisor_email",
    "description": "description",
    "mots-cles": "keywords",
    "mots cles": "keywords",
    "capacite": "capacity",
    "places": "capacity",
    "minimum": "min_students",
    "co_supervisors": "co_supervisor_emails",
    "copromoteurs": "co_supervisor_emails",
    "co-promoteurs": "co_supervisor_emails",
    "etat": "state",
}
STATE_NAMES = {
    "proposed": SubjectState.PROPOSED,
    "propose": SubjectState.PROPOSED,
    "approved": SubjectState.APPROVED,
    "approuve": SubjectState.APPROVED,
    "published": SubjectState.PUBLISHED,
    "publie": SubjectState.PUBLISHED,
}
MAX_CAPACITY = 20
TEMPLATE_ROWS = [
    [
        "Détection d'anomalies dans les journaux de serveurs",
        "marc.renard@example.org",
        "<p>Étudier des méthodes <strong>non supervisées</strong>.</p>",
        "apprentissage automatique, journaux",
        "1",
        "",
        "",
        "proposed",
    ],
    [
        "Vérification formelle de contrats intelligents",
        "marc.renard@example.org",
        "",
        "méthodes formelles",
        "2",
        "1",
        "anne.colin@example.org",
        "published",
    ],
]


@dataclass
class SubjectRow:
    line: int
    title: str
    supervisor_email: str
    description: str = ""
    keywords: str = ""
    capacity: int = 1
    min_students: int | None = None
    co_supervisor_emails: list[str] = field(default_factory=list)
    state: str = SubjectState.PROPOSED


def _fold(text: str) -> str:
    return spreadsheets.normalize_header(text)


def _number(raw: str, label: str, problems: list[str], *, minimum: int) -> int | None:
    try:
        value = float(raw.replace(",", "."))
        if not value.is_integer():
            raise ValueError
        number = int(value)
    except ValueError:
        problems.append(
            _("%(column)s “%(value)s” is not a whole number") % {"column": label, "value": raw}
        )
        return None
    if number < minimum or number > MAX_CAPACITY:
        problems.append(
            _("%(column)s must be between %(low)d and %(high)d (found %(value)d)")
            % {"column": label, "low": minimum, "high": MAX_CAPACITY, "value": number}
        )
        return None
    return number


def subjects_import(
    *, actor: Any, campaign: Campaign, data: bytes, filename: str = "", dry_run: bool = False
) -> ImportReport:
    """Import subjects into `campaign` from a CSV or XLSX file (all rows or none).

    Each subject's supervisor must already be a supervisor (or co-supervisor) of the
    campaign; import people first. Only coordinators of the campaign may import.
    """
    require(actor, Action.SUBJECT_APPROVE, campaign)
    report = ImportReport(kind="subjects", campaign=campaign, dry_run=dry_run)
    try:
        sheet = spreadsheets.read_table(
            data,
            filename=filename,
            required=REQUIRED_COLUMNS,
            optional=OPTIONAL_COLUMNS,
            aliases=COLUMN_ALIASES,
        )
    except SpreadsheetError as error:
        report.errors.append(RowError(error.line or 0, error.message))
        return report
    report.ignored_columns = sheet.ignored_columns
    report.errors.extend(sheet.errors)

    with transaction.atomic():
        staff = dict(
            Membership.objects.filter(
                campaign=campaign,
                role__in=[Role.SUPERVISOR, Role.CO_SUPERVISOR, Role.COORDINATOR],
            )
            .annotate(email_lower=Lower("person__email"))
            .values_list("email_lower", "person_id")
        )
        supervisors = set(
            Membership.objects.filter(
                campaign=campaign, role__in=[Role.SUPERVISOR, Role.CO_SUPERVISOR]
            )
            .annotate(email_lower=Lower("person__email"))
            .values_list("email_lower", flat=True)
        )
        existing_titles = {
            _fold(title)
            for title in Subject.objects.filter(campaign=campaign).values_list("title", flat=True)
        }
        rows: list[SubjectRow] = []
        first_line_of_title: dict[str, int] = {}
        for raw in sheet.rows:
            problems: list[str] = []
            title = raw.get("title")
            folded = _fold(title)
            if not title:
                problems.append(_("the title is empty"))
            elif len(title) > 300:
                problems.append(_("the title is longer than 300 characters"))
            elif folded in first_line_of_title:
                problems.append(
                    _("duplicate title (already on line %(line)d)")
                    % {"line": first_line_of_title[folded]}
                )
            elif folded in existing_titles:
                problems.append(_("a subject with this title already exists in this campaign"))
            else:
                first_line_of_title[folded] = raw.line

            email = raw.get("supervisor_email").lower()
            if not email:
                problems.append(_("the supervisor's e-mail is empty"))
            elif email not in supervisors:
                problems.append(
                    _("unknown supervisor %(email)s: not a supervisor of this campaign")
                    % {"email": email}
                )
            co_emails = [
                part.lower()
                for part in re.split(r"[,;|\s]+", raw.get("co_supervisor_emails"))
                if part
            ]
            for co_email in co_emails:
                if co_email not in staff:
                    problems.append(
                        _("unknown co-supervisor %(email)s: not a member of this campaign's staff")
                        % {"email": co_email}
                    )

            capacity: int | None = campaign.default_subject_capacity
            if raw.get("capacity"):
                capacity = _number(raw.get("capacity"), _("capacity"), problems, minimum=1)
            min_students = None
            if raw.get("min_students"):
                min_students = _number(
                    raw.get("min_students"), _("minimum students"), problems, minimum=0
                )
            if capacity and min_students and min_students > capacity:
                problems.append(_("the minimum number of students is above the capacity"))

            state = SubjectState.PROPOSED
            if raw.get("state"):
                found = STATE_NAMES.get(_fold(raw.get("state")))
                if found is None:
                    problems.append(
                        _("unknown state “%(value)s” (expected proposed, approved or published)")
                        % {"value": raw.get("state")}
                    )
                else:
                    state = found
            if problems:
                report.errors.append(RowError(raw.line, "; ".join(problems)))
                continue
            rows.append(
                SubjectRow(
                    line=raw.line,
                    title=title,
                    supervisor_email=email,
                    description=sanitize_html(raw.get("description")),
                    keywords=raw.get("keywords"),
                    capacity=capacity or 1,
                    min_students=min_students,
                    co_supervisor_emails=co_emails,
                    state=state,
                )
            )
        report.errors.sort(key=lambda error: error.line)
        report.rows = rows
        report.counts = {
            "rows": len(rows),
            "create": len(rows),
            "published": sum(1 for row in rows if row.state == SubjectState.PUBLISHED),
        }
        if report.errors or dry_run:
            return report

        now = timezone.now()
        created = Subject.objects.bulk_create(
            [
                Subject(
                    campaign=campaign,
                    title=row.title,
                    description=row.description,
                    keywords=row.keywords,
                    capacity=row.capacity,
                    min_students=row.min_students,
                    supervisor_id=staff[row.supervisor_email],
                    proposed_by_id=staff[row.supervisor_email],
                    state=row.state,
                    approved_at=now if row.state != SubjectState.PROPOSED else None,
                    published_at=now if row.state == SubjectState.PUBLISHED else None,
                )
                for row in rows
            ],
            batch_size=1000,
        )
        if any(row.co_supervisor_emails for row in rows):
            if any(subject.pk is None for subject in created):
                ids = dict(Subject.objects.filter(campaign=campaign).values_list("title", "pk"))
                subject_ids = [ids[row.title] for row in rows]
            else:
                subject_ids = [subject.pk for subject in created]
            through = Subject.co_supervisors.through
            through.objects.bulk_create(
                [
                    through(subject_id=subject_id, person_id=staff[co_email])
                    for subject_id, row in zip(subject_ids, rows, strict=True)
                    for co_email in dict.fromkeys(row.co_supervisor_emails)
                ],
                batch_size=1000,
            )
        audit_record(
            actor=actor,
            action="subjects.import",
            target=campaign,
            reason=_("Imported from %(file)s") % {"file": filename or _("a file")},
            data={"file": filename, **report.counts},
            campaign_id=campaign.pk,
        )
        if report.counts["published"]:
            outbox.campaign_changed(campaign.pk, reason="subjects imported")
        report.imported = True
    return report


# Export ------------------------------------------------------------------------------------

EXPORT_HEADERS = [
    "title",
    "supervisor_email",
    "description",
    "keywords",
    "capacity",
    "min_students",
    "co_supervisor_emails",
    "state",
]


def subjects_export_rows(subjects: Any) -> Any:
    """Rows for `EXPORT_HEADERS` (subjects with supervisor and co_supervisors prefetched)."""
    for subject in subjects:
        yield [
            subject.title,
            subject.supervisor.email if subject.supervisor else "",
            subject.description,
            subject.keywords,
            subject.capacity,
            subject.min_students,
            ", ".join(person.email for person in subject.co_supervisors.all()),
            subject.state,
        ]


def subjects_template(file_format: str) -> bytes:
    headers = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
    if file_format == spreadsheets.XLSX:
        return spreadsheets.write_xlsx(headers, TEMPLATE_ROWS, title="subjects")
    return spreadsheets.write_csv(headers, TEMPLATE_ROWS)
