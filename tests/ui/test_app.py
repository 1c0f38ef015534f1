"""Starting the desktop: a database that cannot be opened is explained, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from ui.desktop import app
from ui.desktop.main_window import MainWindow


@pytest.fixture(autouse=True)
def quiet_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """No log file in the user's folder, and the test run's own excepthook kept."""
    monkeypatch.setattr(app, "configure_logging", lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def test_a_database_that_cannot_be_opened_is_explained_in_a_dialog(message_boxes):
    assert app.run_desktop("no-such-scheme://nowhere") == app.EXIT_CANNOT_OPEN
    [shown] = message_boxes
    assert shown.icon == QMessageBox.Icon.Warning
    assert "is not a database URL" in shown.text


def test_the_main_window_opens_on_the_database_and_closes_it_at_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    shown: list[str] = []

    def exec_and_quit(application: QApplication) -> int:
        for window in application.topLevelWidgets():
            if isinstance(window, MainWindow) and window.isVisible():
                shown.append(window.windowTitle())
                window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_and_quit)
    assert app.run_desktop(f"sqlite:///{tmp_path / 'new.sqlite3'}") == 0
    assert shown == ["Safeguarding Training Manager — new.sqlite3 (SQLite)"]
    assert QApplication.instance().applicationName() == "Safeguarding Training Manager"
