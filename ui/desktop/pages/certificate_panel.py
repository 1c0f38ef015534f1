"""Certificates on the reports page: choose a session (everyone who attended) or one person's
attended record, then preview, print or save the certificates as PDF.

The certificates are issued once, when first asked for (``training.certificates``: reprints keep
their number), and written to a PDF in a temporary folder; the preview, the printer and "Save
PDF…" all use that same file until another choice is made or the page reloads.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTemporaryDir, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from exports.certificates import write_certificates
from training.certificate_choices import (
    CHOICES_SHOWN,
    AttendedRecord,
    SessionAttended,
    attended_records,
    sessions_attended,
)
from training.certificates import (
    CertificateBatch,
    attendance_certificate,
    record_printed,
    session_certificates,
)
from training.errors import UserError
from training.progress import Cancelled, CancelledByUser, Progress
from training.workspace import Workspace
from ui.desktop.error_dialogs import show_error
from ui.desktop.operations import run_operation
from ui.desktop.pages.certificate_printing import (
    certificate_printer,
    load_pdf,
    preview_dialog,
    print_with_dialog,
)
from ui.desktop.pages.choice_list import ChoiceList
from ui.desktop.pages.report_panel import muted_label
from ui.desktop.report_files import (
    FileKind,
    choose_save_path,
    file_date,
    file_name,
    write_through_temporary,
)
from ui.desktop.table_models import Column

SESSION_COLUMNS: list[Column[SessionAttended]] = [
    Column("Date", lambda s: s.starts_at.date()),
    Column("Course", lambda s: f"{s.course_code}: {s.course_title}"),
    Column("Venue", lambda s: s.venue),
    Column("Trainer", lambda s: s.trainer),
    Column("Attended", lambda s: s.attended),
    Column("Issued", lambda s: s.issued),
]
RECORD_COLUMNS: list[Column[AttendedRecord]] = [
    Column("Learner", lambda r: r.learner),
    Column("Agency", lambda r: r.agency),
    Column("Course", lambda r: f"{r.course_code}: {r.course_title}"),
    Column("Completed", lambda r: r.completed_on),
    Column("Certificate", lambda r: r.certificate_number or "not issued yet"),
]


@dataclass(frozen=True)
class CertificateChoice:
    """What to print: everyone who attended a session, or one attended record."""

    session_id: int | None
    attendance_id: int | None
    file_name: str

    def issue(self, space: Workspace) -> CertificateBatch:
        if self.session_id is not None:
            return session_certificates(space.unit_of_work(), self.session_id)
        assert self.attendance_id is not None  # one or the other, by construction
        return attendance_certificate(space.unit_of_work(), self.attendance_id)


@dataclass(frozen=True)
class PrintableCertificates:
    """The certificates of a choice, issued, and written to a temporary PDF."""

    choice: CertificateChoice
    batch: CertificateBatch
    pdf: Path
    warnings: tuple[str, ...]

    @property
    def ids(self) -> list[int]:
        return [c.certificate_id for c in self.batch.certificates]


def count_text(count: int) -> str:
    return f"{count:,} certificate{'' if count == 1 else 's'}"


def issued_text(batch: CertificateBatch) -> str:
    """ "3 certificates: 1 issued now, 2 issued before (reprints keep their numbers)"."""
    new = sum(c.newly_issued for c in batch.certificates)
    before = len(batch.certificates) - new
    parts = [f"{new:,} issued now"] if new else []
    if before:
        parts.append(f"{before:,} issued before (reprints keep their numbers)")
    return f"{count_text(len(batch.certificates))}: {', '.join(parts)}."


def write_printable(
    space: Workspace, choice: CertificateChoice, pdf: Path, progress: Progress, cancelled: Cancelled
) -> PrintableCertificates:
    """Issue the choice's certificates (or find them again) and write them to ``pdf``."""
    progress(0, 0, "Issuing the certificates")
    batch = choice.issue(space)

    def page_done(done: int, total: int) -> None:
        progress(done, total, "Writing the certificates")
        if cancelled():
            raise CancelledByUser()

    written = write_certificates(pdf, batch.certificates, batch.settings, page_done)
    return PrintableCertificates(choice, batch, pdf, written.warnings)


