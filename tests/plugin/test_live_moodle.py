"""The plugin on a real Moodle site, over HTTP (skipped unless a site is given).

    THESISDESK_PLUGIN_LIVE_URL=http://127.0.0.1:8081 \\
    THESISDESK_PLUGIN_LIVE_TOKEN=<token of a manager on the thesisdesk service> \\
    THESISDESK_PLUGIN_LIVE_TEACHER=t1 THESISDESK_PLUGIN_LIVE_STUDENTS=s1,s2,s3 \\
    THESISDESK_PLUGIN_LIVE_STUDENT_PASSWORD='Student#2026' \\
    [THESISDESK_PLUGIN_LIVE_DIRROOT=/path/to/moodle]   # local site: also run the webhook test
    .venv/bin/pytest tests/plugin/test_live_moodle.py

Each run creates its own course, so it can be repeated on the same site. The site must have
local_thesisdesk installed, web services and REST on, the manager's token on the `thesisdesk`
service, `moodle/webservice:createtoken` + `webservice/rest:use` granted to authenticated users
(sign-in service), and for the webhook test the mobile service enabled and the plugin's
ThesisDesk URL set to http://127.0.0.1:<THESISDESK_PLUGIN_LIVE_HOOK_PORT, 8099>.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

URL = os.environ.get("THESISDESK_PLUGIN_LIVE_URL", "").rstrip("/")
TOKEN = os.environ.get("THESISDESK_PLUGIN_LIVE_TOKEN", "")
pytestmark = pytest.mark.skipif(
    not (URL and TOKEN), reason="no live Moodle (THESISDESK_PLUGIN_LIVE_URL/TOKEN)"
)


def encode(value: Any, prefix: str, out: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """PHP bracket form encoding, as Moodle's REST server reads it."""
    if isinstance(value, dict):
        for key, item in value.items():
            encode(item, f"{prefix}[{key}]" if prefix else key, out)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            encode(item, f"{prefix}[{index}]", out)
    elif isinstance(value, bool):
        out.append((prefix, "1" if value else "0"))
    elif value is not None:
        out.append((prefix, str(value)))
    return out


