"""LTI 1.3 launches from a (test) Moodle platform: signed id_tokens, nonce, state and
deployment checked; tampered, expired, replayed launches refused; roles from the launch."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import SESSION_KEY
from django.test import Client
from jwt.algorithms import RSAAlgorithm
from lti_tool.models import LtiDeployment

from thesisdesk.accounts.registration import lti_platform_register
from thesisdesk.campaigns.models import Campaign, Membership
from thesisdesk.core.models import AuditEvent
from thesisdesk.people.models import Person

pytestmark = pytest.mark.django_db

ISSUER = "https://moodle.example.org"
CLIENT_ID = "tdclient42"
DEPLOYMENT_ID = "3"
LAUNCH_URL = "http://testserver/accounts/lti/launch/"
CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
KID = "platform-key-1"


class Platform:
    """A test LTI platform: an RSA key, its keyset served on 127.0.0.1, id_token signing."""

    def __init__(self) -> None:
        self.private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        jwk = json.loads(RSAAlgorithm.to_jwk(self.private_key.public_key()))
        jwk.update({"kid": KID, "alg": "RS256", "use": "sig"})
        keyset = json.dumps({"keys": [jwk]}).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(keyset)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.keyset_url = f"http://127.0.0.1:{self.server.server_port}/mod/lti/certs.php"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def id_token(self, nonce: str, *, key: Any = None, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": "6",
            "iat": now,
            "exp": now + 60,
            "nonce": nonce,
            "given_name": "Amélie",
            "family_name": "Étudiant",
            "email": "s1@example.com",
            CLAIM + "message_type": "LtiResourceLinkRequest",
            CLAIM + "version": "1.3.0",
            CLAIM + "deployment_id": DEPLOYMENT_ID,
            CLAIM + "target_link_uri": LAUNCH_URL,
            CLAIM + "resource_link": {"id": "12", "title": "Open ThesisDesk"},
            CLAIM + "context": {"id": "2", "label": "MEM-2026", "title": "Mémoires"},
            CLAIM + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            CLAIM + "ext": {"user_username": "s1", "lms": "moodle-2"},
        }
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, key or self.private_key, algorithm="RS256", headers={"kid": KID})


@pytest.fixture
def platform(
    settings: Any, campaign: Campaign, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Platform]:
    settings.MOODLE_URL = ISSUER + "/"
    monkeypatch.setattr("thesisdesk.accounts.roles.campaign_courses", lambda: [(campaign, 2)])
    the_platform = Platform()
    registration = lti_platform_register(
        moodle_url=ISSUER, client_id=CLIENT_ID, deployment_ids=[DEPLOYMENT_ID]
    )
    assert registration.auth_url == ISSUER + "/mod/lti/auth.php"
    assert registration.keyset_url == ISSUER + "/mod/lti/certs.php"
    # The test platform's keyset is served locally.
    registration.keyset_url = the_platform.keyset_url
    registration.save()
    the_platform.registration = registration  # type: ignore[attr-defined]
    yield the_platform
    the_platform.stop()


def login_initiation(client: Client, platform: Platform) -> tuple[str, str]:
    """Moodle's first step: ThesisDesk answers with the OIDC redirect (state and nonce)."""
    response = client.get(
        "/accounts/lti/login/",
        {
            "iss": ISSUER,
            "login_hint": "6",
            "target_link_uri": LAUNCH_URL,
            "lti_message_hint": "12",
            "client_id": CLIENT_ID,
            "lti_deployment_id": DEPLOYMENT_ID,
            "lti1p3_new_window": "1",
        },
    )
    assert response.status_code == 302, response.content[:300]
    location = urlparse(response["Location"])
    assert location.path == "/mod/lti/auth.php"
    query = parse_qs(location.query)
    assert query["redirect_uri"] == [LAUNCH_URL]
    return query["state"][0], query["nonce"][0]


