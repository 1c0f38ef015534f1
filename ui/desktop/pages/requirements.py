"""Role requirements: the training-needs matrix, edited cell by cell and saved at once.

Each row is a role and each topic a column; a cell is the lowest tier a person in the role must
hold in the topic to count as trained at the level appropriate to their role. A change is saved
as soon as it is made, off the GUI thread, on the version of the cell the page last read: if
someone else changed that cell meanwhile, the change is refused, the user told, and the grid
read again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from training.catalogue import TierView
from training.errors import ConflictError
from training.requirements import (
    RequirementChange,
    RequirementGrid,
    RequirementView,
    change_requirements,
    requirement_grid,
)
from training.staff import RoleView
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.pages.base import Page
from ui.desktop.pages.role_dialog import RoleDialog
from ui.desktop.requirement_model import (
    ROLE_COLUMNS,
    SEARCH_ROLE,
    TEXT_ON_TINT,
    RequirementGridModel,
    TierDelegate,
)
from ui.desktop.widgets import fit_columns, heading, search_box, table_view

HOW_TO = (
    "Double-click a cell (or select it and press F2) to choose the tier; select cells and press "
    "Delete to make them not required. Each change is saved at once."
)


def change_summary(
    changes: Sequence[RequirementChange], held: Sequence[RequirementView | None]
) -> str:
    if len(changes) == 1:
        saved = held[0]
        return f"Saved: {saved.role} needs {saved.tier} in {saved.topic}." if saved else "Saved."
    return f"Saved {len(changes)} changes."


def tier_chip(tier: TierView, tint: str) -> QLabel:
    chip = QLabel(tier.name)
    chip.setToolTip(tier.description)
    chip.setStyleSheet(
        f"background: {tint}; color: {TEXT_ON_TINT.name()}; padding: 2px 10px; border-radius: 3px;"
    )
    return chip


class RequirementsPage(Page):
    title = "Role requirements"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self.grid = RequirementGridModel(self)
        self.grid.edited.connect(self._save)
        self.filtered = QSortFilterProxyModel(self)
        self.filtered.setSourceModel(self.grid)
        self.filtered.setFilterKeyColumn(0)
        self.filtered.setFilterRole(SEARCH_ROLE)
        self.filtered.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.search = search_box("Search roles by name or group", "Search the roles")
        self.search.textChanged.connect(self._filter)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Roles shown")
        self.new_button = QPushButton("&New role…")
        self.new_button.clicked.connect(self.add_role)
        self.clear_button = QPushButton("&Clear selected")
        self.clear_button.setToolTip("Make the selected cells not required (Delete)")
        self.clear_button.setEnabled(False)
        self.clear_button.clicked.connect(self.clear_selected)
        self.table = self._grid_view()
        self.legend = QHBoxLayout()
        self.status_label = QLabel()
        self.status_label.setAccessibleName("Last change")

        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.new_button)
        search_row.addWidget(self.clear_button)
        how_to = QLabel(HOW_TO)
        how_to.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                self.title,
                "The training-needs matrix: the tier each role must hold in each topic for its "
                "staff to count as trained at the level appropriate to their role.",
            )
        )
        layout.addLayout(self.legend)
        layout.addWidget(how_to)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)

        self._query = LatestQuery(self)
        self._show_role_id: int | None = None  # a role just added: select it once loaded
        self.reload()

    def _grid_view(self) -> QTableView:
        view = table_view(self.filtered, "Role requirements", sortable=False)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        view.setAlternatingRowColors(False)  # the tints carry the meaning
        view.setItemDelegate(TierDelegate(self.grid, view))
        view.selectionModel().selectionChanged.connect(self._enable_clear)
        for keys in (QKeySequence.StandardKey.Delete, QKeySequence(Qt.Key.Key_Backspace)):
            shortcut = QShortcut(keys, view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self.clear_selected)
        return view

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        space = self.space
        self._query.run(lambda: requirement_grid(space.unit_of_work()), self._show)

    def _show(self, grid: RequirementGrid) -> None:
        self.grid.set_grid(grid)
        self._show_legend()
        fit_columns(self.table)
        header = self.table.horizontalHeader()
        for column in range(len(ROLE_COLUMNS), self.grid.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._show_count()
        self._select_new_role()

    def _show_legend(self) -> None:
        while (item := self.legend.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
        if not self.grid.tiers:
            self.legend.addWidget(QLabel("No tiers yet: add them to the catalogue first."))
            return
        self.legend.addWidget(QLabel("Tiers, lowest first:"))
        for tier in self.grid.tiers:
            self.legend.addWidget(tier_chip(tier, self.grid.tint(tier.id).name()))
        self.legend.addWidget(QLabel("Blank: not required."))
        self.legend.addStretch(1)

    def _filter(self, text: str) -> None:
        self.filtered.setFilterFixedString(text.strip())
        self._show_count()

    def _show_count(self) -> None:
        shown, total = self.filtered.rowCount(), self.grid.rowCount()
        roles = "role" if total == 1 else "roles"
        if total == 0:
            self.count_label.setText("No roles yet")
        elif shown == total:
            self.count_label.setText(f"{total:,} {roles}")
        else:
            self.count_label.setText(f"{shown:,} of {total:,} {roles}")

    # --- editing ----------------------------------------------------------------------------

    def _enable_clear(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = self.table.selectionModel().selectedIndexes()
        self.clear_button.setEnabled(
            any(self.filtered.mapToSource(i).column() >= len(ROLE_COLUMNS) for i in indexes)
        )

    def clear_selected(self) -> None:
        selected = self.table.selectionModel().selectedIndexes()
        self.grid.clear([self.filtered.mapToSource(index) for index in selected])

    def _save(self, changes: list[RequirementChange]) -> None:
        space = self.space
        self.status_label.setText("Saving…")
        run_operation(
            self,
            lambda _progress, _cancelled: change_requirements(space.unit_of_work(), changes),
            lambda held: self._saved(changes, held),
            title="Saving the requirement",
            on_failed=lambda error: self._not_saved(changes, error),
            shown_by_caller=(ConflictError,),
        )

    def _saved(self, changes: list[RequirementChange], held: list[RequirementView | None]) -> None:
        self.grid.saved(changes, held)
        self.status_label.setText(change_summary(changes, held))

    def _not_saved(self, changes: list[RequirementChange], error: BaseException) -> None:
        """Back to what the database holds (other errors have been shown already)."""
        self.grid.not_saved(changes)
        self.status_label.setText("Not saved.")
        if isinstance(error, ConflictError):
            self._explain_conflict(changes)
        self.reload()

    def _explain_conflict(self, changes: list[RequirementChange]) -> None:
        what = self.grid.describe(changes[0]) if len(changes) == 1 else "some of these requirements"
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Changed by someone else")
        box.setText(f"Someone else changed {what} since this page read it, so yours was not saved.")
        box.setInformativeText(
            "The grid now shows what is saved. Make your change again if it is still needed."
        )
        box.exec()

    # --- roles ------------------------------------------------------------------------------

    def add_role(self) -> None:
        self.open_role_dialog()

    def open_role_dialog(self) -> RoleDialog:
        dialog = RoleDialog(self, self.space, self.grid.roles)
        dialog.accepted.connect(lambda: self._role_added(dialog.saved))
        dialog.open()
        return dialog

    def _role_added(self, role: object) -> None:
        if isinstance(role, RoleView):
            self._show_role_id = role.id
            self.status_label.setText(f"Added the role {role.name}: choose the tiers it needs.")
        self.reload()

    def _select_new_role(self) -> None:
        role_id, self._show_role_id = self._show_role_id, None
        if role_id is None:
            return
        self.search.clear()
        index = self.filtered.mapFromSource(self.grid.index(self.grid.row_of(role_id), 0))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