class Site:
    def __init__(self, token: str) -> None:
        self.token = token
        self.http = httpx.Client(base_url=URL, timeout=600)

    def call(self, function: str, **params: Any) -> Any:
        data = [("wstoken", self.token), ("wsfunction", function), ("moodlewsrestformat", "json")]
        body = urlencode(data + encode(params, "", []))
        response = self.http.post(
            "/webservice/rest/server.php",
            content=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 200, response.text[:500]
        return response.json()

    def ok(self, function: str, **params: Any) -> Any:
        result = self.call(function, **params)
        assert not (isinstance(result, dict) and "exception" in result), result
        return result

    def upload(self, files: dict[str, bytes]) -> int:
        parts = {f"file_{i}": (name, data) for i, (name, data) in enumerate(files.items(), 1)}
        response = self.http.post(
            "/webservice/upload.php",
            data={"token": self.token, "filearea": "draft", "itemid": "0"},
            files=parts,
        )
        records = json.loads(response.text)
        return int(records[0]["itemid"])


@pytest.fixture(scope="module")
def site() -> Site:
    return Site(TOKEN)


@pytest.fixture(scope="module")
def people(site: Site) -> dict[str, int]:
    names = [os.environ.get("THESISDESK_PLUGIN_LIVE_TEACHER", "t1")]
    names += os.environ.get("THESISDESK_PLUGIN_LIVE_STUDENTS", "s1,s2,s3").split(",")
    users = site.ok("core_user_get_users_by_field", field="username", values=names)
    ids = {user["username"]: int(user["id"]) for user in users}
    assert len(ids) == len(names), f"users missing on the site: {names}"
    return {"teacher": ids[names[0]], **{f"s{i}": ids[n] for i, n in enumerate(names[1:], 1)}}


@pytest.fixture(scope="module")
def courseid(site: Site, people: dict[str, int]) -> int:
    suffix = uuid.uuid4().hex[:8]
    created = site.ok(
        "core_course_create_courses",
        courses=[
            {
                "fullname": f"Plugin test {suffix}",
                "shortname": f"TDPLUGIN-{suffix}",
                "categoryid": 1,
                "format": "topics",
            }
        ],
    )
    course = int(created[0]["id"])
    enrolments = [{"roleid": 3, "userid": people["teacher"], "courseid": course}]
    enrolments += [
        {"roleid": 5, "userid": people[name], "courseid": course} for name in ("s1", "s2", "s3")
    ]
    site.ok("enrol_manual_enrol_users", enrolments=enrolments)
    return course


def by_key(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["key"]: item for item in results}


def state(site: Site, courseid: int, *kinds: str) -> dict[str, dict[str, Any]]:
    params: dict[str, Any] = {"courseid": courseid}
    if kinds:
        params["kinds"] = list(kinds)
    return by_key(site.ok("local_thesisdesk_get_state", **params)["items"])


def test_sections_beyond_52_idempotent_with_restriction_and_position(
    site: Site, courseid: int, people: dict[str, int]
) -> None:
    site.ok(
        "local_thesisdesk_sync_groups",
        courseid=courseid,
        groups=[{"key": "sec/g1", "name": "Section group", "members": [people["s1"]]}],
    )
    sections = [
        {"key": f"sec/{i}", "name": f"Mémoire {i}", "summary": f"<p>Sujet {i}</p>"}
        for i in range(1, 61)
    ]
    sections[0] |= {"visible": False, "groupkey": "sec/g1"}
    first = site.ok("local_thesisdesk_sync_sections", courseid=courseid, sections=sections)
    statuses = {item["status"] for item in first["sections"]}
    assert statuses == {"created"}, first["sections"][:3]
    assert max(item["sectionnum"] for item in first["sections"]) > 52

    second = site.ok("local_thesisdesk_sync_sections", courseid=courseid, sections=sections)
    assert {item["status"] for item in second["sections"]} == {"unchanged"}
    assert [i["sectionid"] for i in second["sections"]] == [
        i["sectionid"] for i in first["sections"]
    ]

    now = state(site, courseid, "section", "group")
    assert now["sec/1"]["visible"] is False
    assert now["sec/1"]["groupid"] == now["sec/g1"]["id"]
    assert now["sec/60"]["name"] == "Mémoire 60"

    # Move section 60 right after section 0, then rename it: both reported, numbers follow.
    moved = site.ok(
        "local_thesisdesk_sync_sections",
        courseid=courseid,
        sections=[{"key": "sec/60", "name": "Mémoire soixante", "afterkey": ""}],
    )
    assert moved["sections"][0]["status"] == "updated"
    assert moved["sections"][0]["sectionnum"] == 1
    assert state(site, courseid, "section")["sec/1"]["sectionnum"] == 2


def test_groups_members_follow_the_list_and_errors_stay_per_item(
    site: Site, courseid: int, people: dict[str, int]
) -> None:
    result = site.ok(
        "local_thesisdesk_sync_groups",
        courseid=courseid,
        groups=[
            {"key": "grp/1", "name": "Thèse 1", "members": [people["s1"], people["teacher"]]},
            {"key": "grp/2", "name": "Thèse 2", "members": [people["s2"], 999999]},
            {"key": "grp/3", "name": "Thèse 3"},
        ],
    )
    items = by_key(result["groups"])
    assert items["grp/1"]["status"] == "created" and items["grp/1"]["added"] == 2
    assert items["grp/2"]["status"] == "error"
    assert items["grp/2"]["errorcode"] == "unknownuser"
    assert items["grp/3"]["status"] == "created"

    again = site.ok(
        "local_thesisdesk_sync_groups",
        courseid=courseid,
        groups=[{"key": "grp/1", "name": "Thèse 1", "members": [people["s3"]]}],
    )
    assert (again["groups"][0]["added"], again["groups"][0]["removed"]) == (1, 2)
    members = site.ok("core_group_get_group_members", groupids=[items["grp/1"]["groupid"]])
    assert members[0]["userids"] == [people["s3"]]


def test_assignments_create_update_keeps_file_submissions_and_moves_dates(
    site: Site, courseid: int
) -> None:
    site.ok(
        "local_thesisdesk_sync_sections",
        courseid=courseid,
        sections=[{"key": "asg/sec", "name": "Dépôts"}],
    )
    due = int(time.time()) + 7 * 86400
    item = {
        "key": "asg/1",
        "sectionkey": "asg/sec",
        "name": "Dépôt final",
        "intro": "<p>Déposez le mémoire</p>",
        "duedate": due,
        "cutoffdate": due + 86400,
        "maxfiles": 2,
        "maxbytes": 10485760,
        "filetypes": ".pdf",
        "fingerprint": "v1",
    }
    created = site.ok("local_thesisdesk_sync_assignments", courseid=courseid, assignments=[item])
    assert created["assignments"][0]["status"] == "created"
    cmid = created["assignments"][0]["cmid"]

    renamed = site.ok(
        "local_thesisdesk_sync_assignments",
        courseid=courseid,
        assignments=[item | {"name": "Dépôt final du mémoire", "fingerprint": "v2"}],
    )
    assert renamed["assignments"][0]["status"] == "updated"
    assert renamed["assignments"][0]["cmid"] == cmid
    now = state(site, courseid, "assignment")["asg/1"]
    assert now["filesubmissions"] is True, "update_module must not turn file submissions off"
    assert (now["maxfiles"], now["maxbytes"], now["filetypes"]) == (2, 10485760, ".pdf")
    assert now["name"] == "Dépôt final du mémoire" and now["fingerprint"] == "v2"

    # Moodle's own view of the assignment agrees.
    assignments = site.ok(
        "mod_assign_get_assignments", courseids=[courseid], includenotenrolledcourses=1
    )
    configs = {
        (c["subtype"], c["plugin"], c["name"]): c["value"]
        for c in assignments["courses"][0]["assignments"][0]["configs"]
    }
    assert configs[("assignsubmission", "file", "enabled")] == "1"

    same = site.ok(
        "local_thesisdesk_sync_assignments",
        courseid=courseid,
        assignments=[item | {"name": "Dépôt final du mémoire", "fingerprint": "v2"}],
    )
    assert same["assignments"][0]["status"] == "unchanged"

    moved = site.ok(
        "local_thesisdesk_sync_assignments",
        courseid=courseid,
        assignments=[
            item
            | {
                "name": "Dépôt final du mémoire",
                "fingerprint": "v2",
                "duedate": due + 3600,
                "cutoffdate": due + 90000,
            }
        ],
    )
    assert moved["assignments"][0]["status"] == "updated"
    now = state(site, courseid, "assignment")["asg/1"]
    assert (now["duedate"], now["cutoffdate"]) == (due + 3600, due + 90000)
    assert now["filesubmissions"] is True
    events = site.ok(
        "core_calendar_get_calendar_events",
        events={"courseids": [courseid]},
        options={"userevents": 0, "timestart": due - 86400, "timeend": due + 10 * 86400},
    )["events"]
    due_events = [e for e in events if e["modulename"] == "assign" and e["eventtype"] == "due"]
    assert [e["timestart"] for e in due_events] == [due + 3600]

    failed = site.ok(
        "local_thesisdesk_sync_assignments",
        courseid=courseid,
        assignments=[
            {"key": "asg/x", "sectionkey": "nope", "name": "X"},
            {"key": "asg/y", "sectionkey": "asg/sec", "name": "Y", "maxfiles": 0},
            {"key": "asg/z", "sectionkey": "asg/sec", "name": "Z"},
        ],
    )
    codes = [item.get("errorcode") for item in failed["assignments"]]
    assert codes == ["unknownsectionkey", "invalidmaxfiles", None]


GRADEBOOK_PHP = """
define('CLI_SCRIPT', true);
require(getenv('DIRROOT') . '/config.php');
$courseid = (int) getenv('COURSEID');
$items = $DB->get_records('grade_items', ['courseid' => $courseid, 'itemmodule' => 'assign'], '',
    'iteminstance, gradetype, grademax');
$course = $DB->get_record('grade_items', ['courseid' => $courseid, 'itemtype' => 'course']);
echo json_encode(['items' => $items, 'needsupdate' => (int) $course->needsupdate]);
"""


@pytest.mark.skipif(
    not os.environ.get("THESISDESK_PLUGIN_LIVE_DIRROOT"), reason="needs the site's code (local)"
)
def test_batch_created_assignments_get_the_gradebook_create_module_gives(
    site: Site, courseid: int
) -> None:
    """Assignments are created without their grade item, which comes after the batch with one
    regrade: at the end of the call each has the grade item, grade and feedback plugin that
    create_module() alone would have given."""
    site.ok(
        "local_thesisdesk_sync_sections",
        courseid=courseid,
        sections=[{"key": "grade/sec", "name": "Notes"}],
    )
    made = site.ok(
        "local_thesisdesk_sync_assignments",
        courseid=courseid,
        assignments=[
            {"key": "grade/default", "sectionkey": "grade/sec", "name": "Noté sur 100"},
            {"key": "grade/none", "sectionkey": "grade/sec", "name": "Non noté", "grade": 0},
            {"key": "grade/40", "sectionkey": "grade/sec", "name": "Noté sur 40", "grade": 40},
        ],
    )
    ids = {item["key"]: item["assignid"] for item in made["assignments"]}
    assert all(item["status"] == "created" for item in made["assignments"])
    assignments = site.ok(
        "mod_assign_get_assignments", courseids=[courseid], includenotenrolledcourses=1
    )["courses"][0]["assignments"]
    by_id = {a["id"]: a for a in assignments}
    for key, grade in (("grade/default", 100), ("grade/none", 0), ("grade/40", 40)):
        assignment = by_id[ids[key]]
        assert assignment["grade"] == grade
        configs = {
            (c["subtype"], c["plugin"], c["name"]): c["value"] for c in assignment["configs"]
        }
        assert configs[("assignfeedback", "comments", "enabled")] == "1"
        assert configs[("assignfeedback", "comments", "commentinline")] == "0"
        assert configs[("assignsubmission", "file", "enabled")] == "1"
    dirroot = os.environ["THESISDESK_PLUGIN_LIVE_DIRROOT"]
    output = subprocess.run(
        ["php", "-r", GRADEBOOK_PHP.replace("<?php", "")],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "DIRROOT": dirroot, "COURSEID": str(courseid)},
    ).stdout
    gradebook = json.loads(output[output.index("{") :])
    items = {int(i["iteminstance"]): i for i in gradebook["items"].values()}
    # GRADE_TYPE_VALUE = 1 with its maximum; GRADE_TYPE_TEXT = 3 (ungraded, feedback comments).
    assert (
        int(items[ids["grade/default"]]["gradetype"]),
        float(items[ids["grade/default"]]["grademax"]),
    ) == (1, 100)
    assert (
        int(items[ids["grade/40"]]["gradetype"]),
        float(items[ids["grade/40"]]["grademax"]),
    ) == (1, 40)
    assert int(items[ids["grade/none"]]["gradetype"]) == 3
    assert gradebook["needsupdate"] == 0, "the course must be regraded at the end of the call"


