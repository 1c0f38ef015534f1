"""Table models for the training read models (plain dataclasses), described by columns.

- ``Column``: a title and how to get a cell's value from a row (and, if need be, its text).
- ``ColumnTableModel``: a list of rows held in memory; sort and filter it through a
  ``QSortFilterProxyModel`` with ``sortRole=SORT_ROLE``.
- ``LazyTableModel``: rows fetched a page at a time, off the GUI thread, as the view scrolls
  (``canFetchMore``/``fetchMore``), for tables that may hold 100,000 rows.

Cells read the UK way: dates dd/mm/yyyy, numbers with thousands separators, Yes/No.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ui.desktop.operations import LatestQuery

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
PageSource = Callable[[int, int], Sequence[Row]]  # (offset, limit) -> that page of rows
RowCounter = Callable[[], int]

SORT_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_PAGE_SIZE = 500
NUMERIC = (int, float, Decimal)


def display_text(value: object) -> str:
    """How a value reads in a table cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    return str(value)


def percent_text(value: object) -> str:
    return "–" if value is None else f"{value:.1f}%"


def sort_key(value: object) -> object:
    """A value Qt can compare: text without case, dates as ISO text, numbers as numbers."""
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return float(value)
    return value


@dataclass(frozen=True)
class Column(Generic[Row]):
    title: str
    value: Callable[[Row], object]
    text: Callable[[object], str] = display_text


class ColumnTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of one read model, one column per ``Column``; read-only."""

    def __init__(self, columns: Sequence[Column[Row]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []

    @property
    def rows(self) -> Sequence[Row]:
        return self._rows

    def row_at(self, index: Index) -> Row:
        return self._rows[index.row()]

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        value = column.value(self._rows[index.row()])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return column.text(value)
        if role == SORT_ROLE:
            return sort_key(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if isinstance(value, NUMERIC) and not isinstance(value, bool)
                else Qt.AlignmentFlag.AlignLeft
            )
            return horizontal | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        return None


class LazyTableModel(ColumnTableModel[Row]):
    """Rows fetched a page at a time from a page source, as the view scrolls to them.

    ``load(fetch_page, count)`` starts again: one background query counts the rows and fetches
    the first page; each ``fetchMore`` (called by the view near the bottom) fetches the next
    page in the background. Loading again while pages are on their way drops them.
    """

    total_changed = Signal(int)

    def __init__(
        self,
        columns: Sequence[Column[Row]],
        *,
        page_size: int = DEFAULT_PAGE_SIZE,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(columns, parent)
        self.page_size = page_size
        self._fetch_page: PageSource[Row] | None = None
        self._total = 0
        self._fetching = False
        self._query = LatestQuery(self)

    @property
    def total(self) -> int:
        """How many rows the source holds (the view has fetched ``rowCount()`` of them)."""
        return self._total

    @property
    def is_loading(self) -> bool:
        return self._fetching

    def load(self, fetch_page: PageSource[Row], count: RowCounter) -> None:
        self.beginResetModel()
        self._rows = []
        self._total = 0
        self._fetch_page = fetch_page
        self._fetching = True
        self.endResetModel()
        size = self.page_size
        self._query.run(
            lambda: (count(), fetch_page(0, size)), self._first_page, on_failed=self._stop
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and len(self._rows) < self._total

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch_page is None:
            return
        self._fetching = True
        fetch_page, offset, size = self._fetch_page, len(self._rows), self.page_size
        self._query.run(lambda: fetch_page(offset, size), self._append, on_failed=self._stop)

    def _first_page(self, counted: tuple[int, Sequence[Row]]) -> None:
        total, page = counted
        self._total = total
        self._append(page)
        self.total_changed.emit(total)

    def _append(self, page: Sequence[Row]) -> None:
        self._fetching = False
        if not page:
            self._total = len(self._rows)  # the source shrank since it was counted
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def _stop(self, _error: BaseException) -> None:
        """After a failed fetch (already shown to the user), fetch no more until reloaded."""
        self._fetching = False
        self._total = len(self._rows)
        self.total_changed.emit(self._total)
