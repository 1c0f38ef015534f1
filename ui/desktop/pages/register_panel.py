"""A session's register: mark who attended, add walk-ins, save, and print the sign-in sheet.

Marking is made for a coordinator with twenty names to tick: select people (Ctrl+A selects
everyone) and press A attended, D did not attend, B booked or C cancelled, or click the button;
with one person selected the selection then moves to the next, so A, A, D, A… goes down the
list. The Status cell can also be changed from its drop-down list. Changes are held, in bold,
until "Save register" sends them to ``mark_register`` in one transaction, which enforces the
session's capacity; leaving the register with changes unsaved asks first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from training.catalogue import SessionView
from training.errors import ValidationError
from training.registers import (
    ATTENDANCE_STATUSES,
    RegisterLine,
    RegisterSummary,
    mark_register,
    register,
)
from training.workspace import Workspace
from ui.desktop.forms import ERROR_COLOUR, problem_label
from ui.desktop.operations import LatestQuery, run_operation
from ui.desktop.pages.register_model import (
    AGENCY_COLUMN,
    LONGEST_TEXTS,
    STATUS_COLUMN,
    RegisterModel,
    status_text,
    walk_in_entry,
)
from ui.desktop.pages.session_times import when_text
from ui.desktop.pages.sign_in_printing import print_sign_in_sheet
from ui.desktop.pages.walk_in_dialog import WalkInDialog
from ui.desktop.table_models import SORT_ROLE
from ui.desktop.widgets import fit_columns, table_view

Index = QModelIndex | QPersistentModelIndex
BOLD_ROOM, BOLD_ROOM_EXTRA = 1.15, 6  # bold text is about this much wider (and pixels more)
CELL_PADDING = 24  # pixels either side of a cell's text, and the drop-down's arrow
MARK_KEYS = {"attended": "A", "did not attend": "D", "booked": "B", "cancelled": "C"}
CANCELLED_NOTE = (
    "This session was cancelled, so its register cannot be changed. If it went ahead after "
    "all, change its status with Edit session…, then mark the register."
)


def changes_text(count: int) -> str:
    return "1 unsaved change" if count == 1 else f"{count} unsaved changes"


class StatusDelegate(QStyledItemDelegate):
    """The Status cell edited with a drop-down list; choosing a status takes effect at once."""

    def createEditor(
        self, parent: QWidget, _option: QStyleOptionViewItem, _index: Index
    ) -> QWidget:
        box = QComboBox(parent)
        box.setAccessibleName("Status")
        for status in ATTENDANCE_STATUSES:
            box.addItem(status_text(status), status)
        box.activated.connect(lambda _n: self._commit(box))
        return box

    def _commit(self, box: QComboBox) -> None:
        self.commitData.emit(box)
        self.closeEditor.emit(box)

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


def ask_to_save(parent: QWidget, session: SessionView, count: int) -> int:
    """Save, Discard or Cancel: what to do with the unsaved changes (a StandardButton value)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Unsaved changes")
    box.setText(
        f"The register of {session.course_code} on {session.starts_at:%d/%m/%Y} has "
        f"{changes_text(count)}."
    )
    box.setInformativeText("Save them before you leave it, or discard them?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    return box.exec()


class RegisterPanel(QWidget):
    """The register of one session (``show_session``); ``saved`` fires after each save."""

    saved = Signal()

    def __init__(self, workspace: Callable[[], Workspace], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self.session: SessionView | None = None
        self.agency_names: Mapping[int, str] = {}
        self._saving = False

        self.model = RegisterModel(self)
        self.model.marks_changed.connect(self._show_state)
        self.sorted = QSortFilterProxyModel(self)
        self.sorted.setSourceModel(self.model)
        self.sorted.setSortRole(SORT_ROLE)
        self.sorted.setDynamicSortFilter(False)  # marked lines stay where they are
        self.table = self._register_table()

        self.title_label = QLabel("Choose a session to see its register.")
        self.title_label.setAccessibleName("Register of")
        self.title_label.setWordWrap(True)
        font = QFont(self.title_label.font())
        font.setBold(True)
        self.title_label.setFont(font)
        self.places_label = QLabel()
        self.places_label.setAccessibleName("Places taken")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("About this register")
        self.notice.hide()
        self.banner = problem_label("Why the register was not saved")
        self.hint = QLabel(
            "Select people (Ctrl+A selects everyone), then press A attended, D did not attend, "
            "B booked or C cancelled."
        )
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.setWordWrap(True)

        self.mark_buttons = {status: self._mark_button(status) for status in MARK_KEYS}
        self.walk_in_button = QPushButton("Add &walk-in…")
        self.walk_in_button.setToolTip("Find someone who came without a booking and add them")
        self.walk_in_button.clicked.connect(self.add_walk_in)
        self.print_button = QPushButton("&Print sign-in sheet…")
        self.print_button.setToolTip("Save the sign-in sheet as a PDF to print")
        self.print_button.clicked.connect(self.print_sign_in_sheet)
        self.unsaved_label = QLabel()
        self.unsaved_label.setAccessibleName("Unsaved changes")
        self.discard_button = QPushButton("&Undo changes")
        self.discard_button.clicked.connect(self.discard_changes)
        self.save_button = QPushButton("&Save register")
        self.save_button.clicked.connect(lambda: self.save())
        self.status_line = QLabel()
        self.status_line.setAccessibleName("Register saved")

        self._layout()
        self._query = LatestQuery(self)
        self._fit_next = True  # fit the columns to the next session's lines
        self._show_state()

    def _register_table(self) -> QTableView:
        table = table_view(self.sorted, "Register", sortable=True, stretch_column=AGENCY_COLUMN)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setItemDelegateForColumn(STATUS_COLUMN, StatusDelegate(table))
        table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        for status, key in MARK_KEYS.items():
            shortcut = QShortcut(QKeySequence(key), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=status: self.mark(s))
        return table

    def _mark_button(self, status: str) -> QPushButton:
        key = MARK_KEYS[status]
        button = QPushButton(f"{status_text(status)}  ({key})")
        button.setAccessibleName(f"Mark {status}")
        button.setToolTip(f"Mark the selected people {status} (key {key})")
        button.clicked.connect(lambda: self.mark(status))
        return button

    def _layout(self) -> None:
        # Two short rows rather than one long one: the page must fit a small laptop screen.
        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.places_label)
        header.addWidget(self.walk_in_button)
        header.addWidget(self.print_button)
        marks = QHBoxLayout()
        marks.addWidget(QLabel("Mark selected:"))
        for button in self.mark_buttons.values():
            marks.addWidget(button)
        marks.addStretch(1)
        footer = QHBoxLayout()
        footer.addWidget(self.unsaved_label)
        footer.addWidget(self.status_line, 1)
        footer.addWidget(self.discard_button)
        footer.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addLayout(marks)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

    # --- which session ----------------------------------------------------------------------

    @property
    def has_unsaved_changes(self) -> bool:
        return self.model.unsaved_count > 0

    @property
    def read_only(self) -> bool:
        return self.session is None or self.session.status == "cancelled"

    def show_session(self, session: SessionView | None) -> None:
        """Show the register of ``session`` as saved (dropping any unsaved changes)."""
        self.session = session
        self.banner.hide()
        self.status_line.clear()
        self.model.set_rows([])
        self._fit_next = True
        self._show_state()
        if session is not None:
            self.load_lines()

    def update_session(self, session: SessionView) -> None:
        """The same session, read again: its details change; its lines reload unless changed."""
        self.session = session
        if not self.has_unsaved_changes:
            self.load_lines()
        self._show_state()

    def load_lines(self) -> None:
        if self.session is None:
            return
        space, session_id = self._workspace(), self.session.id
        self._query.run(lambda: register(space.unit_of_work(), session_id), self._show_lines)

    def _show_lines(self, lines: list[RegisterLine]) -> None:
        self.model.set_lines(lines)
        self.sorted.sort(
            self.table.horizontalHeader().sortIndicatorSection(),
            self.table.horizontalHeader().sortIndicatorOrder(),
        )
        if lines and self._fit_next:
            self._fit_columns()
            self._fit_next = False

    def _fit_columns(self) -> None:
        """Fit the columns to the lines, with room for them in bold (as changed lines are)."""
        fit_columns(self.table)
        header = self.table.horizontalHeader()
        bold = QFont(self.table.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        for column in range(header.count()):
            width = round(header.sectionSize(column) * BOLD_ROOM) + BOLD_ROOM_EXTRA
            if column in LONGEST_TEXTS:
                width = max(width, metrics.horizontalAdvance(LONGEST_TEXTS[column]) + CELL_PADDING)
            header.resizeSection(column, width)

    def leave(self, then: Callable[[], None], stay: Callable[[], None]) -> None:
        """Run ``then`` once the unsaved changes are saved or discarded, as the user chooses;
        ``stay`` if they cancel (or the save is refused)."""
        if not self.has_unsaved_changes or self.session is None:
            then()
            return
        if self._saving:  # wait for the save under way; the user can then choose again
            stay()
            return
        answer = ask_to_save(self, self.session, self.model.unsaved_count)
        if answer == QMessageBox.StandardButton.Save.value:
            self.save(on_saved=then, on_refused=stay)
        elif answer == QMessageBox.StandardButton.Discard.value:
            self.discard_changes()
            then()
        else:
            stay()

    # --- marking ----------------------------------------------------------------------------

    def selected_rows(self) -> list[int]:
        """The selected lines, as rows of the register model."""
        return sorted(
            self.sorted.mapToSource(index).row()
            for index in self.table.selectionModel().selectedRows()
        )

    def mark(self, status: str) -> None:
        if self.read_only or self._saving:
            return
        selected = self.table.selectionModel().selectedRows()
        self.model.set_status(self.selected_rows(), status)
        if len(selected) == 1 and selected[0].row() + 1 < self.sorted.rowCount():
            self.table.selectRow(selected[0].row() + 1)  # on to the next person

    def add_walk_in(self) -> None:
        if self.read_only:
            return
        on_register = {e.staff_id: e.status for e in self.model.rows}
        dialog = WalkInDialog(self, self._workspace(), self.agency_names, on_register)
        dialog.accepted.connect(lambda: self._add_person(dialog))
        dialog.open()

    def _add_person(self, dialog: WalkInDialog) -> None:
        if dialog.chosen is None:
            return
        agency = self.agency_names.get(dialog.chosen.agency_id, "")
        row = self.model.add_walk_in(walk_in_entry(dialog.chosen, agency))
        shown = self.sorted.mapFromSource(self.model.index(row, 0))
        self.table.selectRow(shown.row())
        self.table.scrollTo(shown)

    def discard_changes(self) -> None:
        self.model.discard_changes()
        self.banner.hide()

    # --- saving -----------------------------------------------------------------------------

    def save(
        self,
        on_saved: Callable[[], None] | None = None,
        on_refused: Callable[[], None] | None = None,
    ) -> None:
        """Save the changes in one transaction, off the GUI thread."""
        if self.session is None or not self.has_unsaved_changes or self._saving:
            return
        space, session_id, marks = self._workspace(), self.session.id, self.model.marks()
        self._saving = True
        self.banner.hide()
        self._show_state()

        def saved(summary: RegisterSummary) -> None:
            self._saving = False
            self.model.changes_saved()
            self.status_line.setText(self._saved_text(summary))
            self.load_lines()
            self.saved.emit()
            if on_saved is not None:
                on_saved()

        def refused(error: BaseException) -> None:
            self._saving = False
            self._show_state()
            if isinstance(error, ValidationError):
                self._show_refusal(error)
            if on_refused is not None:
                on_refused()

        run_operation(
            self,
            lambda _progress, _cancelled: mark_register(space.unit_of_work(), session_id, marks),
            saved,
            title="Saving the register",
            on_failed=refused,
            shown_by_caller=(ValidationError,),
        )

    @staticmethod
    def _saved_text(summary: RegisterSummary) -> str:
        added = "1 person added" if summary.added == 1 else f"{summary.added} people added"
        changed = "1 line changed" if summary.changed == 1 else f"{summary.changed} lines changed"
        return f"Saved: {added}, {changed}."

    def _show_refusal(self, error: ValidationError) -> None:
        reasons = "; ".join(error.problems.values())
        advice = ""
        if "places" in error.problems:
            advice = (
                " Cancel someone's place, or give the session more places (Edit session…), "
                "then save again."
            )
        self.banner.setText(f"Not saved: {reasons}.{advice} Your changes are still here.")
        self.banner.show()

    # --- printing ---------------------------------------------------------------------------

    def print_sign_in_sheet(self) -> None:
        if self.session is not None and not self.read_only:
            print_sign_in_sheet(self, self._workspace(), self.session, self.model.unsaved_count)

    # --- what the panel shows ---------------------------------------------------------------

    def _show_state(self) -> None:
        session = self.session
        editable = not self.read_only and not self._saving
        self.model.editable = editable
        for button in (*self.mark_buttons.values(), self.walk_in_button):
            button.setEnabled(editable)
        self.print_button.setEnabled(not self.read_only)
        self.hint.setVisible(editable)
        unsaved = self.model.unsaved_count
        self.save_button.setEnabled(editable and unsaved > 0)
        self.discard_button.setEnabled(unsaved > 0 and not self._saving)
        self.unsaved_label.setText(changes_text(unsaved) if unsaved else "No unsaved changes")
        bold = QFont(self.unsaved_label.font())
        bold.setBold(unsaved > 0)
        self.unsaved_label.setFont(bold)
        if unsaved:
            self.status_line.clear()
        if session is None:
            self.title_label.setText("Choose a session to see its register.")
            self.places_label.clear()
            self.notice.hide()
            return
        self.title_label.setText(
            f"Register: {session.course_code} {session.course_title}, {when_text(session)}"
        )
        self.notice.setText(CANCELLED_NOTE)
        self.notice.setVisible(session.status == "cancelled")
        self._show_places(session)

    def _show_places(self, session: SessionView) -> None:
        """Places taken as the register now stands, unsaved changes included."""
        taken, capacity = self.model.places_taken, session.capacity
        too_many = taken > capacity and session.status != "cancelled"
        if session.status == "cancelled":
            text = "Session cancelled"
        elif too_many:
            text = f"{taken} of {capacity} places taken: {taken - capacity} too many"
        else:
            text = f"{taken} of {capacity} places taken, {capacity - taken} free"
        self.places_label.setText(text)
        palette = self.palette()
        if too_many:
            palette.setColor(QPalette.ColorRole.WindowText, ERROR_COLOUR)
        self.places_label.setPalette(palette)
