"""The audit trail's workbook: a row per field changed, real dates, nothing that runs as a
formula, and a trail of any length streamed rather than held."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

import openpyxl
import pytest

from exports.audit_workbook import MAX_CELL_TEXT, AuditExportAbout, write_audit_workbook

WHEN = dt.datetime(2026, 3, 31, 14, 5)
ABOUT = AuditExportAbout(dt.datetime(2026, 4, 1, 9, 0), "=cmd|'/c calc'!A0", "every change")


@dataclass(frozen=True)
class Line:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Entry:
    changed_at: dt.datetime = WHEN
    user_name: str = "jo"
    action_label: str = "Changed"
    what: str = "Staff member"
    record: str = "Alex Smith"
    record_id: int | None = 12
    changes: tuple[Line, ...] = field(default_factory=tuple)


def rows(path, sheet: str = "Audit trail") -> list[tuple]:
    book = openpyxl.load_workbook(path)
    return list(book[sheet].iter_rows(values_only=True))


def test_each_field_changed_has_its_row_and_an_entry_with_none_has_one(tmp_path):
    path = tmp_path / "audit.xlsx"
    entries = [
        Entry(changes=(Line("first name", "Alex", "Joanne"), Line("email", "", "j@x.example"))),
        Entry(action_label="Removed", what="Session", record="number 4", record_id=4),
    ]

    assert write_audit_workbook(path, entries, ABOUT) == 2

    assert rows(path)[1:] == [
        (WHEN, "jo", "Changed", "Staff member", "Alex Smith", 12, "first name", "Alex", "Joanne"),
        (WHEN, "jo", "Changed", "Staff member", "Alex Smith", 12, "email", None, "j@x.example"),
        (WHEN, "jo", "Removed", "Session", "number 4", 4, None, None, None),
    ]  # fmt: skip
    sheet = openpyxl.load_workbook(path)["Audit trail"]
    assert sheet["A2"].number_format == "DD/MM/YYYY HH:MM"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I4"


def test_text_that_looks_like_a_formula_never_runs(tmp_path):
    path = tmp_path / "audit.xlsx"
    hostile = '=HYPERLINK("http://evil.example","Click")'
    entry = Entry(user_name="@SUM(1)", record=hostile, changes=(Line("notes", "-1+2", "+cmd"),))

    write_audit_workbook(path, [entry], ABOUT)

    book = openpyxl.load_workbook(path)
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)
    [row] = rows(path)[1:]
    assert row[1] == "'@SUM(1)" and row[4] == "'" + hostile and row[7:] == ("'-1+2", "'+cmd")
    assert dict(rows(path, "About"))["By"] == "'=cmd|'/c calc'!A0"


def test_a_value_longer_than_a_cell_holds_is_cut_short_and_says_so(tmp_path):
    path = tmp_path / "audit.xlsx"
    notes = "x" * (MAX_CELL_TEXT + 10)

    write_audit_workbook(path, [Entry(changes=(Line("notes", "", notes),))], ABOUT)

    after = rows(path)[1][8]
    assert len(after) == MAX_CELL_TEXT and after.endswith("(cut short)")


def test_the_about_sheet_says_who_when_what_and_how_many(tmp_path):
    path = tmp_path / "audit.xlsx"
    about = AuditExportAbout(dt.datetime(2026, 4, 1, 9, 0), "Jo Bloggs", "by sam")

    write_audit_workbook(path, [Entry(), Entry()], about)

    assert openpyxl.load_workbook(path).sheetnames == ["Audit trail", "About"]
    assert dict(rows(path, "About")) == {
        "Audit trail": None,
        "Exported": dt.datetime(2026, 4, 1, 9, 0),
        "By": "Jo Bloggs",
        "Filter": "by sam",
        "Entries": 2,
    }


def test_a_trail_that_fails_part_way_leaves_no_file(tmp_path):
    seen: list[int] = []

    def arriving() -> Iterator[Entry]:
        for number in range(5):
            seen.append(number)
            yield Entry(record_id=number)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_audit_workbook(tmp_path / "audit.xlsx", arriving(), ABOUT)
    assert seen == [0, 1, 2, 3, 4]
    assert not (tmp_path / "audit.xlsx").exists()
