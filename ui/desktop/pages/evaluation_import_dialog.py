"""Importing an evaluation form's responses (a form tool's export) onto a session, in one dialog.

Choosing the file, the session or what a column holds checks every row again off the GUI
thread; the dialog shows what each column is read as and every row as new, duplicate, skipped
or error. Nothing is saved until Import, which saves the new responses as one import (undone
on the Imports page) and tells the page through ``imported``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSettings, QSignalBlocker, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from training.errors import UserError
from training.evaluation_import.columns import EvaluationField, QuestionColumn, match_columns
from training.evaluation_import.export_file import QuestionsNotFound
from training.evaluation_import.importing import (
    EvaluationImportSummary,
    EvaluationPreview,
    commit_evaluations,
    export_rejected_responses,
    preview_evaluations,
)
from training.imports.results import Outcome
from training.progress import Cancelled, CancelledByUser, Progress
from training.quality import SessionChoice
from training.workspace import Workspace
from ui.desktop.forms import problem_label, sentence
from ui.desktop.import_file_page import SPREADSHEET_FILTER, refusal_problems
from ui.desktop.import_preview_page import REJECTS_FILTER
from ui.desktop.import_rows import count_chip, count_text, outcome_text
from ui.desktop.layout_memory import remember_splitter
from ui.desktop.operations import run_operation
from ui.desktop.pages.evaluation_import_rows import (
    CLASS_COLUMN,
    COMMENTS_COLUMN,
    REASON_COLUMN,
    ResponseRowsModel,
    reason_text,
)
from ui.desktop.pages.quality_dialogs import session_box
from ui.desktop.table_models import SORT_ROLE
from ui.desktop.widgets import fit_columns, table_view

FOLDER_KEY = "evaluations/folder"
NOT_READ = "Not read"
REASON_WIDTH = 240  # pixels: the comments beside it have the rest; the row's note has it all
CHIPS = (Outcome.NEW, Outcome.DUPLICATE, Outcome.SKIPPED, Outcome.ERROR)
CHOOSE_FIRST = (
    "Choose the file a form tool exported: each row one response, each question a column."
)


def field_combo(column: QuestionColumn) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(f"What “{column.header}” holds")
    combo.addItem(NOT_READ, "")
    for field in EvaluationField:
        combo.addItem(sentence(field.value), field.value)
    combo.setCurrentIndex(max(combo.findData(column.field.value if column.field else ""), 0))
    return combo


def combo_field(combo: QComboBox) -> EvaluationField | None:
    value = combo.currentData()
    return EvaluationField(value) if value else None


class EvaluationImportDialog(QDialog):
    """The export's file, the session it is about, its columns, and every row checked."""

    imported = Signal(object)  # the EvaluationImportSummary, once saved

    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        sessions: Sequence[SessionChoice],
        session_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import evaluations")
        self.setAccessibleName("Import evaluations")
        self._space = space
        self._runs = 0  # only the latest check's result is shown
        self._busy = False
        self.path: Path | None = None
        self.preview: EvaluationPreview | None = None
        self.summary: EvaluationImportSummary | None = None
        self.combos: dict[str, QComboBox] = {}  # heading -> what it holds

        self.file_edit = QLineEdit()
        self.file_edit.setReadOnly(True)
        self.file_edit.setPlaceholderText("An Excel workbook (.xlsx) or a CSV file")
        self.file_edit.setAccessibleName("Export file")
        self.choose_button = QPushButton("&Choose file…")
        self.choose_button.clicked.connect(self.choose_file)
        self.session = session_box(sessions, session_id)
        self.session.setAccessibleName("Session")
        self.session.currentIndexChanged.connect(lambda _index: self.check())
        self.anonymous = QCheckBox("Keep every response &anonymous (ignore email addresses)")
        self.anonymous.toggled.connect(lambda _on: self.check())
        self.refusal = problem_label("Why the file cannot be imported")
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.headline = QLabel(CHOOSE_FIRST if sessions else "No sessions held in the period.")
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("What the file holds")

        self.columns_table = self._columns_table()
        self.chips = {outcome: count_chip(outcome) for outcome in CHIPS}
        self.rows = ResponseRowsModel(self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.rows)
        self.filtered.setFilterKeyColumn(CLASS_COLUMN)
        self.filtered.setSortRole(SORT_ROLE)
        self.rows_table = table_view(
            self.filtered, "Responses in the file", sortable=True, stretch_column=COMMENTS_COLUMN
        )
        self.rows_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.rows_table.selectionModel().currentRowChanged.connect(self._show_row)
        self.errors_only = QCheckBox("Show only the &rejected rows")
        self.errors_only.toggled.connect(self._filter)
        self.save_rejects_button = QPushButton("Sa&ve rejected rows…")
        self.save_rejects_button.clicked.connect(self.save_rejected_rows)
        self.saved_note = QLabel()
        self.saved_note.setAccessibleName("Rejected rows saved")
        self.row_detail = QLabel()
        self.row_detail.setAccessibleName("The chosen row")
        self.row_detail.setWordWrap(True)
        self.row_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._clear()
        self.resize(1240, 760)
        self.choose_button.setFocus()

    # --- layout ---------------------------------------------------------------------------

    def _columns_table(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setAccessibleName("Columns of the file")
        table.setHorizontalHeaderLabels(["Question (column heading)", "Read as", "Labels read as"])
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        widest = field_combo(QuestionColumn(0, "", None)).sizeHint().width()  # every field listed
        header.resizeSection(1, widest + 8)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        return table

    def _lay_out(self) -> None:
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.choose_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("File:", file_row)
        form.addRow("&Session:", self.session)
        form.addRow("", self.anonymous)

        columns = QGroupBox(
            "Columns: what each question is read as (choose another where it is wrong)"
        )
        column_layout = QVBoxLayout(columns)
        column_layout.addWidget(self.columns_table)
        responses = QGroupBox("Responses")
        counts = QHBoxLayout()
        for chip in self.chips.values():
            counts.addWidget(chip)
        counts.addStretch(1)
        counts.addWidget(self.errors_only)
        counts.addWidget(self.saved_note)
        counts.addWidget(self.save_rejects_button)
        response_layout = QVBoxLayout(responses)
        response_layout.addLayout(counts)
        response_layout.addWidget(self.rows_table, 1)
        response_layout.addWidget(self.row_detail)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(columns)
        split.addWidget(responses)
        split.setStretchFactor(1, 2)
        remember_splitter(split, "evaluation_import_dialog", "columns_and_responses")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.refusal)
        layout.addWidget(self.headline)
        layout.addWidget(split, 1)
        layout.addWidget(self.buttons)

    # --- choosing -------------------------------------------------------------------------

    def choose_file(self) -> None:
        settings = QSettings()
        folder = str(settings.value(FOLDER_KEY, str(Path.home())))
        chosen, _ = QFileDialog.getOpenFileName(
            self, "Choose the evaluation form's export", folder, SPREADSHEET_FILTER
        )
        if chosen:
            settings.setValue(FOLDER_KEY, str(Path(chosen).parent))
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Read this export (its columns as the wording says) and check every row."""
        self.path = path
        self.file_edit.setText(str(path))
        self.combos = {}
        self.check()

    def _choices(self) -> dict[str, EvaluationField | None] | None:
        """What the user has the columns read as (None: nothing chosen, the wording decides)."""
        if not self.combos:
            return None
        return {heading: combo_field(combo) for heading, combo in self.combos.items()}

    def _field_chosen(self, heading: str) -> None:
        field = combo_field(self.combos[heading])
        if field is not None and field is not EvaluationField.COMMENTS:
            for other, combo in self.combos.items():  # the field comes from one column only
                if other != heading and combo_field(combo) is field:
                    with QSignalBlocker(combo):
                        combo.setCurrentIndex(0)
        self.check()

    def set_field(self, heading: str, field: EvaluationField | None) -> None:
        """Choose what the column of this heading holds (and check every row again)."""
        combo = self.combos[heading]
        combo.setCurrentIndex(combo.findData(field.value if field else ""))

    # --- checking -------------------------------------------------------------------------

    def check(self) -> None:
        """Check every row of the file against the chosen session, off the GUI thread."""
        session_id = self.session.currentData()
        if self.path is None or session_id is None or self.summary is not None:
            return
        self._runs += 1
        this_run = self._runs
        path, choices, anonymous, space = (
            self.path,
            self._choices(),
            self.anonymous.isChecked(),
            self._space,
        )
        self._set_busy(True)
        self.headline.setText(f"Checking every row of {path.name}…")

        def job(progress: Progress, cancelled: Cancelled) -> EvaluationPreview:
            return preview_evaluations(
                space.unit_of_work(),
                path,
                session_id,
                choices=choices,
                anonymous=anonymous,
                progress=progress,
                cancelled=cancelled,
            )

        def show(preview: EvaluationPreview) -> None:
            if this_run == self._runs:
                self._show(preview)

        def failed(error: BaseException) -> None:
            if this_run == self._runs:
                self._failed(path, error)

        run_operation(
            self,
            job,
            show,
            title=f"Checking {path.name}",
            cancellable=True,
            on_failed=failed,
            shown_by_caller=(UserError,),
        )

    def _clear(self) -> None:
        self.preview = None
        self.rows.set_rows([])
        self.refusal.clear()
        self.refusal.hide()
        self.saved_note.clear()
        self._show_row(QModelIndex())
        for chip in self.chips.values():
            chip.hide()
        self.save_rejects_button.setEnabled(False)
        self.import_button.setText("&Import")
        self.import_button.setEnabled(False)

    def _show(self, preview: EvaluationPreview) -> None:
        self._clear()
        self.preview = preview
        self._set_busy(False)
        self._show_columns(preview.questions.columns)
        counts = preview.counts
        for outcome, chip in self.chips.items():
            chip.setText(count_text(outcome, counts[outcome.value]))
            chip.show()
        self.rows.set_rows(preview.rows)
        fit_columns(self.rows_table)
        reasons = self.rows_table.horizontalHeader()
        reasons.resizeSection(REASON_COLUMN, min(reasons.sectionSize(REASON_COLUMN), REASON_WIDTH))
        new = counts[Outcome.NEW.value]
        lines = [
            f"{preview.file.name}: responses to {preview.session}; sheet “{preview.sheet}”, "
            f"questions in row {preview.questions.header_row}. Nothing is saved until you "
            "press Import."
        ]
        if preview.already_imported_as is not None:
            lines.append(
                f"This file was imported before (import {preview.already_imported_as}): what "
                "it recorded then shows as duplicates."
            )
        if not new:
            lines.append("Nothing to import: no row is a new response.")
        self.headline.setText(" ".join(lines))
        self.import_button.setText(f"&Import {new:,} response{'s' if new != 1 else ''}")
        self.import_button.setEnabled(bool(new))
        self.save_rejects_button.setEnabled(bool(preview.errors))

    def _show_columns(self, shown: Sequence[QuestionColumn]) -> None:
        columns = [column for column in shown if column.header]
        self.columns_table.setRowCount(0)
        self.combos = {}
        for row, column in enumerate(columns):
            self.columns_table.insertRow(row)
            heading = QTableWidgetItem(column.header)
            heading.setToolTip(column.header)
            self.columns_table.setItem(row, 0, heading)
            combo = field_combo(column)
            combo.currentIndexChanged.connect(lambda _i, h=column.header: self._field_chosen(h))
            self.combos[column.header] = combo
            self.columns_table.setCellWidget(row, 1, combo)
            labels = QTableWidgetItem(column.scale)
            labels.setToolTip(column.scale)
            self.columns_table.setItem(row, 2, labels)

    def _failed(self, path: Path, error: BaseException) -> None:
        self._set_busy(False)
        self._clear()
        if isinstance(error, CancelledByUser):
            self.headline.setText(f"Checking {path.name} was cancelled.")
        elif isinstance(error, UserError):
            name, problems = refusal_problems(error, path)
            self.refusal.setText(f"{name} cannot be imported. " + " ".join(problems))
            self.refusal.show()
            if isinstance(error, QuestionsNotFound) and error.headings:
                self._show_columns(match_columns(error.headings, self._choices()).columns)
                self.headline.setText(
                    "Choose below what each column holds, or choose another file."
                )
            else:
                self._show_columns([])
                self.headline.setText(
                    "Choose another file, or put the file right and choose it again."
                )
        else:  # already shown to the user in a dialog
            self.headline.setText(CHOOSE_FIRST)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.choose_button, self.session, self.anonymous, self.columns_table):
            widget.setEnabled(not busy and self.summary is None)
        if busy:
            self.import_button.setEnabled(False)

    def _show_row(self, current: QModelIndex) -> None:
        if not current.isValid():
            self.row_detail.setText("Choose a row to read its reason in full.")
            return
        row = self.rows.row_at(self.filtered.mapToSource(current))
        result = row.result
        self.row_detail.setText(
            f"Row {result.row}: {outcome_text(result.outcome)}. {reason_text(row)}"
        )

    def _filter(self, errors_only: bool) -> None:
        self.filtered.setFilterFixedString(outcome_text(Outcome.ERROR) if errors_only else "")

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Save the new responses (off the GUI thread); the dialog then says what was saved."""
        preview = self.preview
        if preview is None or self._busy or self.summary is not None:
            return
        self._set_busy(True)
        space = self._space

        def job(progress: Progress, _cancelled: Cancelled) -> EvaluationImportSummary:
            return commit_evaluations(space.unit_of_work(), preview, progress=progress)

        run_operation(
            self, job, self._saved, title="Importing", on_failed=lambda _e: self._set_busy(False)
        )

    def _saved(self, summary: EvaluationImportSummary) -> None:
        self.summary = summary
        self._set_busy(False)
        undo = (
            " To take it back, choose it on the Imports page and press “Undo import…”."
            if summary.batch_id is not None
            else ""
        )
        self.headline.setText(f"{summary}{undo}")
        self.import_button.setText("Imported")
        self.import_button.setEnabled(False)
        self.imported.emit(summary)

    def save_rejected_rows(self) -> None:
        """Ask where, then write the rejected rows (off the GUI thread) to send back."""
        preview = self.preview
        if preview is None:
            return
        suggested = preview.file.with_name(f"{preview.file.stem} - rejected rows.xlsx")
        chosen, _ = QFileDialog.getSaveFileName(
            self, "Save the rejected rows", str(suggested), REJECTS_FILTER
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".xlsx") else f"{chosen}.xlsx")

        def job(_progress: Progress, _cancelled: Cancelled) -> int:
            return export_rejected_responses(preview, path)

        def written(count: int) -> None:
            self.saved_note.setText(
                f"{count:,} rejected row{'s' if count != 1 else ''} saved to {path.name}"
            )
            self.saved_note.setToolTip(str(path))

        run_operation(self, job, written, title="Saving the rejected rows")
