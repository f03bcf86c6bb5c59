"""Every Moodle call the sync engine makes, in one place, through the Moodle client.

The rest of the engine sees plain data: `CurrentItem`s, role sets, `ItemResult`s.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from thesisdesk.moodle.client import MoodleClient
from thesisdesk.moodle.sync import files
from thesisdesk.moodle.sync.planner import Action
from thesisdesk.moodle.sync.state import CurrentItem

GET_STATE_KINDS = ("section", "assignment", "group", "event", "subject", "resource", "folder")
_EXTENSION_USER = re.compile(r"User id:\s*(\d+)")


@dataclass(frozen=True)
class ItemResult:
    key: str
    status: str  # created | updated | unchanged | deleted | error
    errorcode: str = ""
    message: str = ""
    ids: Mapping[str, int] | None = None


@dataclass(frozen=True)
class CourseInfo:
    id: int
    shortname: str
    fullname: str


def _int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _dump(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump()
    return value


class MoodleGateway:
    def __init__(self, client: MoodleClient) -> None:
        self.client = client
        self.calls = 0  # web service calls made (the client may split or retry them)

    def _call(self, function: str, params: Mapping[str, Any]) -> Any:
        self.calls += 1
        return _dump(self.client.call(function, params))

    # -- reading ------------------------------------------------------------------------
    def get_state(self, courseid: int) -> dict[str, CurrentItem]:
        answer = _dump(
            self._call(
                "local_thesisdesk_get_state", {"courseid": courseid, "kinds": list(GET_STATE_KINDS)}
            )
        )
        items: dict[str, CurrentItem] = {}
        for raw in answer.get("items") or []:
            visible = raw.get("visible")
            members = raw.get("members")
            items[raw["key"]] = CurrentItem(
                key=raw["key"],
                kind=raw["kind"],
                exists=bool(int(raw.get("exists", 1))),
                id=_int(raw.get("id")),
                instanceid=_int(raw.get("instanceid")),
                sectionnum=_int(raw.get("sectionnum")),
                sectionkey=raw.get("sectionkey"),
                name=raw.get("name"),
                visible=None if visible is None else bool(int(visible)),
                groupid=_int(raw.get("groupid")),
                allowsubmissionsfromdate=_int(raw.get("allowsubmissionsfromdate")),
                duedate=_int(raw.get("duedate")),
                cutoffdate=_int(raw.get("cutoffdate")),
                maxfiles=_int(raw.get("maxfiles")),
                timestart=_int(raw.get("timestart")),
                timeduration=_int(raw.get("timeduration")),
                members=None if members is None else tuple(sorted(int(m) for m in members)),
                fingerprint=raw.get("fingerprint"),
            )
        return items

    def enrolled_roles(self, courseid: int) -> dict[int, frozenset[int]]:
        """userid -> role ids in the course, in one call."""
        users = self._call(
            "core_enrol_get_enrolled_users",
            {"courseid": courseid, "options": [{"name": "userfields", "value": "id,roles"}]},
        )
        return {
            int(user["id"]): frozenset(int(r["roleid"]) for r in user.get("roles") or [])
            for user in users or []
        }

    def user_ids_by_username(self, usernames: list[str]) -> dict[str, int]:
        """Moodle user ids of these usernames (unknown ones are left out), in one call."""
        users = self._call(
            "core_user_get_users_by_field", {"field": "username", "values": list(usernames)}
        )
        return {str(u["username"]): int(u["id"]) for u in users or [] if "username" in u}

    def find_course(self, *, courseid: int | None = None, shortname: str = "") -> CourseInfo | None:
        field, value = ("id", courseid) if courseid else ("shortname", shortname)
        answer = _dump(
            self._call("core_course_get_courses_by_field", {"field": field, "value": value})
        )
        courses = answer.get("courses") or []
        if not courses:
            return None
        course = courses[0]
        return CourseInfo(int(course["id"]), course["shortname"], course.get("fullname", ""))

    def create_course(self, *, fullname: str, shortname: str, categoryid: int) -> CourseInfo:
        answer = self._call(
            "core_course_create_courses",
            {"courses": [{"fullname": fullname, "shortname": shortname, "categoryid": categoryid}]},
        )
        created = _dump(answer)[0]
        return CourseInfo(int(created["id"]), created["shortname"], fullname)

    # -- writing ------------------------------------------------------------------------
    def apply(self, action: Action, resolved: Mapping[str, int]) -> list[ItemResult]:
        """Send one planned call; per-item results (errors in them do not raise).

        `resolved` maps assignment keys to Moodle assignment ids (for extensions).
        Whole-call failures raise the client's errors.
        """
        if action.kind == "extension":
            return self._extensions(action, resolved)
        missing: list[ItemResult] = []
        if action.function == "local_thesisdesk_publish_files":
            action, missing = self._with_uploads(action)
            if not action.items:
                return missing
        answer = _dump(self._call(action.function, action.params()))
        if action.kind in ("enrol", "unenrol"):
            # These answer null on success: every item went through.
            return [ItemResult(c.key, "updated") for c in action.changes]
        rows = answer.get(action.list_param if action.kind != "delete" else "items") or []
        by_key = {row["key"]: row for row in rows if isinstance(row, dict) and "key" in row}
        results = []
        for item in action.items:
            key = item["key"]
            row = by_key.get(key)
            if row is None:
                results.append(
                    ItemResult(key, "error", "noanswer", "Moodle did not report on this item")
                )
                continue
            ids = {
                name: int(row[name])
                for name in ("sectionid", "cmid", "assignid", "groupid", "eventid", "subjectid")
                if row.get(name) is not None
            }
            results.append(
                ItemResult(
                    key,
                    str(row.get("status", "error")),
                    str(row.get("errorcode") or ""),
                    str(row.get("message") or ""),
                    ids,
                )
            )
        return results + missing

    def _with_uploads(self, action: Action) -> tuple[Action, list[ItemResult]]:
        """Upload each file of a publish action to its own draft area (webservice/upload.php)
        and put the draft item id in place of the item's `content`."""
        items, changes, missing = [], [], []
        for item, change in zip(action.items, action.changes, strict=True):
            opened = files.open_file(item["key"])
            if opened is None:
                missing.append(
                    ItemResult(item["key"], "error", "nofile", "ThesisDesk no longer has this file")
                )
                continue
            filename, handle, content_type = opened
            with handle:
                upload = self.client.upload([(filename, handle, content_type)])
            self.calls += 1
            entry = {k: v for k, v in item.items() if k != "content"}
            entry["draftitemid"] = upload.itemid
            items.append(entry)
            changes.append(change)
        return replace(action, items=tuple(items), changes=tuple(changes)), missing

    def _extensions(self, action: Action, resolved: Mapping[str, int]) -> list[ItemResult]:
        key = action.fixed["assignmentkey"]
        assignid = resolved.get(key)
        if assignid is None:
            return [
                ItemResult(
                    c.key, "error", "noassignment", "The assignment does not exist in Moodle yet"
                )
                for c in action.changes
            ]
        answer = self._call(
            "mod_assign_save_user_extensions",
            {
                "assignmentid": assignid,
                "userids": [item["userid"] for item in action.items],
                "dates": [item["date"] for item in action.items],
            },
        )
        refused: dict[int, dict[str, Any]] = {}
        everyone: dict[str, Any] | None = None
        for warning in _dump(answer) or []:
            match = _EXTENSION_USER.search(str(warning.get("item", "")))
            if match:
                refused[int(match.group(1))] = warning
            else:
                everyone = warning
        results = []
        for item, change in zip(action.items, action.changes, strict=True):
            warning = refused.get(item["userid"]) or everyone
            if warning:
                results.append(
                    ItemResult(
                        change.key,
                        "error",
                        str(warning.get("warningcode", "")),
                        str(warning.get("message", "")),
                        {"assignid": assignid},
                    )
                )
            else:
                results.append(ItemResult(change.key, "updated", ids={"assignid": assignid}))
        return results
