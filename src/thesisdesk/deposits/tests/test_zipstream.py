"""The streamed zip: valid archives, entries opened one at a time, memory bounded by a
chunk whatever the archive's size."""

from __future__ import annotations

import tracemalloc
import zipfile
import zlib
from datetime import UTC, datetime

from thesisdesk.deposits.zipstream import ZipEntry, stream_zip

CHUNK = bytes(range(256)) * 256  # 64 KiB


def chunks_of(size: int):
    def generate():
        left = size
        while left > 0:
            part = CHUNK[: min(left, len(CHUNK))]
            left -= len(part)
            yield part

    return generate


def test_archive_is_valid_and_holds_every_entry(tmp_path):
    entries = [
        ZipEntry(
            "1 Thèse/memoire.pdf", 200_000, datetime(2027, 5, 1, 10, tzinfo=UTC), chunks_of(200_000)
        ),
        ZipEntry("2 Autre/vide.txt", 0, None, lambda: []),
        ZipEntry("2 Autre/petit.txt", 5, None, lambda: [b"hello"]),
    ]
    target = tmp_path / "out.zip"
    with target.open("wb") as out:
        for part in stream_zip(entries):
            out.write(part)
    with zipfile.ZipFile(target) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [
            "1 Thèse/memoire.pdf",
            "2 Autre/vide.txt",
            "2 Autre/petit.txt",
        ]
        assert archive.read("2 Autre/petit.txt") == b"hello"
        assert archive.read("2 Autre/vide.txt") == b""
        data = archive.read("1 Thèse/memoire.pdf")
        assert len(data) == 200_000 and data[:256] == bytes(range(256))
        assert archive.getinfo("1 Thèse/memoire.pdf").date_time == (2027, 5, 1, 10, 0, 0)


def test_entries_are_opened_one_after_the_other():
    opened = []

    def source(name):
        def generate():
            opened.append(name)
            yield name.encode() * 10

        return generate

    stream = stream_zip(
        ZipEntry(name, 10 * len(name), None, source(name)) for name in ("a", "b", "c")
    )
    next(stream)
    assert opened == ["a"]  # the first bytes go out before the next file is asked for
    list(stream)
    assert opened == ["a", "b", "c"]


def test_memory_stays_at_a_chunk_for_a_300_mb_archive():
    entries = [
        ZipEntry(f"thesis-{n}/memoire.pdf", 20 * 2**20, None, chunks_of(20 * 2**20))
        for n in range(15)
    ]
    total = 0
    crc = 0
    tracemalloc.start()
    try:
        for part in stream_zip(entries):
            total += len(part)
            crc = zlib.crc32(part, crc)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total > 15 * 20 * 2**20
    assert peak < 10 * 2**20, f"peak {peak / 2**20:.1f} MiB"
