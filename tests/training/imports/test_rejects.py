"""The rejected rows of a preview, as the workbook sent back to the agency."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.builders import basics, person, session
from training.errors import UserError
from training.imports.candidates import ImportKind
from training.imports.importing import preview_import
from training.imports.rejects import export_rejected_rows, problem, rejected_rows


@pytest.fixture
def preview(uow, tmp_path):
    b = basics(uow)
    person(uow, b, "P1", last="Lee")
    day = session(uow, b, dt.date(2025, 3, 4))
    book = openpyxl.Workbook()
    for row in (
        ("Register: CSE targeted",),
        (),
        ("Collar Number", "Surname", "First Name", "Attended?", "Signed on"),
        ("P1", "Lee", "Alex", "Y", dt.datetime(2025, 3, 4)),
        ("P1", "Lee", "Alex", "maybe", dt.datetime(2025, 3, 4)),
        ("P9", "=cmd|' /C calc'!A0", "Sam", "Y"),
    ):
        book.active.append(list(row))
    book.active["B6"].data_type = "s"  # typed into a Text cell: text, not a formula
    book.save(tmp_path / "register.xlsx")
    return preview_import(
        uow,
        tmp_path / "register.xlsx",
        ImportKind.ATTENDANCE,
        "Northshire Police",
        session_id=day.id,
    )


def test_each_rejected_row_keeps_its_number_its_cells_and_a_problem_naming_the_column(preview):
    rows = rejected_rows(preview)
    assert [(number, tuple(cells)[:4]) for number, cells, _ in rows] == [
        (5, ("P1", "Lee", "Alex", "maybe")),
        (6, ("P9", "=cmd|' /C calc'!A0", "Sam", "Y")),
    ]
    assert rows[0][2].startswith("Attended?: 'maybe' is not an attendance status")
    assert problem(preview.errors[0])[0] == "Attended?"
    assert not problem(preview.errors[0])[1].startswith("Attended?")


def test_the_workbook_has_the_files_header_in_row_1_and_defused_formulas(preview, tmp_path):
    path = tmp_path / "rejected.xlsx"
    assert export_rejected_rows(preview, path) == 2
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Row in your file",
        "Collar Number",
        "Surname",
        "First Name",
        "Attended?",
        "Signed on",
        "Problem",
    )
    assert rows[1][:6] == (5, "P1", "Lee", "Alex", "maybe", dt.datetime(2025, 3, 4))
    assert rows[2][2] == "'=cmd|' /C calc'!A0"


def test_only_an_xlsx_name_is_accepted(preview, tmp_path):
    with pytest.raises(UserError, match=r"ending in \.xlsx"):
        export_rejected_rows(preview, tmp_path / "rejected.csv")
