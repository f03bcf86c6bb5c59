"""`thesisdesk moodle link|plan|apply|drift CAMPAIGN`: the sync engine from the command line.

CAMPAIGN is a campaign's slug (or id).
"""

from __future__ import annotations

import json
from typing import Any

from thesisdesk.core.errors import DomainError
from thesisdesk.moodle.client import MoodleClientError


def register(subparsers: Any) -> dict[str, Any]:
    link = subparsers.add_parser("link", help="Link a campaign to a Moodle course.")
    link.add_argument("campaign", help="campaign slug or id")
    target = link.add_mutually_exclusive_group(required=True)
    target.add_argument("--course", help="the course's short name")
    target.add_argument("--course-id", type=int, help="the course's id")
    link.add_argument(
        "--create-in-category",
        type=int,
        metavar="CATEGORY_ID",
        help="create the course (short name --course) in this category if absent",
    )
    link.add_argument("--fullname", default="", help="full name of a course to create")
    link.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="ROLE=MOODLEROLE",
        help="map a ThesisDesk role to a Moodle role shortname, "
        "e.g. coordinator=manager (repeatable)",
    )

    plan = subparsers.add_parser("plan", help="Show what will change in Moodle.")
    plan.add_argument("campaign")
    plan.add_argument("--json", action="store_true", help="print the plan as JSON")
    plan.add_argument("--all", action="store_true", help="list every item, not the first 10")

    apply = subparsers.add_parser("apply", help="Apply the plan to Moodle now.")
    apply.add_argument("campaign")
    apply.add_argument(
        "--queue",
        action="store_true",
        help="leave it to the worker instead of applying in this process",
    )

    drift = subparsers.add_parser("drift", help="List changes made by hand in Moodle.")
    drift.add_argument("campaign")
    drift.add_argument(
        "--repair",
        action="append",
        default=[],
        metavar="KEY",
        help="put this item back as ThesisDesk wants it ('all': every one)",
    )
    drift.add_argument(
        "--accept",
        action="append",
        default=[],
        metavar="IDENT",
        help="keep this hand change (its ident from the listing)",
    )
    return {"link": _link, "plan": _plan, "apply": _apply, "drift": _drift}


def _campaign(value: str) -> Any:
    from thesisdesk.campaigns.models import Campaign

    found = Campaign.objects.filter(slug=value).first()
    if found is None and value.isdigit():
        found = Campaign.objects.filter(pk=int(value)).first()
    if found is None:
        raise DomainError(f"No campaign with slug or id {value!r}.")
    return found


def _guard(handler: Any) -> Any:
    def wrapped(options: dict[str, Any], stdout: Any) -> int:
        try:
            return int(handler(options, stdout))
        except (DomainError, MoodleClientError) as error:
            stdout.write(f"Error: {getattr(error, 'message', None) or error}\n")
            return 1

    return wrapped


@_guard
def _link(options: dict[str, Any], stdout: Any) -> int:
    from thesisdesk.moodle import services

    mapping = {}
    for pair in options["role"]:
        role, _, moodle_role = pair.partition("=")
        mapping[role.strip()] = moodle_role.strip()
    link = services.moodle_link_campaign(
        actor=None,
        campaign=_campaign(options["campaign"]),
        courseid=options.get("course_id"),
        shortname=options.get("course") or "",
        create_in_category=options.get("create_in_category"),
        fullname=options.get("fullname") or "",
        role_mapping=mapping,
    )
    stdout.write(
        f"Linked {link.campaign.slug} to Moodle course {link.shortname} (id {link.courseid}).\n"
    )
    for role, moodle_role in sorted(link.role_mapping.items()):
        stdout.write(f"  {role:14} -> {moodle_role}\n")
    return 0


