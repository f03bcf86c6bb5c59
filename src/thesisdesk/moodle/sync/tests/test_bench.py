"""`thesisdesk bench sync`: option handling of the real-site mode (the runs themselves are
measurements, not tests)."""

from __future__ import annotations

import io

import pytest

from thesisdesk.moodle.sync import bench


def test_expand_usernames_ranges_lists_and_padding() -> None:
    assert bench.expand_usernames("s{1..3},t1") == ["s1", "s2", "s3", "t1"]
    assert bench.expand_usernames("bench{008..010}") == ["bench008", "bench009", "bench010"]
    assert bench.expand_usernames(" a , b,a,, ") == ["a", "b"]
    assert bench.expand_usernames(bench.DEFAULT_USERS)[:2] == ["s1", "s2"]
    assert len(bench.expand_usernames(bench.DEFAULT_USERS)) == 13


def test_real_mode_needs_a_site(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MOODLE_URL", raising=False)
    monkeypatch.delenv("MOODLE_TOKEN", raising=False)
    out = io.StringIO()
    assert bench.main(["--real"], out) == 2
    assert "MOODLE_URL" in out.getvalue()
