"""The board training report: what the partnership's training achieved in a period.

For the board (DESIGN.md §3 item 2), from ``start`` to ``end``, both days included:

- **sessions** that started in the period: delivered (not cancelled) and cancelled; the places
  the delivered ones offered (their capacity) and filled (attended records on them); and the
  did-not-attend rate, did not attend / (attended + did not attend); per tier and overall;
- **attendances**: records that count (attended, e-learning completions included) completed in
  the period, by tier, topic, the sector of the person's agency, and calendar quarter by tier
  (a quarter the period only partly covers counts only its days in the period);
- **evaluations** of the sessions held in the period and the **QA observations** made in it,
  per tier and overall, and the courses not assured in the 12 months to the end: the figures of
  ``training.quality``, not worked out again;
- **champion coverage** on the end date (``training.activity.champion_counts``);
- **awareness events** held in the period, by audience and by type, with the people reached.

The database adds up (GROUP BY: the scale partnership has a million records); the small results
are put together by the pure functions below, which the tests check without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from training.access import Permission, requires
from training.activity import ChampionCounts, Quarter, champion_counts
from training.awareness import AUDIENCES, EVENT_TYPES
from training.compliance import COUNTING_STATUSES
from training.dates import add_months, uk
from training.errors import ValidationError
from training.progress import Progress, no_progress
from training.quality import day_range, quality_summary
from training.quality_figures import (
    QA_OUTCOMES,
    GroupQuality,
    OutcomeCounts,
    Unassured,
    feedback_figures,
)
from training.registers import PARTNERSHIP_NAME
from training.transactions import UnitOfWork

TITLE = "Board training report"
ALL_TIERS = "All tiers"
ATTENDED, DID_NOT_ATTEND = "attended", "did not attend"
STEPS = 4  # the parts of the report worked out one after another, for progress


@dataclass(frozen=True)
class Count:
    """A number of attendances under a name (a tier, topic or sector)."""

    name: str
    count: int


@dataclass(frozen=True)
class SessionFigures:
    """The sessions of one tier (or of all) that started in the period."""

    name: str
    delivered: int
    cancelled: int
    places_offered: int  # the capacity of the delivered sessions
    places_filled: int  # attended records on the delivered sessions
    did_not_attend: int  # did-not-attend records on the delivered sessions

    @property
    def fill_percent(self) -> float | None:
        """Places filled as a share of places offered (0 to 100; over 100 with walk-ins)."""
        return _percent(self.places_filled, self.places_offered)

    @property
    def did_not_attend_percent(self) -> float | None:
        """Did not attend as a share of those expected: attended and did not attend."""
        return _percent(self.did_not_attend, self.places_filled + self.did_not_attend)


@dataclass(frozen=True)
class QuarterCounts:
    """Attendances in a calendar quarter (or the part of it in the period), by tier."""

    quarter: Quarter
    first_day: dt.date  # the first day of the quarter in the period
    last_day: dt.date  # the last day of the quarter in the period
    by_tier: tuple[int, ...]  # in the report's tier order

    @property
    def total(self) -> int:
        return sum(self.by_tier)

    @property
    def whole(self) -> bool:
        return self.first_day == self.quarter.first_day and self.last_day == _last_day(self.quarter)

    @property
    def label(self) -> str:
        """ "Jan–Mar 2026", or "Jan–Mar 2026 (part)" when the period covers only some of it."""
        return self.quarter.label if self.whole else f"{self.quarter.label} (part)"


@dataclass(frozen=True)
class AttendanceFigures:
    """The records that count completed in the period, added up four ways."""

    by_tier: tuple[Count, ...]  # every tier, lowest first
    by_topic: tuple[Count, ...]  # every topic, by name
    by_sector: tuple[Count, ...]  # every sector, in the sectors' order
    by_quarter: tuple[QuarterCounts, ...]  # every quarter of the period, oldest first

    @property
    def total(self) -> int:
        return sum(count.count for count in self.by_tier)


@dataclass(frozen=True)
class Reach:
    """Awareness events of one audience or type, and how many people they reached."""

    name: str
    events: int
    people: int


@dataclass(frozen=True)
class BoardReport:
    """The board training report: plain data for the PDF, the workbook and the screen."""

    partnership: str  # "" when the partnership has not been named in its settings
    start: dt.date
    end: dt.date
    tiers: tuple[str, ...]  # lowest first
    outcomes: tuple[str, ...]  # the QA outcomes, best first
    sessions_by_tier: tuple[SessionFigures, ...]  # one per tier
    sessions_total: SessionFigures
    attendances: AttendanceFigures
    quality_by_tier: tuple[GroupQuality, ...]  # every tier: evaluations and QA observations
    quality_total: GroupQuality
    not_assured: tuple[Unassured, ...]  # courses on offer not assured in the 12 months to end
    champions: ChampionCounts  # on the end date
    awareness_by_audience: tuple[Reach, ...]
    awareness_by_type: tuple[Reach, ...]

    @property
    def awareness_total(self) -> Reach:
        return Reach(
            "All audiences",
            sum(r.events for r in self.awareness_by_audience),
            sum(r.people for r in self.awareness_by_audience),
        )

    @property
    def without_trained_champion(self) -> tuple[str, ...]:
        """The active agencies with no trained champion in post on the end date, by name."""
        return tuple(sorted((*self.champions.untrained, *self.champions.without), key=str.casefold))


@dataclass(frozen=True)
class Names:
    """What the database's ids stand for, in the order the report lists them."""

    tiers: Mapping[int, str]  # lowest first
    topics: Mapping[int, str]
    sectors: Mapping[int, str]
    courses: Mapping[int, tuple[int, int]]  # course id: (tier id, topic id)


