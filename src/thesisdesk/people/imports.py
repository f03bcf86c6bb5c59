"""People in spreadsheets: import a campaign's people from CSV/XLSX, export them back.

An import is all-or-nothing. Every row is checked first; if any row is wrong nothing is
written and the report lists every bad row with its line number and the reason. Otherwise
people are created (or their names updated, matched by e-mail) and their roles in the
campaign added, with bulk queries inside one transaction and one audit event.
The format is documented in docs/imports.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from thesisdesk.campaigns.models import Campaign, Membership, Role
from thesisdesk.core import outbox, spreadsheets
from thesisdesk.core.audit import audit_record
from thesisdesk.core.permissions import Action, require
from thesisdesk.core.spreadsheets import ImportReport, RowError, SpreadsheetError
from thesisdesk.people.models import Language, Person

REQUIRED_COLUMNS = ("email", "first_name", "last_name")
OPTIONAL_COLUMNS = ("roles", "moodle_username", "moodle_user_id", "language")
COLUMN_ALIASES = {
    "e-mail": "email",
    "mail": "email",
    "courriel": "email",
    "adresse e-mail": "email",
    "adresse electronique": "email",
    "prénom": "first_name",
    "firstname": "first_name",
    "first name": "first_name",
    "nom": "last_name",
    "nom de famille": "last_name",
    "lastname": "last_name",
    "last name": "last_name",
    "surname": "last_name",
    "role": "roles",
    "rôle": "roles",
    "rôles": "roles",
    "identifiant moodle": "moodle_username",
    "username": "moodle_username",
    "moodle id": "moodle_user_id",
    "langue": "language",
}
ROLE_NAMES = {
    "coordinator": Role.COORDINATOR,
    "coordinateur": Role.COORDINATOR,
    "coordinatrice": Role.COORDINATOR,
    "supervisor": Role.SUPERVISOR,
    "promoteur": Role.SUPERVISOR,
    "promotrice": Role.SUPERVISOR,
    "co_supervisor": Role.CO_SUPERVISOR,
    "co-supervisor": Role.CO_SUPERVISOR,
    "copromoteur": Role.CO_SUPERVISOR,
    "co-promoteur": Role.CO_SUPERVISOR,
    "copromotrice": Role.CO_SUPERVISOR,
    "co-promotrice": Role.CO_SUPERVISOR,
    "reader": Role.READER,
    "lecteur": Role.READER,
    "lectrice": Role.READER,
    "student": Role.STUDENT,
    "etudiant": Role.STUDENT,
    "étudiant": Role.STUDENT,
    "etudiante": Role.STUDENT,
    "étudiante": Role.STUDENT,
}
TEMPLATE_ROWS = [
    ["lea.dubois@example.org", "Léa", "Dubois", "student", "ldubois", "", "fr"],
    ["marc.renard@example.org", "Marc", "Renard", "supervisor, reader", "mrenard", "", "fr"],
]


@dataclass
class PeopleRow:
    line: int
    email: str
    first_name: str
    last_name: str
    roles: list[str]
    moodle_username: str = ""
    moodle_user_id: int | None = None
    language: str = ""
    action: str = ""  # "create", "update" or "unchanged"
    new_roles: list[str] = field(default_factory=list)


def _split_roles(text: str) -> list[str]:
    for separator in ("|", ";", "/", "+"):
        text = text.replace(separator, ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def _parse_rows(sheet: spreadsheets.Sheet, errors: list[RowError]) -> list[PeopleRow]:
    rows: list[PeopleRow] = []
    first_line_of_email: dict[str, int] = {}
    first_line_of_moodle_id: dict[int, int] = {}
    for row in sheet.rows:
        problems: list[str] = []
        email = row.get("email").lower()
        if not email:
            problems.append(_("the e-mail is empty"))
        else:
            try:
                validate_email(email)
            except ValidationError:
                problems.append(_("“%(email)s” is not a valid e-mail address") % {"email": email})
            else:
                if email in first_line_of_email:
                    problems.append(
                        _("duplicate e-mail %(email)s (already on line %(line)d)")
                        % {"email": email, "line": first_line_of_email[email]}
                    )
                else:
                    first_line_of_email[email] = row.line
        first_name, last_name = row.get("first_name"), row.get("last_name")
        if not first_name:
            problems.append(_("the first name is empty"))
        if not last_name:
            problems.append(_("the last name is empty"))
        if len(first_name) > 150 or len(last_name) > 150:
            problems.append(_("a name is longer than 150 characters"))

        roles: list[str] = []
        for name in _split_roles(row.get("roles")) or ["student"]:
            role = ROLE_NAMES.get(name.casefold().replace(" ", "_")) or ROLE_NAMES.get(
                name.casefold()
            )
            if role is None:
                problems.append(
                    _("unknown role “%(role)s” (expected: %(choices)s)")
                    % {"role": name, "choices": ", ".join(Role.values)}
                )
            elif role not in roles:
                roles.append(role)

        moodle_user_id: int | None = None
        raw_id = row.get("moodle_user_id")
        if raw_id:
            try:
                moodle_user_id = int(raw_id)
                if moodle_user_id <= 0:
                    raise ValueError
            except ValueError:
                problems.append(
                    _("the Moodle user id “%(value)s” is not a positive whole number")
                    % {"value": raw_id}
                )
                moodle_user_id = None
            else:
                if moodle_user_id in first_line_of_moodle_id:
                    problems.append(
                        _("duplicate Moodle user id %(id)d (already on line %(line)d)")
                        % {"id": moodle_user_id, "line": first_line_of_moodle_id[moodle_user_id]}
                    )
                first_line_of_moodle_id.setdefault(moodle_user_id, row.line)

        language = row.get("language").lower()
        if language and language not in Language.values:
            problems.append(
                _("unknown language “%(value)s” (expected fr or en)") % {"value": language}
            )

        if problems:
            errors.append(RowError(row.line, "; ".join(problems)))
            continue
        rows.append(
            PeopleRow(
                line=row.line,
                email=email,
                first_name=first_name,
                last_name=last_name,
                roles=roles,
                moodle_username=row.get("moodle_username"),
                moodle_user_id=moodle_user_id,
                language=language,
            )
        )
    return rows


def people_import(
    *, actor: Any, campaign: Campaign, data: bytes, filename: str = "", dry_run: bool = False
) -> ImportReport:
    """Import people into `campaign` from a CSV or XLSX file (all rows or none).

    Coordinators of the campaign (and administrators) may import. With `dry_run`, the
    report says what would happen and nothing is written.
    """
    require(actor, Action.MEMBERSHIP_MANAGE, campaign)
    report = ImportReport(kind="people", campaign=campaign, dry_run=dry_run)
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
    rows = _parse_rows(sheet, report.errors)

    with transaction.atomic():
        existing = {
            person.email_lower: person
            for person in Person.objects.annotate(email_lower=Lower("email")).filter(
                email_lower__in=[row.email for row in rows]
            )
        }
        moodle_ids = [row.moodle_user_id for row in rows if row.moodle_user_id]
        owners_of_moodle_id = dict(
            Person.objects.filter(moodle_user_id__in=moodle_ids).values_list(
                "moodle_user_id", "email"
            )
        )
        existing_roles: set[tuple[int, str]] = set(
            Membership.objects.filter(
                campaign=campaign, person__in=[p.pk for p in existing.values()]
            ).values_list("person_id", "role")
        )
        for row in rows:
            owner = owners_of_moodle_id.get(row.moodle_user_id) if row.moodle_user_id else None
            if owner is not None and owner.lower() != row.email:
                report.errors.append(
                    RowError(
                        row.line,
                        _("the Moodle user id %(id)d already belongs to %(email)s")
                        % {"id": row.moodle_user_id, "email": owner},
                    )
                )
                continue
            person = existing.get(row.email)
            if person is None:
                row.action = "create"
                row.new_roles = list(row.roles)
            else:
                changed = _apply_changes(person, row)
                row.action = "update" if changed else "unchanged"
                row.new_roles = [r for r in row.roles if (person.pk, r) not in existing_roles]
        report.errors.sort(key=lambda error: error.line)
        report.rows = rows
        report.counts = {
            "rows": len(rows),
            "create": sum(1 for row in rows if row.action == "create"),
            "update": sum(1 for row in rows if row.action == "update"),
            "unchanged": sum(1 for row in rows if row.action == "unchanged"),
            "memberships": sum(len(row.new_roles) for row in rows),
        }
        if report.errors or dry_run:
            return report

        now = timezone.now()
        Person.objects.bulk_create(
            [
                Person(
                    email=row.email,
                    first_name=row.first_name,
                    last_name=row.last_name,
                    moodle_username=row.moodle_username,
                    moodle_user_id=row.moodle_user_id,
                    preferred_language=row.language or Language.FRENCH,
                )
                for row in rows
                if row.action == "create"
            ],
            batch_size=1000,
        )
        to_update = [existing[row.email] for row in rows if row.action == "update"]
        for person in to_update:
            person.updated_at = now
        Person.objects.bulk_update(
            to_update,
            [
                "first_name",
                "last_name",
                "moodle_username",
                "moodle_user_id",
                "preferred_language",
                "updated_at",
            ],
            batch_size=1000,
        )
        person_ids = dict(
            Person.objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=[row.email for row in rows if row.new_roles])
            .values_list("email_lower", "pk")
        )
        Membership.objects.bulk_create(
            [
                Membership(campaign=campaign, person_id=person_ids[row.email], role=role)
                for row in rows
                for role in row.new_roles
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )
        audit_record(
            actor=actor,
            action="people.import",
            target=campaign,
            reason=_("Imported from %(file)s") % {"file": filename or _("a file")},
            data={"file": filename, **report.counts},
            campaign_id=campaign.pk,
        )
        if report.counts["memberships"]:
            outbox.campaign_changed(campaign.pk, reason="people imported")
        report.imported = True
    return report


def _apply_changes(person: Person, row: PeopleRow) -> bool:
    """Copy the row's values onto `person` (in memory); True when something changed."""
    changed = False
    updates: dict[str, Any] = {"first_name": row.first_name, "last_name": row.last_name}
    if row.moodle_username:
        updates["moodle_username"] = row.moodle_username
    if row.moodle_user_id:
        updates["moodle_user_id"] = row.moodle_user_id
    if row.language:
        updates["preferred_language"] = row.language
    for name, value in updates.items():
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed = True
    return changed


# Export ------------------------------------------------------------------------------------

EXPORT_HEADERS = ["email", "first_name", "last_name", "roles", "moodle_username", "moodle_user_id"]


def people_export_rows(people: Any, campaign: Campaign | None = None, attr: str = "") -> Any:
    """Rows for `EXPORT_HEADERS`, readable back by `people_import`.

    Each person's memberships come from the prefetched list `attr` (or
    `person.memberships`, prefetch it); roles are those in `campaign` (all when None).
    """
    for person in people:
        memberships = getattr(person, attr) if attr else person.memberships.all()
        roles = sorted(
            {
                membership.role
                for membership in memberships
                if campaign is None or membership.campaign_id == campaign.pk
            }
        )
        yield [
            person.email,
            person.first_name,
            person.last_name,
            ", ".join(roles),
            person.moodle_username,
            person.moodle_user_id,
        ]


def people_template(file_format: str) -> bytes:
    """A file to fill in: the header line and two example rows."""
    headers = [*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS]
    if file_format == spreadsheets.XLSX:
        return spreadsheets.write_xlsx(headers, TEMPLATE_ROWS, title="people")
    return spreadsheets.write_csv(headers, TEMPLATE_ROWS)
