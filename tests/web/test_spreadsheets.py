"""Reading what Excel and LibreOffice produce, and writing files that read back."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from thesisdesk.core.spreadsheets import (
    CSV,
    XLSX,
    SpreadsheetError,
    normalize_header,
    read_table,
    write_csv,
    write_xlsx,
)

COLUMNS = {"required": ["email", "first_name", "last_name"], "optional": ["role"]}
ALIASES = {"prénom": "first_name", "nom": "last_name", "courriel": "email", "e-mail": "email"}


def read(data: bytes, filename: str = "people.csv"):
    return read_table(data, filename=filename, aliases=ALIASES, **COLUMNS)


def test_header_names_are_compared_without_case_accents_or_punctuation():
    assert normalize_header(" Prénom ") == "prenom"
    assert normalize_header("E-Mail") == "e_mail"


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b""), ("latin-1", b"")],
)
@pytest.mark.parametrize("separator", [";", ",", "\t"])
def test_csv_in_usual_encodings_and_separators(encoding, prefix, separator):
    text = separator.join(["Courriel", "Prénom", "Nom"]) + "\r\n"
    text += separator.join(["zoe@example.org", "Zoé", "Lefèvre"]) + "\r\n"
    sheet = read(prefix + text.encode(encoding))
    assert sheet.format == CSV
    assert sheet.separator == separator
    assert [row.values for row in sheet.rows] == [
        {"email": "zoe@example.org", "first_name": "Zoé", "last_name": "Lefèvre"}
    ]
    assert sheet.rows[0].line == 2


def test_utf16_with_bom_is_read():
    text = "email\tfirst_name\tlast_name\r\na@example.org\tÉlise\tDurand\r\n"
    sheet = read(text.encode("utf-16"))
    assert sheet.rows[0].get("first_name") == "Élise"


def test_line_numbers_follow_the_file_with_blank_and_multiline_rows():
    data = b'email;first_name;last_name\n\na@example.org;Ann;"Multi\nline"\nb@example.org;Bob;B\n'
    sheet = read(data)
    assert [row.line for row in sheet.rows] == [3, 5]


def test_unknown_columns_are_reported_as_ignored():
    sheet = read(b"email;first_name;last_name;shoe size\na@example.org;A;B;42\n")
    assert sheet.ignored_columns == ["shoe size"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"email;first_name;last_name\n", "no rows"),
        (b"email;last_name\na@example.org;B\n", "first_name"),
        (b"email;email;first_name;last_name\n", "twice"),
        ("email;first_name;last_name\n".encode("utf-16-le"), "encoding"),
        (b"email;first_name;last_name\na@example.org;\x81\x8d;B\n", "encoding"),
        (b"\xef\xbb\xbfemail;first_name;last_name\na@example.org;\xe9;B\n", "UTF-8"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", ".xls"),
    ],
)
def test_files_that_cannot_be_used_say_why(data, message):
    with pytest.raises(SpreadsheetError) as caught:
        read(data)
    assert message in caught.value.message


def test_a_row_with_too_many_values_is_a_row_error():
    sheet = read(b"email;first_name;last_name\na@example.org;A;B;extra\nb@example.org;C;D\n")
    assert [(error.line, "4 values" in error.message) for error in sheet.errors] == [(2, True)]
    assert len(sheet.rows) == 1


def test_xlsx_is_read_with_excel_row_numbers():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["E-mail", "Prénom", "Nom", "Role"])
    sheet.append([None, None, None, None])
    sheet.append(["a@example.org", "Ann", "Smith", 3.0])
    output = io.BytesIO()
    workbook.save(output)
    table = read(output.getvalue(), filename="people.xlsx")
    assert table.format == XLSX
    assert [(row.line, row.values["role"]) for row in table.rows] == [(3, "3")]


def test_a_broken_xlsx_is_refused():
    with pytest.raises(SpreadsheetError):
        read(b"PK\x03\x04 not really a zip", filename="x.xlsx")


ROWS = [
    ["a@example.org", '=HYPERLINK("http://evil")', "Lefèvre", dt.date(2027, 6, 1)],
    ["b@example.org", "-3", "@home", None],
]


def test_csv_export_reads_back_and_neutralises_formulas():
    data = write_csv(["email", "first_name", "last_name", "role"], ROWS)
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"'=HYPERLINK" in data
    sheet = read(data)
    assert [row.values for row in sheet.rows] == [
        {
            "email": "a@example.org",
            "first_name": '=HYPERLINK("http://evil")',
            "last_name": "Lefèvre",
            "role": "2027-06-01",
        },
        {"email": "b@example.org", "first_name": "-3", "last_name": "@home", "role": ""},
    ]


def test_xlsx_export_reads_back_with_text_kept_as_text():
    data = write_xlsx(["email", "first_name", "last_name", "role"], ROWS, title="People")
    sheet = read(data, filename="export.xlsx")
    assert sheet.rows[0].values["first_name"] == '=HYPERLINK("http://evil")'
    assert sheet.rows[0].values["role"] == "2027-06-01"
    assert sheet.rows[1].values["last_name"] == "@home"
