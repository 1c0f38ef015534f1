"""The dashboard: what the partnership holds, each agency's compliance for a topic, training
activity per quarter, champion coverage and the next sessions with places free.

The page scrolls: the compliance chart grows with the number of agencies (one readable bar
each), and the rest follows it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from training.activity import (
    ChampionCounts,
    QuarterAttendances,
    attendances_by_quarter,
    champion_counts,
    sessions_with_places,
)
from training.catalogue import SessionView, TopicView, list_topics
from training.returns import ComplianceRow, compliance_table
from training.workspace import Workspace, overview
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.pages.dashboard_charts import (
    ChampionChart,
    ComplianceChart,
    QuarterChart,
    coverage_text,
)
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel, percent_text
from ui.desktop.widgets import chosen_date, date_edit, fit_columns, heading, table_view

TILES_PER_ROW = 5
DATE_DEBOUNCE_MS = 400  # wait for the user to stop stepping through dates
QUARTERS_SHOWN = 8
SESSIONS_SHOWN = 10
TABLE_ROWS_SHOWN = 10  # rows a table on the page shows before it scrolls
ACTIVITY_MARGINS = 40  # pixels of the page's width beside the activity charts: margins, scroll bar

COMPLIANCE_COLUMNS: list[Column[ComplianceRow]] = [
    Column("Agency", lambda r: r.agency),
    Column("In scope", lambda r: r.in_scope),
    Column("Trained", lambda r: r.trained),
    Column("% trained", lambda r: r.percent_trained, percent_text),
    Column("Expiring ≤ 90 days", lambda r: r.expiring_soon),
    Column("Overdue", lambda r: r.overdue),
    Column("Lapsed", lambda r: r.lapsed),
    Column("Never trained", lambda r: r.never_trained),
]

SESSION_COLUMNS: list[Column[SessionView]] = [
    Column("Starts", lambda s: s.starts_at),
    Column("Course", lambda s: f"{s.course_code}: {s.course_title}"),
    Column("Venue", lambda s: s.venue),
    Column("Free places", lambda s: f"{s.places_free} of {s.capacity}"),
]


@dataclass(frozen=True)
class Partnership:
    counts: dict[str, int]
    topics: list[TopicView]


@dataclass(frozen=True)
class Activity:
    """What the reporting date decides besides compliance."""

    on: dt.date
    quarters: list[QuarterAttendances]
    champions: ChampionCounts


def load_partnership(space: Workspace) -> Partnership:
    return Partnership(overview(space.unit_of_work()), list_topics(space.unit_of_work()))


def load_activity(space: Workspace, on: dt.date) -> Activity:
    return Activity(
        on,
        attendances_by_quarter(space.unit_of_work(), on, QUARTERS_SHOWN),
        champion_counts(space.unit_of_work(), on),
    )


def compliance_summary(rows: Sequence[ComplianceRow], on: dt.date) -> str:
    in_scope = sum(r.in_scope for r in rows)
    if in_scope == 0:
        return f"On {on:%d/%m/%Y} nobody is in scope: no role requires this topic."
    trained = sum(r.trained for r in rows)
    expiring = sum(r.expiring_soon for r in rows)
    overdue = sum(r.overdue for r in rows)
    return (
        f"On {on:%d/%m/%Y}, {trained:,} of {in_scope:,} staff in scope "
        f"({100 * trained / in_scope:.1f}%) are trained at the level appropriate to their role; "
        f"{expiring:,} expire within 90 days and {overdue:,} are overdue."
    )


def not_charted(rows: Sequence[ComplianceRow]) -> str:
    """Which agencies the compliance chart leaves out (nobody in scope), if any."""
    left_out = [r.agency for r in rows if r.percent_trained is None]
    if not left_out:
        return ""
    if len(left_out) == 1:
        return f"Not charted: {left_out[0]}, where no role requires this topic."
    return f"Not charted: {len(left_out):,} agencies where no role requires this topic."


def sessions_text(count: int) -> str:
    if count == 0:
        return "No sessions to come have places free."
    if count == 1:
        return "Only one session to come has places free."
    return f"The next {count} sessions with places free, soonest first."


class CountTile(QFrame):
    """A number in large type over what it counts."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("–")
        font = QFont(self.number.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.number.setFont(font)
        self.caption = caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.number)
        layout.addWidget(QLabel(caption.capitalize()))

    def show_count(self, count: int) -> None:
        self.number.setText(f"{count:,}")
        self.setAccessibleName(f"{self.caption}: {count:,}")


