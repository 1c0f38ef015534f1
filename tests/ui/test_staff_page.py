"""Agencies and staff: choose an agency, search as you type, and only a page loaded at a time."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import BULK_STAFF, open_page, table_column, table_titles, wait_until_idle
from ui.desktop.pages.staff import StaffPage
from ui.desktop.table_models import DEFAULT_PAGE_SIZE


def staff_page(qtbot, window) -> StaffPage:
    page = open_page(qtbot, window, StaffPage)
    assert isinstance(page, StaffPage)
    return page


def click_agency(qtbot, page: StaffPage, name: str) -> None:
    row = table_column(page.agency_table, "Agency").index(name)
    rect = page.agency_table.visualRect(page.agencies.index(row, 0))
    qtbot.mouseClick(page.agency_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_all_agencies_staff_are_listed_by_surname(qtbot, main_window):
    page = staff_page(qtbot, main_window)
    assert table_column(page.agency_table, "Agency") == [
        "All agencies",
        "Northshire Police",
        "Northshire Schools",
    ]
    assert table_column(page.agency_table, "Staff") == ["4", "4", "0"]
    assert table_column(page.staff_table, "Name") == [
        "Jones, Alex",
        "Okafor, Alex",
        "Patel, Alex",
        "Smith, Alex",
    ]
    assert table_column(page.staff_table, "Role") == ["Police officer"] * 4
    assert table_column(page.staff_table, "Agency") == ["Northshire Police"] * 4
    assert page.count_label.text() == "4 staff members"


def test_choosing_an_agency_shows_only_its_staff(qtbot, main_window):
    page = staff_page(qtbot, main_window)
    click_agency(qtbot, page, "Northshire Schools")
    qtbot.waitUntil(lambda: page.count_label.text() == "0 staff members in Northshire Schools")
    assert page.staff.rowCount() == 0
    click_agency(qtbot, page, "Northshire Police")
    qtbot.waitUntil(lambda: page.staff.rowCount() == 4)
    agency_column = table_titles(page.staff_table).index("Agency")
    assert page.staff_table.isColumnHidden(agency_column), "one agency: no agency column"


def test_typing_a_search_reloads_the_staff_once_typing_pauses(qtbot, main_window):
    page = staff_page(qtbot, main_window)
    qtbot.keyClicks(page.search, "pat")
    assert page.staff.rowCount() == 4, "not before the pause"
    qtbot.waitUntil(lambda: table_column(page.staff_table, "Name") == ["Patel, Alex"])
    assert page.count_label.text() == "1 staff member matching “pat”"


def test_a_large_agency_opens_with_one_page_fetched(qtbot, big_main_window):
    page = staff_page(qtbot, big_main_window)
    everyone = BULK_STAFF + 4
    assert page.staff.total == everyone
    assert page.staff.rowCount() == DEFAULT_PAGE_SIZE
    assert page.count_label.text() == f"{everyone:,} staff members"


def test_scrolling_to_the_bottom_fetches_the_next_page(qtbot, big_main_window):
    page = staff_page(qtbot, big_main_window)
    page.staff_table.scrollToBottom()
    qtbot.waitUntil(lambda: page.staff.rowCount() == 2 * DEFAULT_PAGE_SIZE)
    wait_until_idle(qtbot)
    assert page.staff.rowCount() == 2 * DEFAULT_PAGE_SIZE, "one page per scroll"


def test_searching_a_large_agency_counts_every_match(qtbot, big_main_window):
    page = staff_page(qtbot, big_main_window)
    qtbot.keyClicks(page.search, "bulk0119")
    qtbot.waitUntil(lambda: page.staff.total == 10)
    assert table_column(page.staff_table, "Name")[0] == "Bulk01190, Sam"
