"""The import wizard's first page: which file, what it holds, whose it is, and the options.

Next reads the file's column headings off the GUI thread before the wizard moves on; a file
that cannot be read is refused here, with its name and every problem.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from training.agencies import list_agencies
from training.catalogue import CourseView, SessionView, list_courses, list_sessions
from training.errors import UserError, ValidationError, WorkbookError
from training.imports.candidates import ImportKind
from training.imports.file_columns import FileColumns, read_file_columns
from training.imports.files import SpreadsheetRefused
from training.progress import Cancelled, Progress
from training.workspace import Workspace
from ui.desktop.forms import ERROR_COLOUR, problem_label, sentence
from ui.desktop.operations import LatestQuery, run_operation

if TYPE_CHECKING:
    from ui.desktop.import_wizard import ImportWizard

SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv")
SPREADSHEET_FILTER = "Spreadsheets (*.xlsx *.xlsm *.csv);;All files (*)"
FOLDER_KEY = "imports/folder"
REFUSAL_BACKGROUND = "#fdeced"  # behind ERROR_COLOUR text: a contrast above 6:1

KINDS: dict[ImportKind, tuple[str, str]] = {
    ImportKind.ATTENDANCE: ("&Attendance", "a sign-in sheet, a register or a training log"),
    ImportKind.ELEARNING: ("&E-learning completions", "a report from an e-learning platform"),
    ImportKind.STAFF: ("&Staff list", "the agency's list of its staff, from HR"),
}


@dataclass(frozen=True)
class FileChoice:
    """The answers of the first page: which file, what it holds, whose, and the options."""

    path: Path
    kind: ImportKind
    agency: str
    session_id: int | None = None
    course: str | None = None  # the course of every row, for files that name none
    create_people: bool = False


@dataclass(frozen=True)
class ImportChoices:
    """What the first page offers to choose from."""

    agencies: list[str]
    sessions: list[SessionView]
    courses: list[CourseView]


def load_import_choices(space: Workspace) -> ImportChoices:
    sessions = list_sessions(space.unit_of_work())
    return ImportChoices(
        agencies=[agency.name for agency in list_agencies(space.unit_of_work())],
        sessions=sorted(sessions, key=lambda s: s.starts_at, reverse=True),
        courses=list_courses(space.unit_of_work()),
    )


def session_text(session: SessionView) -> str:
    venue = f", {session.venue}" if session.venue else ""
    return (
        f"{session.starts_at:%d/%m/%Y %H:%M}  {session.course_code} {session.course_title}{venue}"
    )


def refusal_problems(error: UserError, path: Path) -> tuple[str, list[str]]:
    """The refused file's name, and every problem with it as a sentence."""
    if isinstance(error, WorkbookError):
        problems = []
        for problem in error.problems:
            where = [
                *([f"sheet {problem.sheet}"] if problem.sheet else []),
                *([f"row {problem.row}"] if problem.row is not None else []),
                *([f"column {problem.column!r}"] if problem.column else []),
            ]
            text = sentence(problem.message)
            problems.append(f"{sentence(', '.join(where))}: {text}" if where else text)
        return error.file, problems
    if isinstance(error, SpreadsheetRefused):
        return error.path.name, [sentence(error.reason)]
    if isinstance(error, ValidationError):
        return path.name, [f"{sentence(name)}: {text}" for name, text in error.problems.items()]
    return path.name, [str(error)]


