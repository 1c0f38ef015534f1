"""The register being marked: each person's status as saved and as the coordinator has set it.

Changes are held here until the register is saved; a changed line reads in bold and says what
it was before. ``marks()`` are the changes to save (``training.registers.mark_register``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from training.registers import (
    ATTENDANCE_STATUSES,
    TAKES_A_PLACE,
    AttendanceMark,
    RegisterLine,
)
from training.staff import StaffView
from ui.desktop.table_models import Column, ColumnTableModel

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RegisterEntry:
    """A line of the register: ``saved`` is the stored status (None: a walk-in not yet saved)."""

    staff_id: int
    first_name: str
    last_name: str
    agency: str
    job_title: str
    staff_ref: str | None
    saved: str | None
    status: str

    @property
    def changed(self) -> bool:
        return self.status != self.saved

    @property
    def sort_name(self) -> str:
        return f"{self.last_name}, {self.first_name}"


def entry_from_line(line: RegisterLine) -> RegisterEntry:
    return RegisterEntry(
        line.staff_id,
        line.first_name,
        line.last_name,
        line.agency,
        line.job_title,
        line.staff_ref,
        saved=line.status,
        status=line.status,
    )


def walk_in_entry(person: StaffView, agency: str) -> RegisterEntry:
    return RegisterEntry(
        person.id,
        person.first_name,
        person.last_name,
        agency,
        person.job_title or person.role,
        person.staff_ref,
        saved=None,
        status="attended",
    )


def status_text(status: object) -> str:
    return str(status).capitalize()


def change_text(entry: RegisterEntry) -> str:
    """What is not saved yet: "Walk-in", or the status before ("From booked")."""
    if not entry.changed:
        return ""
    return "Walk-in" if entry.saved is None else f"From {entry.saved}"


REGISTER_COLUMNS: list[Column[RegisterEntry]] = [
    Column("Name", lambda e: e.sort_name),
    Column("Agency", lambda e: e.agency),
    Column("Role or job title", lambda e: e.job_title),
    Column("Staff ref", lambda e: e.staff_ref),
    Column("Status", lambda e: e.status, status_text),
    Column("Not saved yet", change_text),
]
AGENCY_COLUMN, STATUS_COLUMN, CHANGE_COLUMN = 1, 4, 5
LONGEST_TEXTS = {STATUS_COLUMN: "Did not attend", CHANGE_COLUMN: "From did not attend"}


class RegisterModel(ColumnTableModel[RegisterEntry]):
    """The register's lines; the Status column is editable while ``editable`` is true."""

    marks_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(REGISTER_COLUMNS, parent)
        self.editable = False
        self._bold = QFont()
        self._bold.setBold(True)

    def set_lines(self, lines: Iterable[RegisterLine]) -> None:
        self.set_rows([entry_from_line(line) for line in lines])
        self.marks_changed.emit()

    @property
    def unsaved_count(self) -> int:
        return sum(1 for entry in self.rows if entry.changed)

    @property
    def places_taken(self) -> int:
        return sum(1 for entry in self.rows if entry.status in TAKES_A_PLACE)

    def marks(self) -> list[AttendanceMark]:
        return [AttendanceMark(e.staff_id, e.status) for e in self.rows if e.changed]

    def row_of(self, staff_id: int) -> int | None:
        return next((n for n, e in enumerate(self.rows) if e.staff_id == staff_id), None)

    def set_status(self, rows: Iterable[int], status: str) -> None:
        if status not in ATTENDANCE_STATUSES:
            raise ValueError(f"{status!r} is not an attendance status")
        changed = [row for row in set(rows) if self._rows[row].status != status]
        for row in changed:
            self._rows[row] = replace(self._rows[row], status=status)
        if changed:
            last_column = self.columnCount() - 1
            self.dataChanged.emit(
                self.index(min(changed), 0), self.index(max(changed), last_column)
            )
            self.marks_changed.emit()

    def add_walk_in(self, entry: RegisterEntry) -> int:
        """Add the person as attended (or mark them attended, if already listed); their row."""
        row = self.row_of(entry.staff_id)
        if row is not None:
            self.set_status([row], "attended")
            return row
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(entry)
        self.endInsertRows()
        self.marks_changed.emit()
        return row

    def changes_saved(self) -> None:
        """The changes are saved: every line now reads as it is stored."""
        self._rows = [replace(e, saved=e.status) for e in self._rows]
        if self._rows:
            last = self.index(len(self._rows) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)
        self.marks_changed.emit()

    def discard_changes(self) -> None:
        """Back to the register as saved: walk-ins not yet saved go."""
        self.set_rows([replace(e, status=e.saved) for e in self.rows if e.saved is not None])
        self.marks_changed.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() == STATUS_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.FontRole and self._rows[index.row()].changed:
            return self._bold
        if role == Qt.ItemDataRole.EditRole and index.column() == STATUS_COLUMN:
            return self._rows[index.row()].status
        return super().data(index, role)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not (self.editable and index.isValid() and index.column() == STATUS_COLUMN):
            return False
        if role != Qt.ItemDataRole.EditRole or value not in ATTENDANCE_STATUSES:
            return False
        self.set_status([index.row()], value)
        return True
