"""PySide6 6.12.0 loses a reference to None on every Python override returning it, and to True
on every signal carrying it; on CPython 3.11, where they are not immortal, the interpreter then
aborts. setup.cfg excludes that release; these tests fail (the process aborts) if it returns."""

from __future__ import annotations

import sys

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QObject, QStringListModel, Signal

MANY = 100_000  # far more than None's or True's reference count at start-up


class Lazy(QStringListModel):
    def fetchMore(self, parent) -> None:
        """Returns None to C++, as every event handler does."""


class Busy(QObject):
    changed = Signal(bool)


def test_none_survives_many_overrides_returning_it():
    proxy = QIdentityProxyModel()
    proxy.setSourceModel(Lazy())
    for _ in range(MANY):
        proxy.fetchMore(QModelIndex())
    assert sys.getrefcount(None) > 0


def test_true_survives_many_signals_carrying_it():
    busy = Busy()
    busy.changed.connect(lambda flag: None)
    for _ in range(MANY):
        busy.changed.emit(True)
    assert sys.getrefcount(True) > 0
