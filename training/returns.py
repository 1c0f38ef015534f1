"""Compliance per agency from the database, and the agency training return built on it.

``compliance_by_agency`` counts the rule of ``training.compliance`` in SQL (the dashboard's
figures). ``training_return`` is the statutory return (DESIGN.md §3): for a reporting date, a
period and one or every topic, each agency's staff in scope by required tier, trained at the
appropriate level, expiring in the next 90 days, overdue, and trained in the period by tier,
with a line for every person in scope saying where they stand. The database picks the people in
scope and their records; the standing of each person is worked out here, and the counts are
counted from the lines, so a return's summary always agrees with its detail.

Trained in the period: the people in scope who completed a record that counts (at any tier) on
the topic from the first day of the period to the reporting date, each counted once, under the
highest tier they completed in the period.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from storage import models as m
from storage.compliance_query import InScopeStaff, TopicRecord
from training.access import Permission, agency_filter, require_agency, requires
from training.agencies import named_agency
from training.catalogue import match_topic_name
from training.compliance import (
    COUNTING_STATUSES,
    EXPIRING_SOON_DAYS,
    AgencyCompliance,
    Standing,
)
from training.dates import add_months, lapsed_through, uk
from training.errors import ValidationError
from training.progress import Progress, no_progress
from training.registers import PARTNERSHIP_NAME
from training.transactions import UnitOfWork, found

PERIOD_MONTHS = 12  # the default period: the year up to the reporting date


@requires(Permission.READ_RETURNS)
def compliance_by_agency(
    uow: UnitOfWork, topic_id: int, on: dt.date, agency_id: int | None = None
) -> dict[int, AgencyCompliance]:
    """Per agency with anyone in scope: counts identical to ``training.compliance``'s."""
    soon = on + dt.timedelta(days=EXPIRING_SOON_DAYS)
    agency_id = agency_filter(uow, agency_id)
    with uow:
        validities = uow.compliance.validity_periods(topic_id)
        rows = uow.compliance.agency_counts(
            topic_id=topic_id,
            on=on,
            lapsed_on={v: lapsed_through(on, v) for v in validities},
            lapsed_after_soon={v: lapsed_through(soon, v) for v in validities},
            counting_statuses=COUNTING_STATUSES,
            agency_id=agency_id,
        )
    result: dict[int, AgencyCompliance] = {}
    for row in rows:
        agency = result.setdefault(row.agency_id, AgencyCompliance(row.agency_id))
        agency.in_scope_by_rank[row.required_rank] = row.in_scope
        agency.trained += row.trained
        agency.expiring_soon += row.trained - row.trained_beyond_soon
        agency.lapsed += row.ever_qualified - row.trained
        agency.never_trained += row.in_scope - row.ever_qualified
    return result


@dataclass(frozen=True)
class ComplianceRow:
    """One agency's line of the return, named, with its counts."""

    agency_id: int
    agency: str
    in_scope_by_rank: dict[int, int]
    in_scope: int
    trained: int
    expiring_soon: int
    lapsed: int
    never_trained: int

    @property
    def overdue(self) -> int:
        return self.lapsed + self.never_trained

    @property
    def percent_trained(self) -> float | None:
        return None if self.in_scope == 0 else 100.0 * self.trained / self.in_scope


def _reported_agencies(
    uow: UnitOfWork, agency: str | None, subject: str
) -> tuple[list[m.Agency], int | None]:
    """The agencies a report covers, and the one it is limited to (None: every active one).
    An agency lead's report is always their own agency's."""
    if agency is not None:
        named = named_agency(uow, agency, subject, "cannot be made")
        require_agency(uow, named.id)
        return [named], named.id
    scope = agency_filter(uow, None)
    if scope is not None:
        return [found(uow.agencies.get(scope), "agency", scope)], scope
    return [a for a in uow.agencies.list() if a.active], None


@requires(Permission.READ_RETURNS)
def compliance_table(
    uow: UnitOfWork, topic: str, on: dt.date, agency: str | None = None
) -> list[ComplianceRow]:
    """Every active agency (one, if named) with its counts for the topic, in name order."""
    with uow:
        found_topic = _named_topic(uow, topic, "The report")
        agencies, only = _reported_agencies(uow, agency, "The report")
        topic_id = found_topic.id
        names = {a.id: a.name for a in agencies}
    counts = compliance_by_agency(uow, topic_id, on, agency_id=only)
    rows = []
    for agency_id, name in sorted(names.items(), key=lambda item: item[1].lower()):
        c = counts.get(agency_id, AgencyCompliance(agency_id))
        rows.append(
            ComplianceRow(
                agency_id,
                name,
                dict(c.in_scope_by_rank),
                c.in_scope,
                c.trained,
                c.expiring_soon,
                c.lapsed,
                c.never_trained,
            )
        )
    return rows


