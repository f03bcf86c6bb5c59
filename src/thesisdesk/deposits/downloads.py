"""Streaming deposited files from Moodle to the browser (one file, or the jury's zip)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from typing import Any

from thesisdesk.deposits.models import DepositFile
from thesisdesk.deposits.zipstream import ZipEntry, stream_zip

logger = logging.getLogger("thesisdesk.deposits")

_UNSAFE = re.compile(r"[^\w.\- ()]+", re.UNICODE)


def safe_name(value: str, limit: int = 80) -> str:
    cleaned = _UNSAFE.sub("_", value).strip(" ._") or "file"
    return cleaned[:limit].rstrip(" ._") or "file"


class OpenDownload:
    """A Moodle download opened now (so that errors surface before the response starts),
    streamed later; closes the download and the client when iterated to the end or
    closed."""

    def __init__(self, client: Any, fileurl: str) -> None:
        self._stack = ExitStack()
        try:
            self._stack.callback(client.close)
            self.download = self._stack.enter_context(client.download(fileurl))
        except BaseException:
            self._stack.close()
            raise

    @property
    def size(self) -> int | None:
        size: int | None = self.download.size
        return size

    @property
    def content_type(self) -> str:
        return str(self.download.content_type or "application/octet-stream")

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self.download
        finally:
            self._stack.close()

    def close(self) -> None:
        self._stack.close()


def zip_entry_name(file: DepositFile) -> str:
    thesis = file.deposit.thesis
    folder = safe_name(f"{thesis.pk} {thesis.title}")
    milestone = safe_name(file.deposit.milestone.title, 40)
    path = "/".join(safe_name(part) for part in file.filepath.strip("/").split("/") if part)
    inner = f"{path}/{safe_name(file.filename, 120)}" if path else safe_name(file.filename, 120)
    return f"{folder}/{milestone}/{inner}"


def zip_of_files(client: Any, files: Iterable[DepositFile]) -> Iterator[bytes]:
    """The zip of `files`, each streamed from Moodle when its turn comes. A file Moodle
    refuses to hand over is left out and named in ERRORS.txt at the end of the archive."""
    from thesisdesk.moodle.client.errors import MoodleClientError

    failures: list[str] = []
    seen: set[str] = set()

    def chunks(file: DepositFile, name: str) -> Iterator[bytes]:
        try:
            download_context = client.download(file.fileurl)
            download = download_context.__enter__()
        except MoodleClientError as error:
            failures.append(f"{name}: {error}")
            logger.warning("Zip: could not download %s: %s", file.fileurl, error)
            return
        try:
            yield from download
        finally:
            download_context.__exit__(None, None, None)

    def entries() -> Iterator[ZipEntry]:
        for file in files:
            name = zip_entry_name(file)
            if name in seen:
                name = f"{name}.{file.pk}"
            seen.add(name)
            yield ZipEntry(
                name=name,
                size=file.size,
                modified=file.modified_at,
                chunks=lambda file=file, name=name: chunks(file, name),  # type: ignore[misc]
            )
        if failures:
            text = "\n".join(failures).encode("utf-8") + b"\n"
            yield ZipEntry("ERRORS.txt", len(text), None, lambda: [text])

    try:
        yield from stream_zip(entries())
    finally:
        client.close()
