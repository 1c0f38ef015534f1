"""The import wizard's last pages: every row of the file checked, then what was saved.

Nothing is written until the user presses Import on the preview; the commit runs off the GUI
thread as one transaction. The rejected rows can be saved as an xlsx to send back.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from training.errors import UserError
from training.imports.candidates import ImportKind
from training.imports.importing import (
    ImportPreview,
    ImportSummary,
    Outcome,
    commit_import,
    preview_import,
)
from training.imports.rejects import export_rejected_rows
from training.progress import Cancelled, CancelledByUser, Progress
from ui.desktop.import_rows import (
    CLASS_COLUMN,
    PreviewRowsModel,
    count_chip,
    count_text,
    outcome_text,
    result_column,
    result_reason,
)
from ui.desktop.operations import run_operation
from ui.desktop.table_models import SORT_ROLE
from ui.desktop.widgets import fit_columns, table_view

if TYPE_CHECKING:
    from ui.desktop.import_wizard import ImportWizard

REJECTS_FILTER = "Excel workbook (*.xlsx)"
KIND_NAMES = {
    ImportKind.ATTENDANCE: "attendance",
    ImportKind.ELEARNING: "e-learning completions",
    ImportKind.STAFF: "staff list",
}


class PreviewPage(QWizardPage):
    """Every row of the file with its class; Import saves the new and changed ones."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._busy = False
        self._runs = 0  # only the latest check's result is shown (Back, then Next, runs anew)
        self.setTitle("Check every row")
        self.setSubTitle(
            "Nothing has been saved yet. Import saves the new and changed rows as one import, "
            "which the Imports page can undo."
        )
        self.setCommitPage(True)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.chips = {outcome: count_chip(outcome) for outcome in Outcome}
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.rows = PreviewRowsModel(self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.rows)
        self.filtered.setFilterKeyColumn(CLASS_COLUMN)
        self.filtered.setSortRole(SORT_ROLE)
        self.table = table_view(self.filtered, "Rows of the file", sortable=True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.errors_only = QCheckBox("Show only the &rejected rows")
        self.errors_only.toggled.connect(self._filter)
        self.save_rejects_button = QPushButton("&Save rejected rows…")
        self.save_rejects_button.clicked.connect(self.save_rejected_rows)
        self.saved_note = QLabel()
        self.saved_note.setAccessibleName("Rejected rows saved")
        self.row_detail = QLabel("Choose a row to read its reason in full.")
        self.row_detail.setAccessibleName("The chosen row")
        self.row_detail.setWordWrap(True)
        self.row_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_row)

        counts = QHBoxLayout()
        for chip in self.chips.values():
            counts.addWidget(chip)
        counts.addStretch(1)
        tools = QHBoxLayout()
        tools.addWidget(self.errors_only)
        tools.addStretch(1)
        tools.addWidget(self.saved_note)
        tools.addWidget(self.save_rejects_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        layout.addLayout(counts)
        layout.addWidget(self.note)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_detail)

    def initializePage(self) -> None:
        self._clear()
        choice, mapping = self._wizard.choice, self._wizard.columns_page.mapping()
        assert choice is not None
        self._runs += 1
        this_run = self._runs
        self._set_busy(True)
        space = self._wizard.space
        self.headline.setText(f"Checking every row of {choice.path.name}…")

        def check(progress: Progress, cancelled: Cancelled) -> ImportPreview:
            return preview_import(
                space.unit_of_work(),
                choice.path,
                choice.kind,
                choice.agency,
                session_id=choice.session_id,
                course=choice.course,
                create_people=choice.create_people,
                mapping=mapping,  # None: a column not to read
                progress=progress,
                cancelled=cancelled,
            )

        def show(preview: ImportPreview) -> None:
            if this_run == self._runs:
                self._show(preview)

        def failed(error: BaseException) -> None:
            if this_run == self._runs:
                self._failed(error)

        run_operation(
            self._wizard,
            check,
            show,
            title=f"Checking {choice.path.name}",
            cancellable=True,
            on_failed=failed,
            shown_by_caller=(UserError,),
        )

    def cleanupPage(self) -> None:
        self._runs += 1  # a check under way shows nothing now
        self._set_busy(False)
        self._clear()

    def _clear(self) -> None:
        self._wizard.preview = None
        self.rows.set_rows([])
        self.errors_only.setChecked(False)
        self.saved_note.clear()
        self.note.clear()
        self.note.hide()
        self._show_row(QModelIndex())
        for chip in self.chips.values():
            chip.hide()
        self.save_rejects_button.setEnabled(False)

    def _show(self, preview: ImportPreview) -> None:
        self._wizard.preview = preview
        self._set_busy(False)
        columns = preview.columns
        self.headline.setText(
            f"{preview.file.name}: {KIND_NAMES[preview.kind]} for {preview.agency}, sheet "
            f"“{preview.sheet}”, headings in row {columns.header_row}."
        )
        counts = preview.counts
        for outcome, chip in self.chips.items():
            chip.setText(count_text(outcome, counts[outcome.value]))
            chip.show()
        self.rows.set_rows(preview.results)
        fit_columns(self.table)
        writes = counts[Outcome.NEW.value] + counts[Outcome.UPDATE.value]
        notes = []
        if preview.already_imported_as is not None:
            notes.append(
                f"This file was imported before (import {preview.already_imported_as}): "
                "what it recorded then shows as duplicates."
            )
        if not writes:
            notes.append("Nothing to import: no row adds or changes a record.")
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))
        self.setButtonText(
            QWizard.WizardButton.CommitButton,
            f"&Import {writes:,} row{'s' if writes != 1 else ''}",
        )
        self.save_rejects_button.setEnabled(bool(preview.errors))
        self.completeChanged.emit()

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, CancelledByUser):
            self._wizard.back()
        elif isinstance(error, UserError):
            self._wizard.refuse(error)
        else:  # already shown to the user in a dialog
            self._wizard.back()

    def _show_row(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.row_detail.setText("Choose a row to read its reason in full.")
            return
        result = self.rows.row_at(self.filtered.mapToSource(current))
        column = result_column(result)
        where = f"Row {result.row}" + (f", column “{column}”" if column else "")
        self.row_detail.setText(f"{where}: {outcome_text(result.outcome)}. {result_reason(result)}")

    def _filter(self, errors_only: bool) -> None:
        self.filtered.setFilterFixedString("Error" if errors_only else "")

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.completeChanged.emit()  # the wizard sets its buttons anew: Back, too
        if busy:
            self._wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)

    def isComplete(self) -> bool:
        preview = self._wizard.preview
        if self._busy or preview is None:
            return False
        counts = preview.counts
        return counts[Outcome.NEW.value] + counts[Outcome.UPDATE.value] > 0

    def validatePage(self) -> bool:
        """Import saves (off the GUI thread), then moves on to the summary."""
        if self._wizard.summary is not None:
            return True
        preview = self._wizard.preview
        if preview is None or self._busy:
            return False
        self._commit(preview)
        return False

    def _commit(self, preview: ImportPreview) -> None:
        self._set_busy(True)
        self._wizard.writing = True
        space = self._wizard.space

        def save(progress: Progress, _cancelled: Cancelled) -> ImportSummary:
            return commit_import(space.unit_of_work(), preview, progress=progress)

        def saved(summary: ImportSummary) -> None:
            self._wizard.writing = False
            self._wizard.summary = summary
            self._set_busy(False)
            self._wizard.imported.emit(summary)
            self._wizard.next()

        def failed(_error: BaseException) -> None:
            self._wizard.writing = False
            self._set_busy(False)

        run_operation(self._wizard, save, saved, title="Importing", on_failed=failed)

    def save_rejected_rows(self) -> None:
        if (preview := self._wizard.preview) is not None:
            save_rejected_rows(self, preview, self.saved_note)


class DonePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle("Imported")
        self.setSubTitle("The import is saved. Press Finish to see it on the Imports page.")
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("What was imported")
        self.save_rejects_button = QPushButton("&Save rejected rows…")
        self.save_rejects_button.clicked.connect(self.save_rejected_rows)
        self.saved_note = QLabel()
        self.saved_note.setAccessibleName("Rejected rows saved")
        row = QHBoxLayout()
        row.addWidget(self.save_rejects_button)
        row.addWidget(self.saved_note, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.outcome)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary, preview = self._wizard.summary, self._wizard.preview
        assert summary is not None and preview is not None
        lines = [str(summary)]
        if summary.batch_id is not None:
            lines.append("To take it back, choose it on the Imports page and press “Undo import…”.")
        if summary.rejected:
            lines.append(
                f"Save the rejected rows to send them back to {preview.agency}: each has its "
                "problem beside it."
            )
        self.outcome.setText("\n\n".join(lines))
        self.save_rejects_button.setVisible(bool(summary.rejected))

    def save_rejected_rows(self) -> None:
        if (preview := self._wizard.preview) is not None:
            save_rejected_rows(self, preview, self.saved_note)


def save_rejected_rows(parent: QWidget, preview: ImportPreview, note: QLabel) -> None:
    """Ask where, then write the rejected rows (off the GUI thread); ``note`` says where."""
    suggested = preview.file.with_name(f"{preview.file.stem} - rejected rows.xlsx")
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save the rejected rows", str(suggested), REJECTS_FILTER
    )
    if not chosen:
        return
    path = Path(chosen if chosen.lower().endswith(".xlsx") else f"{chosen}.xlsx")

    def write(_progress: Progress, _cancelled: Cancelled) -> int:
        return export_rejected_rows(preview, path)

    def written(count: int) -> None:
        note.setText(f"{count:,} rejected row{'s' if count != 1 else ''} saved to {path.name}")
        note.setToolTip(str(path))

    run_operation(parent, write, written, title="Saving the rejected rows")
