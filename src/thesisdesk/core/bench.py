"""`thesisdesk bench web`: server time of the main list pages and API lists at 5,000 theses.

Builds a scratch database (a temporary SQLite file, or a scratch PostgreSQL database when
DATABASE_URL names PostgreSQL), fills it with one large campaign, then requests every page
as the campaign's coordinator through Django's test client and prints the median time
spent in Django per request. Goal: under 150 ms each.

Add a page: append (label, URL template) to PAGES; {c} is the campaign id.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import TextIO

PAGES: list[tuple[str, str]] = [
    ("dashboard", "/"),
    ("theses page", "/theses/?campaign={c}"),
    ("subjects page", "/subjects/?campaign={c}"),
    ("people page", "/people/?campaign={c}"),
    ("milestones page", "/milestones/?campaign={c}"),
    ("campaigns page", "/campaigns/"),
    ("API theses", "/api/v1/theses?campaign={c}"),
    ("API theses (search)", "/api/v1/theses?campaign={c}&search=Famille12"),
    ("API subjects", "/api/v1/subjects?campaign={c}"),
    ("API people", "/api/v1/people?campaign={c}"),
    ("API memberships", "/api/v1/campaigns/{c}/memberships"),
    ("API milestones", "/api/v1/milestones?campaign={c}"),
    ("API audit events", "/api/v1/audit-events?campaign={c}"),
]
GOAL_MS = 150.0


def main(argv: list[str], out: TextIO) -> int:
    parser = argparse.ArgumentParser(prog="thesisdesk bench web")
    parser.add_argument("--theses", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=15, help="requests per page")
    options = parser.parse_args(argv)

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment, teardown_test_environment

    from thesisdesk.testing.bulk import build_large_campaign

    scratch = tempfile.TemporaryDirectory(prefix="thesisdesk-bench-")
    if connection.vendor == "sqlite":
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(
            Path(scratch.name) / "bench.sqlite3"
        )
    setup_test_environment()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    original_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        out.write(f"Building {options.theses} theses in a scratch database…\n")
        started = time.perf_counter()
        data = build_large_campaign(theses=options.theses)
        out.write(f"Built in {time.perf_counter() - started:.1f} s.\n")
        client = Client()
        client.force_login(data.coordinator)
        out.write(
            f"{'page':<24}{'status':>7}{'median ms':>11}{'max ms':>9}  goal {GOAL_MS:.0f} ms\n"
        )
        worst = 0.0
        for label, template in PAGES:
            url = template.format(c=data.campaign.pk)
            response = client.get(url)  # warm-up (and existence check)
            if response.status_code == 404:
                out.write(f"{label:<24}{'absent':>7}\n")
                continue
            timings = []
            for _ in range(options.repeat):
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            median = statistics.median(timings)
            worst = max(worst, median)
            verdict = "ok" if median < GOAL_MS and response.status_code == 200 else "SLOW"
            if response.status_code != 200:
                verdict = f"HTTP {response.status_code}"
            out.write(
                f"{label:<24}{response.status_code:>7}{median:>11.1f}"
                f"{max(timings):>9.1f}  {verdict}\n"
            )
        out.write(f"Slowest median: {worst:.1f} ms.\n")
        load = os.getloadavg()[0]
        cores = os.cpu_count() or 1
        out.write(f"Load average during the run: {load:.1f} on {cores} core(s)")
        out.write(
            " (figures are inflated when it is above the core count).\n" if load > cores else ".\n"
        )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
        teardown_test_environment()
        scratch.cleanup()
    return 0
