"""File › Back up database… and File › Restore from backup…: the coordinator's backups of the
embedded database, taken and put back while the window stays open.

Each asks for a file, runs the service off the GUI thread (``run_operation``) and says what was
done; a restore asks first, saying what will be replaced and that a copy of it is kept. A shared
(PostgreSQL) database, or a user who may not, is refused before any dialog opens.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from training.errors import UserError
from training.progress import Cancelled, Progress
from ui.desktop.error_dialogs import show_error
from ui.desktop.operations import run_operation

if TYPE_CHECKING:  # the services load the database libraries: only once asked for
    from training.backup import BackupSummary, RestoreSummary
    from training.workspace import Workspace

FOLDER_KEY = "backups/folder"  # QSettings: where the last backup was saved or restored from
BACKUP_FILES = "Backups (*.sqlite3 *.sqlite *.db);;All files (*)"
SUFFIX = ".sqlite3"


def back_up(window: QWidget, space: Workspace) -> None:
    """Ask where to save a backup of ``space``'s database, write it, and say where it is."""
    from training.backup import back_up_database, suggested_backup_name

    if not _allowed(window, space):
        return
    suggested = backup_folder() / suggested_backup_name(space, dt.date.today())
    chosen, _filter = QFileDialog.getSaveFileName(
        window, "Back up the database", str(suggested), BACKUP_FILES
    )
    if not chosen:
        return
    path = Path(chosen) if Path(chosen).suffix else Path(f"{chosen}{SUFFIX}")
    QSettings().setValue(FOLDER_KEY, str(path.parent))

    def job(_progress: Progress, _cancelled: Cancelled) -> BackupSummary:
        return back_up_database(space, path)

    run_operation(
        window,
        job,
        lambda summary: _tell_backed_up(window, summary),
        title="Backing up the database",
    )


def restore(window: QWidget, space: Workspace, on_restored: Callable[[], None]) -> None:
    """Ask for a backup, and once the user confirms, put it in place of ``space``'s database;
    then ``on_restored()`` (for the window to reload its pages) and say what was done."""
    from training.backup import restore_database

    if not _allowed(window, space):
        return
    chosen, _filter = QFileDialog.getOpenFileName(
        window, "Restore from a backup", str(backup_folder()), BACKUP_FILES
    )
    if not chosen:
        return
    path = Path(chosen)
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    if not confirm_restore(window, space, path):
        return

    def job(_progress: Progress, _cancelled: Cancelled) -> RestoreSummary:
        return restore_database(space, path)

    def done(summary: RestoreSummary) -> None:
        on_restored()
        _tell_restored(window, summary)

    run_operation(window, job, done, title="Restoring the database")


def backup_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(str(QSettings().value(FOLDER_KEY, documents or str(Path.home()))))


def confirm_restore(window: QWidget, space: Workspace, path: Path) -> bool:
    """Whether the user agrees to replace the database with the backup at ``path``."""
    from training.backup import database_file

    live = database_file(space)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Restore from backup")
    box.setText(
        f"Replace everything in the database {live.name if live else space.name} with what "
        f"the backup {path.name} holds?"
    )
    folder = f" in {live.parent}" if live else ""
    name = live.stem if live else "partnership"
    box.setInformativeText(
        "Every change made since the backup was taken will be replaced by what it holds. A "
        f"copy of the database as it is now is kept{folder}, as "
        f"{name}.before-restore-<date>-<time>.sqlite3, so that it can be restored in turn."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Ok).setText("&Restore")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Ok.value


def _allowed(window: QWidget, space: Workspace) -> bool:
    from training.backup import require_backup_allowed

    try:
        require_backup_allowed(space)
    except UserError as refused:
        show_error(window, refused)
        return False
    return True


def _tell_backed_up(window: QWidget, summary: BackupSummary) -> None:
    _inform(
        window,
        "Backed up",
        f"The database is backed up in {summary.path}.",
        f"The backup holds {summary.holdings}.\n\nTo put it back, choose Restore from backup "
        "in the File menu.",
    )


def _tell_restored(window: QWidget, summary: RestoreSummary) -> None:
    upgraded = (
        " It was made by an older version of this application and has been brought up to date."
        if summary.upgraded
        else ""
    )
    _inform(
        window,
        "Restored",
        f"The database is restored from {summary.restored_from.name}.{upgraded}",
        f"It now holds {summary.holdings}.\n\nThe database as it was before is kept in "
        f"{summary.kept}.",
    )


def _inform(window: QWidget, title: str, text: str, informative: str) -> None:
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    box.exec()
