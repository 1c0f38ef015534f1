"""The board report's workbook, opened as a spreadsheet program would: a sheet per section, the
report's numbers as numbers (rates as percentages), dates as dates, headers frozen and filtered,
columns that fit, and no text that could run as a formula."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exports.board_report_workbook import TABLE_ROW, write_board_report_workbook
from exports.cell_safety import neutralise
from tests.exports.board_report_sample import (
    AWKWARD_AGENCY,
    FORMULA_AGENCY,
    FORMULA_TOPIC,
    PARTNERSHIP,
    sample_report,
)

SHEETS = [
    "Summary",
    "Sessions",
    "By tier",
    "By topic",
    "By sector",
    "By quarter",
    "Evaluations",
    "QA",
    "Champions",
    "Awareness",
]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("board") / "board.xlsx"
    assert write_board_report_workbook(path, sample_report()) == len(SHEETS)
    return openpyxl.load_workbook(path)


def table(sheet, first_row: int = TABLE_ROW) -> list[tuple]:
    """The table whose header is on ``first_row``: its rows, to the first blank one, as wide as
    its header."""
    width = sum(1 for cell in sheet[first_row] if cell.value is not None)
    rows = []
    for row in sheet.iter_rows(min_row=first_row, max_col=width, values_only=True):
        if all(value is None for value in row):
            break
        rows.append(row)
    return rows


def row_named(sheet, name: str) -> tuple:
    """The first row that starts with ``name``, as wide as the sheet's first table."""
    width = sum(1 for cell in sheet[TABLE_ROW] if cell.value is not None)
    rows = sheet.iter_rows(max_col=width, values_only=True)
    return next(row for row in rows if row[0] == name)


def test_there_is_a_sheet_per_section_each_headed_by_the_period(book):
    assert book.sheetnames == SHEETS
    for sheet in book:
        assert sheet["A1"].value.startswith("Board training report: ")
        assert sheet["A2"].value == "Period"
        assert sheet["B2"].value == dt.datetime(2025, 5, 15)
        assert sheet["D2"].value == dt.datetime(2026, 3, 31)
        assert sheet["B2"].number_format == "DD/MM/YYYY"


def test_every_sheet_has_its_header_frozen_and_filtered(book):
    for sheet in book:
        assert sheet.freeze_panes == f"B{TABLE_ROW + 1}", sheet.title
        assert sheet.auto_filter.ref.startswith(f"A{TABLE_ROW}:"), sheet.title
        assert sheet.cell(TABLE_ROW, 1).font.bold


def test_the_summary_holds_the_key_figures_as_numbers(book):
    sheet = book["Summary"]
    figures = {row[0]: row[1] for row in table(sheet)[1:]}
    assert figures["Sessions delivered"] == 70
    assert figures["Places filled"] == 1170
    assert figures["Places filled (%)"] == pytest.approx(1170 / 1763)
    assert figures["Did-not-attend rate"] == pytest.approx(106 / 1276)
    assert figures["Attendances (sessions and e-learning)"] == 864
    assert figures["Confidence shift"] == pytest.approx(0.96)
    assert figures["Agencies without a trained champion"] == 3
    assert figures["People reached by awareness events"] == 3712
    assert row_named(sheet, "Partnership")[1] == PARTNERSHIP
    rate = next(row for row in sheet.iter_rows() if row[0].value == "Did-not-attend rate")
    assert rate[1].number_format == "0.0%"


def test_the_sessions_sheet_has_a_row_per_tier_and_the_total(book):
    sheet = book["Sessions"]
    rows = table(sheet)
    assert [row[0] for row in rows] == [
        "Tier",
        "Universal",
        "Introductory",
        "Targeted",
        "Specialist",
    ]
    assert rows[2][:5] == ("Introductory", 42, 1, 1213, 812)
    assert rows[2][5] == pytest.approx(812 / 1213)
    assert rows[1][5] is None  # no places offered: no rate, rather than a made-up 0%
    assert row_named(sheet, "All tiers")[:5] == ("All tiers", 70, 1, 1763, 1170)
    assert sheet.cell(TABLE_ROW + 2, 6).number_format == "0.0%"
    assert sheet.cell(TABLE_ROW + 2, 2).number_format == "#,##0"