def _named_topic(uow: UnitOfWork, typed: str, subject: str) -> m.Topic:
    """The topic the user means (see ``match_topic_name``), inside an open unit of work."""
    topics = {t.name: t for t in uow.topics.list()}
    name = match_topic_name(list(topics), typed)
    if name is None:
        known = ", ".join(topics) or "none yet"
        raise ValidationError(
            subject,
            outcome="cannot be made",
            problems={"topic": f"no topic is called {typed!r} (topics: {known})"},
        )
    return topics[name]


# --- the agency training return ------------------------------------------------------------------


class PersonLine(NamedTuple):
    """A member of staff in scope for a topic, and where they stand: a line of the detail.

    A named tuple, not a frozen dataclass: a large partnership's return holds a line for each of
    100,000 people per topic, and tuples are made several times faster.
    """

    staff_id: int
    agency_id: int
    topic: str
    name: str
    staff_ref: str
    role: str
    required_tier: str
    standing: Standing
    expires_on: dt.date | None  # the first day the deciding record no longer counts
    last_completed: dt.date | None  # the latest record at or above the required tier
    course: str  # that record's course, "title (code)"
    trained_in_period: str  # the highest tier completed in the period; "" if none

    @property
    def status(self) -> str:
        """Where they stand, in words: "trained", "expiring on 15/05/2026", "overdue (never
        trained)" or "overdue (expired on 02/01/2026)"."""
        if self.standing is Standing.NEVER_TRAINED:
            return "overdue (never trained)"
        if self.standing is Standing.LAPSED:
            return f"overdue (expired on {uk(self.expires_on)})"
        if self.standing is Standing.EXPIRING_SOON:
            return f"expiring on {uk(self.expires_on)}"
        return "trained"


@dataclass(frozen=True)
class TopicCounts:
    """One agency's (or all agencies') counts for one topic; tiers in the return's tier order."""

    topic: str
    in_scope_by_tier: tuple[int, ...]
    trained: int
    expiring_soon: int
    lapsed: int
    never_trained: int
    trained_in_period_by_tier: tuple[int, ...]

    @property
    def in_scope(self) -> int:
        return sum(self.in_scope_by_tier)

    @property
    def overdue(self) -> int:
        return self.lapsed + self.never_trained

    @property
    def percent_trained(self) -> float | None:
        return None if self.in_scope == 0 else 100.0 * self.trained / self.in_scope

    @property
    def trained_in_period(self) -> int:
        return sum(self.trained_in_period_by_tier)


@dataclass(frozen=True)
class AgencyReturn:
    agency_id: int
    agency: str
    sector: str
    counts: tuple[TopicCounts, ...]  # one per topic of the return, in its order
    people: tuple[PersonLine, ...]  # by topic, then surname and first name


@dataclass(frozen=True)
class TrainingReturn:
    """The agency training return: plain data for the workbook, the PDF and the screen."""

    partnership: str  # "" when the partnership has not been named in its settings
    on: dt.date
    period_start: dt.date  # the period runs from this day to the reporting date
    topics: tuple[str, ...]
    tiers: tuple[str, ...]  # lowest first
    agencies: tuple[AgencyReturn, ...]  # in name order

    def totals(self) -> tuple[TopicCounts, ...]:
        """Every agency's counts added up, per topic."""
        return tuple(
            _added(topic, [agency.counts[n] for agency in self.agencies], len(self.tiers))
            for n, topic in enumerate(self.topics)
        )


def default_period_start(on: dt.date) -> dt.date:
    """The first day of the year that ends on ``on`` (01/04/2025 for 31/03/2026)."""
    return add_months(on, -PERIOD_MONTHS) + dt.timedelta(days=1)


