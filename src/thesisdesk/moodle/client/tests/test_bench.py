"""`thesisdesk bench client` runs and prints its figures (speed itself is not asserted)."""

from __future__ import annotations

import io

from thesisdesk.moodle.client import bench


def test_bench_prints_throughput_latency_and_overhead():
    out = io.StringIO()
    assert bench.main(["--requests", "5", "--iterations", "50"], out) == 0
    text = out.getvalue()
    assert "requests per second" in text
    assert "median latency" in text
    assert "client overhead per call" in text
