"""Compliance per agency from the database: the rule of ``training.compliance``, computed in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from training.agencies import named_agency
from training.catalogue import match_topic_name
from training.compliance import (
    COUNTING_STATUSES,
    EXPIRING_SOON_DAYS,
    AgencyCompliance,
)
from training.dates import lapsed_through
from training.errors import ValidationError
from training.transactions import UnitOfWork


def compliance_by_agency(
    uow: UnitOfWork, topic_id: int, on: dt.date, agency_id: int | None = None
) -> dict[int, AgencyCompliance]:
    """Per agency with anyone in scope: counts identical to ``training.compliance``'s."""
    soon = on + dt.timedelta(days=EXPIRING_SOON_DAYS)
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


def compliance_table(
    uow: UnitOfWork, topic: str, on: dt.date, agency: str | None = None
) -> list[ComplianceRow]:
    """Every active agency (one, if named) with its counts for the topic, in name order."""
    with uow:
        topics = {t.name: t for t in uow.topics.list()}
        name = match_topic_name(list(topics), topic)
        if name is None:
            known = ", ".join(topics) or "none yet"
            raise ValidationError(
                "The report",
                outcome="cannot be made",
                problems={"topic": f"no topic is called {topic!r} (topics: {known})"},
            )
        found_topic = topics[name]
        agencies = [a for a in uow.agencies.list() if a.active]
        if agency is not None:
            agencies = [named_agency(uow, agency, "The report", "cannot be made")]
        topic_id = found_topic.id
        names = {a.id: a.name for a in agencies}
    counts = compliance_by_agency(
        uow, topic_id, on, agency_id=next(iter(names)) if agency is not None else None
    )
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
