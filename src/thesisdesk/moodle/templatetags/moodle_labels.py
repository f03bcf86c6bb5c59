"""Readable labels for the sync engine's change counts ("create group" -> "Groups: created")."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

KINDS = {
    "group": _("Groups"),
    "section": _("Thesis sections"),
    "assignment": _("Deposit assignments"),
    "event": _("Calendar events"),
    "subject": _("Catalogue subjects"),
    "resource": _("Guideline files"),
    "folder": _("Guideline folders"),
    "enrolment": _("Enrolments"),
    "extension": _("Deadline extensions"),
}
OPERATIONS = {
    "create": _("to create"),
    "update": _("to update"),
    "repair": _("to repair"),
    "delete": _("to delete"),
    "enrol": _("to add"),
    "unenrol": _("to remove"),
    "extend": _("to grant"),
}


@register.filter
def change_label(label: str) -> str:
    """`"<op> <kind>"` as planner.summarize() writes it, for people."""
    op, _sep, kind = str(label).partition(" ")
    if kind in KINDS and op in OPERATIONS:
        return f"{KINDS[kind]} {OPERATIONS[op]}"
    return str(label)


KIND = {
    "group": _("group"),
    "section": _("thesis section"),
    "assignment": _("deposit assignment"),
    "event": _("calendar event"),
    "subject": _("catalogue subject"),
    "resource": _("guideline file"),
    "folder": _("guideline folder"),
}
CHANGES = {
    "renamed": _("renamed"),
    "hidden": _("hidden"),
    "shown": _("shown"),
    "deleted": _("deleted"),
    "moved": _("moved"),
    "changed": _("changed"),
}


@register.filter
def kind_label(kind: str) -> str:
    return str(KIND.get(str(kind), kind))


@register.filter
def drift_change(change: str) -> str:
    return str(CHANGES.get(str(change), change))


@register.filter
def drift_value(value: object, param: str) -> str:
    """A drift's value as a person reads it (visibility and existence as words)."""
    if param == "visible":
        return str(_("shown") if value and value not in ("0", "False") else _("hidden"))
    if param == "exists":
        return str(_("present") if value else _("deleted"))
    if value is None or value == "":
        return "—"
    return str(value)
