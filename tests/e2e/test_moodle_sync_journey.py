"""Issue 6's "Done means", in a real browser against the simulated Moodle: the coordinator
reads the plan of the linked campaign and applies it, moves a deadline and sees it reach
Moodle, a teacher hides a thesis section by hand in Moodle, and the coordinator sees the
drift reported and repairs it.

The Apply button and a moved deadline queue sync runs; the test runs the queued jobs itself
(`db_worker(batch=True)`, what the worker does), because the test database is shared with
the live server's thread only. The drift check runs within the request.
"""

from __future__ import annotations

from typing import Any

import pytest

from thesisdesk.deposits.tests.conftest import linked  # noqa: F401 - the fixture

from .helpers import run_queued_jobs, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_apply_move_a_deadline_and_repair_a_hand_edit(
    linked: Any,  # noqa: F811
    live_server: Any,
    new_page: Any,
    screenshot: Any,
    settings: Any,
) -> None:
    settings.TASKS_BACKEND = "database"
    base, sim_url = live_server.url, linked.sim.url
    campaign, thesis = linked.campaign, linked.thesis
    moodle_page = f"{base}/moodle/campaigns/{campaign.pk}/"

    # 1. The coordinator reads what will change in Moodle, and applies it.
    coordinator = new_page()
    sign_in(coordinator, base, "coord")
    coordinator.goto(moodle_page)
    plan = coordinator.locator("main").inner_text()
    assert "Thesis sections to create" in plan and "Deposit assignments to create" in plan
    screenshot(coordinator, "sync-01-plan")
    with coordinator.expect_navigation():
        coordinator.click("form[action$='/apply/'] button")
    run_queued_jobs()
    coordinator.goto(moodle_page)
    assert "Nothing to change" in coordinator.locator("main").inner_text()
    screenshot(coordinator, "sync-02-applied")

    # The supervisor, an editing teacher in Moodle, sees the thesis's section and its
    # assignments on the simulated Moodle's course page.
    teacher = new_page()
    teacher.goto(f"{sim_url}/simulator/teacher")
    teacher.fill("input[name=username]", "t1")
    teacher.fill("input[name=password]", "Teacher#2026")
    with teacher.expect_navigation():
        teacher.click("button[type=submit]")
    section = teacher.locator("section[data-sectionid]", has_text=thesis.title)
    assert "Dépôt final" in section.inner_text() and "2027-06-01 12:00 UTC" in section.inner_text()

    # 2. The coordinator moves the final deposit's deadline; Moodle follows.
    coordinator.goto(f"{base}/milestones/{linked.final.pk}/edit/")
    coordinator.fill("input[name=due_at]", "2027-06-08T14:00")  # Brussels time (CEST)
    with coordinator.expect_navigation():
        coordinator.click("main form button[type=submit]")
    run_queued_jobs()
    teacher.reload()
    section = teacher.locator("section[data-sectionid]", has_text=thesis.title)
    assert "2027-06-08 12:00 UTC" in section.inner_text()
    screenshot(teacher, "sync-03-deadline-in-moodle")

    # 3. The teacher hides the thesis's section by hand in Moodle.
    with teacher.expect_navigation():
        section.locator("button[value=hide]").click()
    assert "hidden" in teacher.locator("[role=status]").inner_text()

    # 4. The coordinator checks: the hand edit is reported; they repair it.
    with coordinator.expect_navigation():
        coordinator.goto(moodle_page)
    with coordinator.expect_navigation():
        coordinator.click("form[action$='/drift/check/'] button")
    coordinator.goto(moodle_page)
    drift = coordinator.locator("section[aria-labelledby=drift-heading]")
    assert thesis.title in drift.inner_text() and "hidden" in drift.inner_text()
    screenshot(coordinator, "sync-04-drift-reported")
    with coordinator.expect_navigation():
        drift.locator("form[action$='/drift/repair/'] button").first.click()
    run_queued_jobs()
    teacher.goto(f"{sim_url}/simulator/teacher")  # (reloading would post the hide again)
    section = teacher.locator("section[data-sectionid]", has_text=thesis.title)
    assert "(shown)" in section.locator("h3").inner_text()
    with coordinator.expect_navigation():
        coordinator.click("form[action$='/drift/check/'] button")
    coordinator.goto(moodle_page)
    assert (
        "Nothing: Moodle matches ThesisDesk"
        in coordinator.locator("section[aria-labelledby=drift-heading]").inner_text()
    )
    screenshot(coordinator, "sync-05-repaired")
