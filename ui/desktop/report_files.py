"""Saving a report as a file: where (a save dialog with a sensible name), how (through a
temporary file, so a failure never leaves half a file or spoils the one already there), and
telling the user it is saved, with a way to open it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from training.errors import UserError

FOLDER_KEY = "reports/folder"  # QSettings: where the last report was saved
NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class FileKind(Enum):
    """A kind of file a report is saved as: its suffix, the dialog's filter, what it counts."""

    PDF = (".pdf", "PDF documents (*.pdf)", "page")
    WORKBOOK = (".xlsx", "Excel workbooks (*.xlsx)", "sheet")

    def __init__(self, suffix: str, filter_text: str, unit: str) -> None:
        self.suffix = suffix
        self.filter_text = filter_text
        self.unit = unit


@dataclass(frozen=True)
class SavedFile:
    path: Path
    kind: FileKind
    count: int  # pages of a PDF, sheets of a workbook

    @property
    def description(self) -> str:
        """ "Training return 31-03-2026.pdf (4 pages)"."""
        unit = self.kind.unit if self.count == 1 else f"{self.kind.unit}s"
        return f"{self.path.name} ({self.count:,} {unit})"


def file_name(*parts: str) -> str:
    """The parts, joined by spaces, with what no file name may hold taken out."""
    joined = " ".join(part.strip() for part in parts if part.strip())
    return NOT_IN_FILE_NAMES.sub("-", joined).strip(" .") or "Report"


def file_date(day: dt.date) -> str:
    """A date as a file name may hold it: 31-03-2026."""
    return f"{day:%d-%m-%Y}"


def saving_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(str(QSettings().value(FOLDER_KEY, documents or str(Path.home()))))


def choose_save_path(parent: QWidget, title: str, name: str, kind: FileKind) -> Path | None:
    """Ask where to save, suggesting ``name`` in the folder used last; None if cancelled."""
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, title, str(saving_folder() / f"{name}{kind.suffix}"), kind.filter_text
    )
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != kind.suffix:
        path = path.with_name(f"{path.name}{kind.suffix}")
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    return path


def write_through_temporary(path: Path, write: Callable[[Path], int]) -> int:
    """``write`` into a temporary file beside ``path``, then put it in place; what it returns.

    A file another program holds open (a workbook in Excel, on Windows) cannot be replaced:
    the user is told to close it, and the file is left as it was.
    """
    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    try:
        written = write(partial)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(
            f"{path.name} could not be saved in {path.parent} ({exc.strerror or exc}). If the "
            "file is open in Excel or a PDF reader, close it and save again; otherwise check "
            "the folder exists and you may save there, or choose another folder."
        ) from exc
    return written


def open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class SavedNotice(QFrame):
    """A line under the page saying what was just done, with buttons to open the file saved
    and its folder; hidden until there is something to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAccessibleName("What was done")
        self.open_button = QPushButton("&Open")
        self.open_button.setAccessibleName("Open the file saved")
        self.open_button.clicked.connect(self.open_saved)
        self.folder_button = QPushButton("Ope&n folder")
        self.folder_button.setAccessibleName("Open the folder of the file saved")
        self.folder_button.clicked.connect(self.open_folder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.folder_button)
        self.path: Path | None = None
        self.hide()

    def tell(self, text: str, path: Path | None = None) -> None:
        self.path = path
        self.text.setText(text)
        self.text.setToolTip(str(path) if path else "")
        self.open_button.setVisible(path is not None)
        self.folder_button.setVisible(path is not None)
        self.show()

    def open_saved(self) -> None:
        if self.path is not None:
            open_file(self.path)

    def open_folder(self) -> None:
        if self.path is not None:
            open_file(self.path.parent)
