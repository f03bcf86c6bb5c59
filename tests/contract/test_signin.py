"""login/token.php as ThesisDesk's sign-in uses it."""

from __future__ import annotations

import pytest

from thesisdesk.moodle.client import LoginError, errors


def test_a_student_gets_a_token_and_acts_as_themself(contract_site, student_token):
    client = contract_site.client(token=student_token)
    info = client.core_webservice_get_site_info()
    assert info.username == contract_site.student_username
    assert not info.userissiteadmin


def test_a_wrong_password_is_invalid_login(contract_site):
    client = contract_site.client(token="")
    with pytest.raises(errors.InvalidLogin) as caught:
        client.login_token(contract_site.student_username, "Wrong#Password1", "moodle_mobile_app")
    assert "Wrong#Password1" not in str(caught.value)


def test_an_unknown_user_is_invalid_login_too(contract_site):
    client = contract_site.client(token="")
    with pytest.raises(errors.InvalidLogin):
        client.login_token("nobody-td-contract", "Wrong#Password1", "moodle_mobile_app")


def test_an_unknown_service_is_service_not_available(contract_site):
    client = contract_site.client(token="")
    with pytest.raises(errors.ServiceNotAvailable):
        client.login_token(
            contract_site.student_username, contract_site.student_password, "no_such_service"
        )


def test_a_student_cannot_get_a_token_for_the_managers_service(contract_site):
    client = contract_site.client(token="")
    with pytest.raises(LoginError) as caught:
        client.login_token(
            contract_site.student_username, contract_site.student_password, "thesisdesk"
        )
    assert caught.value.errorcode in ("usernotallowed", "cannotcreatetoken", "servicenotavailable")


def test_sign_in_during_maintenance(contract_site):
    sim = contract_site.require_simulator()
    client = contract_site.client(token="")
    sim.site.set_maintenance(True)
    try:
        with pytest.raises(errors.SiteMaintenance):
            client.login_token(
                contract_site.student_username, contract_site.student_password, "moodle_mobile_app"
            )
    finally:
        sim.site.set_maintenance(False)


def test_sign_in_with_web_services_off(contract_site):
    sim = contract_site.require_simulator()
    client = contract_site.client(token="")
    sim.site.set_webservices(False)
    try:
        with pytest.raises(errors.LoginWebServicesDisabled):
            client.login_token(
                contract_site.student_username, contract_site.student_password, "moodle_mobile_app"
            )
    finally:
        sim.site.set_webservices(True)
