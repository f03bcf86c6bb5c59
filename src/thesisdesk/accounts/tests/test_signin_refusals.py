"""Every way a sign-in is refused: the message the person reads, and the audit event."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from thesisdesk.accounts.tests.fakes import FakeMoodle
from thesisdesk.core.models import AuditEvent
from thesisdesk.moodle.client import errors

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(client: Client, username: str, password: str, language: str = "en") -> Any:
    client.cookies["django_language"] = language  # what the language switch sets
    return client.post(LOGIN, {"username": username, "password": password})


def refusal(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    errors_ = response.context["form"].non_field_errors().as_data()
    assert len(errors_) == 1
    return errors_[0].code


CASES = [
    # (what login/token.php raises, errorcode, refusal code, words the person reads)
    (errors.InvalidLogin, "invalidlogin", "invalid_credentials", "username or password is wrong"),
    (errors.LoginError, "passwordisexpired", "password_expired", "password has expired"),
    (errors.LoginError, "usernotconfirmed", "not_confirmed", "not confirmed"),
    (errors.SiteMaintenance, "sitemaintenance", "moodle_maintenance", "maintenance"),
    (
        errors.LoginWebServicesDisabled,
        "enablewsdescription",
        "webservices_disabled",
        "Enable web services",
    ),
    (
        errors.LoginError,
        "servicenotavailable",
        "service_unavailable",
        "enable the “thesisdesk_login” service",
    ),
    (errors.LoginError, "usernotallowed", "user_not_allowed", "Authorised users only"),
    (
        errors.LoginError,
        "cannotcreatetoken",
        "cannot_create_token",
        "moodle/webservice:createtoken",
    ),
    (errors.MoodleConnectionError, "", "moodle_unreachable", "cannot be reached"),
    (errors.MoodleTimeout, "", "moodle_unreachable", "cannot be reached"),
    (errors.NotJSONResponse, "notjson", "moodle_unreachable", "cannot be reached"),
]


@pytest.mark.parametrize(("exception", "errorcode", "code", "words"), CASES)
def test_each_moodle_refusal_is_explained(
    client: Client,
    fake_moodle: FakeMoodle,
    exception: type,
    errorcode: str,
    code: str,
    words: str,
) -> None:
    fake_moodle.login_failure = exception
    fake_moodle.login_errorcode = errorcode

    response = sign_in(client, "s1", "Student-pass1")

    assert refusal(response) == code
    assert words in response.content.decode()
    assert SESSION_KEY not in client.session
    event = AuditEvent.objects.get(action="signin.refused")
    assert event.reason == code
    assert event.target_label == "s1"
    assert event.data["method"] == "password"


def test_wrong_password(client: Client, fake_moodle: FakeMoodle) -> None:
    response = sign_in(client, "s1", "not-the-password")

    assert refusal(response) == "invalid_credentials"
    assert "Your Moodle username or password is wrong" in response.content.decode()


def test_a_suspended_account_is_told_so(client: Client, fake_moodle: FakeMoodle) -> None:
    # login/token.php answers "invalidlogin" for a suspended account as for a wrong
    # password; ThesisDesk reads the account's flag to tell the person the real reason.
    fake_moodle.users["s1"].suspended = True

    response = sign_in(client, "s1", "Student-pass1")

    assert refusal(response) == "suspended"
    assert "Moodle account is suspended" in response.content.decode()


def test_the_sign_in_page_speaks_the_persons_language(
    client: Client, fake_moodle: FakeMoodle
) -> None:
    english = sign_in(client, "s1", "wrong", language="en").content.decode()
    page = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en")

    assert 'lang="en"' in page.content.decode()
    assert "Your Moodle username or password is wrong" in english


def test_throttled_per_account(client: Client, fake_moodle: FakeMoodle, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    for attempt, spelling in enumerate(["s1", "S1", " s1"]):  # one Moodle account
        sign_in(Client(REMOTE_ADDR=f"10.0.0.{attempt + 1}"), spelling, "wrong")

    # Even the right password, from yet another address, is refused while locked out.
    response = sign_in(Client(REMOTE_ADDR="10.0.0.9"), "s1", "Student-pass1")

    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert AuditEvent.objects.filter(action="signin.refused", reason="locked_out").exists()
    # Another account from that address is not affected.
    assert sign_in(Client(REMOTE_ADDR="10.0.0.9"), "t1", "Teacher-pass1").status_code == 302


def test_throttled_per_address(client: Client, fake_moodle: FakeMoodle, settings: Any) -> None:
    settings.AXES_FAILURE_LIMIT = 3
    attacker = Client(REMOTE_ADDR="10.0.0.66")
    for username in ["s1", "t1", "m1"]:
        sign_in(attacker, username, "wrong")

    response = sign_in(attacker, "n1", "Nobody-pass1")

    assert response.status_code == 429
    # The accounts themselves are not locked from elsewhere.
    assert sign_in(Client(REMOTE_ADDR="10.0.0.7"), "n1", "Nobody-pass1").status_code == 302


def test_csrf_is_required(fake_moodle: FakeMoodle) -> None:
    client = Client(enforce_csrf_checks=True)

    response = sign_in(client, "s1", "Student-pass1")

    assert response.status_code == 403
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("errorcode", "english", "french"),
    [
        ("invalidlogin", "username or password is wrong", "mot de passe Moodle est incorrect"),
        ("cannotcreatetoken", "moodle/webservice:createtoken", "moodle/webservice:createtoken"),
    ],
)
def test_refusals_follow_the_persons_language(
    fake_moodle: FakeMoodle, errorcode: str, english: str, french: str
) -> None:
    fake_moodle.login_failure = errors.LoginError
    fake_moodle.login_errorcode = errorcode

    in_french = sign_in(Client(), "s1", "Student-pass1", language="fr")
    in_english = sign_in(Client(), "s1", "Student-pass1", language="en")

    french_text = str(in_french.context["form"].non_field_errors()[0])
    english_text = str(in_english.context["form"].non_field_errors()[0])
    assert english in english_text
    assert french in french_text
    assert french_text != english_text
