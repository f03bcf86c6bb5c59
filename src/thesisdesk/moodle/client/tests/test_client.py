"""The client's own rules: encoding, batch splitting, retries, secrecy, catalogue conformance."""

from __future__ import annotations

import inspect
import json
import logging
from datetime import UTC, date, datetime

import httpx
import pytest

from thesisdesk.moodle import catalogue
from thesisdesk.moodle.client import (
    FunctionNotInService,
    MoodleConnectionError,
    MoodleError,
    MoodleHTTPError,
    MoodleTimeout,
    NotJSONResponse,
    ParameterError,
    RetryPolicy,
    UnexpectedAnswer,
    codegen,
    encoding,
)
from thesisdesk.moodle.client.methods import FUNCTIONS
from thesisdesk.moodle.client.models import SyncGroupsParamGroup
from thesisdesk.moodle.client.tests.replay import TOKEN, Recorder, form_of


def ok(body: object) -> httpx.Response:
    return httpx.Response(200, json=body)


# -- encoding --------------------------------------------------------------------------------


def test_nested_values_become_php_brackets_with_01_booleans_and_timestamps():
    when = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
    fields = encoding.flatten(
        {
            "courseid": 2,
            "sections": [
                {"key": "s1", "name": "Été 🎓 <b>", "visible": False, "timestart": when},
                {"key": "s2", "name": "x", "visible": True, "summary": None, "kinds": []},
            ],
            "options": None,
        }
    )
    assert fields == [
        ("courseid", "2"),
        ("sections[0][key]", "s1"),
        ("sections[0][name]", "Été 🎓 <b>"),
        ("sections[0][visible]", "0"),
        ("sections[0][timestart]", str(int(when.timestamp()))),
        ("sections[1][key]", "s2"),
        ("sections[1][name]", "x"),
        ("sections[1][visible]", "1"),
    ]


def test_models_are_sent_without_their_unset_fields():
    group = SyncGroupsParamGroup(key="g1", name="Binôme", members=[6, 7])
    assert encoding.flatten({"groups": [group]}) == [
        ("groups[0][key]", "g1"),
        ("groups[0][name]", "Binôme"),
        ("groups[0][members][0]", "6"),
        ("groups[0][members][1]", "7"),
    ]


def test_a_naive_datetime_is_refused_and_a_date_is_utc_midnight():
    with pytest.raises(ValueError, match="time zone"):
        encoding.encode_value(datetime(2026, 6, 1))
    assert encoding.encode_value(date(1970, 1, 2)) == "86400"


def test_big_batches_are_split_below_max_input_vars_and_answers_merged():
    groups = [{"key": f"g{i}", "name": f"G{i}", "members": [6, 7, 8]} for i in range(300)]

    def answer(request: httpx.Request) -> httpx.Response:
        form = form_of(request)
        assert len(form) <= 1000
        keys = [v for k, v in form.items() if k.endswith("[key]")]
        return ok({"groups": [{"key": k, "status": "created", "groupid": 1} for k in keys]})

    recorder = Recorder(answer)
    result = recorder.client(max_input_vars=1000).local_thesisdesk_sync_groups(
        courseid=2, groups=groups
    )
    assert len(recorder.requests) == 2
    assert [g.key for g in result.groups] == [f"g{i}" for i in range(300)]
    assert all(form_of(r)["courseid"] == "2" for r in recorder.requests)


def test_parallel_lists_are_split_together():
    calls = encoding.split_batches(
        {"assignmentid": 1, "userids": list(range(10)), "dates": list(range(100, 110))},
        max_fields=10,
    )
    assert len(calls) > 1
    for call in calls:
        assert len(call["userids"]) == len(call["dates"])
        assert call["dates"][0] - call["userids"][0] == 100


# -- parameters are checked against the catalogue before sending ------------------------------


@pytest.mark.parametrize(
    ("params", "problem"),
    [
        ({"courseid": 2, "groups": [{"key": "g", "name": "n", "bogus": 1}]}, "groups[0].bogus"),
        ({"courseid": 2, "groups": [{"key": "g"}]}, "groups[0].name: required"),
        ({"courseid": "007", "groups": [{"key": "g", "name": "n"}]}, "courseid"),
        ({"courseid": 2, "groups": []}, "groups: required"),
        ({"courseid": 2, "groups": [{"key": "g", "name": "n", "members": "6"}]}, "members"),
    ],
)
def test_parameters_moodle_would_refuse_are_named_before_sending(params, problem):
    recorder = Recorder(ok({}))
    with pytest.raises(ParameterError) as caught:
        recorder.client().local_thesisdesk_sync_groups(**params)
    assert problem in str(caught.value)
    assert recorder.requests == []