@_guard
def _plan(options: dict[str, Any], stdout: Any) -> int:
    from thesisdesk.moodle import services

    view = services.sync_plan(actor=None, campaign=_campaign(options["campaign"]))
    if view.error:
        stdout.write(f"Moodle could not be read: {view.error}\n")
        return 1
    if options.get("json"):
        stdout.write(
            json.dumps([a.to_json() for a in view.actions], ensure_ascii=False, indent=1) + "\n"
        )
        return 0
    link = view.link
    stdout.write(f"{link.campaign.slug} -> Moodle course {link.shortname} (id {link.courseid})\n")
    stdout.write("Desired: " + ", ".join(f"{v} {k}" for k, v in view.counts.items()) + "\n")
    if not view.actions:
        stdout.write("Nothing to change in Moodle.\n")
    else:
        stdout.write(f"{len(view.actions)} call(s):\n")
        for label, count in sorted(view.summary.items()):
            stdout.write(f"  {count:6}  {label}\n")
        for action in view.actions:
            stdout.write(f"- {action.function} ({len(action.items)} item(s))\n")
            shown = action.changes if options.get("all") else action.changes[:10]
            for change in shown:
                fields = f" [{', '.join(change.fields)}]" if change.fields else ""
                stdout.write(f"    {change.op:7} {change.kind:10} {change.label}{fields}\n")
            if len(shown) < len(action.changes):
                stdout.write(f"    ... and {len(action.changes) - len(shown)} more\n")
    if view.drift:
        stdout.write(
            f"{len(view.drift)} change(s) made by hand in Moodle (see `thesisdesk moodle drift`).\n"
        )
    return 0


@_guard
def _apply(options: dict[str, Any], stdout: Any) -> int:
    from thesisdesk.moodle import services
    from thesisdesk.moodle.models import SyncRun

    campaign = _campaign(options["campaign"])
    run = services.sync_apply_request(
        actor=None, campaign=campaign, trigger=SyncRun.Trigger.COMMAND
    )
    if options.get("queue"):
        stdout.write(f"Queued sync run {run.pk}; the worker applies it.\n")
        return 0
    run = services.sync_run_execute(run_id=run.pk)
    return _report(run, stdout)


def _report(run: Any, stdout: Any) -> int:
    counts = run.counts()
    stdout.write(
        f"Sync run {run.pk}: {run.get_status_display()} — "
        + ", ".join(f"{v} {k}" for k, v in sorted(counts.items()))
        + f"; {run.http_requests} web service call(s).\n"
    )
    if run.error:
        stdout.write(f"  {run.error}\n")
    for failure in run.failures.all():
        stdout.write(
            f"  FAILED {failure.key}: {failure.errorcode} {failure.message}\n"
            f"         fix: {failure.fix}\n"
        )
    return 0 if run.status == "succeeded" else 2


@_guard
def _drift(options: dict[str, Any], stdout: Any) -> int:
    from thesisdesk.moodle import services

    campaign = _campaign(options["campaign"])
    drifts = services.drift_check(campaign_id=campaign.pk)
    for ident in options["accept"]:
        services.drift_accept(actor=None, campaign=campaign, ident=ident)
        stdout.write(f"Accepted: {ident}\n")
    repair = options["repair"]
    if repair:
        keys = [d.key for d in drifts] if repair == ["all"] else repair
        run = services.drift_repair(actor=None, campaign=campaign, keys=keys)
        run = services.sync_run_execute(run_id=run.pk)
        return _report(run, stdout)
    if options["accept"]:
        drifts = services.drift_check(campaign_id=campaign.pk)
    if not drifts:
        stdout.write("Moodle matches ThesisDesk: no change made by hand.\n")
        return 0
    stdout.write(f"{len(drifts)} change(s) made by hand in Moodle:\n")
    for drift in drifts:
        stdout.write(
            f"  {drift.change:8} {drift.kind:10} {drift.label}  "
            f"(Moodle: {drift.current!r}, ThesisDesk: {drift.desired!r})\n"
            f"           key {drift.key}\n           ident {drift.ident}\n"
        )
    return 0
