"""The simulator's behaviour through real HTTP: what ThesisDesk's sync engine, sign-in and
deposit flows rely on (plugin semantics, hand edits, students, files, persistence)."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from thesisdesk.moodle.simulator import Simulator
from thesisdesk.moodle.simulator.protocol import decode_php_form, php_json


class Rest:
    def __init__(self, sim: Simulator, token: str) -> None:
        self.sim = sim
        self.token = token

    def __call__(
        self, function: str, fields: dict[str, Any] | list[tuple[str, str]] | None = None
    ) -> Any:
        data: list[tuple[str, str]] = [
            ("wstoken", self.token),
            ("wsfunction", function),
            ("moodlewsrestformat", "json"),
        ]
        data += list(fields.items()) if isinstance(fields, dict) else list(fields or [])
        response = httpx.post(
            f"{self.sim.url}/webservice/rest/server.php",
            content=urlencode([(k, str(v)) for k, v in data]),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def manager(moodle_sim: Simulator) -> Rest:
    return Rest(moodle_sim, moodle_sim.token("thesisdesk"))


def student_token(sim: Simulator, username: str = "s1") -> str:
    response = httpx.post(
        f"{sim.url}/login/token.php",
        data={"username": username, "password": "Student#2026", "service": "moodle_mobile_app"},
    )
    return str(response.json()["token"])


# ---------------------------------------------------------------------------- protocol
def test_php_json_matches_moodles_encoding() -> None:
    assert php_json({"name": "Thèse 🎓 a/b", "n": 1, "x": None}) == (
        '{"name":"Th\\u00e8se \\ud83c\\udf93 a\\/b","n":1,"x":null}'
    )
    assert php_json({"avscantime": 4.3e-05}) == '{"avscantime":4.3e-5}'


def test_php_form_decoding_drops_fields_beyond_max_input_vars() -> None:
    pairs = [("wstoken", "t"), ("ids[0]", "1"), ("ids[1]", "2"), ("ids[2]", "3")]
    assert decode_php_form(pairs, max_input_vars=3) == {"wstoken": "t", "ids": {"0": "1", "1": "2"}}


def test_bad_integers_and_booleans_are_rejected_like_moodle(manager: Rest) -> None:
    for value in ("007", "+1", "1.0", ""):
        answer = manager("core_course_get_contents", {"courseid": value})
        assert answer["errorcode"] == "invalidparameter", value
    answer = manager(
        "mod_assign_get_assignments", {"courseids[0]": "2", "includenotenrolledcourses": "true"}
    )
    assert answer["errorcode"] == "invalidparameter"
    assert (
        manager("core_course_get_contents", {"courseid": "-0"})["errorcode"] == "invalidparameter"
    )


def test_batches_beyond_max_input_vars_lose_their_tail(
    moodle_sim: Simulator, manager: Rest
) -> None:
    moodle_sim.site.set_max_input_vars(3 + 2 * 3)
    fields = []
    for index in range(5):
        fields += [
            (f"members[{index}][groupid]", "1"),
            (f"members[{index}][userid]", str(6 + index)),
        ]
    manager(
        "core_group_create_groups",
        {"groups[0][courseid]": 2, "groups[0][name]": "G", "groups[0][description]": ""},
    )
    assert manager("core_group_add_group_members", fields) is None
    assert manager("core_group_get_group_members", {"groupids[0]": 1}) == [
        {"groupid": 1, "userids": [6, 7, 8]}
    ]


def test_web_services_off_and_maintenance(moodle_sim: Simulator, manager: Rest) -> None:
    moodle_sim.site.set_webservices(False)
    response = httpx.post(
        f"{moodle_sim.url}/webservice/rest/server.php", data={"wstoken": manager.token}
    )
    assert (response.status_code, response.text) == (403, "")
    moodle_sim.site.set_webservices(True)
    moodle_sim.site.set_maintenance(True)
    assert manager("core_webservice_get_site_info")["errorcode"] == "sitemaintenance"
    moodle_sim.site.set_maintenance(False)
    moodle_sim.site.set_maintenance(True, cli=True)
    response = httpx.post(
        f"{moodle_sim.url}/webservice/rest/server.php", data={"wstoken": manager.token}
    )
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "300"


def test_function_removed_from_the_service_is_an_access_exception(
    moodle_sim: Simulator, manager: Rest
) -> None:
    moodle_sim.site.remove_function_from_service("local_thesisdesk_get_state")
    assert manager("local_thesisdesk_get_state", {"courseid": 2})["errorcode"] == "accessexception"


# ------------------------------------------------------------------ students and capabilities
def test_a_students_token_cannot_do_a_managers_work(moodle_sim: Simulator) -> None:
    student = Rest(moodle_sim, student_token(moodle_sim))
    assert student("core_group_get_course_groups", {"courseid": 2})["errorcode"] == "nopermissions"
    assert student("core_course_create_courses", {})["errorcode"] == "accessexception"
    moodle_sim.site.add_service(
        "wide", functions=["local_thesisdesk_sync_sections"], restrictedusers=0
    )
    wide = Rest(moodle_sim, moodle_sim.token("s1", "wide"))
    answer = wide(
        "local_thesisdesk_sync_sections",
        {"courseid": 2, "sections[0][key]": "k", "sections[0][name]": "x"},
    )
    assert answer["errorcode"] == "nopermissions"


def test_sign_in_errors(moodle_sim: Simulator) -> None:
    def login(username: str, password: str, service: str) -> dict[str, Any]:
        data = {"username": username, "password": password, "service": service}
        return httpx.post(f"{moodle_sim.url}/login/token.php", data=data).json()  # type: ignore[no-any-return]

    assert login("s1", "nope", "thesisdesk_login")["errorcode"] == "invalidlogin"
    assert login("s1", "Student#2026", "nope")["errorcode"] == "servicenotavailable"
    assert login("s1", "Student#2026", "thesisdesk")["errorcode"] == "usernotallowed"
    token = login("s1", "Student#2026", "thesisdesk_login")["token"]
    roles = Rest(moodle_sim, token)("local_thesisdesk_get_user_roles", {"courseids[0]": 2})
    assert roles["courses"][0]["roles"] == ["student"]
    assert roles["courses"][0]["canmanage"] is False


def test_student_deposit_through_the_protocol_calls_the_webhook(
    moodle_sim: Simulator, manager: Rest
) -> None:
    received: list[tuple[dict[str, str], bytes]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return

    hook = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=hook.serve_forever, daemon=True).start()
    try:
        moodle_sim.site.set_webhook(
            f"http://127.0.0.1:{hook.server_address[1]}/hooks/moodle/", "s3cret"
        )
        manager(
            "local_thesisdesk_sync_sections",
            {"courseid": 2, "sections[0][key]": "t1/section", "sections[0][name]": "T1"},
        )
        created = manager(
            "local_thesisdesk_sync_assignments",
            {
                "courseid": 2,
                "assignments[0][key]": "t1/deposit",
                "assignments[0][sectionkey]": "t1/section",
                "assignments[0][name]": "Dépôt final",
                "assignments[0][duedate]": 1900000000,
            },
        )
        assignid = created["assignments"][0]["assignid"]
        token = student_token(moodle_sim)
        upload = httpx.post(
            f"{moodle_sim.url}/webservice/upload.php",
            data={"token": token, "filearea": "draft", "itemid": "0"},
            files={"file_1": ("mémoire.pdf", b"%PDF-1.4 final", "application/pdf")},
        ).json()
        answer = httpx.post(
            f"{moodle_sim.url}/simulator/api/submit",
            data={
                "token": token,
                "assignid": str(assignid),
                "draftitemid": str(upload[0]["itemid"]),
            },
        ).json()
        assert answer["status"] == "submitted"
        moodle_sim.site.wait_for_webhooks()
    finally:
        hook.shutdown()
    submissions = manager("mod_assign_get_submissions", {"assignmentids[0]": assignid})
    files = submissions["assignments"][0]["submissions"][0]["plugins"][0]["fileareas"][0]["files"]
    assert [f["filename"] for f in files] == ["mémoire.pdf"]
    download = httpx.get(files[0]["fileurl"], params={"token": manager.token})
    assert download.content == b"%PDF-1.4 final"
    events = [json.loads(body) for _, body in received]
    assert [e["event"] for e in events] == ["submission_created", "submission_submitted"]
    assert events[0]["key"] == "t1/deposit" and events[0]["userid"] == 6
    headers, body = received[0]
    timestamp = headers["x-thesisdesk-timestamp"]
    expected = hmac.new(b"s3cret", timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    assert headers["x-thesisdesk-signature"] == f"sha256={expected}"


def test_pluginfile_range_and_errors(moodle_sim: Simulator, manager: Rest) -> None:
    path = "/webservice/pluginfile.php/25/mod_assign/introattachment/0/Guide_du_memoire.pdf"
    url = moodle_sim.url + path
    whole = httpx.get(url, params={"token": manager.token})
    assert whole.status_code == 200 and len(whole.content) == 40
    part = httpx.get(url, params={"token": manager.token}, headers={"Range": "bytes=0-9"})
    assert part.status_code == 206 and part.content == whole.content[:10]
    assert part.headers["Content-Range"] == "bytes 0-9/40"
    missing = httpx.get(url.replace("/0/", "/"), params={"token": manager.token})
    assert missing.status_code == 404 and missing.json()["errorcode"] == "filenotfound"
    bad = httpx.get(url, params={"token": "0" * 32})
    assert bad.status_code == 200 and bad.json()["errorcode"] == "invalidtoken"


def test_text_files_are_sent_whole_and_bad_ranges_are_ignored(
    moodle_sim: Simulator, manager: Rest
) -> None:
    # As on a real 4.5 / 5.1 site: no byte ranges for text/plain, no 416 for a bad range.
    for index, (name, mimetype) in enumerate(
        (("notes.txt", "text/plain"), ("notes.pdf", "application/pdf"))
    ):
        upload = httpx.post(
            f"{moodle_sim.url}/webservice/upload.php",
            data={"token": manager.token, "filearea": "draft", "itemid": "0"},
            files={"file_1": (name, b"0123456789abcdef", mimetype)},
        ).json()
        answer = manager(
            "local_thesisdesk_publish_files",
            {
                "courseid": 2,
                "items[0][key]": f"range-{index}",
                "items[0][type]": "resource",
                "items[0][name]": name,
                "items[0][draftitemid]": upload[0]["itemid"],
            },
        )
        assert answer["items"][0]["status"] == "created", answer
    urls = {}
    for section in manager("core_course_get_contents", {"courseid": 2}):
        for module in section["modules"]:
            for content in module.get("contents", []):
                # Contents name pluginfile.php; tokens download from webservice/pluginfile.php.
                urls[content["filename"]] = content["fileurl"].replace(
                    "/pluginfile.php/", "/webservice/pluginfile.php/"
                )
    text = httpx.get(
        urls["notes.txt"], params={"token": manager.token}, headers={"Range": "bytes=2-5"}
    )
    assert text.status_code == 200 and text.content == b"0123456789abcdef"
    assert text.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert text.headers["Accept-Ranges"] == "none"
    pdf = urls["notes.pdf"]
    part = httpx.get(pdf, params={"token": manager.token}, headers={"Range": "bytes=2-5"})
    assert part.status_code == 206 and part.content == b"2345"
    for bad in ("bytes=100-", "bytes=5-2"):
        whole = httpx.get(pdf, params={"token": manager.token}, headers={"Range": bad})
        assert whole.status_code == 200 and whole.content == b"0123456789abcdef"


@pytest.mark.parametrize("version", ["4.5", "5.1"])
def test_groups_of_an_unknown_course_is_a_course_context_error(version: str) -> None:
    sim = Simulator.start(version=version)
    try:
        rest = Rest(sim, sim.token("thesisdesk"))
        answer = rest("core_group_get_course_groups", {"courseid": 999999})
        assert answer["errorcode"] == "errorcoursecontextnotvalid"
        assert "course id:999999" in answer["message"]
        # As in Moodle's source and on the real labs: an unknown assignment is left out
        # without a warning, and a profile asked in a missing course is invalidparameter.
        submissions = rest("mod_assign_get_submissions", {"assignmentids[0]": 999999})
        assert submissions == {"assignments": [], "warnings": []}
        profiles = rest(
            "core_user_get_course_user_profiles",
            {"userlist[0][userid]": 6, "userlist[0][courseid]": 999999},
        )
        assert profiles["errorcode"] == "invalidparameter"
    finally:
        sim.stop()


def test_a_batch_of_messages_mixing_a_missing_recipient_fails_whole(manager: Rest) -> None:
    alone = manager(
        "core_message_send_instant_messages",
        {"messages[0][touserid]": 987654, "messages[0][text]": "x", "messages[0][textformat]": 1},
    )
    assert alone[0]["msgid"] == -1 and "987654" in alone[0]["errormessage"]
    mixed = manager(
        "core_message_send_instant_messages",
        {
            "messages[0][touserid]": 6,
            "messages[0][text]": "first",
            "messages[0][textformat]": 1,
            "messages[1][touserid]": 987654,
            "messages[1][text]": "second",
            "messages[1][textformat]": 1,
        },
    )
    assert mixed["errorcode"] == "formatnotsupported"
    # The valid message was posted all the same (as on real Moodle): the next one joins
    # the same conversation.
    sent = manager(
        "core_message_send_instant_messages",
        {"messages[0][touserid]": 6, "messages[0][text]": "third", "messages[0][textformat]": 1},
    )
    assert sent[0]["msgid"] > 0


# ------------------------------------------------------------------ the plugin's functions
def test_sync_is_idempotent_and_reports_each_item(manager: Rest) -> None:
    fields = {
        "courseid": 2,
        "sections[0][key]": "t1",
        "sections[0][name]": "Thèse 1",
        "sections[0][fingerprint]": "f1",
        "sections[1][key]": "t2",
        "sections[1][name]": "Thèse 2",
        "sections[1][groupkey]": "no-such-group",
    }
    first = manager("local_thesisdesk_sync_sections", fields)["sections"]
    assert [item["status"] for item in first] == ["created", "error"]
    assert first[1]["errorcode"] == "unknowngroupkey"
    again = manager("local_thesisdesk_sync_sections", fields)["sections"]
    assert again[0]["status"] == "unchanged"
    assert again[0]["sectionid"] == first[0]["sectionid"]
    fields["sections[0][fingerprint]"] = "f2"
    assert manager("local_thesisdesk_sync_sections", fields)["sections"][0]["status"] == "updated"
    state = manager("local_thesisdesk_get_state", {"courseid": 2})["items"]
    assert [(i["key"], i["fingerprint"], i["name"]) for i in state] == [("t1", "f2", "Thèse 1")]


def test_get_state_shows_hand_edits(moodle_sim: Simulator, manager: Rest) -> None:
    manager(
        "local_thesisdesk_sync_sections",
        {
            "courseid": 2,
            "sections[0][key]": "a",
            "sections[0][name]": "A",
            "sections[1][key]": "b",
            "sections[1][name]": "B",
        },
    )
    manager(
        "local_thesisdesk_sync_groups",
        {"courseid": 2, "groups[0][key]": "g", "groups[0][name]": "G", "groups[0][members][0]": 6},
    )
    state = {i["key"]: i for i in manager("local_thesisdesk_get_state", {"courseid": 2})["items"]}
    moodle_sim.site.rename_section(state["a"]["id"], "Renamed by hand")
    moodle_sim.site.hide_section(state["a"]["id"])
    moodle_sim.site.delete_section(state["b"]["id"])
    moodle_sim.site.delete_group(state["g"]["id"])
    after = {i["key"]: i for i in manager("local_thesisdesk_get_state", {"courseid": 2})["items"]}
    assert (after["a"]["name"], after["a"]["visible"], after["a"]["exists"]) == (
        "Renamed by hand",
        False,
        True,
    )
    assert after["b"]["exists"] is False
    assert after["g"]["exists"] is False
    repaired = manager(
        "local_thesisdesk_sync_sections",
        {"courseid": 2, "sections[0][key]": "b", "sections[0][name]": "B"},
    )
    assert repaired["sections"][0]["status"] == "created"


def test_hiding_a_section_hides_its_activities_and_members_are_replaced(manager: Rest) -> None:
    manager(
        "local_thesisdesk_sync_sections",
        {"courseid": 2, "sections[0][key]": "s", "sections[0][name]": "S"},
    )
    manager(
        "local_thesisdesk_sync_assignments",
        {
            "courseid": 2,
            "assignments[0][key]": "d",
            "assignments[0][sectionkey]": "s",
            "assignments[0][name]": "D",
        },
    )
    manager(
        "local_thesisdesk_set_visibility",
        {"courseid": 2, "items[0][key]": "s", "items[0][visible]": 0},
    )
    state = {i["key"]: i for i in manager("local_thesisdesk_get_state", {"courseid": 2})["items"]}
    assert state["s"]["visible"] is False and state["d"]["visible"] is False
    manager(
        "local_thesisdesk_sync_groups",
        {
            "courseid": 2,
            "groups[0][key]": "g",
            "groups[0][name]": "G",
            "groups[0][members][0]": 6,
            "groups[0][members][1]": 7,
        },
    )
    replaced = manager(
        "local_thesisdesk_sync_groups",
        {"courseid": 2, "groups[0][key]": "g", "groups[0][name]": "G", "groups[0][members][0]": 8},
    )["groups"][0]
    assert (replaced["status"], replaced["added"], replaced["removed"]) == ("updated", 1, 2)
    deleted = manager(
        "local_thesisdesk_delete_items", {"courseid": 2, "keys[0]": "d", "keys[1]": "zzz"}
    )["items"]
    assert [i["status"] for i in deleted] == ["deleted", "error"]


def test_subjects_replace_and_notifications_are_sent_once(manager: Rest) -> None:
    manager(
        "local_thesisdesk_sync_subjects",
        {
            "courseid": 2,
            "subjects[0][key]": "x",
            "subjects[0][title]": "X",
            "subjects[1][key]": "y",
            "subjects[1][title]": "Y",
        },
    )
    answer = manager(
        "local_thesisdesk_sync_subjects",
        {"courseid": 2, "subjects[0][key]": "y", "subjects[0][title]": "Y"},
    )
    assert answer["removed"] == 1 and answer["subjects"][0]["status"] == "unchanged"
    notification = {
        "notifications[0][key]": "n1",
        "notifications[0][userid]": 6,
        "notifications[0][subject]": "Rappel",
        "notifications[0][fullmessagehtml]": "<p>x</p>",
        "notifications[0][fullmessage]": "x",
    }
    assert (
        manager("local_thesisdesk_notify", notification)["notifications"][0]["status"] == "created"
    )
    assert (
        manager("local_thesisdesk_notify", notification)["notifications"][0]["status"]
        == "unchanged"
    )


def test_course_format_state_names_new_sections_and_limits_4_5(
    moodle_sim: Simulator, manager: Rest
) -> None:
    answer = json.loads(
        manager("core_courseformat_update_course", {"action": "section_add", "courseid": 2})
    )
    course = answer[0]["fields"]
    new_section = [
        u
        for u in answer
        if u["name"] == "section" and u["fields"]["id"] == course["sectionlist"][-1]
    ]
    assert new_section[0]["fields"]["title"] == "New section"
    moodle_sim.site.config["maxsections"] = 5
    refused = manager("core_courseformat_update_course", {"action": "section_add", "courseid": 2})
    assert refused["errorcode"] == "maxsectionslimit"


# ---------------------------------------------------------------------------- state file
def test_state_survives_a_restart_with_a_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "sim.sqlite3"
    sim = Simulator.start(db_path=db)
    try:
        rest = Rest(sim, sim.token("thesisdesk"))
        rest(
            "local_thesisdesk_sync_groups",
            {"courseid": 2, "groups[0][key]": "g", "groups[0][name]": "Persisted"},
        )
        token = sim.token("thesisdesk")
    finally:
        sim.stop()
    again = Simulator.start(db_path=db)
    try:
        assert again.token("thesisdesk") == token
        state = Rest(again, token)("local_thesisdesk_get_state", {"courseid": 2})
        assert [i["name"] for i in state["items"]] == ["Persisted"]
    finally:
        again.stop()


def test_moodle_5_1_differences(tmp_path: Path) -> None:
    sim = Simulator.start(version="5.1")
    try:
        rest = Rest(sim, sim.token("thesisdesk"))
        assert (
            rest("core_course_get_contents", {"courseid": 99})["errorcode"]
            == "invalidrecordunknown"
        )
        assignments = rest(
            "mod_assign_get_assignments", {"courseids[0]": 2, "includenotenrolledcourses": 1}
        )
        assert assignments["courses"][0]["assignments"][0]["gradepenalty"] == 0
    finally:
        sim.stop()


def test_a_demo_user_deposits_a_file_from_the_simulator_page(moodle_sim: Simulator) -> None:
    page = httpx.get(f"{moodle_sim.url}/simulator/")
    assert "Simulated Moodle" in page.text and "Sign in" in page.text
    assert "Dépôt du mémoire" not in page.text  # nothing is listed before signing in
    refused = httpx.post(
        f"{moodle_sim.url}/simulator/login", data={"username": "s2", "password": "wrong"}
    )
    assert "Invalid login" in refused.text
    with httpx.Client(base_url=moodle_sim.url, follow_redirects=True) as browser:
        mine = browser.post("/simulator/login", data={"username": "s2", "password": "Student#2026"})
        assert "Dépôt du mémoire" in mine.text and "No submission" in mine.text
        accepted = browser.post(
            "/simulator/deposit",
            data={"assignid": "1"},
            files={"file": ("m.pdf", b"%PDF", "application/pdf")},
        )
        assert "submitted for grading" in accepted.text
        assert "Submitted for grading" in accepted.text and "m.pdf" in accepted.text
        browser.post("/simulator/logout")
        assert "Sign in" in browser.get("/simulator/").text
    statuses = {
        s["userid"]: s["status"]
        for s in moodle_sim.site.data["submissions"].values()
        if s["assignment"] == 1
    }
    assert statuses[7] == "submitted"
    # Scripts may still send the username and password with the deposit itself.
    scripted = httpx.post(
        f"{moodle_sim.url}/simulator/deposit",
        data={"username": "s1", "password": "Student#2026", "assignid": "1"},
        files={"file": ("n.pdf", b"%PDF", "application/pdf")},
    )
    assert "submitted for grading" in scripted.text


def test_the_student_page_lists_and_accepts_only_the_students_own_assignments(
    moodle_sim: Simulator, manager: Rest
) -> None:
    """As in Moodle, a thesis section restricted to a group is invisible to other students,
    and so is a hidden section: the page neither lists their assignments nor accepts files
    for them."""
    manager(
        "local_thesisdesk_sync_groups",
        {"courseid": 2, "groups[0][key]": "g", "groups[0][name]": "G", "groups[0][members][0]": 6},
    )
    manager(
        "local_thesisdesk_sync_sections",
        {
            "courseid": 2,
            "sections[0][key]": "mine",
            "sections[0][name]": "Thesis of s1",
            "sections[0][groupkey]": "g",
            "sections[1][key]": "hidden",
            "sections[1][name]": "Hidden thesis",
        },
    )
    created = manager(
        "local_thesisdesk_sync_assignments",
        {
            "courseid": 2,
            "assignments[0][key]": "mine/plan",
            "assignments[0][sectionkey]": "mine",
            "assignments[0][name]": "Plan",
            "assignments[1][key]": "hidden/plan",
            "assignments[1][sectionkey]": "hidden",
            "assignments[1][name]": "Plan caché",
        },
    )
    mine, hidden = (a["assignid"] for a in created["assignments"])
    manager(
        "local_thesisdesk_set_visibility",
        {"courseid": 2, "items[0][key]": "hidden", "items[0][visible]": 0},
    )

    def listed(username: str) -> set[str]:
        with httpx.Client(base_url=moodle_sim.url, follow_redirects=True) as browser:
            page = browser.post(
                "/simulator/login", data={"username": username, "password": "Student#2026"}
            )
        return set(re.findall(r"data-assignid='(\d+)'", page.text))

    assert str(mine) in listed("s1")
    assert str(mine) not in listed("s2") and str(hidden) not in listed("s1")
    for userid, assignid in ((7, mine), (6, hidden)):
        username = {6: "s1", 7: "s2"}[userid]
        refused = httpx.post(
            f"{moodle_sim.url}/simulator/deposit",
            data={"username": username, "password": "Student#2026", "assignid": str(assignid)},
            files={"file": ("x.pdf", b"%PDF", "application/pdf")},
        )
        assert "you cannot submit to this assignment" in refused.text
    assert not [
        s for s in moodle_sim.site.data["submissions"].values() if s["assignment"] in (mine, hidden)
    ]

    # The web service says the same as the page (Moodle's require_login() on the activity).
    def through_the_api(username: str) -> set[int]:
        answer = Rest(moodle_sim, student_token(moodle_sim, username))(
            "mod_assign_get_assignments", {"courseids[0]": 2}
        )
        return {a["id"] for course in answer["courses"] for a in course["assignments"]}

    assert mine in through_the_api("s1") and hidden not in through_the_api("s1")
    assert mine not in through_the_api("s2")


def test_a_section_restricted_to_a_group_is_invisible_to_other_students(
    moodle_sim: Simulator, manager: Rest
) -> None:
    manager(
        "local_thesisdesk_sync_groups",
        {"courseid": 2, "groups[0][key]": "g", "groups[0][name]": "G", "groups[0][members][0]": 6},
    )
    manager(
        "local_thesisdesk_sync_sections",
        {
            "courseid": 2,
            "sections[0][key]": "s",
            "sections[0][name]": "Private",
            "sections[0][groupkey]": "g",
        },
    )
    member = Rest(moodle_sim, student_token(moodle_sim, "s1"))
    outsider = Rest(moodle_sim, student_token(moodle_sim, "s2"))
    assert "Private" in [s["name"] for s in member("core_course_get_contents", {"courseid": 2})]
    assert "Private" not in [
        s["name"] for s in outsider("core_course_get_contents", {"courseid": 2})
    ]


def test_site_info_lists_the_services_functions_with_their_component_versions(
    manager: Rest,
) -> None:
    info = manager("core_webservice_get_site_info")
    versions = {f["name"]: f["version"] for f in info["functions"]}
    assert versions["local_thesisdesk_get_state"] == "2026112600"
    assert versions["core_course_get_contents"] == info["version"] == "2024100705.01"
    assert (info["uploadfiles"], info["downloadfiles"], info["userissiteadmin"]) == (1, 1, False)


def test_a_teacher_edits_the_course_by_hand_on_the_teacher_page(moodle_sim: Simulator) -> None:
    site = moodle_sim.site
    section = next(s for s in site.course_sections(2) if s["section"] == 1)
    cmid = next(iter(section["sequence"]))
    with httpx.Client(base_url=moodle_sim.url, follow_redirects=True) as student:
        student.post(
            "/simulator/login",
            data={"username": "s2", "password": "Student#2026", "next": "/simulator/teacher"},
        )
        assert "You cannot edit any course" in student.get("/simulator/teacher").text
        refused = student.post(
            "/simulator/teacher/section", data={"sectionid": section["id"], "action": "hide"}
        )
        assert "You cannot edit this section" in refused.text
    assert site.data["sections"][section["id"]]["visible"]
    with httpx.Client(base_url=moodle_sim.url, follow_redirects=True) as teacher:
        page = teacher.post(
            "/simulator/login",
            data={"username": "t1", "password": "Teacher#2026", "next": "/simulator/teacher"},
        )
        assert "My courses" in page.text and f"data-sectionid='{section['id']}'" in page.text
        hidden = teacher.post(
            "/simulator/teacher/section", data={"sectionid": section["id"], "action": "hide"}
        )
        assert "hidden." in hidden.text
        assert not site.data["sections"][section["id"]]["visible"]
        teacher.post(
            "/simulator/teacher/section",
            data={"sectionid": section["id"], "action": "rename", "name": "Renommée à la main"},
        )
        assert site.data["sections"][section["id"]]["name"] == "Renommée à la main"
        deleted = teacher.post("/simulator/teacher/activity", data={"cmid": cmid})
        assert "deleted." in deleted.text and cmid not in site.data["cms"]
