"""Starting the desktop: a database that cannot be opened is explained, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import wait_until_idle
from ui.desktop import app
from ui.desktop.main_window import MainWindow


@pytest.fixture(autouse=True)
def quiet_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """No log file in the user's folder, and the test run's own excepthook kept."""
    monkeypatch.setattr(app, "configure_logging", lambda: None)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)


def run_and_look(monkeypatch: pytest.MonkeyPatch, qtbot, look) -> None:
    """Replace the event loop with: wait until the database has opened or failed, ``look`` at
    the window, close it."""

    def exec_and_quit(application: QApplication) -> int:
        [window] = [
            w for w in application.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        wait_until_idle(qtbot)
        look(window)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_and_quit)


def test_a_database_that_cannot_be_opened_is_explained_and_the_window_stays(
    qtbot, monkeypatch, message_boxes
):
    seen: list[str] = []
    run_and_look(monkeypatch, qtbot, lambda window: seen.append(window.database_label.text()))
    assert app.run_desktop("no-such-scheme://nowhere") == 0
    [shown] = message_boxes
    assert shown.icon == QMessageBox.Icon.Warning
    assert "is not a database URL" in shown.text
    assert seen == ["No database"]


def test_the_window_opens_at_once_and_then_shows_the_database(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    seen: list[str] = []
    run_and_look(monkeypatch, qtbot, lambda window: seen.append(window.windowTitle()))
    assert app.run_desktop(f"sqlite:///{tmp_path / 'new.sqlite3'}") == 0
    assert seen == ["Safeguarding Training Manager — new.sqlite3 (SQLite)"]
    assert QApplication.instance().applicationName() == "Safeguarding Training Manager"


def test_the_window_needs_no_database_library_to_appear():
    """What the window loads before it is shown: no SQLAlchemy, so it appears at once."""
    code = (
        "import sys; import ui.desktop.app; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'storage', "
        "'openpyxl', 'reportlab', 'alembic')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
