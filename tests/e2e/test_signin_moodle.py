"""Browser journey: signing in with a (simulated) Moodle account in real Chromium.

A student and a teacher of the campaign's Moodle course sign in with their Moodle
passwords and land on the dashboard of their role; a wrong password is explained.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from thesisdesk.campaigns.models import Campaign
from thesisdesk.moodle.models import MoodleCourseLink
from thesisdesk.moodle.simulator import Simulator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (make system-deps installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def moodle(settings: Any) -> Iterator[Simulator]:
    """A simulated Moodle (the recorded sites' users: s1 student, t1 teacher of course 2)
    linked to a campaign."""
    sim = Simulator.start()
    campaign = Campaign.objects.create(
        name="Master en sciences informatiques 2026-2027",
        slug="info-2026",
        programme="Master en sciences informatiques",
        academic_year="2026-2027",
    )
    MoodleCourseLink.objects.create(campaign=campaign, courseid=2, shortname="MEM-2026")
    settings.MOODLE_URL = sim.url
    settings.MOODLE_TOKEN = sim.token("thesisdesk")
    try:
        yield sim
    finally:
        sim.stop()


def sign_in(browser: Any, live_server: Any, username: str, password: str) -> Any:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    return page


def test_student_and_teacher_land_on_their_dashboards(
    browser: Any, live_server: Any, moodle: Simulator
) -> None:
    student = sign_in(browser, live_server, "s1", "Student#2026")
    assert student.url == f"{live_server.url}/"
    assert student.locator("h1").inner_text() == "Hello Amélie"
    assert student.locator("#student-heading").is_visible()
    assert student.locator("#supervision-heading").count() == 0

    teacher = sign_in(browser, live_server, "t1", "Teacher#2026")
    assert teacher.url == f"{live_server.url}/"
    assert teacher.locator("#supervision-heading").is_visible()
    assert teacher.locator("#student-heading").count() == 0

    with teacher.expect_navigation():
        teacher.click("header button:has-text('Sign out')")
    assert teacher.url.startswith(f"{live_server.url}/accounts/login/")


def test_a_wrong_password_is_explained(browser: Any, live_server: Any, moodle: Simulator) -> None:
    page = sign_in(browser, live_server, "s1", "not-my-password")

    assert page.url.startswith(f"{live_server.url}/accounts/login/")
    assert "Your Moodle username or password is wrong" in page.locator("[role=alert]").inner_text()