@requires(Permission.READ_RETURNS)
def training_return(
    uow: UnitOfWork,
    on: dt.date,
    *,
    period_start: dt.date | None = None,
    topic: str | None = None,
    agency: str | None = None,
    progress: Progress = no_progress,
) -> TrainingReturn:
    """The return on ``on`` for one topic (every topic if None) and every active agency, or
    the one named (an agency lead's own return)."""
    start = default_period_start(on) if period_start is None else period_start
    if start > on:
        raise ValidationError(
            "The return",
            outcome="cannot be made",
            problems={
                "period": f"starts on {uk(start)}, after the reporting date {uk(on)}: "
                "give a start on or before it"
            },
        )
    with uow:
        topics = _topics(uow, topic)
        agencies, only = _reported_agencies(uow, agency, "The return")
        rules = _rules(uow, on, start)
        lines: dict[int, list[PersonLine]] = {a.id: [] for a in agencies}
        for done, found_topic in enumerate(topics):
            progress(done, len(topics), f"Working out {found_topic.name}")
            staff = uow.compliance.in_scope_staff(topic_id=found_topic.id, on=on, agency_id=only)
            records = uow.compliance.topic_records(
                topic_id=found_topic.id,
                on=on,
                counting_statuses=COUNTING_STATUSES,
                agency_id=only,
            )
            for line in _topic_lines(found_topic.name, staff, records, rules):
                if line.agency_id in lines:  # not an inactive agency's
                    lines[line.agency_id].append(line)
        progress(len(topics), len(topics), "Counting")
        named = sorted(((a.id, a.name, a.sector.name) for a in agencies), key=_by_name)
        partnership = uow.settings.all().get(PARTNERSHIP_NAME, "").strip()
        topic_names = tuple(t.name for t in topics)
    tier_names = tuple(rules.tiers[rank] for rank in sorted(rules.tiers))
    return TrainingReturn(
        partnership=partnership,
        on=on,
        period_start=start,
        topics=topic_names,
        tiers=tier_names,
        agencies=tuple(
            AgencyReturn(
                agency_id,
                name,
                sector,
                tuple(_counts(topic, tier_names, lines[agency_id]) for topic in topic_names),
                tuple(lines[agency_id]),
            )
            for agency_id, name, sector in named
        ),
    )


def _topics(uow: UnitOfWork, typed: str | None) -> list[m.Topic]:
    """The topic named, or every topic (there must be one)."""
    topics = [_named_topic(uow, typed, "The return")] if typed else list(uow.topics.list())
    if not topics:
        raise ValidationError(
            "The return",
            outcome="cannot be made",
            problems={"topic": "there are no topics yet: add one in the catalogue"},
        )
    return topics


def _rules(uow: UnitOfWork, on: dt.date, start: dt.date) -> _Rules:
    tiers = uow.tiers.list()
    rank_of_tier = {t.id: t.rank for t in tiers}
    return _Rules(
        on=on,
        soon=on + dt.timedelta(days=EXPIRING_SOON_DAYS),
        period_start=start,
        tiers={t.rank: t.name for t in tiers},
        roles={r.id: r.name for r in uow.roles.list()},
        courses={
            c.id: _Course(rank_of_tier[c.tier_id], c.validity_months, f"{c.title} ({c.code})")
            for c in uow.courses.list()
        },
    )


def _by_name(agency: tuple[int, str, str]) -> str:
    return agency[1].casefold()


class _Course(NamedTuple):
    tier_rank: int
    validity_months: int | None
    label: str  # "title (code)"


@dataclass(frozen=True)
class _Rules:
    """What a person's standing is worked out from, besides their own records."""

    on: dt.date
    soon: dt.date  # the last day of the "expiring soon" window
    period_start: dt.date
    tiers: Mapping[int, str]  # rank -> name
    roles: Mapping[int, str]
    courses: Mapping[int, _Course]


@functools.lru_cache(maxsize=65_536)
def _expiry(completed_on: dt.date, validity_months: int) -> dt.date:
    """Completion dates repeat across a workforce: each expiry is worked out once."""
    return add_months(completed_on, validity_months)


def _topic_lines(
    topic: str, staff: Iterable[InScopeStaff], records: Iterable[TopicRecord], rules: _Rules
) -> list[PersonLine]:
    """A line for each person in scope, in surname and first name order."""
    tallies = {person.staff_id: _Tally(person) for person in staff}
    courses, period_start = rules.courses, rules.period_start
    for staff_id, course_id, completed_on in records:
        tally = tallies.get(staff_id)
        if tally is not None:  # not someone out of scope
            tally.add(courses[course_id], completed_on, period_start)
    ordered = sorted(tallies.values(), key=_Tally.name_order)
    return [_line(topic, tally, rules) for tally in ordered]


