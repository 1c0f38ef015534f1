"""Quality assurance of training: the partnership's standards, observations of sessions against
them, and the period's figures from evaluations and observations.

Saving an observation moves its course's QA status on: outstanding and good assure the course,
requires improvement assures it with actions, inadequate marks it as not meeting standards.
An assuring outcome also makes the observation's day the course's last-assured date (an
inadequate one leaves that date alone: the course was not assured that day). An observation
older than the course's latest observation or assurance changes neither.

Evaluations are entered in ``training.evaluations``; the arithmetic is in
``training.quality_figures``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage import models as m
from training.access import Permission, requires
from training.errors import ValidationError
from training.quality_figures import (
    ASSURING_OUTCOMES,
    QA_OUTCOMES,
    CourseRow,
    Observed,
    QualitySummary,
    Response,
    summarise,
)
from training.registers import PARTNERSHIP_NAME
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

QA_STATUS_AFTER = {
    "outstanding": "assured",
    "good": "assured",
    "requires improvement": "assured with actions",
    "inadequate": "not meeting standards",
}
NEEDS_ACTIONS = ("requires improvement", "inadequate")
LONG_TEXT = 4000


@dataclass(frozen=True)
class StandardView:
    id: int
    name: str
    description: str
    version: int


@dataclass(frozen=True)
class SessionChoice:
    """A session that can be observed or evaluated, as a chooser lists it."""

    id: int
    starts_at: dt.datetime
    course_id: int
    course_code: str
    course_title: str
    trainer: str
    status: str

    def __str__(self) -> str:
        trainer = f" ({self.trainer})" if self.trainer else ""
        return f"{self.starts_at:%d/%m/%Y} {self.course_code} {self.course_title}{trainer}"


@dataclass(frozen=True)
class ObservationDraft:
    session_id: int
    reviewer: str
    observed_on: dt.date
    outcome: str
    standard_id: int | None = None  # None: observed against all the standards
    actions: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ObservationView:
    id: int
    session_id: int
    session_day: dt.date
    course_id: int
    course_code: str
    course_title: str
    trainer: str
    reviewer: str
    observed_on: dt.date
    standard_id: int | None
    standard: str  # the standard's name; empty when observed against all of them
    outcome: str
    actions: str
    notes: str
    version: int


@dataclass(frozen=True)
class QualityReport:
    """What the quality report's files hold: the period's figures and whose they are."""

    partnership: str  # "" when the partnership has not been named in its settings
    summary: QualitySummary


@dataclass(frozen=True)
class ObservationSaved:
    observation: ObservationView
    course_qa_status: str
    course_last_assured_on: dt.date | None


def day_range(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the first moment of ``start`` to the first moment after ``end``."""
    return dt.datetime.combine(start, dt.time()), dt.datetime.combine(
        end + dt.timedelta(days=1), dt.time()
    )


def check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(
            "The period", {"to": "is before the start: choose a later end or an earlier start"}
        )


def long_text(problems: Problems, field: str, value: str) -> str:
    """Free text kept as typed (line breaks too), only trimmed."""
    cleaned = value.strip()
    if len(cleaned) > LONG_TEXT:
        problems.add(field, f"is longer than {LONG_TEXT:,} characters")
    return cleaned


# --- standards ----------------------------------------------------------------------------


def _standard_view(standard: m.QaStandard) -> StandardView:
    return StandardView(standard.id, standard.name, standard.description, standard.version)


@requires(Permission.READ_QUALITY)
def list_standards(uow: UnitOfWork) -> list[StandardView]:
    with uow:
        return [_standard_view(s) for s in uow.qa_standards.list()]


