"""The return's workbook, opened as a spreadsheet program would: every number equal to the pure
reference's, dates as dates, headers frozen and filtered, safe sheet names, and no formulas."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from exports.cell_safety import neutralise, restore
from exports.return_workbook import DETAIL_HEADINGS, sheet_names, write_return_workbook
from storage.database import Database
from tests.exports.return_partnership import (
    AWKWARD_AGENCIES,
    ON,
    PARTNERSHIP,
    PERIOD_START,
    TOPICS,
    reference_counts,
    sample,
    store,
)
from training.returns import training_return

FORBIDDEN = set("[]:*?/\\")


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """The awkward partnership's return for every topic, written and opened again."""
    s = sample(seed=3)
    database = Database("sqlite://")
    database.create_all()
    store(database, s)
    result = training_return(database.unit_of_work(), ON, period_start=PERIOD_START)
    database.dispose()
    path = tmp_path_factory.mktemp("return") / "return.xlsx"
    assert write_return_workbook(path, result) == len(AWKWARD_AGENCIES) + 1
    return s, result, openpyxl.load_workbook(path)


def rows_of(sheet, first: int) -> list[list]:
    return [list(row) for row in sheet.iter_rows(min_row=first, values_only=True)]


def header_row(sheet, first_heading: str) -> int:
    return next(cell.row for (cell,) in sheet.iter_rows(max_col=1) if cell.value == first_heading)


def test_sheet_names_are_ones_excel_accepts():
    names = sheet_names([*AWKWARD_AGENCIES, "summary", "", "Police", "POLICE", "x" * 40 + "'"])
    assert len({name.casefold() for name in names} | {"summary", "history"}) == len(names) + 2
    for name in names:
        assert 0 < len(name) <= 31
        assert not FORBIDDEN & set(name)
        assert not name.startswith("'") and not name.endswith("'")
    assert names[0] == "Northshire North Police Fire"
    assert names[1] == "Northshire and Marlbury Hospita"
    assert names[2] == "Northshire and Marlbury Hos (2)"
    assert names[4] == "Quoted' Agency"
    assert names[5:9] == ["History (2)", "summary (2)", "Agency", "Police"]
    assert names[9] == "POLICE (2)"


def test_the_summary_holds_the_reference_counts_as_numbers(written):
    s, result, book = written
    sheet = book["Summary"]
    assert book.sheetnames[0] == "Summary"
    start = header_row(sheet, "Agency")
    headings = rows_of(sheet, start)[0]
    assert headings[:5] == [
        "Agency",
        "Sector",
        "Topic",
        "In scope: Universal",
        "In scope: Introductory",
    ]
    references = {topic: reference_counts(s, n) for n, topic in enumerate(TOPICS, start=1)}
    by_name = {name: n for n, name in enumerate(s.agencies, start=1)}
    rows = rows_of(sheet, start + 1)[: len(s.agencies) * len(TOPICS)]
    assert [row[0] for row in rows[:: len(TOPICS)]] == [
        neutralise(a.agency) for a in result.agencies
    ]
    for agency, sector, topic, *figures in rows:
        name = restore(agency)
        expected = references[topic][by_name[name]]
        percent = expected.percent_trained
        assert figures == [
            *expected.in_scope_by_tier,
            expected.in_scope,
            expected.trained,
            None if percent is None else pytest.approx(percent / 100),
            expected.expiring_soon,
            expected.lapsed + expected.never_trained,
            expected.never_trained,
            expected.lapsed,
            *expected.trained_in_period_by_tier,
            sum(expected.trained_in_period_by_tier),
        ]
        assert sector == "Police"
    assert any(row[0].startswith("'=HYPERLINK") for row in rows)  # neutralised


def test_the_summary_adds_up_all_agencies(written):
    s, _, book = written
    sheet = book["Summary"]
    totals = [row for row in rows_of(sheet, 1) if row[0] == "All agencies"]
    assert [row[2] for row in totals] == list(TOPICS)
    for n, row in enumerate(totals, start=1):
        in_scope = sum(c.in_scope for c in reference_counts(s, n).values())
        trained = sum(c.trained for c in reference_counts(s, n).values())
        assert row[7:9] == [in_scope, trained]
        assert row[9] == pytest.approx(trained / in_scope)


def test_the_summary_is_laid_out_for_reading(written):
    _, _, book = written
    sheet = book["Summary"]
    start = header_row(sheet, "Agency")
    last = start + len(AWKWARD_AGENCIES) * len(TOPICS)
    assert sheet.freeze_panes == f"B{start + 1}"
    assert sheet.auto_filter.ref == f"A{start}:S{last}"
    assert sheet["A1"].value == f"Agency training return: {', '.join(TOPICS)}"
    about = {row[0].value: row[1:4] for row in sheet.iter_rows(min_row=2, max_row=start - 2)}
    assert about["Partnership"][0].value == PARTNERSHIP
    assert about["Reporting date"][0].value == dt.datetime(2026, 3, 31)
    assert about["Reporting date"][0].number_format == "DD/MM/YYYY"
    assert [cell.value for cell in about["Period"]] == [
        dt.datetime(2025, 4, 1),
        "to",
        dt.datetime(2026, 3, 31),
    ]
    first = sheet.cell(start + 1, 4)
    assert first.data_type == "n" and first.number_format == "#,##0"
    assert sheet.cell(start + 1, 10).number_format == "0.0%"
    longest = max(len(name) for name in AWKWARD_AGENCIES)
    assert sheet.column_dimensions["A"].width >= min(longest + 2, 45)
    for column in "DEFGHIJKLMNOPQRS":
        assert sheet.column_dimensions[column].width >= 12


def test_each_agency_sheet_names_everyone_in_scope(written):
    s, result, book = written
    names = sheet_names([a.agency for a in result.agencies])
    assert book.sheetnames[1:] == names
    for agency, name in zip(result.agencies, names, strict=True):
        sheet = book[name]
        start = header_row(sheet, "Name")
        assert rows_of(sheet, start)[0] == list(DETAIL_HEADINGS)
        lines = rows_of(sheet, start + 1)
        assert len(lines) == len(agency.people) or (not agency.people and len(lines) == 1)
        assert sheet.freeze_panes == f"B{start + 1}"
        assert sheet.auto_filter.ref.startswith(f"A{start}:J")
        in_scope = {n: 0 for n in range(len(TOPICS))}
        for line, person in zip(lines, agency.people, strict=False):
            assert line[5] == person.status
            assert line[3] == person.topic
            in_scope[TOPICS.index(person.topic)] += 1
        reference = [reference_counts(s, n)[agency.agency_id].in_scope for n in (1, 2)]
        assert list(in_scope.values()) == reference


def test_detail_dates_are_dates_and_refs_keep_their_zeros(written):
    _, result, book = written
    agency = max(result.agencies, key=lambda a: len(a.people))
    sheet = book[sheet_names([a.agency for a in result.agencies])[result.agencies.index(agency)]]
    start = header_row(sheet, "Name")
    dated = 0
    for row in sheet.iter_rows(min_row=start + 1):
        assert row[1].data_type == "s" and len(row[1].value) == 5  # "00042", never 42
        for cell in (row[6], row[7]):
            if cell.value is not None:
                assert isinstance(cell.value, dt.datetime)
                assert cell.number_format == "DD/MM/YYYY"
                dated += 1
    assert dated > 0


def test_nothing_in_the_workbook_can_run_as_a_formula(written):
    _, _, book = written
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t"))]
    assert any(t.startswith("'=1+2 ") for t in texts)
    assert any(t.startswith("'@SUM(A1) ") for t in texts)
