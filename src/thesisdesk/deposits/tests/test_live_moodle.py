"""The deposit flow against a real Moodle with local_thesisdesk (skipped without one):
ThesisDesk provisions a new course, a student deposits through Moodle's web services, Moodle's
ad hoc task POSTs the signed webhook to ThesisDesk, the worker reads the submission, and the
file downloads through ThesisDesk.

    THESISDESK_DEPOSITS_LIVE_URL=http://127.0.0.1:8081 \\
    THESISDESK_DEPOSITS_LIVE_TOKEN=<manager token on the thesisdesk service> \\
    THESISDESK_DEPOSITS_LIVE_DIRROOT=/work/moodle-lab/moodle45 \\
    THESISDESK_DEPOSITS_LIVE_SECRET=lab-webhook-secret \\
    .venv/bin/pytest src/thesisdesk/deposits/tests/test_live_moodle.py --liveserver 127.0.0.1:8099

The plugin's ThesisDesk URL must be the live server's (http://127.0.0.1:8099); users t1
(supervisor) and s1 (password THESISDESK_DEPOSITS_LIVE_STUDENT_PASSWORD) as in the lab, found
by username. The course is deleted at the end. tests/sync/test_live_moodle_journey.py walks
the whole journey (sync, drift, deposit) on a real site.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import uuid

import pytest
from django.urls import reverse

from thesisdesk.deposits.models import Deposit, WebhookDelivery
from thesisdesk.theses.models import ThesisState

URL = os.environ.get("THESISDESK_DEPOSITS_LIVE_URL", "").rstrip("/")
TOKEN = os.environ.get("THESISDESK_DEPOSITS_LIVE_TOKEN", "")
DIRROOT = os.environ.get("THESISDESK_DEPOSITS_LIVE_DIRROOT", "")
pytestmark = [
    pytest.mark.skipif(not (URL and TOKEN and DIRROOT), reason="no live Moodle"),
    pytest.mark.django_db(transaction=True),
]


def test_deposit_on_a_real_moodle_reaches_thesisdesk(client, live_server, settings, request):
    from datetime import UTC, datetime

    from thesisdesk.campaigns.models import Role
    from thesisdesk.milestones.models import MilestoneKind
    from thesisdesk.moodle import services as moodle_services
    from thesisdesk.moodle.client import MoodleClient
    from thesisdesk.moodle.client.errors import MoodleError
    from thesisdesk.moodle.models import SyncRun
    from thesisdesk.moodle.sync.gateway import MoodleGateway
    from thesisdesk.moodle.worker import db_worker
    from thesisdesk.testing.factories import (
        make_campaign,
        make_member,
        make_milestone,
        make_thesis,
    )

    settings.MOODLE_URL = URL
    settings.MOODLE_TOKEN = TOKEN
    settings.MOODLE_WEBHOOK_SECRET = os.environ.get(
        "THESISDESK_DEPOSITS_LIVE_SECRET", "lab-webhook-secret"
    )
    moodle = MoodleClient(URL, TOKEN)
    campaign = make_campaign()
    # Moodle ids are resolved from the usernames by the sync engine (they differ per site).
    supervisor = make_member(campaign, Role.SUPERVISOR, moodle_username="t1")
    student = make_member(campaign, Role.STUDENT, moodle_username="s1")
    thesis = make_thesis(campaign=campaign, students=[student], supervisors=[supervisor])
    final = make_milestone(
        campaign=campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        title="Dépôt final",
        due_at=datetime(2030, 6, 1, tzinfo=UTC),
    )
    campaign.allocation_published_at = datetime(2026, 10, 1, tzinfo=UTC)
    campaign.save(update_fields=["allocation_published_at"])
    shortname = f"TD-DEP-{uuid.uuid4().hex[:8]}"
    moodle_services.moodle_link_campaign(
        actor=None,
        campaign=campaign,
        shortname=shortname,
        create_in_category=1,
        fullname=f"Deposits live {shortname}",
        gateway=MoodleGateway(moodle),
    )
    request.addfinalizer(
        lambda: moodle.call(
            "core_course_delete_courses", {"courseids": [campaign.moodle_link.courseid]}
        )
    )
    run = moodle_services.sync_enqueue(campaign_id=campaign.pk, trigger=SyncRun.Trigger.COMMAND)
    run = moodle_services.sync_run_execute(run_id=run.pk, gateway=MoodleGateway(moodle))
    assert run.status == SyncRun.Status.SUCCEEDED, run.error
    key = f"campaign:{campaign.pk}/thesis:{thesis.pk}/milestone:{final.pk}/assignment"
    items = moodle.local_thesisdesk_get_state(
        courseid=campaign.moodle_link.courseid, kinds=["assignment"]
    ).model_dump()["items"]
    assignid = next(int(i["instanceid"]) for i in items if i["key"] == key)

    password = os.environ.get("THESISDESK_DEPOSITS_LIVE_STUDENT_PASSWORD", "Student#2026")
    student_token = moodle.login_token("s1", password, "moodle_mobile_app").token
    as_student = moodle.with_token(student_token)
    draft = as_student.upload([("memoire.pdf", b"%PDF-1.4 live deposit")])
    as_student.call(
        "mod_assign_save_submission",
        {"assignmentid": assignid, "plugindata": {"files_filemanager": draft.itemid}},
    )
    # An assignment without a "submit" step is submitted on save: then this one refuses.
    with contextlib.suppress(MoodleError):
        as_student.call(
            "mod_assign_submit_for_grading",
            {"assignmentid": assignid, "acceptsubmissionstatement": 1},
        )
    command = ["php", f"{DIRROOT}/admin/cli/adhoc_task.php", "--execute"]
    if os.geteuid() == 0:  # as the web server's user: files Moodle writes must stay its own
        command = ["runuser", "-u", "www-data", "--", *command]
    subprocess.run(
        command,
        check=True,
        capture_output=True,
        timeout=300,
    )
    assert WebhookDelivery.objects.filter(key=key).exists()
    db_worker(batch=True, install_signals=False, interval=0.1).run()

    deposit = Deposit.objects.get(thesis=thesis, milestone=final)
    assert deposit.status == Deposit.Status.SUBMITTED
    assert deposit.source == Deposit.Source.WEBHOOK
    thesis.refresh_from_db()
    assert thesis.state == ThesisState.DEPOSITED
    file = deposit.files.get()
    assert file.filename == "memoire.pdf"
    client.force_login(supervisor.user)
    download = client.get(reverse("deposits:file-download", args=[file.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 live deposit"
