"""The imports page: every spreadsheet imported, newest first; import another, or undo one.

A spreadsheet dropped on the page opens the import wizard on it (``start_import`` does the same
for a file dropped on the main window).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData, QSortFilterProxyModel, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from training.agencies import list_agencies
from training.imports.importing import BatchView, ImportSummary, list_batches, undo_import
from training.progress import Cancelled, Progress
from training.workspace import Workspace
from ui.desktop.import_file_page import SPREADSHEET_SUFFIXES
from ui.desktop.import_wizard import ImportWizard
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.pages.base import Page
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, heading, search_box, table_view

KIND_NAMES = {"attendance": "Attendance", "elearning": "E-learning", "staff": "Staff list"}
WHEN_COLUMN = 0


@dataclass(frozen=True)
class ImportHistory:
    batches: list[BatchView]
    agencies: dict[int, str]  # agency names by id


def load_history(space: Workspace) -> ImportHistory:
    return ImportHistory(
        batches=list_batches(space.unit_of_work()),
        agencies={agency.id: agency.name for agency in list_agencies(space.unit_of_work())},
    )


def undone_text(value: object) -> str:
    return "No" if value is None else f"Yes, {value:%d/%m/%Y %H:%M}"


def undo_consequences(batch: BatchView, agency: str) -> str:
    """What undoing the batch does, in a sentence or two."""
    by = f" by {batch.imported_by}" if batch.imported_by else ""
    changes = []
    if batch.added:
        changes.append(f"removes the {records(batch.added)} it added")
    if batch.updated:
        changes.append(f"puts the {records(batch.updated)} it updated back as they were")
    return (
        f"Imported on {batch.imported_at:%d/%m/%Y %H:%M}{by} for {agency}: "
        f"{batch.added:,} added, {batch.updated:,} updated. Undoing it "
        + (" and ".join(changes) or "changes nothing")
        + "."
    )


def records(count: int) -> str:
    return f"{count:,} record{'s' if count != 1 else ''}"


def dropped_files(mime: QMimeData) -> list[Path]:
    """The local files being dragged (none for text, or for links to web pages)."""
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def refusal_of_drop(files: Sequence[Path]) -> str | None:
    """Why these dropped files cannot be imported; None when they can."""
    if len(files) != 1:
        return "Drop one spreadsheet at a time: each file is checked and imported on its own."
    if files[0].suffix.lower() in SPREADSHEET_SUFFIXES:
        return None
    return (
        f"{files[0].name} is not a spreadsheet that can be imported: only Excel workbooks "
        "(.xlsx, .xlsm) and CSV files (.csv) can be. If it is an older Excel file (.xls) or "
        "another kind of spreadsheet, open it in Excel or LibreOffice, save it as an Excel "
        "Workbook (.xlsx) and drop that."
    )


class ImportsPage(Page):
    title = "Imports"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self._agency_names: dict[int, str] = {}
        self.batches = ColumnTableModel(self._columns(), self)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.batches)
        self.filtered.setSortRole(SORT_ROLE)
        self.filtered.setFilterKeyColumn(-1)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.import_button = QPushButton("&Import a spreadsheet…")
        self.import_button.setAccessibleName("Import a spreadsheet")
        self.import_button.clicked.connect(lambda: self.start_import(None))

        self.search = search_box("Search by file, agency, kind or who imported it", "Search")
        self.search.textChanged.connect(self._filter)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Imports shown")
        self.undo_button = QPushButton("&Undo import…")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.confirm_undo)
        self.notice = QLabel()
        self.notice.setAccessibleName("Last change")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.table = table_view(self.filtered, "Imports", sortable=True)
        self.table.sortByColumn(WHEN_COLUMN, Qt.SortOrder.DescendingOrder)
        self.table.selectionModel().selectionChanged.connect(self._enable_undo)
        self.undo_confirmation: QMessageBox | None = None

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.import_button)
        search_row.addWidget(self.undo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                self.title,
                "Agencies' spreadsheets imported, newest first; each can be undone. To import "
                "one, choose Import a spreadsheet… or drop an .xlsx or .csv file on this page.",
            )
        )
        layout.addWidget(self.notice)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)

        self.setAcceptDrops(True)
        self._query = LatestQuery(self)
        self._fitted = False
        self.reload()

    def _columns(self) -> list[Column[BatchView]]:
        return [
            Column("When", lambda b: b.imported_at),
            Column("By", lambda b: b.imported_by),
            Column("Kind", lambda b: KIND_NAMES.get(b.kind, b.kind)),
            Column("Agency", lambda b: self._agency_names.get(b.agency_id or 0, "")),
            Column("File", lambda b: b.file_name),
            Column("Added", lambda b: b.added),
            Column("Updated", lambda b: b.updated),
            Column("Rejected", lambda b: b.rejected),
            Column("Undone", lambda b: b.undone_at, undone_text),
        ]

    # --- the history ------------------------------------------------------------------------

    def reload(self) -> None:
        space = self.space
        self._query.run(lambda: load_history(space), self._show)

    def _show(self, history: ImportHistory) -> None:
        chosen = self.chosen_batch
        self._agency_names = history.agencies
        self.batches.set_rows(history.batches)
        if history.batches and not self._fitted:
            fit_columns(self.table)
            self._fitted = True
        self._show_count()
        if chosen is not None:
            self.choose_batch(chosen.id)

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.filtered.rowCount(), self.batches.rowCount()
        if total == 0:
            self.count_label.setText("Nothing imported yet")
        elif shown == total:
            self.count_label.setText(f"{total:,} import{'s' if total != 1 else ''}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} imports")

    @property
    def chosen_batch(self) -> BatchView | None:
        selected = self.table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.batches.row_at(self.filtered.mapToSource(selected[0]))

    def choose_batch(self, batch_id: int) -> None:
        for row in range(self.filtered.rowCount()):
            if self.batches.row_at(self.filtered.mapToSource(self.filtered.index(row, 0))).id == (
                batch_id
            ):
                self.table.selectRow(row)
                return

    def _enable_undo(self) -> None:
        batch = self.chosen_batch
        self.undo_button.setEnabled(batch is not None and batch.undone_at is None)

    def _tell(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    # --- importing --------------------------------------------------------------------------

    def start_import(self, path: Path | None) -> ImportWizard:
        """Open the import wizard, on ``path`` if given (a file dropped here or on the window)."""
        wizard = ImportWizard(self.space, self, path)
        wizard.imported.connect(self._imported)
        wizard.open()
        return wizard

    def _imported(self, summary: ImportSummary) -> None:
        self._tell(str(summary))
        self.reload()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()  # any file: one of another kind is refused on drop
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.import_dropped(files)

    def import_dropped(self, files: Sequence[Path]) -> None:
        """Start importing the dropped file, or say why it cannot be imported."""
        refusal = refusal_of_drop(files)
        if refusal is None:
            self.start_import(files[0])
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Cannot import", refusal, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): a drop must return at once, or the dragging program waits

    # --- undoing ----------------------------------------------------------------------------

    def confirm_undo(self) -> None:
        """Ask before undoing the chosen import, naming its file and what it changed."""
        batch = self.chosen_batch
        if batch is None or batch.undone_at is not None:
            return
        agency = self._agency_names.get(batch.agency_id or 0, "no agency")
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Undo import",
            f"Undo the import of {batch.file_name}?",
            parent=self,
        )
        box.setInformativeText(undo_consequences(batch, agency))
        undo = box.addButton("Undo import", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            if box.clickedButton() is undo:
                self._undo(batch)

        box.finished.connect(answered)
        self.undo_confirmation = box
        box.open()

    def _undo(self, batch: BatchView) -> None:
        space = self.space

        def undo(_progress: Progress, _cancelled: Cancelled) -> int:
            return undo_import(space.unit_of_work(), batch.id)

        def undone(restored: int) -> None:
            self._tell(
                f"Import {batch.id} ({batch.file_name}) undone: {restored:,} records removed or "
                "put back as they were."
            )
            self.reload()

        run_operation(self, undo, undone, title="Undoing the import")
