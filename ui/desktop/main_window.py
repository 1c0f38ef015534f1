"""The main window: a list of pages on the left, the chosen page on the right.

Ctrl+1… goes to a page; F5 reloads it. The status bar names the open database and shows when
work is under way. The window's size, position and page are remembered (QSettings).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from training.progress import Cancelled, Progress
from training.workspace import Workspace, open_workspace
from ui.desktop.about import APP_TITLE, about_box
from ui.desktop.operations import run_operation, tracker
from ui.desktop.pages.awareness import AwarenessPage
from ui.desktop.pages.base import Page
from ui.desktop.pages.catalogue import CataloguePage
from ui.desktop.pages.champions import ChampionsPage
from ui.desktop.pages.dashboard import DashboardPage
from ui.desktop.pages.requirements import RequirementsPage
from ui.desktop.pages.sessions import SessionsPage
from ui.desktop.pages.staff import StaffPage

PAGES: tuple[type[Page], ...] = (
    DashboardPage,
    CataloguePage,
    SessionsPage,
    StaffPage,
    RequirementsPage,
    ChampionsPage,
    AwarenessPage,
)
DEFAULT_SIZE = QSize(1280, 720)  # fits a 1366×768 laptop screen with its taskbar
SQLITE_FILES = "SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


class Keys:
    """Where the window keeps its layout in QSettings."""

    GEOMETRY = "main_window/geometry"
    STATE = "main_window/state"
    PAGE = "main_window/page"
    DATABASE_FOLDER = "main_window/database_folder"


def default_size(available: QRect) -> QSize:
    """``DEFAULT_SIZE``, or less on a screen too small for it."""
    return DEFAULT_SIZE.boundedTo(available.size())


def database_caption(space: Workspace) -> str:
    backend = BACKENDS.get(space.backend, space.backend)
    if space.backend == "sqlite":
        return f"{space.name.rpartition('/')[2] or 'in memory'} ({backend})"
    return f"{space.name} ({backend})"


class MainWindow(QMainWindow):
    def __init__(self, space: Workspace) -> None:
        super().__init__()
        self._space = space
        self.pages = [page_type(space) for page_type in PAGES]
        self.navigation = QListWidget()
        self.navigation.setAccessibleName("Pages")
        self.stack = QStackedWidget()
        for page in self.pages:
            self.navigation.addItem(page.title)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setFixedWidth(
            max(self.navigation.fontMetrics().horizontalAdvance(p.title) for p in self.pages) + 56
        )
        self.navigation.setStyleSheet("QListWidget::item { padding: 6px 8px; }")

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.database_label = QLabel()
        self.database_label.setAccessibleName("Database")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setFixedWidth(120)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Working")
        self.busy.setVisible(tracker().is_busy)
        tracker().busy_changed.connect(self.busy.setVisible)
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().addPermanentWidget(self.database_label)

        self.page_actions: list[QAction] = []
        self._build_menus()
        self._show_workspace_name()
        self.show_page(0)
        self.restore_layout()

    @property
    def workspace(self) -> Workspace:
        return self._space

    @property
    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def page_index(self, page_type: type[Page]) -> int:
        return next(i for i, page in enumerate(self.pages) if isinstance(page, page_type))

    # --- menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open database…", self.choose_database_file, "Ctrl+O")
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        view_menu = self.menuBar().addMenu("&View")
        for number, page in enumerate(self.pages, 1):
            action = self._action(
                view_menu, page.title, lambda _=False, i=number - 1: self.show_page(i)
            )
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            self.page_actions.append(action)
        view_menu.addSeparator()
        self._action(view_menu, "&Refresh", lambda: self.current_page.reload(), "F5")

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {APP_TITLE}", self.show_about)

    def _action(
        self, menu: QMenu, text: str, slot: Callable[..., object], shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def show_about(self) -> None:
        about_box(self).exec()

    # --- the database -----------------------------------------------------------------------

    def choose_database_file(self) -> None:
        folder = str(QSettings().value(Keys.DATABASE_FOLDER, str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open database", folder, SQLITE_FILES)
        if path:
            QSettings().setValue(Keys.DATABASE_FOLDER, str(Path(path).parent))
            self.open_database(f"sqlite:///{path}")

    def open_database(self, url: str) -> None:
        """Open the database at ``url`` in the background; the pages then show it."""
        if not self.may_leave():
            return

        def open_it(_progress: Progress, _cancelled: Cancelled) -> Workspace:
            return open_workspace(url)

        run_operation(self, open_it, self.switch_workspace, title="Opening the database")

    def switch_workspace(self, space: Workspace) -> None:
        previous, self._space = self._space, space
        for page in self.pages:
            page.set_workspace(space)
        self._show_workspace_name()
        previous.close()

    def _show_workspace_name(self) -> None:
        caption = database_caption(self._space)
        self.setWindowTitle(f"{APP_TITLE} — {caption}")
        self.database_label.setText(f"Database: {caption}")
        self.database_label.setToolTip(self._space.name)

    # --- layout -----------------------------------------------------------------------------

    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value(Keys.GEOMETRY)
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            available = self.screen().availableGeometry()
            self.resize(default_size(available))
            self.move(available.center() - self.rect().center())
        state = settings.value(Keys.STATE)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        page = settings.value(Keys.PAGE, 0, type=int)
        if isinstance(page, int) and 0 <= page < len(self.pages):
            self.show_page(page)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue(Keys.GEOMETRY, self.saveGeometry())
        settings.setValue(Keys.STATE, self.saveState())
        settings.setValue(Keys.PAGE, self.stack.currentIndex())

    def may_leave(self) -> bool:
        """Whether every page agrees to be left (a page with unsaved changes asks the user)."""
        return all(page.confirm_leave() for page in self.pages)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_leave():
            event.ignore()
            return
        self.save_layout()
        super().closeEvent(event)
