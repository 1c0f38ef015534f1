"""File › Data protection: how long leavers' personal data is kept, who is due to be anonymised
now, and anonymising them.

The dialog opens with the saved retention period and today's leavers due (read in the
background); a changed period is saved with its own button, and the leavers due are then read
again. "Anonymise now" asks first, naming how many people, then anonymises them all in one
transaction with a progress dialog that can cancel it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from training.data_protection import (
    MAX_RETENTION_YEARS,
    MIN_RETENTION_YEARS,
    AnonymisedLeavers,
    LeaverDue,
    LeaversDue,
    RetentionPolicy,
    anonymise_leavers,
    leavers_due,
    set_retention_policy,
)
from training.errors import ConflictError, UserError, ValidationError
from training.progress import Cancelled, Progress
from ui.desktop.error_dialogs import show_error
from ui.desktop.forms import problem_label, sentence
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.table_models import Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, table_view

if TYPE_CHECKING:
    from training.workspace import Workspace

TITLE = "Data protection"
NO_DATABASE = (
    "No database is open, so there is no personal data to look after: open one with File › "
    "Open database…, then choose File › Data protection again."
)
AGENCIES_NAMED = 3  # the agencies with most leavers due, named in the summary
LEAVER_COLUMNS: list[Column[LeaverDue]] = [
    Column("Name", lambda p: p.name),
    Column("Agency", lambda p: p.agency),
    Column("Left", lambda p: p.leave_date),
]


def people(count: int) -> str:
    return f"{count:,} {'leaver' if count == 1 else 'leavers'}"


def due_text(due: LeaversDue) -> str:
    """What the preview says: how many are due, since when, and per agency."""
    if not due.total:
        return (
            f"No one is due: everyone who left on or before {due.left_by:%d/%m/%Y} has been "
            "anonymised already."
        )
    most = sorted(due.by_agency, key=lambda pair: (-pair[1], pair[0]))[:AGENCIES_NAMED]
    named = ", ".join(f"{agency} {count:,}" for agency, count in most)
    if len(due.by_agency) > len(most):
        named = f"most from {named}; {len(due.by_agency)} agencies in all"
    return (
        f"{people(due.total)} who left on or before {due.left_by:%d/%m/%Y} "
        f"{'is' if due.total == 1 else 'are'} due to be anonymised ({named})."
    )


class DataProtectionDialog(QDialog):
    def __init__(self, parent: QWidget | None, space: Workspace) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self._space = space
        self.due: LeaversDue | None = None
        self.confirmation: QMessageBox | None = None

        intro = QLabel(
            "Leavers' personal data is kept for the retention period after the day they leave, "
            "then anonymised: their name, email, staff reference and job title are replaced, "
            "and the notes and comments of their records cleared. Their training records stay, "
            "so every return and report keeps its figures."
        )
        intro.setWordWrap(True)
        self.years = QSpinBox()
        self.years.setRange(MIN_RETENTION_YEARS, MAX_RETENTION_YEARS)
        self.years.setAccessibleName("Retention period in years")
        self.years.valueChanged.connect(self._years_changed)
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName("Save the retention period")
        self.save_button.clicked.connect(self.save_years)
        self.years_problem = problem_label("Problem with the retention period")

        self.summary = QLabel("Loading…")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Leavers due")
        self.leavers = ColumnTableModel(LEAVER_COLUMNS, self)
        self.table = table_view(
            self.leavers, "Leavers due to be anonymised", sortable=False, stretch_column=1
        )
        self.table.setMinimumHeight(200)
        self.more = QLabel()
        self.more.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.anonymise_button = QPushButton("&Anonymise now…")
        self.anonymise_button.setAccessibleName("Anonymise the leavers due now")
        self.anonymise_button.clicked.connect(self.confirm_anonymise)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("What was done")
        self.notice.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._retention_box())
        layout.addWidget(self._leavers_box(), 1)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        self.setMinimumSize(720, 540)

        self._query = LatestQuery(self)
        self._saved_years: int | None = None
        self._busy = True
        self._years_changed()
        self.reload()

    def _retention_box(self) -> QGroupBox:
        box = QGroupBox("Retention period")
        row = QHBoxLayout()
        label = QLabel("&Keep leavers' personal data for")
        label.setBuddy(self.years)
        row.addWidget(label)
        row.addWidget(self.years)
        row.addWidget(self.save_button)
        row.addStretch(1)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        layout.addWidget(self.years_problem)
        return box

    def _leavers_box(self) -> QGroupBox:
        box = QGroupBox("Leavers due now")
        bottom = QHBoxLayout()
        bottom.addWidget(self.more, 1)
        bottom.addWidget(self.anonymise_button)
        layout = QVBoxLayout(box)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        return box

    # --- reading ----------------------------------------------------------------------------

    def reload(self) -> None:
        space, today = self._space, dt.date.today()
        self._busy = True
        self._enable()
        self._query.run(
            lambda: leavers_due(space.unit_of_work(), today), self.show_due, on_failed=self._unread
        )

    def show_due(self, due: LeaversDue) -> None:
        self.due = due
        self._busy = False
        if self._saved_years is None or self.years.value() == self._saved_years:
            self.years.setValue(due.policy.years)
        self._saved_years = due.policy.years
        self.summary.setText(due_text(due))
        self.leavers.set_rows(due.people)
        fit_columns(self.table)
        self.more.setText(
            f"…and {people(due.not_named)} more, who left later." if due.not_named else ""
        )
        self._enable()

    def _years_changed(self) -> None:
        self.years.setSuffix(
            " year after leaving" if self.years.value() == 1 else " years after leaving"
        )
        self._enable()

    def _unread(self, _error: BaseException) -> None:
        self.reject()  # the user was told why in a dialog; there is nothing to show

    def _enable(self) -> None:
        unsaved = self._saved_years is not None and self.years.value() != self._saved_years
        self.years.setEnabled(not self._busy)
        self.save_button.setEnabled(not self._busy and unsaved)
        has_due = self.due is not None and self.due.total > 0
        self.anonymise_button.setEnabled(not self._busy and not unsaved and has_due)
        self.anonymise_button.setToolTip(
            "Save the retention period first: leavers are anonymised under the saved one."
            if unsaved
            else ""
        )

    # --- the retention period --------------------------------------------------------------

    def save_years(self) -> None:
        space, years, seen = self._space, self.years.value(), self._saved_years
        self.years_problem.hide()
        self._busy = True
        self._enable()

        def save(_progress: Progress, _cancelled: Cancelled) -> RetentionPolicy:
            return set_retention_policy(space.unit_of_work(), years, seen=seen)

        run_operation(
            self,
            save,
            self._years_saved,
            title="Saving the retention period",
            on_failed=self._years_refused,
            shown_by_caller=(ValidationError, ConflictError),
        )

    def _years_saved(self, policy: RetentionPolicy) -> None:
        self._saved_years = policy.years
        self._tell(f"Saved: leavers' personal data is kept for {policy}.")
        self.reload()

    def _years_refused(self, error: BaseException) -> None:
        self._busy = False
        if isinstance(error, ValidationError):
            self.years_problem.setText(sentence("; ".join(error.problems.values())))
        else:
            self.years_problem.setText(str(error))
        self.years_problem.show()
        self._enable()
        if isinstance(error, ConflictError):
            self._saved_years = None  # show the period someone else saved
            self.reload()

    # --- anonymising -----------------------------------------------------------------------

    def confirm_anonymise(self) -> None:
        """Ask first, naming how many people and what cannot be undone."""
        due = self.due
        if due is None or not due.total:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Anonymise leavers",
            f"Anonymise {people(due.total)} now?",
            parent=self,
        )
        box.setInformativeText(
            f"Everyone who left on or before {due.left_by:%d/%m/%Y} loses their name, email, "
            "staff reference and job title for good: it cannot be undone. Their training "
            "records stay, so every count stays right."
        )
        anonymise = box.addButton(
            f"Anonymise {people(due.total)}", QMessageBox.ButtonRole.DestructiveRole
        )
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is anonymise:
                self._anonymise(due.on)

        box.finished.connect(answered)
        self.confirmation = box
        box.open()

    def _anonymise(self, on: dt.date) -> None:
        space = self._space
        self._busy = True
        self._enable()

        def anonymise(progress: Progress, cancelled: Cancelled) -> AnonymisedLeavers:
            return anonymise_leavers(
                space.unit_of_work(), on, progress=progress, cancelled=cancelled
            )

        run_operation(
            self,
            anonymise,
            self._anonymised,
            title="Anonymising leavers",
            cancellable=True,
            on_failed=lambda _error: self.reload(),
        )

    def _anonymised(self, done: AnonymisedLeavers) -> None:
        self._tell(str(done))
        self.reload()

    def _tell(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()


def open_data_protection(
    parent: QWidget, space: Workspace | None, on_changed: Callable[[], None] = lambda: None
) -> DataProtectionDialog | None:
    """Open the dialog over ``parent``; ``on_changed`` runs when it closes (the pages may show
    people who are now anonymised)."""
    if space is None:
        show_error(parent, UserError(NO_DATABASE))
        return None
    dialog = DataProtectionDialog(parent, space)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: on_changed())
    dialog.open()
    return dialog