@requires(Permission.QUALITY_ASSURE)
def save_standard(
    uow: UnitOfWork,
    name: str,
    description: str = "",
    *,
    standard_id: int | None = None,
    version: int | None = None,
) -> StandardView:
    problems = Problems("The standard")
    name = problems.text("name", name, max_length=200)
    description = long_text(problems, "description", description)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors(f"The standard {name!r}"):
        other = uow.qa_standards.by_name(name)
        if other is not None and other.id != standard_id:
            raise ValidationError("The standard", {"name": f"{name!r} is already a standard"})
        if standard_id is None:
            standard = uow.qa_standards.add(m.QaStandard(name=name, description=description))
        else:
            standard = found(uow.qa_standards.get(standard_id), "standard", standard_id)
            check_version(f"The standard {standard.name!r}", standard.version, version)
            standard.name, standard.description = name, description
            uow.flush()
        uow.commit()
        return _standard_view(standard)


# --- sessions to choose from --------------------------------------------------------------


def _session_choice(session: m.TrainingSession) -> SessionChoice:
    return SessionChoice(
        id=session.id,
        starts_at=session.starts_at,
        course_id=session.course_id,
        course_code=session.course.code,
        course_title=session.course.title,
        trainer=session.trainer,
        status=session.status,
    )


@requires(Permission.QUALITY_ASSURE)
def sessions_held(uow: UnitOfWork, start: dt.date, end: dt.date) -> list[SessionChoice]:
    """The sessions from ``start`` to ``end`` that were not cancelled, newest first."""
    with uow:
        sessions = uow.sessions.between(*day_range(start, end))
        held = [_session_choice(s) for s in sessions if s.status != "cancelled"]
        return sorted(held, key=lambda s: (s.starts_at, s.id), reverse=True)


# --- observations -------------------------------------------------------------------------


def _observation_view(observation: m.QaObservation, session: m.TrainingSession) -> ObservationView:
    standard = observation.standard
    return ObservationView(
        id=observation.id,
        session_id=session.id,
        session_day=session.starts_at.date(),
        course_id=session.course_id,
        course_code=session.course.code,
        course_title=session.course.title,
        trainer=session.trainer,
        reviewer=observation.reviewer,
        observed_on=observation.observed_on,
        standard_id=observation.standard_id,
        standard=standard.name if standard else "",
        outcome=observation.outcome,
        actions=observation.actions,
        notes=observation.notes,
        version=observation.version,
    )


@requires(Permission.READ_QUALITY)
def list_observations(uow: UnitOfWork, start: dt.date, end: dt.date) -> list[ObservationView]:
    """The observations made from ``start`` to ``end``, newest first."""
    with uow:
        views = [
            _observation_view(observation, session)
            for observation, session in uow.qa_observations.until(end)
            if observation.observed_on >= start
        ]
        return views[::-1]


def _checked_observation(draft: ObservationDraft) -> tuple[Problems, dict[str, str]]:
    problems = Problems("The observation")
    text = {
        "reviewer": problems.text("reviewer", draft.reviewer, max_length=200),
        "actions": long_text(problems, "actions", draft.actions),
        "notes": long_text(problems, "notes", draft.notes),
    }
    problems.one_of("outcome", draft.outcome, QA_OUTCOMES)
    if draft.outcome in NEEDS_ACTIONS and not text["actions"]:
        problems.add("actions", f"are required when the outcome is {draft.outcome}")
    return problems, text


@requires(Permission.QUALITY_ASSURE)
def record_observation(uow: UnitOfWork, draft: ObservationDraft) -> ObservationSaved:
    """Record a reviewer's observation of a session and move its course's QA status on."""
    problems, text = _checked_observation(draft)
    with uow, storage_failures_as_user_errors("The observation"):
        session = uow.sessions.get(draft.session_id)
        if session is None:
            problems.add("session", "choose a session to observe")
            raise ValidationError(problems.subject, problems.found)
        if session.status == "cancelled":
            problems.add("session", "was cancelled, so it cannot be observed")
        elif draft.observed_on < session.starts_at.date():
            problems.add("observed on", f"is before the session on {session.starts_at:%d/%m/%Y}")
        chosen = draft.standard_id
        standard = None if chosen is None else uow.qa_standards.get(chosen)
        if chosen is not None and standard is None:
            problems.add("standard", "is not one of the partnership's standards: choose another")
        problems.raise_if_any()
        course = session.course
        latest = uow.qa_observations.latest_on_course(course.id)
        observation = uow.qa_observations.add(
            m.QaObservation(
                session_id=session.id,
                standard=standard,
                reviewer=text["reviewer"],
                observed_on=draft.observed_on,
                outcome=draft.outcome,
                actions=text["actions"],
                notes=text["notes"],
            )
        )
        _assure(course, draft.outcome, draft.observed_on, latest)
        uow.flush()
        uow.commit()
        return ObservationSaved(
            _observation_view(observation, session), course.qa_status, course.last_assured_on
        )