def test_attendances_by_tier_topic_sector_and_quarter(book):
    assert table(book["By tier"])[1:] == [
        ("Universal", 406, pytest.approx(406 / 864)),
        ("Introductory", 326, pytest.approx(326 / 864)),
        ("Targeted", 126, pytest.approx(126 / 864)),
        ("Specialist", 6, pytest.approx(6 / 864)),
    ]
    assert row_named(book["By tier"], "All")[1:] == (864, 1)
    assert [row[:2] for row in table(book["By topic"])[1:]] == [
        ("CSE", 764),
        (neutralise(FORMULA_TOPIC), 100),
    ]
    assert [row[:2] for row in table(book["By sector"])[1:]] == [
        ("Police", 543),
        ("Licensing and hospitality", 321),
        ("Housing", 0),
    ]
    quarters = table(book["By quarter"])
    assert quarters[0] == (
        "Quarter",
        "From",
        "To",
        "Universal",
        "Introductory",
        "Targeted",
        "Specialist",
        "All tiers",
    )
    assert quarters[1] == (
        "Apr–Jun 2025 (part)",
        dt.datetime(2025, 5, 15),
        dt.datetime(2025, 6, 30),
        100,
        80,
        30,
        0,
        210,
    )
    assert len(quarters) == 5
    assert row_named(book["By quarter"], "Whole period")[3:] == (406, 326, 126, 6, 864)
    assert book["By quarter"].cell(TABLE_ROW + 1, 2).number_format == "DD/MM/YYYY"


def test_evaluations_and_qa(book):
    targeted = row_named(book["Evaluations"], "Targeted")
    assert targeted[:4] == ("Targeted", 163, 40, 17)
    assert targeted[4:7] == pytest.approx((4.29, 4.19, 4.39))
    assert targeted[7] == 162
    assert targeted[8:12] == pytest.approx((2.76, 3.71, 0.95, 0.68))
    assert row_named(book["Evaluations"], "Universal")[4:] == (None, None, None, 0, *(None,) * 4)
    qa = book["QA"]
    assert table(qa)[0] == (
        "Tier",
        "Outstanding",
        "Good",
        "Requires improvement",
        "Inadequate",
        "Observations",
    )
    assert row_named(qa, "All tiers")[1:] == (1, 1, 3, 0, 5)
    header = next(row[0].row for row in qa.iter_rows() if row[0].value == "Course code")
    assert qa.cell(header - 1, 1).value.startswith("Courses on offer not assured")
    courses = table(qa, header)
    assert courses == [
        ("Course code", "Course", "Tier", "Last assured"),
        ("CSE-I2", "CSE <awareness> for taxi drivers", "Introductory", None),
        ("MIS-S1", "Missing children: strategy meetings", "Specialist", dt.datetime(2024, 12, 2)),
    ]
    assert qa.cell(header + 2, 4).number_format == "DD/MM/YYYY"


def test_champions_lists_every_active_agency_and_says_which_lack_a_trained_one(book):
    sheet = book["Champions"]
    rows = table(sheet)[1:]
    assert [row[0] for row in rows] == sorted(
        [AWKWARD_AGENCY, neutralise(FORMULA_AGENCY), "Kingsmead Academy", "Northshire Police",
         "Station Cabs"],
        key=str.casefold,
    )  # fmt: skip
    by_name = {row[0]: row[1:] for row in rows}
    assert by_name[AWKWARD_AGENCY] == ("no", "no champion")
    assert by_name[neutralise(FORMULA_AGENCY)] == ("no", "champions not yet trained")
    assert by_name["Northshire Police"] == ("yes", "trained champion in post")
    assert row_named(sheet, "Agencies without a trained champion")[1] == 3
    assert sheet.column_dimensions["A"].width >= len(FORMULA_AGENCY)


def test_awareness_by_audience_and_by_type(book):
    sheet = book["Awareness"]
    assert table(sheet)[1:] == [
        ("Young people", 17, 3461),
        ("Parents and carers", 7, 251),
        ("Taxi and private hire", 0, 0),
    ]
    assert row_named(sheet, "All audiences")[1:] == (24, 3712)
    assert row_named(sheet, "Theatre production")[1:] == (12, 1678)


def test_no_cell_holds_a_formula(book):
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), cell.value
