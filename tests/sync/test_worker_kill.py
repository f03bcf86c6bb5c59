"""Kill a real worker process in the middle of an apply, start another: the work is
finished with nothing duplicated and nothing lost."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from thesisdesk.moodle.simulator import Simulator

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
THESES = 40


def wait_for(predicate, what, timeout=120.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"Timed out waiting for {what}")


def run_row(db_path: Path, run_id: int):
    with sqlite3.connect(db_path, timeout=10) as db:
        return db.execute(
            "SELECT status, json_array_length(progress) FROM moodle_syncrun WHERE id = ?",
            (run_id,),
        ).fetchone()


def test_killing_the_worker_mid_apply_then_restarting_finishes_without_duplicates(tmp_path):
    sim = Simulator.start()
    db_path = tmp_path / "worker.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "MOODLE_URL": sim.url,
        "MOODLE_TOKEN": sim.token("thesisdesk"),
        "MOODLE_MAX_INPUT_VARS": "200",  # many small batches
        "TASKS_BACKEND": "database",
        "MOODLE_DRIFT_INTERVAL": "0",
    }
    workers = []
    try:
        subprocess.run([BIN / "thesisdesk", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        setup = subprocess.run(
            [sys.executable, ROOT / "tests/sync/worker_scenario.py", str(THESES)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        run_id = int(setup.stdout.strip().splitlines()[-1])

        first = subprocess.Popen(
            [BIN / "thesisdesk", "worker", "--interval", "0.1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers.append(first)
        wait_for(lambda: (run_row(db_path, run_id) or (None, 0))[1] >= 3, "a few batches")
        with sim.site.lock:  # hold Moodle still: the worker is inside a call
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        status, batches_done = run_row(db_path, run_id)
        assert status == "running"

        second = subprocess.Popen(
            [BIN / "thesisdesk", "worker", "--interval", "0.1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        workers.append(second)
        wait_for(
            lambda: run_row(db_path, run_id)[0] in ("succeeded", "partial", "failed"),
            "the resumed run to finish",
        )
        assert run_row(db_path, run_id)[0] == "succeeded"
        assert run_row(db_path, run_id)[1] > batches_done

        course = 2
        with sim.site.lock:
            sections = [s for s in sim.site.course_sections(course) if s.get("section", 0) > 0]
        names = Counter(s.get("name") for s in sections)
        thesis_names = {f"Mémoire numéro {n}" for n in range(THESES)}
        assert {name: names[name] for name in thesis_names} == dict.fromkeys(thesis_names, 1)

        plan = subprocess.run(
            [BIN / "thesisdesk", "moodle", "plan", "worker-test"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        assert "Nothing to change in Moodle." in plan.stdout
        assert f"{THESES} groups" in plan.stdout and f"{2 * THESES} assignments" in plan.stdout
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker.kill()
        sim.stop()
