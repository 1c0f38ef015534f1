"""The dashboard: the partnership's counts, and compliance per agency for a topic and date."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt

from tests.ui.conftest import TODAY, add_bulk_staff, table_column, wait_until_idle
from ui.desktop.pages.dashboard import DashboardPage


def dashboard(window) -> DashboardPage:
    page = window.pages[0]
    assert isinstance(page, DashboardPage)
    return page


def test_tiles_count_what_the_partnership_holds(main_window):
    tiles = dashboard(main_window).tiles
    assert tiles["agencies"].number.text() == "2"
    assert tiles["staff members"].number.text() == "4"
    assert tiles["courses"].number.text() == "3"
    assert tiles["courses"].accessibleName() == "courses: 3"


def test_compliance_per_agency_for_the_first_topic_today(main_window):
    page = dashboard(main_window)
    assert page.topic.currentText() == "CSE"
    assert page.reporting_date.text() == f"{TODAY:%d/%m/%Y}"
    assert table_column(page.table, "Agency") == ["Northshire Police", "Northshire Schools"]
    assert table_column(page.table, "In scope") == ["4", "0"]
    assert table_column(page.table, "Trained") == ["2", "0"]
    assert table_column(page.table, "% trained") == ["50.0%", "–"]
    assert page.summary.text().startswith(f"On {TODAY:%d/%m/%Y}, 2 of 4 staff in scope (50.0%)")


def test_an_earlier_reporting_date_counts_training_done_by_then(qtbot, main_window):
    page = dashboard(main_window)
    before_the_course = TODAY - dt.timedelta(days=60)
    page.reporting_date.setDate(QDate(before_the_course))
    qtbot.waitUntil(lambda: table_column(page.table, "Trained") == ["0", "0"])
    assert page.summary.text().startswith(f"On {before_the_course:%d/%m/%Y}, 0 of 4")


def test_choosing_another_topic_counts_it(qtbot, main_window):
    page = dashboard(main_window)
    page.topic.setCurrentText("Online safety")
    qtbot.waitUntil(lambda: "nobody is in scope" in page.summary.text())
    assert table_column(page.table, "In scope") == ["0", "0"]


def test_the_compliance_table_sorts_by_a_column_header(qtbot, main_window):
    page = dashboard(main_window)
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert table_column(page.table, "In scope") == ["4", "0"]
    page.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert table_column(page.table, "In scope") == ["0", "4"]


def test_refresh_shows_what_changed_since(qtbot, main_window, workspace):
    add_bulk_staff(workspace, 3)
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    wait_until_idle(qtbot)
    assert dashboard(main_window).tiles["staff members"].number.text() == "7"
