"""Agencies and their staff: choose an agency on the left, search its staff on the right.

The staff table is lazy: it counts the matching staff and fetches them a page at a time as
the user scrolls, so a partnership of 100,000 staff opens at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QItemSelection, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from training.agencies import AgencyView, list_agencies
from training.data_protection import ErasedPerson
from training.staff import StaffView, count_staff, page_staff
from training.workspace import Workspace
from ui.desktop.layout_memory import remember_splitter
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.pages.person_data import (
    erase_on_request,
    export_everything_held,
    may_handle_personal_data,
)
from ui.desktop.report_files import SavedFile, SavedNotice
from ui.desktop.table_models import Column, ColumnTableModel, LazyTableModel
from ui.desktop.widgets import fit_columns, heading, search_box, table_view

SEARCH_DEBOUNCE_MS = 300  # wait for a pause in typing before searching again
AGENCY_COLUMN = 1  # of the staff columns: hidden when one agency is chosen


@dataclass(frozen=True)
class AgencyChoice:
    """A line of the agency list: one agency, or (``agency_id`` None) all of them."""

    agency_id: int | None
    name: str
    staff_count: int


def agency_choices(agencies: Sequence[AgencyView]) -> list[AgencyChoice]:
    everyone = AgencyChoice(None, "All agencies", sum(a.staff_count for a in agencies))
    return [everyone] + [AgencyChoice(a.id, a.name, a.staff_count) for a in agencies]


def staff_name(person: StaffView) -> str:
    """Surname first, for a list by surname; an anonymised person as what they now are."""
    if person.anonymised_on is not None:
        return person.full_name
    return f"{person.last_name}, {person.first_name}"


AGENCY_COLUMNS: list[Column[AgencyChoice]] = [
    Column("Agency", lambda a: a.name),
    Column("Staff", lambda a: a.staff_count),
]


class StaffPage(Page):
    title = "Agencies & staff"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self._agency_names: dict[int, str] = {}
        self.agencies = ColumnTableModel(AGENCY_COLUMNS, self)
        self.agency_table = table_view(self.agencies, "Agencies", sortable=False, stretch_column=0)
        self.agency_table.selectionModel().selectionChanged.connect(self._agency_chosen)

        self.staff = LazyTableModel(self._staff_columns(), parent=self)
        self.staff.total_changed.connect(self._show_count)
        self.staff_table = table_view(self.staff, "Staff members", sortable=False)
        self.search = search_box("Search by name, email or staff reference", "Search the staff")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.load_staff)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Staff shown")
        self.export_button = QPushButton("E&xport everything held…")
        self.export_button.setToolTip("Export everything held about this person (xlsx)")
        self.export_button.setAccessibleName("Export everything held about this person")
        self.export_button.clicked.connect(self.export_chosen)
        self.erase_button = QPushButton("&Erase on request…")
        self.erase_button.setToolTip("Erase this person's personal data on their request")
        self.erase_button.setAccessibleName("Erase this person's personal data on request")
        self.erase_button.clicked.connect(self.erase_chosen)
        self.staff_table.selectionModel().selectionChanged.connect(self._enable_person_actions)
        self.staff.modelReset.connect(self._enable_person_actions)
        self.notice = SavedNotice()

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title, "Partner agencies and the people in them."))
        layout.addWidget(self.notice)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.agency_table)
        splitter.addWidget(self._staff_panel())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 920])
        remember_splitter(splitter, "staff_page", "agencies_and_staff")
        layout.addWidget(splitter, 1)

        self._agencies_query = LatestQuery(self)
        self._shown_staff = ""  # which staff the table shows: " in <agency> matching <text>"
        self._fitted = False
        self._choose_after_load: int | None = None
        self.reload()

    def _staff_columns(self) -> list[Column[StaffView]]:
        return [
            Column("Name", staff_name),
            Column("Agency", lambda s: self._agency_names.get(s.agency_id, "")),
            Column("Role", lambda s: s.role),
            Column("Job title", lambda s: s.job_title),
            Column("Staff ref", lambda s: s.staff_ref),
            Column("Email", lambda s: s.email),
            Column("Started", lambda s: s.start_date),
            Column("Left", lambda s: s.leave_date),
            Column("Front line", lambda s: s.front_line),
        ]

    def _staff_panel(self) -> QWidget:
        panel = QWidget()
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        person_row = QHBoxLayout()  # the chosen person's data: beneath, to keep the page narrow
        person_row.addStretch(1)
        person_row.addWidget(self.export_button)
        person_row.addWidget(self.erase_button)
        self._enable_person_actions()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addWidget(self.staff_table, 1)
        layout.addLayout(person_row)
        return panel

    @property
    def chosen_agency(self) -> AgencyChoice | None:
        selected = self.agency_table.selectionModel().selectedRows()
        return self.agencies.row_at(selected[0]) if selected else None

    def reload(self) -> None:
        space = self.space
        for action in (self.export_button, self.erase_button):
            action.setVisible(may_handle_personal_data(space))
        self._agencies_query.run(lambda: list_agencies(space.unit_of_work()), self._show_agencies)

    def _show_agencies(self, agencies: list[AgencyView]) -> None:
        chosen = self.chosen_agency
        chosen_id = chosen.agency_id if chosen else None
        self._agency_names = {a.id: a.name for a in agencies}
        choices = agency_choices(agencies)
        self.agencies.set_rows(choices)  # clears the selection
        fit_columns(self.agency_table)
        row = next((i for i, c in enumerate(choices) if c.agency_id == chosen_id), 0)
        self.agency_table.selectRow(row)  # loads the staff, through _agency_chosen

    def _agency_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self.chosen_agency is not None:
            self.load_staff()

    def load_staff(self) -> None:
        self._search_timer.stop()
        chosen = self.chosen_agency
        agency_id = chosen.agency_id if chosen else None
        search = self.search.text().strip()
        space = self.space
        in_agency = f" in {chosen.name}" if chosen and agency_id is not None else ""
        self._shown_staff = in_agency + (f" matching “{search}”" if search else "")
        self.count_label.setText("Loading…")
        self.staff_table.setColumnHidden(AGENCY_COLUMN, agency_id is not None)
        self.staff.load(
            lambda offset, limit: page_staff(
                space.unit_of_work(),
                agency_id=agency_id,
                search=search,
                offset=offset,
                limit=limit,
            ),
            lambda: count_staff(space.unit_of_work(), agency_id=agency_id, search=search),
        )

    def _show_count(self, total: int) -> None:
        noun = "staff member" if total == 1 else "staff members"
        self.count_label.setText(f"{total:,} {noun}{self._shown_staff}")
        if total and not self._fitted:
            fit_columns(self.staff_table)
            self._fitted = True
        if self._choose_after_load is not None:
            self._choose_loaded()

    # --- one person's personal data -------------------------------------------------------

    @property
    def chosen_staff(self) -> StaffView | None:
        selected = self.staff_table.selectionModel().selectedRows()
        return self.staff.row_at(selected[0]) if selected else None

    def _enable_person_actions(self) -> None:
        person = self.chosen_staff
        self.export_button.setEnabled(person is not None)
        self.erase_button.setEnabled(person is not None and person.anonymised_on is None)

    def export_chosen(self) -> None:
        person = self.chosen_staff
        if person is not None:
            export_everything_held(self, self.space, person, self._exported)

    def _exported(self, saved: SavedFile) -> None:
        self.notice.tell(f"Everything held saved as {saved.description}.", saved.path)

    def erase_chosen(self) -> None:
        person = self.chosen_staff
        if person is not None and person.anonymised_on is None:
            erase_on_request(self, self.space, person, lambda erased: self._erased(person, erased))

    def _erased(self, person: StaffView, erased: ErasedPerson) -> None:
        self.notice.tell(f"{person.full_name} was erased on request, and is now {erased.name}.")
        self._choose_after_load = erased.staff_id
        self.search.setText(erased.name)  # their row, as it now reads, wherever it sorts
        self.load_staff()

    def _choose_loaded(self) -> None:
        """Select the person to choose once loaded, if the first page shows them."""
        wanted, self._choose_after_load = self._choose_after_load, None
        rows = self.staff.rows
        row = next((n for n, person in enumerate(rows) if person.id == wanted), None)
        if row is not None:
            self.staff_table.selectRow(row)
            self.staff_table.resizeColumnToContents(0)  # the name, which may now be longer
