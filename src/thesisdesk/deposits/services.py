"""Deposit writes: accept a webhook call, record a submission read from Moodle, poll."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core.audit import audit_record
from thesisdesk.deposits import signals
from thesisdesk.deposits.models import Deposit, DepositFile, WebhookDelivery
from thesisdesk.deposits.moodle_submissions import (
    Submission,
    best_submission,
    managed_assignments,
    parse_assignment_key,
    read_submissions,
)
from thesisdesk.milestones.models import DEPOSIT_KINDS, Milestone, MilestoneKind
from thesisdesk.milestones.selectors import milestone_due_at
from thesisdesk.theses.models import Thesis, ThesisState

logger = logging.getLogger("thesisdesk.deposits")

EVENTS = frozenset(
    {"submission_created", "submission_updated", "submission_submitted", "submission_removed"}
)


class WebhookReplay(Exception):
    """This eventid was already accepted."""


class WebhookInvalid(Exception):
    """The body is not a deposit webhook body."""


def default_client() -> Any:
    from thesisdesk.moodle.client import MoodleClient

    return MoodleClient.from_settings()


# -- webhook ------------------------------------------------------------------------------
@dataclass(frozen=True)
class WebhookTarget:
    thesis: Thesis
    milestone: Milestone


def webhook_target(*, courseid: int, key: str) -> WebhookTarget | None:
    """The thesis and deposit milestone a webhook call is about, or None when the course
    is not linked or the key is not one of this campaign's deposit assignments."""
    from thesisdesk.moodle.models import MoodleCourseLink

    parsed = parse_assignment_key(key)
    if parsed is None:
        return None
    if not MoodleCourseLink.objects.filter(
        courseid=courseid, campaign_id=parsed.campaign_id
    ).exists():
        return None
    thesis = Thesis.objects.filter(pk=parsed.thesis_id, campaign_id=parsed.campaign_id).first()
    milestone = Milestone.objects.filter(
        pk=parsed.milestone_id, campaign_id=parsed.campaign_id, kind__in=DEPOSIT_KINDS
    ).first()
    if thesis is None or milestone is None:
        return None
    return WebhookTarget(thesis, milestone)


def _int(body: dict[str, Any], name: str) -> int:
    value = body.get(name)
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise WebhookInvalid(f"{name} must be an integer") from None


def webhook_delivery_accept(*, body: Any) -> WebhookDelivery | None:
    """Remember a signed webhook call and queue its processing (after commit).

    Returns None (nothing stored, nothing queued) for an unknown course or key; raises
    WebhookReplay for an eventid already accepted, WebhookInvalid for a malformed body.
    """
    if not isinstance(body, dict):
        raise WebhookInvalid("the body must be a JSON object")
    eventid = str(body.get("eventid") or "")
    event = str(body.get("event") or "")
    if not eventid or len(eventid) > 100:
        raise WebhookInvalid("eventid is missing")
    if event not in EVENTS:
        raise WebhookInvalid(f"unknown event {event!r}")
    courseid = _int(body, "courseid")
    _int(body, "assignid")
    key = str(body.get("key") or "")
    if WebhookDelivery.objects.filter(eventid=eventid).exists():
        raise WebhookReplay(eventid)
    if webhook_target(courseid=courseid, key=key) is None:
        return None
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                eventid=eventid, event=event, courseid=courseid, key=key[:255], body=body
            )
            transaction.on_commit(partial(_enqueue_delivery, delivery.pk))
    except IntegrityError:  # the same eventid accepted at the same moment
        raise WebhookReplay(eventid) from None
    return delivery


def _enqueue_delivery(delivery_id: int) -> None:
    from thesisdesk.deposits.tasks import process_webhook_delivery

    process_webhook_delivery.enqueue(delivery_id)


