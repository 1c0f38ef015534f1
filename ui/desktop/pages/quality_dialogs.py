"""The quality assurance dialogs: record an observation, enter an evaluation, edit a standard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from training.evaluations import (
    ANONYMOUS,
    EvaluationDraft,
    Respondent,
    enter_evaluation,
    respondents,
)
from training.quality import (
    QA_STATUS_AFTER,
    ObservationDraft,
    SessionChoice,
    StandardView,
    record_observation,
    save_standard,
)
from training.quality_figures import QA_OUTCOMES
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save
from ui.desktop.operations import LatestQuery
from ui.desktop.pages.course_dialog import choice_box
from ui.desktop.widgets import chosen_date, date_edit, qdate

NOT_ANSWERED = 0  # a score box's lowest value, shown as "Not answered"
ALL_STANDARDS = "All standards"


def text_box(text: str = "", lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit(text)
    box.setTabChangesFocus(True)
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    return box


def session_box(sessions: Sequence[SessionChoice], current: int | None) -> QComboBox:
    box = choice_box([(str(s), s.id) for s in sessions], current)
    box.setMinimumContentsLength(40)
    return box


def score_box() -> QSpinBox:
    box = QSpinBox()
    box.setRange(NOT_ANSWERED, 5)
    box.setSpecialValueText("Not answered")
    box.setSuffix(" out of 5")
    return box


def score(box: QSpinBox) -> int | None:
    return box.value() or None


class ObservationDialog(FormDialog):
    """A reviewer's observation of a session; saving it moves the course's QA status on."""

    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        sessions: Sequence[SessionChoice],
        standards: Sequence[StandardView],
        reviewers: Sequence[str] = (),
        session_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Record observation")
        self._space = space
        self._days = {s.id: s.starts_at.date() for s in sessions}
        self.session = session_box(sessions, session_id)
        self.reviewer = QLineEdit()
        self.reviewer.setCompleter(QCompleter(list(reviewers), self.reviewer))
        self.standard = choice_box(
            [(ALL_STANDARDS, None), *((s.name, s.id) for s in standards)], None
        )
        self.outcome = choice_box([(o.capitalize(), o) for o in QA_OUTCOMES], "good")
        self.status_note = QLabel()
        self.actions_edit = text_box()
        self.notes = text_box()
        self.observed_on = date_edit("Observed on", self._day_of_session())

        self.add_field("session", "Session:", self.session)
        self.add_field("observed on", "Observed on:", self.observed_on)
        self.add_field("reviewer", "Reviewer:", self.reviewer)
        self.add_field("standard", "Standard:", self.standard)
        self.add_field("outcome", "Outcome:", self.outcome)
        self.add_field("course status", "Course becomes:", self.status_note)
        self.add_field("actions", "Actions:", self.actions_edit)
        self.add_field("notes", "Notes:", self.notes)
        self.session.currentIndexChanged.connect(self._session_chosen)
        self.outcome.currentIndexChanged.connect(self._show_status)
        self._show_status()

    def _day_of_session(self) -> dt.date | None:
        return self._days.get(self.session.currentData())

    def _session_chosen(self) -> None:
        if (day := self._day_of_session()) is not None:
            self.observed_on.setDate(qdate(day))

    def _show_status(self) -> None:
        status = QA_STATUS_AFTER.get(self.outcome.currentData() or "", "")
        self.status_note.setText(f"{status} (if this is its latest observation)")

    def draft(self) -> ObservationDraft:
        return ObservationDraft(
            session_id=self.session.currentData() or 0,
            reviewer=self.reviewer.text(),
            observed_on=chosen_date(self.observed_on),
            outcome=self.outcome.currentData() or "",
            standard_id=self.standard.currentData(),
            actions=self.actions_edit.toPlainText(),
            notes=self.notes.toPlainText(),
        )

    def save_job(self) -> Save:
        draft, space = self.draft(), self._space
        return lambda: record_observation(space.unit_of_work(), draft)


class EvaluationDialog(FormDialog):
    """One participant's response to a session, named or anonymous."""

    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        sessions: Sequence[SessionChoice],
        session_id: int | None = None,
    ) -> None:
        super().__init__(parent, "Enter evaluation")
        self._space = space
        self._days = {s.id: s.starts_at.date() for s in sessions}
        self.session = session_box(sessions, session_id)
        self.respondent = QComboBox()
        self.respondent.setMinimumContentsLength(28)
        self.submitted_on = date_edit("Submitted on", self._day_of_session())
        self.overall = score_box()
        self.content = score_box()
        self.trainer = score_box()
        self.before = score_box()
        self.after = score_box()
        self.comments = text_box(lines=4)

        self.add_field("session", "Session:", self.session)
        self.add_field("staff member", "Respondent:", self.respondent)
        self.add_field("submitted on", "Submitted on:", self.submitted_on)
        self.add_field("overall rating", "Overall rating:", self.overall)
        self.add_field("content rating", "Content rating:", self.content)
        self.add_field("trainer rating", "Trainer rating:", self.trainer)
        self.add_field("confidence before", "Confidence before:", self.before)
        self.add_field("confidence after", "Confidence after:", self.after)
        self.add_field("comments", "Comments:", self.comments)

        self._respondents = LatestQuery(self)
        self.session.currentIndexChanged.connect(self._session_chosen)
        self._load_respondents()

    def _day_of_session(self) -> dt.date | None:
        return self._days.get(self.session.currentData())

    def _session_chosen(self) -> None:
        if (day := self._day_of_session()) is not None:
            self.submitted_on.setDate(qdate(day))
        self._load_respondents()

    def _load_respondents(self) -> None:
        self.respondent.clear()
        self.respondent.addItem(ANONYMOUS, None)
        session_id, space = self.session.currentData(), self._space
        if session_id is not None:
            self._respondents.run(
                lambda: respondents(space.unit_of_work(), session_id), self._show_respondents
            )

    def _show_respondents(self, people: list[Respondent]) -> None:
        for person in people:
            self.respondent.addItem(person.name, person.staff_id)

    def draft(self) -> EvaluationDraft:
        return EvaluationDraft(
            session_id=self.session.currentData() or 0,
            submitted_on=chosen_date(self.submitted_on),
            overall_rating=score(self.overall),
            content_rating=score(self.content),
            trainer_rating=score(self.trainer),
            confidence_before=score(self.before),
            confidence_after=score(self.after),
            comments=self.comments.toPlainText(),
            staff_id=self.respondent.currentData(),
        )

    def save_job(self) -> Save:
        draft, space = self.draft(), self._space
        return lambda: enter_evaluation(space.unit_of_work(), draft)


class StandardDialog(FormDialog):
    """One of the partnership's QA standards: what observers look for."""

    def __init__(
        self, parent: QWidget | None, space: Workspace, standard: StandardView | None = None
    ) -> None:
        super().__init__(parent, f"Standard {standard.name!r}" if standard else "New standard")
        self._space = space
        self._standard = standard
        self.name = QLineEdit(standard.name if standard else "")
        self.description = text_box(standard.description if standard else "")
        self.add_field("name", "Name:", self.name)
        self.add_field("description", "Description:", self.description)

    def save_job(self) -> Save:
        name, description = self.name.text(), self.description.toPlainText()
        space, standard = self._space, self._standard
        return lambda: save_standard(
            space.unit_of_work(),
            name,
            description,
            standard_id=standard.id if standard else None,
            version=standard.version if standard else None,
        )
