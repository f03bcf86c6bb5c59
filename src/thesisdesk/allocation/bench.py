"""`thesisdesk bench allocation`: solve time, whole-command time and peak memory.

Seeded instances shaped like real campaigns: subjects' popularity follows a power law
(a few subjects draw most first choices), about 10 % more places than students, and for
the two large sizes supervisors with a maximum load a little above their subjects'
places, so that loads bind for popular supervisors. Every result must be proven optimal.
The goals come from issue #7 (ten times mod_ratingallocate's measured times).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import numpy as np

from thesisdesk.allocation.solver import Instance, Options, Student, Subject, Supervisor, solve
from thesisdesk.allocation.solver.jsonio import instance_to_dict


@dataclass(frozen=True)
class Size:
    students: int
    subjects: int
    choices: int
    supervisors: int  # 0: no supervisor loads (ratingallocate's model)
    goal_seconds: float


SIZES = [
    Size(500, 21, 5, 0, 0.011),
    Size(500, 21, 21, 0, 0.05),
    Size(1000, 100, 5, 0, 0.065),
    Size(2500, 1250, 10, 500, 1.2),
    Size(10_000, 4000, 10, 1500, 5.0),
]
MEMORY_GOAL_MB = 1024


def generate(size: Size, seed: int) -> Instance:
    """A reproducible instance of `size`."""
    rng = np.random.default_rng(seed)
    n, m, k = size.students, size.subjects, size.choices
    # Popularity: power law over a random order of subjects, floor so none is ignored.
    popularity = 1.0 / np.arange(1, m + 1) ** 0.9
    popularity = popularity / popularity.sum() * 0.8 + 0.2 / m
    popularity = popularity[rng.permutation(m)]
    log_weight = np.log(popularity)
    places = math.ceil(n * 1.1)
    capacity = 1 + rng.multinomial(places - m, np.full(m, 1.0 / m)) if places > m else np.ones(m)
    capacity = capacity.astype(int)
    rankings = np.empty((n, k), dtype=np.int64)
    chunk = max(1, 2_000_000 // m)
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        # Gumbel top-k: sampling k subjects without replacement, weighted by popularity.
        keys = log_weight + rng.gumbel(size=(stop - start, m))
        top = (
            np.argpartition(-keys, k - 1, axis=1)[:, :k]
            if k < m
            else np.tile(np.arange(m), (stop - start, 1))
        )
        order = np.argsort(-np.take_along_axis(keys, top, axis=1), axis=1)
        rankings[start:stop] = np.take_along_axis(top, order, axis=1)
    subject_ids = [f"p{i}" for i in range(m)]
    supervisors: tuple[Supervisor, ...] = ()
    supervisor_of: list[str | None] = [None] * m
    if size.supervisors:
        owner = rng.integers(0, size.supervisors, m)
        own_places = np.bincount(owner, weights=capacity, minlength=size.supervisors)
        supervisors = tuple(
            Supervisor(f"t{t}", float(max(1, math.ceil(own_places[t] * 0.95))))
            for t in range(size.supervisors)
        )
        supervisor_of = [f"t{t}" for t in owner]
    subjects = tuple(
        Subject(id=subject_ids[p], capacity=int(capacity[p]), supervisor=supervisor_of[p])
        for p in range(m)
    )
    students = tuple(
        Student(id=f"s{s}", ranking=tuple(subject_ids[p] for p in rankings[s])) for s in range(n)
    )
    return Instance(
        students=students,
        subjects=subjects,
        supervisors=supervisors,
        options=Options(seed=seed),
    )


def _thesisdesk_command() -> list[str]:
    script = Path(sys.executable).parent / "thesisdesk"
    if script.exists():
        return [str(script)]
    found = shutil.which("thesisdesk")
    if found:
        return [found]
    return [sys.executable, "-c", "from thesisdesk.cli import main; main()"]


def _run_command(instance_path: Path, result_path: Path) -> tuple[float, float, dict]:
    """Run `thesisdesk allocate solve` as a child: (wall seconds, peak MB, result)."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [
            *_thesisdesk_command(),
            "allocate",
            "solve",
            str(instance_path),
            "--out",
            str(result_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stderr = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise RuntimeError(f"thesisdesk allocate solve failed ({child.returncode}): {stderr}")
    peak_mb = usage.ru_maxrss / 1024  # Linux: kilobytes
    return seconds, peak_mb, json.loads(result_path.read_text())


def main(argv: list[str], out: TextIO) -> int:
    parser = argparse.ArgumentParser(prog="thesisdesk bench allocation")
    parser.add_argument("--sizes", default="1,2,3,4,5", help="which sizes, e.g. 1,2 (1-5)")
    parser.add_argument("--repeat", type=int, default=5, help="in-process solves per size")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", help="keep the instance and result files in this folder")
    args = parser.parse_args(argv)
    chosen = [SIZES[int(i) - 1] for i in args.sizes.split(",") if i.strip()]

    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="td-bench-alloc-"))
    folder.mkdir(parents=True, exist_ok=True)
    out.write(
        f"Allocation benchmark, seed {args.seed}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}.\nsolve = best of {args.repeat} in-process solves "
        "(validation, model, solver, extraction; wall clock), median = their median, cpu = "
        "median CPU time; command = `thesisdesk allocate solve` as a child process, start to "
        "exit (Python and Django start-up included); peak = its maximum resident memory.\n\n"
    )
    header = (
        f"{'size':<28} {'solve s':>9} {'median s':>9} {'cpu s':>8} {'goal s':>7} {'met':>4} "
        f"{'command s':>10} "
        f"{'peak MB':>8} {'optimal':>8} {'assigned':>9} {'rank sum':>9}  engine\n"
    )
    out.write(header)
    failures = 0
    for number, size in enumerate(SIZES, start=1):
        if size not in chosen:
            continue
        instance = generate(size, args.seed)
        label = f"{size.students}x{size.subjects}x{size.choices}"
        if size.supervisors:
            label += f" +{size.supervisors} sup."
        instance_path = folder / f"instance-{number}.json"
        result_path = folder / f"result-{number}.json"
        instance_path.write_text(json.dumps(instance_to_dict(instance)))
        walls, cpus = [], []
        result = None
        for _ in range(max(1, args.repeat)):
            wall, cpu = time.perf_counter(), time.process_time()
            result = solve(instance)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
        assert result is not None
        solve_seconds = min(walls)
        command_seconds, peak_mb, from_file = _run_command(instance_path, result_path)
        optimal = result.optimal and from_file["optimal"]
        same = from_file["objective"] == {"assigned": result.assigned, "rank_sum": result.rank_sum}
        met = solve_seconds < size.goal_seconds and peak_mb < MEMORY_GOAL_MB
        if not (optimal and same):
            failures += 1
        out.write(
            f"{label:<28} {solve_seconds:>9.4f} {statistics.median(walls):>9.4f} "
            f"{statistics.median(cpus):>8.4f} {size.goal_seconds:>7.3f} "
            f"{'yes' if met else 'NO':>4} {command_seconds:>10.2f} {peak_mb:>8.0f} "
            f"{'yes' if optimal else 'NO':>8} {result.assigned:>9} {result.rank_sum:>9}  "
            f"{result.method}{'' if same else ' (command result differs!)'}\n"
        )
        out.flush()
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        out.write(f"\nInstances and results kept in {folder}\n")
    return 1 if failures else 0
