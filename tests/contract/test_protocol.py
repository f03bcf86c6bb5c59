"""Protocol errors and encoding edge cases, as ThesisDesk meets them."""

from __future__ import annotations

import httpx
import pytest

from thesisdesk.moodle.client import (
    AccessDenied,
    FunctionNotInService,
    InvalidParameter,
    InvalidRecord,
    InvalidToken,
    MissingPermission,
    NotJSONResponse,
    RetryPolicy,
    SiteMaintenance,
    WebServicesDisabled,
)
from thesisdesk.moodle.client.client import REST_PATH

from .conftest import unique


def test_site_info_names_the_token_user_and_lists_every_catalogued_function(manager):
    from thesisdesk.moodle import catalogue

    info = manager.core_webservice_get_site_info()
    assert info.userid and info.username
    assert info.release and info.release.split(".")[0] in ("4", "5")
    names = {f.name for f in info.functions}
    missing = sorted(set(catalogue.service_definition("thesisdesk")["functions"]) - names)
    assert missing == [], f"functions missing from the token's service: {missing}"
    assert info.uploadfiles == 1 and info.downloadfiles == 1


def test_an_unknown_token_is_invalid_token(contract_site):
    client = contract_site.client(token="0" * 32)
    with pytest.raises(InvalidToken) as caught:
        client.core_webservice_get_site_info()
    assert caught.value.errorcode == "invalidtoken"


def test_a_function_outside_the_service_is_access_denied(manager):
    with pytest.raises(AccessDenied) as caught:
        manager.call("core_badges_get_user_badges")
    assert caught.value.errorcode == "accessexception"
    assert isinstance(caught.value, FunctionNotInService)


def test_an_unknown_function_is_a_missing_record_in_both_versions(manager):
    with pytest.raises(InvalidRecord) as caught:
        manager.call("core_nonexistent_function")
    assert caught.value.errorcode in ("invalidrecord", "invalidrecordunknown")


@pytest.mark.parametrize(
    "params",
    [
        {"courseid": "007"},  # leading zeros
        {"courseid": "1.0"},  # a decimal
        {},  # a required parameter left out
        {"courseid": 2, "bogus": 1},  # an undeclared key
        {"courseid": 2, "options": [{"name": "excludemodules", "value": "true"}], "x": 1},
    ],
)
def test_values_moodle_refuses_are_invalid_parameter(contract_site, course, params):
    client = contract_site.client(check_params=False)
    if "courseid" in params and params["courseid"] == 2:
        params = {**params, "courseid": course.id}
    with pytest.raises(InvalidParameter) as caught:
        client.call("core_course_get_contents", params)
    assert caught.value.errorcode == "invalidparameter"


def test_true_is_not_a_boolean(contract_site, course):
    client = contract_site.client(check_params=False)
    with pytest.raises(InvalidParameter):
        client.call(
            "mod_assign_get_assignments",
            {"courseids": [course.id], "includenotenrolledcourses": "true"},
        )
    result = client.mod_assign_get_assignments(
        courseids=[course.id], includenotenrolledcourses=True
    )
    assert result.courses is not None


def test_a_missing_record_is_invalid_record(manager):
    with pytest.raises(InvalidRecord):
        manager.core_group_get_group_members(groupids=[987654321])


def test_a_students_token_cannot_do_a_managers_work(student, course):
    with pytest.raises((MissingPermission, AccessDenied)) as caught:
        student.core_group_get_course_groups(courseid=course.id)
    assert caught.value.errorcode in ("nopermissions", "nopermission", "accessexception")
    with pytest.raises(AccessDenied):
        student.core_course_create_courses(
            courses=[{"fullname": "x", "shortname": unique("TDNO"), "categoryid": 1}]
        )


def test_an_answer_that_is_not_json_is_a_distinct_error(manager):
    # Without moodlewsrestformat=json Moodle answers XML: the client must not crash on it.
    response = manager._http.post(
        REST_PATH,
        data={"wstoken": manager._token, "wsfunction": "core_webservice_get_site_info"},
    )
    with pytest.raises(NotJSONResponse):
        manager._decode_rest(response, "core_webservice_get_site_info")


def test_web_services_off_is_web_services_disabled(contract_site, manager):
    sim = contract_site.require_simulator()
    sim.site.set_webservices(False)
    try:
        with pytest.raises(WebServicesDisabled) as caught:
            manager.call("core_webservice_get_site_info")
        assert caught.value.status == 403
    finally:
        sim.site.set_webservices(True)
    assert manager.call("core_webservice_get_site_info")["userid"]


@pytest.mark.parametrize("cli", [True, False])
def test_maintenance_mode_is_site_maintenance(contract_site, student, cli):
    sim = contract_site.require_simulator()
    sim.site.set_maintenance(True, cli=cli)
    try:
        with pytest.raises(SiteMaintenance) as caught:
            student.core_webservice_get_site_info()
        assert caught.value.is_transient
        if cli:
            assert caught.value.status == 503
            assert caught.value.retry_after == 300
        else:
            assert caught.value.errorcode == "sitemaintenance"
    finally:
        sim.site.set_maintenance(False, cli=cli)


