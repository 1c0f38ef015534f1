"""Finding a walk-in (someone who came without a booking) among the staff of every agency."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from training.staff import StaffView, count_staff, page_staff
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery
from ui.desktop.table_models import Column, ColumnTableModel
from ui.desktop.widgets import fit_columns, search_box, table_view

SEARCH_DEBOUNCE_MS = 300
SHORTEST_SEARCH = 2  # characters: fewer would list half the partnership
SHOWN = 50  # people listed at most; a longer search narrows them


@dataclass(frozen=True)
class Found:
    """What a search found: the first ``SHOWN`` people and how many matched in all."""

    people: list[StaffView]
    total: int


def find_people(space: Workspace, search: str) -> Found:
    return Found(
        page_staff(space.unit_of_work(), search=search, limit=SHOWN),
        count_staff(space.unit_of_work(), search=search),
    )


class WalkInDialog(QDialog):
    """Search by name, email or staff reference; "Add as attended" gives ``chosen``."""

    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        agency_names: Mapping[int, str],
        on_register: Mapping[int, str],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add a walk-in")
        self.setAccessibleName("Add a walk-in")
        self._space = space
        self._agency_names = agency_names
        self._on_register = on_register  # staff id -> status, of those already on the register
        self.chosen: StaffView | None = None

        self.search = search_box(
            "Type a name, email or staff reference", "Search the staff of every agency"
        )
        self.people = ColumnTableModel(self._columns(), self)
        self.table = table_view(self.people, "People found", sortable=False)
        self.table.doubleClicked.connect(self._choose_at)
        self.table.selectionModel().selectionChanged.connect(self._enable_add)
        self.count_label = QLabel(f"Type at least {SHORTEST_SEARCH} letters to search.")
        self.count_label.setAccessibleName("People found")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton(
            "Add as attended", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.add_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Find the person across all agencies, then add them."))
        layout.addWidget(self.search)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(760, 420)

        self._query = LatestQuery(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.run_search)

    def _columns(self) -> list[Column[StaffView]]:
        return [
            Column("Name", lambda s: f"{s.last_name}, {s.first_name}"),
            Column("Agency", lambda s: self._agency_names.get(s.agency_id, "")),
            Column("Role or job title", lambda s: s.job_title or s.role),
            Column("Staff ref", lambda s: s.staff_ref),
            Column("Email", lambda s: s.email),
            Column("Left on", lambda s: s.leave_date),
            Column("On the register", lambda s: self._on_register.get(s.id, "").capitalize()),
        ]

    def run_search(self) -> None:
        self._timer.stop()
        search = self.search.text().strip()
        if len(search) < SHORTEST_SEARCH:
            self._query.drop_pending()
            self.people.set_rows([])
            self.count_label.setText(f"Type at least {SHORTEST_SEARCH} letters to search.")
            return
        space = self._space
        self.count_label.setText("Searching…")
        self._query.run(lambda: find_people(space, search), self._show)

    def _show(self, found: Found) -> None:
        self.people.set_rows(found.people)
        fit_columns(self.table)
        if found.total == 0:
            self.count_label.setText("No one matches. Check the spelling, or try their email.")
        elif found.total > len(found.people):
            self.count_label.setText(
                f"{found.total:,} people match; the first {len(found.people)} are shown. "
                "Type more to narrow them."
            )
        else:
            noun = "person matches" if found.total == 1 else "people match"
            self.count_label.setText(f"{found.total:,} {noun}.")
        if found.people:
            self.table.selectRow(0)

    @property
    def selected(self) -> StaffView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.people.row_at(rows[0]) if rows else None

    def _enable_add(self) -> None:
        self.add_button.setEnabled(self.selected is not None)

    def _choose_at(self, index: QModelIndex) -> None:
        self.table.selectRow(index.row())
        self.accept()

    def accept(self) -> None:
        self.chosen = self.selected
        if self.chosen is not None:
            super().accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return in the search box searches at once; it does not add whoever was found before.
        if self.search.hasFocus() and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return
        super().keyPressEvent(event)
