"""The import wizard: an agency's spreadsheet checked row by row, then saved as one batch.

1. the file, what it holds, whose it is, and the options (a session or course; new people):
   ``import_file_page``;
2. what each column holds, as matched, for the user to put right; Next waits for the
   columns every import needs: ``import_columns_page``;
3. the preview of every row, in colour, with the reasons for rejected rows (which can be saved
   to send back); nothing is written until the user presses Import: ``import_preview_page``;
4. what was saved.

Reading the headings, the preview and the commit run off the GUI thread (ui.desktop.operations).
A refused file brings the user back to the first page, which names the file and every problem.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from training.errors import UserError
from training.imports.file_columns import FileColumns
from training.imports.importing import ImportPreview, ImportSummary
from training.workspace import Workspace
from ui.desktop.import_columns_page import ColumnsPage
from ui.desktop.import_file_page import FileChoice, FilePage, refusal_problems
from ui.desktop.import_preview_page import DonePage, PreviewPage

FILE_PAGE, COLUMNS_PAGE, PREVIEW_PAGE, DONE_PAGE = range(4)


class ImportWizard(QWizard):
    """Import one spreadsheet; ``imported`` carries the ``ImportSummary`` once it is saved."""

    imported = Signal(object)

    def __init__(
        self, space: Workspace, parent: QWidget | None = None, path: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.space = space
        self.choice: FileChoice | None = None
        self.columns: FileColumns | None = None
        self.preview: ImportPreview | None = None
        self.summary: ImportSummary | None = None
        self.writing = False
        self.setWindowTitle("Import a spreadsheet")
        self.setAccessibleName("Import a spreadsheet")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_page = FilePage(self, path)
        self.columns_page = ColumnsPage(self)
        self.preview_page = PreviewPage(self)
        self.done_page = DonePage(self)
        for page_id, page in enumerate(
            (self.file_page, self.columns_page, self.preview_page, self.done_page)
        ):
            self.setPage(page_id, page)
        self.resize(940, 660)

    def refuse(self, error: UserError) -> None:
        """Back to the first page, which shows the file's name and every problem with it."""
        while self.currentId() > FILE_PAGE:
            self.back()
        path = self.choice.path if self.choice else Path(self.file_page.path_edit.text())
        self.file_page.show_refusal(*refusal_problems(error, path))

    def reject(self) -> None:
        if not self.writing:  # an import being saved finishes: it is one transaction
            super().reject()
