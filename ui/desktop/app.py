"""Starting the desktop application: ``python main.py`` with no command comes here."""

from __future__ import annotations

import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QLocale, QThreadPool
from PySide6.QtWidgets import QApplication

from ui.desktop.about import APP_TITLE, ORGANISATION
from ui.desktop.error_dialogs import show_error
from ui.desktop.logs import configure_logging
from ui.desktop.main_window import MainWindow


def create_application() -> QApplication:
    """The QApplication (the running one, if any), named for QSettings, speaking UK English."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_TITLE)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    return app


def show_uncaught(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """``sys.excepthook``: an error escaping a slot is shown, not just printed to a console."""
    show_error(
        QApplication.activeWindow(), error, "".join(traceback.format_exception(kind, error, tb))
    )


def run_desktop(database_url: str | None) -> int:
    """Show the main window at once, and open the database (the default one when
    ``database_url`` is None) in it in the background."""
    configure_logging()
    app = create_application()
    sys.excepthook = show_uncaught
    window = MainWindow()
    window.show()
    window.open_database(database_url)
    try:
        return app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone()
        if window.workspace is not None:
            window.workspace.close()
