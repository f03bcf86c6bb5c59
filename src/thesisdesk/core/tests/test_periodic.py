"""Periodic jobs are queued once per interval, however many processes tick."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import close_old_connections, connection

from thesisdesk.core import periodic
from thesisdesk.core.periodic import PeriodicJob

NOON = datetime(2027, 3, 1, 12, tzinfo=UTC)


@pytest.mark.django_db
def test_a_claim_holds_for_one_interval():
    assert periodic.claim("job", 60, now=NOON)
    assert not periodic.claim("job", 60, now=NOON)
    assert not periodic.claim("job", 60, now=NOON + timedelta(seconds=59))
    assert periodic.claim("job", 60, now=NOON + timedelta(seconds=60))
    assert periodic.claim("other", 60, now=NOON)  # each job has its own slot


@pytest.mark.django_db
def test_tick_queues_only_when_claimed():
    queued = []
    job = PeriodicJob("reminders", 3600, lambda: queued.append(1))
    assert periodic.tick(job, now=NOON)
    assert not periodic.tick(job, now=NOON + timedelta(minutes=30))
    assert periodic.tick(job, now=NOON + timedelta(hours=1))
    assert queued == [1, 1]


@pytest.mark.django_db(transaction=True)
def test_workers_ticking_together_queue_once():
    """Eight workers claim the same due slot at the same moment: exactly one wins."""
    periodic.claim("drift", 60, now=NOON - timedelta(minutes=5))  # the slot exists, and is due
    barrier = threading.Barrier(8)
    wins: list[bool] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            barrier.wait()
            wins.append(periodic.claim("drift", 60, now=NOON))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    if connection.vendor == "sqlite":
        # SQLite lets one writer in at a time; a worker that finds it locked lets the
        # others claim (at worst nobody does this tick, and the next tick claims).
        assert wins.count(True) <= 1 and len(wins) == 8
    else:
        assert sorted(wins) == [False] * 7 + [True]


@pytest.mark.django_db(transaction=True)
def test_timer_thread_queues_and_stops():
    queued = threading.Event()
    stop = periodic.start(PeriodicJob("poll", 0.05, queued.set))
    try:
        assert queued.wait(10)
    finally:
        stop.set()
    assert not periodic.start(PeriodicJob("never", 0, queued.set)).is_set()
