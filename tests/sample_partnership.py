"""The partnership the messy files in tests/data/imports expect to be on record before an import.

Built through the real services from expected.json ("On record before each import" in the
README there): the demo's sectors, topics, tiers and courses, the agencies and roles the staff
need, and the staff, sessions and records listed. Nothing else, so every expectation holds.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from training import agencies, catalogue, registers, staff
from training.demo import AGENCIES, AGENCY_BY_NAME, COURSES, ROLES, SECTORS, TIERS, TOPICS
from training.transactions import UnitOfWork

SAMPLES = Path(__file__).resolve().parent / "data" / "imports"
EXPECTED: dict[str, Any] = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


def build_sample_partnership(uow: UnitOfWork) -> dict[tuple[str, dt.datetime], int]:
    """Everything the sample files expect on record; each session's id by (course, start)."""
    sector_ids = {name: agencies.save_sector(uow, name).id for name in SECTORS}
    agency_ids = {
        name: agencies.save_agency(
            uow, agencies.AgencyDraft(name, sector_ids[AGENCIES[AGENCY_BY_NAME[name]].sector])
        ).id
        for name in sorted({person["agency"] for person in EXPECTED["staff"]})
    }
    topic_ids = [catalogue.save_topic(uow, name).id for name, _ in TOPICS]
    tier_ids = [catalogue.save_tier(uow, name, rank).id for rank, (name, _) in enumerate(TIERS, 1)]
    course_ids = {
        spec.code: catalogue.save_course(
            uow,
            catalogue.CourseDraft(
                spec.code,
                spec.title,
                topic_ids[spec.topic],
                tier_ids[spec.tier - 1],
                spec.mode,
                Decimal(spec.hours),
                spec.validity,
            ),
        ).id
        for spec in COURSES
    }
    role_ids = {spec.name: staff.save_role(uow, spec.name, spec.group).id for spec in ROLES}
    staff_ids = {
        (person["agency"], person["ref"]): _add_person(uow, person, agency_ids, role_ids)
        for person in EXPECTED["staff"]
    }
    session_ids = {
        (spec["course"], dt.datetime.fromisoformat(spec["starts_at"])): _add_session(
            uow, spec, course_ids
        )
        for spec in EXPECTED["sessions"]
    }
    for record in EXPECTED["records"]:
        staff_id = staff_ids[record["agency"], record["ref"]]
        day = dt.date.fromisoformat(record["day"])
        on_day = [
            i
            for (code, start), i in session_ids.items()
            if start.date() == day and code == record["course"]
        ]
        if on_day:
            mark = registers.AttendanceMark(staff_id, record["status"])
            registers.mark_register(uow, on_day[0], [mark])
        else:
            registers.record_completion(uow, staff_id, course_ids[record["course"]], day)
    return session_ids


def _add_person(
    uow: UnitOfWork, person: dict[str, Any], agency_ids: dict[str, int], role_ids: dict[str, int]
) -> int:
    def day(key: str) -> dt.date | None:
        return dt.date.fromisoformat(person[key]) if person[key] else None

    draft = staff.StaffDraft(
        agency_ids[person["agency"]],
        person["first_name"],
        person["last_name"],
        role_ids[person["role"]],
        staff_ref=person["ref"],
        email=person["email"],
        job_title=person["job_title"],
        start_date=day("start_date"),
        leave_date=day("leave_date"),
    )
    return staff.save_staff(uow, draft).id


def _add_session(uow: UnitOfWork, spec: dict[str, Any], course_ids: dict[str, int]) -> int:
    start = dt.datetime.fromisoformat(spec["starts_at"])
    draft = catalogue.SessionDraft(
        course_ids[spec["course"]],
        start,
        start + dt.timedelta(hours=spec["hours"]),
        spec["venue"],
        capacity=40,
    )
    return catalogue.save_session(uow, draft).id
