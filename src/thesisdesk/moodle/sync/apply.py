"""Run a sync: read Moodle, plan, apply batch by batch, record progress and failures.

- Progress is recorded after every batch (`SyncRun.progress`, `heartbeat_at`), so a run
  interrupted by a dead worker is resumed: it reads Moodle again and plans what is left
  (keys make re-sending harmless: nothing is duplicated).
- Transient errors (connection, timeout, 5xx, maintenance, HTML instead of JSON) are
  retried by the client; if Moodle is still unavailable the run waits with a growing delay
  and starts again from a fresh read, up to `MAX_ROUNDS` times.
- Permanent errors stop only the items concerned: each becomes a `SyncFailure` with the
  fix to apply, and the other batches go on.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from thesisdesk.moodle.client import (
    InvalidToken,
    MoodleClient,
    MoodleClientError,
    MoodleError,
    WebServicesDisabled,
)
from thesisdesk.moodle.models import (
    AcceptedDrift,
    AppliedExtension,
    MoodleCourseLink,
    SyncFailure,
    SyncRun,
)
from thesisdesk.moodle.sync import files
from thesisdesk.moodle.sync.desired import desired_state
from thesisdesk.moodle.sync.drift import Drift, detect_drift
from thesisdesk.moodle.sync.gateway import ItemResult, MoodleGateway
from thesisdesk.moodle.sync.planner import Action, Limits, plan, summarize
from thesisdesk.moodle.sync.state import (
    AppliedExtension as AppliedExtensionState,
)
from thesisdesk.moodle.sync.state import CurrentState, DesiredState

logger = logging.getLogger("thesisdesk.moodle.sync")

MAX_ROUNDS = 6
BACKOFF_BASE = 2.0
BACKOFF_CAP = 60.0
# Kinds of the course files whose outcomes go to their owner (sync/files.py).
FILE_KINDS = frozenset({"resource", "folder"})


def worker_identity() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


FIXES = {
    "nopermissions": "Give the ThesisDesk web service user the missing capability named in "
    "the message, in the course or its category (Site administration > Users > Permissions "
    "> Define roles), then apply again.",
    "nopermission": "Give the ThesisDesk web service user the capability needed for this "
    "function in the course, then apply again.",
    "accessexception": "Add the function to the 'thesisdesk' external service and check the "
    "token's user is authorised (Site administration > Server > Web services > External "
    "services), then apply again.",
    "invalidparameter": "Moodle refused a value for this item (for example a group name "
    "already used by another group of the course, or a date out of range): correct it in "
    "ThesisDesk or in Moodle, then apply again.",
    "invalidrecord": "The Moodle object behind this item no longer exists: apply again to "
    "recreate it, or repair it from the drift list.",
    "invalidrecordunknown": "The Moodle object behind this item no longer exists: apply "
    "again to recreate it, or repair it from the drift list.",
    "couldnotgrantextensions": "Moodle refuses an extension earlier than the assignment's "
    "due date: move the extension after the milestone's due date.",
    "noassignment": "The assignment could not be created in Moodle: fix the assignment's "
    "failure first; the extension follows on the next apply.",
    "invalidtoken": "The Moodle token ThesisDesk uses is unknown to Moodle: set a valid "
    "MOODLE_TOKEN.",
    "webservicesdisabled": "Enable web services and the REST protocol in Moodle (Site "
    "administration > Server > Web services > Overview).",
    "sectionlimit": "The course reached Moodle's maximum number of sections: raise "
    "'moodlecourse/maxsections' (Site administration > Courses > Course default settings).",
}


def fix_for(errorcode: str, function: str) -> str:
    if errorcode in FIXES:
        return FIXES[errorcode]
    if errorcode.startswith("functionnotinservice") or errorcode == "accessexception":
        return FIXES["accessexception"]
    return (
        f"Moodle refused {function} for this item ({errorcode or 'no error code'}): read the "
        "message, correct the cause in Moodle or ThesisDesk, then apply again."
    )


def read_current(link: MoodleCourseLink, gateway: MoodleGateway) -> CurrentState:
    """Moodle's state of the course (2 calls) plus what ThesisDesk remembers applying."""
    items = gateway.get_state(link.courseid)
    enrolments = gateway.enrolled_roles(link.courseid)
    extensions = {
        (e.assignment_key, e.userid): AppliedExtensionState(
            e.assignment_key, e.assignid, e.userid, e.duedate
        )
        for e in AppliedExtension.objects.filter(link=link)
    }
    return CurrentState(
        courseid=link.courseid,
        items=items,
        enrolments=enrolments,
        managed_userids=frozenset(int(u) for u in link.managed_user_ids),
        extensions=extensions,
    )


