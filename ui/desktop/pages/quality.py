"""The quality assurance page: a period's evaluations and observations, by course, trainer and
tier; the courses due for assurance; the comments to read; and the partnership's standards."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QSignalBlocker, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from training.dates import add_months
from training.evaluations import EvaluationView, list_evaluations
from training.quality import (
    ObservationView,
    SessionChoice,
    StandardView,
    list_observations,
    list_standards,
    quality_summary,
    sessions_held,
)
from training.quality_figures import (
    ASSURANCE_MONTHS,
    Comment,
    CourseQuality,
    FeedbackFigures,
    GroupQuality,
    QualitySummary,
    Unassured,
)
from training.workspace import Workspace
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.base import Page
from ui.desktop.pages.evaluation_import_dialog import EvaluationImportDialog
from ui.desktop.pages.quality_chart import ConfidenceChart
from ui.desktop.pages.quality_dialogs import (
    ALL_STANDARDS,
    EvaluationDialog,
    ObservationDialog,
    StandardDialog,
)
from ui.desktop.table_models import SORT_ROLE, Column, ColumnTableModel
from ui.desktop.widgets import chosen_date, date_edit, fit_columns, heading, table_view

Row = TypeVar("Row")
DATE_DEBOUNCE_MS = 400  # wait for the user to stop stepping through dates
SCALE_NOTE = (
    "Ratings and confidence are means on a scale of 1 (low) to 5 (high), over the responses "
    "that answered; shift is confidence after less before, SD its standard deviation."
)


def score_text(value: object) -> str:
    return "" if value is None else f"{value:.1f}"


def shift_text(value: object) -> str:
    if isinstance(value, int):
        return f"{value:+d}" if value else "0"
    return "" if value is None else f"{value:+.1f}"


def assured_text(value: object) -> str:
    return "Never" if value is None else f"{value:%d/%m/%Y}"


def ratings(figures: Callable[[Row], FeedbackFigures], trainer: str) -> list[Column[Row]]:
    return [
        Column("Responses", lambda r: figures(r).responses),
        Column("Overall", lambda r: figures(r).overall, score_text),
        Column("Content", lambda r: figures(r).content, score_text),
        Column(trainer, lambda r: figures(r).trainer, score_text),
    ]


def confidence(figures: Callable[[Row], FeedbackFigures]) -> list[Column[Row]]:
    return [
        Column("Before", lambda r: figures(r).before, score_text),
        Column("After", lambda r: figures(r).after, score_text),
        Column("Shift", lambda r: figures(r).shift, shift_text),
        Column("SD", lambda r: figures(r).shift_sd, score_text),
    ]


# Before and after are left to the chart here, so the course's assurance fits beside them.
COURSE_COLUMNS: list[Column[CourseQuality]] = [
    Column("Code", lambda c: c.course.code),
    Column("Course", lambda c: c.course.title),
    *ratings(lambda c: c.feedback, "Trainer"),
    *confidence(lambda c: c.feedback)[2:],
    Column("Observed", lambda c: c.observations.total),
    Column("QA status", lambda c: c.course.qa_status),
    Column("Last assured", lambda c: c.course.last_assured_on, assured_text),
]
TRAINER_COLUMNS: list[Column[GroupQuality]] = [
    Column("Trainer", lambda g: g.name),
    Column("Sessions", lambda g: g.feedback.sessions),
    *ratings(lambda g: g.feedback, "Trainer rating"),
    *confidence(lambda g: g.feedback),
    Column("Observations", lambda g: str(g.observations)),
]
TIER_COLUMNS: list[Column[GroupQuality]] = [
    Column("Tier", lambda g: g.name),
    Column("Sessions", lambda g: g.feedback.sessions),
    *ratings(lambda g: g.feedback, "Trainer"),
    *confidence(lambda g: g.feedback),
    Column("Observations", lambda g: str(g.observations)),
]
OBSERVATION_COLUMNS: list[Column[ObservationView]] = [
    Column("Observed", lambda o: o.observed_on),
    Column("Code", lambda o: o.course_code),
    Column("Course", lambda o: o.course_title),
    Column("Trainer", lambda o: o.trainer),
    Column("Reviewer", lambda o: o.reviewer),
    Column("Standard", lambda o: o.standard or ALL_STANDARDS),
    Column("Outcome", lambda o: o.outcome),
]
EVALUATION_COLUMNS: list[Column[EvaluationView]] = [
    Column("Session", lambda e: e.session_day),
    Column("Submitted", lambda e: e.submitted_on),
    Column("Respondent", lambda e: e.respondent),
    Column("Overall", lambda e: e.overall_rating),
    Column("Content", lambda e: e.content_rating),
    Column("Trainer", lambda e: e.trainer_rating),
    Column("Before", lambda e: e.confidence_before),
    Column("After", lambda e: e.confidence_after),
    Column("Shift", lambda e: e.confidence_shift, shift_text),
    Column("Comments", lambda e: e.comments),
]
UNASSURED_COLUMNS: list[Column[Unassured]] = [
    Column("Code", lambda u: u.course.code),
    Column("Course", lambda u: u.course.title),
    Column("Tier", lambda u: u.course.tier),
    Column("Delivery", lambda u: u.course.delivery_mode),
    Column("QA status now", lambda u: u.course.qa_status),
    Column("Last assured", lambda u: u.assured_on, assured_text),
]
COMMENT_COLUMNS: list[Column[Comment]] = [
    Column("Session", lambda c: c.session_day),
    Column("Code", lambda c: c.course.code),
    Column("Course", lambda c: c.course.title),
    Column("Trainer", lambda c: c.trainer),
    Column("Overall", lambda c: c.overall),
    Column("Comment", lambda c: c.text),
]
STANDARD_COLUMNS: list[Column[StandardView]] = [
    Column("Standard", lambda s: s.name),
    Column("What observers look for", lambda s: s.description),
]


@dataclass(frozen=True)
class QualityData:
    summary: QualitySummary
    observations: list[ObservationView]
    sessions: list[SessionChoice]
    standards: list[StandardView]


def load_quality(space: Workspace, start: dt.date, end: dt.date) -> QualityData:
    return QualityData(
        summary=quality_summary(space.unit_of_work(), start, end),
        observations=list_observations(space.unit_of_work(), start, end),
        sessions=sessions_held(space.unit_of_work(), start, end),
        standards=list_standards(space.unit_of_work()),
    )


def period_summary(summary: QualitySummary) -> str:
    """The period in a few sentences, for the line under the dates."""
    figures, observed = summary.overall, summary.observations
    if figures.responses:
        feedback = (
            f"{figures.responses:,} responses from {figures.sessions:,} sessions "
            f"({figures.anonymous:,} anonymous); overall rating {score_text(figures.overall)}."
        )
    else:
        feedback = "No evaluations of sessions held in this period."
    if figures.paired:
        feedback += (
            f" Confidence went from {score_text(figures.before)} to "
            f"{score_text(figures.after)} (shift {shift_text(figures.shift)}, "
            f"SD {score_text(figures.shift_sd)})."
        )
    observations = (
        f"{observed.total:,} observations: {observed}." if observed.total else "No observations."
    )
    due = len(summary.not_assured)
    assurance = (
        f"{due:,} courses not assured in the {ASSURANCE_MONTHS} months to {summary.end:%d/%m/%Y}."
        if due
        else f"Every course on offer was assured in the {ASSURANCE_MONTHS} months to "
        f"{summary.end:%d/%m/%Y}."
    )
    return f"{feedback} {observations} {assurance}"


def sorted_table(
    model: ColumnTableModel[Row], name: str, stretch_column: int | None = None
) -> QTableView:
    view = table_view(sorted_rows(model), name, sortable=True, stretch_column=stretch_column)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return view


def sorted_rows(model: ColumnTableModel[Row]) -> QSortFilterProxyModel:
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    return proxy


def note(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


def tab(*rows: QWidget | QHBoxLayout) -> QWidget:
    """A tab's page: its rows top to bottom, the table (the last row) taking the height."""
    page = QWidget()
    layout = QVBoxLayout(page)
    for row in rows:
        if isinstance(row, QHBoxLayout):
            layout.addLayout(row)
        else:
            layout.addWidget(row, 1 if isinstance(row, QTableView | ConfidenceChart) else 0)
    return page


