"""What every report of the reports page has: its parameters in a form, "Show figures" for a
short summary on screen, and "Save PDF…" and "Save workbook…".

A panel reads its parameters into a ``ReportRequest`` on the GUI thread; the request's ``make``
then works the report out in the background (``LatestQuery`` for the figures, ``run_operation``
with progress and cancel for a file), and the writers write it through a temporary file.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from training.progress import Cancelled, CancelledByUser, Progress, no_progress
from training.returns import default_period_start
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.report_files import (
    FileKind,
    SavedFile,
    choose_save_path,
    write_through_temporary,
)
from ui.desktop.table_models import Column, ColumnTableModel
from ui.desktop.widgets import MAX_FITTED_COLUMN_WIDTH, date_edit, fit_columns, table_view

R = TypeVar("R")
ReportWriter = Callable[[Path, R], int]
SHOW_FIGURES_HINT = "Choose the parameters, then Show figures to see the report in short here."


@dataclass(frozen=True)
class ReportRequest(Generic[R]):
    """A report with its parameters fixed: how to work it out, and how to write it."""

    make: Callable[[Workspace, Progress], R]
    file_name: str  # without the suffix
    writers: dict[FileKind, ReportWriter[R]]


@dataclass(frozen=True)
class SavedReport(Generic[R]):
    report: R
    file: SavedFile


def stopping_when_cancelled(progress: Progress, cancelled: Cancelled) -> Progress:
    """A progress callback that also stops the work (raising ``CancelledByUser``) once Cancel
    has been pressed."""

    def report(done: int, total: int, message: str) -> None:
        progress(done, total, message)
        if cancelled():
            raise CancelledByUser()

    return report


def period_edits(first_name: str, last_name: str) -> tuple[QDateEdit, QDateEdit]:
    """The first and last day of a period, the last 12 months to today at first; the last day
    is never before the first (moving the first past it moves it too)."""
    today = dt.date.today()
    first, last = date_edit(first_name, default_period_start(today)), date_edit(last_name, today)
    last.setMinimumDate(first.date())
    first.dateChanged.connect(last.setMinimumDate)
    return first, last


def muted_label(text: str, accessible_name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setAccessibleName(accessible_name)
    return label


class ReportPanel(QWidget, Generic[R]):
    """A report's parameters, buttons and figures; subclasses put their fields in the form
    (``build_form``) and say what the request and the figures are."""

    title: ClassVar[str]
    description: ClassVar[str]
    columns: ClassVar[Sequence[Column[Any]]]  # of the figures
    stretch_column: ClassVar[int]  # the column of the figures that takes the width left
    max_column_width: ClassVar[int] = MAX_FITTED_COLUMN_WIDTH
    told = Signal(str, object)  # what was done, and the file saved (a Path) or None

    def __init__(self, space: Callable[[], Workspace], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.title)
        self._space = space
        self._shown = False  # figures are on view
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(muted_label(self.description, "About the report"))
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout.addLayout(self.form)
        self.build_form(self.form)  # first, so that Tab goes through the fields first

        self.show_button = QPushButton("&Show figures")
        self.show_button.setAccessibleName(f"Show the figures of the {self.title.lower()}")
        self.show_button.clicked.connect(self.show_figures)
        self.pdf_button = QPushButton("Save &PDF…")
        self.pdf_button.setAccessibleName(f"Save the {self.title.lower()} as PDF")
        self.pdf_button.clicked.connect(lambda: self.save(FileKind.PDF))
        self.workbook_button = QPushButton("Save &workbook…")
        self.workbook_button.setAccessibleName(f"Save the {self.title.lower()} as a workbook")
        self.workbook_button.clicked.connect(lambda: self.save(FileKind.WORKBOOK))
        buttons = QHBoxLayout()
        for button in (self.show_button, self.pdf_button, self.workbook_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.figures = ColumnTableModel(self.columns, self)
        self.figures_note = muted_label(SHOW_FIGURES_HINT, "About the figures")
        self.figures_table = table_view(
            self.figures,
            f"Figures of the {self.title.lower()}",
            sortable=False,
            stretch_column=self.stretch_column,
        )
        layout.addWidget(self.figures_note)
        layout.addWidget(self.figures_table, 1)
        self._query = LatestQuery(self)

    @property
    def space(self) -> Workspace:
        return self._space()

    def build_form(self, form: QFormLayout) -> None:
        """Add the report's parameters to the form, each telling ``parameters_changed``."""
        raise NotImplementedError

    def request(self) -> ReportRequest[R]:
        """The report with the parameters as they are now."""
        raise NotImplementedError

    def figure_rows(self, report: R) -> Sequence[Any]:
        raise NotImplementedError

    def figures_caption(self, report: R) -> str:
        raise NotImplementedError

    def parameters_changed(self) -> None:
        """Figures on view no longer match the parameters: take them away."""
        self._query.drop_pending()
        self._shown = False
        self.figures.set_rows([])
        self.figures_note.setText(SHOW_FIGURES_HINT)

    def refresh(self) -> None:
        """Work the figures on view out again (after a reload), if there are any."""
        if self._shown:
            self.show_figures()

    def show_figures(self) -> None:
        request, space = self.request(), self.space
        self._shown = False
        self.figures.set_rows([])
        self.figures_note.setText("Working out the figures…")
        self._query.run(
            lambda: request.make(space, no_progress),
            self._show,
            on_failed=lambda _error: self.figures_note.setText(
                "The figures could not be worked out: see the message, change the parameters "
                "and try again."
            ),
        )

    def _show(self, report: R) -> None:
        self._shown = True
        self.figures.set_rows(self.figure_rows(report))
        self.figures_note.setText(self.figures_caption(report))
        fit_columns(self.figures_table, self.max_column_width)

    def save(self, kind: FileKind) -> None:
        """Ask where, then work the report out and write it, off the GUI thread."""
        request = self.request()
        path = choose_save_path(self, f"Save the {self.title.lower()}", request.file_name, kind)
        if path is None:
            return
        space, write = self.space, request.writers[kind]

        def job(progress: Progress, cancelled: Cancelled) -> SavedReport[R]:
            report = request.make(space, stopping_when_cancelled(progress, cancelled))
            if cancelled():
                raise CancelledByUser()
            progress(0, 0, f"Writing {path.name}")
            written = write_through_temporary(path, lambda partial: write(partial, report))
            return SavedReport(report, SavedFile(path, kind, written))

        run_operation(
            self, job, self._saved, title=f"Saving the {self.title.lower()}", cancellable=True
        )

    def _saved(self, saved: SavedReport[R]) -> None:
        self._show(saved.report)
        self.told.emit(
            f"Saved {saved.file.description} in {saved.file.path.parent}.", saved.file.path
        )
