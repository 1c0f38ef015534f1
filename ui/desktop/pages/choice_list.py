"""A list to choose one row from, searched as the user types: what the reports page offers
certificates for (sessions, or people's records), loaded a limited number at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QItemSelection, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from training.workspace import Workspace
from ui.desktop.operations import LatestQuery
from ui.desktop.table_models import Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, search_box, table_view

Row = TypeVar("Row")
SEARCH_DELAY_MS = 300  # wait for the user to stop typing
MAX_COLUMN_WIDTH = 220  # pixels: the widest a column is fitted to, but the stretched one


class ChoiceList(QWidget, Generic[Row]):
    """A table of rows to choose one from, with a search box: the rows matching what is typed
    are loaded in the background (at most ``limit`` of them), and the row chosen stays chosen
    when they are loaded again."""

    chosen_changed = Signal()
    activated = Signal()  # a row double-clicked, or Enter pressed on it

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        load: Callable[[Workspace, str], Sequence[Row]],
        key: Callable[[Row], int],
        *,
        placeholder: str,
        name: str,
        stretch_column: int,
        limit: int,
    ) -> None:
        super().__init__()
        self._load = load
        self._key = key
        self._name = name
        self._limit = limit
        self.search = search_box(placeholder, f"Search the {name}")  # first: Tab goes here
        self.count = QLabel()
        self.count.setAccessibleName(f"{name.capitalize()} shown")
        self.rows: ColumnTableModel[Row] = ColumnTableModel(columns, self)
        self.table = table_view(
            self.rows, name.capitalize(), sortable=False, stretch_column=stretch_column
        )
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.activated.emit())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self._query = LatestQuery(self)
        self._space: Workspace | None = None

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

    def load(self, space: Workspace) -> None:
        self._space = space
        self.reload()

    def reload(self) -> None:
        if self._space is None:
            return
        space, search, load = self._space, self.search.text().strip(), self._load
        self.count.setText("Loading…")
        self._query.run(lambda: load(space, search), self._show)

    def _show(self, rows: Sequence[Row]) -> None:
        kept = self.chosen
        self.rows.set_rows(rows)
        keys = [self._key(row) for row in rows]
        if kept is not None and self._key(kept) in keys:
            self.table.selectRow(keys.index(self._key(kept)))
        if rows:
            fit_columns(self.table, MAX_COLUMN_WIDTH)
        self._show_count(len(rows))
        self.chosen_changed.emit()

    def _show_count(self, shown: int) -> None:
        if shown == 0:
            self.count.setText(
                f"No {self._name} found" if self.search.text() else f"No {self._name} yet"
            )
        elif shown >= self._limit:
            self.count.setText(f"The newest {shown:,}: type to find others")
        else:
            self.count.setText(f"{shown:,} {self._name}")

    @property
    def chosen(self) -> Row | None:
        selected = self.table.selectionModel().selectedRows()
        return self.rows.row_at(selected[0]) if selected else None

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.chosen_changed.emit()
