"""The desired and the current Moodle state of one course, as plain typed data.

Nothing here knows Django or HTTP: `desired.py` builds a `DesiredState` from the domain,
`current.py` reads a `CurrentState` from Moodle, `planner.plan()` turns the two into actions.

Every managed Moodle object has a stable key such as `campaign:12/thesis:345/section`.
Desired items know how to write themselves as the plugin's parameters (`params()`) and
which of those parameters Moodle reports back in `local_thesisdesk_get_state`
(`OBSERVED`: parameter name -> get_state field); the others are covered by the second half
of the fingerprint, so that a change to them is noticed without reading them back.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

KINDS = ("group", "section", "assignment", "event", "subject", "resource")


def _digest(data: Any) -> str:
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DesiredItem:
    """One object ThesisDesk wants in the course. Subclasses add their fields."""

    key: str

    KIND: ClassVar[str] = ""
    FUNCTION: ClassVar[str] = ""
    LIST_PARAM: ClassVar[str] = ""
    # Parameters always sent, even on an update (the plugin requires them).
    REQUIRED: ClassVar[tuple[str, ...]] = ("key",)
    # Parameter name -> field of local_thesisdesk_get_state that reports Moodle's value.
    OBSERVED: ClassVar[Mapping[str, str]] = {}

    def params(self) -> dict[str, Any]:
        """The item as the plugin function's list entry (without fingerprint)."""
        raise NotImplementedError

    @property
    def label(self) -> str:
        return str(self.params().get("name") or self.params().get("title") or self.key)

    def fingerprint(self) -> str:
        """`<hash of everything>.<hash of what get_state does not report>` (computed once)."""
        cached: str | None = self.__dict__.get("_fingerprint")
        if cached is not None:
            return cached
        params = self.params()
        unobserved = {k: v for k, v in params.items() if k not in self.OBSERVED}
        cached = f"{_digest(params)[:20]}.{_digest(unobserved)[:12]}"
        object.__setattr__(self, "_fingerprint", cached)  # frozen: cache beside the fields
        return cached


@dataclass(frozen=True)
class DesiredGroup(DesiredItem):
    name: str = ""
    description: str = ""
    members: tuple[int, ...] = ()

    KIND = "group"
    FUNCTION = "local_thesisdesk_sync_groups"
    LIST_PARAM = "groups"
    REQUIRED = ("key", "name", "members")
    OBSERVED = {"name": "name", "members": "members"}

    def params(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "members": sorted(set(self.members)),
        }


@dataclass(frozen=True)
class DesiredSection(DesiredItem):
    name: str = ""
    summary: str = ""
    visible: bool = True
    groupkey: str = ""

    KIND = "section"
    FUNCTION = "local_thesisdesk_sync_sections"
    LIST_PARAM = "sections"
    REQUIRED = ("key", "name")
    OBSERVED = {"name": "name", "visible": "visible", "groupkey": "groupid"}

    def params(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "summary": self.summary,
            "summaryformat": 1,
            "visible": int(self.visible),
            "groupkey": self.groupkey,
        }


@dataclass(frozen=True)
class DesiredAssignment(DesiredItem):
    sectionkey: str = ""
    name: str = ""
    intro: str = ""
    allowsubmissionsfromdate: int = 0
    duedate: int = 0
    cutoffdate: int = 0
    maxfiles: int = 5
    maxbytes: int = 0
    filetypes: str = ""
    grade: int = 0
    sendnotifications: bool = False
    sendlatenotifications: bool = False

    KIND = "assignment"
    FUNCTION = "local_thesisdesk_sync_assignments"
    LIST_PARAM = "assignments"
    REQUIRED = ("key", "sectionkey", "name")
    OBSERVED = {
        "name": "name",
        "sectionkey": "sectionkey",
        "allowsubmissionsfromdate": "allowsubmissionsfromdate",
        "duedate": "duedate",
        "cutoffdate": "cutoffdate",
        "maxfiles": "maxfiles",
    }

    def params(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "sectionkey": self.sectionkey,
            "name": self.name,
            "intro": self.intro,
            "introformat": 1,
            "allowsubmissionsfromdate": self.allowsubmissionsfromdate,
            "duedate": self.duedate,
            "cutoffdate": self.cutoffdate,
            "maxfiles": self.maxfiles,
            "maxbytes": self.maxbytes,
            "filetypes": self.filetypes,
            "grade": self.grade,
            "sendnotifications": int(self.sendnotifications),
            "sendlatenotifications": int(self.sendlatenotifications),
        }


