"""Table models: UK cell text, sorting by value, and pages fetched only as they are needed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from tests.ui.conftest import wait_until_idle
from training.errors import DatabaseError
from ui.desktop.table_models import (
    SORT_ROLE,
    Column,
    ColumnTableModel,
    LazyTableModel,
    display_text,
)


@dataclass(frozen=True)
class Delivery:
    course: str
    on: dt.date
    places: int


COLUMNS: list[Column[Delivery]] = [
    Column("Course", lambda d: d.course),
    Column("On", lambda d: d.on),
    Column("Places", lambda d: d.places),
]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (dt.date(2024, 2, 3), "03/02/2024"),
        (dt.datetime(2024, 2, 3, 9, 30), "03/02/2024 09:30"),
        (True, "Yes"),
        (False, "No"),
        (12345, "12,345"),
        (Decimal("6.00"), "6"),
        (Decimal("1.50"), "1.5"),
        (None, ""),
        ("CSE", "CSE"),
    ],
)
def test_cells_read_the_uk_way(value, text):
    assert display_text(value) == text


def test_dates_sort_by_date_not_by_their_text(qtbot):
    model = ColumnTableModel(COLUMNS)
    model.set_rows(
        [
            Delivery("B", dt.date(2024, 1, 2), 5),
            Delivery("A", dt.date(2023, 2, 1), 12),
            Delivery("C", dt.date(2024, 1, 1), 100),
        ]
    )
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(row, 1).data() for row in range(3)] == [
        "01/02/2023",
        "01/01/2024",
        "02/01/2024",
    ]
    proxy.sort(2, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(row, 2).data() for row in range(3)] == ["5", "12", "100"]


def test_numbers_are_right_aligned_and_text_left(qtbot):
    model = ColumnTableModel(COLUMNS)
    model.set_rows([Delivery("A", dt.date(2024, 1, 1), 3)])
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, 2).data(alignment) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, 0).data(alignment) & Qt.AlignmentFlag.AlignLeft
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Places"


class CountingSource:
    """A page source over ``size`` numbers that remembers which pages were asked for."""

    def __init__(self, size: int) -> None:
        self.numbers = list(range(size))
        self.pages: list[tuple[int, int]] = []

    def page(self, offset: int, limit: int) -> list[int]:
        self.pages.append((offset, limit))
        return self.numbers[offset : offset + limit]

    def count(self) -> int:
        return len(self.numbers)


NUMBER_COLUMNS: list[Column[int]] = [Column("Number", lambda n: n)]


def test_a_lazy_model_fetches_one_page_and_the_next_only_when_asked(qtbot):
    source = CountingSource(250)
    model = LazyTableModel(NUMBER_COLUMNS, page_size=100)
    with qtbot.waitSignal(model.total_changed) as counted:
        model.load(source.page, source.count)
    assert counted.args == [250]
    assert model.rowCount() == 100
    assert source.pages == [(0, 100)]

    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert not model.canFetchMore(QModelIndex()), "one page at a time"
    qtbot.waitUntil(lambda: model.rowCount() == 200)
    model.fetchMore(QModelIndex())
    qtbot.waitUntil(lambda: model.rowCount() == 250)
    assert not model.canFetchMore(QModelIndex())
    assert source.pages == [(0, 100), (100, 100), (200, 100)]
    assert model.index(249, 0).data() == "249"


def test_loading_again_starts_from_the_first_page_and_drops_pages_on_their_way(qtbot):
    old, new = CountingSource(1_000), CountingSource(30)
    model = LazyTableModel(NUMBER_COLUMNS, page_size=100)
    model.load(old.page, old.count)
    model.load(new.page, new.count)
    wait_until_idle(qtbot)
    assert model.rowCount() == 30
    assert model.total == 30
    assert not model.canFetchMore(QModelIndex())


def test_a_source_that_shrank_since_it_was_counted_stops_the_fetching(qtbot):
    source = CountingSource(150)
    model = LazyTableModel(NUMBER_COLUMNS, page_size=100)
    model.load(source.page, source.count)
    wait_until_idle(qtbot)
    del source.numbers[100:]
    model.fetchMore(QModelIndex())
    wait_until_idle(qtbot)
    assert model.rowCount() == 100
    assert not model.canFetchMore(QModelIndex())


class UnreliableSource(CountingSource):
    """Its first page arrives; then the database goes away."""

    def page(self, offset: int, limit: int) -> list[int]:
        if offset > 0:
            raise DatabaseError("The database is not available: check the network and retry.")
        return super().page(offset, limit)


def test_a_page_that_fails_is_reported_and_fetching_stops(qtbot, message_boxes):
    source = UnreliableSource(300)
    model = LazyTableModel(NUMBER_COLUMNS, page_size=100)
    model.load(source.page, source.count)
    wait_until_idle(qtbot)
    with qtbot.waitSignal(model.total_changed) as stopped:
        model.fetchMore(QModelIndex())
    assert stopped.args == [100]
    assert model.rowCount() == 100
    assert not model.canFetchMore(QModelIndex())
    assert message_boxes[0].text.startswith("The database is not available")
