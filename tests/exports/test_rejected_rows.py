"""The rejected-rows workbook, written from plain rows and read back as the agency would see it."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from exports.rejected_rows import write_rejected_rows

HEADERS = ("Staff ID", "Name", "Date", "Status")
ROWS = [
    (
        5,
        ("P1", '=HYPERLINK("http://evil.example", "Click")', dt.date(2025, 3, 4), "maybe"),
        "Status: 'maybe' is not an attendance status",
    ),
    (9, (-1, "@SUM(1+1)", dt.datetime(2025, 3, 4, 9, 30), None), "-1 is not a staff reference"),
    (12, ("P3",), "no date is given"),
    (
        14,
        ("P4", "Sam Lee", dt.datetime(2025, 3, 4), "Y", "an extra cell"),
        "=the name matches 2 staff members",
    ),
]


@pytest.fixture
def sheet(tmp_path):
    path = tmp_path / "rejected.xlsx"
    assert write_rejected_rows(path, HEADERS, ROWS) == len(ROWS)
    return load_workbook(path).active


def values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_agencys_header_row_is_row_1_between_the_row_number_and_the_problem(sheet):
    assert values(sheet)[0] == ["Row in your file", *HEADERS, None, "Problem"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "B2"
    assert sheet.auto_filter.ref == "A1:G5"


def test_each_rejected_row_has_its_number_its_cells_and_its_problem(sheet):
    rows = values(sheet)[1:]
    assert [row[0] for row in rows] == [5, 9, 12, 14]
    assert rows[2] == [12, "P3", None, None, None, None, "no date is given"]
    assert rows[3][1:6] == ["P4", "Sam Lee", dt.datetime(2025, 3, 4), "Y", "an extra cell"]
    assert rows[0][-1] == "Status: 'maybe' is not an attendance status"


def test_formula_looking_text_is_written_as_text_and_numbers_stay_numbers(sheet):
    rows = values(sheet)[1:]
    assert rows[0][2] == '\'=HYPERLINK("http://evil.example", "Click")'
    assert rows[1][1:3] == [-1, "'@SUM(1+1)"]
    assert rows[3][-1] == "'=the name matches 2 staff members"
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_dates_are_dates_shown_the_uk_way(sheet):
    assert sheet["D2"].value == dt.datetime(2025, 3, 4)
    assert sheet["D2"].number_format == "DD/MM/YYYY"
    assert sheet["D3"].value == dt.datetime(2025, 3, 4, 9, 30)
    assert sheet["D3"].number_format == "DD/MM/YYYY HH:MM"
    assert sheet["D5"].number_format == "DD/MM/YYYY"


def test_the_problem_column_stands_out_and_every_column_is_wide_enough(sheet):
    for cell in sheet["G"]:
        assert cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert sheet["B2"].fill.fill_type is None
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFG"}
    assert widths["A"] >= len("Row in your file")
    assert widths["C"] >= len("Sam Lee")
    assert widths["D"] >= len("dd/mm/yyyy hh:mm")
    assert widths["G"] >= max(len(problem) for _, _, problem in ROWS)


def test_no_rejected_rows_is_just_the_header(tmp_path):
    path = tmp_path / "none.xlsx"
    assert write_rejected_rows(path, HEADERS, []) == 0
    assert values(load_workbook(path).active) == [["Row in your file", *HEADERS, "Problem"]]