def button_row(explained: QLabel, *buttons: QWidget) -> QHBoxLayout:
    """A line of text taking the width the buttons after it leave."""
    row = QHBoxLayout()
    row.addWidget(explained, 1)
    for button in buttons:
        row.addWidget(button)
    return row


def observation_details(observation: ObservationView | None) -> str:
    if observation is None:
        return "Choose an observation to read its actions and notes."
    actions = observation.actions or "none"
    notes = observation.notes or "none"
    return f"Actions: {actions}\nNotes: {notes}"


class QualityPage(Page):
    title = "Quality assurance"

    def __init__(self, space: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(space, parent)
        today = dt.date.today()
        self.start = date_edit("From", add_months(today, -12) + dt.timedelta(days=1))
        self.end = date_edit("To", today)
        self._date_timer = QTimer(self)
        self._date_timer.setSingleShot(True)
        self._date_timer.setInterval(DATE_DEBOUNCE_MS)
        self._date_timer.timeout.connect(self.reload)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _date: self._date_timer.start())
        self.summary = note("Loading…", "Summary of the period")

        self.courses = ColumnTableModel(COURSE_COLUMNS, self)
        self.trainers = ColumnTableModel(TRAINER_COLUMNS, self)
        self.tiers = ColumnTableModel(TIER_COLUMNS, self)
        self.observations = ColumnTableModel(OBSERVATION_COLUMNS, self)
        self.evaluations = ColumnTableModel(EVALUATION_COLUMNS, self)
        self.unassured = ColumnTableModel(UNASSURED_COLUMNS, self)
        self.comments = ColumnTableModel(COMMENT_COLUMNS, self)
        self.standards = ColumnTableModel(STANDARD_COLUMNS, self)
        self.course_table = sorted_table(self.courses, "Quality by course", stretch_column=1)
        self.trainer_table = sorted_table(self.trainers, "Quality by trainer")
        self.tier_table = sorted_table(self.tiers, "Quality by tier")
        self._sorted_observations = sorted_rows(self.observations)
        self.observation_table = table_view(
            self._sorted_observations, "Observations", sortable=True
        )
        self.evaluation_table = sorted_table(self.evaluations, "Evaluations", stretch_column=9)
        self.unassured_table = sorted_table(self.unassured, "Courses not assured")
        self.comment_table = sorted_table(self.comments, "Comments", stretch_column=5)
        self._sorted_standards = sorted_rows(self.standards)
        self.standard_table = table_view(
            self._sorted_standards, "Standards", sortable=True, stretch_column=1
        )
        self.standard_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.observation_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.comment_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.evaluation_table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.tier_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # lowest tier first
        self.chart = ConfidenceChart()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Quality views")
        self.tabs.setUsesScrollButtons(True)
        self._add_tabs()

        layout = QVBoxLayout(self)
        layout.addWidget(
            heading(
                "Quality assurance",
                "What participants thought of the training, observations against the "
                "partnership's standards, and the courses due for assurance.",
            )
        )
        layout.addLayout(self._period_row())
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

        self._query = LatestQuery(self)
        self._evaluation_query = LatestQuery(self)
        self._data: QualityData | None = None
        self._fitted: set[QTableView] = set()
        self.reload()

    # --- layout ---------------------------------------------------------------------------

    def _period_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, field in (("&From:", self.start), ("&To:", self.end)):
            label = QLabel(text)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field)
            row.addSpacing(12)
        row.addStretch(1)
        return row

    def _add_tabs(self) -> None:
        scale = note(SCALE_NOTE, "How to read the figures")
        self.tabs.addTab(tab(scale, self.course_table), "By course")
        self.tabs.addTab(tab(note(SCALE_NOTE, "How to read"), self.trainer_table), "By trainer")
        self.tabs.addTab(tab(note(SCALE_NOTE, "How to read"), self.tier_table), "By tier")
        self.tabs.addTab(tab(self.chart), "Confidence")
        self.tabs.addTab(self._observations_tab(), "Observations")
        self.tabs.addTab(self._evaluations_tab(), "Evaluations")
        self.unassured_note = note("", "Which courses are listed")
        self.tabs.addTab(tab(self.unassured_note, self.unassured_table), "Not assured in 12 months")
        self.comments_note = note("", "Comments shown")
        self.tabs.addTab(tab(self.comments_note, self.comment_table), "Comments")
        self.tabs.addTab(self._standards_tab(), "Standards")

    def _observations_tab(self) -> QWidget:
        self.observations_note = note("", "Observations shown")
        self.record_button = QPushButton("&Record observation…")
        self.record_button.clicked.connect(self.record_observation)
        self.observation_text = note(observation_details(None), "Actions and notes")
        self.observation_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.observation_table.selectionModel().selectionChanged.connect(
            self._show_observation_details
        )
        return tab(
            button_row(self.observations_note, self.record_button),
            self.observation_table,
            self.observation_text,
        )

    def _evaluations_tab(self) -> QWidget:
        self.course_choice = QComboBox()
        self.course_choice.setAccessibleName("Course")
        self.course_choice.setMinimumContentsLength(30)
        self.course_choice.currentIndexChanged.connect(self._course_chosen)
        self.session_choice = QComboBox()
        self.session_choice.setAccessibleName("Session")
        self.session_choice.setMinimumContentsLength(30)
        self.session_choice.currentIndexChanged.connect(lambda _index: self.load_evaluations())
        self.enter_button = QPushButton("&Enter evaluation…")
        self.enter_button.clicked.connect(self.enter_evaluation)
        self.import_button = QPushButton("&Import evaluations…")
        self.import_button.clicked.connect(self.import_evaluations)
        self.evaluations_note = note("", "Evaluations shown")
        choices = QHBoxLayout()
        for text, box in (("C&ourse:", self.course_choice), ("Se&ssion:", self.session_choice)):
            label = QLabel(text)
            label.setBuddy(box)
            choices.addWidget(label)
            choices.addWidget(box)
        choices.addStretch(1)
        choices.addWidget(self.enter_button)
        choices.addWidget(self.import_button)
        return tab(choices, self.evaluations_note, self.evaluation_table)

    def _standards_tab(self) -> QWidget:
        self.new_standard_button = QPushButton("&New standard…")
        self.new_standard_button.clicked.connect(lambda: self.open_standard_dialog(None))
        self.edit_standard_button = QPushButton("Edit &standard…")
        self.edit_standard_button.clicked.connect(self.edit_standard)
        self.standard_table.doubleClicked.connect(self._edit_standard_at)
        explained = note(
            "What observers look for in a session. Record each observation against one "
            "standard, or all of them.",
            "About the standards",
        )
        buttons = button_row(explained, self.new_standard_button, self.edit_standard_button)
        return tab(buttons, self.standard_table)

    # --- loading --------------------------------------------------------------------------

    @property
    def period(self) -> tuple[dt.date, dt.date]:
        return chosen_date(self.start), chosen_date(self.end)

    def reload(self) -> None:
        start, end = self.period
        if end < start:
            self._query.drop_pending()
            self.summary.setText("The period ends before it starts: choose a later To date.")
            return
        space = self.space
        self.summary.setText(f"Counting {start:%d/%m/%Y} to {end:%d/%m/%Y}…")
        self._query.run(lambda: load_quality(space, start, end), self._show)

    def _show(self, data: QualityData) -> None:
        self._data = data
        summary = data.summary
        self.summary.setText(period_summary(summary))
        self.courses.set_rows(summary.by_course)
        self.trainers.set_rows(summary.by_trainer)
        self.tiers.set_rows(summary.by_tier)
        self.observations.set_rows(data.observations)
        self.observation_text.setText(observation_details(None))
        self.unassured.set_rows(summary.not_assured)
        self.comments.set_rows(summary.comments)
        self.standards.set_rows(data.standards)
        self.chart.show_courses(summary.by_course)
        self._show_notes(data)
        self._show_course_choices(data.sessions)
        for table in (
            self.course_table, self.trainer_table, self.tier_table, self.observation_table,
            self.unassured_table, self.comment_table, self.standard_table,
        ):  # fmt: skip
            self._fit(table)

    def _show_notes(self, data: QualityData) -> None:
        summary = data.summary
        since = add_months(summary.end, -ASSURANCE_MONTHS)
        self.unassured_note.setText(
            f"Courses on offer with no assurance from {since:%d/%m/%Y} to "
            f"{summary.end:%d/%m/%Y}: {len(summary.not_assured):,}. Last assured is the latest "
            "assurance on or before the end of the period."
        )
        self.comments_note.setText(
            f"{len(summary.comments):,} comments on sessions held in the period, newest first."
        )
        self.observations_note.setText(
            f"{len(data.observations):,} observations in the period."
            if data.observations
            else "No observations in the period."
        )

    def _fit(self, table: QTableView) -> None:
        if table.model().rowCount() and table not in self._fitted:
            fit_columns(table)
            self._fitted.add(table)

    def _show_course_choices(self, sessions: Sequence[SessionChoice]) -> None:
        chosen = self.course_choice.currentData()
        courses = sorted({(s.course_code, s.course_title, s.course_id) for s in sessions})
        with QSignalBlocker(self.course_choice):
            self.course_choice.clear()
            for code, title, course_id in courses:
                self.course_choice.addItem(f"{code} {title}", course_id)
            self.course_choice.setCurrentIndex(max(self.course_choice.findData(chosen), 0))
        self.enter_button.setEnabled(bool(sessions))
        self.import_button.setEnabled(bool(sessions))
        self.record_button.setEnabled(bool(sessions))
        self._course_chosen()

    def _course_chosen(self) -> None:
        chosen = self.session_choice.currentData()
        with QSignalBlocker(self.session_choice):
            self.session_choice.clear()
            self.session_choice.addItem("All sessions in the period", None)
            for held in self._sessions_of_course():
                trainer = f" ({held.trainer})" if held.trainer else ""
                self.session_choice.addItem(f"{held.starts_at:%d/%m/%Y}{trainer}", held.id)
            self.session_choice.setCurrentIndex(max(self.session_choice.findData(chosen), 0))
        self.load_evaluations()

    def _sessions_of_course(self) -> list[SessionChoice]:
        course_id = self.course_choice.currentData()
        sessions = self._data.sessions if self._data else []
        return [s for s in sessions if s.course_id == course_id]

    def load_evaluations(self) -> None:
        chosen = self.session_choice.currentData()
        ids = [chosen] if chosen is not None else [s.id for s in self._sessions_of_course()]
        if not ids:
            self._evaluation_query.drop_pending()
            self.evaluations.set_rows([])
            self.evaluations_note.setText("No sessions were held in the period.")
            return
        space = self.space
        self._evaluation_query.run(
            lambda: list_evaluations(space.unit_of_work(), ids), self._show_evaluations
        )

    def _show_evaluations(self, rows: list[EvaluationView]) -> None:
        self.evaluations.set_rows(rows)
        anonymous = sum(1 for row in rows if row.staff_id is None)
        self.evaluations_note.setText(
            f"{len(rows):,} responses ({anonymous:,} anonymous)."
            if rows
            else "No responses entered for this choice yet."
        )
        self._fit(self.evaluation_table)

    def _show_observation_details(self) -> None:
        selected = self.observation_table.selectionModel().selectedRows()
        chosen = None
        if selected:
            chosen = self.observations.row_at(self._sorted_observations.mapToSource(selected[0]))
        self.observation_text.setText(observation_details(chosen))

    # --- dialogs --------------------------------------------------------------------------

    def record_observation(self) -> ObservationDialog:
        data = self._data
        dialog = ObservationDialog(
            self,
            self.space,
            data.sessions if data else [],
            data.standards if data else [],
            sorted({o.reviewer for o in data.observations}) if data else [],
        )
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def _evaluated_session(self) -> int | None:
        """The session chosen on the Evaluations tab, else the course's latest."""
        chosen = self.session_choice.currentData()
        if chosen is None and (of_course := self._sessions_of_course()):
            chosen = of_course[0].id
        return chosen

    def enter_evaluation(self) -> EvaluationDialog:
        sessions = self._data.sessions if self._data else []
        dialog = EvaluationDialog(self, self.space, sessions, self._evaluated_session())
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog

    def import_evaluations(self) -> EvaluationImportDialog:
        sessions = self._data.sessions if self._data else []
        dialog = EvaluationImportDialog(self, self.space, sessions, self._evaluated_session())
        dialog.imported.connect(lambda _summary: self.reload())
        dialog.open()
        return dialog

    @property
    def chosen_standard(self) -> StandardView | None:
        selected = self.standard_table.selectionModel().selectedRows()
        if not selected:
            return None
        return self.standards.row_at(self._sorted_standards.mapToSource(selected[0]))

    def edit_standard(self) -> None:
        if (standard := self.chosen_standard) is not None:
            self.open_standard_dialog(standard)

    def _edit_standard_at(self, index: QModelIndex) -> None:
        self.open_standard_dialog(self.standards.row_at(self._sorted_standards.mapToSource(index)))

    def open_standard_dialog(self, standard: StandardView | None) -> StandardDialog:
        dialog = StandardDialog(self, self.space, standard)
        dialog.accepted.connect(self.reload)
        dialog.open()
        return dialog