def webhook_delivery_process(*, delivery_id: int, client: Any = None) -> Deposit | None:
    """Read the submission a webhook call announced and record it (the worker's job)."""
    delivery = WebhookDelivery.objects.get(pk=delivery_id)
    target = webhook_target(courseid=delivery.courseid, key=delivery.key)
    if target is None:  # unlinked or deleted since
        WebhookDelivery.objects.filter(pk=delivery.pk).update(
            processed_at=timezone.now(), error="unknown course or key"
        )
        return None
    assignid = int(delivery.body.get("assignid") or 0)
    client = client or default_client()
    try:
        answered = read_submissions(client, [assignid])
        if assignid not in answered:
            raise LookupError(f"Moodle gave no submissions for assignment {assignid}")
        submissions = answered[assignid]
        deposit = deposit_record(
            thesis=target.thesis,
            milestone=target.milestone,
            assignid=assignid,
            submission=best_submission(submissions),
            source=Deposit.Source.WEBHOOK,
        )
    except Exception as error:
        WebhookDelivery.objects.filter(pk=delivery.pk).update(error=str(error)[:2000])
        raise
    WebhookDelivery.objects.filter(pk=delivery.pk).update(processed_at=timezone.now(), error="")
    return deposit


def webhook_deliveries_forget(*, older_than_days: int = 30) -> int:
    """Drop remembered eventids long past the timestamp window (a replay is refused by
    its timestamp then)."""
    limit = timezone.now() - timedelta(days=older_than_days)
    deleted, _ = WebhookDelivery.objects.filter(received_at__lt=limit).delete()
    return deleted


# -- recording ----------------------------------------------------------------------------
def _status_of(submission: Submission | None) -> str:
    if submission is None:
        return Deposit.Status.REMOVED
    if submission.status in Deposit.Status.values:
        return submission.status
    return Deposit.Status.NEW


def deposit_record(
    *,
    thesis: Thesis,
    milestone: Milestone,
    assignid: int,
    submission: Submission | None,
    source: str,
) -> Deposit:
    """Make ThesisDesk's deposit match what Moodle holds for (thesis, milestone).

    A new or changed submitted deposit is judged late against the extension-aware due
    date, tells the deposit listeners after commit, and, for the final deposit, moves an
    in-progress thesis to "deposited". Recording the same submission twice changes
    nothing and tells nobody.
    """
    status = _status_of(submission)
    with transaction.atomic():
        deposit = (
            Deposit.objects.select_for_update().filter(thesis=thesis, milestone=milestone).first()
        )
        if deposit is None:
            if submission is None or (status == Deposit.Status.NEW and not submission.files):
                # Nothing was ever recorded and nothing is in Moodle (Moodle makes an empty
                # "new" submission when the student merely opens the assignment).
                return Deposit(thesis=thesis, milestone=milestone, status=Deposit.Status.NEW)
            try:
                with transaction.atomic():
                    deposit = Deposit.objects.create(
                        thesis=thesis, milestone=milestone, moodle_assignid=assignid
                    )
            except IntegrityError:
                deposit = Deposit.objects.select_for_update().get(
                    thesis=thesis, milestone=milestone
                )
        submitted_at = submission.timemodified if submission is not None else None
        files = submission.files if submission is not None else ()
        current_files = [(f.filename, f.filepath, f.size, f.fileurl) for f in deposit.files.all()]
        wanted_files = [(f.filename, f.filepath, f.size, f.fileurl) for f in files]
        unchanged = (
            deposit.status == status
            and deposit.submitted_at == submitted_at
            and current_files == wanted_files
        )
        if unchanged:
            return deposit
        due_at = milestone_due_at(milestone=milestone, thesis=thesis)
        # A new submission, or a new version of it (new time or other files).
        newly_submitted = status == Deposit.Status.SUBMITTED and (
            deposit.status != Deposit.Status.SUBMITTED
            or deposit.submitted_at != submitted_at
            or current_files != wanted_files
        )
        deposit.status = status
        deposit.submitted_at = submitted_at
        deposit.due_at = due_at
        # Late applies to a deposit: a draft or an opened assignment is not one.
        deposit.is_late = bool(
            status == Deposit.Status.SUBMITTED
            and submitted_at is not None
            and submitted_at > due_at
        )
        deposit.moodle_assignid = assignid
        deposit.moodle_submissionid = submission.id if submission is not None else 0
        deposit.moodle_userid = submission.userid if submission is not None else 0
        deposit.source = source
        deposit.save()
        deposit.files.all().delete()
        DepositFile.objects.bulk_create(
            DepositFile(
                deposit=deposit,
                filename=f.filename[:255],
                filepath=f.filepath[:255],
                size=f.size,
                mimetype=f.mimetype[:255],
                fileurl=f.fileurl,
                modified_at=f.modified_at,
            )
            for f in files
        )
        audit_record(
            actor=None,
            action="deposit.record",
            target=thesis,
            campaign_id=thesis.campaign_id,
            data={
                "milestone": milestone.pk,
                "status": status,
                "submitted_at": submitted_at.isoformat() if submitted_at else None,
                "late": deposit.is_late,
                "files": [f.filename for f in files],
                "source": source,
            },
        )
        if (
            newly_submitted
            and milestone.kind == MilestoneKind.FINAL_DEPOSIT
            and thesis.state == ThesisState.IN_PROGRESS
        ):
            from thesisdesk.theses.services import thesis_deposit

            thesis_deposit(actor=None, thesis=thesis, deposited_at=submitted_at)
        if newly_submitted:
            transaction.on_commit(partial(signals.deposit_recorded, deposit, deposit.is_late))
    return deposit


