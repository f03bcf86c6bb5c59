"""`thesisdesk bench sync`: the sync engine against the simulator, at campaign scale.

A campaign of N theses (default 500: 500 groups, 500 sections, 1,000 assignments, 2,000
group events, 1,500 enrolments) is provisioned from nothing, re-applied with no change,
then one deposit deadline is moved. For each: wall time, HTTP requests, requests per thesis
and per kind of object.

It runs in a child process on a throw-away SQLite database, so the configured database is
never touched.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

import httpx

GOALS = (
    "goals: from nothing < 60 s and < 0.2 requests/thesis/kind; no change <= 3; one deadline <= 3"
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thesisdesk bench sync")
    parser.add_argument("--theses", type=int, default=500)
    parser.add_argument(
        "--max-input-vars",
        type=int,
        default=5000,
        help="the simulated site's PHP max_input_vars (Moodle requires 5000)",
    )
    return parser


def main(argv: list[str], out: TextIO) -> int:
    options = _parser().parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="thesisdesk-bench-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
            "TASKS_BACKEND": "database",
            "DJANGO_SETTINGS_MODULE": "thesisdesk.settings",
            "PYTHONUNBUFFERED": "1",
        }
        subprocess.run(
            [sys.executable, "-m", "thesisdesk.cli", "migrate", "-v0"], env=env, check=True
        )
        child = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "thesisdesk.moodle.sync.bench",
                "--child",
                "--theses",
                str(options.theses),
                "--max-input-vars",
                str(options.max_input_vars),
            ],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        for line in child.stdout:
            out.write(line)
            out.flush()
        return child.wait()


class CountingTransport(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.requests = 0
        self.functions: Counter[str] = Counter()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        body = request.content.decode("ascii", "replace")
        for part in body.split("&"):
            if part.startswith("wsfunction="):
                self.functions[part.partition("=")[2]] += 1
        return super().handle_request(request)


def _populate(theses: int, sim: Any) -> Any:
    from thesisdesk.campaigns.models import Membership, Role
    from thesisdesk.milestones.models import Milestone, MilestoneKind
    from thesisdesk.people.models import Person
    from thesisdesk.testing.factories import make_campaign
    from thesisdesk.theses.models import Thesis, ThesisState

    campaign = make_campaign(
        slug="bench",
        name="Bench campaign",
        allocation_published_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    people = []
    roles = []
    for n in range(theses * 3):
        role = (Role.STUDENT, Role.STUDENT, Role.READER)[n % 3]
        if n % 3 == 2 and (n // 3) % 5 == 0:
            role = Role.SUPERVISOR
        userid = sim.site.add_user(
            f"bench{n}", firstname="Bench", lastname=str(n), email=f"bench{n}@example.org"
        )
        people.append(
            Person(
                first_name="Bench",
                last_name=str(n),
                email=f"bench{n}@example.org",
                moodle_user_id=userid,
            )
        )
        roles.append(role)
    people = Person.objects.bulk_create(people)
    Membership.objects.bulk_create(
        Membership(campaign=campaign, person=p, role=r) for p, r in zip(people, roles, strict=True)
    )
    rows = Thesis.objects.bulk_create(
        Thesis(campaign=campaign, title=f"Mémoire {n}", state=ThesisState.IN_PROGRESS)
        for n in range(theses)
    )
    students, readers = Thesis.students.through, Thesis.readers.through
    students.objects.bulk_create(
        students(thesis_id=t.pk, person_id=people[3 * i + k].pk)
        for i, t in enumerate(rows)
        for k in (0, 1)
    )
    readers.objects.bulk_create(
        readers(thesis_id=t.pk, person_id=people[3 * i + 2].pk) for i, t in enumerate(rows)
    )
    base = datetime(2027, 3, 1, 12, tzinfo=UTC)
    kinds = [
        MilestoneKind.INTERMEDIATE_DEPOSIT,
        MilestoneKind.FINAL_DEPOSIT,
        MilestoneKind.DEFENSE_PERIOD,
        MilestoneKind.OTHER,
        MilestoneKind.OTHER,
        MilestoneKind.OTHER,
    ]
    Milestone.objects.bulk_create(
        Milestone(
            campaign=campaign, kind=kind, title=f"Étape {n}", due_at=base + timedelta(days=14 * n)
        )
        for n, kind in enumerate(kinds)
    )
    return campaign


def _child(theses: int, max_input_vars: int, out: TextIO) -> int:
    import django

    django.setup()
    from thesisdesk.milestones.models import Milestone, MilestoneKind
    from thesisdesk.milestones.services import milestone_update
    from thesisdesk.moodle import services
    from thesisdesk.moodle.client import MoodleClient
    from thesisdesk.moodle.models import SyncRun
    from thesisdesk.moodle.simulator import Simulator
    from thesisdesk.moodle.sync.gateway import MoodleGateway

    sim = Simulator.start()
    try:
        sim.site.set_max_input_vars(max_input_vars)
        started = time.perf_counter()
        campaign = _populate(theses, sim)
        out.write(
            f"Campaign of {theses} theses set up in {time.perf_counter() - started:.1f} s "
            f"(simulated Moodle {sim.url}, max_input_vars {max_input_vars})\n"
        )
        transport = CountingTransport()
        client = MoodleClient(
            sim.url,
            sim.token("thesisdesk"),
            transport=transport,
            max_input_vars=max_input_vars,
            timeout=120,
        )
        gateway = MoodleGateway(client)
        services.moodle_link_campaign(
            actor=None, campaign=campaign, shortname="MEM-2026", gateway=gateway
        )

        def measure(label: str) -> SyncRun:
            run = services.sync_enqueue(campaign_id=campaign.pk, trigger=SyncRun.Trigger.COMMAND)
            transport.requests = 0
            transport.functions.clear()
            started = time.perf_counter()
            run = services.sync_run_execute(run_id=run.pk, gateway=gateway)
            elapsed = time.perf_counter() - started
            out.write(
                f"\n{label}: {run.status} in {elapsed:.2f} s, {transport.requests} HTTP "
                f"requests, {transport.requests / theses:.3f} per thesis\n"
            )
            for function, count in sorted(transport.functions.items()):
                out.write(f"  {count:5}  {function:42} {count / theses:.3f} per thesis\n")
            if run.summary:
                out.write(
                    "  changes: "
                    + ", ".join(f"{v} {k}" for k, v in sorted(run.summary.items()))
                    + "\n"
                )
            if run.error:
                out.write(f"  error: {run.error}\n")
            return run

        first = measure("From nothing")
        measure("Re-applied, no change")
        deposit = Milestone.objects.filter(
            campaign=campaign, kind=MilestoneKind.FINAL_DEPOSIT
        ).get()
        milestone_update(actor=None, milestone=deposit, due_at=deposit.due_at + timedelta(days=7))
        measure("One deadline moved")
        out.write(f"\n{GOALS}\n")
        return 0 if first.status == SyncRun.Status.SUCCEEDED else 1
    finally:
        sim.stop()


if __name__ == "__main__":
    parser = _parser()
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thesisdesk.settings")
    sys.exit(_child(args.theses, args.max_input_vars, sys.stdout))
