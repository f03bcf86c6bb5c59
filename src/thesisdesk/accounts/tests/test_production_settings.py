"""In production (DEBUG off) the sign-in's cookies are Secure and the backends are in order."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def test_production_cookies_are_secure_and_sign_in_is_throttled() -> None:
    code = (
        "import json; from thesisdesk import settings as s; print(json.dumps(["
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.AUTHENTICATION_BACKENDS, s.MIDDLEWARE[-1]]))"
    )
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "x" * 50,
        "THESISDESK_TESTING": "true",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    env.pop("SESSION_COOKIE_SECURE", None)
    env.pop("CSRF_COOKIE_SECURE", None)
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout
    session_secure, csrf_secure, httponly, backends, last_middleware = json.loads(output)

    assert session_secure and csrf_secure and httponly
    assert backends == [
        "axes.backends.AxesStandaloneBackend",
        "thesisdesk.accounts.backends.MoodleBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    assert last_middleware == "axes.middleware.AxesMiddleware"
