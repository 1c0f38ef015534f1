"""Splitters that remember where the user left them (QSettings), from one window to the next.

``remember_splitter`` names a splitter, puts back its saved sizes at once (call it when the
page is built, after setting the default sizes), and saves them again when the user has
stopped dragging a handle for a moment, and at the latest when the splitter is hidden: when
its page gives way to another, or its window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QSplitter

SAVE_DELAY_MS = 500  # a drag moves the handle many times a second; save once it has stopped


def splitter_key(owner: str, name: str) -> str:
    """Where the sizes of the splitter ``name`` of ``owner`` (a page or dialog) are kept."""
    return f"splitters/{owner}/{name}"


class SplitterMemory(QObject):
    """Keeps one splitter's state under its key; a child of the splitter, so it goes with it."""

    def __init__(self, splitter: QSplitter, key: str) -> None:
        super().__init__(splitter)
        self._splitter = splitter
        self._key = key
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.save)
        splitter.splitterMoved.connect(self._moved)
        splitter.installEventFilter(self)

    def _moved(self, _position: int, _index: int) -> None:
        self._timer.start()

    def restore(self) -> None:
        state = QSettings().value(self._key)
        if isinstance(state, QByteArray):
            self._splitter.restoreState(state)

    def save(self) -> None:
        self._timer.stop()
        QSettings().setValue(self._key, self._splitter.saveState())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and self._timer.isActive():
            self.save()  # the window may be closing: don't wait for the timer
        return False


def remember_splitter(splitter: QSplitter, owner: str, name: str) -> None:
    """Give ``splitter`` the object name ``name``, restore the sizes it had last time in
    ``owner``, and save them whenever the user moves it."""
    splitter.setObjectName(name)
    SplitterMemory(splitter, splitter_key(owner, name)).restore()