def test_events_course_and_group_update_and_delete(site: Site, courseid: int) -> None:
    site.ok(
        "local_thesisdesk_sync_groups", courseid=courseid, groups=[{"key": "ev/g", "name": "Jury"}]
    )
    start = int(time.time()) + 14 * 86400
    events = [
        {"key": "ev/1", "name": "Plan à remettre", "timestart": start},
        {
            "key": "ev/2",
            "name": "Défense",
            "timestart": start,
            "timeduration": 3600,
            "eventtype": "group",
            "groupkey": "ev/g",
        },
        {"key": "ev/3", "name": "Sans groupe", "timestart": start, "eventtype": "group"},
    ]
    first = by_key(
        site.ok("local_thesisdesk_sync_events", courseid=courseid, events=events)["events"]
    )
    assert [first[k]["status"] for k in ("ev/1", "ev/2", "ev/3")] == ["created", "created", "error"]
    again = site.ok("local_thesisdesk_sync_events", courseid=courseid, events=events[:2])
    assert {e["status"] for e in again["events"]} == {"unchanged"}
    moved = site.ok(
        "local_thesisdesk_sync_events",
        courseid=courseid,
        events=[events[0] | {"timestart": start + 7200}],
    )
    assert moved["events"][0]["status"] == "updated"
    now = state(site, courseid, "event")
    assert now["ev/1"]["timestart"] == start + 7200
    assert now["ev/2"]["eventtype"] == "group" and now["ev/2"]["groupid"] > 0
    gone = site.ok(
        "local_thesisdesk_sync_events", courseid=courseid, events=[events[0] | {"delete": 1}]
    )
    assert gone["events"][0]["status"] == "deleted"
    assert "ev/1" not in state(site, courseid, "event")


