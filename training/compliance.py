"""The compliance rule: is a member of staff trained at the level appropriate to their role?

This module is the reference implementation, written for clarity over speed; the database
computes the same counts in one query (``storage.compliance_query``) and a property test holds
the two to identical answers. See DESIGN.md §2, "The compliance rule, exactly".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from training.dates import add_months

EXPIRING_SOON_DAYS = 90
COUNTING_STATUSES = frozenset({"attended"})


class Standing(enum.StrEnum):
    TRAINED = "trained"
    EXPIRING_SOON = "expiring soon"
    LAPSED = "lapsed"
    NEVER_TRAINED = "never trained"


@dataclass(frozen=True)
class RoleSpell:
    role_id: int
    effective_from: dt.date


@dataclass(frozen=True)
class StaffFacts:
    staff_id: int
    agency_id: int
    start_date: dt.date | None
    leave_date: dt.date | None
    roles: tuple[RoleSpell, ...]


@dataclass(frozen=True)
class TrainingRecord:
    staff_id: int
    topic_id: int
    tier_rank: int
    validity_months: int | None
    status: str
    completed_on: dt.date | None


# (role_id, topic_id) -> the rank of the tier appropriate to that role for that topic
RequirementMatrix = Mapping[tuple[int, int], int]


@dataclass(frozen=True)
class PersonCompliance:
    staff_id: int
    agency_id: int
    required_rank: int
    standing: Standing
    expires_on: dt.date | None  # the deciding expiry; None if trained for good or not trained

    @property
    def trained(self) -> bool:
        return self.standing in (Standing.TRAINED, Standing.EXPIRING_SOON)


@dataclass
class AgencyCompliance:
    agency_id: int
    in_scope_by_rank: dict[int, int] = field(default_factory=dict)
    trained: int = 0
    expiring_soon: int = 0
    lapsed: int = 0
    never_trained: int = 0

    @property
    def in_scope(self) -> int:
        return sum(self.in_scope_by_rank.values())

    @property
    def overdue(self) -> int:
        return self.lapsed + self.never_trained

    @property
    def percent_trained(self) -> float | None:
        return None if self.in_scope == 0 else 100.0 * self.trained / self.in_scope

    def add(self, person: PersonCompliance) -> None:
        rank = person.required_rank
        self.in_scope_by_rank[rank] = self.in_scope_by_rank.get(rank, 0) + 1
        if person.trained:
            self.trained += 1
        if person.standing is Standing.EXPIRING_SOON:
            self.expiring_soon += 1
        elif person.standing is Standing.LAPSED:
            self.lapsed += 1
        elif person.standing is Standing.NEVER_TRAINED:
            self.never_trained += 1


def role_on(staff: StaffFacts, on: dt.date) -> int | None:
    """The role recorded for ``on``: the latest spell that started on or before it."""
    current = [spell for spell in staff.roles if spell.effective_from <= on]
    return max(current, key=lambda spell: spell.effective_from).role_id if current else None


def is_employed_on(staff: StaffFacts, on: dt.date) -> bool:
    started = staff.start_date is None or staff.start_date <= on
    not_left = staff.leave_date is None or staff.leave_date > on
    return started and not_left


def required_rank(
    staff: StaffFacts, topic_id: int, on: dt.date, matrix: RequirementMatrix
) -> int | None:
    """The tier rank the person needs for the topic on ``on``; None if out of scope."""
    if not is_employed_on(staff, on):
        return None
    role_id = role_on(staff, on)
    return None if role_id is None else matrix.get((role_id, topic_id))


def expiry_date(record: TrainingRecord) -> dt.date | None:
    """The first day the record no longer counts; None if it never expires."""
    assert record.completed_on is not None
    if record.validity_months is None:
        return None
    return add_months(record.completed_on, record.validity_months)


def _qualifies(record: TrainingRecord, topic_id: int, rank: int, on: dt.date) -> bool:
    return (
        record.topic_id == topic_id
        and record.status in COUNTING_STATUSES
        and record.completed_on is not None
        and record.completed_on <= on
        and record.tier_rank >= rank
    )


def assess_person(
    staff: StaffFacts,
    records: Iterable[TrainingRecord],
    topic_id: int,
    on: dt.date,
    matrix: RequirementMatrix,
) -> PersonCompliance | None:
    """The person's standing for the topic on ``on``; None when the topic is not required."""
    rank = required_rank(staff, topic_id, on, matrix)
    if rank is None:
        return None
    qualifying = [r for r in records if _qualifies(r, topic_id, rank, on)]
    if not qualifying:
        return PersonCompliance(staff.staff_id, staff.agency_id, rank, Standing.NEVER_TRAINED, None)
    expiries = [expiry_date(r) for r in qualifying]
    if any(e is None for e in expiries):
        return PersonCompliance(staff.staff_id, staff.agency_id, rank, Standing.TRAINED, None)
    deciding = max(e for e in expiries if e is not None)
    if deciding <= on:
        standing = Standing.LAPSED
    elif deciding <= on + dt.timedelta(days=EXPIRING_SOON_DAYS):
        standing = Standing.EXPIRING_SOON
    else:
        standing = Standing.TRAINED
    return PersonCompliance(staff.staff_id, staff.agency_id, rank, standing, deciding)


def agency_compliance(
    staff: Iterable[StaffFacts],
    records: Iterable[TrainingRecord],
    topic_id: int,
    on: dt.date,
    matrix: RequirementMatrix,
) -> dict[int, AgencyCompliance]:
    """Counts per agency (only agencies with someone in scope appear)."""
    by_staff: dict[int, list[TrainingRecord]] = {}
    for record in records:
        by_staff.setdefault(record.staff_id, []).append(record)
    result: dict[int, AgencyCompliance] = {}
    for person in staff:
        assessed = assess_person(person, by_staff.get(person.staff_id, []), topic_id, on, matrix)
        if assessed is not None:
            result.setdefault(person.agency_id, AgencyCompliance(person.agency_id)).add(assessed)
    return result


def trained_in_period(
    records: Iterable[TrainingRecord], topic_id: int, start: dt.date, on: dt.date
) -> int | None:
    """The highest tier rank of the person's records of the topic that count, completed from
    ``start`` to ``on``; None if none was. Any tier counts here, below the required one too."""
    ranks = [
        r.tier_rank
        for r in records
        if r.topic_id == topic_id
        and r.status in COUNTING_STATUSES
        and r.completed_on is not None
        and start <= r.completed_on <= on
    ]
    return max(ranks, default=None)
