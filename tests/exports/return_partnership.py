"""A random partnership for the return's writers, with the names that break spreadsheets, stored
in a database, with the counts the pure reference (``training.compliance``) gives for it."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from storage import models as m
from storage.database import Database
from training.compliance import (
    RoleSpell,
    StaffFacts,
    TrainingRecord,
    agency_compliance,
    required_rank,
    trained_in_period,
)

PARTNERSHIP = "Northshire Safeguarding Children Partnership"
ON = dt.date(2026, 3, 31)
PERIOD_START = dt.date(2025, 4, 1)
TOPICS = ("Child sexual exploitation (CSE)", "Missing children")
TIERS = ("Universal", "Introductory", "Targeted", "Specialist")
ROLES = ("Social worker", "Receptionist", "Police constable")
AWKWARD_AGENCIES = (
    "Northshire [North]: Police/Fire*?",
    "Northshire and Marlbury Hospitals NHS Foundation Trust",
    "Northshire and Marlbury Hospitals NHS Foundation Trust Estates",
    '=HYPERLINK("http://evil.example","Click")',
    "'Quoted' Agency'",
    "History",
)
AWKWARD_NAMES = ("=1+2", "@SUM(A1)", "-Minus", "+Plus", "\tTab")
STATUSES = ("attended", "attended", "attended", "attended", "did not attend", "cancelled")


@dataclass(frozen=True)
class Sample:
    agencies: tuple[str, ...]  # agency id n + 1 is agencies[n]
    staff: tuple[StaffFacts, ...]
    names: dict[int, tuple[str, str, str]]  # staff id -> first name, last name, staff ref
    courses: tuple[tuple[int, int, int, int | None], ...]  # id, topic id, tier rank, validity
    records: tuple[tuple[int, int, str, dt.date], ...]  # staff id, course id, status, completed
    matrix: dict[tuple[int, int], int]  # (role id, topic id) -> tier rank


def sample(seed: int, agencies: tuple[str, ...] = AWKWARD_AGENCIES, staff: int = 150) -> Sample:
    rng = random.Random(seed)
    matrix = {(1, 1): 3, (2, 1): 1, (3, 1): 2, (1, 2): 2, (3, 2): 1}  # receptionists: CSE only
    courses = tuple(
        (n, topic, rank, rng.choice((None, 12, 24, 36)))
        for n, (topic, rank) in enumerate(((t, r) for t in (1, 2) for r in (1, 2, 3, 4)), start=1)
    )
    people, names, records = [], {}, []
    for sid in range(1, staff + 1):
        start = rng.choice((None, ON - dt.timedelta(days=rng.randint(0, 3000))))
        leave = rng.choice((None,) * 9 + (ON - dt.timedelta(days=rng.randint(-100, 100)),))
        spells = (RoleSpell(rng.randint(1, 3), dt.date(1900, 1, 1)),)
        people.append(StaffFacts(sid, 1 + sid % len(agencies), start, leave, spells))
        first = AWKWARD_NAMES[sid % len(AWKWARD_NAMES)] if sid % 7 == 0 else f"First{sid}"
        names[sid] = (first, f"Surname{sid:03d}", f"{sid:05d}")
        for _ in range(rng.randint(0, 4)):
            day = ON - dt.timedelta(days=rng.randint(-30, 1500))  # a few after the date
            records.append((sid, rng.choice(courses)[0], rng.choice(STATUSES), day))
    return Sample(agencies, tuple(people), names, courses, tuple(records), matrix)


def store(database: Database, s: Sample) -> None:
    with database.unit_of_work() as uow:
        uow.settings.put("partnership_name", PARTNERSHIP)
        uow.bulk_insert(m.Sector, [{"id": 1, "name": "Police", "version": 1}])
        uow.bulk_insert(
            m.Agency,
            [
                {"id": n, "name": name, "sector_id": 1, "version": 1}
                for n, name in enumerate(s.agencies, start=1)
            ],
        )
        uow.bulk_insert(
            m.Tier,
            [{"id": n, "name": t, "rank": n, "version": 1} for n, t in enumerate(TIERS, 1)],
        )
        uow.bulk_insert(
            m.Topic, [{"id": n, "name": t, "version": 1} for n, t in enumerate(TOPICS, 1)]
        )
        uow.bulk_insert(
            m.Role, [{"id": n, "name": r, "version": 1} for n, r in enumerate(ROLES, 1)]
        )
        uow.bulk_insert(
            m.RoleRequirement,
            [
                {"role_id": role, "topic_id": topic, "tier_id": rank, "version": 1}
                for (role, topic), rank in s.matrix.items()
            ],
        )
        uow.bulk_insert(
            m.Course,
            [
                {
                    "id": cid,
                    "code": f"C{cid}",
                    "title": f"{TOPICS[topic - 1]}: {TIERS[rank - 1].lower()}",
                    "topic_id": topic,
                    "tier_id": rank,
                    "delivery_mode": "e-learning",
                    "duration_hours": 1,
                    "validity_months": validity,
                    "version": 1,
                }
                for cid, topic, rank, validity in s.courses
            ],
        )
        uow.bulk_insert(
            m.StaffMember,
            [
                {
                    "id": p.staff_id,
                    "agency_id": p.agency_id,
                    "first_name": s.names[p.staff_id][0],
                    "last_name": s.names[p.staff_id][1],
                    "staff_ref": s.names[p.staff_id][2],
                    "start_date": p.start_date,
                    "leave_date": p.leave_date,
                    "version": 1,
                }
                for p in s.staff
            ],
        )
        uow.bulk_insert(
            m.StaffRole,
            [
                {
                    "staff_id": p.staff_id,
                    "role_id": spell.role_id,
                    "effective_from": spell.effective_from,
                }
                for p in s.staff
                for spell in p.roles
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
                for sid, cid, status, day in s.records
            ],
        )
        uow.commit()


@dataclass(frozen=True)
class ReferenceCounts:
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
    def percent_trained(self) -> float | None:
        return None if self.in_scope == 0 else 100 * self.trained / self.in_scope


def reference_counts(s: Sample, topic: int) -> dict[int, ReferenceCounts]:
    """Per agency id (every agency, in scope or not): the counts of the pure reference."""
    courses = {cid: (t, rank, validity) for cid, t, rank, validity in s.courses}
    records = [
        TrainingRecord(sid, *courses[cid], status, day) for sid, cid, status, day in s.records
    ]
    compliance = agency_compliance(s.staff, records, topic, ON, s.matrix)
    periods: dict[int, list[int]] = {n: [0] * len(TIERS) for n in range(1, len(s.agencies) + 1)}
    for person in s.staff:
        if required_rank(person, topic, ON, s.matrix) is None:
            continue
        own = [r for r in records if r.staff_id == person.staff_id]
        rank = trained_in_period(own, topic, PERIOD_START, ON)
        if rank is not None:
            periods[person.agency_id][rank - 1] += 1
    result = {}
    for agency_id in range(1, len(s.agencies) + 1):
        c = compliance.get(agency_id)
        by_tier = tuple(c.in_scope_by_rank.get(r, 0) for r in (1, 2, 3, 4)) if c else (0,) * 4
        result[agency_id] = ReferenceCounts(
            by_tier,
            c.trained if c else 0,
            c.expiring_soon if c else 0,
            c.lapsed if c else 0,
            c.never_trained if c else 0,
            tuple(periods[agency_id]),
        )
    return result