def test_subjects_replace_and_catalogue_page(site: Site, courseid: int) -> None:
    subjects = [
        {"key": "subj/1", "title": "Coloration de graphes", "supervisors": "A. Martin"},
        {"key": "subj/2", "title": "Compilateurs", "placesleft": 2, "keywords": "llvm, ssa"},
    ]
    first = site.ok("local_thesisdesk_sync_subjects", courseid=courseid, subjects=subjects)
    assert [s["status"] for s in first["subjects"]] == ["created", "created"]
    second = site.ok("local_thesisdesk_sync_subjects", courseid=courseid, subjects=subjects[:1])
    assert second["subjects"][0]["status"] == "unchanged" and second["removed"] == 1
    emptied = site.ok("local_thesisdesk_sync_subjects", courseid=courseid)
    assert emptied["removed"] == 1
    assert state(site, courseid, "subject") == {}


def test_publish_files_replace_keeps_the_activity(site: Site, courseid: int) -> None:
    draft = site.upload({"Guide du mémoire.pdf": b"%PDF-1.4 first"})
    item = {"key": "files/guide", "type": "resource", "name": "Guide", "draftitemid": draft}
    first = site.ok("local_thesisdesk_publish_files", courseid=courseid, items=[item])
    assert first["items"][0]["status"] == "created" and first["items"][0]["files"] == 1
    same = site.ok("local_thesisdesk_publish_files", courseid=courseid, items=[item])
    assert same["items"][0]["status"] == "unchanged"

    newdraft = site.upload({"Guide du mémoire.pdf": b"%PDF-1.4 second"})
    replaced = site.ok(
        "local_thesisdesk_publish_files",
        courseid=courseid,
        items=[item | {"draftitemid": newdraft}],
    )
    assert replaced["items"][0]["status"] == "updated"
    assert replaced["items"][0]["cmid"] == first["items"][0]["cmid"]

    contents = site.ok("core_course_get_contents", courseid=courseid)
    modules = [m for section in contents for m in section["modules"]]
    resource = next(m for m in modules if m["id"] == first["items"][0]["cmid"])
    url = resource["contents"][0]["fileurl"]
    download = site.http.get(url, params={"token": site.token})
    assert download.content == b"%PDF-1.4 second"

    folder = site.upload({"a.txt": b"A", "b.txt": b"B"})
    made = site.ok(
        "local_thesisdesk_publish_files",
        courseid=courseid,
        items=[{"key": "files/models", "type": "folder", "name": "Modèles", "draftitemid": folder}],
    )
    assert made["items"][0]["files"] == 2
    assert state(site, courseid, "folder")["files/models"]["files"] == 2
    empty = site.ok(
        "local_thesisdesk_publish_files",
        courseid=courseid,
        items=[{"key": "files/none", "type": "folder", "name": "Rien", "draftitemid": 123456789}],
    )
    assert empty["items"][0]["errorcode"] == "nofiles"


