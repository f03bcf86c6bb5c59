"""Password sign-in against the Moodle simulator, through real HTTP and the real client:
the roles of the campaign's course, and every refusal the simulated site can produce."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.models import AuditEvent
from thesisdesk.moodle.models import MoodleCourseLink
from thesisdesk.people.models import Person

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
STUDENT_PASSWORD = "Student#2026"
TEACHER_PASSWORD = "Teacher#2026"


@pytest.fixture
def site(moodle_sim: Any, settings: Any, campaign: Campaign) -> Any:
    settings.MOODLE_URL = moodle_sim.url
    settings.MOODLE_TOKEN = moodle_sim.token("thesisdesk")
    MoodleCourseLink.objects.create(campaign=campaign, courseid=2, shortname="MEM-2026")
    return moodle_sim


def sign_in(client: Client, username: str, password: str) -> Any:
    return client.post(
        LOGIN, {"username": username, "password": password}, HTTP_ACCEPT_LANGUAGE="en"
    )


def refused_with(response: Any, client: Client) -> str:
    assert response.status_code == 200
    assert SESSION_KEY not in client.session
    (error,) = response.context["form"].non_field_errors().as_data()
    event = AuditEvent.objects.filter(action="signin.refused").latest("id")
    assert event.reason == error.code
    return error.code


def roles(moodle_user_id: int, campaign: Campaign) -> set[str]:
    return set(
        Membership.objects.filter(
            person__moodle_user_id=moodle_user_id, campaign=campaign
        ).values_list("role", flat=True)
    )


def test_a_student_and_a_teacher_get_their_roles(
    client: Client, site: Any, campaign: Campaign
) -> None:
    assert sign_in(client, "s1", STUDENT_PASSWORD)["Location"] == "/"
    assert roles(6, campaign) == {"student"}
    person = Person.objects.get(moodle_user_id=6)
    assert (person.first_name, person.email) == ("Amélie", "s1@example.com")

    teacher = Client()
    assert sign_in(teacher, "t1", TEACHER_PASSWORD)["Location"] == "/"
    assert roles(3, campaign) == {"supervisor"}
    event = AuditEvent.objects.filter(action="signin.succeeded").latest("id")
    assert event.data["roles_source"] == "plugin"


def test_unenrolled_in_moodle_means_no_role(client: Client, site: Any, campaign: Campaign) -> None:
    sign_in(client, "s2", STUDENT_PASSWORD)
    assert roles(7, campaign) == {"student"}
    site.site.unenrol(2, 7)
    client.post("/accounts/logout/")

    response = sign_in(client, "s2", STUDENT_PASSWORD)

    assert response["Location"] == "/accounts/no-role/"
    assert roles(7, campaign) == set()


def test_without_the_plugin_roles_come_from_core_functions(
    client: Client, site: Any, campaign: Campaign
) -> None:
    site.site.remove_function_from_service("local_thesisdesk_get_user_roles", "thesisdesk_login")

    sign_in(client, "t2", TEACHER_PASSWORD)

    assert roles(4, campaign) == {"supervisor"}
    event = AuditEvent.objects.get(action="signin.succeeded")
    assert event.data["roles_source"] == "core"


def test_wrong_password(client: Client, site: Any) -> None:
    assert refused_with(sign_in(client, "s1", "Wrong#2026"), client) == "invalid_credentials"


def test_unknown_user(client: Client, site: Any) -> None:
    assert refused_with(sign_in(client, "nobody", "Wrong#2026"), client) == "invalid_credentials"


def test_suspended_account(client: Client, site: Any) -> None:
    with site.site.lock:
        site.site.data["users"][6]["suspended"] = True

    response = sign_in(client, "s1", STUDENT_PASSWORD)

    assert refused_with(response, client) == "suspended"
    assert "Moodle account is suspended" in response.content.decode()


@pytest.mark.parametrize("cli", [False, True])
def test_moodle_in_maintenance(client: Client, site: Any, cli: bool) -> None:
    site.site.set_maintenance(True, cli=cli)

    assert refused_with(sign_in(client, "s1", STUDENT_PASSWORD), client) == "moodle_maintenance"


def test_moodle_unreachable(client: Client, site: Any, settings: Any) -> None:
    settings.MOODLE_URL = "http://127.0.0.1:9"  # discard port: nothing listens

    assert refused_with(sign_in(client, "s1", STUDENT_PASSWORD), client) == "moodle_unreachable"


def test_web_services_disabled(client: Client, site: Any) -> None:
    site.site.set_webservices(False)

    response = sign_in(client, "s1", STUDENT_PASSWORD)

    assert refused_with(response, client) == "webservices_disabled"
    assert "Enable web services" in response.content.decode()


def test_sign_in_service_disabled(client: Client, site: Any) -> None:
    with site.site.lock:
        site.site.data["services"]["thesisdesk_login"]["enabled"] = 0

    response = sign_in(client, "s1", STUDENT_PASSWORD)

    assert refused_with(response, client) == "service_unavailable"
    assert "thesisdesk_login" in response.content.decode()


def test_sign_in_service_restricted_to_authorised_users(client: Client, site: Any) -> None:
    with site.site.lock:
        site.site.data["services"]["thesisdesk_login"]["restrictedusers"] = 1

    response = sign_in(client, "s1", STUDENT_PASSWORD)

    assert refused_with(response, client) == "user_not_allowed"
    assert "Authorised users only" in response.content.decode()


def test_token_creation_not_allowed(client: Client, site: Any) -> None:
    site.site.revoke_capability("user", "moodle/webservice:createtoken")

    response = sign_in(client, "s1", STUDENT_PASSWORD)

    assert refused_with(response, client) == "cannot_create_token"
    assert "moodle/webservice:createtoken" in response.content.decode()


def test_site_info_missing_from_the_sign_in_service(client: Client, site: Any) -> None:
    site.site.remove_function_from_service("core_webservice_get_site_info", "thesisdesk_login")

    assert refused_with(sign_in(client, "s1", STUDENT_PASSWORD), client) == "rest_not_allowed"


@pytest.mark.parametrize(
    ("errorcode", "code"),
    [("passwordisexpired", "password_expired"), ("usernotconfirmed", "not_confirmed")],
)
def test_moodle_answers_the_simulator_cannot_produce(
    client: Client, settings: Any, monkeypatch: pytest.MonkeyPatch, errorcode: str, code: str
) -> None:
    """login/token.php's envelope for cases the simulator has no state for, through the
    real client (httpx.MockTransport)."""
    from thesisdesk.moodle.client import MoodleClient

    def moodle(request: httpx.Request) -> httpx.Response:
        assert request.url.path == "/login/token.php"
        return httpx.Response(
            200,
            json={
                "error": "refused",
                "errorcode": errorcode,
                "stacktrace": None,
                "debuginfo": None,
                "reproductionlink": None,
            },
        )

    settings.MOODLE_URL = "https://moodle.example.org"
    monkeypatch.setattr(
        "thesisdesk.accounts.moodle_gateway.default_client_factory",
        lambda token: MoodleClient(
            settings.MOODLE_URL, token, transport=httpx.MockTransport(moodle)
        ),
    )

    assert refused_with(sign_in(client, "s1", STUDENT_PASSWORD), client) == code


def test_no_log_record_carries_the_password_or_the_token(
    client: Client, site: Any, caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="httpx")  # quiet below DEBUG in settings

    sign_in(client, "s3", STUDENT_PASSWORD)
    sign_in(Client(), "s3", "Wrong#Secret#99")

    token = site.site.token_for(8, "thesisdesk_login")
    assert token
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "HTTP Request" in logged  # the client's requests were logged...
    for secret in (STUDENT_PASSWORD, "Wrong#Secret#99", token):  # ...without secrets
        assert secret not in logged
        assert secret not in str(list(AuditEvent.objects.values("data", "reason")))
