"""The application's name and version, and the Help › About box that shows them."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.desktop.logs import log_file

APP_TITLE = "Safeguarding Training Manager"
ORGANISATION = "LSCB"
DISTRIBUTION = "safeguarding-training-manager"
UNRELEASED = "development version"


def application_version() -> str:
    """The installed version, or ``UNRELEASED`` when run from a source tree not installed."""
    import importlib.metadata  # 40 ms: loaded when the About box opens, not at start-up

    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return UNRELEASED


def about_text() -> str:
    return (
        f"<h3>{APP_TITLE}</h3>"
        f"<p>Version {application_version()}</p>"
        "<p>Multi-agency safeguarding training for a Local Safeguarding Children Board: "
        "the course catalogue, registers, training returns and certificates.</p>"
        f"<p><small>Python {platform.python_version()} · Qt {qVersion()} · "
        f"PySide6 {pyside_version}<br>Log file: {log_file()}</small></p>"
    )


def about_box(parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(f"About {APP_TITLE}")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(about_text())
    return box