def test_boolean_text_is_refused():
    recorder = Recorder(ok({}))
    with pytest.raises(ParameterError, match="boolean"):
        recorder.client().mod_assign_get_assignments(includenotenrolledcourses="true")  # type: ignore[arg-type]


# -- answers ---------------------------------------------------------------------------------


def test_a_php_notice_before_the_json_is_a_distinct_error():
    body = '<br />\n<b>Notice</b>: Undefined index in /var/www/x.php<br />\n{"sitename":"x"}'
    recorder = Recorder(httpx.Response(200, text=body))
    with pytest.raises(NotJSONResponse) as caught:
        recorder.client().core_webservice_get_site_info()
    assert "Notice" in str(caught.value)


def test_an_answer_of_the_wrong_shape_is_unexpected_answer():
    recorder = Recorder(ok({"groups": "nope"}))
    with pytest.raises(UnexpectedAnswer, match="groups"):
        recorder.client().local_thesisdesk_sync_groups(
            courseid=2, groups=[{"key": "g", "name": "n"}]
        )


def test_access_exception_for_a_function_missing_from_the_service_says_so():
    denied = ok({"exception": "x", "errorcode": "accessexception", "message": "Access control"})
    info = ok({"functions": [{"name": "core_webservice_get_site_info", "version": "1"}]})
    recorder = Recorder(denied, info)
    with pytest.raises(FunctionNotInService, match="not in the token's web service"):
        recorder.client().core_group_get_course_groups(courseid=2)


# -- retries ---------------------------------------------------------------------------------


def failing(*errors: Exception | httpx.Response, then: httpx.Response) -> Recorder:
    def raise_(error: Exception):
        def answer(request: httpx.Request) -> httpx.Response:
            raise error

        return answer

    answers = [raise_(e) if isinstance(e, Exception) else e for e in errors]
    return Recorder(*answers, then)


def test_reads_are_retried_on_timeouts_and_5xx_with_capped_backoff():
    sleeps: list[float] = []
    recorder = failing(
        httpx.ReadTimeout("slow"),
        httpx.Response(502, text="Bad gateway"),
        then=ok({"sitename": "M", "userid": 2}),
    )
    client = recorder.client(
        retry=RetryPolicy(attempts=4, base_delay=1, max_delay=1.5, jitter=False),
        sleep=sleeps.append,
    )
    assert client.call("core_webservice_get_site_info")["sitename"] == "M"
    assert len(recorder.requests) == 3
    assert sleeps == [1, 1.5]


def test_non_idempotent_writes_are_not_retried_after_reaching_moodle():
    recorder = failing(httpx.Response(502, text="Bad gateway"), then=ok([]))
    client = recorder.client(retry=RetryPolicy(attempts=4), sleep=lambda s: None)
    with pytest.raises(MoodleHTTPError) as caught:
        client.core_group_create_groups(groups=[{"courseid": 2, "name": "g", "description": ""}])
    assert caught.value.is_transient
    assert len(recorder.requests) == 1


def test_plugin_writes_are_retried_since_they_are_idempotent_by_key():
    recorder = failing(httpx.ReadTimeout("slow"), then=ok({"groups": []}))
    client = recorder.client(retry=RetryPolicy(attempts=2), sleep=lambda s: None)
    client.local_thesisdesk_sync_groups(courseid=2, groups=[{"key": "g", "name": "n"}])
    assert len(recorder.requests) == 2


def test_a_request_that_never_left_is_retried_even_for_a_create():
    recorder = failing(httpx.ConnectError("refused"), then=ok([]))
    client = recorder.client(retry=RetryPolicy(attempts=2), sleep=lambda s: None)
    client.core_group_create_groups(groups=[{"courseid": 2, "name": "g", "description": ""}])
    assert len(recorder.requests) == 2