def resolve_moodle_users(link: MoodleCourseLink, gateway: MoodleGateway) -> int:
    """Give the campaign's people known only by Moodle username their Moodle user id
    (one call, only when some are missing). Returns how many were found."""
    from thesisdesk.people.models import Person

    persons = list(
        Person.objects.filter(
            memberships__campaign_id=link.campaign_id, moodle_user_id__isnull=True
        )
        .exclude(moodle_username="")
        .distinct()
    )
    if not persons:
        return 0
    found = gateway.user_ids_by_username(sorted({p.moodle_username for p in persons}))
    taken = set(
        Person.objects.filter(moodle_user_id__in=found.values()).values_list(
            "moodle_user_id", flat=True
        )
    )
    updated = []
    for person in persons:
        userid = found.get(person.moodle_username)
        if userid is not None and userid not in taken:
            person.moodle_user_id = userid
            taken.add(userid)
            updated.append(person)
    Person.objects.bulk_update(updated, ["moodle_user_id"])
    return len(updated)


def limits_for(client: MoodleClient) -> Limits:
    return Limits(max_input_vars=client.max_input_vars)


def compute(
    link: MoodleCourseLink,
    gateway: MoodleGateway,
    *,
    repair: list[str] | None = None,
) -> tuple[DesiredState, CurrentState, list[Action], list[Drift]]:
    """Desired state, current state, the plan and the drift for a linked campaign."""
    resolve_moodle_users(link, gateway)
    desired = desired_state(link)
    current = read_current(link, gateway)
    actions = plan(desired, current, repair=repair, limits=limits_for(gateway.client))
    accepted = AcceptedDrift.objects.filter(link=link).values_list("ident", flat=True)
    drift = detect_drift(desired, current, accepted=list(accepted))
    return desired, current, actions, drift


