"""The production settings documented in the README pass Django's deployment checks."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "thesisdesk.example.edu",
    "CSRF_TRUSTED_ORIGINS": "https://thesisdesk.example.edu",
    "SITE_URL": "https://thesisdesk.example.edu",
    "SECURE_HSTS_PRELOAD": "true",
}


def _thesisdesk(
    args: list[str], env: dict[str, str], tmp_path: Path
) -> subprocess.CompletedProcess:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("PYTEST", "DJANGO_"))
    }
    environment.update(env)
    environment["THESISDESK_VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "-m", "thesisdesk.cli", *args],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_documented_production_settings_pass_check_deploy(tmp_path):
    result = _thesisdesk(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = dict(PRODUCTION_ENV, SECRET_KEY="")
    result = _thesisdesk(["check"], env, tmp_path)
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr


@pytest.mark.slow
def test_a_bad_value_names_the_variable(tmp_path):
    result = _thesisdesk(["check"], {"MOODLE_TIMEOUT": "soon"}, tmp_path)
    assert result.returncode == 2
    assert "MOODLE_TIMEOUT" in result.stderr
