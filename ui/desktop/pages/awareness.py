"""Awareness events: school campaigns, parent programmes and trades briefings, with their reach.

Reach is a headcount, not named learners. The line under the table adds up the reach of the
events shown, by audience, so a search ("taxi", "2025", an agency) answers "how many did we reach".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from training.agencies import AgencyView, list_agencies
from training.awareness import AwarenessView, list_awareness_events
from training.catalogue import TopicView, list_topics
from training.workspace import Workspace
from ui.desktop.forms import sentence
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.awareness_dialog import AwarenessDialog
from ui.desktop.pages.base import Page
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, heading, search_box, table_view


@dataclass(frozen=True)
class EventRow:
    """An event with the names of its agency and topic, as the table shows it."""

    event: AwarenessView
    agency: str
    topic: str


EVENT_COLUMNS: list[Column[EventRow]] = [
    Column("Date", lambda r: r.event.held_on),
    Column("Title", lambda r: r.event.title),
    Column("Kind", lambda r: sentence(r.event.event_type)),
    Column("Audience", lambda r: sentence(r.event.audience_type)),
    Column("Reach", lambda r: r.event.headcount),
    Column("Run by", lambda r: r.agency),
    Column("Topic", lambda r: r.topic),
    Column("Venue", lambda r: r.event.venue),
]
DATE_COLUMN = 0
# Widest each long column may be fitted to (pixels), so that all but the venue fit a page of
# the default window; longer text is elided, and whole in its tooltip.
FITTED_WIDTHS = {"Title": 240, "Run by": 190, "Topic": 190}
PARTNERSHIP = "The partnership"  # who runs an event no one agency runs


@dataclass(frozen=True)
class AwarenessRecords:
    rows: list[EventRow]
    topics: list[TopicView]
    agencies: list[AgencyView]


def load_awareness(space: Workspace) -> AwarenessRecords:
    events = list_awareness_events(space.unit_of_work())
    topics = list_topics(space.unit_of_work())
    agencies = list_agencies(space.unit_of_work())
    topic_names = {t.id: t.name for t in topics}
    agency_names = {a.id: a.name for a in agencies}
    rows = [
        EventRow(
            event,
            agency_names.get(event.agency_id, "") if event.agency_id else PARTNERSHIP,
            topic_names.get(event.topic_id, "") if event.topic_id else "",
        )
        for event in events
    ]
    return AwarenessRecords(rows, topics, agencies)


def reach_summary(events: Sequence[AwarenessView], total: int) -> str:
    """The reach of these events, in all and by audience (largest first)."""
    if not events:
        return "No awareness events recorded yet." if total == 0 else "No events match the search."
    by_audience: Counter[str] = Counter()
    for event in events:
        by_audience[event.audience_type] += event.headcount
    reached = sum(by_audience.values())
    audiences = "; ".join(f"{audience} {count:,}" for audience, count in by_audience.most_common())
    shown = "the event" if len(events) == 1 else f"the {len(events):,} events"
    return f"Reach of {shown} shown: {reached:,} people — {audiences}."


class AwarenessPage(Page):
    title = "Awareness events"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self.events = ColumnTableModel(EVENT_COLUMNS, self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.events)
        self.filtered.setSortRole(SORT_ROLE)
        self.filtered.setFilterKeyColumn(-1)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = search_box(
            "Search by date (dd/mm/yyyy), title, kind, audience, agency, topic or venue",
            "Search the awareness events",
        )
        self.search.textChanged.connect(self._filter)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Events shown")
        self.reach_label = QLabel()
        self.reach_label.setWordWrap(True)
        self.reach_label.setAccessibleName("Reach of the events shown")
        self.table = table_view(self.filtered, "Awareness events", sortable=True)
        self.table.sortByColumn(DATE_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._edit_at)
        self.table.selectionModel().selectionChanged.connect(self._enable_edit)
        self.new_button = QPushButton("&New event…")
        self.new_button.clicked.connect(self.add_event)
        self.edit_button = QPushButton("&Edit event…")
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self.edit_event)

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.new_button)
        search_row.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                self.title,
                "Reach without named learners: school campaigns, parent programmes and "
                "briefings for trades such as taxi drivers and hotels.",
            )
        )
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reach_label)

        self._query = LatestQuery(self)
        self._fitted = False
        self._records = AwarenessRecords([], [], [])
        self.reload()

    def reload(self) -> None:
        space = self.space
        self._query.run(lambda: load_awareness(space), self._show)

    def _show(self, records: AwarenessRecords) -> None:
        self._records = records
        self.events.set_rows(records.rows)
        if records.rows and not self._fitted:
            self._fit_columns()
            self._fitted = True
        self._show_counts()

    def _fit_columns(self) -> None:
        fit_columns(self.table)
        header = self.table.horizontalHeader()
        for column, event_column in enumerate(EVENT_COLUMNS):
            widest = FITTED_WIDTHS.get(event_column.title)
            if widest is not None and header.sectionSize(column) > widest:
                header.resizeSection(column, widest)

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        self._show_counts()

    @property
    def shown_events(self) -> list[AwarenessView]:
        rows = range(self.filtered.rowCount())
        return [
            self.events.row_at(self.filtered.mapToSource(self.filtered.index(r, 0))).event
            for r in rows
        ]

    def _show_counts(self) -> None:
        shown, total = self.filtered.rowCount(), self.events.rowCount()
        events = "event" if total == 1 else "events"
        if total == 0:
            self.count_label.setText("No events yet")
        elif shown == total:
            self.count_label.setText(f"{total:,} {events}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} {events}")
        self.reach_label.setText(reach_summary(self.shown_events, total))

    @property
    def chosen_event(self) -> AwarenessView | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.events.row_at(self.filtered.mapToSource(selected[0])).event

    def _enable_edit(self) -> None:
        self.edit_button.setEnabled(self.chosen_event is not None)

    def _edit_at(self, index: QModelIndex) -> None:
        self.open_event_dialog(self.events.row_at(self.filtered.mapToSource(index)).event)

    def add_event(self) -> None:
        self.open_event_dialog(None)

    def edit_event(self) -> None:
        if (event := self.chosen_event) is not None:
            self.open_event_dialog(event)

    def open_event_dialog(self, event: AwarenessView | None) -> AwarenessDialog:
        records = self._records
        dialog = AwarenessDialog(self, self.space, records.topics, records.agencies, event)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog
