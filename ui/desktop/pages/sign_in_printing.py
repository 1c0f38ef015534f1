"""Printing a session's sign-in sheet: choose where, write the PDF off the GUI thread, open it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from exports.sign_in_sheet import write_sign_in_sheet
from training.catalogue import SessionView
from training.errors import UserError
from training.progress import Cancelled, Progress
from training.registers import sign_in_sheet
from training.workspace import Workspace
from ui.desktop.operations import run_operation

FOLDER_KEY = "sessions/sign_in_folder"  # QSettings: where the last sheet was saved
PDF_FILES = "PDF documents (*.pdf)"


@dataclass(frozen=True)
class WrittenSheet:
    path: Path
    pages: int


def sheet_file_name(session: SessionView) -> str:
    """``sign-in-CSE-T1-2026-12-03.pdf``: the course code and the day, safe in any folder."""
    code = re.sub(r"[^A-Za-z0-9]+", "-", session.course_code).strip("-") or "session"
    return f"sign-in-{code}-{session.starts_at:%Y-%m-%d}.pdf"


def write_sheet(space: Workspace, session_id: int, path: Path) -> WrittenSheet:
    sheet = sign_in_sheet(space.unit_of_work(), session_id)
    try:
        pages = write_sign_in_sheet(path, sheet)
    except OSError as exc:
        raise UserError(
            f"{path} cannot be written ({exc.strerror or exc}): close it if it is open in a "
            "PDF reader, or choose another folder"
        ) from exc
    return WrittenSheet(path, pages)


def print_sign_in_sheet(
    parent: QWidget, space: Workspace, session: SessionView, unsaved_changes: int
) -> None:
    """Ask where to save the session's sign-in sheet, write it, then offer to open it."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(str(QSettings().value(FOLDER_KEY, documents or str(Path.home()))))
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, "Save the sign-in sheet", str(folder / sheet_file_name(session)), PDF_FILES
    )
    if not chosen:
        return
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(f"{path.name}.pdf")
    QSettings().setValue(FOLDER_KEY, str(path.parent))

    def job(_progress: Progress, _cancelled: Cancelled) -> WrittenSheet:
        return write_sheet(space, session.id, path)

    run_operation(
        parent,
        job,
        lambda written: offer_to_open(parent, written, unsaved_changes),
        title="Writing the sign-in sheet",
    )


def offer_to_open(parent: QWidget, written: WrittenSheet, unsaved_changes: int) -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Sign-in sheet saved")
    pages = "1 page" if written.pages == 1 else f"{written.pages} pages"
    box.setText(f"The sign-in sheet ({pages}) was saved as {written.path}.")
    if unsaved_changes:
        box.setInformativeText(
            "It lists the register as last saved: save the register and print again to "
            "include your unsaved changes."
        )
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Open)
    if box.exec() == QMessageBox.StandardButton.Open.value:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(written.path)))
