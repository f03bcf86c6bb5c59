"""The sync engine's jobs through the Redis (RQ) task backend: a change queued in Redis,
an RQ worker (`thesisdesk worker` with TASKS_BACKEND=rq) applies it in Moodle."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from thesisdesk.moodle.simulator import Simulator

pytestmark = [pytest.mark.redis, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
REDIS_URL = "redis://127.0.0.1:6379/7"


@pytest.fixture
def redis_queue():
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    client.flushdb()
    yield client
    client.flushdb()


def test_a_sync_queued_in_redis_is_applied_by_the_rq_worker(tmp_path, redis_queue):
    sim = Simulator.start()
    db_path = tmp_path / "rq.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_path}",
        "MOODLE_URL": sim.url,
        "MOODLE_TOKEN": sim.token("thesisdesk"),
        "TASKS_BACKEND": "rq",
        "REDIS_URL": REDIS_URL,
        "MOODLE_DRIFT_INTERVAL": "0",
    }
    try:
        subprocess.run([BIN / "thesisdesk", "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        setup = subprocess.run(
            [sys.executable, ROOT / "tests/sync/worker_scenario.py", "5"],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        run_id = int(setup.stdout.strip().splitlines()[-1])
        assert redis_queue.llen("rq:queue:default") == 1  # the job waits in Redis

        subprocess.run(
            [BIN / "thesisdesk", "worker", "--batch"],
            env=env,
            check=True,
            cwd=ROOT,
            timeout=300,
            capture_output=True,
        )

        with sqlite3.connect(db_path) as db:
            (status,) = db.execute(
                "SELECT status FROM moodle_syncrun WHERE id = ?", (run_id,)
            ).fetchone()
        assert status == "succeeded"
        with sim.site.lock:
            names = [s.get("name") for s in sim.site.course_sections(2)]
        assert sum(1 for name in names if str(name).startswith("Mémoire numéro")) == 5
    finally:
        sim.stop()
