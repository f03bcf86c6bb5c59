"""Seam between the sync engine and the app that owns the course's files (documents).

The engine plans and writes files like any other item (`DesiredFile`), but their bytes and
their bookkeeping belong to the documents app, which registers two functions when Django
starts: where to read the bytes of a file by its key, and what to do with the outcome of a
write or a deletion. With nothing registered, no file is ever written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO


@dataclass(frozen=True)
class FileOutcome:
    """What became of one file item in Moodle."""

    key: str
    op: str  # create | update | repair | delete
    status: str  # created | updated | unchanged | deleted | error
    errorcode: str = ""
    message: str = ""
    cmid: int | None = None


# key -> (file name, open binary file, content type), or None when there is no such file.
Source = Callable[[str], tuple[str, IO[bytes], str] | None]
Recorder = Callable[[FileOutcome], None]


def _no_source(key: str) -> tuple[str, IO[bytes], str] | None:
    return None


def _no_recorder(outcome: FileOutcome) -> None:
    return None


_source: Source = _no_source
_recorder: Recorder = _no_recorder


def register(*, source: Source, recorder: Recorder) -> None:
    global _source, _recorder
    _source, _recorder = source, recorder


def open_file(key: str) -> tuple[str, IO[bytes], str] | None:
    return _source(key)


def record(outcome: FileOutcome) -> None:
    _recorder(outcome)
