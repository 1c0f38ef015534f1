"""Sessions & registers: the dated sessions of the courses above, the chosen one's register below.

The sessions are listed for a period (upcoming, soonest first, by default; past, latest first;
or all) and narrowed by what is typed in the search box. Choosing a session shows its register
(``RegisterPanel``); choosing another while the register has unsaved changes asks first.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from training.agencies import list_agencies
from training.catalogue import CourseView, SessionView, list_courses, list_sessions
from training.workspace import Workspace
from ui.desktop.layout_memory import remember_splitter
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.pages.register_panel import RegisterPanel
from ui.desktop.pages.session_dialog import SessionDialog
from ui.desktop.pages.session_times import day_text, time_text
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, heading, search_box, table_view


class Period(enum.Enum):
    UPCOMING = "Upcoming (from today)"
    PAST = "Past"
    ALL = "All sessions"


def period_window(period: Period, today: dt.date) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The starts of the sessions in the period; a session today counts as upcoming."""
    midnight = dt.datetime.combine(today, dt.time())
    if period is Period.UPCOMING:
        return midnight, None
    if period is Period.PAST:
        return None, midnight
    return None, None


SESSION_COLUMNS: list[Column[SessionView]] = [
    Column("Date", lambda s: s.starts_at, day_text),
    Column("Time", time_text),
    Column("Course", lambda s: f"{s.course_code} {s.course_title}"),
    Column("Venue", lambda s: s.venue),
    Column("Trainer", lambda s: s.trainer),
    Column("Places", lambda s: s.capacity),
    Column("Taken", lambda s: s.places_taken),
    Column("Free", lambda s: s.places_free),
    Column("Status", lambda s: s.status, lambda status: str(status).capitalize()),
]
DATE_COLUMN, COURSE_COLUMN, VENUE_COLUMN = 0, 2, 3
VENUE_WIDTH = 200  # pixels at most: the course's title has the room left over


@dataclass(frozen=True)
class SessionsData:
    sessions: list[SessionView]
    courses: list[CourseView]
    agency_names: dict[int, str]


def load_sessions(space: Workspace, period: Period, today: dt.date) -> SessionsData:
    start, end = period_window(period, today)
    return SessionsData(
        sessions=list_sessions(space.unit_of_work(), start, end),
        courses=list_courses(space.unit_of_work()),
        agency_names={a.id: a.name for a in list_agencies(space.unit_of_work())},
    )


