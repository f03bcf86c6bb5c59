"""Reading and writing the spreadsheets people exchange with a thesis office: CSV and XLSX.

Reading is forgiving about what Excel and LibreOffice produce (UTF-8 with or without a
byte-order mark, UTF-16 "Unicode text", Windows-1252 / Latin-1, `;`, `,` or tab separators,
accented or differently written column names) and strict about what it cannot understand:
a file-level problem raises `SpreadsheetError`; a row-level problem is collected in
`Sheet.errors` with its line number, so an importer can list every bad row at once.

Writing produces files that open cleanly in Excel: CSV in UTF-8 with a byte-order mark and
`;` separators (the list separator of French-speaking locales), XLSX through openpyxl.
Values that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

CSV = "csv"
XLSX = "xlsx"
FORMATS = (CSV, XLSX)
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and .doc) files
_SEPARATORS = (";", ",", "\t")
# Characters that make a spreadsheet treat a cell as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SpreadsheetError(Exception):
    """The file as a whole cannot be read (empty, wrong format or encoding, missing columns)."""

    def __init__(self, message: str, *, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line


@dataclass(frozen=True)
class RowError:
    """A problem on one line of the file (1-based, the header being line 1)."""

    line: int
    message: str
    column: str = ""


@dataclass(frozen=True)
class SheetRow:
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "")


@dataclass
class Sheet:
    """A table read from a file: canonical column names and the non-blank rows."""

    format: str
    columns: list[str]
    rows: list[SheetRow]
    encoding: str = ""
    separator: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def normalize_header(name: str) -> str:
    """`" Prénom "` → `prenom`, `E-mail` → `e_mail`: how column names are compared."""
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "_", ascii_only).strip("_")


def guess_format(data: bytes, filename: str = "") -> str:
    """CSV or XLSX, from the content first (names lie), then the file name."""
    if data.startswith(_XLSX_MAGIC):
        return XLSX
    if data.startswith(_OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise SpreadsheetError(
            _(
                "This is an old Excel file (.xls). Save it as an Excel workbook (.xlsx) "
                "or as CSV, then try again."
            )
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise SpreadsheetError(_("This file is named .xlsx but is not an Excel workbook."))
    return CSV


def read_table(
    data: bytes,
    *,
    filename: str = "",
    required: Sequence[str],
    optional: Sequence[str] = (),
    aliases: Mapping[str, str] | None = None,
) -> Sheet:
    """Read a CSV or XLSX file whose first row names the columns.

    `required` and `optional` are canonical column names; `aliases` maps other spellings
    (compared after `normalize_header`) to them, e.g. `{"prenom": "first_name"}`.
    Raises `SpreadsheetError` when the file cannot be used at all.
    """
    if not data or not data.strip():
        raise SpreadsheetError(_("The file is empty."))
    file_format = guess_format(data, filename)
    if file_format == XLSX:
        raw_rows = _xlsx_rows(data)
        encoding, separator = "", ""
    else:
        text, encoding = decode_text(data)
        separator = detect_separator(text)
        raw_rows = _csv_rows(text, separator)

    try:
        header_line, header = next(raw_rows)
    except StopIteration:
        raise SpreadsheetError(_("The file is empty.")) from None
    columns, ignored = _map_header(header, header_line, required, optional, aliases or {})

    sheet = Sheet(
        format=file_format,
        columns=[c for c in columns if c],
        rows=[],
        encoding=encoding,
        separator=separator,
        ignored_columns=ignored,
    )
    width = len(columns)
    for line, cells in raw_rows:
        cleaned = [cell.strip() for cell in cells]
        if not any(cleaned):
            continue
        if len(cleaned) > width and any(cleaned[width:]):
            sheet.errors.append(
                RowError(
                    line,
                    _("This line has %(found)d values but the header names %(expected)d columns.")
                    % {"found": len(cleaned), "expected": width},
                )
            )
            continue
        values = {}
        for index, column in enumerate(columns):
            if column:
                values[column] = cleaned[index] if index < len(cleaned) else ""
        sheet.rows.append(SheetRow(line=line, values=values))
    if not sheet.rows and not sheet.errors:
        raise SpreadsheetError(_("The file has a header line but no rows."), line=header_line)
    return sheet


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode CSV bytes as UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    elif data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as error:
            raise SpreadsheetError(
                _("The file starts as UTF-8 but byte %(position)d is not valid UTF-8.")
                % {"position": error.start + 4}
            ) from None
    else:
        if b"\x00" in data:
            raise SpreadsheetError(
                _(
                    "The file's encoding is not supported (it contains NUL bytes): save it as "
                    "CSV UTF-8 or as an Excel workbook (.xlsx)."
                )
            )
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            # Bytes Windows-1252 leaves undefined: the file is in some other encoding.
            text = ""
        if text and not _CONTROL_CHARS.search(text):
            return text, "cp1252"
    raise SpreadsheetError(
        _(
            "The file's encoding is not recognised: save it as CSV UTF-8, CSV (Windows) or "
            "as an Excel workbook (.xlsx)."
        )
    )


def detect_separator(text: str) -> str:
    """The separator that splits the header line into the most columns (`;` on a tie)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    best, best_count = ";", 0
    for separator in _SEPARATORS:
        count = len(next(csv.reader([first_line], delimiter=separator), []))
        if count > best_count:
            best, best_count = separator, count
    return best


