"""Provisioning and deadline-move figures of local_thesisdesk on a real Moodle (not a test).

    THESISDESK_PLUGIN_LIVE_URL=... THESISDESK_PLUGIN_LIVE_TOKEN=... \\
    .venv/bin/python tests/plugin/bench_live_moodle.py [--theses 200] [--batch 50]

Creates a new course, enrols three users, then provisions N theses (a section restricted to
its group, a group of 3, two file-submission assignments, four group events), and moves the
due date of the first assignment of every thesis. Prints the time of each phase.
"""

from __future__ import annotations

import argparse
import sys
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_live_moodle import TOKEN, URL, Site


def batches(items: list[dict[str, Any]], size: int) -> list[list[dict[str, Any]]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def timed(
    label: str, function: str, site: Site, listkey: str, items: list[Any], size: int, courseid: int
) -> float:
    start = time.perf_counter()
    for chunk in batches(items, size):
        answer = site.ok(function, courseid=courseid, **{listkey: chunk})
        errors = [item for item in answer[listkey] if item["status"] == "error"]
        assert not errors, errors[:3]
    elapsed = time.perf_counter() - start
    per_item = 1000 * elapsed / len(items)
    print(f"{label:<34} {len(items):>5} items  {elapsed:8.2f} s  ({per_item:.1f} ms/item)")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theses", type=int, default=200)
    parser.add_argument("--batch", type=int, default=50)
    options = parser.parse_args(argv)
    if not (URL and TOKEN):
        print("set THESISDESK_PLUGIN_LIVE_URL and THESISDESK_PLUGIN_LIVE_TOKEN", file=sys.stderr)
        return 2
    site = Site(TOKEN)
    users = site.ok("core_user_get_users_by_field", field="username", values=["t1", "s1", "s2"])
    userids = [int(user["id"]) for user in users]
    suffix = uuid.uuid4().hex[:8]
    course = site.ok(
        "core_course_create_courses",
        courses=[{"fullname": f"Bench {suffix}", "shortname": f"BENCH-{suffix}", "categoryid": 1}],
    )
    courseid = int(course[0]["id"])
    site.ok(
        "enrol_manual_enrol_users",
        enrolments=[
            {"roleid": 3 if i == 0 else 5, "userid": uid, "courseid": courseid}
            for i, uid in enumerate(userids)
        ],
    )
    n = options.theses
    due = int(time.time()) + 30 * 86400
    total = 0.0
    total += timed(
        "sync_groups (3 members)",
        "local_thesisdesk_sync_groups",
        site,
        "groups",
        [{"key": f"t{i}/group", "name": f"Thesis {i}", "members": userids} for i in range(n)],
        options.batch,
        courseid,
    )
    total += timed(
        "sync_sections (restricted)",
        "local_thesisdesk_sync_sections",
        site,
        "sections",
        [
            {
                "key": f"t{i}/section",
                "name": f"Thesis {i}",
                "summary": f"<p>Subject {i}</p>",
                "visible": 0,
                "groupkey": f"t{i}/group",
            }
            for i in range(n)
        ],
        options.batch,
        courseid,
    )
    assignments = []
    for i in range(n):
        for part, offset in (("plan", 0), ("final", 60 * 86400)):
            assignments.append(
                {
                    "key": f"t{i}/{part}",
                    "sectionkey": f"t{i}/section",
                    "name": f"Deposit {part}",
                    "duedate": due + offset,
                    "groupkey": f"t{i}/group",
                    "maxfiles": 3,
                    "filetypes": ".pdf",
                }
            )
    total += timed(
        "sync_assignments (2 per thesis)",
        "local_thesisdesk_sync_assignments",
        site,
        "assignments",
        assignments,
        options.batch,
        courseid,
    )
    events = [
        {
            "key": f"t{i}/event{j}",
            "name": f"Milestone {j}",
            "timestart": due + j * 86400,
            "eventtype": "group",
            "groupkey": f"t{i}/group",
        }
        for i in range(n)
        for j in range(4)
    ]
    total += timed(
        "sync_events (4 group events)",
        "local_thesisdesk_sync_events",
        site,
        "events",
        events,
        options.batch * 4,
        courseid,
    )
    print(f"{'provisioning total':<34} {n:>5} theses {total:8.2f} s  ({total / n:.3f} s/thesis)")
    moved = [
        a | {"duedate": a["duedate"] + 86400} for a in assignments if a["key"].endswith("/plan")
    ]
    timed(
        "move due dates (dates only)",
        "local_thesisdesk_sync_assignments",
        site,
        "assignments",
        moved,
        len(moved),
        courseid,
    )
    start = time.perf_counter()
    state = site.ok("local_thesisdesk_get_state", courseid=courseid)
    print(f"{'get_state':<34} {len(state['items']):>5} items  {time.perf_counter() - start:8.2f} s")
    print(f"course id {courseid}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