class SessionsPage(Page):
    title = "Sessions & registers"

    def __init__(
        self, space: Workspace, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(space, parent)
        self._today = today
        self.sessions = ColumnTableModel(SESSION_COLUMNS, self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.sessions)
        self.filtered.setSortRole(SORT_ROLE)
        self.filtered.setFilterKeyColumn(-1)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = search_box(
            "Search by date, course, venue, trainer or status", "Search the sessions"
        )
        self.search.textChanged.connect(self._filter)
        self.period = QComboBox()
        self.period.setAccessibleName("Which sessions")
        for period in Period:
            self.period.addItem(period.value, period)
        self.period.currentIndexChanged.connect(self._period_changed)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Sessions shown")
        self.table = table_view(
            self.filtered, "Sessions", sortable=True, stretch_column=COURSE_COLUMN
        )
        self.table.sortByColumn(DATE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.doubleClicked.connect(self._edit_at)
        self.table.selectionModel().selectionChanged.connect(self._session_chosen)
        self.new_button = QPushButton("&New session…")
        self.new_button.clicked.connect(self.add_session)
        self.edit_button = QPushButton("&Edit session…")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_session)
        self.register = RegisterPanel(lambda: self.space, self)
        self.register.saved.connect(self.reload)

        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                self.title,
                "Dated sessions of the courses, and the register of who came to each.",
            )
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._sessions_panel())
        self.splitter.addWidget(self.register)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 400])
        remember_splitter(self.splitter, "sessions_page", "sessions_and_register")
        layout.addWidget(self.splitter, 1)

        self._query = LatestQuery(self)
        self._data = SessionsData([], [], {})
        self._fitted = False
        self._restoring = False  # selection changes made by the page itself, not the user
        self._select_when_shown: int | None = None  # a session just saved: choose it once listed
        self.reload()

    def _sessions_panel(self) -> QWidget:
        panel = QWidget()
        self.search.setMinimumWidth(120)  # the row must fit a small laptop screen
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.period)
        row.addWidget(self.new_button)
        row.addWidget(self.edit_button)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        return panel

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def chosen_period(self) -> Period:
        period = self.period.currentData()
        return period if isinstance(period, Period) else Period.UPCOMING

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        space, period, today = self.space, self.chosen_period, self.today
        self._query.run(lambda: load_sessions(space, period, today), self._show)

    def set_workspace(self, space: Workspace) -> None:
        self.register.show_session(None)  # its changes were for the database now closed
        super().set_workspace(space)

    def _show(self, data: SessionsData) -> None:
        self._data = data
        self.register.agency_names = data.agency_names
        self._restoring = True
        try:
            self.sessions.set_rows(data.sessions)
        finally:
            self._restoring = False
        if data.sessions and not self._fitted:
            fit_columns(self.table)
            header = self.table.horizontalHeader()
            header.resizeSection(VENUE_COLUMN, min(header.sectionSize(VENUE_COLUMN), VENUE_WIDTH))
            self._fitted = True
        self._show_count()
        self._reselect_register_session()
        shown = self.register.session
        fresh = next((s for s in data.sessions if shown and s.id == shown.id), None)
        if fresh is not None:
            self.register.update_session(fresh)
        just_saved, self._select_when_shown = self._select_when_shown, None
        if just_saved is not None:
            self.select_session(just_saved)
        elif shown is None and self.filtered.rowCount():
            self.table.selectRow(0)  # the soonest session: its register is shown

    def select_session(self, session_id: int) -> None:
        """Choose the session, if it is listed (its register is shown, as if clicked)."""
        row = next((n for n, s in enumerate(self.sessions.rows) if s.id == session_id), None)
        if row is not None:
            shown = self.filtered.mapFromSource(self.sessions.index(row, 0))
            if shown.isValid():
                self.table.selectRow(shown.row())
                self.table.scrollTo(shown)

    def _period_changed(self) -> None:
        order = Qt.SortOrder.AscendingOrder
        if self.chosen_period is not Period.UPCOMING:
            order = Qt.SortOrder.DescendingOrder  # the latest first
        self.table.sortByColumn(DATE_COLUMN, order)
        self.count_label.setText("Loading…")
        self.reload()

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.filtered.rowCount(), self.sessions.rowCount()
        which = {Period.UPCOMING: "upcoming ", Period.PAST: "past ", Period.ALL: ""}[
            self.chosen_period
        ]
        noun = "session" if total == 1 else "sessions"
        if total == 0:
            self.count_label.setText(f"No {which}sessions")
        elif shown == total:
            self.count_label.setText(f"{total:,} {which}{noun}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} {which}{noun}")

    # --- choosing a session -----------------------------------------------------------------

    @property
    def chosen_session(self) -> SessionView | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.sessions.row_at(self.filtered.mapToSource(selected[0]))

    def _session_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        chosen = self.chosen_session
        self.edit_button.setEnabled(chosen is not None)
        shown = self.register.session
        if self._restoring or chosen is None or (shown is not None and chosen.id == shown.id):
            return
        self.register.leave(
            then=lambda: self.register.show_session(self.chosen_session),
            stay=self._reselect_register_session,
        )

    def _reselect_register_session(self) -> None:
        """Select the session whose register is shown (or nothing, if it is not listed)."""
        shown = self.register.session
        row = next(
            (n for n, s in enumerate(self.sessions.rows) if shown and s.id == shown.id), None
        )
        self._restoring = True
        try:
            if row is None:
                self.table.clearSelection()
            else:
                self.table.selectRow(self.filtered.mapFromSource(self.sessions.index(row, 0)).row())
        finally:
            self._restoring = False
        self.edit_button.setEnabled(self.chosen_session is not None)

    def confirm_leave(self) -> bool:
        """Whether the window may close (or open another database) now: asks first when the
        register has unsaved changes. Choosing Save starts the save and answers false; the user
        closes again once it is saved."""
        left: list[bool] = []
        self.register.leave(then=lambda: left.append(True), stay=lambda: None)
        return bool(left) and not self.register.has_unsaved_changes

    # --- editing sessions -------------------------------------------------------------------

    def _edit_at(self, index: QModelIndex) -> None:
        self.open_session_dialog(self.sessions.row_at(self.filtered.mapToSource(index)))

    def add_session(self) -> None:
        self.open_session_dialog(None)

    def edit_session(self) -> None:
        if (session := self.chosen_session) is not None:
            self.open_session_dialog(session)

    def open_session_dialog(self, session: SessionView | None) -> SessionDialog:
        data = self._data
        dialog = SessionDialog(
            self,
            self.space,
            data.courses,
            session,
            venues=(s.venue for s in data.sessions),
            trainers=(s.trainer for s in data.sessions),
            today=self.today,
        )
        dialog.accepted.connect(lambda: self._saved_session(dialog))
        dialog.open()
        return dialog

    def _saved_session(self, dialog: SessionDialog) -> None:
        if isinstance(dialog.saved, SessionView):
            self._select_when_shown = dialog.saved.id
        self.reload()
