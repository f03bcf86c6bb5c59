"""A pure model of what local_thesisdesk does with the planner's calls, for property tests."""

from __future__ import annotations

import dataclasses
import itertools
from typing import Any

from thesisdesk.moodle.sync.planner import Action
from thesisdesk.moodle.sync.state import AppliedExtension, CurrentItem, CurrentState

_ids = itertools.count(1000)

FIELDS = {f.name for f in dataclasses.fields(CurrentItem)}


def apply_actions(actions: list[Action], current: CurrentState) -> CurrentState:
    items = dict(current.items)
    enrolments = {u: set(r) for u, r in current.enrolments.items()}
    managed = set(current.managed_userids)
    extensions = dict(current.extensions)

    for action in actions:
        if action.kind == "enrol":
            for e in action.items:
                enrolments.setdefault(e["userid"], set()).add(e["roleid"])
                managed.add(e["userid"])
        elif action.kind == "unenrol":
            for e in action.items:
                enrolments.pop(e["userid"], None)
                managed.discard(e["userid"])
        elif action.kind == "delete":
            for e in action.items:
                items.pop(e["key"], None)
        elif action.kind == "extension":
            key = action.fixed["assignmentkey"]
            assignid = items[key].instanceid
            assert assignid is not None
            for e in action.items:
                if e["date"]:
                    extensions[(key, e["userid"])] = AppliedExtension(
                        key, assignid, e["userid"], e["date"]
                    )
                else:
                    extensions.pop((key, e["userid"]), None)
        else:
            kind = action.kind
            for entry in action.items:
                _upsert(items, kind, dict(entry))
                if kind == "section":
                    renumber(items)
    return CurrentState(
        courseid=current.courseid,
        items=items,
        enrolments={u: frozenset(r) for u, r in enrolments.items()},
        managed_userids=frozenset(managed),
        extensions=extensions,
    )


def renumber(items: dict[str, CurrentItem]) -> None:
    """Number the sections 5, 6, ... in their order, like Moodle after a move."""
    sections = sorted(
        (i for i in items.values() if i.kind == "section" and i.exists),
        key=lambda i: i.sectionnum or 0,
    )
    for n, section in enumerate(sections, start=5):
        items[section.key] = dataclasses.replace(section, sectionnum=n)


def _upsert(items: dict[str, CurrentItem], kind: str, entry: dict[str, Any]) -> None:
    key = entry["key"]
    old = items.get(key)
    if old is None or not old.exists:
        new_id = next(_ids)
        values: dict[str, Any] = {"key": key, "kind": kind, "exists": True, "id": new_id}
        if kind == "assignment":
            values["instanceid"] = next(_ids)
        if kind == "section":
            values["sectionnum"] = 10_000
            values["visible"] = True
            values["groupid"] = 0
        current = CurrentItem(**values)
    else:
        current = old
    changes: dict[str, Any] = {}
    for name, value in entry.items():
        if name == "groupkey":
            group = items.get(value) if value else None
            changes["groupid"] = group.id if group else 0
        elif name == "afterkey":
            after = items.get(value)
            if value == "":
                changes["sectionnum"] = 0.5
            elif after is not None and after.sectionnum is not None:
                changes["sectionnum"] = after.sectionnum + 0.5
        elif name == "visible":
            changes["visible"] = bool(value)
        elif name == "members":
            changes["members"] = tuple(sorted(value))
        elif name == "title":
            changes["name"] = value
        elif name in FIELDS and name not in ("key", "kind"):
            changes[name] = value
    if kind == "group" and "members" not in entry:
        changes["members"] = ()
    items[key] = dataclasses.replace(current, **changes)