def test_visibility_delete_and_state_after_hand_changes(
    site: Site, courseid: int, people: dict[str, int]
) -> None:
    site.ok(
        "local_thesisdesk_sync_sections",
        courseid=courseid,
        sections=[{"key": "vis/sec", "name": "Visible"}],
    )
    site.ok(
        "local_thesisdesk_sync_groups",
        courseid=courseid,
        groups=[{"key": "vis/g", "name": "Hand", "members": [people["s1"]]}],
    )
    hidden = site.ok(
        "local_thesisdesk_set_visibility",
        courseid=courseid,
        items=[{"key": "vis/sec", "visible": 0}, {"key": "vis/unknown", "visible": 1}],
    )
    assert [i["status"] for i in hidden["items"]] == ["updated", "error"]
    now = state(site, courseid, "section", "group")
    assert now["vis/sec"]["visible"] is False

    # Changes made by hand in Moodle show in the state.
    site.ok(
        "core_update_inplace_editable",
        component="format_topics",
        itemtype="sectionname",
        itemid=now["vis/sec"]["id"],
        value="Renamed by hand",
    )
    site.call("core_group_delete_groups", groupids=[now["vis/g"]["id"]])
    now = state(site, courseid, "section", "group")
    assert now["vis/sec"]["name"] == "Renamed by hand"
    assert now["vis/g"]["exists"] is False

    deleted = site.ok("local_thesisdesk_delete_items", courseid=courseid, keys=["vis/sec", "vis/g"])
    assert [i["status"] for i in deleted["items"]] == ["deleted", "deleted"]
    again = site.ok("local_thesisdesk_delete_items", courseid=courseid, keys=["vis/sec"])
    assert again["items"][0]["errorcode"] == "unknownkey"