def _assure(course: m.Course, outcome: str, on: dt.date, latest: dt.date | None) -> None:
    """Make the outcome the course's QA status, unless it has a later observation or
    assurance."""
    if any(day is not None and day > on for day in (latest, course.last_assured_on)):
        return
    course.qa_status = QA_STATUS_AFTER[outcome]
    if outcome in ASSURING_OUTCOMES:
        course.last_assured_on = on


# --- the period's summary -----------------------------------------------------------------


def _course_rows(uow: UnitOfWork) -> list[CourseRow]:
    tiers = {t.id: t for t in uow.tiers.list()}
    return [
        CourseRow(
            id=c.id,
            code=c.code,
            title=c.title,
            tier=tiers[c.tier_id].name,
            tier_rank=tiers[c.tier_id].rank,
            delivery_mode=c.delivery_mode,
            qa_status=c.qa_status,
            last_assured_on=c.last_assured_on,
            active=c.active,
        )
        for c in uow.courses.list()
    ]


def _responses(uow: UnitOfWork, start: dt.date, end: dt.date) -> list[Response]:
    return [
        Response(
            course_id=course_id,
            tier=tier,
            tier_rank=rank,
            trainer=trainer,
            session_id=session_id,
            session_day=starts_at.date(),
            overall=overall,
            content=content,
            trainer_rating=trainer_rating,
            before=before,
            after=after,
            comments=comments,
            anonymous=bool(anonymous),
        )
        for (
            course_id,
            tier,
            rank,
            trainer,
            session_id,
            starts_at,
            overall,
            content,
            trainer_rating,
            before,
            after,
            comments,
            anonymous,
        ) in uow.evaluations.figures_between(*day_range(start, end))
    ]


def _observed(uow: UnitOfWork, end: dt.date, courses: list[CourseRow]) -> list[Observed]:
    by_id = {course.id: course for course in courses}
    return [
        Observed(
            course_id=session.course_id,
            tier=by_id[session.course_id].tier,
            tier_rank=by_id[session.course_id].tier_rank,
            trainer=session.trainer,
            observed_on=observation.observed_on,
            outcome=observation.outcome,
        )
        for observation, session in uow.qa_observations.until(end)
    ]


def _summary(uow: UnitOfWork, start: dt.date, end: dt.date) -> QualitySummary:
    courses = _course_rows(uow)
    responses = _responses(uow, start, end)
    observed = _observed(uow, end, courses)
    return summarise(start, end, courses, responses, observed)


@requires(Permission.READ_QUALITY)
def quality_summary(uow: UnitOfWork, start: dt.date, end: dt.date) -> QualitySummary:
    """The figures of the sessions held from ``start`` to ``end``, both days included."""
    check_period(start, end)
    with uow:
        return _summary(uow, start, end)


@requires(Permission.READ_QUALITY)
def quality_report(uow: UnitOfWork, start: dt.date, end: dt.date) -> QualityReport:
    """The period's figures with the partnership's name, for the report's PDF and workbook."""
    check_period(start, end)
    with uow:
        partnership = uow.settings.all().get(PARTNERSHIP_NAME, "").strip()
        return QualityReport(partnership, _summary(uow, start, end))