def launch(client: Client, state: str, id_token: str) -> Any:
    return client.post(
        "/accounts/lti/launch/",
        {"state": state, "id_token": id_token},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_jwks_publishes_the_tool_key(client: Client, platform: Platform) -> None:
    keys = client.get("/accounts/lti/jwks/").json()["keys"]

    assert len(keys) == 1 and keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256"
    assert "d" not in keys[0]  # only the public part


def test_a_launch_signs_the_student_in_with_the_launch_roles(
    client: Client, platform: Platform, campaign: Campaign
) -> None:
    state, nonce = login_initiation(client, platform)

    response = launch(client, state, platform.id_token(nonce))

    assert response.status_code == 302, response.content.decode()[:500]
    assert response["Location"] == "/"
    person = Person.objects.get(moodle_user_id=6)
    assert person.email == "s1@example.com" and person.moodle_username == "s1"
    assert int(client.session[SESSION_KEY]) == person.user.pk
    assert set(
        Membership.objects.filter(person=person, campaign=campaign).values_list("role", flat=True)
    ) == {"student"}
    event = AuditEvent.objects.get(action="signin.succeeded")
    assert event.data["method"] == "lti"


def test_an_instructor_becomes_supervisor(
    client: Client, platform: Platform, campaign: Campaign
) -> None:
    state, nonce = login_initiation(client, platform)
    token = platform.id_token(
        nonce,
        sub="3",
        email="t1@example.com",
        given_name="Anne",
        family_name="Martin",
        **{
            CLAIM + "roles": [
                "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor",
                "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
            ],
            CLAIM + "ext": {"user_username": "t1"},
        },
    )

    assert launch(client, state, token).status_code == 302

    person = Person.objects.get(moodle_user_id=3)
    assert set(person.memberships.values_list("role", flat=True)) == {"supervisor"}


def assert_refused(response: Any, client: Client, code: str = "lti_invalid") -> None:
    assert response.status_code == 403
    assert SESSION_KEY not in client.session
    assert f'data-code="{code}"' in response.content.decode()
    assert AuditEvent.objects.filter(action="signin.refused", reason=code).exists()
    assert not AuditEvent.objects.filter(action="signin.succeeded").exists()


def test_a_replayed_launch_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)
    token = platform.id_token(nonce)
    assert launch(client, state, token).status_code == 302
    client.post("/accounts/logout/")

    replay = Client()
    replay.cookies = client.cookies
    response = launch(replay, state, token)

    assert response.status_code == 403
    assert SESSION_KEY not in replay.session
    refused = AuditEvent.objects.get(action="signin.refused")
    assert refused.reason == "lti_invalid" and "replay" in refused.data["detail"]


def test_a_tampered_token_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)
    header, payload, signature = platform.id_token(nonce).split(".")
    forged = jwt.utils.base64url_decode(payload)
    forged_claims = json.loads(forged)
    forged_claims[CLAIM + "roles"] = [
        "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
    ]
    payload = jwt.utils.base64url_encode(json.dumps(forged_claims).encode()).decode()

    assert_refused(launch(client, state, f"{header}.{payload}.{signature}"), client)


def test_a_token_signed_with_another_key_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    assert_refused(launch(client, state, platform.id_token(nonce, key=other_key)), client)


def test_an_expired_token_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)
    past = int(time.time()) - 3600

    assert_refused(launch(client, state, platform.id_token(nonce, iat=past - 60, exp=past)), client)


def test_a_token_without_expiry_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)

    assert_refused(launch(client, state, platform.id_token(nonce, exp=None)), client)


def test_an_unknown_nonce_is_refused(client: Client, platform: Platform) -> None:
    state, _nonce = login_initiation(client, platform)

    assert_refused(launch(client, state, platform.id_token(uuid.uuid4().hex)), client)


def test_a_wrong_state_is_refused(client: Client, platform: Platform) -> None:
    _state, nonce = login_initiation(client, platform)

    assert_refused(launch(client, "state-forged", platform.id_token(nonce)), client)


def test_an_unknown_deployment_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)
    token = platform.id_token(nonce, **{CLAIM + "deployment_id": "999"})

    assert_refused(launch(client, state, token), client, code="lti_inactive_deployment")


def test_an_inactive_deployment_is_refused(client: Client, platform: Platform) -> None:
    LtiDeployment.objects.update(is_active=False)
    state, nonce = login_initiation(client, platform)

    assert_refused(
        launch(client, state, platform.id_token(nonce)), client, code="lti_inactive_deployment"
    )


def test_an_unregistered_client_is_refused(client: Client, platform: Platform) -> None:
    state, nonce = login_initiation(client, platform)
    token = platform.id_token(nonce, aud="someone-else")

    assert_refused(launch(client, state, token), client, code="lti_unknown_platform")


def test_a_launch_without_a_role_lands_on_the_no_role_page(
    client: Client, platform: Platform
) -> None:
    state, nonce = login_initiation(client, platform)
    token = platform.id_token(
        nonce, **{CLAIM + "roles": ["http://purl.imsglobal.org/vocab/lis/v2/membership#Mentor"]}
    )

    response = launch(client, state, token)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/no-role/"


def test_from_another_platform_the_person_is_matched_by_email_without_roles(
    client: Client, platform: Platform, settings: Any, campaign: Campaign
) -> None:
    settings.MOODLE_URL = "https://another-moodle.example.org"
    known = Person.objects.create(first_name="A", last_name="E", email="s1@example.com")
    state, nonce = login_initiation(client, platform)

    response = launch(client, state, platform.id_token(nonce))

    assert response.status_code == 302
    known.refresh_from_db()
    assert known.user is not None and int(client.session[SESSION_KEY]) == known.user.pk
    assert known.moodle_user_id is None  # "6" is a user id on another site
    assert not Membership.objects.filter(person=known).exists()
