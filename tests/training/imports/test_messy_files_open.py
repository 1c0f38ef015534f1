"""The messy files in tests/data/imports open, and their headers are found as the README says.

The files, their README and expected.json (the README's tables, for machines) are made by
tests/data/imports/make_files.py. The header rows and columns in expected.json are written by
hand there, so this checks both that the files are as intended and that the header finder works
on files like the ones agency leads send.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from training.imports.files import open_spreadsheet
from training.imports.headers import ColumnMap, Field, find_header

DATA = Path(__file__).resolve().parents[2] / "data" / "imports"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
FILES = EXPECTED["files"]

Rows = list[tuple[int, tuple[object, ...]]]


def read(name: str, saved: dict[str, Field] | None = None) -> tuple[ColumnMap, Rows, bool]:
    """The header found in the first sheet, every row below it, and the sheet's 1904 flag."""
    with open_spreadsheet(DATA / name) as sheets:
        sheet = sheets[0]
        header, rest = find_header(sheet.rows, saved)
        assert header is not None, f"{name}: no header row found"
        return header, [*rest, *sheet.rows], sheet.epoch_1904


def found(header: ColumnMap) -> dict[str, str]:
    """Each field found, by its name, and the header text of its column."""
    return {field.value: header.column_name(field) for field in header.columns}


def test_every_file_beside_the_readme_is_described():
    files = {p.name for p in DATA.iterdir() if p.suffix in (".xlsx", ".csv")}
    assert files == set(FILES)


@pytest.mark.parametrize("name", sorted(FILES))
def test_the_header_row_and_its_columns_are_found_by_synonyms(name):
    spec = FILES[name]
    header, _, _ = read(name)
    assert header.header_row == spec["header_row"]
    assert found(header) == spec["columns"]
    assert header.unmatched() == spec["unmatched"]


@pytest.mark.parametrize("name", sorted(n for n, spec in FILES.items() if spec["saved_mapping"]))
def test_a_column_the_synonyms_miss_is_found_by_the_agencys_saved_mapping(name):
    spec = FILES[name]
    saved = {text: Field(field) for text, field in spec["saved_mapping"].items()}
    header, _, _ = read(name, saved)
    assert header.header_row == spec["header_row"]
    assert found(header) == spec["columns"] | {f.value: text for text, f in saved.items()}
    assert header.unmatched() == [h for h in spec["unmatched"] if h not in saved]


@pytest.mark.parametrize("name", sorted(FILES))
def test_every_row_below_the_header_is_blank_a_note_or_has_an_expected_class(name):
    spec = FILES[name]
    _, rows, _ = read(name)
    blank = [number for number, values in rows if not any(v not in (None, "") for v in values)]
    one_cell = [number for number, values in rows if sum(v not in (None, "") for v in values) == 1]
    notes = spec["note_rows"]
    filled = [number for number, _ in rows if number not in blank and number not in notes]
    assert blank == spec["blank_rows"]
    assert set(notes) <= set(one_cell)
    assert filled == [row["row"] for row in spec["rows"]]
    assert {row["class"] for row in spec["rows"]} <= {
        "new",
        "update",
        "duplicate",
        "skipped",
        "error",
    }


# Cells that make each file what it imitates: (row, 0-based column, value as read).
CELLS: dict[str, list[tuple[int, int, object]]] = {
    "police_signin_cse_intro.xlsx": [
        (5, 0, 4411),  # a collar number Excel stored as a number, its leading zero lost
        (21, 0, "04411"),  # the same officer, typed as text
        (7, 3, "mailto:Priya.Sharma@Northshire.Police.uk "),
        (22, 5, "J. Bennett"),  # a signature and nothing else
        (26, 0, "Total attended: 16"),
    ],
    "elearning_export_utf8_bom.csv": [
        (2, 5, "2025-02-14 10:31:07"),
        (6, 5, "31/02/2025"),
        (7, 5, "02/14/2025"),
        (12, 1, "SHAW, REBECCA"),  # quoted in the file: the comma stays in the cell
    ],
    "elearning_export_cp1252.csv": [
        (4, 2, "Zoë"),
        (5, 2, "Siân"),
        (6, 2, "Renée"),
        (7, 1, "O’Neill"),
        (7, 7, "Fee £45 recharged to ward budget – agreed by matron"),
        (15, 7, "Re-sat; passed second time"),  # quoted: the ';' stays in the cell
    ],
    "hr_staff_list.xlsx": [
        (2, 5, "1/9/98"),
        (4, 5, 44805),  # an Excel serial left as a bare number
        (9, 6, dt.datetime(2025, 2, 28)),
        (14, 2, None),  # no family name
        (15, 1, '=HYPERLINK("http://payroll.example/verify?id=1327","Click to verify")'),
        (18, 7, "rebecca.shaw@northshire.gov.uk"),  # a formula's saved result
    ],
    "signin_with_course_per_row.xlsx": [
        (4, 1, "Brook, Helen"),
        (5, 2, "cse-i1"),
        (11, 3, "31/9/24"),  # dates are text
        (16, 0, "KMA 00347"),
    ],
    "hotel_briefing_1904.xlsx": [
        (5, 2, dt.datetime(2025, 2, 19)),  # a date cell, read through the 1904 system
        (8, 2, 44245),  # 19/02/2025 as a bare 1904 serial
        (13, 2, "12/03/2025"),
    ],
    "two_people_same_name.xlsx": [
        (4, 0, "Sam Lee"),
        (7, 0, "SAM LEE"),
        (4, 2, dt.datetime(2025, 3, 6)),
    ],
}


@pytest.mark.parametrize("name", sorted(CELLS))
def test_the_cells_hold_the_mess_the_readme_describes(name):
    _, rows, _ = read(name)
    by_number = dict(rows)
    for number, column, value in CELLS[name]:
        cells = by_number[number]
        assert (cells[column] if column < len(cells) else None) == value, (number, column)


@pytest.mark.parametrize("name", sorted(FILES))
def test_only_the_hotels_workbook_uses_the_1904_date_system(name):
    _, _, epoch_1904 = read(name)
    assert epoch_1904 == (name == "hotel_briefing_1904.xlsx")


def test_the_csv_files_are_encoded_as_their_sources_write_them():
    utf8 = (DATA / "elearning_export_utf8_bom.csv").read_bytes()
    cp1252 = (DATA / "elearning_export_cp1252.csv").read_bytes()
    assert utf8.startswith(b"\xef\xbb\xbfUser ID,")
    assert b"\r\n" in utf8
    assert b"Zo\xeb" in cp1252 and b"\xa345" in cp1252 and b"O\x92Neill" in cp1252
    with pytest.raises(UnicodeDecodeError):
        cp1252.decode("utf-8")
