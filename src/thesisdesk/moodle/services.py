"""Sync services: link a campaign to a course, record and coalesce sync requests, plan,
apply, check drift, repair or accept it.

Who may: the campaign's coordinators (and staff), through `campaign.update`; `actor=None`
is the system (worker, command line) and is trusted.
"""

from __future__ import annotations

import logging
import os
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from thesisdesk.campaigns.models import Campaign
from thesisdesk.core import permissions
from thesisdesk.core.audit import audit_record
from thesisdesk.core.errors import NotFound, ValidationFailed
from thesisdesk.moodle.client import MoodleClient, MoodleClientError
from thesisdesk.moodle.models import (
    DEFAULT_ROLE_MAPPING,
    AcceptedDrift,
    MoodleCourseLink,
    SyncRequest,
    SyncRun,
)
from thesisdesk.moodle.sync.apply import Runner, compute, worker_identity
from thesisdesk.moodle.sync.drift import Drift
from thesisdesk.moodle.sync.gateway import MoodleGateway
from thesisdesk.moodle.sync.planner import Action, summarize

logger = logging.getLogger("thesisdesk.moodle.sync")

# A run whose worker gave no sign of life for this long is taken over by another worker.
STALE_AFTER = timedelta(seconds=settings.MOODLE_SYNC_STALE_AFTER)

ROLE_NAMES = tuple(DEFAULT_ROLE_MAPPING)


def default_gateway() -> MoodleGateway:
    return MoodleGateway(MoodleClient.from_settings())


def _require_coordinator(actor: Any, campaign: Campaign) -> None:
    if actor is not None:
        permissions.require(actor, permissions.Action.CAMPAIGN_UPDATE, campaign)


