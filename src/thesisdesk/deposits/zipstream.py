"""A zip archive written as a stream of chunks, never held whole in memory or on disk.

The standard library's zipfile writes to an unseekable sink with data descriptors and
ZIP64 records where needed; the sink is emptied after every write, so memory stays at
one chunk (plus the central directory: about 100 bytes per entry).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import IO, cast

# Deflate gains little on PDFs and costs CPU on gigabytes: store entries as they are.
COMPRESSION = zipfile.ZIP_STORED


@dataclass(frozen=True)
class ZipEntry:
    name: str
    size: int  # expected size (decides ZIP64 for the entry)
    modified: datetime | None
    chunks: Callable[[], Iterable[bytes]]


class _Sink:
    """A write-only file object that hands its bytes back on `drain()`."""

    def __init__(self) -> None:
        self._parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        if data:
            self._parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def drain(self) -> Iterator[bytes]:
        parts, self._parts = self._parts, []
        if parts:
            yield b"".join(parts)


def _date_time(value: datetime | None) -> tuple[int, int, int, int, int, int]:
    if value is None or value.year < 1980:
        return (1980, 1, 1, 0, 0, 0)
    return (value.year, value.month, value.day, value.hour, value.minute, value.second)


def stream_zip(entries: Iterable[ZipEntry]) -> Iterator[bytes]:
    """Yield the bytes of a zip archive of `entries`, one chunk at a time.

    An entry's `chunks()` is called only when the entry is written, so a download is
    opened only when its turn comes.
    """
    sink = _Sink()
    with zipfile.ZipFile(
        cast(IO[bytes], sink), mode="w", compression=COMPRESSION, allowZip64=True
    ) as archive:
        for entry in entries:
            info = zipfile.ZipInfo(entry.name, date_time=_date_time(entry.modified))
            info.compress_type = COMPRESSION
            info.file_size = entry.size
            info.external_attr = 0o644 << 16
            with archive.open(
                info, mode="w", force_zip64=entry.size >= zipfile.ZIP64_LIMIT
            ) as target:
                for chunk in entry.chunks():
                    target.write(chunk)
                    yield from sink.drain()
            yield from sink.drain()
    yield from sink.drain()
