"""`thesisdesk bench sync`: the sync engine at campaign scale, against the simulator or,
with `--real`, against the Moodle site of MOODLE_URL / MOODLE_TOKEN (with local_thesisdesk).

A campaign of N theses (default 500: 500 groups, 500 sections, 1,000 assignments, 2,000
group events, 1,500 enrolments) is provisioned from nothing, re-applied with no change,
then one deposit deadline is moved. For each: wall time, HTTP requests, requests per thesis
and per kind of object.

`--real` (default 200 theses) works in a new course it creates on the site and deletes at
the end (unless `--keep`). The service has no function to create users, so the campaign's
people are existing Moodle users given by `--users` (e.g. `bench{1..600}`); with fewer than
three per thesis they are reused across theses (a person on several theses).

It runs in a child process on a throw-away SQLite database, so the configured database is
never touched.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta
from typing import Any, TextIO

import httpx

GOALS = (
    "goals: from nothing < 60 s and < 0.2 requests/thesis/kind; no change <= 3; one deadline <= 3"
)
REAL_GOALS = (
    "goals on a real 2-core site (200 theses in one course): from nothing <= the time Moodle "
    "needs to create the same objects one by one (~150 s); no change < 2 s; one deadline < 10 s"
)
DEFAULT_USERS = "s{1..10},t{1..3}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thesisdesk bench sync")
    parser.add_argument("--theses", type=int, help="500 (simulator), 200 (--real)")
    parser.add_argument(
        "--max-input-vars",
        type=int,
        default=5000,
        help="the site's PHP max_input_vars (Moodle requires 5000)",
    )
    parser.add_argument(
        "--real",
        action="store_true",
        help="against the Moodle site of MOODLE_URL and MOODLE_TOKEN (with local_thesisdesk), "
        "in a new course deleted at the end",
    )
    parser.add_argument(
        "--users",
        default=DEFAULT_USERS,
        help="--real: usernames of existing Moodle users for the campaign's people, "
        "comma-separated, with {A..B} ranges (default %(default)s)",
    )
    parser.add_argument(
        "--category", type=int, default=1, help="--real: category of the new course"
    )
    parser.add_argument(
        "--keep", action="store_true", help="--real: keep the course instead of deleting it"
    )
    return parser


def expand_usernames(spec: str) -> list[str]:
    """'s{1..3},t1' -> ['s1', 's2', 's3', 't1'] (no duplicates, order kept)."""
    names: list[str] = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(.*)\{(\d+)\.\.(\d+)\}(.*)", part)
        if match:
            head, low, high, tail = match.groups()
            width = len(low) if low.startswith("0") else 0
            names += [f"{head}{n:0{width}d}{tail}" for n in range(int(low), int(high) + 1)]
        else:
            names.append(part)
    return list(dict.fromkeys(names))


def main(argv: list[str], out: TextIO) -> int:
    options = _parser().parse_args(argv)
    if options.theses is None:
        options.theses = 200 if options.real else 500
    if options.real and not (os.environ.get("MOODLE_URL") and os.environ.get("MOODLE_TOKEN")):
        out.write("--real needs MOODLE_URL and MOODLE_TOKEN (a token of the thesisdesk service)\n")
        return 2
    child_args = ["--theses", str(options.theses), "--max-input-vars", str(options.max_input_vars)]
    if options.real:
        child_args += ["--real", "--users", options.users, "--category", str(options.category)]
        if options.keep:
            child_args.append("--keep")
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
                *child_args,
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
        self.seconds: defaultdict[str, float] = defaultdict(float)  # until the headers

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        body = request.content.decode("ascii", "replace")
        function = "?"
        for part in body.split("&"):
            if part.startswith("wsfunction="):
                function = part.partition("=")[2]
        self.functions[function] += 1
        started = time.perf_counter()
        try:
            return super().handle_request(request)
        finally:
            self.seconds[function] += time.perf_counter() - started


def _populate(theses: int, sim: Any) -> Any:
    from thesisdesk.campaigns.models import Membership, Role
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
    _add_milestones(campaign)
    return campaign


def _add_milestones(campaign: Any) -> None:
    """Two deposits (two assignments per thesis) and four other milestones (group events)."""
    from thesisdesk.milestones.models import Milestone, MilestoneKind

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


def _measure(
    label: str, campaign: Any, gateway: Any, transport: CountingTransport, theses: int, out: TextIO
) -> Any:
    """One sync run of the campaign, with its wall time and HTTP requests."""
    from thesisdesk.moodle import services
    from thesisdesk.moodle.models import SyncRun

    run = services.sync_enqueue(campaign_id=campaign.pk, trigger=SyncRun.Trigger.COMMAND)
    transport.requests = 0
    transport.functions.clear()
    transport.seconds.clear()
    started = time.perf_counter()
    run = services.sync_run_execute(run_id=run.pk, gateway=gateway)
    elapsed = time.perf_counter() - started
    out.write(
        f"\n{label}: {run.status} in {elapsed:.2f} s, {transport.requests} HTTP "
        f"requests, {transport.requests / theses:.3f} per thesis\n"
    )
    for function, count in sorted(transport.functions.items()):
        out.write(
            f"  {count:5}  {function:42} {count / theses:.3f} per thesis"
            f"  {transport.seconds[function]:7.2f} s\n"
        )
    if run.summary:
        out.write(
            "  changes: " + ", ".join(f"{v} {k}" for k, v in sorted(run.summary.items())) + "\n"
        )
    if run.error:
        out.write(f"  error: {run.error}\n")
    failures = list(run.failures.all()[:3])
    for failure in failures:
        out.write(f"  failure: {failure.key}: {failure.errorcode} {failure.message}\n")
    out.flush()
    return run


def _move_one_deadline(campaign: Any) -> None:
    from thesisdesk.milestones.models import Milestone, MilestoneKind
    from thesisdesk.milestones.services import milestone_update

    deposit = Milestone.objects.filter(campaign=campaign, kind=MilestoneKind.FINAL_DEPOSIT).get()
    milestone_update(actor=None, milestone=deposit, due_at=deposit.due_at + timedelta(days=7))


def _child(theses: int, max_input_vars: int, out: TextIO) -> int:
    import django

    django.setup()
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
        first = _measure("From nothing", campaign, gateway, transport, theses, out)
        _measure("Re-applied, no change", campaign, gateway, transport, theses, out)
        _move_one_deadline(campaign)
        _measure("One deadline moved", campaign, gateway, transport, theses, out)
        out.write(f"\n{GOALS}\n")
        return 0 if first.status == SyncRun.Status.SUCCEEDED else 1
    finally:
        sim.stop()


def _populate_real(theses: int, userids: list[tuple[str, int]]) -> Any:
    """A campaign of `theses` theses whose people are the given Moodle users: thesis i has
    users 3i and 3i+1 as students and 3i+2 as reader (supervisor for one thesis in five),
    counted modulo the number of users."""
    from thesisdesk.campaigns.models import Membership, Role
    from thesisdesk.people.models import Person
    from thesisdesk.testing.factories import make_campaign
    from thesisdesk.theses.models import Thesis, ThesisState

    campaign = make_campaign(
        slug="bench",
        name="Bench campaign",
        allocation_published_at=datetime(2026, 10, 1, tzinfo=UTC),
    )
    people = Person.objects.bulk_create(
        Person(
            first_name="Bench",
            last_name=username,
            email=f"bench-{n}@example.org",
            moodle_user_id=userid,
            moodle_username=username,
        )
        for n, (username, userid) in enumerate(userids)
    )
    count = len(people)
    rows = Thesis.objects.bulk_create(
        Thesis(campaign=campaign, title=f"Mémoire {n}", state=ThesisState.IN_PROGRESS)
        for n in range(theses)
    )
    roles: set[tuple[int, str]] = set()
    students, readers = Thesis.students.through, Thesis.readers.through
    supervisors = Thesis.supervisors.through
    student_rows, reader_rows, supervisor_rows = [], [], []
    for i, thesis in enumerate(rows):
        for k in (0, 1):
            person = people[(3 * i + k) % count]
            student_rows.append(students(thesis_id=thesis.pk, person_id=person.pk))
            roles.add((person.pk, Role.STUDENT))
        person = people[(3 * i + 2) % count]
        if i % 5 == 0:
            supervisor_rows.append(supervisors(thesis_id=thesis.pk, person_id=person.pk))
            roles.add((person.pk, Role.SUPERVISOR))
        else:
            reader_rows.append(readers(thesis_id=thesis.pk, person_id=person.pk))
            roles.add((person.pk, Role.READER))
    students.objects.bulk_create(student_rows, ignore_conflicts=True)
    readers.objects.bulk_create(reader_rows, ignore_conflicts=True)
    supervisors.objects.bulk_create(supervisor_rows, ignore_conflicts=True)
    Membership.objects.bulk_create(
        Membership(campaign=campaign, person_id=pk, role=role) for pk, role in sorted(roles)
    )
    _add_milestones(campaign)
    return campaign


def _child_real(options: argparse.Namespace, out: TextIO) -> int:
    import django

    django.setup()
    from thesisdesk.moodle import services
    from thesisdesk.moodle.client import MoodleClient, MoodleClientError
    from thesisdesk.moodle.client.retry import RetryPolicy
    from thesisdesk.moodle.models import SyncRun
    from thesisdesk.moodle.sync.gateway import MoodleGateway

    theses = options.theses
    transport = CountingTransport()
    client = MoodleClient(
        os.environ["MOODLE_URL"],
        os.environ["MOODLE_TOKEN"],
        transport=transport,
        max_input_vars=options.max_input_vars,
        # A batch of assignment creations can take long in a full course: never resend it.
        timeout=900,
        retry=RetryPolicy.none(),
    )
    gateway = MoodleGateway(client)
    usernames = expand_usernames(options.users)
    found = gateway.user_ids_by_username(usernames)
    userids = [(name, found[name]) for name in usernames if name in found]
    if len(userids) < 3:
        out.write(f"Only {len(userids)} of the --users exist on {client.base_url}: need 3.\n")
        return 2
    started = time.perf_counter()
    campaign = _populate_real(theses, userids)
    suffix = uuid.uuid4().hex[:8]
    course = gateway.create_course(
        fullname=f"ThesisDesk bench {suffix}",
        shortname=f"TD-BENCH-{suffix}",
        categoryid=options.category,
    )
    out.write(
        f"Campaign of {theses} theses with {len(userids)} Moodle users set up in "
        f"{time.perf_counter() - started:.1f} s; new course {course.shortname} (id {course.id}) "
        f"on {client.base_url}, max_input_vars {options.max_input_vars}\n"
    )
    out.flush()
    status = 1
    try:
        services.moodle_link_campaign(
            actor=None, campaign=campaign, courseid=course.id, gateway=gateway
        )
        first = _measure("From nothing", campaign, gateway, transport, theses, out)
        _measure("Re-applied, no change", campaign, gateway, transport, theses, out)
        _move_one_deadline(campaign)
        last = _measure("One deadline moved", campaign, gateway, transport, theses, out)
        out.write(f"\n{REAL_GOALS}\n")
        ok = (SyncRun.Status.SUCCEEDED,)
        status = 0 if first.status in ok and last.status in ok else 1
    finally:
        if options.keep:
            out.write(f"Course {course.shortname} (id {course.id}) kept.\n")
        else:
            started = time.perf_counter()
            try:
                client.call("core_course_delete_courses", {"courseids": [course.id]})
                out.write(f"Course {course.id} deleted in {time.perf_counter() - started:.1f} s.\n")
            except MoodleClientError as error:
                out.write(f"Could not delete course {course.id}: {error}\n")
                status = status or 1
    return status


if __name__ == "__main__":
    parser = _parser()
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thesisdesk.settings")
    if args.real:
        sys.exit(_child_real(args, sys.stdout))
    sys.exit(_child(args.theses, args.max_input_vars, sys.stdout))
