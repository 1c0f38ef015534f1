"""The champions page: whether every agency has a trained champion who comes to the group
(coverage), the register of champions, and the champions' group meetings with who came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSignalBlocker, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from training.agencies import AgencyView, list_agencies
from training.catalogue import TopicView, list_topics
from training.champions import (
    COVERED,
    MISSED,
    MISSED_MEETINGS,
    NO_CHAMPION,
    NOT_IN_POST,
    PRESENT,
    UNTRAINED,
    ChampionView,
    CoverageLine,
    CoverageReport,
    MeetingAttendanceLine,
    MeetingMark,
    MeetingView,
    champion_coverage,
    list_champions,
    list_meetings,
    meeting_attendance,
    record_champion_training,
    record_meeting_attendance,
    stand_down_champion,
)
from training.workspace import Workspace
from ui.desktop.forms import FormDialog
from ui.desktop.layout_memory import remember_splitter
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.pages.base import Page
from ui.desktop.pages.champion_dialogs import (
    AppointChampionDialog,
    ChampionDateDialog,
    MeetingDialog,
)
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel, Index
from ui.desktop.widgets import (
    chosen_date,
    date_edit,
    fit_columns,
    heading,
    search_box,
    table_view,
)

DATE_DEBOUNCE_MS = 400  # wait for the user to stop stepping through dates
ALL_THEMES = "All themes"
# Dark enough to read on white and on the alternate row colour (WCAG AA contrast).
STATUS_COLOURS = {
    NO_CHAMPION: QColor("#b00020"),
    UNTRAINED: QColor("#8a4b00"),
    MISSED_MEETINGS: QColor("#6a1b9a"),
    COVERED: QColor("#1b5e20"),
}
STATUS_TEXT = {
    NO_CHAMPION: "No champion",
    UNTRAINED: "Untrained champion",
    MISSED_MEETINGS: "Missed last 3 meetings",
    COVERED: "Covered",
}
MARK_TEXT = {PRESENT: "present", MISSED: "missed", NOT_IN_POST: "before appointment"}


def sorted_by(rows: QSortFilterProxyModel, model: ColumnTableModel[Any]) -> None:
    rows.setSourceModel(model)
    rows.setSortRole(SORT_ROLE)
    rows.setFilterKeyColumn(-1)
    rows.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


def labelled(text: str, field: QWidget) -> list[QWidget]:
    label = QLabel(text)
    label.setBuddy(field)
    return [label, field]


def chosen_row(view: QTableView) -> Index | None:
    """The chosen row of a table over a proxy, as an index of the source model."""
    selected = view.selectionModel().selectedRows()
    proxy = view.model()
    if not selected or not isinstance(proxy, QSortFilterProxyModel):
        return None
    return proxy.mapToSource(selected[0])


# --- coverage -------------------------------------------------------------------------------


def meetings_text(marks: object) -> str:
    """ "2 of 3": meetings an agency's champions came to, of those held since they were in post."""
    if not isinstance(marks, tuple) or not marks:
        return "No meetings yet"
    counted = [m for m in marks if isinstance(m, MeetingMark) and m.mark != NOT_IN_POST]
    if not counted:
        return "–"
    came = sum(m.mark == PRESENT for m in counted)
    return f"{came} of {len(counted)}"


def meetings_detail(line: CoverageLine) -> str:
    return "\n".join(f"{m.held_on:%d/%m/%Y}: {MARK_TEXT[m.mark]}" for m in line.meetings)


COVERAGE_COLUMNS: list[Column[CoverageLine]] = [
    Column("Agency", lambda c: c.agency),
    Column("Status", lambda c: STATUS_TEXT[c.status]),
    Column("Champions", lambda c: ", ".join(c.champions) or "–"),
    Column("Trained", lambda c: ("Yes" if c.trained else "No") if c.champions else "–"),
    Column("Last 3 meetings attended", lambda c: c.meetings, meetings_text),
]
STATUS_COLUMN = 1
MEETINGS_COLUMN = 4