# -- linking ---------------------------------------------------------------------------
def moodle_link_campaign(
    *,
    actor: Any,
    campaign: Campaign,
    courseid: int | None = None,
    shortname: str = "",
    create_in_category: int | None = None,
    fullname: str = "",
    role_mapping: dict[str, str] | None = None,
    gateway: MoodleGateway | None = None,
) -> MoodleCourseLink:
    """Link `campaign` to an existing course (by id or short name) or to a new course
    created in category `create_in_category`. Re-linking replaces the previous link."""
    _require_coordinator(actor, campaign)
    if not courseid and not shortname:
        raise ValidationFailed(
            "Give the Moodle course's id or short name.",
            errors={"course": ["Give the Moodle course's id or short name."]},
        )
    mapping = dict(DEFAULT_ROLE_MAPPING)
    for role, moodle_role in (role_mapping or {}).items():
        if role not in ROLE_NAMES:
            raise ValidationFailed(
                f"Unknown ThesisDesk role {role!r}.",
                errors={"role_mapping": [f"Unknown role {role!r}"]},
            )
        mapping[role] = moodle_role
    gateway = gateway or default_gateway()
    try:
        course = gateway.find_course(courseid=courseid, shortname=shortname)
        if course is None and create_in_category is not None:
            course = gateway.create_course(
                fullname=fullname or campaign.name,
                shortname=shortname or campaign.slug,
                categoryid=create_in_category,
            )
    except MoodleClientError as error:
        raise ValidationFailed(
            f"Moodle could not be asked about the course: {error}",
            errors={"course": [str(error)]},
        ) from None
    if course is None:
        what = f"id {courseid}" if courseid else f"short name {shortname!r}"
        message = f"Moodle has no course with {what}."
        raise ValidationFailed(message, errors={"course": [message]})
    with transaction.atomic():
        link, _created = MoodleCourseLink.objects.update_or_create(
            campaign=campaign,
            defaults={
                "courseid": course.id,
                "shortname": course.shortname,
                "fullname": course.fullname,
                "role_mapping": mapping,
                "created_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        audit_record(
            actor=actor,
            action="moodle.link",
            target=campaign,
            data={"courseid": course.id, "shortname": course.shortname, "role_mapping": mapping},
        )
    return link


def link_for(campaign: Campaign) -> MoodleCourseLink:
    try:
        return MoodleCourseLink.objects.select_related("campaign").get(campaign=campaign)
    except MoodleCourseLink.DoesNotExist:
        raise NotFound(
            f"The campaign {campaign.slug} is not linked to a Moodle course yet."
        ) from None


# -- outbox and queueing ----------------------------------------------------------------
def sync_request_record(campaign_id: int, reason: str = "") -> None:
    """Outbox listener: inside the caller's transaction, note that the campaign needs a
    sync; after commit, queue one run (many changes share the run still queued)."""
    if not MoodleCourseLink.objects.filter(campaign_id=campaign_id).exists():
        return
    SyncRequest.objects.create(campaign_id=campaign_id, reason=reason[:255])
    transaction.on_commit(
        lambda: sync_enqueue(campaign_id=campaign_id, trigger=SyncRun.Trigger.CHANGE)
    )


def sync_enqueue(
    *,
    campaign_id: int,
    trigger: str,
    actor: Any = None,
    repair_keys: list[str] | None = None,
) -> SyncRun:
    """Queue a run for the campaign, or return the one already queued (coalescing)."""
    from thesisdesk.moodle.tasks import sync_campaign

    with transaction.atomic():
        if not repair_keys:
            queued = (
                SyncRun.objects.select_for_update()
                .filter(campaign_id=campaign_id, status=SyncRun.Status.QUEUED, repair_keys=[])
                .first()
            )
            if queued is not None:
                return queued
        run = SyncRun.objects.create(
            campaign_id=campaign_id,
            trigger=trigger,
            requested_by=actor if getattr(actor, "is_authenticated", False) else None,
            repair_keys=list(repair_keys or []),
        )
        transaction.on_commit(lambda: sync_campaign.enqueue(run.pk))
    return run


def sync_apply_request(
    *, actor: Any, campaign: Campaign, trigger: str = SyncRun.Trigger.BUTTON
) -> SyncRun:
    """The Apply button / `moodle apply`: queue a run now."""
    _require_coordinator(actor, campaign)
    link_for(campaign)
    run = sync_enqueue(campaign_id=campaign.pk, trigger=trigger, actor=actor)
    audit_record(actor=actor, action="moodle.apply", target=campaign, data={"run": run.pk})
    return run


def sync_run_execute(
    *, run_id: int, gateway: MoodleGateway | None = None, **options: Any
) -> SyncRun:
    """Claim and execute a run (the worker's job). A run already finished is returned as is."""
    claimable = [SyncRun.Status.QUEUED, SyncRun.Status.RUNNING, SyncRun.Status.WAITING]
    with transaction.atomic():
        run = SyncRun.objects.select_for_update().get(pk=run_id)
        if run.status not in claimable:
            return run
        SyncRequest.objects.filter(campaign_id=run.campaign_id, run__isnull=True).update(run=run)
        run.status = SyncRun.Status.RUNNING
        run.owner = worker_identity()
        run.heartbeat_at = timezone.now()
        run.save(update_fields=["status", "owner", "heartbeat_at"])
    if gateway is None:
        try:
            gateway = default_gateway()
        except Exception as error:  # misconfiguration: say so on the run
            run.status = SyncRun.Status.FAILED
            run.error = f"Moodle is not configured: {error}"
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            return run
    return Runner(run, gateway, **options).execute()


def sync_recover_interrupted(*, stale_after: timedelta | None = None) -> list[int]:
    """Queue again the runs of workers that died (this host's dead processes, or any
    worker silent for longer than `stale_after`). Called when a worker starts."""
    from thesisdesk.moodle.tasks import sync_campaign

    stale_after = STALE_AFTER if stale_after is None else stale_after
    host = worker_identity().rpartition(":")[0]
    cutoff = timezone.now() - stale_after
    recovered = []
    active = SyncRun.objects.filter(status__in=[SyncRun.Status.RUNNING, SyncRun.Status.WAITING])
    for run in active:
        owner_host, _, pid = run.owner.rpartition(":")
        dead_here = owner_host == host and pid.isdigit() and not _alive(int(pid))
        silent = run.heartbeat_at is None or run.heartbeat_at < cutoff
        if dead_here or silent:
            SyncRun.objects.filter(pk=run.pk, status=run.status).update(
                status=SyncRun.Status.QUEUED, owner=""
            )
            sync_campaign.enqueue(run.pk)
            recovered.append(run.pk)
    # Queued runs whose task was lost (e.g. a crash between commit and enqueue).
    return recovered


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# -- planning and drift -----------------------------------------------------------------
@dataclass
class PlanView:
    link: MoodleCourseLink
    actions: list[Action]
    summary: dict[str, int]
    drift: list[Drift]
    counts: dict[str, int]
    error: str = ""


def sync_plan(*, actor: Any, campaign: Campaign, gateway: MoodleGateway | None = None) -> PlanView:
    """What will change in Moodle (and what was changed there by hand), without writing."""
    _require_coordinator(actor, campaign)
    link = link_for(campaign)
    gateway = gateway or default_gateway()
    try:
        desired, _current, actions, drift = compute(link, gateway)
    except MoodleClientError as error:
        return PlanView(link, [], {}, [], {}, error=f"{type(error).__name__}: {error}")
    _store_drift(link, drift)
    return PlanView(link, actions, summarize(actions), drift, desired.counts())


def _store_drift(link: MoodleCourseLink, drift: list[Drift]) -> None:
    link.drift = [{**asdict(d), "ident": d.ident} for d in drift]
    link.drift_checked_at = timezone.now()
    link.save(update_fields=["drift", "drift_checked_at"])


def drift_check(*, campaign_id: int, gateway: MoodleGateway | None = None) -> list[Drift]:
    """The periodic check (and the button): store and return the current drift."""
    link = MoodleCourseLink.objects.select_related("campaign").get(campaign_id=campaign_id)
    gateway = gateway or default_gateway()
    _desired, _current, _actions, drift = compute(link, gateway)
    _store_drift(link, drift)
    return drift


def drift_check_all() -> int:
    """Check every linked campaign that is not archived; returns how many drifts in all."""
    total = 0
    for link in MoodleCourseLink.objects.filter(campaign__is_archived=False):
        try:
            total += len(drift_check(campaign_id=link.campaign_id))
        except MoodleClientError as error:
            logger.warning("Drift check of campaign %s failed: %s", link.campaign_id, error)
    return total


def drift_accept(*, actor: Any, campaign: Campaign, ident: str) -> AcceptedDrift:
    """Keep a hand change made in Moodle: it is no longer reported (until ThesisDesk's
    side of that item changes)."""
    _require_coordinator(actor, campaign)
    link = link_for(campaign)
    found = next((d for d in link.drift if d.get("ident") == ident), None)
    if found is None:
        raise NotFound("This change is no longer reported: check drift again.")
    with transaction.atomic():
        accepted, _ = AcceptedDrift.objects.get_or_create(
            link=link,
            ident=ident,
            defaults={
                "key": found["key"],
                "change": found["change"],
                "accepted_by": actor if getattr(actor, "is_authenticated", False) else None,
            },
        )
        link.drift = [d for d in link.drift if d.get("ident") != ident]
        link.save(update_fields=["drift"])
        audit_record(
            actor=actor,
            action="moodle.drift_accept",
            target=campaign,
            data={"key": found["key"], "change": found["change"]},
        )
    return accepted


def drift_repair(*, actor: Any, campaign: Campaign, keys: list[str]) -> SyncRun:
    """Put the named items back in Moodle as ThesisDesk wants them (a queued run)."""
    _require_coordinator(actor, campaign)
    link = link_for(campaign)
    known = {d["key"] for d in link.drift}
    keys = [key for key in keys if key in known] if known else list(keys)
    if not keys:
        raise ValidationFailed("Nothing to repair: check drift again.")
    run = sync_enqueue(
        campaign_id=campaign.pk, trigger=SyncRun.Trigger.REPAIR, actor=actor, repair_keys=keys
    )
    audit_record(
        actor=actor,
        action="moodle.drift_repair",
        target=campaign,
        data={"keys": keys, "run": run.pk},
    )
    return run


def sync_settings_summary() -> dict[str, Any]:
    return {
        "url": settings.MOODLE_URL,
        "max_input_vars": settings.MOODLE_MAX_INPUT_VARS,
        "simulated": settings.MOODLE_SIMULATED,
    }
