from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from lti_tool.models import Key, LtiDeployment, LtiRegistration

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("lti", *args, stdout=out)
    return out.getvalue()


def test_register_records_moodle_endpoints_and_shows_the_tool_urls(settings: Any) -> None:
    settings.SITE_URL = "https://thesisdesk.example.org"

    output = run(
        "register",
        "--moodle-url",
        "https://moodle.example.org/",
        "--client-id",
        "abc123",
        "--deployment-id",
        "7",
    )

    registration = LtiRegistration.objects.get()
    assert registration.issuer == "https://moodle.example.org"
    assert registration.keyset_url == "https://moodle.example.org/mod/lti/certs.php"
    assert registration.auth_url == "https://moodle.example.org/mod/lti/auth.php"
    assert registration.token_url == "https://moodle.example.org/mod/lti/token.php"
    assert LtiDeployment.objects.get().is_active
    assert Key.objects.active().count() == 1
    assert "client id abc123, deployments 7" in output

    shown = run("show")
    assert "Initiate login URL:   https://thesisdesk.example.org/accounts/lti/login/" in shown
    assert "Public keyset:        https://thesisdesk.example.org/accounts/lti/jwks/" in shown
    assert "Redirection URI(s):   https://thesisdesk.example.org/accounts/lti/launch/" in shown

    # Registering again updates; it does not duplicate the platform or the key.
    run(
        "register",
        "--moodle-url",
        "https://moodle.example.org",
        "--client-id",
        "abc123",
        "--deployment-id",
        "7",
        "--deployment-id",
        "8",
    )
    assert LtiRegistration.objects.count() == 1
    assert LtiDeployment.objects.count() == 2
    assert Key.objects.count() == 1
