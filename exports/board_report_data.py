"""The board training report as its writers (PDF and workbook) read it, and the words they share.

Any objects with these attributes will do: ``training.board_report.BoardReport`` fits as it is,
and ``exports`` never imports it (exports take plain data; DESIGN.md §1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

TITLE = "Board training report"
DEFINITIONS = (
    "Sessions delivered: sessions that started in the period and were not cancelled. Places "
    "offered: their capacity; places filled: the people recorded as attending them.",
    "Did-not-attend rate: the people recorded as not attending, as a share of those who "
    "attended or did not attend.",
    "Attendances: sessions attended and e-learning completed in the period, by the course's "
    "tier and topic, and by the sector of the learner's agency.",
    "Evaluations: feedback on the sessions held in the period, rated from 1 (poor) to 5 "
    "(excellent). Confidence shift: confidence after the session less before it, over the "
    "responses that gave both.",
    "Quality assurance: observations made in the period. Not assured: courses on offer with no "
    "assurance in the 12 months to the end of the period.",
    "Champions: the agencies with no trained champion in post on the last day of the period.",
)


class CountData(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def count(self) -> int: ...


class SessionData(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def delivered(self) -> int: ...
    @property
    def cancelled(self) -> int: ...
    @property
    def places_offered(self) -> int: ...
    @property
    def places_filled(self) -> int: ...
    @property
    def did_not_attend(self) -> int: ...
    @property
    def fill_percent(self) -> float | None: ...
    @property
    def did_not_attend_percent(self) -> float | None: ...


class QuarterData(Protocol):
    @property
    def label(self) -> str: ...
    @property
    def first_day(self) -> dt.date: ...
    @property
    def last_day(self) -> dt.date: ...
    @property
    def by_tier(self) -> Sequence[int]: ...  # in the report's tier order
    @property
    def total(self) -> int: ...


class AttendanceData(Protocol):
    @property
    def by_tier(self) -> Sequence[CountData]: ...
    @property
    def by_topic(self) -> Sequence[CountData]: ...
    @property
    def by_sector(self) -> Sequence[CountData]: ...
    @property
    def by_quarter(self) -> Sequence[QuarterData]: ...
    @property
    def total(self) -> int: ...


class FeedbackData(Protocol):
    @property
    def responses(self) -> int: ...
    @property
    def anonymous(self) -> int: ...
    @property
    def sessions(self) -> int: ...
    @property
    def overall(self) -> float | None: ...
    @property
    def content(self) -> float | None: ...
    @property
    def trainer(self) -> float | None: ...
    @property
    def paired(self) -> int: ...
    @property
    def before(self) -> float | None: ...
    @property
    def after(self) -> float | None: ...
    @property
    def shift(self) -> float | None: ...
    @property
    def shift_sd(self) -> float | None: ...


class OutcomeData(Protocol):
    @property
    def counts(self) -> Sequence[tuple[str, int]]: ...  # the outcomes seen, with their counts
    @property
    def total(self) -> int: ...


class QualityData(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def feedback(self) -> FeedbackData: ...
    @property
    def observations(self) -> OutcomeData: ...


class CourseData(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def tier(self) -> str: ...


class UnassuredData(Protocol):
    @property
    def course(self) -> CourseData: ...
    @property
    def assured_on(self) -> dt.date | None: ...  # the latest assurance, if ever


class ChampionData(Protocol):
    @property
    def on(self) -> dt.date: ...
    @property
    def trained(self) -> Sequence[str]: ...  # agencies with a trained champion
    @property
    def untrained(self) -> Sequence[str]: ...  # with champions, none trained
    @property
    def without(self) -> Sequence[str]: ...  # with no champion
    @property
    def agencies(self) -> int: ...


class ReachData(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def events(self) -> int: ...
    @property
    def people(self) -> int: ...


class BoardData(Protocol):
    @property
    def partnership(self) -> str: ...
    @property
    def start(self) -> dt.date: ...
    @property
    def end(self) -> dt.date: ...
    @property
    def tiers(self) -> Sequence[str]: ...  # lowest first
    @property
    def outcomes(self) -> Sequence[str]: ...  # the QA outcomes, best first
    @property
    def sessions_by_tier(self) -> Sequence[SessionData]: ...
    @property
    def sessions_total(self) -> SessionData: ...
    @property
    def attendances(self) -> AttendanceData: ...
    @property
    def quality_by_tier(self) -> Sequence[QualityData]: ...
    @property
    def quality_total(self) -> QualityData: ...
    @property
    def not_assured(self) -> Sequence[UnassuredData]: ...
    @property
    def champions(self) -> ChampionData: ...
    @property
    def awareness_by_audience(self) -> Sequence[ReachData]: ...
    @property
    def awareness_by_type(self) -> Sequence[ReachData]: ...
    @property
    def awareness_total(self) -> ReachData: ...
    @property
    def without_trained_champion(self) -> Sequence[str]: ...


def period_text(data: BoardData) -> str:
    """ "Period 01/04/2025 to 31/03/2026"."""
    return f"Period {data.start:%d/%m/%Y} to {data.end:%d/%m/%Y}"


def outcome_count(counts: OutcomeData, outcome: str) -> int:
    return dict(counts.counts).get(outcome, 0)


def champion_status(data: BoardData, agency: str) -> str:
    """Why an agency is without a trained champion, in words."""
    return "no champion" if agency in data.champions.without else "champions not yet trained"


def key_figures(data: BoardData) -> list[tuple[str, str]]:
    """The report at a glance: (what, how many) in words, for the first page and sheet."""
    sessions, quality = data.sessions_total, data.quality_total
    feedback, champions = quality.feedback, data.champions
    missing = len(data.without_trained_champion)
    return [
        ("Sessions delivered", f"{sessions.delivered:,} ({sessions.cancelled:,} cancelled)"),
        (
            "Places filled",
            f"{sessions.places_filled:,} of {sessions.places_offered:,} "
            f"({percent_text(sessions.fill_percent)})",
        ),
        (
            "Did not attend",
            f"{sessions.did_not_attend:,} ({percent_text(sessions.did_not_attend_percent)})",
        ),
        ("Attendances (sessions and e-learning)", f"{data.attendances.total:,}"),
        (
            "Evaluations",
            f"{feedback.responses:,}, rated {rating_text(feedback.overall)} overall"
            if feedback.responses
            else "none",
        ),
        ("Confidence before and after", confidence_text(feedback)),
        ("QA observations", outcomes_text(quality.observations)),
        ("Courses not assured in 12 months", f"{len(data.not_assured):,}"),
        (
            f"Agencies without a trained champion on {champions.on:%d/%m/%Y}",
            f"{missing:,} of {champions.agencies:,}",
        ),
        (
            "Awareness reach",
            f"{data.awareness_total.people:,} people at {data.awareness_total.events:,} events",
        ),
    ]


def percent_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def rating_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def shift_text(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def confidence_text(feedback: FeedbackData) -> str:
    if not feedback.paired:
        return "no responses gave both"
    return (
        f"{rating_text(feedback.before)} before, {rating_text(feedback.after)} after: "
        f"a shift of {shift_text(feedback.shift)} ({feedback.paired:,} responses)"
    )


def outcomes_text(counts: OutcomeData) -> str:
    if not counts.total:
        return "none"
    outcomes = ", ".join(f"{n:,} {outcome}" for outcome, n in counts.counts)
    return f"{counts.total:,} ({outcomes})"
