"""Reading deposits from Moodle: the submissions of ThesisDesk's deposit assignments.

Knows the key format of the sync engine's deposit assignments and the shape of
mod_assign_get_submissions; nothing here writes to the database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

# thesisdesk.moodle.sync.desired.thesis_key(cid, thesis, "milestone:<id>/assignment")
ASSIGNMENT_KEY = re.compile(r"^campaign:(\d+)/thesis:(\d+)/milestone:(\d+)/assignment$")

# How many assignments one mod_assign_get_submissions call asks about.
ASSIGNMENTS_PER_CALL = 50


@dataclass(frozen=True)
class AssignmentKey:
    campaign_id: int
    thesis_id: int
    milestone_id: int


def parse_assignment_key(key: str) -> AssignmentKey | None:
    match = ASSIGNMENT_KEY.match(key or "")
    if match is None:
        return None
    campaign_id, thesis_id, milestone_id = (int(part) for part in match.groups())
    return AssignmentKey(campaign_id, thesis_id, milestone_id)


@dataclass(frozen=True)
class SubmittedFile:
    filename: str
    filepath: str
    size: int
    mimetype: str
    fileurl: str
    modified_at: datetime | None


@dataclass(frozen=True)
class Submission:
    id: int
    userid: int
    status: str
    timemodified: datetime
    files: tuple[SubmittedFile, ...] = field(default_factory=tuple)


def _time(value: Any) -> datetime | None:
    if not value:
        return None
    return datetime.fromtimestamp(int(value), tz=UTC)


def _files(plugins: Iterable[Mapping[str, Any]]) -> tuple[SubmittedFile, ...]:
    files = []
    for plugin in plugins or ():
        if plugin.get("type") != "file":
            continue
        for area in plugin.get("fileareas") or ():
            if area.get("area") != "submission_files":
                continue
            for raw in area.get("files") or ():
                files.append(
                    SubmittedFile(
                        filename=str(raw.get("filename") or ""),
                        filepath=str(raw.get("filepath") or "/"),
                        size=int(raw.get("filesize") or 0),
                        mimetype=str(raw.get("mimetype") or ""),
                        fileurl=str(raw.get("fileurl") or ""),
                        modified_at=_time(raw.get("timemodified")),
                    )
                )
    return tuple(files)


def submission_from_moodle(raw: Mapping[str, Any]) -> Submission:
    return Submission(
        id=int(raw["id"]),
        userid=int(raw.get("userid") or 0),
        status=str(raw.get("status") or "new"),
        timemodified=_time(raw.get("timemodified")) or datetime.now(tz=UTC),
        files=_files(raw.get("plugins") or ()),
    )


def best_submission(submissions: Iterable[Submission]) -> Submission | None:
    """The submission that stands for the thesis: a submitted one before any other, then
    the latest (two students of one thesis may each submit)."""
    ranked = sorted(
        submissions,
        key=lambda s: (s.status == "submitted", bool(s.files), s.timemodified, s.id),
    )
    return ranked[-1] if ranked else None


def _dump(answer: Any) -> dict[str, Any]:
    if hasattr(answer, "model_dump"):
        dumped: dict[str, Any] = answer.model_dump()
        return dumped
    return dict(answer)


def read_submissions(client: Any, assignids: Iterable[int]) -> dict[int, list[Submission]]:
    """assignid -> its submissions, asking Moodle in batches. An assignment Moodle did not
    answer about (deleted, no access: a warning) is left out, never read as "no
    submission"."""
    ids = sorted(set(int(a) for a in assignids))
    found: dict[int, list[Submission]] = {}
    for start in range(0, len(ids), ASSIGNMENTS_PER_CALL):
        batch = ids[start : start + ASSIGNMENTS_PER_CALL]
        answer = _dump(client.mod_assign_get_submissions(assignmentids=batch))
        for assignment in answer.get("assignments") or ():
            assignid = int(assignment["assignmentid"])
            found[assignid] = [
                submission_from_moodle(raw) for raw in assignment.get("submissions") or ()
            ]
    return found


def managed_assignments(client: Any, courseid: int) -> dict[str, int]:
    """Deposit assignment key -> assign instance id, for the assignments that still exist."""
    answer = _dump(client.local_thesisdesk_get_state(courseid=courseid, kinds=["assignment"]))
    assignments = {}
    for item in answer.get("items") or ():
        if item.get("kind") != "assignment" or not int(item.get("exists", 1) or 0):
            continue
        if parse_assignment_key(item.get("key", "")) and item.get("instanceid"):
            assignments[item["key"]] = int(item["instanceid"])
    return assignments
