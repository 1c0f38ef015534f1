"""The training-needs matrix as an editable table, and the combo box that edits its cells.

One row per role: the role and its group, then one column per topic whose cell is the tier the
role must hold (blank: not required). The model never touches the database: an edit marks the
cell as being saved and emits ``edited`` with the changes; whoever saves them reports back with
``saved`` (the cells then show what the database holds) or ``not_saved`` (the cells go back).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from training.catalogue import TierView, TopicView
from training.requirements import (
    NOT_REQUIRED,
    RequirementChange,
    RequirementGrid,
    RequirementView,
)
from training.staff import RoleView

Index = QModelIndex | QPersistentModelIndex
Cell = tuple[int, int]  # (role id, topic id)

ROLE_COLUMNS = ("Role", "Group")
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1  # a role's name and group, for the search box
HEADER_LINE = 18  # characters: a longer topic name is shown on two lines
NOT_REQUIRED_TEXT = "Not required"
TEXT_ON_TINT = QColor("#1a1a1a")  # dark text stays readable on every tint, in any theme
LIGHTEST_TINT, DARKEST_TINT = 240, 168  # HSL lightness of the lowest and the highest tier


def two_lines(name: str) -> str:
    """A long topic name broken at the space nearest its middle, so the column stays narrow."""
    if len(name) <= HEADER_LINE or " " not in name:
        return name
    spaces = [i for i, char in enumerate(name) if char == " "]
    middle = min(spaces, key=lambda i: abs(i - len(name) / 2))
    return f"{name[:middle]}\n{name[middle + 1 :]}"


def tier_tint(position: int, count: int) -> QColor:
    """A light blue, darker for higher tiers: ``position`` 0 is the lowest of ``count``."""
    step = (LIGHTEST_TINT - DARKEST_TINT) / max(count - 1, 1)
    return QColor.fromHsl(210, 160, round(LIGHTEST_TINT - position * step))


class RequirementGridModel(QAbstractTableModel):
    edited = Signal(object)  # list[RequirementChange]: to be saved, then reported back

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._roles: list[RoleView] = []
        self._topics: list[TopicView] = []
        self._tiers: list[TierView] = []
        self._cells: dict[Cell, RequirementView] = {}
        self._saving: dict[Cell, int | None] = {}  # the tier each cell being saved will hold

    # --- what it holds ----------------------------------------------------------------------

    def set_grid(self, grid: RequirementGrid) -> None:
        self.beginResetModel()
        self._roles = list(grid.roles)
        self._topics = list(grid.topics)
        self._tiers = sorted(grid.tiers, key=lambda t: t.rank)
        self._cells = {(r.role_id, r.topic_id): r for r in grid.requirements}
        self._saving = {}
        self.endResetModel()

    @property
    def roles(self) -> Sequence[RoleView]:
        return self._roles

    @property
    def tiers(self) -> Sequence[TierView]:
        """Lowest first."""
        return self._tiers

    def tint(self, tier_id: int) -> QColor:
        position = next(i for i, tier in enumerate(self._tiers) if tier.id == tier_id)
        return tier_tint(position, len(self._tiers))

    def row_of(self, role_id: int) -> int:
        return next(row for row, role in enumerate(self._roles) if role.id == role_id)

    def cell(self, index: Index) -> Cell | None:
        """The (role id, topic id) of a topic cell; None for the role's own columns."""
        topic = index.column() - len(ROLE_COLUMNS)
        if not index.isValid() or topic < 0:
            return None
        return self._roles[index.row()].id, self._topics[topic].id

    def tier_id(self, cell: Cell) -> int | None:
        """The tier the cell shows: the one being saved, else the one the database holds."""
        if cell in self._saving:
            return self._saving[cell]
        held = self._cells.get(cell)
        return held.tier_id if held else None

    def describe(self, change: RequirementChange) -> str:
        """The cell a change is for, in words: "the CSE requirement of Police officer"."""
        role = next((r.name for r in self._roles if r.id == change.role_id), None)
        topic = next((t.name for t in self._topics if t.id == change.topic_id), None)
        return f"the {topic} requirement of {role}" if role and topic else "this requirement"

    def is_saving(self, index: Index) -> bool:
        return self.cell(index) in self._saving

    # --- Qt's model interface ---------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._roles)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ROLE_COLUMNS) + len(self._topics)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        topic = self._topics[section - len(ROLE_COLUMNS)] if section >= len(ROLE_COLUMNS) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return two_lines(topic.name) if topic else ROLE_COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and topic is not None:
            return topic.description or topic.name
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.cell(index) is not None and not self.is_saving(index):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        cell = self.cell(index)
        if cell is None:
            return self._role_data(self._roles[index.row()], index.column(), role)
        return self._cell_data(cell, role)

    def _role_data(self, role_view: RoleView, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return role_view.name if column == 0 else role_view.role_group
        if role == SEARCH_ROLE:
            return f"{role_view.name} {role_view.role_group}"
        return None

    def _cell_data(self, cell: Cell, role: int) -> Any:
        tier_id = self.tier_id(cell)
        tier = next((t for t in self._tiers if t.id == tier_id), None)
        if role == Qt.ItemDataRole.DisplayRole:
            return tier.name if tier else ""
        if role == Qt.ItemDataRole.EditRole:
            return tier_id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            text = f"{tier.name} or above" if tier else NOT_REQUIRED_TEXT
            return f"{text} (saving…)" if cell in self._saving else text
        if role == Qt.ItemDataRole.BackgroundRole and tier is not None:
            return self.tint(tier.id)
        if role == Qt.ItemDataRole.ForegroundRole and tier is not None:
            return TEXT_ON_TINT
        if role == Qt.ItemDataRole.FontRole and cell in self._saving:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the cell to hold tier ``value`` (None: not required); it is then saving."""
        cell = self.cell(index)
        if role != Qt.ItemDataRole.EditRole or cell is None or cell in self._saving:
            return False
        if value == self.tier_id(cell):
            return False
        self._request([self._change(cell, value)])
        return True

    # --- edits ------------------------------------------------------------------------------

    def clear(self, indexes: Sequence[Index]) -> None:
        """Ask for these cells to be not required (those that are not already)."""
        cells = {self.cell(index) for index in indexes}
        changes = [
            self._change(cell, None)
            for cell in sorted(c for c in cells if c is not None)
            if cell not in self._saving and self.tier_id(cell) is not None
        ]
        if changes:
            self._request(changes)

    def saved(
        self, changes: Sequence[RequirementChange], held: Sequence[RequirementView | None]
    ) -> None:
        """The changes were saved: show what each cell now holds."""
        for change, requirement in zip(changes, held, strict=True):
            cell = change.role_id, change.topic_id
            self._saving.pop(cell, None)
            if requirement is None:
                self._cells.pop(cell, None)
            else:
                self._cells[cell] = requirement
            self._cell_changed(cell)

    def not_saved(self, changes: Sequence[RequirementChange]) -> None:
        """The changes were refused: the cells show what they held before."""
        for change in changes:
            cell = change.role_id, change.topic_id
            self._saving.pop(cell, None)
            self._cell_changed(cell)

    def _change(self, cell: Cell, tier_id: int | None) -> RequirementChange:
        held = self._cells.get(cell)
        return RequirementChange(*cell, tier_id, held.version if held else NOT_REQUIRED)

    def _request(self, changes: list[RequirementChange]) -> None:
        for change in changes:
            cell = change.role_id, change.topic_id
            self._saving[cell] = change.tier_id
            self._cell_changed(cell)
        self.edited.emit(changes)

    def _cell_changed(self, cell: Cell) -> None:
        role_id, topic_id = cell
        rows = [r for r, role in enumerate(self._roles) if role.id == role_id]
        columns = [len(ROLE_COLUMNS) + c for c, t in enumerate(self._topics) if t.id == topic_id]
        if rows and columns:
            index = self.index(rows[0], columns[0])
            self.dataChanged.emit(index, index)


class TierDelegate(QStyledItemDelegate):
    """Edits a cell with a list of "Not required" then the tiers, lowest first.

    The list opens at once, and choosing from it saves: no Enter needed.
    """

    def __init__(self, grid: RequirementGridModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid = grid

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName("Required tier")
        box.addItem(NOT_REQUIRED_TEXT, None)
        for tier in self._grid.tiers:
            box.addItem(tier.name, tier.id)
        box.activated.connect(lambda _row: self._chosen(box))
        QTimer.singleShot(0, box, box.showPopup)
        return box

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        tier_id = index.data(Qt.ItemDataRole.EditRole)
        editor.setCurrentIndex(0 if tier_id is None else max(editor.findData(tier_id), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def _chosen(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box, QAbstractItemDelegate.EndEditHint.NoHint)