def login_token(site: Site, username: str, password: str, service: str) -> str:
    response = site.http.post(
        "/login/token.php", data={"username": username, "password": password, "service": service}
    )
    answer = response.json()
    assert "token" in answer, answer
    return str(answer["token"])


def test_user_roles_through_the_sign_in_service(
    site: Site, courseid: int, people: dict[str, int]
) -> None:
    password = os.environ.get("THESISDESK_PLUGIN_LIVE_STUDENT_PASSWORD", "Student#2026")
    username = os.environ.get("THESISDESK_PLUGIN_LIVE_STUDENTS", "s1,s2,s3").split(",")[0]
    student = Site(login_token(site, username, password, "thesisdesk_login"))
    own = student.ok("local_thesisdesk_get_user_roles", courseids=[courseid])
    assert own["userid"] == people["s1"]
    assert own["courses"][0]["roles"] == ["student"]
    assert own["courses"][0]["canmanage"] is False
    other = student.ok(
        "local_thesisdesk_get_user_roles", userid=people["teacher"], courseids=[courseid]
    )
    assert other["courses"] == [] and other["warnings"][0]["warningcode"] == "nopermissions"
    refused = student.call("local_thesisdesk_sync_subjects", courseid=courseid)
    assert refused["errorcode"] == "accessexception"
    manager = site.ok(
        "local_thesisdesk_get_user_roles", userid=people["teacher"], courseids=[courseid]
    )
    assert manager["courses"][0]["roles"] == ["editingteacher"]
    assert manager["courses"][0]["canmanage"] is True


def test_notify_once_per_key(site: Site, courseid: int, people: dict[str, int]) -> None:
    key = f"notify/{uuid.uuid4().hex}"
    item = {
        "key": key,
        "userid": people["s1"],
        "courseid": courseid,
        "subject": "Dépôt à remettre",
        "fullmessagehtml": "<p>Le dépôt est dû vendredi.</p>",
        "fullmessage": "Le dépôt est dû vendredi.",
    }
    first = site.ok("local_thesisdesk_notify", notifications=[item, item | {"userid": 999999}])
    assert first["notifications"][0]["status"] == "created"
    assert first["notifications"][1]["errorcode"] == "unknownuser"
    second = site.ok("local_thesisdesk_notify", notifications=[item])
    assert second["notifications"][0]["status"] == "unchanged"
    assert second["notifications"][0]["messageid"] == first["notifications"][0]["messageid"]


