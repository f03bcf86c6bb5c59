"""Issues 6 and 8 "Done means" against a REAL Moodle with local_thesisdesk (skipped without one).

One journey, as the coordinator, the teachers and the students live it:

1. the coordinator links a campaign to a new course (the campaign's Moodle page), reads the
   plan there and presses Apply; the worker provisions groups, thesis sections restricted to
   their group, deposit assignments, calendar events and enrolments, checked in Moodle with
   its core functions (and as the student: their section only, their group's event only);
2. a deadline moved in ThesisDesk reaches Moodle (the assignment's due date and its calendar
   event); an extension reaches the student's submission status;
3. by hand in Moodle, a thesis section hidden (`core_courseformat_update_course`,
   `section_hide`, what the course page does) and an assignment deleted: both reported as
   drift and repaired on request;
4. a student signs in to Moodle (login/token.php, moodle_mobile_app), uploads and submits
   their final deposit and their plan (just past its deadline); the plugin's signed webhook
   reaches ThesisDesk's HTTP server (a real server thread on THESISDESK_LIVE_PORT, 8099 by
   default: the plugin's "ThesisDesk URL" must point there), the worker reads the
   submissions from Moodle, the supervisor sees both deposits (the plan late), is notified
   (e-mail and Moodle message, read back in Moodle) and downloads the same bytes through
   ThesisDesk (streamed from Moodle), as does the reader in the jury's zip; a poll finds
   nothing new; the reminder goes only to the student who has not deposited;
5. a renamed thesis, an abandoned one and a replaced guideline file reach Moodle.

A guideline file uploaded by the coordinator is published with the course (step 1) and the
student downloads it from Moodle.

The jobs (sync runs, webhook processing, notifications) run through the real worker code
(`db_worker(batch=True)`, what `thesisdesk worker` runs) in the test's thread. The test works
in a course it creates and deletes at the end, so it can run again on a shared site.

    set -a; . /work/moodle-lab/contract45.env; set +a   # MOODLE_URL, MOODLE_TOKEN, s1
    export MOODLE_WEBHOOK_SECRET=lab-webhook-secret
    export MOODLE_DIRROOT=/work/moodle-lab/moodle45     # optional: ad hoc tasks at once
    .venv/bin/pytest tests/sync/test_live_moodle_journey.py

Variables: MOODLE_URL, MOODLE_TOKEN (a manager's token on the thesisdesk service),
MOODLE_STUDENT_USERNAME / MOODLE_STUDENT_PASSWORD (the depositing student, as in
tests/contract) and MOODLE_WEBHOOK_SECRET (the plugin's webhook secret) are required.
Optional: MOODLE_SECOND_STUDENT (s2), MOODLE_TEACHERS (t1,t2: the supervisor, then the
reader), MOODLE_TEACHER_PASSWORD (Teacher#2026: the supervisor reads the Moodle message),
MOODLE_CATEGORY (1), THESISDESK_LIVE_PORT (8099), MOODLE_DIRROOT (a local site's code: the
test runs `admin/cli/adhoc_task.php --execute` itself, as www-data when run as root, instead
of waiting for the site's cron), MOODLE_WEBHOOK_TIMEOUT (300 s), THESISDESK_LIVE_KEEP_COURSE
(set: keep the course, to look at it in Moodle).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import subprocess
import time
import uuid
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

URL = os.environ.get("MOODLE_URL", "").rstrip("/")
TOKEN = os.environ.get("MOODLE_TOKEN", "")
STUDENT = os.environ.get("MOODLE_STUDENT_USERNAME", "")
STUDENT_PASSWORD = os.environ.get("MOODLE_STUDENT_PASSWORD", "")
SECRET = os.environ.get("MOODLE_WEBHOOK_SECRET", "")
SECOND_STUDENT = os.environ.get("MOODLE_SECOND_STUDENT", "s2")
TEACHERS = os.environ.get("MOODLE_TEACHERS", "t1,t2").split(",")
TEACHER_PASSWORD = os.environ.get("MOODLE_TEACHER_PASSWORD", "Teacher#2026")
CATEGORY = int(os.environ.get("MOODLE_CATEGORY", "1"))
PORT = int(os.environ.get("THESISDESK_LIVE_PORT", "8099"))
DIRROOT = os.environ.get("MOODLE_DIRROOT", "")
WEBHOOK_TIMEOUT = float(os.environ.get("MOODLE_WEBHOOK_TIMEOUT", "300"))
KEEP = bool(os.environ.get("THESISDESK_LIVE_KEEP_COURSE"))

pytestmark = [
    pytest.mark.skipif(
        not (URL and TOKEN and STUDENT and STUDENT_PASSWORD and SECRET),
        reason="no live Moodle (MOODLE_URL, MOODLE_TOKEN, MOODLE_STUDENT_USERNAME, "
        "MOODLE_STUDENT_PASSWORD, MOODLE_WEBHOOK_SECRET)",
    ),
    pytest.mark.django_db(transaction=True),
]

# Bytes of every value, so that a download that altered any byte shows.
MEMOIRE = b"%PDF-1.7\n% memoire final\n" + bytes(range(256)) * 1024 + b"\n%%EOF\n"
PLAN = b"%PDF-1.7\n% plan\n%%EOF\n"
GUIDE = b"%PDF-1.4\n1 0 obj<<>>endobj\n% guide\ntrailer<<>>\n%%EOF\n"
GUIDE_V2 = b"%PDF-1.7\n1 0 obj<<>>endobj\n% guide, second version\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def hook_server(transactional_db: Any, settings: Any) -> Iterator[str]:
    """ThesisDesk served over HTTP on 127.0.0.1:PORT (where the plugin posts its webhook)."""
    from pytest_django.live_server_helper import LiveServer

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    # Django's live server does not reuse an address: connections of a previous run, closed
    # by the server, keep the port in TIME_WAIT for up to a minute.
    deadline = time.monotonic() + 90
    while True:
        try:
            server = LiveServer(f"127.0.0.1:{PORT}")
            break
        except OSError as error:
            if error.errno != errno.EADDRINUSE or time.monotonic() > deadline:
                pytest.fail(f"cannot serve ThesisDesk on 127.0.0.1:{PORT} for the webhook: {error}")
            time.sleep(2)
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def moodle(settings: Any, tmp_path: Any) -> Iterator[Any]:
    from thesisdesk.moodle.client import MoodleClient

    settings.MEDIA_ROOT = tmp_path  # the guideline files ThesisDesk keeps
    settings.MOODLE_URL = URL
    settings.MOODLE_TOKEN = TOKEN
    settings.MOODLE_WEBHOOK_SECRET = SECRET
    settings.MOODLE_MAX_INPUT_VARS = 1000
    client = MoodleClient.from_settings()
    yield client
    client.close()


class Report:
    """Timings, printed at the end whatever the outcome (visible with or without -s)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, what: str, seconds: float | None = None) -> None:
        self.lines.append(what if seconds is None else f"{what}: {seconds:.1f} s")


