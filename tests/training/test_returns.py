"""The agency training return: each person's standing and every count equal the pure reference
(``training.compliance``) on random partnerships, on SQLite and PostgreSQL; and the return's
rules, case by case."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage.database import Database
from tests.builders import Basics, basics, person
from tests.conftest import _empty_postgres
from tests.storage.test_compliance_query import Partnership, _store, partnerships
from training import agencies, catalogue, registers
from training.compliance import (
    COUNTING_STATUSES,
    Standing,
    TrainingRecord,
    assess_person,
    trained_in_period,
)
from training.errors import ValidationError
from training.returns import default_period_start, training_return

ON = dt.date(2026, 3, 31)
TRAINED = (Standing.TRAINED, Standing.EXPIRING_SOON)


# --- the return equals the reference ----------------------------------------------------------


def reference_people(p: Partnership, start: dt.date) -> dict[int, tuple[object, ...]]:
    """Per person in scope: agency, required rank, standing, deciding expiry, latest qualifying
    completion and highest tier trained in the period, from the pure reference."""
    courses = {cid: (topic, rank, validity) for cid, topic, rank, validity in p.courses}
    records: dict[int, list[TrainingRecord]] = {}
    for sid, cid, status, day in p.records:
        topic, rank, validity = courses[cid]
        records.setdefault(sid, []).append(TrainingRecord(sid, topic, rank, validity, status, day))
    people = {}
    for staff in p.staff:
        own = records.get(staff.staff_id, [])
        assessed = assess_person(staff, own, p.topic, p.on, p.matrix)
        if assessed is None:
            continue
        qualifying = [
            r.completed_on
            for r in own
            if r.topic_id == p.topic
            and r.status in COUNTING_STATUSES
            and r.completed_on is not None
            and r.completed_on <= p.on
            and r.tier_rank >= assessed.required_rank
        ]
        people[staff.staff_id] = (
            staff.agency_id,
            assessed.required_rank,
            assessed.standing,
            assessed.expires_on,
            max(qualifying, default=None),
            trained_in_period(own, p.topic, start, p.on),
        )
    return people


def returned_people(database: Database, p: Partnership, start: dt.date) -> dict[int, tuple]:
    result = training_return(
        database.unit_of_work(), p.on, period_start=start, topic=f"Topic {p.topic}"
    )
    rank = {name: n for n, name in enumerate(result.tiers, start=1)}
    people = {}
    for agency in result.agencies:
        for line in agency.people:
            people[line.staff_id] = (
                line.agency_id,
                rank[line.required_tier],
                line.standing,
                line.expires_on,
                line.last_completed,
                rank.get(line.trained_in_period),
            )
        counts = agency.counts[0]
        lines = agency.people
        assert counts.in_scope == len(lines)
        assert counts.trained == sum(line.standing in TRAINED for line in lines)
        assert counts.trained_in_period == sum(bool(line.trained_in_period) for line in lines)
    return people


def check(database: Database, p: Partnership, days_back: int) -> None:
    _store(database, p)
    start = p.on - dt.timedelta(days=days_back)
    assert returned_people(database, p, start) == reference_people(p, start)


@settings(max_examples=100)
@given(p=partnerships(), days_back=st.integers(0, 1200))
def test_sqlite_return_equals_the_reference(p, days_back):
    database = Database("sqlite://")
    database.create_all()
    try:
        check(database, p, days_back)
    finally:
        database.dispose()


@pytest.mark.postgresql
def test_postgresql_return_equals_the_reference(postgres_database):
    @settings(max_examples=30)
    @given(p=partnerships(), days_back=st.integers(0, 1200))
    def run(p, days_back):
        _empty_postgres(postgres_database)
        check(postgres_database, p, days_back)

    run()


# --- the rules, case by case ------------------------------------------------------------------


def course(uow, b: Basics, code: str, tier: str, validity: int | None = 36) -> int:
    draft = catalogue.CourseDraft(
        code, f"CSE: {tier.lower()}", b.topic_id, b.tiers[tier], "e-learning", Decimal(1), validity
    )
    return catalogue.save_course(uow, draft).id


def test_each_person_is_named_with_where_they_stand(uow):
    b = basics(uow)  # the role needs Targeted; course CSE-T1 is Targeted, valid 36 months
    trained, _, expired, expiring, below = (
        person(uow, b, f"P{n}", last=last)
        for n, last in enumerate(("Adams", "Baker", "Clark", "Davis", "Evans"))
    )
    universal = course(uow, b, "CSE-U1", "Universal")
    registers.record_completion(uow, trained.id, b.course_id, dt.date(2025, 1, 10))
    registers.record_completion(uow, expired.id, b.course_id, dt.date(2022, 11, 30))
    registers.record_completion(uow, expiring.id, b.course_id, dt.date(2023, 5, 1))
    registers.record_completion(uow, below.id, universal, dt.date(2025, 6, 1))
    result = training_return(uow, ON, topic="CSE")
    (police,) = result.agencies
    assert [
        (line.name, line.staff_ref, line.role, line.required_tier) for line in police.people
    ] == [
        (f"Alex {last}", f"P{n}", "Police officer", "Targeted")
        for n, last in enumerate(("Adams", "Baker", "Clark", "Davis", "Evans"))
    ]
    assert [line.status for line in police.people] == [
        "trained",
        "overdue (never trained)",
        "overdue (expired on 30/11/2025)",
        "expiring on 01/05/2026",
        "overdue (never trained)",
    ]
    adams = police.people[0]
    assert adams.last_completed == dt.date(2025, 1, 10)
    assert adams.expires_on == dt.date(2028, 1, 10)
    assert adams.course == "CSE: targeted (CSE-T1)"
    assert police.people[4].last_completed is None  # Universal is below what the role needs
    (counts,) = police.counts
    assert counts.in_scope_by_tier == (0, 0, 5, 0)
    assert (counts.trained, counts.expiring_soon, counts.lapsed, counts.never_trained) == (
        2,
        1,
        1,
        2,
    )
    assert counts.percent_trained == 40.0


def test_trained_in_the_period_counts_each_person_once_at_their_highest_tier(uow):
    b = basics(uow)
    alex, sam = person(uow, b, "P1"), person(uow, b, "P2", last="Jones")
    universal = course(uow, b, "CSE-U1", "Universal")
    registers.record_completion(uow, alex.id, universal, dt.date(2025, 5, 1))
    registers.record_completion(uow, alex.id, b.course_id, dt.date(2025, 9, 1))
    registers.record_completion(uow, sam.id, b.course_id, dt.date(2025, 3, 31))  # the day before
    result = training_return(uow, ON, period_start=dt.date(2025, 4, 1), topic="CSE")
    (counts,) = result.agencies[0].counts
    assert counts.trained_in_period_by_tier == (0, 0, 1, 0)
    assert [line.trained_in_period for line in result.agencies[0].people] == ["", "Targeted"]


def test_the_period_is_the_year_to_the_reporting_date_unless_given(uow):
    basics(uow)
    assert default_period_start(ON) == dt.date(2025, 4, 1)
    assert default_period_start(dt.date(2028, 2, 29)) == dt.date(2027, 3, 1)
    assert training_return(uow, ON, topic="CSE").period_start == dt.date(2025, 4, 1)


def test_a_period_starting_after_the_reporting_date_is_refused(uow):
    basics(uow)
    with pytest.raises(ValidationError, match="starts on 01/04/2026, after the reporting date"):
        training_return(uow, ON, period_start=dt.date(2026, 4, 1), topic="CSE")


def test_an_agency_lead_gets_their_own_agency_alone(uow):
    b = basics(uow)
    other = agencies.save_agency(uow, agencies.AgencyDraft("Northshire Hotels", b.sector_id))
    person(uow, b, "P1")
    result = training_return(uow, ON, topic="CSE", agency="northshire police")
    assert [a.agency for a in result.agencies] == ["Northshire Police"]
    everyone = training_return(uow, ON, topic="CSE")
    assert [a.agency for a in everyone.agencies] == ["Northshire Hotels", "Northshire Police"]
    assert everyone.agencies[0].agency_id == other.id
    assert everyone.agencies[0].counts[0].percent_trained is None
    with pytest.raises(ValidationError, match="no agency is called 'Nowhere'"):
        training_return(uow, ON, topic="CSE", agency="Nowhere")


def test_every_topic_when_none_is_named(uow):
    b = basics(uow)
    catalogue.save_topic(uow, "Missing children")
    person(uow, b, "P1")
    result = training_return(uow, ON)
    assert result.topics == ("CSE", "Missing children")
    assert [c.in_scope for c in result.agencies[0].counts] == [1, 0]
    assert [c.in_scope for c in result.totals()] == [1, 0]
    with pytest.raises(ValidationError, match="no topic is called 'Knife crime'"):
        training_return(uow, ON, topic="Knife crime")
