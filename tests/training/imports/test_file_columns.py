"""Reading a spreadsheet's headings and their suggested fields, for the import wizard."""

from __future__ import annotations

import openpyxl
import pytest

from tests.builders import basics
from training.errors import ValidationError
from training.imports.candidates import ImportKind
from training.imports.file_columns import missing_fields, read_file_columns
from training.imports.files import SpreadsheetRefused
from training.imports.headers import Field

AGENCY = "Northshire Police"


def workbook(path, *sheets):
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def test_the_headings_are_read_under_title_rows_with_the_field_each_was_matched_to(uow, tmp_path):
    basics(uow)
    path = workbook(
        tmp_path / "signin.xlsx",
        (
            "Sign-in",
            [
                ("CSE targeted – sign-in",),
                (),
                ("Collar No.", "Surname", "Signature", "Attended?"),
                (None, "Lee", "S Lee", "Y"),
                ("4411", "Khan", None, "N"),
            ],
        ),
    )
    columns = read_file_columns(uow, path, ImportKind.ATTENDANCE, AGENCY)
    assert (columns.file_name, columns.sheet, columns.header_row) == ("signin.xlsx", "Sign-in", 3)
    assert columns.headers == ("Collar No.", "Surname", "Signature", "Attended?")
    assert columns.matched == {0: Field.STAFF_REF, 1: Field.LAST_NAME, 3: Field.STATUS}
    assert columns.examples == ("4411", "Lee", "S Lee", "Y")  # each column's first value


def test_a_sheet_missing_a_needed_column_is_shown_for_the_user_to_map(uow, tmp_path):
    basics(uow)
    path = workbook(
        tmp_path / "drivers.xlsx",
        ("Notes", [("Read me first",)]),
        ("Drivers", [("Driver", "Course", "Date", "Attended"), ("Sam Lee", "CSE-T1", "x", "Y")]),
    )
    columns = read_file_columns(uow, path, ImportKind.ATTENDANCE, AGENCY)
    assert columns.sheet == "Drivers"
    assert columns.matched == {1: Field.COURSE, 2: Field.DATE, 3: Field.STATUS}
    missing = missing_fields(ImportKind.ATTENDANCE, columns.matched.values())
    assert missing == [(Field.STAFF_REF, Field.EMAIL, Field.LAST_NAME, Field.FULL_NAME)]


def test_without_a_header_row_the_fullest_row_is_offered(uow, tmp_path):
    basics(uow)
    path = tmp_path / "odd.csv"
    path.write_text("Register\nOfficer,Pers,Came\nSam Lee,4411,Y\n", encoding="utf-8")
    columns = read_file_columns(uow, path, ImportKind.ATTENDANCE, AGENCY)
    assert (columns.header_row, columns.headers) == (2, ("Officer", "Pers", "Came"))
    assert columns.matched == {0: Field.FULL_NAME}  # one known heading: too few for a header


def test_the_agencys_saved_mapping_is_suggested(uow, tmp_path):
    b = basics(uow)
    with uow:
        uow.column_mappings.remember(b.agency_id, "attendance", "Officer", "full name")
        uow.commit()
    path = tmp_path / "names.csv"
    path.write_text("Officer,Attended\nSam Lee,Y\n", encoding="utf-8")
    columns = read_file_columns(uow, path, ImportKind.ATTENDANCE, AGENCY)
    assert columns.matched == {0: Field.FULL_NAME, 1: Field.STATUS}


def test_a_refused_file_or_an_unknown_agency_is_said_plainly(uow, tmp_path):
    basics(uow)
    renamed = tmp_path / "scan.xlsx"
    renamed.write_bytes(b"%PDF-1.7\n")
    with pytest.raises(SpreadsheetRefused, match=r"scan\.xlsx: this is a PDF document"):
        read_file_columns(uow, renamed, ImportKind.ATTENDANCE, AGENCY)
    with pytest.raises(ValidationError, match="no agency is called 'Nobody'"):
        read_file_columns(uow, renamed, ImportKind.ATTENDANCE, "Nobody")