@pytest.fixture
def report(capsys: Any) -> Iterator[Report]:
    timings = Report()
    yield timings
    with capsys.disabled():
        print(f"\n[live Moodle journey on {URL}]")
        for line in timings.lines:
            print("  " + line)


def run_jobs() -> None:
    """What `thesisdesk worker` does: run every queued job (sync runs, webhook deliveries,
    notifications) until the queue is empty."""
    from thesisdesk.moodle.worker import db_worker

    db_worker(batch=True, install_signals=False, interval=0.1).run()


def run_adhoc_tasks() -> None:
    """Moodle's ad hoc tasks now (the plugin's webhook is one), as the web server's user."""
    command = ["php", f"{DIRROOT}/admin/cli/adhoc_task.php", "--execute"]
    if os.geteuid() == 0:  # files Moodle writes must stay the web server's
        command = ["runuser", "-u", "www-data", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=300)


def ok(client: Any, function: str, params: dict[str, Any]) -> Any:
    answer = client.call(function, params)
    assert not (isinstance(answer, dict) and "exception" in answer), answer
    return answer


def by_key(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["key"]: item for item in items}


def test_coordinator_student_and_teachers_on_a_real_moodle(
    client: Any, hook_server: str, moodle: Any, report: Report
) -> None:
    from thesisdesk.campaigns.models import Role
    from thesisdesk.deposits.models import Deposit, WebhookDelivery
    from thesisdesk.deposits.services import deposits_poll
    from thesisdesk.documents.services import guideline_file_replace, guideline_file_upload
    from thesisdesk.milestones.models import MilestoneKind
    from thesisdesk.milestones.services import milestone_extend, milestone_update
    from thesisdesk.moodle.models import MoodleCourseLink, SyncRun
    from thesisdesk.notifications.models import Event, Notification
    from thesisdesk.notifications.services import reminders_send
    from thesisdesk.people.models import NotificationChannel
    from thesisdesk.testing.factories import (
        make_campaign,
        make_member,
        make_milestone,
        make_thesis,
    )
    from thesisdesk.theses.models import ThesisState
    from thesisdesk.theses.services import thesis_abandon, thesis_update

    # ThesisDesk: a campaign with two theses, people known by their Moodle usernames.
    now = datetime.now(tz=UTC).replace(microsecond=0)
    campaign = make_campaign()
    coordinator = make_member(campaign, Role.COORDINATOR)
    supervisor = make_member(
        campaign,
        Role.SUPERVISOR,
        moodle_username=TEACHERS[0],
        email=f"{TEACHERS[0]}@example.edu",
        notification_channel=NotificationChannel.BOTH,
    )
    reader = make_member(campaign, Role.READER, moodle_username=TEACHERS[1])
    student = make_member(campaign, Role.STUDENT, moodle_username=STUDENT)
    other = make_member(campaign, Role.STUDENT, moodle_username=SECOND_STUDENT)
    thesis = make_thesis(
        campaign=campaign,
        students=[student],
        supervisors=[supervisor],
        readers=[reader],
        title="Apprentissage fédéré et vie privée",
    )
    second = make_thesis(
        campaign=campaign,
        students=[other],
        supervisors=[reader],
        title="Réseaux de capteurs sobres",
    )
    plan = make_milestone(
        campaign=campaign, kind=MilestoneKind.PLAN, title="Plan", due_at=now + timedelta(days=30)
    )
    final = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=now + timedelta(days=120),
    )
    defense = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.DEFENSE_PERIOD,
        title="Défenses",
        due_at=now + timedelta(days=140),
    )
    campaign.allocation_published_at = now - timedelta(days=1)
    campaign.save(update_fields=["allocation_published_at"])
    prefix = f"campaign:{campaign.pk}"
    client.force_login(coordinator.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the pages' texts checked below
    page = reverse("moodle:campaign-detail", args=[campaign.pk])

    # 1. Link to a new course, read the plan, apply.
    shortname = f"TD-LIVE-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    answer = client.post(
        reverse("moodle:campaign-link", args=[campaign.pk]),
        {
            "course": shortname,
            "create_in_category": CATEGORY,
            "role_student": "student",
            "role_supervisor": "editingteacher",
            "role_co_supervisor": "editingteacher",
            "role_reader": "teacher",
            "role_coordinator": "editingteacher",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    link = MoodleCourseLink.objects.get(campaign=campaign)
    courseid = link.courseid
    try:
        # The coordinator's guideline document, published to the course with the rest.
        guide = guideline_file_upload(
            actor=coordinator.user,
            campaign=campaign,
            title="Guide de rédaction",
            upload=io.BytesIO(GUIDE),
            filename="guide.pdf",
        )
        shown = client.get(page).content.decode()
        report.add("link (course created) + plan page", time.monotonic() - started)
        assert "What will change in Moodle" in shown and shortname in shown
        labels = ("create group", "create section", "create assignment", "create event")
        for label in (*labels, "create resource"):
            assert label in shown, f"the plan does not say {label!r}"

        started = time.monotonic()
        assert client.post(reverse("moodle:campaign-apply", args=[campaign.pk])).status_code == 302
        run_jobs()
        report.add("apply (2 theses, from nothing)", time.monotonic() - started)
        run = SyncRun.objects.filter(campaign=campaign).latest("pk")
        assert run.status == SyncRun.Status.SUCCEEDED, (run.status, run.error)
        assert "Nothing to change: Moodle matches ThesisDesk." in client.get(page).content.decode()
        as_student = moodle.with_token(
            moodle.login_token(STUDENT, STUDENT_PASSWORD, "moodle_mobile_app").token
        )
        guide.refresh_from_db()
        assert guide.is_published and guide.moodle_cmid
        assert course_file(as_student, courseid, guide.moodle_cmid) == ("guide.pdf", GUIDE)
        check_provisioned(
            moodle,
            as_student,
            courseid,
            prefix,
            dict(
                thesis=thesis,
                second=second,
                plan=plan,
                final=final,
                defense=defense,
                supervisor=supervisor,
                reader=reader,
                student=student,
                other=other,
            ),
        )

        # 2. A deadline moved in ThesisDesk reaches Moodle.
        new_due = final.due_at + timedelta(days=7, hours=3)
        started = time.monotonic()
        milestone_update(actor=coordinator.user, milestone=final, due_at=new_due)
        run_jobs()
        report.add("moved deadline reaches Moodle", time.monotonic() - started)
        assert SyncRun.objects.filter(campaign=campaign).latest("pk").status == "succeeded"
        check_due_date(moodle, courseid, prefix, thesis, second, final, int(new_due.timestamp()))
        assert "Nothing to change: Moodle matches ThesisDesk." in client.get(page).content.decode()

        # An extension granted to the second thesis: its student sees the later date in Moodle.
        extended = new_due + timedelta(days=10)
        started = time.monotonic()
        milestone_extend(
            actor=coordinator.user, milestone=final, thesis=second, due_at=extended, reason="Stage"
        )
        run_jobs()
        report.add("extension reaches Moodle", time.monotonic() - started)
        assert SyncRun.objects.filter(campaign=campaign).latest("pk").status == "succeeded"
        second_final = f"{prefix}/thesis:{second.pk}/milestone:{final.pk}/assignment"
        second_assign = int(
            by_key(state(moodle, courseid, "assignment"))[second_final]["instanceid"]
        )
        as_other = moodle.with_token(
            moodle.login_token(SECOND_STUDENT, STUDENT_PASSWORD, "moodle_mobile_app").token
        )
        status = ok(as_other, "mod_assign_get_submission_status", {"assignid": second_assign})
        assert status["lastattempt"]["extensionduedate"] == int(extended.timestamp()), status

        # 3. By hand in Moodle: a thesis section hidden, another thesis's plan assignment
        #    deleted. Both reported as drift, then repaired.
        section_key = f"{prefix}/thesis:{thesis.pk}/section"
        deleted_key = f"{prefix}/thesis:{second.pk}/milestone:{plan.pk}/assignment"
        items = by_key(state(moodle, courseid))
        sectionid = int(items[section_key]["id"])
        ok(
            moodle,
            "core_courseformat_update_course",
            {"action": "section_hide", "courseid": courseid, "ids": [sectionid]},
        )
        ok(moodle, "core_course_delete_modules", {"cmids": [int(items[deleted_key]["id"])]})
        assert section_visible(moodle, courseid, sectionid) is False
        started = time.monotonic()
        client.post(reverse("moodle:drift-check", args=[campaign.pk]))
        report.add("drift check", time.monotonic() - started)
        link.refresh_from_db()
        assert sorted((d["key"], d["change"]) for d in link.drift) == [
            (section_key, "hidden"),
            (deleted_key, "deleted"),
        ], link.drift
        shown = client.get(page).content.decode()
        assert "Changed by hand in Moodle" in shown and "Repair in Moodle" in shown
        started = time.monotonic()
        client.post(
            reverse("moodle:drift-repair", args=[campaign.pk]), {"key": [section_key, deleted_key]}
        )
        run_jobs()
        report.add("drift repaired", time.monotonic() - started)
        assert SyncRun.objects.filter(campaign=campaign).latest("pk").status == "succeeded"
        assert section_visible(moodle, courseid, sectionid) is True
        back = by_key(state(moodle, courseid, "assignment"))[deleted_key]
        assert back["exists"] and back["instanceid"] != items[deleted_key]["instanceid"], back
        client.post(reverse("moodle:drift-check", args=[campaign.pk]))
        link.refresh_from_db()
        assert link.drift == []

        # 4. The student deposits in Moodle: the final deposit (on time) and the plan, whose
        #    deadline has just passed (late); the webhook brings both to ThesisDesk.
        milestone_update(actor=coordinator.user, milestone=plan, due_at=now - timedelta(hours=2))
        run_jobs()
        assigns = by_key(state(moodle, courseid, "assignment"))
        final_key = f"{prefix}/thesis:{thesis.pk}/milestone:{final.pk}/assignment"
        plan_key = f"{prefix}/thesis:{thesis.pk}/milestone:{plan.pk}/assignment"
        assert assigns[plan_key]["duedate"] == int((now - timedelta(hours=2)).timestamp())
        submit(as_student, int(assigns[plan_key]["instanceid"]), "plan.pdf", PLAN)
        submit(as_student, int(assigns[final_key]["instanceid"]), "memoire-final.pdf", MEMOIRE)
        submitted = time.monotonic()
        deposits_page = reverse("deposits:thesis-deposits", args=[thesis.pk])
        client.force_login(supervisor.user)
        if DIRROOT:
            run_adhoc_tasks()
        while True:
            run_jobs()
            shown = client.get(deposits_page).content.decode()
            if "memoire-final.pdf" in shown and "plan.pdf" in shown:
                break
            if time.monotonic() - submitted > WEBHOOK_TIMEOUT:
                pytest.fail(
                    f"no deposit shown {WEBHOOK_TIMEOUT:.0f} s after the submission; "
                    f"webhook deliveries: {list(WebhookDelivery.objects.values('key', 'error'))}"
                )
            time.sleep(1)
        how = "adhoc_task.php run by the test" if DIRROOT else "the site's cron"
        report.add(f"submissions -> shown to the supervisor ({how})", time.monotonic() - submitted)

        late = Deposit.objects.get(thesis=thesis, milestone=plan)
        assert late.source == Deposit.Source.WEBHOOK and late.is_late
        deposit = Deposit.objects.get(thesis=thesis, milestone=final)
        assert deposit.source == Deposit.Source.WEBHOOK, "shown by polling, not by the webhook"
        assert deposit.status == Deposit.Status.SUBMITTED and not deposit.is_late
        deliveries = WebhookDelivery.objects.filter(courseid=courseid)
        assert {d.key for d in deliveries} == {final_key, plan_key}
        assert all(d.processed_at and not d.error for d in deliveries), [
            (d.event, d.error) for d in deliveries
        ]
        report.add(f"webhook calls for the submissions: {[d.event for d in deliveries]}")
        thesis.refresh_from_db()
        assert thesis.state == ThesisState.DEPOSITED
        assert not Deposit.objects.filter(thesis=second).exists()

        # The supervisor is notified, by e-mail and by a Moodle message, once each.
        # The supervisor is notified, by e-mail and by a Moodle message, once each per deposit;
        # the plan's notice says it is late. The student gets a receipt for each.
        for event in (Event.DEPOSIT_NOTICE, Event.LATE_DEPOSIT):
            notices = Notification.objects.filter(person=supervisor, event=event)
            assert sorted((n.channel, n.status) for n in notices) == [
                ("email", "sent"),
                ("moodle", "sent"),
            ], [(n.channel, n.status, n.error) for n in notices]
        to_supervisor = [m for m in mail.outbox if m.to == [f"{TEACHERS[0]}@example.edu"]]
        assert len(to_supervisor) == 2 and all(thesis.title in m.body for m in to_supervisor)
        receipts = Notification.objects.filter(person=student, event=Event.DEPOSIT_RECEIPT)
        assert [(n.channel, n.status) for n in receipts] == [("email", "sent")] * 2
        supervisor.refresh_from_db()
        check_moodle_message(moodle, supervisor, thesis.title)

        # The supervisor downloads the file through ThesisDesk: the very same bytes.
        file = deposit.files.get()
        started = time.monotonic()
        download = client.get(reverse("deposits:file-download", args=[file.pk]))
        body = b"".join(download.streaming_content)
        report.add(f"download of {len(MEMOIRE)} bytes", time.monotonic() - started)
        assert hashlib.sha256(body).hexdigest() == hashlib.sha256(MEMOIRE).hexdigest()

        # The reader of the thesis downloads the jury's zip of final deposits (streamed from
        # Moodle entry by entry): the same bytes again.
        client.force_login(reader.user)
        archive = client.get(reverse("deposits:campaign-final-zip", args=[campaign.pk]))
        assert archive.status_code == 200
        with zipfile.ZipFile(io.BytesIO(b"".join(archive.streaming_content))) as jury:
            (entry,) = [n for n in jury.namelist() if n.endswith("memoire-final.pdf")]
            assert jury.read(entry) == MEMOIRE and "ERRORS.txt" not in jury.namelist()

        # Polling, the safety net, finds nothing new and notifies nobody again.
        sent = Notification.objects.count()
        polled = deposits_poll(campaign=campaign)
        assert polled.errors == [] and polled.recorded == 0, polled
        assert polled.assignments == 4
        assert Notification.objects.count() == sent

        # The day before the (extended) final deadline, only the student who has not
        # deposited is reminded.
        reminded = reminders_send(now=extended - timedelta(hours=12))
        to_final = {n.person_id for n in reminded if f"milestone:{final.pk}/" in n.idempotency_key}
        assert to_final == {other.pk}, to_final

        # 5. A renamed thesis and an abandoned one: one run; the abandoned thesis's section is
        #    hidden and kept, its group event removed.
        started = time.monotonic()
        thesis_update(actor=coordinator.user, thesis=thesis, title="Apprentissage fédéré, v2")
        thesis_abandon(actor=coordinator.user, thesis=second, reason="Changement d'orientation")
        guideline_file_replace(
            actor=coordinator.user,
            guideline=guide,
            upload=io.BytesIO(GUIDE_V2),
            filename="guide-v2.pdf",
        )
        run_jobs()
        report.add("rename + abandon reach Moodle", time.monotonic() - started)
        assert SyncRun.objects.filter(campaign=campaign).latest("pk").status == "succeeded"
        sections = {
            int(s["id"]): s for s in ok(moodle, "core_course_get_contents", {"courseid": courseid})
        }
        items = by_key(state(moodle, courseid))
        assert sections[sectionid]["name"] == "Apprentissage fédéré, v2"
        abandoned = sections[int(items[f"{prefix}/thesis:{second.pk}/section"]["id"])]
        assert abandoned["visible"] == 0 and abandoned["name"] == second.title
        assert f"{prefix}/thesis:{second.pk}/milestone:{defense.pk}/event" not in items
        groups = {
            g["name"] for g in ok(moodle, "core_group_get_course_groups", {"courseid": courseid})
        }
        assert f"Apprentissage fédéré, v2 [{thesis.pk}]" in groups
        cmid = guide.moodle_cmid
        guide.refresh_from_db()
        assert guide.moodle_cmid == cmid  # replaced in the same activity
        assert course_file(as_student, courseid, cmid) == ("guide-v2.pdf", GUIDE_V2)
        client.force_login(coordinator.user)
        assert "Nothing to change: Moodle matches ThesisDesk." in client.get(page).content.decode()
    finally:
        if not KEEP:
            ok(moodle, "core_course_delete_courses", {"courseids": [courseid]})


def submit(as_student: Any, assignid: int, name: str, data: bytes) -> None:
    """What the student does in Moodle: upload the file, save the submission, submit it."""
    from thesisdesk.moodle.client.errors import MoodleError

    draft = as_student.upload([(name, data)])
    ok(
        as_student,
        "mod_assign_save_submission",
        {"assignmentid": assignid, "plugindata": {"files_filemanager": draft.itemid}},
    )
    # An assignment without a "submit" step submits on save; then this one refuses.
    with contextlib.suppress(MoodleError):
        as_student.call(
            "mod_assign_submit_for_grading",
            {"assignmentid": assignid, "acceptsubmissionstatement": 1},
        )


# -- checks in Moodle through its core functions ------------------------------------------------
def course_file(as_user: Any, courseid: int, cmid: int) -> tuple[str, bytes]:
    """The file of a resource activity, as a course participant downloads it."""
    sections = ok(as_user, "core_course_get_contents", {"courseid": courseid})
    (module,) = [m for s in sections for m in s["modules"] if int(m["id"]) == cmid]
    (content,) = [c for c in module.get("contents", []) if c["type"] == "file"]
    with as_user.download(content["fileurl"]) as download:
        return content["filename"], b"".join(download)


def state(moodle: Any, courseid: int, *kinds: str) -> list[dict[str, Any]]:
    params: dict[str, Any] = {"courseid": courseid}
    if kinds:
        params["kinds"] = list(kinds)
    return list(ok(moodle, "local_thesisdesk_get_state", params)["items"])


def section_visible(moodle: Any, courseid: int, sectionid: int) -> bool:
    sections = ok(moodle, "core_course_get_contents", {"courseid": courseid})
    (section,) = [s for s in sections if int(s["id"]) == sectionid]
    return bool(section["visible"])


def check_provisioned(
    moodle: Any, as_student: Any, courseid: int, prefix: str, scope: dict[str, Any]
) -> None:
    """Groups, restricted sections, assignments, events and enrolments, as Moodle shows them
    (the sections' group restriction as the student sees the course)."""
    thesis, second = scope["thesis"], scope["second"]
    plan, final, defense = scope["plan"], scope["final"], scope["defense"]
    from thesisdesk.people.models import Person

    ids = {p.pk: p.moodle_user_id for p in Person.objects.all()}
    for person in (scope["supervisor"], scope["reader"], scope["student"], scope["other"]):
        assert ids[person.pk], f"{person} has no Moodle id: their username was not resolved"
    sup, rdr, stu, oth = (
        ids[scope[name].pk] for name in ("supervisor", "reader", "student", "other")
    )

    groups = {
        g["name"]: int(g["id"])
        for g in ok(moodle, "core_group_get_course_groups", {"courseid": courseid})
    }
    group_a = groups[f"{thesis.title} [{thesis.pk}]"]
    group_b = groups[f"{second.title} [{second.pk}]"]
    members = {
        int(entry["groupid"]): set(entry["userids"])
        for entry in ok(moodle, "core_group_get_group_members", {"groupids": [group_a, group_b]})
    }
    assert members[group_a] == {sup, rdr, stu}
    assert members[group_b] == {rdr, oth}

    items = by_key(state(moodle, courseid))
    sections = {
        s["name"]: s for s in ok(moodle, "core_course_get_contents", {"courseid": courseid})
    }
    for t, group in ((thesis, group_a), (second, group_b)):
        section = sections[t.title]
        assert section["visible"] == 1
        assert items[f"{prefix}/thesis:{t.pk}/section"]["groupid"] == group
        modules = {m["name"] for m in section["modules"] if m["modname"] == "assign"}
        assert modules == {plan.title, final.title}, section["modules"]
    # The student's own thesis section with its assignments; the other one is closed to them.
    seen = {
        s["name"]: s for s in ok(as_student, "core_course_get_contents", {"courseid": courseid})
    }
    mine = seen[thesis.title]
    assert mine.get("uservisible", True) and {
        m["name"] for m in mine["modules"] if m.get("uservisible", True)
    } == {plan.title, final.title}, mine
    theirs = seen.get(second.title)
    assert theirs is None or not [m for m in theirs["modules"] if m.get("uservisible")], theirs

    assignments = {
        int(a["id"]): a
        for course in ok(
            moodle,
            "mod_assign_get_assignments",
            {"courseids": [courseid], "includenotenrolledcourses": 1},
        )["courses"]
        for a in course["assignments"]
    }
    for t in (thesis, second):
        for milestone in (plan, final):
            key = f"{prefix}/thesis:{t.pk}/milestone:{milestone.pk}/assignment"
            assign = assignments[int(items[key]["instanceid"])]
            assert assign["duedate"] == int(milestone.due_at.timestamp())
            assert assign["name"] == milestone.title

    # A group event per thesis for the defence; each student sees their group's only.
    due = int(defense.due_at.timestamp())
    for t in (thesis, second):
        event = items[f"{prefix}/thesis:{t.pk}/milestone:{defense.pk}/event"]
        assert due in (event["timestart"], event["timestart"] + event["timeduration"]), event
    for who, groupids, expected in (
        (moodle, [group_a, group_b], [group_a, group_b]),
        (as_student, [group_a, group_b], [group_a]),
    ):
        events = [e for e in calendar_events(who, courseid, groupids) if e["name"] == defense.title]
        assert sorted(int(e["groupid"]) for e in events) == sorted(expected), events
        assert all(e["eventtype"] == "group" for e in events)
        assert all(due in (e["timestart"], e["timestart"] + e["timeduration"]) for e in events)

    enrolled: dict[int, set[str]] = {
        int(u["id"]): {r["shortname"] for r in u.get("roles", [])}
        for u in ok(moodle, "core_enrol_get_enrolled_users", {"courseid": courseid})
    }
    assert enrolled[stu] == {"student"} and enrolled[oth] == {"student"}
    assert enrolled[sup] == {"editingteacher"}
    assert enrolled[rdr] == {"teacher", "editingteacher"}  # reader of A, supervisor of B


def calendar_events(moodle: Any, courseid: int, groupids: list[int]) -> list[dict[str, Any]]:
    answer = ok(
        moodle,
        "core_calendar_get_calendar_events",
        {
            "events": {"courseids": [courseid], "groupids": groupids},
            # Not userevents=0: Moodle then leaves group events out too.
            "options": {"timestart": 0, "timeend": int(time.time()) + 3 * 365 * 86400},
        },
    )
    return [e for e in answer["events"] if int(e["courseid"]) == courseid]


def check_due_date(
    moodle: Any, courseid: int, prefix: str, thesis: Any, second: Any, final: Any, due: int
) -> None:
    items = by_key(state(moodle, courseid, "assignment"))
    assignids = {
        int(items[f"{prefix}/thesis:{t.pk}/milestone:{final.pk}/assignment"]["instanceid"])
        for t in (thesis, second)
    }
    assignments = [
        a
        for course in ok(
            moodle,
            "mod_assign_get_assignments",
            {"courseids": [courseid], "includenotenrolledcourses": 1},
        )["courses"]
        for a in course["assignments"]
        if int(a["id"]) in assignids
    ]
    assert [a["duedate"] for a in assignments] == [due, due]
    groups = [
        int(g["id"]) for g in ok(moodle, "core_group_get_course_groups", {"courseid": courseid})
    ]
    due_events = [
        e
        for e in calendar_events(moodle, courseid, groups)
        if e["modulename"] == "assign"
        and int(e["instance"]) in assignids
        and e["eventtype"] == "due"
    ]
    assert sorted(int(e["instance"]) for e in due_events) == sorted(assignids), due_events
    assert {e["timestart"] for e in due_events} == {due}


def check_moodle_message(moodle: Any, supervisor: Any, title: str) -> None:
    """The supervisor reads the deposit notice among their Moodle notifications."""
    token = moodle.login_token(supervisor.moodle_username, TEACHER_PASSWORD, "moodle_mobile_app")
    as_teacher = moodle.with_token(token.token)
    answer = ok(
        as_teacher,
        "core_message_get_messages",
        {
            "useridto": supervisor.moodle_user_id,
            "type": "notifications",
            "read": 0,
            "newestfirst": 1,
            "limitnum": 20,
        },
    )
    subjects = [m["subject"] + " " + (m.get("fullmessage") or "") for m in answer["messages"]]
    assert any(title in text for text in subjects), subjects
