"""Every recorded exchange with real Moodle 4.5 and 5.1 sites, replayed through the client.

Successes decode into the typed models (and the client re-encodes the recorded request
exactly); each error becomes the exception a caller would catch.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from thesisdesk.moodle import catalogue
from thesisdesk.moodle.client import (
    AccessDenied,
    FileNotFound,
    InvalidParameter,
    InvalidRecord,
    InvalidToken,
    MissingPermission,
    MoodleError,
    MoodleHTTPError,
    NotJSONResponse,
    SiteMaintenance,
    UploadRefused,
    WebServicesDisabled,
    errors,
)
from thesisdesk.moodle.client.methods import FUNCTIONS
from thesisdesk.moodle.client.tests.replay import (
    form_of,
    index,
    load,
    replay_client,
)

REST = "/webservice/rest/server.php"


def cases(endpoint: str, *, errors_only: bool | None = None) -> list[Any]:
    found = []
    for entry in index():
        if entry["endpoint"] != endpoint:
            continue
        failed = bool(entry["errorcode"]) or entry["status"] >= 400
        if errors_only is not None and failed != errors_only:
            continue
        found.append(pytest.param(entry, id=entry["file"]))
    return found


def unflatten(form: dict[str, str]) -> dict[str, Any]:
    """PHP-bracket form fields back into nested parameters (lists for numeric indexes)."""
    root: dict[str, Any] = {}
    for name, value in form.items():
        if name in ("wstoken", "wsfunction", "moodlewsrestformat"):
            continue
        parts = [name.split("[", 1)[0], *re.findall(r"\[([^\]]*)\]", name)]
        node: Any = root
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            key: Any = int(part) if isinstance(node, list) else part
            if following is None:
                if isinstance(node, list):
                    node.append(value)
                else:
                    node[key] = value
                break
            child: Any = [] if following.isdigit() else {}
            if isinstance(node, list):
                if key >= len(node):
                    node.append(child)
                node = node[key]
            else:
                node = node.setdefault(key, child)
    return root


REST_SUCCESSES = [
    p
    for p in cases(REST, errors_only=False)
    if p.values[0]["content_type"].startswith("application/json")
]


@pytest.mark.parametrize("entry", REST_SUCCESSES)
def test_recorded_success_decodes_and_request_is_reencoded_identically(entry):
    recorded = load(entry["file"])
    client, recorder = replay_client(recorded)
    request = recorded["request"]
    form = request.get("form") or request.get("query") or {}
    params = unflatten(form)
    name = entry["name"]
    if name in FUNCTIONS:
        result = getattr(client, name)(**params)
        description = catalogue.describe(name, entry["version"])
        if description["returns"] is None:
            assert result is None
        else:
            assert result is not None
    else:
        client.call(name, params)
    if "form" in request and "wstoken" in request["form"]:
        sent = form_of(recorder.requests[0])
        assert sent == {**request["form"], "wstoken": sent["wstoken"]}


EXPECTED_REST_ERRORS: dict[str, type[Exception]] = {
    "invalidtoken": InvalidToken,
    "accessexception": AccessDenied,
    "invalidparameter": InvalidParameter,
    "nopermission": MissingPermission,
    "nopermissions": MissingPermission,
    "invalidrecord": InvalidRecord,
    "invalidrecordunknown": InvalidRecord,
    "invalidcoursemodule": InvalidRecord,
    "sitemaintenance": SiteMaintenance,
}


@pytest.mark.parametrize("entry", cases(REST, errors_only=True))
def test_recorded_rest_error_raises_its_exception(entry):
    recorded = load(entry["file"])
    client, _ = replay_client(recorded)
    if entry["status"] == 403:
        expected: type[Exception] = WebServicesDisabled
    elif entry["status"] == 503:
        expected = SiteMaintenance
    else:
        expected = EXPECTED_REST_ERRORS.get(entry["errorcode"], MoodleError)
    with pytest.raises(expected) as caught:
        client.call(entry["name"])
    if entry["errorcode"]:
        assert caught.value.errorcode == entry["errorcode"]
    if entry["status"] == 503:
        assert caught.value.retry_after == 300
        assert caught.value.is_transient


@pytest.mark.parametrize(
    "entry",
    [
        p
        for p in cases(REST, errors_only=False)
        if not p.values[0]["content_type"].startswith("application/json")
    ],
)
def test_an_xml_or_html_answer_is_not_json_response(entry):
    client, _ = replay_client(load(entry["file"]))
    with pytest.raises(NotJSONResponse):
        client.call(entry["name"])


def test_both_missing_record_codes_are_one_exception():
    for version, code in (("4.5", "invalidrecord"), ("5.1", "invalidrecordunknown")):
        recorded = load(f"{version}/core_group_get_group_members__unknown_group.json")
        client, _ = replay_client(recorded)
        with pytest.raises(InvalidRecord) as caught:
            client.core_group_get_group_members(groupids=[999999])
        assert caught.value.errorcode == code


def test_gradepenalty_is_read_from_51_and_absent_from_45():
    for version, expected in (("4.5", None), ("5.1", 0)):
        client, _ = replay_client(load(f"{version}/mod_assign_get_assignments__success.json"))
        result = client.mod_assign_get_assignments(courseids=[2])
        assert result.courses[0].assignments[0].gradepenalty == expected


def test_ids_sent_as_strings_are_read_as_integers():
    client, _ = replay_client(load("4.5/webservice_upload__success.json"))
    uploaded = client.upload([("a.pdf", b"%PDF-1")])
    assert uploaded.files[0].userid == 2
    assert isinstance(uploaded.files[0].userid, int)


def test_warnings_are_kept_in_the_answer_and_logged(caplog):
    recorded = load("4.5/core_calendar_create_calendar_events__student_course_event.json")
    client, _ = replay_client(recorded)
    with caplog.at_level("WARNING", logger="thesisdesk.moodle.client"):
        result = client.core_calendar_create_calendar_events(
            events=[{"name": "x", "courseid": 2, "eventtype": "course"}]
        )
    assert result.events == []
    assert result.warnings[0].warningcode == "nopermissions"
    assert "nopermissions" in caplog.text


def test_course_state_string_is_decoded():
    client, _ = replay_client(load("5.1/core_courseformat_update_course__section_hide.json"))
    updates = client.core_courseformat_update_course(action="section_hide", courseid=2, ids=[9])
    assert updates[0].name == "section"
    assert updates[0].fields["visible"] is False


# -- login/token.php -------------------------------------------------------------------------


LOGIN_ERRORS = {
    "invalidlogin": errors.InvalidLogin,
    "servicenotavailable": errors.ServiceNotAvailable,
    "cannotcreatetoken": errors.CannotCreateToken,
    "enablewsdescription": errors.LoginWebServicesDisabled,
    "sitemaintenance": errors.LoginSiteMaintenance,
}


@pytest.mark.parametrize("entry", cases("/login/token.php"))
def test_recorded_login(entry):
    recorded = load(entry["file"])
    client, recorder = replay_client(recorded)
    form = recorded["request"].get("form", {})
    call = (form.get("username", "s1"), "pw-Secret1!", form.get("service", "x"))
    if entry["status"] == 503:
        with pytest.raises(SiteMaintenance):
            client.login_token(*call)
    elif entry["errorcode"]:
        with pytest.raises(LOGIN_ERRORS[entry["errorcode"]]) as caught:
            client.login_token(*call)
        assert isinstance(caught.value, errors.LoginError)
        assert "pw-Secret1!" not in str(caught.value)
    else:
        token = client.login_token(*call)
        assert token.token
        assert token.token not in repr(token)
    assert recorder.requests[0].method == "POST"
    assert "pw-Secret1!" not in str(recorder.requests[0].url)


def test_login_web_services_disabled_is_both_kinds():
    client, _ = replay_client(load("4.5/login_token__webservices_disabled.json"))
    with pytest.raises(WebServicesDisabled):
        client.login_token("s1", "x", "thesisdesk_login")


# -- webservice/upload.php -------------------------------------------------------------------


@pytest.mark.parametrize("entry", cases("/webservice/upload.php"))
def test_recorded_upload(entry):
    recorded = load(entry["file"])
    client, recorder = replay_client(recorded)
    files = [
        (f["filename"], b"x" * min(f["size"], 1000), f["content_type"])
        for f in recorded["request"].get("files", [])
    ]
    case = entry["case"]
    if case == "success":
        result = client.upload(files)
        assert result.itemid == recorded["response"][0]["itemid"]
        assert [f.filename for f in result.files] == [f[0] for f in files]
        sent = recorder.requests[0]
        assert b'name="file_1"; filename=' in sent.content
        assert b'name="token"' in sent.content
        assert "token" not in str(sent.url)
    elif case == "no_file":
        result = client.upload([])
        assert result.files == []
    elif case in ("same_name_again", "oversized_site_maxbytes"):
        with pytest.raises(UploadRefused) as caught:
            client.upload(files)
        assert caught.value.failures
    elif entry["status"] == 413:
        with pytest.raises(MoodleHTTPError) as caught:
            client.upload(files)
        assert caught.value.status == 413
    else:
        expected = {
            "invalidtoken": InvalidToken,
            "accessexception": AccessDenied,
        }.get(entry["errorcode"], MoodleError)
        with pytest.raises(expected) as caught:
            client.upload(files)
        assert caught.value.errorcode == entry["errorcode"]


# -- webservice/pluginfile.php ---------------------------------------------------------------


@pytest.mark.parametrize("entry", cases("/webservice/pluginfile.php"))
def test_recorded_download(entry):
    recorded = load(entry["file"])
    client, recorder = replay_client(recorded)
    path = recorded["request"]["path"]
    if entry["errorcode"]:
        expected = {
            "filenotfound": FileNotFound,
            "invalidtoken": InvalidToken,
            "accessexception": AccessDenied,
        }[entry["errorcode"]]
        with pytest.raises(expected), client.download(path):
            pass
    else:
        with client.download(path) as download:
            size = sum(len(chunk) for chunk in download)
        assert size == recorded.get("response_bytes", 0)
        if download.filename:
            assert download.filename.endswith(".pdf")
    sent = recorder.requests[0]
    assert "token" not in str(sent.url)
    assert sent.url.path == path
