"""Splitters keep the sizes the user dragged them to, from one window to the next."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QLabel, QSplitter, QWidget

from tests.ui.conftest import open_main_window, open_page
from ui.desktop.layout_memory import remember_splitter, splitter_key
from ui.desktop.pages.base import Page
from ui.desktop.pages.champions import ChampionsPage
from ui.desktop.pages.sessions import SessionsPage
from ui.desktop.pages.staff import StaffPage

PAGE_SPLITTERS: list[tuple[type[Page], str]] = [
    (SessionsPage, "sessions_and_register"),
    (StaffPage, "agencies_and_staff"),
    (ChampionsPage, "meetings_and_attendance"),
]


def drag_handle(qtbot, splitter: QSplitter, by: int) -> None:
    """Drag the first handle ``by`` pixels (down or right), as the user does with the mouse."""
    handle = splitter.handle(1)
    start = handle.rect().center()
    if splitter.orientation() == Qt.Orientation.Vertical:
        end = start + QPoint(0, by)
    else:
        end = start + QPoint(by, 0)
    qtbot.mousePress(handle, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(handle, end)
    qtbot.mouseRelease(handle, Qt.MouseButton.LeftButton, pos=end)


def page_splitter(page: Page, name: str) -> QSplitter:
    splitter = page.findChild(QSplitter, name)
    assert isinstance(splitter, QSplitter), f"{type(page).__name__} has no splitter {name!r}"
    return splitter


def two_panes(qtbot) -> QSplitter:
    splitter = QSplitter()
    splitter.addWidget(QLabel("left"))
    splitter.addWidget(QLabel("right"))
    splitter.resize(600, 200)
    splitter.setSizes([200, 400])
    qtbot.addWidget(splitter)
    return splitter


def test_each_pages_splitter_is_dragged_then_restored_in_the_next_window(qtbot, workspace):
    window = open_main_window(qtbot, workspace)
    dragged_to = {}
    for page_type, name in PAGE_SPLITTERS:
        page = open_page(qtbot, window, page_type)
        if isinstance(page, ChampionsPage):
            page.tabs.setCurrentWidget(page.meetings_tab)
        splitter = page_splitter(page, name)
        before = splitter.sizes()
        drag_handle(qtbot, splitter, -40)  # the first pane shrinks, the second grows
        assert splitter.sizes() != before
        dragged_to[name] = splitter.sizes()[0]
    window.close()

    reopened = open_main_window(qtbot, workspace)
    for page_type, name in PAGE_SPLITTERS:
        page = open_page(qtbot, reopened, page_type)
        if isinstance(page, ChampionsPage):
            page.tabs.setCurrentWidget(page.meetings_tab)
        # the pane the user sized keeps its size; the other stretches to the window
        assert page_splitter(page, name).sizes()[0] == dragged_to[name]
    reopened.close()


def test_a_splitter_never_moved_keeps_its_default_sizes(qtbot, workspace):
    window = open_main_window(qtbot, workspace)
    page = open_page(qtbot, window, SessionsPage)
    default = page_splitter(page, "sessions_and_register").sizes()
    window.close()

    reopened = open_main_window(qtbot, workspace)
    page = open_page(qtbot, reopened, SessionsPage)
    assert page_splitter(page, "sessions_and_register").sizes() == default
    reopened.close()


def test_a_drag_is_saved_once_it_stops_while_the_window_stays_open(qtbot):
    splitter = two_panes(qtbot)
    remember_splitter(splitter, "test_page", "two_panes")
    splitter.show()
    qtbot.waitExposed(splitter)
    key = splitter_key("test_page", "two_panes")

    drag_handle(qtbot, splitter, 80)
    assert QSettings().value(key) is None  # not on every movement of the mouse
    qtbot.waitUntil(lambda: QSettings().value(key) is not None)

    again = two_panes(qtbot)
    remember_splitter(again, "test_page", "two_panes")
    assert again.sizes() == splitter.sizes()
    assert again.objectName() == "two_panes"


def test_each_owner_keeps_its_own_sizes(qtbot):
    splitter = two_panes(qtbot)
    remember_splitter(splitter, "one_page", "panes")
    splitter.show()
    qtbot.waitExposed(splitter)
    drag_handle(qtbot, splitter, 120)
    splitter.hide()  # as when another page is shown: saved at once

    other = two_panes(qtbot)
    default = other.sizes()
    remember_splitter(other, "another_page", "panes")
    assert other.sizes() == default


def test_a_splitter_in_a_closed_window_is_saved_without_waiting(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    splitter = two_panes(qtbot)
    splitter.setParent(window)
    remember_splitter(splitter, "test_page", "closing")
    window.resize(600, 200)
    window.show()
    qtbot.waitExposed(window)
    drag_handle(qtbot, splitter, 50)
    window.close()
    assert QSettings().value(splitter_key("test_page", "closing")) == splitter.saveState()