class Runner:
    """Executes one SyncRun. `sleep` is injectable so tests need not wait."""

    def __init__(
        self,
        run: SyncRun,
        gateway: MoodleGateway,
        *,
        sleep: Callable[[float], None] = time.sleep,
        max_rounds: int = MAX_ROUNDS,
    ) -> None:
        self.run = run
        self.gateway = gateway
        self.sleep = sleep
        self.max_rounds = max_rounds
        self.link = MoodleCourseLink.objects.select_related("campaign").get(
            campaign_id=run.campaign_id
        )
        self.failed_keys: set[str] = set()
        self.succeeded_keys: set[str] = set()

    def execute(self) -> SyncRun:
        run = self.run
        now = timezone.now()
        run.status = SyncRun.Status.RUNNING
        run.started_at = run.started_at or now
        run.heartbeat_at = now
        run.owner = worker_identity()
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "heartbeat_at", "owner", "attempts"])
        last_error: MoodleClientError | None = None
        for round_number in range(1, self.max_rounds + 1):
            try:
                self._round()
            except MoodleClientError as error:
                if not error.is_transient:
                    return self._finish(SyncRun.Status.FAILED, _describe(error))
                last_error = error
                delay = min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (round_number - 1))
                logger.warning(
                    "Sync run %s: Moodle unavailable (%s); again in %.0f s", run.pk, error, delay
                )
                run.status = SyncRun.Status.WAITING
                run.error = _describe(error)
                run.heartbeat_at = timezone.now()
                run.save(update_fields=["status", "error", "heartbeat_at"])
                self.sleep(delay)
                run.status = SyncRun.Status.RUNNING
                run.save(update_fields=["status"])
                continue
            status = SyncRun.Status.PARTIAL if self.failed_keys else SyncRun.Status.SUCCEEDED
            return self._finish(status, "")
        return self._finish(
            SyncRun.Status.FAILED,
            f"Moodle stayed unavailable after {self.max_rounds} attempts: "
            f"{_describe(last_error)}. The next change or Apply tries again.",
        )

    def _round(self) -> None:
        run = self.run
        _desired, current, actions, _drift = compute(
            self.link, self.gateway, repair=list(run.repair_keys)
        )
        if not run.plan:
            run.plan = [action.to_json() for action in actions]
            run.summary = summarize(actions)
            run.save(update_fields=["plan", "summary"])
        resolved: dict[str, int | None] = {
            key: item.instanceid
            for key, item in current.items.items()
            if item.kind == "assignment" and item.exists and item.instanceid
        }
        for action in actions:
            self._apply(action, resolved)

    def _apply(self, action: Action, resolved: dict[str, int | None]) -> None:
        try:
            results = self.gateway.apply(
                action, {k: v for k, v in resolved.items() if v is not None}
            )
        except MoodleError as error:
            if error.is_transient or isinstance(error, InvalidToken | WebServicesDisabled):
                raise
            results = [
                ItemResult(change.key, "error", error.errorcode, error.message or str(error))
                for change in action.changes
            ]
        self._record(action, results, resolved)

    @transaction.atomic
    def _record(
        self, action: Action, results: list[ItemResult], resolved: dict[str, int | None]
    ) -> None:
        run = self.run
        changes = {c.key: c for c in action.changes}
        counts: dict[str, Any] = {"function": action.function, "items": len(action.items)}
        for result in results:
            counts[result.status] = counts.get(result.status, 0) + 1
            change = changes.get(result.key)
            if result.status == "error":
                self.failed_keys.add(result.key)
                SyncFailure.objects.create(
                    run=run,
                    campaign_id=run.campaign_id,
                    key=result.key,
                    kind=change.kind if change else action.kind,
                    label=(change.label if change else "")[:300],
                    function=action.function,
                    errorcode=result.errorcode[:100],
                    message=result.message,
                    fix=fix_for(result.errorcode, action.function),
                )
                continue
            self.succeeded_keys.add(result.key)
            if action.kind == "assignment" and result.ids and "assignid" in result.ids:
                resolved[result.key] = result.ids["assignid"]
        for result in results:
            change = changes.get(result.key)
            if change is not None and change.kind in FILE_KINDS:
                cmid = (result.ids or {}).get("cmid")
                files.record(
                    files.FileOutcome(
                        result.key, change.op, result.status, result.errorcode, result.message, cmid
                    )
                )
        if action.kind == "enrol":
            done = {int(i["userid"]) for i in action.items}
            self.link.managed_user_ids = sorted(set(self.link.managed_user_ids) | done)
            self.link.save(update_fields=["managed_user_ids"])
        elif action.kind == "unenrol":
            gone = {int(i["userid"]) for i in action.items}
            self.link.managed_user_ids = sorted(set(self.link.managed_user_ids) - gone)
            self.link.save(update_fields=["managed_user_ids"])
        elif action.kind == "extension":
            key = action.fixed["assignmentkey"]
            by_key = {r.key: r for r in results}
            for item, change in zip(action.items, action.changes, strict=True):
                outcome = by_key.get(change.key)
                if outcome is None or outcome.status == "error":
                    continue
                if item["date"]:
                    AppliedExtension.objects.update_or_create(
                        link=self.link,
                        assignment_key=key,
                        userid=item["userid"],
                        defaults={
                            "assignid": (outcome.ids or {}).get("assignid", 0),
                            "duedate": item["date"],
                        },
                    )
                else:
                    AppliedExtension.objects.filter(
                        link=self.link, assignment_key=key, userid=item["userid"]
                    ).delete()
        run.progress = [*run.progress, counts]
        run.heartbeat_at = timezone.now()
        run.http_requests = self.gateway.calls
        run.save(update_fields=["progress", "heartbeat_at", "http_requests"])

    def _finish(self, status: str, error: str) -> SyncRun:
        run = self.run
        now = timezone.now()
        run.status = status
        run.error = error
        run.finished_at = now
        run.http_requests = self.gateway.calls
        run.save(update_fields=["status", "error", "finished_at", "http_requests"])
        if status in (SyncRun.Status.SUCCEEDED, SyncRun.Status.PARTIAL):
            # Failures of earlier runs whose items now went through are resolved.
            SyncFailure.objects.filter(
                campaign_id=run.campaign_id, resolved_at__isnull=True
            ).exclude(run=run).exclude(key__in=self.failed_keys).update(resolved_at=now)
            MoodleCourseLink.objects.filter(pk=self.link.pk).update(last_applied_at=now)
        return run


def _describe(error: BaseException | None) -> str:
    if error is None:
        return ""
    return f"{type(error).__name__}: {error}"
