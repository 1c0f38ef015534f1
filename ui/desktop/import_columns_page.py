"""The import wizard's second page: each column heading, its first value, and what it holds.

The suggestions are the importer's own matches (the agency's saved mapping, then synonyms);
Next waits until the columns every import of the kind needs are chosen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from training.imports.file_columns import import_fields, missing_fields
from training.imports.headers import Field, header_key
from ui.desktop.forms import problem_label, sentence

if TYPE_CHECKING:
    from ui.desktop.import_wizard import ImportWizard

IGNORE = "Ignore"


def field_text(field: Field) -> str:
    return sentence(field.value)


def combo_field(combo: QComboBox) -> Field | None:
    """The field a column's combo has chosen; None for Ignore."""
    value = combo.currentData()
    return Field(value) if value else None


def missing_text(missing: list[tuple[Field, ...]]) -> str:
    """'Still needed: a column for the staff reference, email, last name or full name.'"""
    needs = []
    for choice in missing:
        names = [field.value for field in choice]
        either = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        needs.append(f"a column for the {either}")
    return f"Still needed: {'; '.join(needs)}. Choose which column holds it."


class ColumnsPage(QWizardPage):
    """Each column heading, its first value, and the field it holds (or Ignore)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self._kept: tuple[object, dict[int, Field | None]] | None = None
        self.setTitle("What each column holds")
        self.setSubTitle(
            "Check what was matched, and choose what a column holds where it is wrong or "
            "missing. The choices are remembered for this agency's next import."
        )
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setAccessibleName("Columns of the file")
        self.table.setHorizontalHeaderLabels(["Column heading", "First value", "Holds"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.missing = problem_label("Columns still needed")
        self.combos: dict[int, QComboBox] = {}  # column of the file -> its choice
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.missing)

    def _key(self) -> object:
        columns, choice = self._wizard.columns, self._wizard.choice
        assert columns is not None and choice is not None
        return (choice.path, choice.kind, choice.agency, columns.headers)

    def initializePage(self) -> None:
        columns, choice = self._wizard.columns, self._wizard.choice
        assert columns is not None and choice is not None
        kept = self._kept[1] if self._kept and self._kept[0] == self._key() else None
        self.intro.setText(
            f"Row {columns.header_row} of the sheet “{columns.sheet}” of {columns.file_name} "
            "holds the column headings. Choose Ignore for a column not to import."
        )
        fields = import_fields(choice.kind)
        self.table.setRowCount(0)
        self.combos = {}
        first_of: dict[str, int] = {}
        for index, heading in enumerate(columns.headers):
            if not heading:
                continue
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(heading))
            self.table.setItem(row, 1, QTableWidgetItem(columns.examples[index]))
            combo = QComboBox()
            combo.setAccessibleName(f"What “{heading}” holds")
            combo.addItem(IGNORE, "")
            for field in fields:
                combo.addItem(field_text(field), field.value)
            key = header_key(heading)
            if key in first_of:  # the importer reads the first of two same headings only
                combo.setEnabled(False)
                combo.setToolTip(
                    f"The same heading as column {first_of[key] + 1}: only that one is read"
                )
            else:
                first_of[key] = index
                matched = kept.get(index) if kept is not None else columns.matched.get(index)
                combo.setCurrentIndex(max(combo.findData(matched.value if matched else ""), 0))
                combo.currentIndexChanged.connect(lambda _i, column=index: self._chosen(column))
                self.combos[index] = combo
            self.table.setCellWidget(row, 2, combo)
        self.table.resizeColumnsToContents()
        self._show_missing()

    def cleanupPage(self) -> None:
        self._kept = (self._key(), {i: combo_field(c) for i, c in self.combos.items()})

    def _chosen(self, column: int) -> None:
        field = combo_field(self.combos[column])
        if field is not None:  # a field comes from one column: the one just chosen
            for other, combo in self.combos.items():
                if other != column and combo_field(combo) is field:
                    combo.setCurrentIndex(0)
        self._show_missing()
        self.completeChanged.emit()

    def chosen_fields(self) -> list[Field]:
        return [field for c in self.combos.values() if (field := combo_field(c)) is not None]

    def set_field(self, heading: str, field: Field | None) -> None:
        """Choose what the column of this heading holds."""
        columns = self._wizard.columns
        assert columns is not None
        combo = self.combos[columns.headers.index(heading)]
        combo.setCurrentIndex(combo.findData(field.value if field else ""))

    def _missing(self) -> list[tuple[Field, ...]]:
        choice = self._wizard.choice
        return missing_fields(choice.kind, self.chosen_fields()) if choice else []

    def _show_missing(self) -> None:
        missing = self._missing()
        self.missing.setText(missing_text(missing) if missing else "")
        self.missing.setVisible(bool(missing))

    def isComplete(self) -> bool:
        return not self._missing()

    def mapping(self) -> dict[str, Field | None]:
        """Every heading with what it holds (None: not read), as ``preview_import`` takes it."""
        columns = self._wizard.columns
        assert columns is not None
        return {columns.headers[i]: combo_field(combo) for i, combo in self.combos.items()}