@requires(Permission.READ_REPORTS)
def board_report(
    uow: UnitOfWork, start: dt.date, end: dt.date, progress: Progress = no_progress
) -> BoardReport:
    """The report for the period from ``start`` to ``end``, both days included."""
    if end < start:
        raise ValidationError(
            f"The {TITLE.lower()}",
            {
                "to": f"{uk(end)} is before the start of the period, {uk(start)}: choose a "
                "later end or an earlier start"
            },
            outcome="cannot be made",
        )
    progress(0, STEPS, "Counting sessions and attendances")
    quarters = quarters_of(start, end)
    with uow:
        partnership = uow.settings.all().get(PARTNERSHIP_NAME, "").strip()
        tiers = {t.id: t.name for t in uow.tiers.list()}
        names = Names(
            tiers,
            topics={t.id: t.name for t in uow.topics.list()},
            sectors={s.id: s.name for s in uow.sectors.list()},
            courses={c.id: (c.tier_id, c.topic_id) for c in uow.courses.list()},
        )
        window = day_range(start, end)
        by_tier, total = session_figures(
            tiers,
            uow.sessions.delivery_by_tier(*window),
            uow.attendances.on_sessions_by_tier(*window, (ATTENDED, DID_NOT_ATTEND)),
        )
        completed = uow.attendances.completed_by_part_course_and_sector(
            [start, *(quarter.first_day for quarter in quarters[1:])], end, COUNTING_STATUSES
        )
        reach = uow.awareness_events.reach_between(start, end)
    progress(1, STEPS, "Adding up evaluations and QA observations")
    quality = quality_summary(uow, start, end)
    progress(2, STEPS, "Checking champion coverage")
    champions = champion_counts(uow, end)
    progress(3, STEPS, "Putting the report together")
    report = BoardReport(
        partnership=partnership,
        start=start,
        end=end,
        tiers=tuple(tiers.values()),
        outcomes=QA_OUTCOMES,
        sessions_by_tier=tuple(by_tier),
        sessions_total=total,
        attendances=attendance_figures(start, end, names, completed),
        quality_by_tier=quality_by_tier(list(tiers.values()), quality.by_tier),
        quality_total=GroupQuality(ALL_TIERS, quality.overall, quality.observations),
        not_assured=tuple(quality.not_assured),
        champions=champions,
        awareness_by_audience=reach_by(AUDIENCES, ((a, e, p) for a, _t, e, p in reach)),
        awareness_by_type=reach_by(EVENT_TYPES, ((t, e, p) for _a, t, e, p in reach)),
    )
    progress(STEPS, STEPS, "Done")
    return report


# --- the arithmetic, on plain rows -----------------------------------------------------------