class Hooks(BaseHTTPRequestHandler):
    received: list[tuple[dict[str, str], bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        Hooks.received.append((dict(self.headers.items()), body))
        self.send_response(202)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        return


@pytest.fixture
def hook_listener() -> Iterator[list[tuple[dict[str, str], bytes]]]:
    port = int(os.environ.get("THESISDESK_PLUGIN_LIVE_HOOK_PORT", "8099"))
    server = HTTPServer(("127.0.0.1", port), Hooks)
    Hooks.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Hooks.received
    server.shutdown()
    server.server_close()


def deposit_as_second_student(site: Site, courseid: int, prefix: str, filename: str) -> int:
    """A managed assignment in its own section, and the second student's file submission
    to it (as in Moodle's app: their own token, upload, save). Returns the assignment id."""
    site.ok(
        "local_thesisdesk_sync_sections",
        courseid=courseid,
        sections=[{"key": f"{prefix}/sec", "name": "Dépôt"}],
    )
    made = site.ok(
        "local_thesisdesk_sync_assignments",
        courseid=courseid,
        assignments=[{"key": f"{prefix}/asg", "sectionkey": f"{prefix}/sec", "name": "Dépôt"}],
    )
    assignid = int(made["assignments"][0]["assignid"])
    password = os.environ.get("THESISDESK_PLUGIN_LIVE_STUDENT_PASSWORD", "Student#2026")
    username = os.environ.get("THESISDESK_PLUGIN_LIVE_STUDENTS", "s1,s2,s3").split(",")[1]
    student = Site(login_token(site, username, password, "moodle_mobile_app"))
    draft = student.upload({filename: b"%PDF-1.4 deposit"})
    student.ok(
        "mod_assign_save_submission", assignmentid=assignid, plugindata={"files_filemanager": draft}
    )
    return assignid


@pytest.mark.skipif(
    not os.environ.get("THESISDESK_PLUGIN_LIVE_DIRROOT"), reason="needs the site's code (local)"
)
def test_deposit_sends_a_signed_webhook(
    site: Site, courseid: int, people: dict[str, int], hook_listener: list[Any]
) -> None:
    dirroot = os.environ["THESISDESK_PLUGIN_LIVE_DIRROOT"]
    secret = os.environ.get("THESISDESK_PLUGIN_LIVE_HOOK_SECRET", "lab-webhook-secret")
    assignid = deposit_as_second_student(site, courseid, "hook", "memoire.pdf")
    subprocess.run(
        ["php", f"{dirroot}/admin/cli/adhoc_task.php", "--execute"],
        check=True,
        capture_output=True,
        timeout=300,
    )
    deposits = [json.loads(body) for _, body in hook_listener]
    mine = [d for d in deposits if d["key"] == "hook/asg"]
    assert mine, deposits
    headers, body = next((h, b) for h, b in hook_listener if json.loads(b)["key"] == "hook/asg")
    timestamp = headers["X-ThesisDesk-Timestamp"]
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    assert headers["X-ThesisDesk-Signature"] == f"sha256={expected.hexdigest()}"
    assert mine[0]["courseid"] == courseid
    assert mine[0]["userid"] == people["s2"]
    assert mine[0]["assignid"] == assignid
    assert mine[0]["event"] in {"submission_created", "submission_updated"}
    assert mine[0]["eventid"]


def test_deposit_is_delivered_at_once_without_cron(
    site: Site, courseid: int, people: dict[str, int], hook_listener: list[Any]
) -> None:
    """The plugin POSTs the notice right after the student's request (the queued task is
    only the fallback): ThesisDesk hears of the deposit within seconds, not at cron time."""
    started = time.monotonic()
    deposit_as_second_student(site, courseid, "now", "plan.pdf")
    while time.monotonic() - started < 10:
        if any(json.loads(body)["key"] == "now/asg" for _, body in hook_listener):
            break
        time.sleep(0.05)
    delivered = [json.loads(body) for _, body in hook_listener]
    assert any(d["key"] == "now/asg" for d in delivered), delivered
    print(f"notice received {time.monotonic() - started:.2f} s after the submission")
