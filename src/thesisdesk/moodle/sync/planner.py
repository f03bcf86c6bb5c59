"""plan(desired, current) -> ordered, batched actions. Pure: no Django, no network.

Rules:

- An item Moodle lacks is created with all its parameters.
- An item whose fingerprint differs from the one Moodle stored is updated, sending only the
  required parameters, the observed ones whose value differs from Moodle's, and the
  unobserved ones when the second half of the fingerprint changed.
- An item whose fingerprint matches but whose observed values differ was changed by hand
  in Moodle (drift): it is left alone unless its key is in `repair` (see drift.py).
- A managed item of this campaign that is no longer desired is deleted.
- Order: enrolments, groups, sections, assignments, events, subjects, extensions, deletions
  (activities before their sections, sections before groups), unenrolments.
- Each action is one web service call sized below the site's max_input_vars.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from thesisdesk.moodle.sync.state import (
    CurrentItem,
    CurrentState,
    DesiredItem,
    DesiredSection,
    DesiredState,
)

DEFAULT_MAX_ITEMS = 1000

# Room left in each request for wstoken, wsfunction, moodlewsrestformat, courseid...
RESERVED_VARS = 8

DELETE_ORDER = {"event": 0, "assignment": 1, "resource": 2, "folder": 2, "subject": 3}
DELETE_ORDER_LAST = {"section": 4, "group": 5}


@dataclass(frozen=True)
class Limits:
    """How big one request may be: the site's max_input_vars and items per call by kind.

    The per-kind caps keep each call short on a real Moodle (creating an assignment costs
    up to ~0.6 s inside Moodle in a full course); updates (`<kind>_update`, default 1000)
    are cheap and only bounded by max_input_vars.
    """

    max_input_vars: int = 5000
    max_items: Mapping[str, int] = field(
        default_factory=lambda: {
            "enrol": 1000,
            "unenrol": 1000,
            "group": 200,
            "section": 100,
            "assignment": 25,
            "event": 500,
            "subject": 200,
            "extension": 500,
            "delete": 200,
        }
    )


@dataclass(frozen=True)
class Change:
    """One item's change, as shown to a person ("what will change in Moodle")."""

    key: str
    kind: str
    op: str  # create | update | repair | delete | enrol | unenrol | extend
    label: str
    fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """One web service call: `function` with `fixed` parameters plus a list of items."""

    function: str
    kind: str
    list_param: str
    items: tuple[Mapping[str, Any], ...]
    changes: tuple[Change, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        if self.kind == "delete":
            return {**self.fixed, "keys": [item["key"] for item in self.items]}
        return {**self.fixed, self.list_param: [dict(item) for item in self.items]}

    def to_json(self) -> dict[str, Any]:
        return {
            "function": self.function,
            "kind": self.kind,
            "list_param": self.list_param,
            "items": [dict(item) for item in self.items],
            "fixed": dict(self.fixed),
            "changes": [
                {"key": c.key, "kind": c.kind, "op": c.op, "label": c.label, "fields": c.fields}
                for c in self.changes
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Action:
        return cls(
            function=data["function"],
            kind=data["kind"],
            list_param=data["list_param"],
            items=tuple(data["items"]),
            fixed=dict(data["fixed"]),
            changes=tuple(
                Change(c["key"], c["kind"], c["op"], c["label"], tuple(c["fields"]))
                for c in data["changes"]
            ),
        )


def count_vars(value: Any) -> int:
    """How many form fields `value` becomes in Moodle's PHP-bracket encoding."""
    if isinstance(value, Mapping):
        return sum(count_vars(v) for v in value.values())
    if isinstance(value, list | tuple):
        return sum(count_vars(v) for v in value)
    return 0 if value is None else 1


def _batched(
    *,
    function: str,
    kind: str,
    list_param: str,
    entries: Sequence[tuple[Mapping[str, Any], Change]],
    limits: Limits,
    fixed: Mapping[str, Any] | None = None,
    cap_name: str | None = None,
) -> list[Action]:
    fixed = dict(fixed or {})
    budget = max(1, limits.max_input_vars - RESERVED_VARS - count_vars(fixed))
    max_items = limits.max_items.get(cap_name or kind, DEFAULT_MAX_ITEMS)
    actions: list[Action] = []
    items: list[Mapping[str, Any]] = []
    changes: list[Change] = []
    used = 0

    def flush() -> None:
        nonlocal items, changes, used
        if items:
            actions.append(Action(function, kind, list_param, tuple(items), tuple(changes), fixed))
        items, changes, used = [], [], 0

    for item, change in entries:
        size = count_vars(item)
        if items and (used + size > budget or len(items) >= max_items):
            flush()
        items.append(item)
        changes.append(change)
        used += size
    flush()
    return actions


def expected_group_id(groupkey: str, current: CurrentState) -> int | None:
    """The Moodle group id a restriction to `groupkey` should point to (0: none)."""
    if not groupkey:
        return 0
    group = current.items.get(groupkey)
    if group is None or not group.exists:
        return None
    return group.id


def observed_differences(item: DesiredItem, cur: CurrentItem, current: CurrentState) -> list[str]:
    """Observed parameters whose desired value differs from what Moodle reports."""
    params = item.params()
    differing = []
    for param, reported in item.OBSERVED.items():
        have = cur.value(reported)
        want: Any = params.get(param)
        if param == "groupkey":
            want = expected_group_id(str(want or ""), current)
            if want is None:
                differing.append(param)
                continue
        if have is None:
            continue  # not reported: nothing to compare
        if isinstance(want, list):
            if sorted(want) != sorted(have):
                differing.append(param)
        elif isinstance(want, bool) or param == "visible":
            if bool(want) != bool(have):
                differing.append(param)
        elif want != have:
            differing.append(param)
    return differing


def moved_sections(desired: DesiredState, current: CurrentState) -> set[str]:
    """Sections whose position among the managed sections was changed by hand.

    A section is out of place when Moodle shows it before the section that precedes it
    in ThesisDesk's order.
    """
    moved: set[str] = set()
    previous_num: int | None = None
    for section in desired.sections:
        cur = current.items.get(section.key)
        if cur is None or not cur.exists or cur.sectionnum is None:
            continue
        if previous_num is not None and cur.sectionnum < previous_num:
            moved.add(section.key)
            continue
        previous_num = cur.sectionnum
    return moved


def _section_predecessors(desired: DesiredState) -> dict[str, str]:
    keys = [section.key for section in desired.sections]
    return {key: keys[i - 1] for i, key in enumerate(keys) if i > 0}


def plan(
    desired: DesiredState,
    current: CurrentState,
    *,
    repair: Collection[str] | None = None,
    repair_all: bool = False,
    limits: Limits | None = None,
) -> list[Action]:
    """The ordered, batched calls that make Moodle match `desired`.

    `repair` names drifted items (changed by hand in Moodle) to put back; `repair_all`
    puts back every one of them. Without either, hand changes are left as they are.
    """
    limits = limits or Limits()
    repair_keys = set(repair or ())
    courseid = desired.courseid
    actions: list[Action] = []

    # 1. Enrolments (with their roles) before anything puts people in groups.
    enrol_entries = []
    for userid in sorted(desired.enrolments):
        have = current.enrolments.get(userid, frozenset())
        for roleid in sorted(desired.enrolments[userid] - have):
            entry = {"roleid": roleid, "userid": userid, "courseid": courseid}
            enrol_entries.append(
                (
                    entry,
                    Change(
                        f"user:{userid}",
                        "enrolment",
                        "enrol",
                        f"user {userid}",
                        (f"role {roleid}",),
                    ),
                )
            )
    actions += _batched(
        function="enrol_manual_enrol_users",
        kind="enrol",
        list_param="enrolments",
        entries=enrol_entries,
        limits=limits,
    )

    # 2-6. Keyed items, kind by kind.
    moved = moved_sections(desired, current)
    predecessors = _section_predecessors(desired)
    desired_keys: set[str] = set()
    by_kind: dict[str, list[DesiredItem]] = {}
    for item in desired.items():
        by_kind.setdefault(item.KIND, []).append(item)
        desired_keys.add(item.key)

    written: set[str] = set()
    for kind, items in by_kind.items():
        entries = []
        for item in items:
            entry_change = _item_entry(
                item, current, repair_all or item.key in repair_keys, moved, predecessors
            )
            if entry_change is not None:
                entries.append(entry_change)
                written.add(item.key)
        if entries:
            first = items[0]
            fixed: dict[str, Any] = {"courseid": courseid}
            if kind == "subject":
                fixed["replace"] = 0

            # Creating costs Moodle far more than updating: smaller batches for creations.
            # Sections keep one sequence: a new section is placed after its predecessor,
            # which must already be where it belongs.
            def missing(entry: tuple[Mapping[str, Any], Change]) -> bool:
                found = current.items.get(entry[1].key)
                return found is None or not found.exists

            if kind == "section":
                groups = [(entries, kind)]
            else:
                creates = [e for e in entries if missing(e)]
                updates = [e for e in entries if not missing(e)]
                groups = [(creates, kind), (updates, f"{kind}_update")]
            for group, cap_name in groups:
                actions += _batched(
                    function=first.FUNCTION,
                    kind=kind,
                    list_param=first.LIST_PARAM,
                    entries=group,
                    limits=limits,
                    fixed=fixed,
                    cap_name=cap_name,
                )

    # 7. Per-student extensions, one call per assignment.
    actions += _extension_actions(desired, current, limits, written)

    # 8. Deletions of this campaign's items that are no longer desired.
    doomed = [
        cur
        for key, cur in current.items.items()
        if key.startswith(desired.key_prefix) and key not in desired_keys
    ]
    doomed.sort(
        key=lambda cur: (DELETE_ORDER.get(cur.kind, DELETE_ORDER_LAST.get(cur.kind, 3)), cur.key)
    )
    delete_entries = [
        (cur.key, Change(cur.key, cur.kind, "delete", cur.name or cur.key)) for cur in doomed
    ]
    actions += _delete_actions(courseid, delete_entries, limits)

    # 9. Unenrol the people ThesisDesk enrolled who no longer belong.
    unenrol_entries = []
    for userid in sorted(current.managed_userids):
        if userid not in desired.enrolments and userid in current.enrolments:
            entry = {"userid": userid, "courseid": courseid}
            unenrol_entries.append(
                (entry, Change(f"user:{userid}", "enrolment", "unenrol", f"user {userid}"))
            )
    actions += _batched(
        function="enrol_manual_unenrol_users",
        kind="unenrol",
        list_param="enrolments",
        entries=unenrol_entries,
        limits=limits,
    )
    return actions


def _item_entry(
    item: DesiredItem,
    current: CurrentState,
    repairing: bool,
    moved: set[str],
    predecessors: Mapping[str, str],
) -> tuple[dict[str, Any], Change] | None:
    params = item.params()
    fingerprint = item.fingerprint()
    cur = current.items.get(item.key)
    if cur is None or not cur.exists:
        if cur is not None and cur.fingerprint == fingerprint and not repairing:
            return None  # deleted by hand: drift, left alone unless repaired
        entry = {**params, "fingerprint": fingerprint}
        if isinstance(item, DesiredSection):
            if item.key in predecessors:
                entry["afterkey"] = predecessors[item.key]
            elif any(c.kind == "section" and c.exists for c in current.items.values()):
                entry["afterkey"] = ""  # the first section goes before the managed ones
        op = "create" if cur is None else ("repair" if cur.fingerprint == fingerprint else "update")
        return entry, Change(item.key, item.KIND, op, item.label)

    differing = observed_differences(item, cur, current)
    is_moved = item.key in moved
    if cur.fingerprint == fingerprint:
        if not repairing or not (differing or is_moved):
            return None
        op = "repair"
        send = set(differing)
    else:
        op = "update"
        send = set(differing)
        old_unobserved = (cur.fingerprint or "").partition(".")[2]
        if old_unobserved != fingerprint.partition(".")[2]:
            send |= {p for p in params if p not in item.OBSERVED}
    entry = {p: v for p, v in params.items() if p in item.REQUIRED or p in send}
    entry["fingerprint"] = fingerprint
    fields = sorted(send - {"key"})
    if is_moved and (repairing or op == "update") and item.key in predecessors:
        entry["afterkey"] = predecessors[item.key]
        fields.append("position")
    return entry, Change(item.key, item.KIND, op, item.label, tuple(fields))


def _extension_actions(
    desired: DesiredState, current: CurrentState, limits: Limits, written: set[str]
) -> list[Action]:
    due_by_key = {a.key: a.duedate for a in desired.assignments}
    wanted: dict[tuple[str, int], int] = {}
    for extension in desired.extensions:
        due = due_by_key.get(extension.assignment_key)
        if due is None or (due and extension.duedate <= due):
            continue  # Moodle refuses an extension before the due date
        wanted[(extension.assignment_key, extension.userid)] = extension.duedate

    per_assignment: dict[str, list[tuple[dict[str, Any], Change]]] = {}

    def add(key: str, userid: int, date: int, label: str) -> None:
        change = Change(f"{key}/user:{userid}", "extension", "extend", label, (f"user {userid}",))
        per_assignment.setdefault(key, []).append(({"userid": userid, "date": date}, change))

    for (key, userid), date in sorted(wanted.items()):
        assignment = current.items.get(key)
        if key not in written and (assignment is None or not assignment.exists):
            continue  # the assignment is missing and stays so (drift left alone)
        applied = current.extensions.get((key, userid))
        same_instance = (
            applied is not None
            and assignment is not None
            and assignment.exists
            and assignment.instanceid == applied.assignid
        )
        if not same_instance or applied is None or applied.duedate != date:
            add(key, userid, date, f"extension to {date}")
    for (key, userid), applied in sorted(current.extensions.items()):
        if (key, userid) in wanted or key not in due_by_key:
            continue
        assignment = current.items.get(key)
        if assignment is None or not assignment.exists:
            continue
        if applied.duedate and assignment.instanceid == applied.assignid:
            add(key, userid, 0, "extension removed")

    actions: list[Action] = []
    for key in sorted(per_assignment):
        actions += _batched(
            function="mod_assign_save_user_extensions",
            kind="extension",
            list_param="extensions",
            entries=per_assignment[key],
            limits=limits,
            fixed={"assignmentkey": key},
        )
    return actions


def _delete_actions(
    courseid: int, entries: Iterable[tuple[str, Change]], limits: Limits
) -> list[Action]:
    # delete_items takes a flat list of keys: batch by hand with the same rules.
    budget = max(1, limits.max_input_vars - RESERVED_VARS - 1)
    cap = min(limits.max_items.get("delete", 200), budget)
    entries = list(entries)
    actions = []
    for start in range(0, len(entries), cap):
        chunk = entries[start : start + cap]
        actions.append(
            Action(
                "local_thesisdesk_delete_items",
                "delete",
                "keys",
                tuple({"key": key} for key, _ in chunk),
                tuple(c for _, c in chunk),
                {"courseid": courseid},
            )
        )
    return actions


def summarize(actions: Iterable[Action]) -> dict[str, int]:
    """Counts of changes by operation and kind, e.g. {"create group": 500}."""
    counts: dict[str, int] = {}
    for action in actions:
        for change in action.changes:
            label = f"{change.op} {change.kind}"
            counts[label] = counts.get(label, 0) + 1
    return counts