@dataclass(frozen=True)
class DesiredEvent(DesiredItem):
    name: str = ""
    description: str = ""
    timestart: int = 0
    timeduration: int = 0
    groupkey: str = ""

    KIND = "event"
    FUNCTION = "local_thesisdesk_sync_events"
    LIST_PARAM = "events"
    REQUIRED = ("key", "name", "timestart")
    OBSERVED = {"name": "name", "timestart": "timestart", "timeduration": "timeduration"}

    def params(self) -> dict[str, Any]:
        params: dict[str, Any] = {
            "key": self.key,
            "name": self.name,
            "description": self.description,
            "timestart": self.timestart,
            "timeduration": self.timeduration,
            "eventtype": "group" if self.groupkey else "course",
        }
        if self.groupkey:
            params["groupkey"] = self.groupkey
        return params


@dataclass(frozen=True)
class DesiredSubject(DesiredItem):
    title: str = ""
    description: str = ""
    supervisors: str = ""
    keywords: str = ""
    placesleft: int = 0
    sortorder: int = 0

    KIND = "subject"
    FUNCTION = "local_thesisdesk_sync_subjects"
    LIST_PARAM = "subjects"
    REQUIRED = ("key", "title")
    OBSERVED = {}

    def params(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "supervisors": self.supervisors,
            "keywords": self.keywords,
            "placesleft": self.placesleft,
            "sortorder": self.sortorder,
        }


@dataclass(frozen=True)
class DesiredExtension:
    """A per-student due date later than the assignment's (mod_assign_save_user_extensions)."""

    assignment_key: str
    userid: int
    duedate: int


@dataclass(frozen=True)
class DesiredFile(DesiredItem):
    """One of the course's guideline files: a resource by key (section 0 by default).

    `content` names the file's bytes (e.g. their SHA-256 and the file name); it is not a
    parameter of the plugin: the gateway replaces it with the draft item id of the file it
    uploads (`sync/files.py` gives the bytes), so every write of the item sends the file.
    """

    type: str = "resource"
    name: str = ""
    intro: str = ""
    visible: bool = True
    sectionkey: str = ""
    content: str = ""

    KIND = "resource"
    FUNCTION = "local_thesisdesk_publish_files"
    LIST_PARAM = "items"
    REQUIRED = ("key", "type", "name", "content")
    OBSERVED = {"name": "name", "visible": "visible"}

    def params(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "sectionkey": self.sectionkey,
            "type": self.type,
            "name": self.name,
            "intro": self.intro,
            "visible": int(self.visible),
            "content": self.content,
        }


@dataclass(frozen=True)
class DesiredState:
    courseid: int
    # Only current items whose key starts with this prefix are ThesisDesk's to delete.
    key_prefix: str
    enrolments: Mapping[int, frozenset[int]] = field(default_factory=dict)
    groups: tuple[DesiredGroup, ...] = ()
    sections: tuple[DesiredSection, ...] = ()
    assignments: tuple[DesiredAssignment, ...] = ()
    events: tuple[DesiredEvent, ...] = ()
    subjects: tuple[DesiredSubject, ...] = ()
    extensions: tuple[DesiredExtension, ...] = ()
    files: tuple[DesiredFile, ...] = ()

    def items(self) -> list[DesiredItem]:
        """Every keyed item, in the order they must be written."""
        return [
            *self.groups,
            *self.sections,
            *self.assignments,
            *self.events,
            *self.subjects,
            *self.files,
        ]

    def counts(self) -> dict[str, int]:
        return {
            "enrolments": sum(len(roles) for roles in self.enrolments.values()),
            "groups": len(self.groups),
            "sections": len(self.sections),
            "assignments": len(self.assignments),
            "events": len(self.events),
            "subjects": len(self.subjects),
            "extensions": len(self.extensions),
            "files": len(self.files),
        }


@dataclass(frozen=True)
class CurrentItem:
    """One item of local_thesisdesk_get_state: Moodle's current values (None: not reported)."""

    key: str
    kind: str
    exists: bool = True
    id: int | None = None
    instanceid: int | None = None
    sectionnum: int | None = None
    sectionkey: str | None = None
    name: str | None = None
    visible: bool | None = None
    groupid: int | None = None
    allowsubmissionsfromdate: int | None = None
    duedate: int | None = None
    cutoffdate: int | None = None
    maxfiles: int | None = None
    timestart: int | None = None
    timeduration: int | None = None
    members: tuple[int, ...] | None = None
    fingerprint: str | None = None

    def value(self, name: str) -> Any:
        return getattr(self, name, None)


@dataclass(frozen=True)
class AppliedExtension:
    assignment_key: str
    assignid: int
    userid: int
    duedate: int


@dataclass(frozen=True)
class CurrentState:
    courseid: int
    items: Mapping[str, CurrentItem] = field(default_factory=dict)
    # userid -> Moodle role ids held in the course.
    enrolments: Mapping[int, frozenset[int]] = field(default_factory=dict)
    # Users ThesisDesk enrolled (only those are ever unenrolled by ThesisDesk).
    managed_userids: frozenset[int] = frozenset()
    # (assignment key, userid) -> extension ThesisDesk applied.
    extensions: Mapping[tuple[str, int], AppliedExtension] = field(default_factory=dict)