def fix_height_in_rows(view: QTableView, rows: int) -> None:
    """Make a table on the scrolling page as tall as ``rows`` rows; it scrolls beyond them."""
    height = view.horizontalHeader().sizeHint().height()
    height += rows * view.verticalHeader().defaultSectionSize() + 2 * view.frameWidth()
    view.setFixedHeight(height)


class DashboardPage(Page):
    title = "Dashboard"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self.tiles: dict[str, CountTile] = {}
        self._tile_grid = QGridLayout()
        self._tile_grid.setSpacing(8)

        self.topic = QComboBox()
        self.topic.setAccessibleName("Topic")
        self.topic.setMinimumContentsLength(24)
        self.topic.currentIndexChanged.connect(lambda _index: self.load_compliance())
        self.reporting_date = date_edit("Reporting date")
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DEBOUNCE_MS)
        self._date_timer.timeout.connect(self._date_chosen)
        self.reporting_date.dateChanged.connect(lambda _date: self._date_timer.start())

        self.compliance = ColumnTableModel(COMPLIANCE_COLUMNS, self)
        sorted_rows = QSortFilterProxyModel(self)
        sorted_rows.setSourceModel(self.compliance)
        sorted_rows.setSortRole(SORT_ROLE)
        self.table = table_view(
            sorted_rows, "Compliance by agency", sortable=True, stretch_column=0
        )
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        fix_height_in_rows(self.table, TABLE_ROWS_SHOWN)
        self.summary = _wrapped_label("Loading…", "Compliance summary")
        self.compliance_chart = ComplianceChart()
        self.compliance_chart.hide()
        self.left_out = _wrapped_label("", "Agencies not charted")
        self.left_out.hide()

        self.quarter_chart = QuarterChart()
        self.champion_chart = ChampionChart()
        self.champion_summary = _wrapped_label("Loading…", "Champion coverage")

        self.sessions = ColumnTableModel(SESSION_COLUMNS, self)
        self.sessions_table = table_view(
            self.sessions, "Next sessions with places free", sortable=False, stretch_column=1
        )
        fix_height_in_rows(self.sessions_table, SESSIONS_SHOWN)
        self.sessions_note = _wrapped_label("Loading…", "Sessions with places free")

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(heading("Dashboard", "What the partnership holds, and who is trained."))
        layout.addLayout(self._tile_grid)
        layout.addLayout(self._choices())
        layout.addWidget(self._compliance_box())
        layout.addLayout(self._activity_row())
        layout.addWidget(self._sessions_box())
        layout.addStretch(1)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroller)

        self._partnership_query = LatestQuery(self)
        self._compliance_query = LatestQuery(self)
        self._activity_query = LatestQuery(self)
        self._sessions_query = LatestQuery(self)
        self._fitted = False

    def _choices(self) -> QHBoxLayout:
        choices = QHBoxLayout()
        for text, field in (("&Topic:", self.topic), ("&Reporting date:", self.reporting_date)):
            label = QLabel(text)
            label.setBuddy(field)
            choices.addWidget(label)
            choices.addWidget(field)
            choices.addSpacing(12)
        choices.addStretch(1)
        return choices

    def _compliance_box(self) -> QGroupBox:
        box = QGroupBox("Trained at the level appropriate to their role, by agency")
        layout = QVBoxLayout(box)
        layout.addWidget(self.summary)
        layout.addWidget(self.compliance_chart)
        layout.addWidget(self.left_out)
        layout.addWidget(self.table)
        return box

    def _activity_row(self) -> QHBoxLayout:
        champions = QVBoxLayout()
        champions.addWidget(self.champion_chart, 1)
        champions.addWidget(self.champion_summary)
        self._activity = QHBoxLayout()
        self._activity.addWidget(self.quarter_chart, 3)
        self._activity.addLayout(champions, 2)
        return self._activity

    def _arrange_activity(self) -> None:
        """The two activity charts side by side where both fit, else one above the other."""
        needed = (
            self.quarter_chart.minimumWidth()
            + self.champion_chart.minimumWidth()
            + self._activity.spacing()
        )
        room = self.width() - ACTIVITY_MARGINS
        self._activity.setDirection(
            QBoxLayout.Direction.LeftToRight if room >= needed else QBoxLayout.Direction.TopToBottom
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange_activity()

    def _sessions_box(self) -> QGroupBox:
        box = QGroupBox("Next sessions with places free")
        layout = QVBoxLayout(box)
        layout.addWidget(self.sessions_note)
        layout.addWidget(self.sessions_table)
        return box

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        space = self.space
        self._partnership_query.run(lambda: load_partnership(space), self._show_partnership)
        self.load_activity()
        now = dt.datetime.now().replace(second=0, microsecond=0)
        self._sessions_query.run(
            lambda: sessions_with_places(space.unit_of_work(), now, SESSIONS_SHOWN),
            self._show_sessions,
        )

    def _date_chosen(self) -> None:
        self.load_compliance()
        self.load_activity()

    def _show_partnership(self, partnership: Partnership) -> None:
        self._show_tiles(partnership.counts)
        chosen = self.topic.currentText()
        with QSignalBlocker(self.topic):
            self.topic.clear()
            self.topic.addItems([t.name for t in partnership.topics])
            self.topic.setCurrentIndex(max(self.topic.findText(chosen), 0))
        self.topic.setEnabled(bool(partnership.topics))
        self.load_compliance()

    def _show_tiles(self, counts: dict[str, int]) -> None:
        for position, (caption, count) in enumerate(counts.items()):
            if caption not in self.tiles:
                self.tiles[caption] = CountTile(caption)
                row, column = divmod(position, TILES_PER_ROW)
                self._tile_grid.addWidget(self.tiles[caption], row, column)
            self.tiles[caption].show_count(count)

    def load_compliance(self) -> None:
        topic = self.topic.currentText()
        if not topic:
            self._compliance_query.drop_pending()
            self.compliance.set_rows([])
            self.compliance_chart.hide()
            self.left_out.hide()
            self.summary.setText("No topics in the catalogue yet, so there is nothing to report.")
            return
        on = chosen_date(self.reporting_date)
        space = self.space
        self.summary.setText(f"Counting {topic} on {on:%d/%m/%Y}…")
        self._compliance_query.run(
            lambda: compliance_table(space.unit_of_work(), topic, on),
            lambda rows: self._show_compliance(rows, topic, on),
        )

    def _show_compliance(self, rows: list[ComplianceRow], topic: str, on: dt.date) -> None:
        self.compliance.set_rows(rows)
        self.summary.setText(compliance_summary(rows, on))
        self.compliance_chart.show_rows(rows, topic, on)
        self.compliance_chart.setVisible(any(r.in_scope for r in rows))
        self.left_out.setText(not_charted(rows))
        self.left_out.setVisible(bool(self.left_out.text()))
        if rows and not self._fitted:
            fit_columns(self.table)
            self._fitted = True

    def load_activity(self) -> None:
        on = chosen_date(self.reporting_date)
        space = self.space
        self._activity_query.run(lambda: load_activity(space, on), self._show_activity)

    def _show_activity(self, activity: Activity) -> None:
        self.quarter_chart.show_rows(activity.quarters, activity.on)
        self.champion_chart.show_counts(activity.champions)
        self.champion_summary.setText(coverage_text(activity.champions))
        self._arrange_activity()

    def _show_sessions(self, sessions: list[SessionView]) -> None:
        self.sessions.set_rows(sessions)
        self.sessions_note.setText(sessions_text(len(sessions)))
        if sessions:
            fit_columns(self.sessions_table)


def _wrapped_label(text: str, accessible_name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    return label