# -- encoding edge cases ---------------------------------------------------------------------


def test_accents_emoji_and_html_survive_the_round_trip(manager, course):
    name = unique("Binôme été 🎓 «ok»")
    description = (
        '<p>Résumé <strong>gras</strong> &amp; <a href="https://x.test/?a=1&amp;b=2">lien</a></p>'
    )
    created = manager.core_group_create_groups(
        groups=[{"courseid": course.id, "name": name, "description": description}]
    )
    groups = {g.id: g for g in manager.core_group_get_course_groups(courseid=course.id)}
    read = groups[created[0].id]
    assert read.name == name
    assert read.description == description
    manager.core_group_delete_groups(groupids=[created[0].id])


def test_html_in_a_text_field_is_refused(contract_site, course):
    """PARAM_TEXT values that cleaning would change (tags) are refused, not cleaned: callers
    must send plain text in names and keep HTML for PARAM_RAW fields (descriptions)."""
    client = contract_site.client(check_params=False)
    with pytest.raises(InvalidParameter):
        client.core_group_create_groups(
            groups=[{"courseid": course.id, "name": unique("<b>gras</b>"), "description": ""}]
        )


def test_a_255_character_section_name_is_kept_whole(manager, course):
    key = unique("long")
    name = ("Mémoire " + "é" * 300)[:255]
    result = manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": key, "name": name}]
    )
    assert result.sections[0].status == "created"
    state = manager.local_thesisdesk_get_state(courseid=course.id, kinds=["section"])
    assert {item.key: item.name for item in state.items}[key] == name


def test_booleans_travel_as_0_and_1(manager, course):
    key = unique("bool")
    manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": key, "name": key, "visible": False}]
    )
    state = manager.local_thesisdesk_get_state(courseid=course.id, kinds=["section"])
    assert {item.key: item.visible for item in state.items}[key] is False
    manager.local_thesisdesk_sync_sections(
        courseid=course.id, sections=[{"key": key, "name": key, "visible": True}]
    )
    state = manager.local_thesisdesk_get_state(courseid=course.id, kinds=["section"])
    assert {item.key: item.visible for item in state.items}[key] is True


def test_a_batch_bigger_than_max_input_vars_is_split(contract_site, course):
    client = contract_site.client(max_input_vars=200)
    sent: list[int] = []
    original = client._http.send

    def counting(request: httpx.Request, **kwargs):
        sent.append(len(request.content))
        return original(request, **kwargs)

    client._http.send = counting  # type: ignore[method-assign]
    prefix = unique("batch")
    groups = [
        {"key": f"{prefix}-{i}", "name": f"{prefix} {i}", "description": f"<p>{i}</p>"}
        for i in range(80)
    ]
    result = client.local_thesisdesk_sync_groups(courseid=course.id, groups=groups)
    assert len(sent) >= 2
    assert sorted(g.key for g in result.groups) == sorted(g["key"] for g in groups)
    assert {g.status for g in result.groups} == {"created"}
    client.local_thesisdesk_delete_items(courseid=course.id, keys=[g["key"] for g in groups])


def test_the_site_drops_fields_beyond_its_max_input_vars(contract_site, course):
    """Why the client splits: a site with max_input_vars=100 silently loses the tail."""
    sim = contract_site.require_simulator()
    sim.site.set_max_input_vars(100)
    try:
        client = contract_site.client(max_input_vars=100)
        prefix = unique("limit")
        groups = [{"key": f"{prefix}-{i}", "name": f"{prefix} {i}"} for i in range(60)]
        result = client.local_thesisdesk_sync_groups(courseid=course.id, groups=groups)
        assert len(result.groups) == 60
        client.local_thesisdesk_delete_items(courseid=course.id, keys=[g["key"] for g in groups])
    finally:
        sim.site.set_max_input_vars(5000)


# -- transport errors (the same on every site) ------------------------------------------------


def test_a_closed_port_is_a_connection_error():
    from thesisdesk.moodle.client import MoodleClient, MoodleConnectionError, MoodleTimeout

    client = MoodleClient("http://127.0.0.1:9", "x", retry=RetryPolicy.none())
    with pytest.raises(MoodleConnectionError) as caught:
        client.core_webservice_get_site_info()
    assert not isinstance(caught.value, MoodleTimeout)
    assert caught.value.is_transient


def test_a_site_that_never_answers_is_a_timeout():
    import socket

    from thesisdesk.moodle.client import MoodleClient, MoodleTimeout

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        client = MoodleClient(url, "x", timeout=0.3, retry=RetryPolicy.none())
        with pytest.raises(MoodleTimeout):
            client.core_webservice_get_site_info()
    finally:
        listener.close()
