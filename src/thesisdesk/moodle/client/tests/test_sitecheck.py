"""`thesisdesk moodle check` against the simulator: each problem comes with its fix."""

from __future__ import annotations

import io

import pytest

from thesisdesk.moodle.client import MoodleClient, RetryPolicy
from thesisdesk.moodle.client.commands import run_check
from thesisdesk.moodle.client.sitecheck import check_site


def findings_of(url: str, token: str) -> dict[str, object]:
    with MoodleClient(url, token, retry=RetryPolicy.none()) as client:
        return {f.name: f for f in check_site(client)}


def test_a_ready_site_passes_every_check(moodle_sim):
    findings = findings_of(moodle_sim.url, moodle_sim.token("thesisdesk"))
    assert [name for name, f in findings.items() if not f.ok] == []
    assert "43 of 43" in findings["functions"].detail
    assert findings["token user"].detail.startswith("thesisdesk")


def test_an_administrators_token_is_flagged(moodle_sim):
    findings = findings_of(moodle_sim.url, moodle_sim.token("admin"))
    assert not findings["token user"].ok
    assert "manager role" in findings["token user"].fix


def test_web_services_off_says_where_to_turn_them_on(moodle_sim):
    moodle_sim.site.set_webservices(False)
    findings = findings_of(moodle_sim.url, moodle_sim.token("thesisdesk"))
    assert not findings["reachable"].ok
    assert "enable web services" in findings["reachable"].fix


def test_an_unknown_token_says_how_to_make_one(moodle_sim):
    findings = findings_of(moodle_sim.url, "0" * 32)
    assert "Manage tokens" in findings["reachable"].fix


def test_an_unreachable_site_names_the_url():
    findings = findings_of("http://127.0.0.1:9", "0" * 32)
    assert not findings["reachable"].ok
    assert "http://127.0.0.1:9" in findings["reachable"].fix


def test_the_command_prints_findings_and_exits_non_zero_on_problems(moodle_sim, settings):
    settings.MOODLE_URL = moodle_sim.url
    settings.MOODLE_TOKEN = moodle_sim.token("thesisdesk")
    out = io.StringIO()
    assert run_check({}, out) == 0
    assert "All good." in out.getvalue()
    assert settings.MOODLE_TOKEN not in out.getvalue()
    settings.MOODLE_TOKEN = moodle_sim.token("admin")
    out = io.StringIO()
    assert run_check({"json": True}, out) == 1
    assert '"ok": false' in out.getvalue()


@pytest.mark.parametrize("missing", ["MOODLE_URL", "MOODLE_TOKEN"])
def test_without_a_configured_site_the_command_says_what_to_set(settings, missing):
    settings.MOODLE_URL = "http://moodle.test"
    settings.MOODLE_TOKEN = "x"
    setattr(settings, missing, "")
    out = io.StringIO()
    assert run_check({}, out) == 2
    assert "MOODLE_URL" in out.getvalue()
