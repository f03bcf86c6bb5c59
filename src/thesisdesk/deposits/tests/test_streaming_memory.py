"""Downloading a 200 MB deposit through ThesisDesk keeps the process's extra memory under
100 MB: the bytes flow from Moodle to the browser chunk by chunk. The simulated Moodle runs
in another process so that only ThesisDesk's memory is measured here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from thesisdesk.deposits.models import Deposit, DepositFile
from thesisdesk.milestones.models import MilestoneKind
from thesisdesk.testing.factories import make_milestone

pytestmark = pytest.mark.django_db

SIZE = 200 * 1024 * 1024
LIMIT = 100 * 1024 * 1024


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@pytest.fixture
def big_moodle():
    env = {**os.environ, "THESISDESK_TESTING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "thesisdesk.deposits.tests.big_file_moodle", str(SIZE)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, "the simulated Moodle did not start"
        yield json.loads(line)
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_downloading_a_200_mb_deposit_stays_under_100_mb(client, personas, settings, big_moodle):
    settings.MOODLE_URL = big_moodle["url"]
    settings.MOODLE_TOKEN = big_moodle["token"]
    milestone = make_milestone(
        campaign=personas.campaign,
        kind=MilestoneKind.FINAL_DEPOSIT,
        due_at=datetime(2027, 6, 1, tzinfo=UTC),
    )
    deposit = Deposit.objects.create(
        thesis=personas.thesis, milestone=milestone, status=Deposit.Status.SUBMITTED
    )
    file = DepositFile.objects.create(
        deposit=deposit, filename="big-memoire.pdf", size=SIZE, fileurl=big_moodle["fileurl"]
    )
    client.force_login(personas.supervisor)

    baseline = rss()
    highest = baseline
    tracemalloc.start()
    try:
        response = client.get(reverse("deposits:file-download", args=[file.pk]))
        assert response.status_code == 200
        assert response.streaming
        received = 0
        for count, chunk in enumerate(response.streaming_content):
            received += len(chunk)
            if count % 64 == 0:
                highest = max(highest, rss())
        response.close()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    highest = max(highest, rss())

    assert received == SIZE
    assert response["Content-Length"] == str(SIZE)
    assert peak < LIMIT, f"Python allocations peaked at {peak / 2**20:.1f} MiB"
    assert highest - baseline < LIMIT, (
        f"the process grew by {(highest - baseline) / 2**20:.1f} MiB during the download"
    )
