"""Compliance per agency from the database: the rule of ``training.compliance``, computed in SQL."""

from __future__ import annotations

import datetime as dt

from training.compliance import (
    COUNTING_STATUSES,
    EXPIRING_SOON_DAYS,
    AgencyCompliance,
)
from training.dates import lapsed_through
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