def test_connection_errors_and_timeouts_are_told_apart_when_retries_run_out():
    client = failing(then=httpx.Response(200)).client()
    client._http._transport = httpx.MockTransport(
        lambda r: (_ for _ in ()).throw(httpx.ConnectError("x"))
    )
    with pytest.raises(MoodleConnectionError) as caught:
        client.core_webservice_get_site_info()
    assert not isinstance(caught.value, MoodleTimeout)
    client._http._transport = httpx.MockTransport(
        lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("x"))
    )
    with pytest.raises(MoodleTimeout):
        client.core_webservice_get_site_info()


def test_a_long_retry_after_is_not_waited_for():
    maintenance = httpx.Response(503, headers={"Retry-After": "300"}, text="<html>")
    recorder = Recorder(maintenance)
    client = recorder.client(retry=RetryPolicy(attempts=4, max_delay=8), sleep=pytest.fail)
    with pytest.raises(MoodleError) as caught:
        client.core_webservice_get_site_info()
    assert caught.value.retry_after == 300
    assert len(recorder.requests) == 1


def test_backoff_is_capped_and_jittered():
    policy = RetryPolicy(base_delay=0.5, max_delay=4)
    delays = [policy.delay(n) for n in range(1, 10) for _ in range(20)]
    assert max(delays) <= 4
    assert len(set(delays)) > 10


# -- the token stays secret ------------------------------------------------------------------


def test_the_token_never_appears_in_urls_logs_or_error_texts(caplog):
    echo = ok(
        {
            "exception": "moodle_exception",
            "errorcode": "invalidtoken",
            "message": f"Invalid token {TOKEN}",
            "debuginfo": f"token={TOKEN}",
        }
    )
    recorder = Recorder(echo)
    client = recorder.client()
    with caplog.at_level(logging.DEBUG), pytest.raises(MoodleError) as caught:
        client.core_webservice_get_site_info()
    assert TOKEN not in str(caught.value)
    assert TOKEN not in repr(caught.value.args)
    assert TOKEN not in (caught.value.debuginfo or "")
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(client)
    for request in recorder.requests:
        assert TOKEN not in str(request.url)
        assert form_of(request)["wstoken"] == TOKEN


def test_downloads_send_the_token_in_the_body_not_the_url():
    recorder = Recorder(
        httpx.Response(200, content=b"PDF", headers={"Content-Type": "application/pdf"})
    )
    client = recorder.client()
    url = f"https://moodle.test/webservice/pluginfile.php/25/mod_assign/submission_files/1/m.pdf?token={TOKEN}&forcedownload=1"
    with client.download(url) as download:
        assert b"".join(download) == b"PDF"
    sent = recorder.requests[0]
    assert TOKEN not in str(sent.url)
    assert sent.url.params["forcedownload"] == "1"
    assert form_of(sent) == {"token": TOKEN}


def test_a_browser_pluginfile_url_is_rewritten_to_the_web_service_endpoint():
    client = Recorder(ok({})).client()
    path = client.file_path("https://moodle.test/pluginfile.php/25/mod_assign/intro/0/g.pdf")
    assert path == "/webservice/pluginfile.php/25/mod_assign/intro/0/g.pdf"


def test_a_big_download_is_streamed_in_chunks():
    size = 20 * 1024 * 1024

    def body():
        chunk = b"m" * (1 << 20)
        for _ in range(20):
            yield chunk

    recorder = Recorder(
        httpx.Response(200, content=body(), headers={"Content-Type": "application/pdf"})
    )
    client = recorder.client()
    largest = total = 0
    with client.download("/1/user/draft/1/big.pdf") as download:
        for chunk in download:
            largest = max(largest, len(chunk))
            total += len(chunk)
    assert total == size
    assert largest <= 1 << 20


# -- the typed methods follow the catalogue --------------------------------------------------


@pytest.mark.parametrize("version", catalogue.VERSIONS)
def test_every_catalogued_function_has_a_method_matching_its_parameters(version):
    from thesisdesk.moodle.client import MoodleClient

    functions = catalogue.all_functions(version)
    assert set(functions) <= set(FUNCTIONS)
    for name, spec in functions.items():
        method = getattr(MoodleClient, name)
        parameters = inspect.signature(method).parameters
        described = spec["parameters"]["keys"]
        assert [p for p in parameters if p != "self"] == sorted(
            described, key=lambda k: described[k]["required"] != "VALUE_REQUIRED"
        ), name
        for key, node in described.items():
            required = parameters[key].default is inspect.Parameter.empty
            if node["required"] == "VALUE_REQUIRED":
                assert required, f"{name}({key}) should be required"
            else:
                assert not required, f"{name}({key}) should be optional"


