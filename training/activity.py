"""Training activity at a glance, for the dashboard: attendances per quarter by tier, champion
coverage, and the next sessions with places free.

Quarters are calendar quarters (January to March, …), named by their months so that nobody
mistakes them for quarters of the financial year.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from training.access import Permission, requires
from training.catalogue import SessionView
from training.champions import NO_CHAMPION, champion_coverage
from training.compliance import COUNTING_STATUSES
from training.registers import TAKES_A_PLACE
from training.transactions import UnitOfWork

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def label(self) -> str:
        """ "Jan–Mar 2026"."""
        first = 3 * self.number - 3
        return f"{MONTH_NAMES[first]}–{MONTH_NAMES[first + 2]} {self.year}"

    def previous(self) -> Quarter:
        return Quarter(self.year, self.number - 1) if self.number > 1 else Quarter(self.year - 1, 4)


def quarters_until(day: dt.date, count: int) -> list[Quarter]:
    """The quarter holding ``day`` and the ``count - 1`` before it, oldest first."""
    quarters = [Quarter.of(day)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


@dataclass(frozen=True)
class QuarterAttendances:
    """Attendances completed in a quarter at one tier (the quarter holding the end date counts
    only up to it)."""

    quarter: Quarter
    tier: str
    tier_rank: int
    attended: int


@requires(Permission.READ_REPORTS)
def attendances_by_quarter(
    uow: UnitOfWork, until: dt.date, quarters: int = 8
) -> list[QuarterAttendances]:
    """Attended records completed in each of the ``quarters`` quarters up to ``until``, by the
    course's tier: every quarter and tier, none left out, in date then tier order."""
    wanted = quarters_until(until, quarters)
    with uow:
        tiers = [(t.id, t.name, t.rank) for t in uow.tiers.list()]
        days = uow.attendances.completed_by_day_and_tier(
            wanted[0].first_day, until, COUNTING_STATUSES
        )
    counts: dict[tuple[Quarter, int], int] = {}
    for day, tier_id, records in days:
        key = (Quarter.of(day), tier_id)
        counts[key] = counts.get(key, 0) + records
    return [
        QuarterAttendances(quarter, name, rank, counts.get((quarter, tier_id), 0))
        for quarter in wanted
        for tier_id, name, rank in tiers
    ]


@dataclass(frozen=True)
class ChampionCounts:
    """The active agencies, by their champions in post on a date (names in order)."""

    on: dt.date
    trained: tuple[str, ...]  # with a trained champion
    untrained: tuple[str, ...]  # with champions, none of them trained yet
    without: tuple[str, ...]  # with no champion

    @property
    def agencies(self) -> int:
        return len(self.trained) + len(self.untrained) + len(self.without)


@requires(Permission.READ_REPORTS)
def champion_counts(uow: UnitOfWork, on: dt.date) -> ChampionCounts:
    """How many agencies have a trained champion in post on ``on`` (of any theme), how many
    have only untrained ones, and how many have none."""
    lines = champion_coverage(uow, on).lines
    return ChampionCounts(
        on,
        trained=tuple(x.agency for x in lines if x.trained),
        untrained=tuple(x.agency for x in lines if not x.trained and x.status != NO_CHAMPION),
        without=tuple(x.agency for x in lines if x.status == NO_CHAMPION),
    )


@requires(Permission.READ_CATALOGUE)
def sessions_with_places(uow: UnitOfWork, after: dt.datetime, limit: int = 10) -> list[SessionView]:
    """The next ``limit`` sessions starting at or after ``after`` that still have places free
    (cancelled sessions left out), soonest first."""
    with uow:
        return [
            SessionView(
                id=session.id,
                course_id=session.course_id,
                course_code=session.course.code,
                course_title=session.course.title,
                starts_at=session.starts_at,
                ends_at=session.ends_at,
                venue=session.venue,
                trainer=session.trainer,
                capacity=session.capacity,
                status=session.status,
                places_taken=taken,
                version=session.version,
            )
            for session, taken in uow.sessions.with_free_places(after, TAKES_A_PLACE, limit)
        ]
