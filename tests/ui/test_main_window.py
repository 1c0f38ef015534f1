"""The main window: navigation, menus, the status bar and the remembered layout."""

from __future__ import annotations

import importlib.metadata
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from tests.ui.conftest import add_partnership, open_main_window, wait_until_idle
from tests.ui.test_imports_page import ELEARNING_FILE, SAMPLES, drop
from training.access import Principal, Role
from training.catalogue import CourseDraft, save_course
from training.workspace import open_workspace
from ui.desktop.about import APP_TITLE
from ui.desktop.import_wizard import ImportWizard
from ui.desktop.main_window import PAGES, MainWindow, default_size
from ui.desktop.pages.catalogue import CataloguePage
from ui.desktop.pages.dashboard import DashboardPage
from ui.desktop.pages.imports import ImportsPage
from ui.desktop.pages.staff import StaffPage


def menu_action(window: MainWindow, menu: str, text: str) -> QAction:
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    return next(a for a in menus[menu].actions() if a.text() == text)


def click_navigation(qtbot, window: MainWindow, title: str) -> None:
    item = window.navigation.findItems(title, Qt.MatchFlag.MatchExactly)[0]
    rect = window.navigation.visualItemRect(item)
    qtbot.mouseClick(window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_window_opens_on_the_dashboard_naming_the_database(main_window):
    assert isinstance(main_window.current_page, DashboardPage)
    assert main_window.database_label.text() == "Database: partnership.sqlite3 (SQLite)"
    assert main_window.windowTitle() == f"{APP_TITLE} — partnership.sqlite3 (SQLite)"


def test_clicking_the_navigation_shows_each_page(qtbot, main_window):
    for title, page_type in (
        ("Catalogue", CataloguePage),
        ("Agencies & staff", StaffPage),
        ("Dashboard", DashboardPage),
    ):
        click_navigation(qtbot, main_window, title)
        assert isinstance(main_window.current_page, page_type)
        assert main_window.stack.currentWidget().isVisible()


def test_ctrl_and_a_number_goes_to_that_page(qtbot, main_window):
    main_window.activateWindow()
    qtbot.waitActive(main_window)
    qtbot.keyClick(main_window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(main_window.current_page, StaffPage)
    qtbot.keyClick(main_window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(main_window.current_page, CataloguePage)
    numbered = [f"Ctrl+{n % 10}" for n in range(1, 11)]  # the tenth is Ctrl+0
    assert [a.shortcut().toString() for a in main_window.page_actions] == [*numbered, ""]


def test_only_the_page_on_view_is_built_and_loaded_when_the_window_opens(qtbot, main_window):
    [dashboard] = main_window.pages
    assert isinstance(dashboard, DashboardPage) and not dashboard.out_of_date
    main_window.show_page(main_window.page_index(CataloguePage))
    wait_until_idle(qtbot)
    catalogue = main_window.current_page
    assert isinstance(catalogue, CataloguePage)
    assert catalogue.courses.rowCount() == 3
    assert len(main_window.pages) == 2


def test_every_page_is_listed_under_its_own_title(qtbot, main_window):
    for index, entry in enumerate(PAGES):
        main_window.show_page(index)
        assert main_window.current_page.title == entry.title
        assert type(main_window.current_page).__name__ == entry.class_name
    wait_until_idle(qtbot)


def test_a_page_reloaded_while_hidden_loads_when_next_shown(qtbot, main_window, workspace):
    main_window.show_page(1)
    wait_until_idle(qtbot)
    main_window.show_page(0)
    catalogue = main_window.pages[1]
    assert isinstance(catalogue, CataloguePage)
    course = catalogue.courses.row_at(catalogue.courses.index(0, 0))
    save_course(
        workspace.unit_of_work(),
        CourseDraft("CSE-X1", "CSE: extra", course.topic_id, course.tier_id, "virtual", Decimal(2)),
    )
    catalogue.reload()
    wait_until_idle(qtbot)
    assert catalogue.out_of_date
    assert catalogue.courses.rowCount() == 3
    main_window.show_page(1)
    wait_until_idle(qtbot)
    assert catalogue.courses.rowCount() == 4


def test_the_default_size_suits_a_laptop_and_never_exceeds_the_screen():
    assert default_size(QRect(0, 0, 1366, 728)) == QSize(1280, 720)
    assert default_size(QRect(0, 0, 1024, 600)) == QSize(1024, 600)


def test_a_first_window_fits_on_the_screen(main_window):
    available = main_window.screen().availableGeometry()
    assert main_window.width() <= available.width()
    assert main_window.height() <= available.height()


def test_size_and_page_are_remembered_for_the_next_window(qtbot, main_window, workspace):
    smaller = main_window.screen().availableGeometry().size() - QSize(4, 100)
    main_window.resize(smaller)
    main_window.show_page(main_window.page_index(StaffPage))
    main_window.close()

    reopened = open_main_window(qtbot, workspace)
    assert reopened.size() == smaller
    assert isinstance(reopened.current_page, StaffPage)
    reopened.close()


def test_about_names_the_version(qtbot, main_window, monkeypatch):
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "9.8.7")
    shown: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    menu_action(main_window, "&Help", f"&About {APP_TITLE}").trigger()
    assert "Version 9.8.7" in shown[0]


def test_open_database_shows_the_chosen_file_on_every_page(
    qtbot, main_window, tmp_path: Path, monkeypatch
):
    other = tmp_path / "other.sqlite3"
    space = open_workspace(f"sqlite:///{other}")
    add_partnership(space)
    space.close()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(other), ""))
    )

    menu_action(main_window, "&File", "&Open database…").trigger()
    qtbot.waitUntil(lambda: "other.sqlite3" in main_window.database_label.text())
    wait_until_idle(qtbot)
    assert main_window.workspace.name.endswith("other.sqlite3")
    assert all(page.space is main_window.workspace for page in main_window.pages)
    assert main_window.pages[0].tiles["staff members"].number.text() == "4"