class _Tally:
    """What a person's records of the topic say, added up as they come from the database.

    The rule of ``training.compliance.assess_person`` (the tests hold the two to the same
    answers) in one pass, for speed: a large partnership has a quarter of a million records per
    topic. "Qualifying": at or above the tier the person's role requires.
    """

    __slots__ = ("expires_on", "last_course", "last_on", "never_expires", "period_rank", "person")

    def __init__(self, person: InScopeStaff) -> None:
        self.person = person
        self.period_rank = 0  # the highest tier completed in the period
        self.last_on: dt.date | None = None  # the latest qualifying completion
        self.last_course = ""  # its course (the first by name, if several that day)
        self.expires_on: dt.date | None = None  # the latest expiry of a qualifying record
        self.never_expires = False  # a qualifying record on a course that never expires

    def add(self, course: _Course, completed_on: dt.date, period_start: dt.date) -> None:
        tier_rank, validity, label = course
        if tier_rank > self.period_rank and completed_on >= period_start:
            self.period_rank = tier_rank
        if tier_rank < self.person.required_rank:
            return
        last_on = self.last_on
        if (
            last_on is None
            or completed_on > last_on
            or (completed_on == last_on and label < self.last_course)
        ):
            self.last_on, self.last_course = completed_on, label
        if validity is None:
            self.never_expires = True
        else:
            expiry = _expiry(completed_on, validity)
            if self.expires_on is None or expiry > self.expires_on:
                self.expires_on = expiry

    def name_order(self) -> tuple[str, str, int]:
        person = self.person
        return person.last_name.casefold(), person.first_name.casefold(), person.staff_id


def _line(topic: str, tally: _Tally, rules: _Rules) -> PersonLine:
    person = tally.person
    expires_on = None if tally.never_expires else tally.expires_on
    standing = _standing(tally.last_on is not None, expires_on, rules)
    return PersonLine(
        person.staff_id,
        person.agency_id,
        topic,
        f"{person.first_name} {person.last_name}",
        person.staff_ref or "",
        rules.roles[person.role_id],
        rules.tiers[person.required_rank],
        standing,
        expires_on,
        tally.last_on,
        tally.last_course,
        rules.tiers.get(tally.period_rank, ""),
    )


def _standing(qualified: bool, expires_on: dt.date | None, rules: _Rules) -> Standing:
    if not qualified:
        return Standing.NEVER_TRAINED
    if expires_on is None:
        return Standing.TRAINED
    if expires_on <= rules.on:
        return Standing.LAPSED
    if expires_on <= rules.soon:
        return Standing.EXPIRING_SOON
    return Standing.TRAINED


def _counts(topic: str, tiers: Sequence[str], lines: Iterable[PersonLine]) -> TopicCounts:
    position = {name: n for n, name in enumerate(tiers)}
    in_scope, in_period = [0] * len(tiers), [0] * len(tiers)
    standings = dict.fromkeys(Standing, 0)
    for line in lines:
        if line.topic != topic:
            continue
        in_scope[position[line.required_tier]] += 1
        standings[line.standing] += 1
        if line.trained_in_period:
            in_period[position[line.trained_in_period]] += 1
    return TopicCounts(
        topic=topic,
        in_scope_by_tier=tuple(in_scope),
        trained=standings[Standing.TRAINED] + standings[Standing.EXPIRING_SOON],
        expiring_soon=standings[Standing.EXPIRING_SOON],
        lapsed=standings[Standing.LAPSED],
        never_trained=standings[Standing.NEVER_TRAINED],
        trained_in_period_by_tier=tuple(in_period),
    )


def _added(topic: str, counts: Sequence[TopicCounts], tiers: int) -> TopicCounts:
    def by_tier(values: Iterable[tuple[int, ...]]) -> tuple[int, ...]:
        return tuple(map(sum, zip(*values, strict=True))) if counts else (0,) * tiers

    return TopicCounts(
        topic=topic,
        in_scope_by_tier=by_tier(c.in_scope_by_tier for c in counts),
        trained=sum(c.trained for c in counts),
        expiring_soon=sum(c.expiring_soon for c in counts),
        lapsed=sum(c.lapsed for c in counts),
        never_trained=sum(c.never_trained for c in counts),
        trained_in_period_by_tier=by_tier(c.trained_in_period_by_tier for c in counts),
    )
