"""The main window: a list of pages on the left, the chosen page on the right.

The window appears at once: the database opens in the background (``open_database``), and each
page is built the first time it is shown, so the libraries behind the database and the pages
load while the user already sees the window. Ctrl+1… Ctrl+0 go to a page; F5 reloads it. The status
bar names the open database and shows when work is under way. The window's size, position and
page, and the databases opened recently, are remembered (QSettings); so are the pages' splitters,
each by itself (``layout_memory``), saved as the user leaves them and when the window closes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
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
from ui.desktop.about import APP_TITLE, about_box
from ui.desktop.operations import run_operation, tracker

if TYPE_CHECKING:
    from training.workspace import Workspace
    from ui.desktop.pages.base import Page


@dataclass(frozen=True)
class PageEntry:
    """A page of the navigation: its title, where its class is (imported when first shown), and
    the permission (``training.access.Permission`` by name) a user needs to see it."""

    title: str
    module: str
    class_name: str
    permission: str = "READ_CATALOGUE"

    def page_type(self) -> type[Page]:
        page_type: type[Page] = getattr(importlib.import_module(self.module), self.class_name)
        return page_type


PAGES = (
    PageEntry("Dashboard", "ui.desktop.pages.dashboard", "DashboardPage", "READ_REPORTS"),
    PageEntry("Catalogue", "ui.desktop.pages.catalogue", "CataloguePage"),
    PageEntry("Sessions & registers", "ui.desktop.pages.sessions", "SessionsPage"),
    PageEntry("Agencies & staff", "ui.desktop.pages.staff", "StaffPage", "READ_STAFF"),
    PageEntry("Role requirements", "ui.desktop.pages.requirements", "RequirementsPage"),
    PageEntry("Champions", "ui.desktop.pages.champions", "ChampionsPage", "READ_REPORTS"),
    PageEntry("Quality assurance", "ui.desktop.pages.quality", "QualityPage", "READ_QUALITY"),
    PageEntry("Awareness events", "ui.desktop.pages.awareness", "AwarenessPage", "READ_REPORTS"),
    PageEntry("Imports", "ui.desktop.pages.imports", "ImportsPage", "RECORD_ATTENDANCE"),
    PageEntry("Reports", "ui.desktop.pages.reports", "ReportsPage"),
    PageEntry("Audit trail", "ui.desktop.pages.audit", "AuditPage", "ADMINISTER"),
)
DEFAULT_SIZE = QSize(1280, 720)  # fits a 1366×768 laptop screen with its taskbar
SQLITE_FILES = "SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)"
BACKENDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
RECENT_DATABASES = 8


class Keys:
    """Where the window keeps its layout in QSettings."""

    GEOMETRY = "main_window/geometry"
    STATE = "main_window/state"
    PAGE = "main_window/page"
    DATABASE_FOLDER = "main_window/database_folder"
    RECENT = "main_window/recent_databases"


def default_size(available: QRect) -> QSize:
    """``DEFAULT_SIZE``, or less on a screen too small for it."""
    return DEFAULT_SIZE.boundedTo(available.size())


def database_caption(space: Workspace) -> str:
    backend = BACKENDS.get(space.backend, space.backend)
    if space.backend == "sqlite":
        return f"{space.name.rpartition('/')[2] or 'in memory'} ({backend})"
    return f"{space.name} ({backend})"


def recent_databases() -> list[str]:
    value = QSettings().value(Keys.RECENT, [])
    return [str(url) for url in (value if isinstance(value, list) else [value]) if url]


def remember_database(url: str) -> None:
    recent = [url] + [other for other in recent_databases() if other != url]
    QSettings().setValue(Keys.RECENT, recent[:RECENT_DATABASES])


def placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    return label


class MainWindow(QMainWindow):
    """The window over one database; ``space`` None opens it empty, until ``open_database``."""

    def __init__(self, space: Workspace | None = None) -> None:
        super().__init__()
        self._space = space
        self._pages: list[Page | None] = [None] * len(PAGES)
        self.navigation = QListWidget()
        self.navigation.setAccessibleName("Pages")
        self.stack = QStackedWidget()
        for entry in PAGES:
            self.navigation.addItem(entry.title)
            self.stack.addWidget(placeholder("Opening the database…"))
        self.navigation.currentRowChanged.connect(self._show)
        self.navigation.setFixedWidth(
            max(self.navigation.fontMetrics().horizontalAdvance(e.title) for e in PAGES) + 56
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

        self.setAcceptDrops(True)  # a spreadsheet dropped anywhere starts an import
        self.page_actions: list[QAction] = []
        self._build_menus()
        self._show_workspace_name()
        if space is not None:
            self._allow_what_the_user_may()
        self.show_page(0)
        self.restore_layout()

    @property
    def workspace(self) -> Workspace | None:
        return self._space

    @property
    def pages(self) -> list[Page]:
        """The pages built so far (each is built when first shown)."""
        return [page for page in self._pages if page is not None]

    @property
    def current_page(self) -> Page:
        page = self._pages[self.stack.currentIndex()]
        if page is None:
            raise LookupError("no database is open, so the page is not built yet")
        return page

    def show_page(self, index: int) -> None:
        self.navigation.setCurrentRow(index)

    def page_index(self, page_type: type[Page]) -> int:
        return next(i for i, e in enumerate(PAGES) if e.class_name == page_type.__name__)

    def _show(self, index: int) -> None:
        if index < 0 or self.navigation.isRowHidden(index):
            return
        if self._space is not None and self._pages[index] is None:
            self._build_page(index, self._space)
        self.stack.setCurrentIndex(index)

    def _build_page(self, index: int, space: Workspace) -> None:
        page = PAGES[index].page_type()(space)
        waiting = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        if waiting is not None:
            self.stack.removeWidget(waiting)
            waiting.deleteLater()
        self._pages[index] = page

    # --- menus and toolbar --------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = self._action(
            file_menu, "&Open database…", self.choose_database_file, "Ctrl+O"
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()

        def partnership_settings(_checked: bool = False) -> None:
            from ui.desktop.partnership_dialog import edit_partnership_settings

            if self._space is not None:
                edit_partnership_settings(self, self._space, self.refresh)

        self.partnership_action = self._action(
            file_menu, "&Partnership settings…", partnership_settings
        )
        self._build_administration_menu(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, "Ctrl+Q")

        view_menu = self.menuBar().addMenu("&View")
        for number, entry in enumerate(PAGES, 1):
            action = self._action(
                view_menu, entry.title, lambda _=False, i=number - 1: self.show_page(i)
            )
            if number <= 10:
                action.setShortcut(QKeySequence(f"Ctrl+{number % 10}"))  # the tenth is Ctrl+0
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = self._action(view_menu, "&Refresh", self.refresh, "F5")

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, f"&About {APP_TITLE}", self.show_about)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main_toolbar")  # saveState() knows toolbars by name
        toolbar.setMovable(False)
        toolbar.addAction(self.open_action)
        toolbar.addAction(self.refresh_action)

    def _build_administration_menu(self, file_menu: QMenu) -> None:
        """Backups, data protection and users: a coordinator's (items are enabled by role)."""
        file_menu.addSeparator()

        def back_up(_checked: bool = False) -> None:
            from ui.desktop.backup_actions import back_up

            if self._space is not None:
                back_up(self, self._space)

        def restore(_checked: bool = False) -> None:
            from ui.desktop.backup_actions import restore

            if self._space is not None and self.may_leave():
                restore(self, self._space, self.reload_pages)

        def data_protection(_checked: bool = False) -> None:
            from ui.desktop.data_protection_dialog import open_data_protection

            if self._space is not None:
                open_data_protection(self, self._space, self.refresh)

        def users(_checked: bool = False) -> None:
            from ui.desktop.users_dialog import manage_users

            if self._space is not None:
                manage_users(self, self._space)

        def password(_checked: bool = False) -> None:
            from ui.desktop.users_dialog import change_password

            if self._space is not None:
                change_password(self, self._space)

        self.backup_action = self._action(file_menu, "&Back up database…", back_up)
        self.restore_action = self._action(file_menu, "Restore from &backup…", restore)
        self.data_protection_action = self._action(file_menu, "&Data protection…", data_protection)
        self.users_action = self._action(file_menu, "&Users…", users)
        self.password_action = self._action(file_menu, "Change my pass&word…", password)
        self.administration_actions = [self.partnership_action, self.data_protection_action]
        for action in (*self.administration_actions, self.backup_action, self.restore_action):
            action.setEnabled(False)  # until a database is open and its user known
        self.users_action.setEnabled(False)
        self.password_action.setEnabled(False)

    def reload_pages(self) -> None:
        """Every page built so far shows the database afresh (after a restore)."""
        for page in self.pages:
            page.reload()

    def _action(
        self, menu: QMenu, text: str, slot: Callable[..., object], shortcut: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for url in recent_databases():
            action = self.recent_menu.addAction(url.removeprefix("sqlite:///"))
            action.setToolTip(url)
            action.triggered.connect(lambda _=False, u=url: self.open_database(u))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction("No databases opened yet").setEnabled(False)

    def refresh(self) -> None:
        page = self._pages[self.stack.currentIndex()]
        if page is not None:
            page.reload()

    def show_about(self) -> None:
        about_box(self).exec()

    # --- the database -----------------------------------------------------------------------

    def choose_database_file(self) -> None:
        folder = str(QSettings().value(Keys.DATABASE_FOLDER, str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open database", folder, SQLITE_FILES)
        if path:
            QSettings().setValue(Keys.DATABASE_FOLDER, str(Path(path).parent))
            self.open_database(f"sqlite:///{path}")

    def open_database(self, url: str | None) -> None:
        """Open the database at ``url`` (None: the user's own) in the background; the pages
        then show it. If it cannot be opened, the user is told why and the window stays on
        the database it had."""
        if not self.may_leave():
            return

        def open_it(_progress: Progress, _cancelled: Cancelled) -> tuple[Workspace, bool]:
            from training.workspace import open_workspace  # loads the database libraries

            space = open_workspace(url)
            return space, space.needs_users

        self._show_workspace_name(opening=True)
        run_operation(
            self,
            open_it,
            lambda opened: self._sign_in(*opened),
            title="Opening the database",
            on_failed=lambda _error: self._show_workspace_name(),
        )

    def _sign_in(self, space: Workspace, needs_users: bool) -> None:
        """A shared database's user signs in (or creates its first coordinator) before any
        page shows it; an embedded one's user is its coordinator."""
        if space.user is None:
            from ui.desktop.sign_in_dialog import sign_in

            signed_in = sign_in(self, space, first_user=needs_users)
            if signed_in is None:
                space.close()
                self._show_workspace_name()
                return
            space = signed_in
        self.switch_workspace(space)

    def switch_workspace(self, space: Workspace) -> None:
        previous, self._space = self._space, space
        remember_database(space.url)
        for page in self.pages:
            page.set_workspace(space)
        self._show_workspace_name()
        self._allow_what_the_user_may()
        self._show(self.stack.currentIndex())
        if previous is not None:
            previous.close()

    def _allow_what_the_user_may(self) -> None:
        """Show the pages and menu items the signed-in user's role allows, and no others (the
        services refuse the rest whatever the window shows)."""
        from training.access import Permission

        assert self._space is not None and self._space.user is not None
        user = self._space.user
        for index, entry in enumerate(PAGES):
            allowed = user.may(Permission[entry.permission])
            self.navigation.setRowHidden(index, not allowed)
            self.page_actions[index].setEnabled(allowed)
        administers = user.may(Permission.ADMINISTER)
        for action in self.administration_actions:
            action.setEnabled(administers)
        embedded = not self._space.is_shared
        self.backup_action.setEnabled(administers and embedded)
        self.restore_action.setEnabled(administers and embedded)
        self.users_action.setEnabled(administers and not embedded)
        self.password_action.setEnabled(not embedded)
        if self.navigation.isRowHidden(max(self.navigation.currentRow(), 0)):
            first = next(i for i in range(len(PAGES)) if not self.navigation.isRowHidden(i))
            self.show_page(first)

    def _show_workspace_name(self, *, opening: bool = False) -> None:
        if self._space is None:
            self.setWindowTitle(APP_TITLE)
            self.database_label.setText("Opening the database…" if opening else "No database")
            for index in range(self.stack.count()):
                waiting = self.stack.widget(index)
                if isinstance(waiting, QLabel) and not opening:
                    waiting.setText("No database is open. Choose File › Open database….")
            return
        caption = database_caption(self._space)
        self.setWindowTitle(f"{APP_TITLE} — {caption}")
        user = self._space.user
        signed_in = (
            f" · {user.shown_name} ({user.role.label})" if user and self._space.is_shared else ""
        )
        self.database_label.setText(f"Database: {caption}{signed_in}")
        self.database_label.setToolTip(self._space.name)

    # --- dropped spreadsheets ------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._space is not None and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        from ui.desktop.pages.imports import ImportsPage, dropped_files

        files = dropped_files(event.mimeData())
        if self._space is None or not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.show_page(self.page_index(ImportsPage))
        page = self.current_page
        assert isinstance(page, ImportsPage)
        page.import_dropped(files)

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
        if (
            isinstance(page, int)
            and 0 <= page < len(PAGES)
            and not self.navigation.isRowHidden(page)
        ):
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
