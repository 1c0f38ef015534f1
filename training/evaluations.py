"""Evaluations: what participants thought of a session, entered one response at a time.

A response rates the session overall, its content and its trainer, and the participant's
confidence before and after, each from 1 to 5 (any may be left unanswered), with a comment.
It may be anonymous; a named one comes from someone on the session's register, once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from storage import models as m
from training.access import Permission, requires
from training.errors import ValidationError
from training.quality import long_text
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors
from training.validation import Problems

SCALE = range(1, 6)
ANONYMOUS = "Anonymous"
TOOK_PART = ("booked", "attended")  # a register not yet marked still lists who came as booked


@dataclass(frozen=True)
class EvaluationDraft:
    session_id: int
    submitted_on: dt.date
    overall_rating: int | None = None
    content_rating: int | None = None
    trainer_rating: int | None = None
    confidence_before: int | None = None
    confidence_after: int | None = None
    comments: str = ""
    staff_id: int | None = None  # none: an anonymous response


@dataclass(frozen=True)
class EvaluationView:
    id: int
    session_id: int
    session_day: dt.date
    course_code: str
    staff_id: int | None
    respondent: str  # "Anonymous" when no one is named
    submitted_on: dt.date
    overall_rating: int | None
    content_rating: int | None
    trainer_rating: int | None
    confidence_before: int | None
    confidence_after: int | None
    comments: str
    version: int

    @property
    def confidence_shift(self) -> int | None:
        if self.confidence_before is None or self.confidence_after is None:
            return None
        return self.confidence_after - self.confidence_before


@dataclass(frozen=True)
class Respondent:
    staff_id: int
    name: str


def _scores(draft: EvaluationDraft) -> dict[str, int | None]:
    """Each score by the name its problems are reported under."""
    return {
        "overall rating": draft.overall_rating,
        "content rating": draft.content_rating,
        "trainer rating": draft.trainer_rating,
        "confidence before": draft.confidence_before,
        "confidence after": draft.confidence_after,
    }


def _checked(draft: EvaluationDraft, today: dt.date) -> tuple[Problems, str]:
    problems = Problems("The evaluation")
    scores = _scores(draft)
    for field, score in scores.items():
        if score is not None and score not in SCALE:
            problems.add(field, f"must be from 1 to 5, not {score}")
    comments = long_text(problems, "comments", draft.comments)
    if all(score is None for score in scores.values()) and not comments:
        problems.add("answers", "the response is empty: enter at least one rating or a comment")
    if draft.submitted_on > today:
        problems.add("submitted on", "is in the future")
    return problems, comments


def _check_session(problems: Problems, session: m.TrainingSession, draft: EvaluationDraft) -> None:
    if session.status == "cancelled":
        problems.add("session", "was cancelled, so it cannot be evaluated")
    if draft.submitted_on < session.starts_at.date():
        problems.add("submitted on", f"is before the session on {session.starts_at:%d/%m/%Y}")


def _check_respondent(uow: UnitOfWork, problems: Problems, draft: EvaluationDraft) -> None:
    if draft.staff_id is None:
        return
    record = uow.attendances.on_session(draft.staff_id, draft.session_id)
    if record is None or record.status not in TOOK_PART:
        problems.add(
            "staff member",
            "was not on this session: choose someone who took part, or leave it anonymous",
        )
    elif uow.evaluations.by_staff_on_session(draft.staff_id, draft.session_id) is not None:
        problems.add("staff member", "has already given feedback on this session")


@requires(Permission.QUALITY_ASSURE)
def enter_evaluation(
    uow: UnitOfWork, draft: EvaluationDraft, *, today: dt.date | None = None
) -> EvaluationView:
    """Save one participant's response to a session."""
    problems, comments = _checked(draft, today or dt.date.today())
    with uow, storage_failures_as_user_errors("The evaluation"):
        session = uow.sessions.get(draft.session_id)
        if session is None:
            problems.add("session", "choose the session the response is about")
            raise ValidationError(problems.subject, problems.found)
        _check_session(problems, session, draft)
        _check_respondent(uow, problems, draft)
        problems.raise_if_any()
        evaluation = uow.evaluations.add(
            m.Evaluation(
                session_id=session.id,
                staff_id=draft.staff_id,
                submitted_on=draft.submitted_on,
                overall_rating=draft.overall_rating,
                content_rating=draft.content_rating,
                trainer_rating=draft.trainer_rating,
                confidence_before=draft.confidence_before,
                confidence_after=draft.confidence_after,
                comments=comments,
            )
        )
        uow.commit()
        return _view(evaluation, session, _respondent_name(uow, draft.staff_id))


def _respondent_name(uow: UnitOfWork, staff_id: int | None) -> str | None:
    if staff_id is None:
        return None
    person = found(uow.staff.get(staff_id), "staff member", staff_id)
    return f"{person.first_name} {person.last_name}"


def _view(evaluation: m.Evaluation, session: m.TrainingSession, name: str | None) -> EvaluationView:
    return EvaluationView(
        id=evaluation.id,
        session_id=session.id,
        session_day=session.starts_at.date(),
        course_code=session.course.code,
        staff_id=evaluation.staff_id,
        respondent=name or ANONYMOUS,
        submitted_on=evaluation.submitted_on,
        overall_rating=evaluation.overall_rating,
        content_rating=evaluation.content_rating,
        trainer_rating=evaluation.trainer_rating,
        confidence_before=evaluation.confidence_before,
        confidence_after=evaluation.confidence_after,
        comments=evaluation.comments,
        version=evaluation.version,
    )


@requires(Permission.READ_QUALITY)
def list_evaluations(uow: UnitOfWork, session_ids: Collection[int]) -> list[EvaluationView]:
    """The responses to these sessions, the newest session first."""
    with uow:
        views = []
        for evaluation, name in uow.evaluations.on_sessions(session_ids):
            session = found(uow.sessions.get(evaluation.session_id), "session", evaluation.id)
            views.append(_view(evaluation, session, name))
        return sorted(views, key=lambda v: (v.session_day, v.submitted_on, v.id), reverse=True)


@requires(Permission.QUALITY_ASSURE)
def respondents(uow: UnitOfWork, session_id: int) -> list[Respondent]:
    """Who took part in the session (and so may give named feedback), by surname."""
    with uow:
        people = []
        for record in uow.attendances.for_session(session_id):
            if record.status in TOOK_PART:
                person = found(uow.staff.get(record.staff_id), "staff member", record.staff_id)
                people.append((person.last_name, person.first_name, person.id))
        return [Respondent(staff_id, f"{first} {last}") for last, first, staff_id in sorted(people)]
