"""How an import preview's rows look: each row's class as a word in its own colour, and counts.

The colours are light backgrounds under dark text of the same hue (contrast well above WCAG AA),
and the class is always written too, so nothing depends on telling colours apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel

from training.imports.importing import Outcome, RowResult
from training.imports.rejects import problem
from ui.desktop.forms import sentence
from ui.desktop.table_models import Column, ColumnTableModel, Index


@dataclass(frozen=True)
class OutcomeStyle:
    text: str  # the class as the table writes it
    plural: str  # for the counts: "3 errors"
    background: QColor
    foreground: QColor


OUTCOME_STYLES: dict[Outcome, OutcomeStyle] = {
    Outcome.NEW: OutcomeStyle("New", "new", QColor("#d8f0d2"), QColor("#1b5e20")),
    Outcome.UPDATE: OutcomeStyle("Update", "updates", QColor("#d6e4f7"), QColor("#0d3c8c")),
    Outcome.DUPLICATE: OutcomeStyle(
        "Duplicate", "duplicates", QColor("#e4e4e4"), QColor("#3d3d3d")
    ),
    Outcome.SKIPPED: OutcomeStyle("Skipped", "skipped", QColor("#f6ecd0"), QColor("#5c4400")),
    Outcome.ERROR: OutcomeStyle("Error", "errors", QColor("#fbd3d3"), QColor("#9c0006")),
}

CLASS_COLUMN = 1


def outcome_text(outcome: object) -> str:
    return OUTCOME_STYLES[outcome].text if isinstance(outcome, Outcome) else str(outcome)


def result_column(result: RowResult) -> str:
    return problem(result)[0] or ""


def result_reason(result: RowResult) -> str:
    return sentence(problem(result)[1])


ROW_COLUMNS: list[Column[RowResult]] = [
    Column("Row", lambda r: r.row, str),
    Column("Class", lambda r: r.outcome, outcome_text),
    Column("Column", result_column),
    Column("Reason", result_reason),
]


class PreviewRowsModel(ColumnTableModel[RowResult]):
    """The preview's rows, the class cell in the class's colours."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(ROW_COLUMNS, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == CLASS_COLUMN:
            style = OUTCOME_STYLES[self.row_at(index).outcome]
            if role == Qt.ItemDataRole.BackgroundRole:
                return style.background
            if role == Qt.ItemDataRole.ForegroundRole:
                return style.foreground
        return super().data(index, role)


def count_chip(outcome: Outcome) -> QLabel:
    """A label that shows one class's count in the class's colours."""
    style = OUTCOME_STYLES[outcome]
    chip = QLabel()
    chip.setAccessibleName(f"{style.text} rows")
    chip.setStyleSheet(
        f"QLabel {{ background: {style.background.name()}; color: {style.foreground.name()};"
        " border-radius: 4px; padding: 3px 8px; font-weight: bold; }"
    )
    return chip


def count_text(outcome: Outcome, count: int) -> str:
    style = OUTCOME_STYLES[outcome]
    return f"{count:,} {style.text.lower() if count == 1 else style.plural}"