class CoverageModel(ColumnTableModel[CoverageLine]):
    """Coverage lines, with each status in its colour and each meeting named in a tooltip."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == STATUS_COLUMN:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(STATUS_COLOURS[self.row_at(index).status])
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        tooltip = role == Qt.ItemDataRole.ToolTipRole
        if tooltip and index.isValid() and index.column() == MEETINGS_COLUMN:
            return meetings_detail(self.row_at(index)) or None
        return super().data(index, role)


class CoverageTab(QWidget):
    def __init__(self, space: Callable[[], Workspace]) -> None:
        super().__init__()
        self._space = space
        self.on_date = date_edit("Coverage on")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Theme")
        self.theme.addItem(ALL_THEMES, None)
        self.theme.setMinimumContentsLength(24)
        self.theme.currentIndexChanged.connect(lambda _index: self.load())
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DEBOUNCE_MS)
        self._date_timer.timeout.connect(self.load)
        self.on_date.dateChanged.connect(lambda _date: self._date_timer.start())
        self.summary = QLabel("Loading…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Coverage summary")
        bold = QFont(self.summary.font())
        bold.setBold(True)
        self.summary.setFont(bold)
        self.meetings_label = QLabel()
        self.meetings_label.setWordWrap(True)
        self.meetings_label.setAccessibleName("Meetings judged")
        self.coverage = CoverageModel(COVERAGE_COLUMNS, self)
        rows = QSortFilterProxyModel(self)
        sorted_by(rows, self.coverage)
        self.table = table_view(rows, "Coverage by agency", sortable=True, stretch_column=0)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)

        choices = QHBoxLayout()
        for widget in (
            *labelled("Coverage &on:", self.on_date),
            *labelled("&Theme:", self.theme),
        ):
            choices.addWidget(widget)
        choices.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.meetings_label)
        layout.addWidget(self.table, 1)
        self._query = LatestQuery(self)

    def show_topics(self, topics: list[TopicView]) -> None:
        chosen = self.theme.currentData()
        with QSignalBlocker(self.theme):
            self.theme.clear()
            self.theme.addItem(ALL_THEMES, None)
            for topic in topics:
                self.theme.addItem(topic.name, topic.id)
            self.theme.setCurrentIndex(max(self.theme.findData(chosen), 0))

    def load(self) -> None:
        self._date_timer.stop()
        space, on, topic_id = self._space(), chosen_date(self.on_date), self.theme.currentData()
        self.summary.setText(f"Looking at coverage on {on:%d/%m/%Y}…")
        self._query.run(
            lambda: champion_coverage(space.unit_of_work(), on, topic_id=topic_id), self._show
        )

    def _show(self, report: CoverageReport) -> None:
        self.coverage.set_rows(report.lines)
        self.summary.setText(f"On {report.on:%d/%m/%Y}: {report.summary}")
        held = ", ".join(f"{day:%d/%m/%Y}" for day in report.meetings_held)
        self.meetings_label.setText(
            f"Last meetings held by then: {held}. An agency whose champions missed all of the "
            "last three is flagged; meetings before a champion's appointment do not count."
            if held
            else "No champions' meetings had been held by then."
        )
        fit_columns(self.table)


# --- the register of champions --------------------------------------------------------------


def status_on(champion: ChampionView, today: dt.date) -> str:
    if champion.stood_down_on is not None and champion.stood_down_on <= today:
        return f"Stood down {champion.stood_down_on:%d/%m/%Y}"
    if champion.appointed_on > today:
        return f"From {champion.appointed_on:%d/%m/%Y}"
    return "In post"


REGISTER_COLUMNS: list[Column[ChampionView]] = [
    Column("Champion", lambda c: c.staff_name),
    Column("Agency", lambda c: c.agency),
    Column("Theme", lambda c: c.theme),
    Column("Appointed", lambda c: c.appointed_on),
    Column(
        "Trained", lambda c: c.trained_on, lambda d: "Not yet" if d is None else f"{d:%d/%m/%Y}"
    ),
    Column("Status", lambda c: status_on(c, dt.date.today())),
]


class RegisterTab(QWidget):
    changed = Signal()

    def __init__(self, space: Callable[[], Workspace], lookups: Callable[[], Lookups]) -> None:
        super().__init__()
        self._space = space
        self._lookups = lookups
        self.champions = ColumnTableModel(REGISTER_COLUMNS, self)
        self.filtered = QSortFilterProxyModel(self)
        sorted_by(self.filtered, self.champions)
        self.search = search_box("Search by name, agency or theme", "Search the champions")
        self.search.textChanged.connect(self._filter)
        self.everyone = QCheckBox("Show those who stood down")
        self.everyone.toggled.connect(lambda _on: self.load())
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Champions shown")
        self.table = table_view(self.filtered, "Champions", sortable=True)
        self.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._enable)
        self.appoint_button = QPushButton("&Appoint champion…")
        self.appoint_button.clicked.connect(self.appoint)
        self.training_button = QPushButton("Record &training…")
        self.training_button.clicked.connect(self.record_training)
        self.stand_down_button = QPushButton("&Stand down…")
        self.stand_down_button.clicked.connect(self.stand_down)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.everyone)
        top.addWidget(self.count_label)
        buttons = QHBoxLayout()
        for button in (self.appoint_button, self.training_button, self.stand_down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self._query = LatestQuery(self)
        self._enable()

    def load(self) -> None:
        space = self.space
        current_on = None if self.everyone.isChecked() else dt.date.today()
        self._query.run(
            lambda: list_champions(space.unit_of_work(), current_on=current_on), self._show
        )

    @property
    def space(self) -> Workspace:
        return self._space()

    def _show(self, champions: list[ChampionView]) -> None:
        self.champions.set_rows(champions)
        fit_columns(self.table)
        self._show_count()
        self._enable()

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.filtered.rowCount(), self.champions.rowCount()
        which = "champions" if self.everyone.isChecked() else "champions in post"
        if total == 0:
            self.count_label.setText(f"No {which} yet")
        elif shown == total:
            self.count_label.setText(f"{total:,} {which}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} {which}")

    @property
    def chosen(self) -> ChampionView | None:
        index = chosen_row(self.table)
        return None if index is None else self.champions.row_at(index)

    def _enable(self) -> None:
        chosen = self.chosen
        self.training_button.setEnabled(chosen is not None)
        self.stand_down_button.setEnabled(chosen is not None and chosen.stood_down_on is None)

    def appoint(self) -> AppointChampionDialog:
        lookups = self._lookups()
        dialog = AppointChampionDialog(self, self.space, lookups.agencies, lookups.topics)
        self._open(dialog)
        return dialog

    def record_training(self) -> ChampionDateDialog | None:
        if (champion := self.chosen) is None:
            return None
        space = self.space

        def save(day: dt.date) -> ChampionView:
            return record_champion_training(
                space.unit_of_work(), champion.id, day, version=champion.version
            )

        dialog = ChampionDateDialog(self, "Record training", champion, "trained on", save)
        self._open(dialog)
        return dialog

    def stand_down(self) -> ChampionDateDialog | None:
        if (champion := self.chosen) is None:
            return None
        space = self.space

        def save(day: dt.date) -> ChampionView:
            return stand_down_champion(
                space.unit_of_work(), champion.id, day, version=champion.version
            )

        dialog = ChampionDateDialog(self, "Stand down", champion, "stood down on", save)
        self._open(dialog)
        return dialog

    def _open(self, dialog: FormDialog) -> None:
        dialog.accepted.connect(self.changed)
        dialog.open()


# --- meetings -------------------------------------------------------------------------------


MEETING_COLUMNS: list[Column[MeetingView]] = [
    Column("Held on", lambda x: x.held_on),
    Column("Venue", lambda x: x.venue),
    Column("Present", lambda x: x.present),
    Column("Apologies", lambda x: x.apologies),
]


ATTENDANCE_HEADINGS = ("Champion", "Agency", "Theme")
THEME_COLUMN = 2


def attendance_item(line: MeetingAttendanceLine) -> QTreeWidgetItem:
    item = QTreeWidgetItem([line.staff_name, line.agency, line.theme])
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(0, Qt.CheckState.Checked if line.present else Qt.CheckState.Unchecked)
    item.setData(0, Qt.ItemDataRole.UserRole, line.champion_id)
    return item


def attendance_list() -> QTreeWidget:
    """A checklist of champions, one column each for name (ticked if present), agency, theme."""
    tree = QTreeWidget()
    tree.setAccessibleName("Champions present")
    tree.setHeaderLabels(list(ATTENDANCE_HEADINGS))
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setStyleSheet("QTreeWidget::item { padding: 5px 0; }")  # rows as tall as the tables'
    tree.header().setStretchLastSection(True)
    return tree


class MeetingsTab(QWidget):
    changed = Signal()

    def __init__(self, space: Callable[[], Workspace]) -> None:
        super().__init__()
        self._space = space
        self.meetings = ColumnTableModel(MEETING_COLUMNS, self)
        self.rows = QSortFilterProxyModel(self)
        sorted_by(self.rows, self.meetings)
        self.table = table_view(self.rows, "Meetings", sortable=True, stretch_column=1)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._meeting_chosen())
        self.table.doubleClicked.connect(lambda _index: self.edit_meeting())
        self.new_button = QPushButton("&New meeting…")
        self.new_button.clicked.connect(self.new_meeting)
        self.edit_button = QPushButton("&Edit meeting…")
        self.edit_button.clicked.connect(self.edit_meeting)

        self.attendance = attendance_list()
        self.attendance.itemChanged.connect(lambda *_: self._count_present())
        self.present_label = QLabel()
        self.present_label.setAccessibleName("How many were present")
        self.attendance_note = QLabel("Choose a meeting to record who came.")
        self.attendance_note.setWordWrap(True)
        self.save_button = QPushButton("Save attendance")
        self.save_button.clicked.connect(self.save_attendance)
        self.attendance_box = QGroupBox("Attendance")

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._meetings_panel())
        splitter.addWidget(self._attendance_panel())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([460, 640])
        remember_splitter(splitter, "champions_page", "meetings_and_attendance")
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        self._query = LatestQuery(self)
        self._attendance_query = LatestQuery(self)
        self._shown: MeetingView | None = None
        self._enable()

    def _meetings_panel(self) -> QWidget:
        panel = QWidget()
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        return panel

    def _attendance_panel(self) -> QWidget:
        layout = QVBoxLayout(self.attendance_box)
        layout.addWidget(self.attendance_note)
        layout.addWidget(self.attendance, 1)
        row = QHBoxLayout()
        row.addWidget(self.present_label)
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        return self.attendance_box

    @property
    def space(self) -> Workspace:
        return self._space()

    @property
    def chosen(self) -> MeetingView | None:
        index = chosen_row(self.table)
        return None if index is None else self.meetings.row_at(index)

    def load(self) -> None:
        space = self.space
        self._query.run(lambda: list_meetings(space.unit_of_work()), self._show)

    def _show(self, meetings: list[MeetingView]) -> None:
        chosen = self._shown.id if self._shown else None
        self.meetings.set_rows(meetings)
        fit_columns(self.table)
        for row in range(self.rows.rowCount()):
            if self.meetings.row_at(self.rows.mapToSource(self.rows.index(row, 0))).id == chosen:
                self.table.selectRow(row)
                break
        else:
            self.table.selectRow(0)
        if self.chosen is None:
            self._meeting_chosen()

    def _meeting_chosen(self) -> None:
        meeting = self.chosen
        self._shown = meeting
        self._enable()
        self.attendance.clear()
        self.present_label.clear()
        if meeting is None:
            self._attendance_query.drop_pending()
            self.attendance_box.setTitle("Attendance")
            self.attendance_note.setText("Choose a meeting to record who came.")
            return
        self.attendance_box.setTitle(f"Attendance at the meeting of {meeting.held_on:%d/%m/%Y}")
        self.attendance_note.setText("Loading…")
        space = self.space
        self._attendance_query.run(
            lambda: meeting_attendance(space.unit_of_work(), meeting.id), self._show_attendance
        )

    def _show_attendance(self, lines: list[MeetingAttendanceLine]) -> None:
        self.attendance.clear()
        self.attendance.addTopLevelItems([attendance_item(line) for line in lines])
        for column in range(len(ATTENDANCE_HEADINGS) - 1):
            self.attendance.resizeColumnToContents(column)
        one_theme = len({line.theme for line in lines}) <= 1
        self.attendance.setColumnHidden(THEME_COLUMN, one_theme)
        self._count_present()
        if not lines:
            note = "Nobody was a champion on that day."
        elif all(line.present is None for line in lines):
            note = "Not recorded yet. Tick the champions who came; the others sent apologies."
        else:
            note = "Ticked champions came; the others sent apologies."
        self.attendance_note.setText(note)
        self._enable()

    def _enable(self) -> None:
        self.edit_button.setEnabled(self.chosen is not None)
        listed = self.attendance.topLevelItemCount() > 0
        self.save_button.setEnabled(self._shown is not None and listed)

    def present(self) -> dict[int, bool]:
        """Each listed champion: True if ticked as present, False for apologies."""
        listed = (
            self.attendance.topLevelItem(n) for n in range(self.attendance.topLevelItemCount())
        )
        return {
            int(item.data(0, Qt.ItemDataRole.UserRole)): item.checkState(0) == Qt.CheckState.Checked
            for item in listed
            if item is not None
        }

    def _count_present(self) -> None:
        marks = self.present()
        came = sum(marks.values())
        self.present_label.setText(f"{came} of {len(marks)} present" if marks else "")

    def save_attendance(self) -> None:
        meeting = self._shown
        if meeting is None:
            return
        space, marks = self.space, self.present()
        self.save_button.setEnabled(False)
        run_operation(
            self,
            lambda _progress, _cancelled: record_meeting_attendance(
                space.unit_of_work(), meeting.id, marks, version=meeting.version
            ),
            lambda _saved: self.changed.emit(),
            title="Saving attendance",
            on_failed=lambda _error: self.load(),
        )

    def new_meeting(self) -> MeetingDialog:
        return self._open(MeetingDialog(self, self.space))

    def edit_meeting(self) -> MeetingDialog | None:
        meeting = self.chosen
        return None if meeting is None else self._open(MeetingDialog(self, self.space, meeting))

    def _open(self, dialog: MeetingDialog) -> MeetingDialog:
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.open()
        return dialog

    def _saved(self, dialog: MeetingDialog) -> None:
        if isinstance(dialog.saved, MeetingView):
            self._shown = dialog.saved  # chosen once the meetings are listed again
        self.changed.emit()


# --- the page -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookups:
    """What the dialogs offer to choose from."""

    agencies: list[AgencyView]
    topics: list[TopicView]


def load_lookups(space: Workspace) -> Lookups:
    return Lookups(list_agencies(space.unit_of_work()), list_topics(space.unit_of_work()))


class ChampionsPage(Page):
    title = "Champions"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self._lookups = Lookups([], [])
        self.coverage_tab = CoverageTab(lambda: self.space)
        self.register_tab = RegisterTab(lambda: self.space, lambda: self._lookups)
        self.meetings_tab = MeetingsTab(lambda: self.space)
        self.register_tab.changed.connect(self.reload)
        self.meetings_tab.changed.connect(self.reload)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Champions views")
        self.tabs.addTab(self.coverage_tab, "&Coverage")
        self.tabs.addTab(self.register_tab, "&Register of champions")
        self.tabs.addTab(self.meetings_tab, "&Meetings")

        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                self.title,
                "A trained champion in every partner agency, at the champions' group each month.",
            )
        )
        layout.addWidget(self.tabs, 1)
        self._lookups_query = LatestQuery(self)
        self.reload()

    def reload(self) -> None:
        space = self.space
        self._lookups_query.run(lambda: load_lookups(space), self._show_lookups)
        self.register_tab.load()
        self.meetings_tab.load()

    def _show_lookups(self, lookups: Lookups) -> None:
        self._lookups = lookups
        self.coverage_tab.show_topics(lookups.topics)
        self.coverage_tab.load()
