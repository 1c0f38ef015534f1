"""The arithmetic of quality assurance: plain rows in, a period's figures out; no database.

Ratings are averaged over the responses that answered the question. Confidence figures count
only the responses that gave both a before and an after score, so the mean shift is exactly
the mean after less the mean before. The spread of the shift is the sample standard deviation
(none for fewer than two responses). A course is assured on a day when its latest assurance
on or before that day is less than 12 months old: assured exactly 12 months earlier still
counts, a day more does not.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from training.dates import add_months

QA_OUTCOMES = ("outstanding", "good", "requires improvement", "inadequate")
ASSURING_OUTCOMES = ("outstanding", "good", "requires improvement")
ASSURANCE_MONTHS = 12

K = TypeVar("K", bound=Hashable)
R = TypeVar("R")


@dataclass(frozen=True)
class Response:
    """One evaluation, with what the figures group it by."""

    course_id: int
    tier: str
    tier_rank: int
    trainer: str
    session_id: int
    session_day: dt.date
    overall: int | None
    content: int | None
    trainer_rating: int | None
    before: int | None
    after: int | None
    comments: str = ""
    anonymous: bool = False


@dataclass(frozen=True)
class Observed:
    """One QA observation, with what the figures group it by."""

    course_id: int
    tier: str
    tier_rank: int
    trainer: str
    observed_on: dt.date
    outcome: str


@dataclass(frozen=True)
class CourseRow:
    id: int
    code: str
    title: str
    tier: str
    tier_rank: int
    delivery_mode: str
    qa_status: str
    last_assured_on: dt.date | None
    active: bool


@dataclass(frozen=True)
class FeedbackFigures:
    responses: int
    anonymous: int
    sessions: int
    overall: float | None
    content: float | None
    trainer: float | None
    paired: int  # responses that gave confidence both before and after
    before: float | None
    after: float | None
    shift: float | None
    shift_sd: float | None


@dataclass(frozen=True)
class OutcomeCounts:
    counts: tuple[tuple[str, int], ...]  # every outcome seen, in QA_OUTCOMES order
    latest: str | None

    @property
    def total(self) -> int:
        return sum(count for _outcome, count in self.counts)

    def __str__(self) -> str:
        return ", ".join(f"{count} {outcome}" for outcome, count in self.counts)


@dataclass(frozen=True)
class GroupQuality:
    """The figures of one trainer or one tier."""

    name: str
    feedback: FeedbackFigures
    observations: OutcomeCounts


@dataclass(frozen=True)
class CourseQuality:
    course: CourseRow
    feedback: FeedbackFigures
    observations: OutcomeCounts


@dataclass(frozen=True)
class Unassured:
    course: CourseRow
    assured_on: dt.date | None  # the latest assurance on or before the period's end


@dataclass(frozen=True)
class Comment:
    course: CourseRow
    trainer: str
    session_day: dt.date
    overall: int | None
    text: str


@dataclass(frozen=True)
class QualitySummary:
    start: dt.date
    end: dt.date
    overall: FeedbackFigures
    observations: OutcomeCounts
    by_course: list[CourseQuality]
    by_trainer: list[GroupQuality]
    by_tier: list[GroupQuality]
    not_assured: list[Unassured]
    comments: list[Comment]


def mean(values: Iterable[int | float | None]) -> float | None:
    given = [v for v in values if v is not None]
    return statistics.fmean(given) if given else None


def spread(values: Sequence[float]) -> float | None:
    """The sample standard deviation; none for fewer than two values."""
    return statistics.stdev(values) if len(values) >= 2 else None


def feedback_figures(responses: Iterable[Response]) -> FeedbackFigures:
    listed = list(responses)
    pairs = [(r.before, r.after) for r in listed if r.before is not None and r.after is not None]
    shifts = [after - before for before, after in pairs]
    return FeedbackFigures(
        responses=len(listed),
        anonymous=sum(1 for r in listed if r.anonymous),
        sessions=len({r.session_id for r in listed}),
        overall=mean(r.overall for r in listed),
        content=mean(r.content for r in listed),
        trainer=mean(r.trainer_rating for r in listed),
        paired=len(pairs),
        before=mean(before for before, _after in pairs),
        after=mean(after for _before, after in pairs),
        shift=mean(shifts),
        shift_sd=spread(shifts),
    )


def outcome_counts(observations: Iterable[Observed]) -> OutcomeCounts:
    listed = sorted(observations, key=lambda o: o.observed_on)
    order = {outcome: n for n, outcome in enumerate(QA_OUTCOMES)}
    seen: dict[str, int] = {}
    for observation in listed:
        seen[observation.outcome] = seen.get(observation.outcome, 0) + 1
    counts = sorted(seen.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    return OutcomeCounts(tuple(counts), listed[-1].outcome if listed else None)


def in_period(day: dt.date, start: dt.date, end: dt.date) -> bool:
    return start <= day <= end


def assured_on(course: CourseRow, observations: Iterable[Observed], on: dt.date) -> dt.date | None:
    """The course's latest assurance on or before ``on``: its recorded last-assured date, or an
    observation with an assuring outcome, whichever is later."""
    dates = [o.observed_on for o in observations if o.outcome in ASSURING_OUTCOMES]
    if course.last_assured_on is not None:
        dates.append(course.last_assured_on)
    return max((day for day in dates if day <= on), default=None)


def is_assured(assured: dt.date | None, on: dt.date) -> bool:
    return assured is not None and assured >= add_months(on, -ASSURANCE_MONTHS)


def not_assured(
    courses: Iterable[CourseRow], observations: Sequence[Observed], end: dt.date
) -> list[Unassured]:
    """Courses on offer without an assurance in the 12 months to ``end``; never assured first."""
    by_course = grouped(observations, lambda o: o.course_id)
    unassured = []
    for course in courses:
        if not course.active:
            continue
        assured = assured_on(course, by_course.get(course.id, []), end)
        if not is_assured(assured, end):
            unassured.append(Unassured(course, assured))
    return sorted(unassured, key=lambda u: (u.assured_on or dt.date.min, u.course.code))


def grouped(rows: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    groups: dict[K, list[R]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    return groups


def by_group(
    responses: Sequence[Response],
    observations: Sequence[Observed],
    key: Callable[[Response | Observed], str],
) -> list[GroupQuality]:
    answers, observed = grouped(responses, key), grouped(observations, key)
    return [
        GroupQuality(
            name,
            feedback_figures(answers.get(name, [])),
            outcome_counts(observed.get(name, [])),
        )
        for name in sorted({*answers, *observed}, key=str.casefold)
    ]


def by_tier(responses: Sequence[Response], observations: Sequence[Observed]) -> list[GroupQuality]:
    rows: list[Response | Observed] = [*responses, *observations]
    ranks = {row.tier: row.tier_rank for row in rows}
    groups = by_group(responses, observations, lambda row: row.tier)
    return sorted(groups, key=lambda group: ranks[group.name])


def by_course(
    courses: Iterable[CourseRow], responses: Sequence[Response], observations: Sequence[Observed]
) -> list[CourseQuality]:
    """Every course on offer, and any withdrawn course that was evaluated or observed."""
    answers = grouped(responses, lambda r: r.course_id)
    observed = grouped(observations, lambda o: o.course_id)
    return [
        CourseQuality(
            course,
            feedback_figures(answers.get(course.id, [])),
            outcome_counts(observed.get(course.id, [])),
        )
        for course in courses
        if course.active or course.id in answers or course.id in observed
    ]


def comments_to_read(courses: Iterable[CourseRow], responses: Iterable[Response]) -> list[Comment]:
    """Every comment made, newest session first."""
    known = {course.id: course for course in courses}
    comments = [
        Comment(known[r.course_id], r.trainer, r.session_day, r.overall, r.comments.strip())
        for r in responses
        if r.comments.strip()
    ]
    return sorted(comments, key=lambda c: (c.session_day, c.course.code), reverse=True)


def summarise(
    start: dt.date,
    end: dt.date,
    courses: Sequence[CourseRow],
    responses: Iterable[Response],
    observations: Iterable[Observed],
) -> QualitySummary:
    """The figures for sessions held from ``start`` to ``end`` (both included).

    ``observations`` may reach back before ``start``: the earlier ones count only towards
    whether a course was assured in the 12 months to ``end``.
    """
    answers = [r for r in responses if in_period(r.session_day, start, end)]
    until_end = [o for o in observations if o.observed_on <= end]
    observed = [o for o in until_end if in_period(o.observed_on, start, end)]
    return QualitySummary(
        start=start,
        end=end,
        overall=feedback_figures(answers),
        observations=outcome_counts(observed),
        by_course=by_course(courses, answers, observed),
        by_trainer=by_group(answers, observed, lambda row: row.trainer or "Trainer not recorded"),
        by_tier=by_tier(answers, observed),
        not_assured=not_assured(courses, until_end, end),
        comments=comments_to_read(courses, answers),
    )
