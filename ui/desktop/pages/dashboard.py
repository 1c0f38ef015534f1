"""The dashboard: what the partnership holds, and each agency's compliance for a topic."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from training.catalogue import TopicView, list_topics
from training.returns import ComplianceRow, compliance_table
from training.workspace import Workspace, overview
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel, percent_text
from ui.desktop.widgets import chosen_date, date_edit, fit_columns, heading, table_view

TILES_PER_ROW = 5
DATE_DEBOUNCE_MS = 400  # wait for the user to stop stepping through dates

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


@dataclass(frozen=True)
class Partnership:
    counts: dict[str, int]
    topics: list[TopicView]


def load_partnership(space: Workspace) -> Partnership:
    return Partnership(overview(space.unit_of_work()), list_topics(space.unit_of_work()))


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
        self._date_timer.timeout.connect(self.load_compliance)
        self.reporting_date.dateChanged.connect(lambda _date: self._date_timer.start())

        self.compliance = ColumnTableModel(COMPLIANCE_COLUMNS, self)
        sorted_rows = QSortFilterProxyModel(self)
        sorted_rows.setSourceModel(self.compliance)
        sorted_rows.setSortRole(SORT_ROLE)
        self.table = table_view(
            sorted_rows, "Compliance by agency", sortable=True, stretch_column=0
        )
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.summary = QLabel("Loading…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Compliance summary")

        layout = QVBoxLayout(self)
        layout.addWidget(heading("Dashboard", "What the partnership holds, and who is trained."))
        layout.addLayout(self._tile_grid)
        layout.addWidget(self._compliance_box(), 1)

        self._partnership_query = LatestQuery(self)
        self._compliance_query = LatestQuery(self)
        self._fitted = False
        self.reload()

    def _compliance_box(self) -> QGroupBox:
        box = QGroupBox("Trained at the level appropriate to their role, by agency")
        choices = QHBoxLayout()
        for text, field in (("&Topic:", self.topic), ("&Reporting date:", self.reporting_date)):
            label = QLabel(text)
            label.setBuddy(field)
            choices.addWidget(label)
            choices.addWidget(field)
            choices.addSpacing(12)
        choices.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        return box

    def reload(self) -> None:
        space = self.space
        self._partnership_query.run(lambda: load_partnership(space), self._show_partnership)

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
            self.summary.setText("No topics in the catalogue yet, so there is nothing to report.")
            return
        on = chosen_date(self.reporting_date)
        space = self.space
        self.summary.setText(f"Counting {topic} on {on:%d/%m/%Y}…")
        self._compliance_query.run(
            lambda: compliance_table(space.unit_of_work(), topic, on),
            lambda rows: self._show_compliance(rows, on),
        )

    def _show_compliance(self, rows: list[ComplianceRow], on: dt.date) -> None:
        self.compliance.set_rows(rows)
        self.summary.setText(compliance_summary(rows, on))
        if rows and not self._fitted:
            fit_columns(self.table)
            self._fitted = True
