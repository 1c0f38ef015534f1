"""The audit trail page: changes made through the services listed newest first, filtered,
each field's before and after shown, fetched a page at a time, and exported as a workbook."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from storage import models as m
from tests.ui.conftest import table_column, wait_until_idle
from training import agencies, staff
from training.access import Principal, Role
from training.workspace import Workspace
from ui.desktop.pages.audit import AFTER_COLUMN, BEFORE_COLUMN, AuditPage
from ui.desktop.table_models import DEFAULT_PAGE_SIZE
from ui.desktop.widgets import qdate

JO = Principal("jo", Role.COORDINATOR)
SAM = Principal("sam", Role.COORDINATOR)
TODAY = dt.date.today()


@pytest.fixture
def changed(workspace: Workspace) -> Workspace:
    """Jo renames Alex Patel and gives her a leave date; Sam adds a sector."""
    database = workspace.database
    patel = next(s for s in staff.page_staff(database.unit_of_work(JO)) if s.last_name == "Patel")
    draft = staff.StaffDraft(
        patel.agency_id,
        "Alexandra",
        patel.last_name,
        patel.role_id,
        staff_ref=patel.staff_ref,
        email=patel.email,
        leave_date=dt.date(2026, 3, 31),
    )
    staff.save_staff(database.unit_of_work(JO), draft, staff_id=patel.id, version=patel.version)
    agencies.save_sector(database.unit_of_work(SAM), "Health")
    return workspace


def open_audit(qtbot, space: Workspace) -> AuditPage:
    page = AuditPage(space)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    wait_until_idle(qtbot)
    return page


@pytest.fixture
def page(qtbot, changed: Workspace) -> AuditPage:
    return open_audit(qtbot, changed)


def choose(qtbot, box, text: str) -> None:
    box.setCurrentIndex(box.findText(text))
    wait_until_idle(qtbot)


def test_changes_are_listed_newest_first_with_who_did_what(page):
    assert table_column(page.table, "Who")[:2] == ["sam", "jo"]
    assert table_column(page.table, "Action")[:2] == ["Added", "Changed"]
    assert table_column(page.table, "What")[:2] == ["Sector", "Staff member"]
    assert table_column(page.table, "Record")[:2] == ["Health", "Alexandra Patel"]
    assert table_column(page.table, "Changes")[1] == (
        "first name: 'Alex' → 'Alexandra'; leave date: (none) → 31/03/2026"
    )
    assert table_column(page.table, "When")[0].startswith(f"{TODAY:%d/%m/%Y} ")
    total = page.entries.total
    assert total > 10, "the partnership was built through the services: all of it is listed"
    assert page.count_label.text() == f"{total:,} changes"


def test_choosing_a_change_shows_each_field_before_and_after(qtbot, page):
    assert page.entry_title.text().startswith("Choose a change")

    page.table.selectRow(1)

    assert page.entry_title.text().startswith("Changed by jo on ")
    assert page.entry_title.text().endswith("Staff member Alexandra Patel (number 3)")
    assert table_column(page.field_table, "Field") == ["first name", "leave date"]
    assert table_column(page.field_table, "Before") == ["Alex", "(none)"]
    assert table_column(page.field_table, "After") == ["Alexandra", "31/03/2026"]
    assert not page.field_table.isColumnHidden(BEFORE_COLUMN)

    page.table.selectRow(0)  # an added record: nothing before

    assert table_column(page.field_table, "After") == ["Health", "0"]
    assert page.field_table.isColumnHidden(BEFORE_COLUMN)
    assert not page.field_table.isColumnHidden(AFTER_COLUMN)


def test_the_user_record_type_and_action_filter_the_changes(qtbot, page):
    users = [page.user.itemText(i) for i in range(page.user.count())]
    assert users[0] == "Everyone" and {"jo", "sam"} <= set(users)

    choose(qtbot, page.user, "jo")
    assert table_column(page.table, "Who") == ["jo"]
    assert page.count_label.text() == "1 change matches"

    choose(qtbot, page.user, "Everyone")
    choose(qtbot, page.record_type, "Staff member")
    choose(qtbot, page.action, "Changed")
    assert table_column(page.table, "Record") == ["Alexandra Patel"]

    choose(qtbot, page.action, "Removed")
    assert page.entries.rowCount() == 0
    assert page.count_label.text() == "0 changes match"
    assert not page.export_button.isEnabled()


def test_typing_a_search_filters_once_typing_pauses(qtbot, page):
    qtbot.keyClicks(page.search, "31/03/2026")

    qtbot.waitUntil(lambda: table_column(page.table, "Record") == ["Alexandra Patel"])
    assert page.count_label.text() == "1 change matches"


def test_the_dates_take_whole_days_and_the_last_never_comes_before_the_first(qtbot, page):
    page.from_check.setChecked(True)
    page.from_date.setDate(qdate(TODAY + dt.timedelta(days=1)))
    qtbot.waitUntil(lambda: page.count_label.text() == "0 changes match")
    assert page.to_date.minimumDate() == qdate(TODAY + dt.timedelta(days=1))

    page.from_date.setDate(qdate(TODAY))
    page.to_check.setChecked(True)
    page.to_date.setDate(qdate(TODAY))
    qtbot.waitUntil(lambda: page.entries.total > 10)
    assert page.count_label.text() == f"{page.entries.total:,} changes match"

    page.from_date.setDate(qdate(TODAY + dt.timedelta(days=3)))
    assert page.to_date.date() == qdate(TODAY + dt.timedelta(days=3)), "moved on with it"


def test_a_long_trail_is_fetched_a_page_at_a_time(qtbot, changed):
    many = DEFAULT_PAGE_SIZE * 2 + 10
    rows = [
        {
            "changed_at": dt.datetime(2020, 1, 1) + dt.timedelta(minutes=n),
            "user_name": "bulk",
            "action": "change",
            "table_name": "topics",
            "record_id": 1,
            "description": "CSE",
            "changes": json.dumps({"description": [str(n), str(n + 1)]}),
        }
        for n in range(many)
    ]
    with changed.database.unit_of_work() as uow:
        uow.bulk_insert(m.AuditEntry, rows)
        uow.commit()
    page = open_audit(qtbot, changed)
    choose(qtbot, page.user, "bulk")

    assert page.entries.total == many
    assert page.entries.rowCount() == DEFAULT_PAGE_SIZE
    assert table_column(page.table, "Changes")[0] == f"description: '{many - 1}' → '{many}'"

    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.entries.rowCount() == 2 * DEFAULT_PAGE_SIZE)


def test_the_changes_shown_are_exported_as_a_workbook(qtbot, page, tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    offered: list[str] = []

    def save_as(_parent, _title, suggested, _filter, *_args, **_kwargs) -> tuple[str, str]:
        offered.append(suggested)
        return str(out / "audit.xlsx"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    choose(qtbot, page.user, "jo")

    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_until_idle(qtbot)

    assert Path(offered[0]).name == f"Audit trail {TODAY:%d-%m-%Y}.xlsx"
    assert page.notice.text.text() == f"Saved audit.xlsx (1 change) in {out}."
    sheet = openpyxl.load_workbook(out / "audit.xlsx")["Audit trail"]
    assert [row[1:3] + row[6:] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        ("jo", "Changed", "first name", "Alex", "Alexandra"),
        ("jo", "Changed", "leave date", "(none)", "31/03/2026"),
    ]
    assert [p.name for p in out.iterdir()] == ["audit.xlsx"], "no temporary file left"