def _percent(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100.0 * part / whole


def _added_by(rows: Iterable[tuple[int, int]]) -> dict[int, int]:
    added: dict[int, int] = {}
    for key, n in rows:
        added[key] = added.get(key, 0) + n
    return added


def session_figures(
    tiers: Mapping[int, str],
    sessions: Iterable[tuple[int, str, int, int]],
    records: Iterable[tuple[int, str, int]],
) -> tuple[list[SessionFigures], SessionFigures]:
    """Each tier's figures (every tier, in the order given) and all tiers' together.

    ``tiers``: id to name; ``sessions``: (tier id, status, sessions, places) of the sessions
    that started in the period; ``records``: (tier id, status, records) of the attended and
    did-not-attend records on those of them that were not cancelled.
    """
    counted: dict[int, list[int]] = {tier_id: [0] * 5 for tier_id in tiers}
    for tier_id, status, n, places in sessions:
        figures = counted[tier_id]
        if status == "cancelled":
            figures[1] += n
        else:
            figures[0] += n
            figures[2] += places
    for tier_id, status, n in records:
        counted[tier_id][3 if status == ATTENDED else 4] += n
    by_tier = [SessionFigures(name, *counted[tier_id]) for tier_id, name in tiers.items()]
    totals = [sum(figures[n] for figures in counted.values()) for n in range(5)]
    return by_tier, SessionFigures(ALL_TIERS, *totals)


def counts_by(names: Mapping[int, str], rows: Iterable[tuple[int, int]]) -> tuple[Count, ...]:
    """A count for every name, in the mapping's order, added up from (id, count) rows."""
    added = _added_by(rows)
    return tuple(Count(name, added.get(key, 0)) for key, name in names.items())


def _last_day(quarter: Quarter) -> dt.date:
    return add_months(quarter.first_day, 3) - dt.timedelta(days=1)


def quarters_of(start: dt.date, end: dt.date) -> list[Quarter]:
    """The calendar quarters the period touches, oldest first."""
    quarters = [Quarter.of(end)]
    while quarters[-1].first_day > start:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def attendance_figures(
    start: dt.date, end: dt.date, names: Names, rows: Iterable[tuple[int, int, int, int]]
) -> AttendanceFigures:
    """The figures from (quarter, course id, sector id, records) rows, where quarter ``n`` is
    the period's ``n``-th quarter (``quarters_of``), counting from 0."""
    listed = list(rows)
    quarters = quarters_of(start, end)
    position = {tier_id: n for n, tier_id in enumerate(names.tiers)}
    by_quarter = [[0] * len(position) for _quarter in quarters]
    for part, course, _sector, n in listed:
        by_quarter[part][position[names.courses[course][0]]] += n
    return AttendanceFigures(
        by_tier=counts_by(names.tiers, ((names.courses[c][0], n) for _p, c, _s, n in listed)),
        by_topic=counts_by(names.topics, ((names.courses[c][1], n) for _p, c, _s, n in listed)),
        by_sector=counts_by(names.sectors, ((sector, n) for _p, _c, sector, n in listed)),
        by_quarter=tuple(
            QuarterCounts(
                quarter,
                max(quarter.first_day, start),
                min(_last_day(quarter), end),
                tuple(counts),
            )
            for quarter, counts in zip(quarters, by_quarter, strict=True)
        ),
    )


def quality_by_tier(
    tiers: Sequence[str], found: Iterable[GroupQuality]
) -> tuple[GroupQuality, ...]:
    """Every tier's figures in the given order; a tier with no evaluations or observations has
    empty ones."""
    by_name = {group.name: group for group in found}
    nothing = OutcomeCounts((), None)
    return tuple(
        by_name.get(tier, GroupQuality(tier, feedback_figures(()), nothing)) for tier in tiers
    )


def reach_by(known: Sequence[str], rows: Iterable[tuple[str, int, int]]) -> tuple[Reach, ...]:
    """Every known audience (or type) in its order, then any other recorded, by name; from
    (name, events, people) rows."""
    events: dict[str, int] = dict.fromkeys(known, 0)
    people: dict[str, int] = dict.fromkeys(known, 0)
    for name, n, reached in rows:
        events[name] = events.get(name, 0) + n
        people[name] = people.get(name, 0) + reached
    others = sorted((name for name in events if name not in known), key=str.casefold)
    return tuple(Reach(name, events[name], people[name]) for name in (*known, *others))
