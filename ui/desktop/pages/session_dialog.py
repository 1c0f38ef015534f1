"""Scheduling a session of a course, or changing one (its times, venue, trainer, places, status)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import QCompleter, QLineEdit, QSpinBox, QWidget

from training.catalogue import (
    SESSION_STATUSES,
    CourseView,
    SessionDraft,
    SessionView,
    save_session,
)
from training.workspace import Workspace
from ui.desktop.forms import FormDialog, Save
from ui.desktop.pages.course_dialog import choice_box
from ui.desktop.widgets import chosen_date_time, date_time_edit, qdate

DEFAULT_START = dt.time(9, 30)
DEFAULT_CAPACITY = 20
MAX_CAPACITY = 10_000


def next_working_day(today: dt.date) -> dt.date:
    day = today + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def course_length(course: CourseView | None) -> dt.timedelta:
    """How long a session of the course runs: its hours, to the next quarter hour (at least 1)."""
    hours = float(course.duration_hours) if course else 3.0
    quarters = max(math.ceil(hours * 4), 4)
    return dt.timedelta(minutes=15 * quarters)


def course_choices(courses: Iterable[CourseView], current_id: int | None) -> list[CourseView]:
    """The courses on offer, and the session's own course even if it has been withdrawn."""
    return sorted(
        (c for c in courses if c.active or c.id == current_id), key=lambda c: c.code.casefold()
    )


def text_box(text: str, suggestions: Iterable[str]) -> QLineEdit:
    """A line edit that suggests what was typed before (venues, trainers)."""
    box = QLineEdit(text)
    completer = QCompleter(sorted({s for s in suggestions if s}, key=str.casefold), box)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    box.setCompleter(completer)
    return box


class SessionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        space: Workspace,
        courses: list[CourseView],
        session: SessionView | None = None,
        *,
        venues: Iterable[str] = (),
        trainers: Iterable[str] = (),
        today: dt.date | None = None,
    ) -> None:
        title = f"Session of {session.course_code}" if session else "New session"
        super().__init__(parent, title)
        self._space = space
        self._session = session
        self._courses = {c.id: c for c in courses}
        choices = course_choices(courses, session.course_id if session else None)
        self.course = choice_box(
            [(f"{c.code} — {c.title}", c.id) for c in choices], session and session.course_id
        )
        if session is None:
            starts = dt.datetime.combine(next_working_day(today or dt.date.today()), DEFAULT_START)
            ends = starts + course_length(self.chosen_course)
        else:
            starts, ends = session.starts_at, session.ends_at
        self.starts = date_time_edit("Starts", starts)
        self.ends = date_time_edit("Ends", ends)
        self._shown_start = self.starts.dateTime()
        self.venue = text_box(session.venue if session else "", venues)
        self.trainer = text_box(session.trainer if session else "", trainers)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, MAX_CAPACITY)
        self.capacity.setSuffix(" places")
        self.capacity.setValue(session.capacity if session else DEFAULT_CAPACITY)
        self.status = choice_box(
            [(status.capitalize(), status) for status in SESSION_STATUSES],
            session.status if session else "scheduled",
        )

        self.add_field("course", "Course:", self.course)
        self.add_field("starts", "Starts:", self.starts)
        self.add_field("ends", "Ends:", self.ends)
        self.add_field("venue", "Venue:", self.venue)
        self.add_field("trainer", "Trainer:", self.trainer)
        self.add_field("capacity", "Places:", self.capacity)
        self.add_field("status", "Status:", self.status)

        self.starts.dateTimeChanged.connect(self._keep_length)
        if session is None:
            self.course.currentIndexChanged.connect(self._fit_end_to_course)

    @property
    def chosen_course(self) -> CourseView | None:
        return self._courses.get(self.course.currentData())

    def _keep_length(self, starts: QDateTime) -> None:
        """Moving the start moves the end with it, so the session keeps its length."""
        seconds = self._shown_start.secsTo(starts)
        self._shown_start = starts
        self.ends.setDateTime(self.ends.dateTime().addSecs(seconds))

    def _fit_end_to_course(self) -> None:
        ends = chosen_date_time(self.starts) + course_length(self.chosen_course)
        self.ends.setDateTime(QDateTime(qdate(ends.date()), QTime(ends.hour, ends.minute)))

    def draft(self) -> SessionDraft:
        return SessionDraft(
            course_id=self.course.currentData() or 0,
            starts_at=chosen_date_time(self.starts),
            ends_at=chosen_date_time(self.ends),
            venue=self.venue.text(),
            trainer=self.trainer.text(),
            capacity=self.capacity.value(),
            status=self.status.currentData() or "",
        )

    def save_job(self) -> Save:
        draft, space, session = self.draft(), self._space, self._session
        return lambda: save_session(
            space.unit_of_work(),
            draft,
            session_id=session.id if session else None,
            version=session.version if session else None,
        )
