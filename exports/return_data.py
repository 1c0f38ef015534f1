"""The agency training return as its writers (workbook and PDF) read it, and the words they share.

Any objects with these attributes will do: ``training.returns.TrainingReturn`` fits as it is, and
``exports`` never imports it (exports take plain data; DESIGN.md §1).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Protocol

TITLE = "Agency training return"
DEFINITIONS = (
    "In scope: staff in post on the reporting date whose role requires training on the topic, "
    "by the tier their role requires.",
    "Trained: attended or completed training at or above the required tier that has not expired "
    "by the reporting date (it expires when its course's validity has passed since completion).",
    "Expiring within 90 days: trained, but the training expires within 90 days after the "
    "reporting date.",
    "Overdue: in scope and not trained: never trained at the required tier, or expired.",
    "Trained in the period: staff in scope who completed training on the topic (at any tier) "
    "in the period, each counted once, at the highest tier completed.",
)


class PersonData(Protocol):
    @property
    def topic(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def staff_ref(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def required_tier(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def expires_on(self) -> dt.date | None: ...
    @property
    def last_completed(self) -> dt.date | None: ...
    @property
    def course(self) -> str: ...
    @property
    def trained_in_period(self) -> str: ...


class CountsData(Protocol):
    @property
    def topic(self) -> str: ...
    @property
    def in_scope_by_tier(self) -> Sequence[int]: ...
    @property
    def in_scope(self) -> int: ...
    @property
    def trained(self) -> int: ...
    @property
    def percent_trained(self) -> float | None: ...
    @property
    def expiring_soon(self) -> int: ...
    @property
    def overdue(self) -> int: ...
    @property
    def never_trained(self) -> int: ...
    @property
    def lapsed(self) -> int: ...
    @property
    def trained_in_period_by_tier(self) -> Sequence[int]: ...
    @property
    def trained_in_period(self) -> int: ...


class AgencyData(Protocol):
    @property
    def agency(self) -> str: ...
    @property
    def sector(self) -> str: ...
    @property
    def counts(self) -> Sequence[CountsData]: ...  # one per topic, in the return's order
    @property
    def people(self) -> Sequence[PersonData]: ...


class ReturnData(Protocol):
    @property
    def partnership(self) -> str: ...
    @property
    def on(self) -> dt.date: ...
    @property
    def period_start(self) -> dt.date: ...
    @property
    def topics(self) -> Sequence[str]: ...
    @property
    def tiers(self) -> Sequence[str]: ...  # lowest first
    @property
    def agencies(self) -> Sequence[AgencyData]: ...
    def totals(self) -> Sequence[CountsData]: ...


def period_text(data: ReturnData) -> str:
    """ "Reporting date 31/03/2026; period 01/04/2025 to 31/03/2026"."""
    return (
        f"Reporting date {data.on:%d/%m/%Y}; "
        f"period {data.period_start:%d/%m/%Y} to {data.on:%d/%m/%Y}"
    )


def topics_text(data: ReturnData) -> str:
    return ", ".join(data.topics)


def counts_text(counts: CountsData) -> str:
    """One topic's counts as a sentence, for an agency's sheet."""
    if counts.in_scope == 0:
        return f"{counts.topic}: no staff in scope."
    percent = counts.percent_trained or 0.0
    return (
        f"{counts.topic}: {counts.in_scope:,} in scope, {counts.trained:,} trained "
        f"({percent:.1f}%), {counts.overdue:,} overdue, {counts.expiring_soon:,} expiring within "
        f"90 days, {counts.trained_in_period:,} trained in the period."
    )
