"""Checks of an uploaded guideline file: size, and type read from the content (puremagic)
that must agree with the file name's extension."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import puremagic
from django.conf import settings
from django.utils.translation import gettext as _

from thesisdesk.core.errors import ValidationFailed

# extension -> content type sent on; the extension must be among puremagic's guesses.
ALLOWED: dict[str, str] = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".zip": "application/zip",
    ".txt": "text/plain",
    ".csv": "text/csv",
}
# Plain text has no magic number: accepted when it is UTF-8 without control bytes.
TEXT_EXTENSIONS = {".txt", ".csv"}
# OLE2 (old Office) files: puremagic names the container, not always the application.
OLE_EXTENSIONS = {".doc", ".xls", ".ppt"}
OLE_GUESSES = {".doc", ".xls", ".ppt", ".msi", ".msg", ".ole", ".pub", ".vsd"}


def max_bytes() -> int:
    return int(getattr(settings, "GUIDELINE_MAX_BYTES", 20 * 1024 * 1024))


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str


def _looks_like_text(head: bytes) -> bool:
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        # The head may cut a multi-byte character: retry without the last 3 bytes.
        try:
            text = head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return not any(ord(c) < 32 and c not in "\t\r\n\f" for c in text)


# Zip-based formats: puremagic sees a zip; what is inside tells which application.
ZIP_MARKERS: dict[str, tuple[str, str]] = {
    ".docx": ("member", "word/document.xml"),
    ".xlsx": ("member", "xl/workbook.xml"),
    ".pptx": ("member", "ppt/presentation.xml"),
    ".odt": ("mimetype", "application/vnd.oasis.opendocument.text"),
    ".ods": ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
    ".odp": ("mimetype", "application/vnd.oasis.opendocument.presentation"),
}


def _zip_agrees(stream: IO[bytes], extension: str) -> bool:
    stream.seek(0)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            marker = ZIP_MARKERS.get(extension)
            if marker is None:
                return True
            kind, value = marker
            if kind == "member":
                return value in names
            return (
                "mimetype" in names
                and archive.read("mimetype").strip().decode("ascii", "replace") == value
            )
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        stream.seek(0)


def check_upload(filename: str, stream: IO[bytes], size: int) -> CheckedFile:
    """Raise ValidationFailed (on field `file`) unless the file may be published.

    `stream` is the uploaded file (seekable); its content decides the type."""
    name = PurePath(filename).name.strip() or "file"
    extension = PurePath(name).suffix.lower()
    allowed = ", ".join(sorted(ALLOWED))
    if size > max_bytes():
        raise ValidationFailed(
            _("The file is too large (%(size)d MB; at most %(max)d MB).")
            % {"size": size // (1024 * 1024), "max": max_bytes() // (1024 * 1024)},
            errors={"file": [_("Too large.")]},
        )
    if size == 0:
        raise ValidationFailed(_("The file is empty."), errors={"file": [_("Empty file.")]})
    if extension not in ALLOWED:
        raise ValidationFailed(
            _("This type of file is not accepted. Accepted: %(list)s.") % {"list": allowed},
            errors={"file": [_("Type not accepted.")]},
        )
    stream.seek(0)
    try:
        guesses = {m.extension.lower() for m in puremagic.magic_stream(stream, None)}
    except puremagic.PureError:
        guesses = set()
    stream.seek(0)
    head = stream.read(64 * 1024)
    stream.seek(0)
    if extension in TEXT_EXTENSIONS:
        agrees = not guesses - TEXT_EXTENSIONS and _looks_like_text(head)
    elif extension in OLE_EXTENSIONS:
        agrees = bool(guesses & OLE_GUESSES)
    elif extension == ".zip" or extension in ZIP_MARKERS:
        agrees = ".zip" in guesses and _zip_agrees(stream, extension)
    else:
        agrees = extension in guesses
    if not agrees:
        raise ValidationFailed(
            _("The content of %(name)s is not a %(ext)s file.")
            % {"name": name, "ext": extension.lstrip(".").upper()},
            errors={"file": [_("The content does not match the file's extension.")]},
        )
    return CheckedFile(name, ALLOWED[extension])
