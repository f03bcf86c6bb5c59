"""Issue 8's "Done means", in a real browser: a student deposits a file on the simulated
Moodle's page, ThesisDesk shows it within seconds, the supervisor has the notification and
downloads the very same bytes, and the deadline reminder goes only to those who have not
deposited.

How the deposit travels: the simulated Moodle calls ThesisDesk's signed webhook
(`/hooks/moodle/` on `live_server`, HMAC with the shared secret) as the plugin does; the
webhook only stores the delivery and queues a job, and the test then runs the queued jobs
(`db_worker(batch=True)`, what the worker process or `thesisdesk run`'s in-process worker
does) in the test's thread, because the test database is shared with the live server's
thread only. Polling is not used: no deposit could be shown without the webhook.
"""

from __future__ import annotations

import hashlib
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from thesisdesk.deposits.models import Deposit, WebhookDelivery
from thesisdesk.deposits.tests.conftest import linked  # noqa: F401 - the fixture
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.notifications import services as notifications
from thesisdesk.notifications.models import Event, Notification
from thesisdesk.testing.factories import make_milestone

from .helpers import run_queued_jobs, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECRET = "e2e-webhook-secret"
PLAN_DUE = datetime(2027, 1, 29, 22, 59, tzinfo=UTC)  # 23:59 in Brussels
# A PDF-looking file with bytes of every value, so a download that altered any byte shows.
PLAN_PDF = b"%PDF-1.7\n% plan de memoire\n" + bytes(range(256)) * 2048 + b"\n%%EOF\n"


@pytest.fixture
def journey(linked: Any, live_server: Any, settings: Any) -> Any:  # noqa: F811
    """The personas' campaign linked to the simulated Moodle, with a plan due in the
    future synced as an assignment in each thesis's section, and the simulator's webhook
    pointed at the live server."""
    settings.MOODLE_WEBHOOK_SECRET = SECRET
    settings.TASKS_BACKEND = "database"
    # As under `make run` without EMAIL_URL: e-mails are kept and read in ThesisDesk, and
    # their links point at this server.
    settings.EMAIL_BACKEND = "thesisdesk.notifications.mail.OutboxEmailBackend"
    settings.SITE_URL = live_server.url
    plan = make_milestone(
        campaign=linked.campaign, kind=MilestoneKind.PLAN, title="Plan du mémoire", due_at=PLAN_DUE
    )
    linked.apply()
    linked.sim.site.set_webhook(f"{live_server.url}/hooks/moodle/", SECRET)
    return linked, plan


def test_student_deposits_supervisor_is_told_and_downloads_the_same_bytes(
    journey: Any, live_server: Any, new_page: Any, screenshot: Any, tmp_path: Path
) -> None:
    journey, plan = journey
    base, sim_url = live_server.url, journey.sim.url
    thesis = journey.thesis

    # The supervisor looks at the thesis's deposits: nothing yet.
    supervisor = new_page()
    sign_in(supervisor, base, "promoteur")
    supervisor.goto(f"{base}/deposits/theses/{thesis.pk}/")
    row = supervisor.locator("tr", has_text="Plan du mémoire")
    assert "plan.pdf" not in row.inner_text()

    # 1. The student signs in on the simulated Moodle's page and sees their thesis's
    #    assignments (and no other thesis's); they submit the plan for grading.
    student = new_page()
    student.goto(f"{sim_url}/simulator/")
    student.fill("input[name=username]", "s1")
    student.fill("input[name=password]", "Student#2026")
    with student.expect_navigation():
        student.click("form[action='/simulator/login'] button")
    assignment = student.locator("section", has=student.locator("h2", has_text="Plan du mémoire"))
    assert assignment.count() == 1, "the student's plan assignment is not on their page"
    assert thesis.title in assignment.locator("h2").inner_text()
    assert journey.second.title not in student.content()  # another group's section
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(PLAN_PDF)
    assignment.locator("input[type=file]").set_input_files(str(pdf))
    screenshot(student, "deposit-01-simulated-moodle")
    started = time.monotonic()
    with student.expect_navigation():
        assignment.locator("button[type=submit]").click()
    assert "submitted for grading" in student.locator("[role=status]").inner_text()
    screenshot(student, "deposit-02-submitted")

    # 2. Moodle calls the webhook; the worker reads the submission from Moodle.
    journey.sim.site.wait_for_webhooks()
    deliveries = journey.sim.site.webhook_deliveries
    assert [d["status"] for d in deliveries] == [202, 202], deliveries
    assert WebhookDelivery.objects.count() == 2
    run_queued_jobs()

    # 3. ThesisDesk shows the deposit to the supervisor, within seconds of the click.
    supervisor.reload()
    row = supervisor.locator("tr", has_text="Plan du mémoire")
    assert "plan.pdf" in row.inner_text()
    shown_after = time.monotonic() - started
    assert shown_after < 10, f"shown {shown_after:.1f} s after the deposit"
    print(f"deposit shown to the supervisor {shown_after:.2f} s after the click")  # with -s
    screenshot(supervisor, "deposit-03-supervisor-sees-it")
    deposit = Deposit.objects.get(thesis=thesis, milestone=plan)
    assert deposit.source == Deposit.Source.WEBHOOK and not deposit.is_late

    # 4. The supervisor has the notification (their history), sent once, and reads it.
    supervisor.goto(f"{base}/notifications/mine/")
    history = supervisor.locator("main table").inner_text()
    assert "Plan du mémoire" in history and thesis.title in history
    notices = Notification.objects.filter(
        person=journey.personas.supervisor.person, event=Event.DEPOSIT_NOTICE
    )
    assert notices.count() == 1 and notices.get().status == Notification.Status.SENT
    screenshot(supervisor, "deposit-04-supervisor-notified")
    with supervisor.expect_navigation():
        supervisor.locator("main table a", has_text="Plan du mémoire").click()
    message = supervisor.locator("main").inner_text()
    assert thesis.title in message and "Emma Étudiante" in message
    screenshot(supervisor, "deposit-05-notice-read")

    # 5. The message's link leads to the deposit; the supervisor downloads the file from
    #    ThesisDesk (streamed from Moodle): the same bytes.
    with supervisor.expect_navigation():
        supervisor.locator(f"main a[href='{base}/deposits/theses/{thesis.pk}/']").click()
    with supervisor.expect_download() as download_info:
        supervisor.locator("tr", has_text="Plan du mémoire").locator(
            "a", has_text="plan.pdf"
        ).click()
    download = download_info.value
    assert download.suggested_filename == "plan.pdf"
    downloaded = Path(download.path()).read_bytes()
    assert hashlib.sha256(downloaded).hexdigest() == hashlib.sha256(PLAN_PDF).hexdigest()

    # 6. The day before the deadline, the reminder goes to the students of the thesis that
    #    has not deposited its plan, not to the student who did.
    reminded = notifications.reminders_send(now=PLAN_DUE - timedelta(hours=12))
    to_plan = {n.person_id for n in reminded if f"milestone:{plan.pk}/" in n.idempotency_key}
    second_students = {p.pk for p in journey.second.students.all()}
    assert to_plan == second_students and len(second_students) == 2
    assert journey.personas.student.person.pk not in to_plan
