"""Small partnerships built through the real services, for tests of every layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from training import agencies, catalogue, requirements, staff
from training.transactions import UnitOfWork


@dataclass(frozen=True)
class Basics:
    sector_id: int
    agency_id: int
    tiers: dict[str, int]
    topic_id: int
    role_id: int
    course_id: int


def basics(uow: UnitOfWork) -> Basics:
    """A sector, an agency, four tiers, the CSE topic, a role needing Targeted, one course."""
    sector = agencies.save_sector(uow, "Police")
    agency = agencies.save_agency(uow, agencies.AgencyDraft("Northshire Police", sector.id))
    tiers = {
        name: catalogue.save_tier(uow, name, rank).id
        for rank, name in enumerate(("Universal", "Introductory", "Targeted", "Specialist"), 1)
    }
    topic = catalogue.save_topic(uow, "CSE")
    role = staff.save_role(uow, "Police officer", "Police")
    requirements.set_requirement(uow, role.id, topic.id, tiers["Targeted"])
    course = catalogue.save_course(
        uow,
        catalogue.CourseDraft(
            "CSE-T1", "CSE: targeted", topic.id, tiers["Targeted"], "classroom", Decimal(6), 36
        ),
    )
    return Basics(sector.id, agency.id, tiers, topic.id, role.id, course.id)


def person(uow: UnitOfWork, b: Basics, ref: str, last: str = "Smith") -> staff.StaffView:
    return staff.save_staff(
        uow,
        staff.StaffDraft(
            b.agency_id,
            "Alex",
            last,
            b.role_id,
            staff_ref=ref,
            email=f"{ref.lower()}@police.example",
        ),
    )


def session(uow: UnitOfWork, b: Basics, day: dt.date, capacity: int = 20) -> catalogue.SessionView:
    start = dt.datetime.combine(day, dt.time(9, 30))
    return catalogue.save_session(
        uow,
        catalogue.SessionDraft(
            b.course_id, start, start + dt.timedelta(hours=6), "Town Hall", "J. Trainer", capacity
        ),
    )
