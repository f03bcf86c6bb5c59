"""Deposits read from Moodle by polling (the webhook's safety net), and what recording a
deposit does: late or not, the thesis moving to "deposited", the listeners told once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from thesisdesk.deposits import signals
from thesisdesk.deposits.models import Deposit
from thesisdesk.deposits.services import deposits_poll
from thesisdesk.deposits.tests.conftest import OTHER_STUDENT_ID, STUDENT_ID
from thesisdesk.milestones.services import milestone_extend
from thesisdesk.theses.models import ThesisState

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def told():
    calls = []

    def listener(deposit, is_late):
        calls.append((deposit.thesis_id, deposit.milestone_id, is_late))

    signals.register(listener)
    yield calls
    signals.unregister(listener)


def test_nothing_deposited_records_nothing(linked):
    result = deposits_poll(client=linked.client)
    assert result.campaigns == 1
    assert result.assignments == 4  # 2 theses x 2 deposit milestones
    assert result.recorded == 0
    assert not Deposit.objects.exists()


def test_final_deposit_is_recorded_with_its_files_and_moves_the_thesis(linked, told):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"%PDF-1.7 final")])

    result = deposits_poll(client=linked.client)

    assert result.recorded == 1
    deposit = Deposit.objects.get(thesis=linked.thesis, milestone=linked.final)
    assert deposit.status == Deposit.Status.SUBMITTED
    assert deposit.submitted_at is not None
    assert deposit.is_late is False
    assert deposit.moodle_userid == STUDENT_ID
    assert deposit.source == Deposit.Source.POLL
    (file,) = deposit.files.all()
    assert (file.filename, file.size) == ("memoire.pdf", len(b"%PDF-1.7 final"))
    assert "/webservice/pluginfile.php/" in file.fileurl
    linked.thesis.refresh_from_db()
    assert linked.thesis.state == ThesisState.DEPOSITED
    assert linked.thesis.deposited_at == deposit.submitted_at
    assert told == [(linked.thesis.pk, linked.final.pk, False)]
    # The other thesis deposited nothing and is still in progress.
    linked.second.refresh_from_db()
    assert linked.second.state == ThesisState.IN_PROGRESS


def test_polling_again_changes_nothing_and_tells_nobody_twice(linked, told):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"v1")])
    deposits_poll(client=linked.client)
    assert deposits_poll(client=linked.client).recorded == 0
    assert len(told) == 1


def test_a_new_version_replaces_the_files(linked, told):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"v1")])
    for item in linked.sim.site.data["submissions"].values():
        item["timemodified"] -= 10  # the first version was earlier
    deposits_poll(client=linked.client)
    linked.deposit(
        STUDENT_ID,
        linked.thesis,
        linked.final,
        [("memoire-v2.pdf", b"v2 longer"), ("annexes.zip", b"PK")],
    )
    assert deposits_poll(client=linked.client).recorded == 1
    deposit = Deposit.objects.get(thesis=linked.thesis, milestone=linked.final)
    assert sorted(f.filename for f in deposit.files.all()) == ["annexes.zip", "memoire-v2.pdf"]
    assert len(told) == 2


def test_deposit_after_the_due_date_is_late(linked, told):
    # The plan was due on 2026-01-15: any deposit made now is late.
    linked.deposit(OTHER_STUDENT_ID, linked.second, linked.plan, [("plan.pdf", b"plan")])
    deposits_poll(client=linked.client)
    deposit = Deposit.objects.get(thesis=linked.second, milestone=linked.plan)
    assert deposit.is_late is True
    assert deposit.due_at == linked.plan.due_at
    assert told == [(linked.second.pk, linked.plan.pk, True)]
    # A plan is not the final deposit: the thesis stays in progress.
    linked.second.refresh_from_db()
    assert linked.second.state == ThesisState.IN_PROGRESS


def test_an_extension_moves_the_deadline_a_deposit_is_judged_against(linked):
    extended = datetime(2030, 1, 1, tzinfo=UTC)
    milestone_extend(
        actor=None, milestone=linked.plan, thesis=linked.second, due_at=extended, reason="Maladie"
    )
    linked.apply()
    # The extension reached Moodle as a user extension on the thesis's plan assignment.
    assignid = linked.assignid(linked.second, linked.plan)
    assert linked.sim.site.data["extensions"][f"{assignid}:{OTHER_STUDENT_ID}"] == int(
        extended.timestamp()
    )
    linked.deposit(OTHER_STUDENT_ID, linked.second, linked.plan, [("plan.pdf", b"plan")])
    deposits_poll(client=linked.client)
    deposit = Deposit.objects.get(thesis=linked.second, milestone=linked.plan)
    assert deposit.is_late is False
    assert deposit.due_at == extended


def test_poll_command_reads_one_campaign(linked, capsys):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"x")])
    call_command("deposits", "poll", linked.campaign.slug)
    out = capsys.readouterr().out
    assert "1 campaign(s), 4 deposit assignment(s) read, 1 deposit(s) changed." in out
    assert Deposit.objects.filter(status=Deposit.Status.SUBMITTED).count() == 1


def test_poll_command_refuses_an_unknown_campaign(linked):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="nope"):
        call_command("deposits", "poll", "nope")


def test_a_submission_removed_in_moodle_is_shown_removed(linked, told):
    linked.deposit(STUDENT_ID, linked.thesis, linked.final, [("memoire.pdf", b"x")])
    deposits_poll(client=linked.client)
    assignid = linked.assignid(linked.thesis, linked.final)
    submissions = linked.sim.site.data["submissions"]
    for submissionid in [k for k, s in submissions.items() if s["assignment"] == assignid]:
        submissions.pop(submissionid)
    assert deposits_poll(client=linked.client).recorded == 1
    deposit = Deposit.objects.get(thesis=linked.thesis, milestone=linked.final)
    assert deposit.status == Deposit.Status.REMOVED
    assert not deposit.files.exists()
    assert len(told) == 1  # a removal is not a deposit


def test_a_student_opening_the_assignment_is_not_a_deposit(linked, told):
    """Moodle creates an empty "new" submission when a student opens the assignment (seen on
    the 4.5 and 5.1 labs after mod_assign_get_submission_status): nothing to record, even
    after the due date."""
    import time

    assignid = linked.assignid(linked.second, linked.plan)  # the plan is past its due date
    with linked.sim.site.lock:
        submissionid = linked.sim.site._next_id("assign_submission")
        linked.sim.site.data["submissions"][submissionid] = {
            "id": submissionid,
            "assignment": assignid,
            "userid": OTHER_STUDENT_ID,
            "attemptnumber": 0,
            "timecreated": int(time.time()),
            "timemodified": int(time.time()),
            "status": "new",
            "groupid": 0,
        }
    result = deposits_poll(client=linked.client)
    assert (result.assignments, result.recorded, result.errors) == (4, 0, [])
    assert not Deposit.objects.exists()
    assert told == []


def test_a_draft_after_the_due_date_is_not_a_late_deposit(linked, told):
    linked.deposit(OTHER_STUDENT_ID, linked.second, linked.plan, [("plan.pdf", b"brouillon")])
    for item in linked.sim.site.data["submissions"].values():
        item["status"] = "draft"  # saved, not submitted for grading
    assert deposits_poll(client=linked.client).recorded == 1
    deposit = Deposit.objects.get(thesis=linked.second, milestone=linked.plan)
    assert deposit.status == Deposit.Status.DRAFT and deposit.files.count() == 1
    assert deposit.is_late is False
    assert told == []