def test_generated_models_and_methods_are_up_to_date_with_the_catalogue(capsys):
    assert codegen.main(["--check"]) == 0, capsys.readouterr().out


def test_answers_of_the_recorded_sites_match_the_catalogue_descriptions():
    from thesisdesk.moodle.client import schema
    from thesisdesk.moodle.client.tests.replay import index, load, untruncated

    checked = 0
    for entry in index():
        if entry["endpoint"] != "/webservice/rest/server.php" or entry["errorcode"]:
            continue
        if entry["status"] != 200 or entry["name"] not in catalogue.all_functions():
            continue
        recorded = load(entry["file"])
        if recorded["response_format"] != "json":
            continue
        node = catalogue.describe(entry["name"], entry["version"])["returns"]
        problems = schema.returns_problems(untruncated(recorded["response"]), node)
        assert problems == [], (entry["file"], problems[:3])
        checked += 1
    assert checked > 80


def test_the_returns_validator_finds_shape_problems():
    from thesisdesk.moodle.client import schema

    node = catalogue.describe("local_thesisdesk_sync_groups")["returns"]
    assert schema.returns_problems({"groups": [{"key": "g", "status": "created"}]}, node) == []
    problems = schema.returns_problems(
        {"groups": [{"key": "g", "groupid": "x", "extra": 1}], "bogus": []}, node
    )
    assert any("status: required key missing" in p for p in problems)
    assert any("groupid: expected an integer" in p for p in problems)
    assert any("extra: key not in the description" in p for p in problems)
    assert any("bogus" in p for p in problems)
    assert json.dumps(problems)


def test_a_json_file_downloads_as_a_file_not_an_error():
    recorder = Recorder(
        httpx.Response(
            200,
            content=b'{"errorcode": "not an error, a file"}',
            headers={
                "Content-Type": "application/json",
                "Content-Disposition": 'inline; filename="data.json"',
            },
        )
    )
    with recorder.client().download("/25/mod_resource/content/0/data.json") as download:
        assert download.filename == "data.json"
        assert b"".join(download).startswith(b'{"errorcode"')


def test_from_settings_uses_the_configured_site(settings):
    from thesisdesk.moodle.client import MoodleClient, MoodleClientError

    settings.MOODLE_URL = "https://moodle.example.edu/"
    settings.MOODLE_TOKEN = TOKEN
    settings.MOODLE_MAX_INPUT_VARS = 4000
    settings.MOODLE_RETRIES = 2
    client = MoodleClient.from_settings()
    assert client.base_url == "https://moodle.example.edu"
    assert client.max_input_vars == 4000
    assert client.retry.attempts == 3
    settings.MOODLE_URL = ""
    unconfigured = MoodleClient.from_settings()
    with pytest.raises(MoodleClientError, match="MOODLE_URL") as caught:
        unconfigured.core_webservice_get_site_info()
    assert not caught.value.is_transient


def test_another_users_token_on_the_same_site():
    recorder = Recorder(ok({"token": "f" * 32, "privatetoken": None}), ok({"userid": 6}))
    anonymous = recorder.client()
    token = anonymous.login_token("s1", "Student#2026", "thesisdesk_login")
    assert form_of(recorder.requests[0]) == {
        "username": "s1",
        "password": "Student#2026",
        "service": "thesisdesk_login",
    }
    student = anonymous.with_token(token.token)
    assert student.call("core_webservice_get_site_info") == {"userid": 6}
    assert form_of(recorder.requests[1])["wstoken"] == "f" * 32


@pytest.mark.parametrize(
    ("release", "version"),
    [
        ("4.5.5+ (Build: 20250613)", "4.5"),
        ("5.1+ (Build: 20251017)", "5.1"),
        ("5.1 (Build: 20251006)", "5.1"),
        ("4.5.10 (Build: 20260101)", "4.5"),
        ("", ""),
    ],
)
def test_the_moodle_version_is_read_from_any_release_string(release, version):
    from thesisdesk.moodle.client import version_of_release

    assert version_of_release(release) == version