def searchable_combo(accessible_name: str) -> QComboBox:
    """A drop-down list that also finds an entry by any part of its text as the user types."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(20)
    combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    combo.setMinimumContentsLength(30)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    completer = QCompleter(combo.model(), combo)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    combo.setAccessibleName(accessible_name)
    line = combo.lineEdit()
    assert line is not None  # the combo is editable
    line.setPlaceholderText("Type to search, or pick from the list")
    combo.currentIndexChanged.connect(lambda _index: line.setCursorPosition(0))  # the start shows
    return combo


def chosen_data(combo: QComboBox) -> object:
    """The data of the entry the combo shows; None while its text names no entry."""
    index = combo.currentIndex()
    if index < 0 or combo.itemText(index) != combo.currentText():
        return None
    return combo.itemData(index)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard, path: Path | None) -> None:
        super().__init__()
        self._wizard = wizard
        self._busy = False
        self._ready: FileChoice | None = None  # the choice whose headings have just been read
        self.setTitle("Which spreadsheet?")
        self.setSubTitle(
            "Choose the file, what it holds and whose it is. Nothing is saved until you have "
            "seen every row and pressed Import."
        )
        self.refusal = problem_label("Why the file cannot be imported")
        self.refusal.setTextFormat(Qt.TextFormat.RichText)
        self.refusal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal_area = QScrollArea()
        self.refusal_area.setWidget(self.refusal)
        self.refusal_area.setWidgetResizable(True)
        self.refusal_area.setMaximumHeight(180)
        self.refusal_area.setStyleSheet(
            f"QScrollArea {{ border: 1px solid {ERROR_COLOUR.name()}; border-radius: 4px;"
            f" background: {REFUSAL_BACKGROUND}; }}"
            "QScrollArea > QWidget > QWidget { background: transparent; }"
            "QLabel { padding: 4px 6px; }"
        )
        self.refusal_area.hide()

        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setPlaceholderText("An Excel workbook (.xlsx) or a CSV file")
        self.path_edit.setAccessibleName("Spreadsheet file")
        self.path_edit.textChanged.connect(self._changed)
        self.browse_button = QPushButton("&Choose…")
        self.browse_button.clicked.connect(self.choose_file)
        self.kind_buttons = QButtonGroup(self)
        self.agency = searchable_combo("Agency")
        self.agency.currentTextChanged.connect(self._changed)

        self.by_row = QRadioButton("Each row gives its course and date")
        self.one_session = QRadioButton("Every row is on one session:")
        self.one_course = QRadioButton("Every row is on one course (each row gives the date):")
        self.rows_on = QButtonGroup(self)
        for button in (self.by_row, self.one_session, self.one_course):
            self.rows_on.addButton(button)
        self.by_row.setChecked(True)
        self.rows_on.buttonToggled.connect(self._changed)
        self.session = searchable_combo("Session")
        self.session.currentTextChanged.connect(self._session_edited)
        self.course = searchable_combo("Course")
        self.course.currentTextChanged.connect(self._course_edited)
        self.create_people = QCheckBox(
            "Add people not yet on the agency's staff list (otherwise their rows are rejected)"
        )
        self.training = self._training_box()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow("&File:", self._file_row())
        form.addRow("It holds:", self._kind_column())
        form.addRow("A&gency:", self.agency)
        layout = QVBoxLayout(self)
        layout.addWidget(self.refusal_area)
        layout.addLayout(form)
        layout.addWidget(self.training)
        layout.addWidget(self.create_people)
        layout.addStretch(1)
        self._show_options()
        space = wizard.space
        LatestQuery(self).run(lambda: load_import_choices(space), self._fill_choices)

    def _file_row(self) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.path_edit, 1)
        layout.addWidget(self.browse_button)
        return row

    def _kind_column(self) -> QWidget:
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for kind, (label, note) in KINDS.items():
            button = QRadioButton(f"{label} — {note}")
            button.setProperty("kind", kind.value)
            button.setAccessibleName(label.replace("&", ""))
            self.kind_buttons.addButton(button)
            layout.addWidget(button)
            button.setChecked(kind is ImportKind.ATTENDANCE)
        self.kind_buttons.buttonToggled.connect(self._changed)
        return column

    def _training_box(self) -> QGroupBox:
        box = QGroupBox("The training")
        grid = QFormLayout(box)
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        grid.addRow(self.by_row)
        grid.addRow(self.one_session, self.session)
        grid.addRow(self.one_course, self.course)
        return box

    def _fill_choices(self, choices: ImportChoices) -> None:
        for combo in (self.agency, self.session, self.course):
            combo.blockSignals(True)
            combo.clear()
        for name in choices.agencies:
            self.agency.addItem(name, name)
        for session in choices.sessions:
            self.session.addItem(session_text(session), session.id)
        for course in choices.courses:
            self.course.addItem(f"{course.code} — {course.title}", course.code)
        for combo in (self.agency, self.session, self.course):
            combo.setCurrentIndex(0 if combo is self.agency and combo.count() == 1 else -1)
            combo.blockSignals(False)
        self._changed()

    @property
    def kind(self) -> ImportKind:
        button = self.kind_buttons.checkedButton()
        return ImportKind(button.property("kind")) if button else ImportKind.ATTENDANCE

    def set_kind(self, kind: ImportKind) -> None:
        for button in self.kind_buttons.buttons():
            button.setChecked(button.property("kind") == kind.value)

    def choice(self) -> FileChoice | None:
        """The page's answers, or None while one is missing."""
        path, agency, kind = self.path_edit.text().strip(), chosen_data(self.agency), self.kind
        if not path or not isinstance(agency, str):
            return None
        session_id: int | None = None
        course: str | None = None
        if kind is ImportKind.ATTENDANCE and self.one_session.isChecked():
            if not isinstance(chosen := chosen_data(self.session), int):
                return None
            session_id = chosen
        if kind is ImportKind.ATTENDANCE and self.one_course.isChecked():
            if not isinstance(chosen := chosen_data(self.course), str):
                return None
            course = chosen
        create = kind is not ImportKind.STAFF and self.create_people.isChecked()
        return FileChoice(Path(path).expanduser(), kind, agency, session_id, course, create)

    def choose_file(self) -> None:
        settings = QSettings()
        folder = str(settings.value(FOLDER_KEY, str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose the spreadsheet to import", folder, SPREADSHEET_FILTER
        )
        if path:
            settings.setValue(FOLDER_KEY, str(Path(path).parent))
            self.path_edit.setText(path)

    def _session_edited(self) -> None:
        if chosen_data(self.session) is not None:
            self.one_session.setChecked(True)
        self._changed()

    def _course_edited(self) -> None:
        if chosen_data(self.course) is not None:
            self.one_course.setChecked(True)
        self._changed()

    def _changed(self) -> None:
        self._show_options()
        self.completeChanged.emit()

    def _show_options(self) -> None:
        kind = self.kind
        self.training.setVisible(kind is ImportKind.ATTENDANCE)
        self.create_people.setVisible(kind is not ImportKind.STAFF)

    def show_refusal(self, file_name: str, problems: list[str]) -> None:
        items = "".join(f"<li>{html.escape(problem)}</li>" for problem in problems)
        self.refusal.setText(
            f"<b>{html.escape(file_name)} cannot be imported.</b> Nothing was saved."
            f"<ul style='margin-left: 12px; -qt-list-indent: 0'>{items}</ul>"
        )
        self.refusal.show()
        self.refusal_area.show()

    def hide_refusal(self) -> None:
        self.refusal.clear()
        self.refusal_area.hide()

    @property
    def refusal_text(self) -> str:
        """The refusal shown, as plain text ("" when there is none)."""
        if self.refusal_area.isHidden():
            return ""
        return self.refusal.text()

    def isComplete(self) -> bool:
        return not self._busy and self.choice() is not None

    def validatePage(self) -> bool:
        """Next reads the file's headings first (off the GUI thread), then moves on."""
        choice = self.choice()
        if choice is None or self._busy:
            return False
        if self._ready == choice:
            self._ready = None
            return True
        self._read_columns(choice)
        return False

    def _read_columns(self, choice: FileChoice) -> None:
        self._set_busy(True)
        self.hide_refusal()
        space = self._wizard.space

        def read(_progress: Progress, _cancelled: Cancelled) -> FileColumns:
            return read_file_columns(space.unit_of_work(), choice.path, choice.kind, choice.agency)

        def done(columns: FileColumns) -> None:
            self._set_busy(False)
            self._wizard.choice, self._wizard.columns = choice, columns
            self._ready = choice
            self._wizard.next()

        def failed(error: BaseException) -> None:
            self._set_busy(False)
            if isinstance(error, UserError):
                self.show_refusal(*refusal_problems(error, choice.path))

        run_operation(
            self._wizard,
            read,
            done,
            title=f"Reading {choice.path.name}",
            on_failed=failed,
            shown_by_caller=(UserError,),
        )

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.completeChanged.emit()  # the wizard sets its buttons anew: Back, too
        if busy:
            self._wizard.button(QWizard.WizardButton.BackButton).setEnabled(False)