class CertificatesPanel(QWidget):
    """Choose, then preview, print or save certificates."""

    title = "Certificates"
    description = (
        "Certificates for everyone who attended a session, or for one person's attended record. "
        "A certificate is issued the first time it is previewed, printed or saved; reprints "
        "keep its number and verification code."
    )
    told = Signal(str, object)  # what was done, and the file saved (a Path) or None

    def __init__(self, space: Callable[[], Workspace], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.title)
        self._space = space
        self.printer = certificate_printer()
        self._folder = QTemporaryDir()
        self._files = itertools.count(1)
        self._printable: PrintableCertificates | None = None

        self.by_session = QRadioButton("Everyone who attended a &session")
        self.by_person = QRadioButton("One p&erson's record")
        self.by_session.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.by_session)
        kinds.addButton(self.by_person)
        self.by_session.toggled.connect(self._kind_changed)

        self.sessions = ChoiceList(
            SESSION_COLUMNS,
            lambda space, search: sessions_attended(space.unit_of_work(), search),
            lambda s: s.session_id,
            placeholder="Search by course, venue or trainer",
            name="sessions",
            stretch_column=1,
            limit=CHOICES_SHOWN,
        )
        self.records = ChoiceList(
            RECORD_COLUMNS,
            lambda space, search: attended_records(space.unit_of_work(), search),
            lambda r: r.attendance_id,
            placeholder="Search by name, staff reference, email or course code",
            name="attended records",
            stretch_column=2,
            limit=CHOICES_SHOWN,
        )
        self.lists = QStackedWidget()
        for choices in (self.sessions, self.records):
            self.lists.addWidget(choices)
            choices.chosen_changed.connect(self._enable_buttons)
            choices.activated.connect(self.preview)

        self.preview_button = QPushButton("Previe&w…")
        self.preview_button.setAccessibleName("Preview the certificates")
        self.preview_button.clicked.connect(self.preview)
        self.print_button = QPushButton("P&rint…")
        self.print_button.setAccessibleName("Print the certificates")
        self.print_button.clicked.connect(self.print_certificates)
        self.save_button = QPushButton("Save &PDF…")
        self.save_button.setAccessibleName("Save the certificates as PDF")
        self.save_button.clicked.connect(self.save)

        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel("Certificates for:"))
        kind_row.addWidget(self.by_session)
        kind_row.addWidget(self.by_person)
        kind_row.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.preview_button, self.print_button, self.save_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(muted_label(self.description, "About the certificates"))
        layout.addLayout(kind_row)
        layout.addWidget(self.lists, 1)
        layout.addLayout(buttons)
        self._enable_buttons()

    @property
    def space(self) -> Workspace:
        return self._space()

    @property
    def choices(self) -> ChoiceList[SessionAttended] | ChoiceList[AttendedRecord]:
        return self.sessions if self.by_session.isChecked() else self.records

    def reload(self) -> None:
        """List the sessions and records again; certificates are issued again when asked for."""
        self._forget_printable()
        self.sessions.load(self.space)
        self.records.load(self.space)

    def _kind_changed(self) -> None:
        self.lists.setCurrentWidget(self.choices)
        self._enable_buttons()

    def _enable_buttons(self) -> None:
        chosen = self.chosen() is not None
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(chosen)

    def chosen(self) -> CertificateChoice | None:
        chosen = self.choices.chosen
        if isinstance(chosen, SessionAttended):
            name = file_name("Certificates", chosen.course_code, file_date(chosen.starts_at))
            return CertificateChoice(chosen.session_id, None, name)
        if isinstance(chosen, AttendedRecord):
            name = file_name("Certificate", chosen.learner, chosen.course_code)
            return CertificateChoice(None, chosen.attendance_id, name)
        return None

    # --- issuing once, then previewing, printing or saving the same PDF ---------------------

    def _with_printable(self, then: Callable[[PrintableCertificates], None]) -> None:
        choice = self.chosen()
        if choice is None:
            return
        if self._printable is not None and self._printable.choice == choice:
            then(self._printable)
            return
        space = self.space
        pdf = Path(self._folder.path()) / f"certificates-{next(self._files)}.pdf"

        def job(progress: Progress, cancelled: Cancelled) -> PrintableCertificates:
            return write_printable(space, choice, pdf, progress, cancelled)

        def issued(printable: PrintableCertificates) -> None:
            self._keep(printable)
            then(printable)

        run_operation(self, job, issued, title="Issuing the certificates", cancellable=True)

    def _keep(self, printable: PrintableCertificates) -> None:
        self._forget_printable()
        self._printable = printable
        if any(c.newly_issued for c in printable.batch.certificates):
            self.sessions.reload()  # their counts of certificates issued have changed
            self.records.reload()

    def _forget_printable(self) -> None:
        if self._printable is not None:
            self._printable.pdf.unlink(missing_ok=True)
            self._printable = None

    def _tell(self, done: str, printable: PrintableCertificates, path: Path | None = None) -> None:
        """Say what was done, how many certificates were issued now, and any warning."""
        said = (done, issued_text(printable.batch), *printable.warnings)
        self.told.emit(" ".join(part for part in said if part), path)

    def _document(self, printable: PrintableCertificates) -> QPdfDocument | None:
        try:
            return load_pdf(printable.pdf, self)
        except UserError as error:
            show_error(self, error)
            return None

    def preview(self) -> None:
        self._with_printable(self._preview)

    def _preview(self, printable: PrintableCertificates) -> None:
        document = self._document(printable)
        if document is None:
            return
        self.printer.setFromTo(0, 0)
        dialog = preview_dialog(self, document, self.printer)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
            document.close()
            document.deleteLater()
        self._tell("", printable)

    def print_certificates(self) -> None:
        self._with_printable(self._print)

    def _print(self, printable: PrintableCertificates) -> None:
        document = self._document(printable)
        if document is None:
            return
        try:
            pages = print_with_dialog(self, document, self.printer)
        finally:
            document.close()
            document.deleteLater()
        if not pages:
            return
        where = self.printer.outputFileName() or self.printer.printerName() or "the printer"
        space, ids = self.space, printable.ids

        def count_printing(_progress: Progress, _cancelled: Cancelled) -> None:
            record_printed(space.unit_of_work(), ids)

        run_operation(
            self,
            count_printing,
            lambda _none: self._tell(f"{pages:,} pages sent to {where}.", printable),
            title="Counting the certificates printed",
        )

    def save(self) -> None:
        choice = self.chosen()
        if choice is None:
            return
        path = choose_save_path(self, "Save the certificates", choice.file_name, FileKind.PDF)
        if path is not None:
            self._with_printable(lambda printable: self._save(printable, path))

    def _save(self, printable: PrintableCertificates, path: Path) -> None:
        space = self.space

        def job(_progress: Progress, _cancelled: Cancelled) -> None:
            def copy(partial: Path) -> int:
                shutil.copyfile(printable.pdf, partial)
                return len(printable.batch.certificates)

            write_through_temporary(path, copy)
            record_printed(space.unit_of_work(), printable.ids)

        run_operation(
            self,
            job,
            lambda _none: self._tell(f"Saved {path.name} in {path.parent}.", printable, path),
            title="Saving the certificates",
        )
