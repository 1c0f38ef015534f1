"""What the staff page does with one person's personal data: export everything held about them
(a subject access request), and erase them on their request.

Only a coordinator may do either (the services refuse anyone else); ``may_handle_personal_data``
says whether to offer them at all.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QPalette
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QWidget

from training.access import Permission
from training.data_protection import (
    ErasedPerson,
    erase_person,
    export_person_record,
)
from training.progress import Cancelled, Progress
from ui.desktop.forms import FormDialog, Save
from ui.desktop.operations import run_operation
from ui.desktop.report_files import (
    FileKind,
    SavedFile,
    choose_save_path,
    file_name,
    write_through_temporary,
)

if TYPE_CHECKING:
    from training.staff import StaffView
    from training.workspace import Workspace

ERASE_TITLE = "Erase on request"
EXPORT_TITLE = "Export everything held"


def may_handle_personal_data(space: Workspace) -> bool:
    return space.user is not None and space.user.may(Permission.ADMINISTER)


def export_everything_held(
    parent: QWidget, space: Workspace, person: StaffView, on_saved: Callable[[SavedFile], None]
) -> None:
    """Ask where, then write everything held about ``person`` there (xlsx), off the GUI thread."""
    path = choose_save_path(
        parent,
        EXPORT_TITLE,
        file_name("Everything held about", person.full_name),
        FileKind.WORKBOOK,
    )
    if path is None:
        return

    def export(_progress: Progress, _cancelled: Cancelled) -> SavedFile:
        sheets = write_through_temporary(
            path, lambda partial: export_person_record(space.unit_of_work(), person.id, partial)
        )
        return SavedFile(Path(path), FileKind.WORKBOOK, sheets)

    run_operation(
        parent, export, on_saved, title=f"Exporting what is held about {person.full_name}"
    )


class EraseDialog(FormDialog):
    """Asks why, then (once the user confirms, naming the person) erases them."""

    def __init__(self, parent: QWidget | None, space: Workspace, person: StaffView) -> None:
        super().__init__(parent, ERASE_TITLE)
        self._space = space
        self.person = person
        self.confirmation: QMessageBox | None = None
        intro = QLabel(
            f"<b>{html.escape(person.full_name)}</b>'s name, email, staff reference and job title "
            "will be replaced for good, and cannot be brought back. Their training records "
            "stay, anonymous, so every return and report keeps its figures."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("e.g. Asked by letter dated 02/03/2026")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.reason.fontMetrics().lineSpacing() * 4 + 12)
        self.add_field("reason", "Reason:", self.reason)
        note = QLabel(
            "The reason is kept in the audit trail; their name, email and reference are taken "
            "out of it."
        )
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.form.addRow(note)
        erase = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        erase.setText("&Erase…")
        erase.setIcon(QIcon())  # not Save's floppy disk
        erase.setAccessibleName("Erase")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.setMinimumWidth(520)

    def accept(self) -> None:
        """Ask once more, naming the person; erase only on a clear yes."""
        if not self.reason.toPlainText().strip():
            self.show_problems({"reason": "is required: say why they are being erased"})
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            ERASE_TITLE,
            f"Erase {self.person.full_name} for good?",
            parent=self,
        )
        box.setInformativeText(
            "Their personal data is replaced at once, for everyone, and cannot be brought back."
        )
        erase = box.addButton(
            f"Erase {self.person.full_name}", QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is erase:
                super(EraseDialog, self).accept()

        box.finished.connect(answered)
        self.confirmation = box
        box.open()

    def save_job(self) -> Save:
        space, staff_id, reason = self._space, self.person.id, self.reason.toPlainText()
        return lambda: erase_person(space.unit_of_work(), staff_id, reason)


def erase_on_request(
    parent: QWidget, space: Workspace, person: StaffView, on_erased: Callable[[ErasedPerson], None]
) -> EraseDialog:
    """Open the erase dialog over ``parent``; ``on_erased`` runs once the person is erased."""
    dialog = EraseDialog(parent, space, person)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def erased() -> None:
        if isinstance(dialog.saved, ErasedPerson):
            on_erased(dialog.saved)

    dialog.accepted.connect(erased)
    dialog.open()
    return dialog