def _csv_rows(text: str, separator: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    line = 1
    try:
        for cells in reader:
            yield line, [_unescape_formula(cell) for cell in cells]
            line = reader.line_num + 1
    except csv.Error as error:
        raise SpreadsheetError(
            _("Line %(line)d cannot be read: %(error)s") % {"line": line, "error": error},
            line=line,
        ) from None


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise SpreadsheetError(_("This file is not a readable Excel workbook (.xlsx).")) from None
    try:
        worksheet = workbook.worksheets[0]
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in row]
    finally:
        workbook.close()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _map_header(
    header: Sequence[str],
    line: int,
    required: Sequence[str],
    optional: Sequence[str],
    aliases: Mapping[str, str],
) -> tuple[list[str], list[str]]:
    known = {normalize_header(name): name for name in (*required, *optional)}
    known.update({normalize_header(alias): name for alias, name in aliases.items()})
    columns: list[str] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for raw in header:
        name = raw.strip().lstrip("\ufeff")
        canonical = known.get(normalize_header(name), "")
        if canonical and canonical in seen:
            raise SpreadsheetError(
                _("The column “%(column)s” appears twice in the header line.") % {"column": name},
                line=line,
            )
        if canonical:
            seen.add(canonical)
        elif name:
            ignored.append(name)
        columns.append(canonical)
    missing = [name for name in required if name not in seen]
    if missing:
        raise SpreadsheetError(
            _("Missing column(s) in the header line: %(columns)s. Found: %(found)s.")
            % {
                "columns": ", ".join(missing),
                "found": ", ".join(h.strip() for h in header if h.strip()) or _("nothing"),
            },
            line=line,
        )
    return columns, ignored


PREVIEW_ROWS = 50


@dataclass
class ImportReport:
    """What an import did, or would do (`dry_run`), or why it did nothing (`errors`)."""

    kind: str
    campaign: Any
    dry_run: bool
    rows: list[Any] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def preview(self) -> list[Any]:
        return self.rows[:PREVIEW_ROWS]


# Writing -----------------------------------------------------------------------------------


def _export_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None).isoformat(sep=" ", timespec="minutes")
    return str(value)


def _escape_formula(text: str) -> str:
    if text.startswith(_FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _unescape_formula(text: str) -> str:
    if text.startswith("'") and text[1:].startswith(_FORMULA_STARTS):
        return text[1:]
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def iter_csv(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, separator: str = ";"
) -> Iterator[str]:
    """Yield a CSV document line by line (for streaming responses), BOM first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow(headers)
    yield "\ufeff" + flush()
    for row in rows:
        writer.writerow([_escape_formula(_export_text(value)) for value in row])
        yield flush()


def write_csv(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, separator: str = ";"
) -> bytes:
    return "".join(iter_csv(headers, rows, separator=separator)).encode("utf-8")


def write_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "") -> bytes:
    """An XLSX workbook with one sheet; text is always stored as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=(title or "export")[:31])
    bold = Font(bold=True)

    def cell(value: Any, *, header: bool = False) -> WriteOnlyCell:
        if isinstance(value, dt.datetime) and timezone.is_aware(value):
            # Excel has no time zones: show the local (Brussels) time.
            value = timezone.localtime(value).replace(tzinfo=None)
        if not isinstance(value, str | int | float | Decimal | dt.date | type(None)):
            value = str(value)
        if isinstance(value, bool):
            value = int(value)
        result = WriteOnlyCell(worksheet, value=value)
        if isinstance(value, str):
            result.data_type = "s"
        if header:
            result.font = bold
        return result

    worksheet.append([cell(name, header=True) for name in headers])
    for row in rows:
        worksheet.append([cell(value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