def test_quit_closes_the_window(main_window):
    quit_action = menu_action(main_window, "&File", "&Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"
    quit_action.trigger()
    assert not main_window.isVisible()


def test_a_spreadsheet_dropped_anywhere_on_the_window_starts_an_import(qtbot, main_window):
    csv = SAMPLES / ELEARNING_FILE
    assert main_window.acceptDrops()
    assert drop(main_window, csv) == (True, True)
    page = main_window.current_page
    assert isinstance(page, ImportsPage)
    wizard = page.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    assert wizard.file_page.path_edit.text() == str(csv)
    wizard.reject()


def visible_pages(window: MainWindow) -> list[str]:
    return [entry.title for i, entry in enumerate(PAGES) if not window.navigation.isRowHidden(i)]


def test_a_user_sees_only_the_pages_and_menu_items_their_role_allows(qtbot, workspace):
    viewer = replace(workspace, user=Principal("vic", Role.VIEWER, full_name="Vic Viewer"))
    window = open_main_window(qtbot, viewer)
    assert "Agencies & staff" not in visible_pages(window)
    assert "Imports" not in visible_pages(window)
    assert {"Dashboard", "Reports", "Quality assurance"} <= set(visible_pages(window))
    assert not menu_action(window, "&File", "&Partnership settings…").isEnabled()
    assert not menu_action(window, "&File", "&Back up database…").isEnabled()
    window.show_page(window.page_index(StaffPage))  # Ctrl+4 is switched off; nor does this
    assert not isinstance(window.current_page, StaffPage)
    window.close()

    lead = replace(workspace, user=Principal("lee", Role.AGENCY_LEAD, agency_id=1))
    window = open_main_window(qtbot, lead)
    assert visible_pages(window) == [
        "Catalogue",
        "Sessions & registers",
        "Agencies & staff",
        "Role requirements",
        "Imports",
        "Reports",
    ]
    window.close()


def test_the_coordinator_of_an_embedded_database_may_do_everything(main_window):
    assert visible_pages(main_window) == [entry.title for entry in PAGES]
    assert menu_action(main_window, "&File", "&Back up database…").isEnabled()
    assert menu_action(main_window, "&File", "Restore from &backup…").isEnabled()
    assert not menu_action(main_window, "&File", "&Users…").isEnabled()  # no users to manage
