"""The quality report's workbook, opened as a spreadsheet program would: every figure equal to the
summary's, numbers as numbers, dates as dates, headers frozen and filtered, and no formulas."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exports.cell_safety import restore
from exports.quality_report_workbook import write_quality_report_workbook
from tests.exports.quality_sample import (
    END,
    HOSTILE_COMMENT,
    HOSTILE_TRAINER,
    PARTNERSHIP,
    START,
    empty_summary,
    sample_summary,
)
from training.quality_figures import QA_OUTCOMES

SHEETS = ["Summary", "By course", "By trainer", "By tier", "Not assured", "Comments"]
HEADER_ROW = 5


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    path = tmp_path_factory.mktemp("qa") / "qa.xlsx"
    assert write_quality_report_workbook(path, sample_summary(), PARTNERSHIP) == len(SHEETS)
    return openpyxl.load_workbook(path)


def table(sheet) -> list[dict[str, object]]:
    """The rows of the sheet's table (up to its first empty row), by heading."""
    rows = sheet.iter_rows(min_row=HEADER_ROW, values_only=True)
    headings = next(rows)
    found = []
    for row in rows:
        if row[0] is None:
            break
        found.append(dict(zip(headings, row, strict=True)))
    return found


def feedback_matches(row: dict[str, object], figures) -> None:
    assert row["Sessions"] == figures.sessions
    assert row["Responses"] == figures.responses
    assert row["Anonymous"] == figures.anonymous
    assert row["Scored confidence before and after"] == figures.paired
    for heading, value in (
        ("Overall rating", figures.overall),
        ("Content rating", figures.content),
        ("Confidence before", figures.before),
        ("Confidence after", figures.after),
        ("Confidence shift", figures.shift),
        ("Shift SD", figures.shift_sd),
    ):
        assert row[heading] == (None if value is None else pytest.approx(value)), heading


def outcomes_match(row: dict[str, object], observations) -> None:
    counts = dict(observations.counts)
    assert row["Observations"] == observations.total
    for outcome in QA_OUTCOMES:
        assert row[outcome.capitalize()] == counts.get(outcome, 0)


def test_the_sheets_name_the_partnership_and_the_period_as_dates(book):
    assert book.sheetnames == SHEETS
    for sheet in book:
        assert sheet["B2"].value == PARTNERSHIP
        assert sheet["B3"].value.date() == START and sheet["D3"].value.date() == END
        assert sheet["B3"].number_format == "DD/MM/YYYY"
        assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:")


def test_the_summary_holds_the_key_figures_as_numbers(book):
    summary = sample_summary()
    figures = {row["Figure"]: row["Value"] for row in table(book["Summary"])}
    assert figures["Responses"] == summary.overall.responses == 5
    assert figures["Overall rating"] == pytest.approx(summary.overall.overall) == 3.5
    assert figures["Confidence before"] == pytest.approx(2.5)  # (2 + 3 + 1 + 4) / 4
    assert figures["Confidence after"] == pytest.approx(3.75)  # (4 + 4 + 4 + 3) / 4
    assert figures["Confidence shift"] == pytest.approx(1.25)  # (2 + 1 + 3 - 1) / 4
    assert figures["Confidence shift: standard deviation"] == pytest.approx(
        summary.overall.shift_sd
    )
    assert figures["Observations"] == 2
    assert figures["Observations: inadequate"] == 1
    assert figures["Courses not assured in the 12 months to the end"] == 2
    assert figures["Comments"] == 3


def test_every_course_with_its_figures_lowest_tier_first(book):
    summary = sample_summary()
    rows = table(book["By course"])
    assert [row["Code"] for row in rows] == ["ONL-U1", "CSE-T1", "MIS-T1"]
    by_code = {c.course.code: c for c in summary.by_course}
    for row in rows:
        course = by_code[row["Code"]]
        feedback_matches(row, course.feedback)
        outcomes_match(row, course.observations)
        assert row["Course"] == course.course.title
        assert row["QA status now"] == course.course.qa_status
    assert rows[1]["Last assured"] == dt.datetime(2025, 6, 20)
    assert rows[0]["Last assured"] is None
    assert book["By course"].cell(HEADER_ROW + 2, 9).number_format == "0.00"


def test_trainers_and_tiers_with_all_tiers_under_the_table(book):
    summary = sample_summary()
    trainers = table(book["By trainer"])
    assert [restore(row["Trainer"]) for row in trainers] == [g.name for g in summary.by_trainer]
    for row, group in zip(trainers, summary.by_trainer, strict=True):
        feedback_matches(row, group.feedback)
        outcomes_match(row, group.observations)
    tiers = table(book["By tier"])
    assert [row["Tier"] for row in tiers] == ["Universal", "Targeted"]
    for row, group in zip(tiers, summary.by_tier, strict=True):
        feedback_matches(row, group.feedback)
        outcomes_match(row, group.observations)
    sheet = book["By tier"]
    total = [cell.value for cell in sheet[HEADER_ROW + len(tiers) + 2]]
    assert total[:3] == ["All tiers", summary.overall.sessions, summary.overall.responses]
    assert sheet.auto_filter.ref.endswith(str(HEADER_ROW + len(tiers)))  # the total is not in it


def test_courses_not_assured_with_the_day_they_last_were(book):
    rows = table(book["Not assured"])
    assert [(row["Code"], row["Last assured"]) for row in rows] == [
        ("ONL-U1", None),
        ("MIS-T1", dt.datetime(2024, 1, 5)),
    ]
    assert book["Not assured"]["A1"].value == "Courses not assured in the 12 months to 31/03/2026"


def test_comments_are_kept_whole_and_can_never_run_as_formulas(book):
    rows = table(book["Comments"])
    assert [restore(row["Comment"]) for row in rows] == [c.text for c in sample_summary().comments]
    hostile = next(row for row in rows if row["Comment"].startswith("'"))
    assert restore(hostile["Comment"]) == HOSTILE_COMMENT
    assert restore(hostile["Trainer"]) == HOSTILE_TRAINER
    assert isinstance(rows[0]["Session"], dt.datetime) and isinstance(
        rows[0]["Overall rating"], int
    )
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate}"


def test_columns_fit_their_contents(book):
    sheet = book["By course"]
    longest = max(len(c.course.title) for c in sample_summary().by_course)
    assert sheet.column_dimensions["B"].width == longest + 2
    assert sheet.column_dimensions["A"].width >= len("Sessions held")
    assert book["Comments"].column_dimensions["F"].width == 80


def test_an_empty_period_still_writes_every_sheet(tmp_path):
    path = tmp_path / "empty.xlsx"
    assert write_quality_report_workbook(path, empty_summary()) == len(SHEETS)
    book = openpyxl.load_workbook(path)
    assert book["Summary"]["A2"].value is None  # no partnership named
    assert book["Comments"].cell(HEADER_ROW + 1, 1).value == "None in this period."
    figures = {row["Figure"]: row["Value"] for row in table(book["Summary"])}
    assert figures["Responses"] == 0 and figures["Overall rating"] is None
    assert len(table(book["By course"])) == 3
