"""The database's compliance counts equal the pure-Python reference on random partnerships."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storage import models as m
from storage.database import Database
from tests.conftest import _empty_postgres
from training.compliance import (
    EXPIRING_SOON_DAYS,
    RoleSpell,
    StaffFacts,
    TrainingRecord,
    agency_compliance,
)
from training.dates import lapsed_through
from training.returns import compliance_by_agency

TIER_RANKS = (1, 2, 3, 4)
TOPICS = (1, 2)
ROLES = (1, 2, 3)
AGENCIES = (1, 2, 3)
STATUSES = ("attended", "attended", "attended", "did not attend", "cancelled", "booked")
VALIDITIES = (None, 1, 12, 13, 36)
# Month ends, leap days and their neighbours are where expiry arithmetic goes wrong.
EDGE_DAYS = [
    dt.date(y, mo, d)
    for y in (2020, 2023, 2024)
    for mo, d in ((1, 31), (2, 28), (3, 1), (3, 30), (3, 31), (12, 31))
] + [dt.date(2020, 2, 29), dt.date(2024, 2, 29)]
some_day = st.one_of(
    st.sampled_from(EDGE_DAYS),
    st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2025, 12, 31)),
)


@dataclass
class Partnership:
    on: dt.date
    topic: int
    staff: list[StaffFacts]
    courses: list[tuple[int, int, int, int | None]]  # id, topic, tier rank, validity
    records: list[tuple[int, int, str, dt.date | None]]  # staff, course, status, completed
    matrix: dict[tuple[int, int], int]


def _boundaries(on: dt.date, months: int | None) -> list[dt.date]:
    """Completion dates whose expiry falls on, or a day either side of, the date or its +90."""
    if months is None:
        return [on]
    soon = on + dt.timedelta(days=EXPIRING_SOON_DAYS)
    return [
        lapsed_through(day, months) + dt.timedelta(days=shift)
        for day in (on, soon)
        for shift in (-1, 0, 1)
    ]


@st.composite
def partnerships(draw: st.DrawFn) -> Partnership:
    on = draw(some_day)
    topic = draw(st.sampled_from(TOPICS))
    matrix = {
        (role, topic): draw(st.sampled_from(TIER_RANKS))
        for role in ROLES
        for topic in TOPICS
        if draw(st.integers(0, 4))  # most roles need most topics
    }
    courses = [
        (
            cid,
            draw(st.sampled_from((topic, topic, *TOPICS))),
            draw(st.sampled_from(TIER_RANKS)),
            draw(st.sampled_from(VALIDITIES)),
        )
        for cid in range(1, draw(st.integers(1, 6)) + 1)
    ]
    staff = []
    for sid in range(1, draw(st.integers(0, 14)) + 1):
        start = draw(st.none() | st.none() | some_day)
        leave = draw(st.none() | st.none() | some_day)
        if start and leave and leave < start:
            start, leave = leave, start
        spell_days = {dt.date(1900, 1, 1)} if draw(st.booleans()) else set()
        spell_days |= set(draw(st.lists(some_day, max_size=2)))
        spells = tuple(RoleSpell(draw(st.sampled_from(ROLES)), day) for day in sorted(spell_days))
        staff.append(StaffFacts(sid, draw(st.sampled_from(AGENCIES)), start, leave, spells))
    records = []
    if staff:
        for _ in range(draw(st.integers(0, 40))):
            course = draw(st.sampled_from(courses))
            near = st.sampled_from(_boundaries(on, course[3]))
            completed = draw(st.one_of(near, near, some_day))
            status = draw(st.sampled_from(STATUSES))
            if status != "attended" and draw(st.booleans()):
                completed = None
            records.append((draw(st.integers(1, len(staff))), course[0], status, completed))
    return Partnership(on, topic, staff, courses, records, matrix)


def _store(database: Database, p: Partnership) -> None:
    with database.unit_of_work() as uow:
        uow.bulk_insert(m.Sector, [{"id": 1, "name": "Police", "version": 1}])
        uow.bulk_insert(
            m.Agency,
            [{"id": a, "name": f"Agency {a}", "sector_id": 1, "version": 1} for a in AGENCIES],
        )
        uow.bulk_insert(
            m.Tier, [{"id": r, "name": f"Tier {r}", "rank": r, "version": 1} for r in TIER_RANKS]
        )
        uow.bulk_insert(m.Topic, [{"id": t, "name": f"Topic {t}", "version": 1} for t in TOPICS])
        uow.bulk_insert(m.Role, [{"id": r, "name": f"Role {r}", "version": 1} for r in ROLES])
        uow.bulk_insert(
            m.RoleRequirement,
            [
                {"role_id": role, "topic_id": topic, "tier_id": rank, "version": 1}
                for (role, topic), rank in p.matrix.items()
            ],
        )
        uow.bulk_insert(
            m.Course,
            [
                {
                    "id": cid,
                    "code": f"C{cid}",
                    "title": f"Course {cid}",
                    "topic_id": topic,
                    "tier_id": rank,
                    "delivery_mode": "classroom",
                    "duration_hours": 3,
                    "validity_months": validity,
                    "version": 1,
                }
                for cid, topic, rank, validity in p.courses
            ],
        )
        uow.bulk_insert(
            m.StaffMember,
            [
                {
                    "id": s.staff_id,
                    "agency_id": s.agency_id,
                    "first_name": "A",
                    "last_name": "B",
                    "start_date": s.start_date,
                    "leave_date": s.leave_date,
                    "version": 1,
                }
                for s in p.staff
            ],
        )
        uow.bulk_insert(
            m.StaffRole,
            [
                {
                    "staff_id": s.staff_id,
                    "role_id": spell.role_id,
                    "effective_from": spell.effective_from,
                }
                for s in p.staff
                for spell in s.roles
            ],
        )
        uow.bulk_insert(
            m.Attendance,
            [
                {
                    "staff_id": sid,
                    "course_id": cid,
                    "status": status,
                    "completed_on": day,
                    "version": 1,
                }
                for sid, cid, status, day in p.records
            ],
        )
        uow.commit()


def _reference(p: Partnership) -> dict:
    courses = {cid: (t, rank, validity) for cid, t, rank, validity in p.courses}
    records = [
        TrainingRecord(sid, courses[cid][0], courses[cid][1], courses[cid][2], status, day)
        for sid, cid, status, day in p.records
    ]
    return _comparable(agency_compliance(p.staff, records, p.topic, p.on, p.matrix))


def _comparable(result: dict) -> dict:
    return {
        agency: (c.in_scope_by_rank, c.trained, c.expiring_soon, c.lapsed, c.never_trained)
        for agency, c in result.items()
    }


def _check(database: Database, p: Partnership) -> None:
    _store(database, p)
    stored = _comparable(compliance_by_agency(database.unit_of_work(), p.topic, p.on))
    assert stored == _reference(p)


@settings(max_examples=150)
@given(p=partnerships())
def test_sqlite_counts_equal_the_reference(p):
    database = Database("sqlite://")
    database.create_all()
    try:
        _check(database, p)
    finally:
        database.dispose()


@pytest.mark.postgresql
def test_postgresql_counts_equal_the_reference(postgres_database):
    @settings(max_examples=40)
    @given(p=partnerships())
    def check(p):
        _empty_postgres(postgres_database)
        _check(postgres_database, p)

    check()


def test_one_agency_alone(sqlite_uow):
    p = Partnership(
        on=dt.date(2025, 6, 1),
        topic=1,
        staff=[
            StaffFacts(1, 1, None, None, (RoleSpell(1, dt.date(2000, 1, 1)),)),
            StaffFacts(2, 2, None, None, (RoleSpell(1, dt.date(2000, 1, 1)),)),
        ],
        courses=[(1, 1, 2, 12)],
        records=[(1, 1, "attended", dt.date(2025, 1, 1))],
        matrix={(1, 1): 2},
    )
    database = Database("sqlite://")
    database.create_all()
    _store(database, p)
    result = compliance_by_agency(database.unit_of_work(), 1, dt.date(2025, 6, 1), agency_id=2)
    assert list(result) == [2]
    assert result[2].never_trained == 1