# -- polling ------------------------------------------------------------------------------
@dataclass
class PollResult:
    campaigns: int = 0
    assignments: int = 0
    recorded: int = 0
    errors: list[str] = field(default_factory=list)


def deposits_poll(*, campaign: Campaign | None = None, client: Any = None) -> PollResult:
    """Read the submissions of every deposit assignment ThesisDesk manages in the linked
    campaigns (or one campaign) and record them: the safety net under the webhook."""
    from thesisdesk.moodle.client.errors import MoodleClientError
    from thesisdesk.moodle.models import MoodleCourseLink

    links = MoodleCourseLink.objects.select_related("campaign").filter(campaign__is_archived=False)
    if campaign is not None:
        links = links.filter(campaign=campaign)
    client = client or default_client()
    result = PollResult()
    for link in links:
        result.campaigns += 1
        try:
            keys = managed_assignments(client, link.courseid)
            wanted = {}
            for key, assignid in keys.items():
                parsed = parse_assignment_key(key)
                if parsed is not None and parsed.campaign_id == link.campaign_id:
                    wanted[key] = (parsed, assignid)
            theses = Thesis.objects.in_bulk({p.thesis_id for p, _a in wanted.values()})
            milestones = Milestone.objects.filter(
                campaign_id=link.campaign_id, kind__in=DEPOSIT_KINDS
            ).in_bulk()
            submissions = read_submissions(client, [a for _p, a in wanted.values()])
        except MoodleClientError as error:
            logger.warning("Polling deposits of %s failed: %s", link.campaign, error)
            result.errors.append(f"{link.campaign.slug}: {error}")
            continue
        for parsed, assignid in wanted.values():
            thesis = theses.get(parsed.thesis_id)
            milestone = milestones.get(parsed.milestone_id)
            if thesis is None or milestone is None or thesis.campaign_id != link.campaign_id:
                continue
            if assignid not in submissions:
                result.errors.append(f"{link.campaign.slug}: assignment {assignid} not readable")
                continue
            result.assignments += 1
            before = (
                Deposit.objects.filter(thesis=thesis, milestone=milestone)
                .values_list("updated_at", flat=True)
                .first()
            )
            deposit = deposit_record(
                thesis=thesis,
                milestone=milestone,
                assignid=assignid,
                submission=best_submission(submissions[assignid]),
                source=Deposit.Source.POLL,
            )
            if deposit.pk is not None and deposit.updated_at != before:
                result.recorded += 1
    return result
