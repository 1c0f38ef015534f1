"""The audit trail page: every change to the partnership's records, newest first, with who made
it and when; filtered by dates, user, kind of record, action and words; each field's value
before and after shown for the change chosen; and the filtered trail exported as a workbook.

The trail grows with every change, so the table is lazy: it counts the matching changes and
fetches them a page at a time as the user scrolls.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QItemSelection, QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from training.audit import (
    ACTIONS,
    AuditEntryView,
    AuditFilter,
    FieldChange,
    audit_users,
    changes_counted,
    count_audit_entries,
    export_audit,
    list_audit_entries,
    record_types,
)
from training.progress import Cancelled, Progress
from training.workspace import Workspace
from ui.desktop.layout_memory import remember_splitter
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.pages.base import Page
from ui.desktop.report_files import (
    FileKind,
    SavedNotice,
    choose_save_path,
    file_date,
    file_name,
    write_through_temporary,
)
from ui.desktop.table_models import Column, ColumnTableModel, LazyTableModel
from ui.desktop.widgets import chosen_date, date_edit, fit_columns, heading, search_box, table_view

SEARCH_DEBOUNCE_MS = 300  # wait for a pause in typing (or in stepping through dates)
FIRST_DAY_BACK = 30  # days before today that "From" offers when first ticked
EARLIEST = QDate(2000, 1, 1)
NO_USER = "(no user)"
BEFORE_COLUMN, AFTER_COLUMN = 1, 2  # of the fields: hidden where the entry has no such side
CHOOSE_HINT = "Choose a change above to see each field before and after."

ENTRY_COLUMNS: list[Column[AuditEntryView]] = [
    Column("When", lambda e: e.changed_at),
    Column("Who", lambda e: e.user_name or NO_USER),
    Column("Action", lambda e: e.action_label),
    Column("What", lambda e: e.what),
    Column("Record", lambda e: e.record),
    Column("Changes", lambda e: e.summary),
]
FIELD_COLUMNS: list[Column[FieldChange]] = [
    Column("Field", lambda c: c.field),
    Column("Before", lambda c: c.before),
    Column("After", lambda c: c.after),
]


def entry_heading(entry: AuditEntryView) -> str:
    """ "Changed by jo on 23/11/2026 19:28: Staff member Joanne Smith (number 12)"."""
    who = entry.user_name or NO_USER
    number = f" (number {entry.record_id})" if entry.record_id is not None else ""
    record = "" if entry.record == f"number {entry.record_id}" else f" {entry.record}"
    return (
        f"{entry.action_label} by {who} on {entry.changed_at:%d/%m/%Y %H:%M}: "
        f"{entry.what}{record}{number}"
    )


def choice_box(accessible_name: str, everything: str, choices: list[tuple[str, str]]) -> QComboBox:
    """A drop-down list of (text, value) with ``everything`` (no value) first."""
    box = QComboBox()
    box.setAccessibleName(accessible_name)
    box.addItem(everything, None)
    for text, value in choices:
        box.addItem(text, value)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return box


class AuditPage(Page):
    title = "Audit trail"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        self._build_filters()
        self.entries = LazyTableModel(ENTRY_COLUMNS, parent=self)
        self.entries.total_changed.connect(self._show_count)
        self.table = table_view(self.entries, "Changes", sortable=False)
        self.table.selectionModel().selectionChanged.connect(self._entry_chosen)
        self.fields = ColumnTableModel(FIELD_COLUMNS, self)
        self.field_table = self._field_table()
        self.entry_title = QLabel(CHOOSE_HINT)
        self.entry_title.setAccessibleName("The change chosen")
        self.entry_title.setWordWrap(True)
        self.count_label = QLabel("Loading…")
        self.count_label.setAccessibleName("Changes shown")
        self.export_button = QPushButton("&Export…")
        self.export_button.setAccessibleName("Export the changes shown as a workbook")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.notice = SavedNotice()

        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                self.title,
                "Every change made to the partnership's records: who made it and when, newest "
                "first. Records imported from a spreadsheet are listed as their import.",
            )
        )
        layout.addWidget(self.notice)
        layout.addLayout(self._filter_rows())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.table)
        splitter.addWidget(self._detail_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 200])
        remember_splitter(splitter, "audit_page", "changes_and_fields")
        layout.addWidget(splitter, 1)

        self._users_query = LatestQuery(self)
        self._shown_filter = AuditFilter()
        self._fitted = False
        self.reload()

    # --- building ---------------------------------------------------------------------------

    def _build_filters(self) -> None:
        today = dt.date.today()
        self.from_check = QCheckBox("Fro&m")
        self.from_check.setAccessibleName("Only changes from a day")
        self.from_date = date_edit("First day", today - dt.timedelta(days=FIRST_DAY_BACK))
        self.to_check = QCheckBox("&To")
        self.to_check.setAccessibleName("Only changes up to a day")
        self.to_date = date_edit("Last day", today)
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            edit.setMinimumDate(EARLIEST)
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
            check.toggled.connect(self._dates_changed)
            edit.dateChanged.connect(self._dates_changed)
        self.user = choice_box("Who made the change", "Everyone", [])
        self.record_type = choice_box(
            "Kind of record", "All records", [(t.label, t.table_name) for t in record_types()]
        )
        self.action = choice_box(
            "Action", "Any action", [(label, action) for action, label in ACTIONS.items()]
        )
        for box in (self.user, self.record_type, self.action):
            box.currentIndexChanged.connect(self.load_entries)
        self.search = search_box("Search names and values", "Search the changes")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.load_entries)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())

    def _filter_rows(self) -> QVBoxLayout:
        choices = QHBoxLayout()
        for check, edit in ((self.from_check, self.from_date), (self.to_check, self.to_date)):
            choices.addWidget(check)
            choices.addWidget(edit)
            choices.addSpacing(8)
        for text, box in (("&Who:", self.user), ("Wh&at:", self.record_type), ("", self.action)):
            if text:
                label = QLabel(text)
                label.setBuddy(box)
                choices.addWidget(label)
            choices.addWidget(box)
        choices.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        search_row.addWidget(self.export_button)
        rows = QVBoxLayout()
        rows.addLayout(choices)
        rows.addLayout(search_row)
        return rows

    def _field_table(self) -> QTableView:
        view = table_view(self.fields, "Fields before and after", sortable=False)
        view.setWordWrap(True)  # a note's whole text, over as many lines as it takes
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (BEFORE_COLUMN, AFTER_COLUMN):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return view

    def _detail_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.entry_title)
        layout.addWidget(self.field_table, 1)
        return panel

    # --- the filter -------------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            start=chosen_date(self.from_date) if self.from_check.isChecked() else None,
            end=chosen_date(self.to_date) if self.to_check.isChecked() else None,
            user_name=self.user.currentData(),
            table_name=self.record_type.currentData(),
            action=self.action.currentData(),
            search=self.search.text().strip(),
        )

    def _dates_changed(self) -> None:
        # The last day never comes before the first (Qt moves it on if need be).
        first = self.from_date.date() if self.from_check.isChecked() else EARLIEST
        self.to_date.setMinimumDate(first)
        self._search_timer.start()

    # --- loading ----------------------------------------------------------------------------

    def reload(self) -> None:
        space = self.space
        self._users_query.run(lambda: audit_users(space.unit_of_work()), self._show_users)

    def _show_users(self, users: list[str]) -> None:
        chosen = self.user.currentData()
        with QSignalBlocker(self.user):
            self.user.clear()
            self.user.addItem("Everyone", None)
            for name in users:
                self.user.addItem(name, name)
            self.user.setCurrentIndex(max(self.user.findData(chosen), 0))
        self.load_entries()

    def load_entries(self) -> None:
        self._search_timer.stop()
        chosen = self.current_filter()
        space = self.space
        self._shown_filter = chosen
        self.count_label.setText("Loading…")
        self.export_button.setEnabled(False)
        self._show_entry(None)
        self.entries.load(
            lambda offset, limit: list_audit_entries(space.unit_of_work(), chosen, offset, limit),
            lambda: count_audit_entries(space.unit_of_work(), chosen),
        )

    def _show_count(self, total: int) -> None:
        text = changes_counted(total)
        if self._shown_filter != AuditFilter():
            text += " matches" if total == 1 else " match"
        self.count_label.setText(text)
        self.export_button.setEnabled(total > 0)
        if total and not self._fitted:
            fit_columns(self.table)
            self._fitted = True

    # --- the change chosen ------------------------------------------------------------------

    @property
    def chosen_entry(self) -> AuditEntryView | None:
        selected = self.table.selectionModel().selectedRows()
        return self.entries.row_at(selected[0]) if selected else None

    def _entry_chosen(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show_entry(self.chosen_entry)

    def _show_entry(self, entry: AuditEntryView | None) -> None:
        if entry is None:
            self.entry_title.setText(CHOOSE_HINT)
            self.fields.set_rows([])
            return
        self.entry_title.setText(entry_heading(entry))
        self.fields.set_rows(entry.changes)
        self.field_table.setColumnHidden(BEFORE_COLUMN, entry.action == "add")
        self.field_table.setColumnHidden(AFTER_COLUMN, entry.action == "remove")
        self.field_table.resizeColumnToContents(0)

    # --- exporting --------------------------------------------------------------------------

    def export(self) -> None:
        """Ask where, then write the changes the filter picks to a workbook, off the GUI
        thread."""
        name = file_name("Audit trail", file_date(dt.date.today()))
        path = choose_save_path(self, "Export the audit trail", name, FileKind.WORKBOOK)
        if path is None:
            return
        space, chosen = self.space, self._shown_filter

        def job(progress: Progress, cancelled: Cancelled) -> tuple[Path, int]:
            written = write_through_temporary(
                path,
                lambda partial: export_audit(
                    space.unit_of_work(), chosen, partial, progress, cancelled
                ),
            )
            return path, written

        run_operation(
            self, job, self._exported, title="Exporting the audit trail", cancellable=True
        )

    def _exported(self, saved: tuple[Path, int]) -> None:
        path, written = saved
        self.notice.tell(f"Saved {path.name} ({changes_counted(written)}) in {path.parent}.", path)
