"""How an evaluation import's preview looks: each row of the export with its class in the
class's colour (as the import wizard shows them), what it says, and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt

from training.evaluation_import.importing import PreviewRow
from training.imports.rejects import problem_text
from ui.desktop.forms import sentence
from ui.desktop.import_rows import OUTCOME_STYLES, outcome_text
from ui.desktop.table_models import Column, ColumnTableModel, Index

CLASS_COLUMN = 1
REASON_COLUMN = 9
COMMENTS_COLUMN = 10  # takes the width the others leave


def answer(name: str) -> Callable[[PreviewRow], object]:
    """A rating or other answer of the row's response (nothing for a row not read)."""
    return lambda row: getattr(row.response.answers, name) if row.response else None


def one_line(value: object) -> str:
    return " / ".join(str(value).splitlines()) if value else ""


def reason_text(row: PreviewRow) -> str:
    return sentence(problem_text(row.result))


RESPONSE_COLUMNS: list[Column[PreviewRow]] = [
    Column("Row", lambda r: r.result.row, str),
    Column("Class", lambda r: r.result.outcome, outcome_text),
    Column("Respondent", lambda r: r.response.respondent if r.response else None),
    Column("Submitted", lambda r: r.response.submitted_on if r.response else None),
    Column("Overall", answer("overall_rating")),
    Column("Content", answer("content_rating")),
    Column("Trainer", answer("trainer_rating")),
    Column("Before", answer("confidence_before")),
    Column("After", answer("confidence_after")),
    Column("Reason", reason_text),
    Column("Comments", answer("comments"), one_line),
]


class ResponseRowsModel(ColumnTableModel[PreviewRow]):
    """The preview's rows, the class cell in the class's colours."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(RESPONSE_COLUMNS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == CLASS_COLUMN:
            style = OUTCOME_STYLES[self.row_at(index).result.outcome]
            if role == Qt.ItemDataRole.BackgroundRole:
                return style.background
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.foreground
        return super().data(index, role)
