"""Training activity for the dashboard, on both databases: attendances per quarter by tier,
champion coverage and the next sessions with places, against counts made by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.builders import Basics, basics, person, session
from training import agencies, catalogue, registers, staff
from training.activity import (
    Quarter,
    attendances_by_quarter,
    champion_counts,
    quarters_until,
    sessions_with_places,
)
from training.champions import (
    ChampionDraft,
    appoint_champion,
    record_champion_training,
    stand_down_champion,
)
from training.registers import AttendanceMark, mark_register
from training.transactions import UnitOfWork

UNTIL = dt.date(2026, 5, 20)  # in April–June 2026; eight quarters go back to July 2024


def test_quarters_are_calendar_quarters_named_by_their_months():
    assert Quarter.of(dt.date(2026, 3, 31)) == Quarter(2026, 1)
    assert Quarter.of(dt.date(2026, 4, 1)) == Quarter(2026, 2)
    assert Quarter(2026, 4).label == "Oct–Dec 2026"
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert quarters_until(UNTIL, 3) == [Quarter(2025, 4), Quarter(2026, 1), Quarter(2026, 2)]


def add_course(uow: UnitOfWork, b: Basics, code: str, tier: str) -> int:
    draft = catalogue.CourseDraft(
        code, f"CSE: {tier.lower()}", b.topic_id, b.tiers[tier], "e-learning", Decimal(1), 24
    )
    return catalogue.save_course(uow, draft).id


def test_attendances_are_counted_by_quarter_and_tier(uow: UnitOfWork):
    b = basics(uow)
    universal = add_course(uow, b, "CSE-U1", "Universal")
    people = [person(uow, b, f"P{n}").id for n in range(4)]
    completions = [
        (universal, dt.date(2024, 6, 30)),  # before the first quarter: not counted
        (universal, dt.date(2024, 7, 1)),  # first day of Jul–Sep 2024
        (universal, dt.date(2024, 9, 30)),
        (universal, dt.date(2026, 1, 15)),
        (b.course_id, dt.date(2026, 3, 31)),  # Targeted, Jan–Mar 2026
        (universal, UNTIL),  # the last day counted
        (universal, UNTIL + dt.timedelta(days=1)),  # after the date: not counted
    ]
    for n, (course_id, day) in enumerate(completions):
        registers.record_completion(uow, people[n % 4], course_id, day)
    classroom = session(uow, b, dt.date(2026, 4, 10))  # Targeted, Apr–Jun 2026
    mark_register(
        uow,
        classroom.id,
        [
            AttendanceMark(people[0], "attended"),
            AttendanceMark(people[1], "attended"),
            AttendanceMark(people[2], "did not attend"),
            AttendanceMark(people[3], "booked"),
        ],
    )

    rows = attendances_by_quarter(uow, UNTIL)

    assert [r.quarter for r in rows[::4]] == quarters_until(UNTIL, 8)
    assert [r.tier for r in rows[:4]] == ["Universal", "Introductory", "Targeted", "Specialist"]
    counted = {(r.quarter.label, r.tier): r.attended for r in rows if r.attended}
    assert counted == {
        ("Jul–Sep 2024", "Universal"): 2,
        ("Jan–Mar 2026", "Universal"): 1,
        ("Jan–Mar 2026", "Targeted"): 1,
        ("Apr–Jun 2026", "Universal"): 1,
        ("Apr–Jun 2026", "Targeted"): 2,
    }


def test_no_attendances_gives_every_quarter_and_tier_at_nought(uow: UnitOfWork):
    basics(uow)
    rows = attendances_by_quarter(uow, UNTIL, quarters=2)
    assert [(r.quarter.label, r.attended) for r in rows[::4]] == [
        ("Jan–Mar 2026", 0),
        ("Apr–Jun 2026", 0),
    ]
    assert len(rows) == 2 * 4


def appointed(uow: UnitOfWork, b: Basics, agency_id: int, ref: str, day: dt.date) -> int:
    member = staff.save_staff(
        uow, staff.StaffDraft(agency_id, "Chris", "Champion", b.role_id, staff_ref=ref)
    )
    return appoint_champion(uow, ChampionDraft(agency_id, member.id, b.topic_id, day)).id


def test_champion_coverage_counts_agencies_by_their_champions_in_post(uow: UnitOfWork):
    b = basics(uow)  # Northshire Police
    ids = {"Northshire Police": b.agency_id}
    for name in ("Ashford Academy", "Brook Health", "Cole Housing", "Dale Council"):
        ids[name] = agencies.save_agency(uow, agencies.AgencyDraft(name, b.sector_id)).id
    on = dt.date(2026, 5, 1)
    police = appointed(uow, b, ids["Northshire Police"], "C1", dt.date(2025, 1, 1))
    record_champion_training(uow, police, dt.date(2025, 2, 1))
    appointed(uow, b, ids["Ashford Academy"], "C2", dt.date(2025, 1, 1))  # not trained
    health = appointed(uow, b, ids["Brook Health"], "C3", dt.date(2025, 1, 1))
    record_champion_training(uow, health, dt.date(2026, 6, 1))  # trained after the date
    housing = appointed(uow, b, ids["Cole Housing"], "C4", dt.date(2025, 1, 1))
    record_champion_training(uow, housing, dt.date(2025, 2, 1))
    stand_down_champion(uow, housing, on)  # stands down on the date: no longer in post
    appointed(uow, b, ids["Dale Council"], "C5", on + dt.timedelta(days=1))  # not yet

    counts = champion_counts(uow, on)

    assert counts.trained == ("Northshire Police",)
    assert counts.untrained == ("Ashford Academy", "Brook Health")
    assert counts.without == ("Cole Housing", "Dale Council")
    assert counts.agencies == 5
    later = champion_counts(uow, dt.date(2026, 7, 1))
    assert later.trained == ("Brook Health", "Northshire Police")


@pytest.mark.parametrize("limit", [1, 10])
def test_the_next_sessions_with_places_leave_out_full_cancelled_and_past_ones(
    uow: UnitOfWork, limit: int
):
    b = basics(uow)
    people = [person(uow, b, f"P{n}").id for n in range(2)]
    today = dt.datetime(2026, 5, 1, 12, 0)
    session(uow, b, dt.date(2026, 4, 30))  # yesterday
    full = session(uow, b, dt.date(2026, 5, 2), capacity=2)
    mark_register(uow, full.id, [AttendanceMark(p, "booked") for p in people])
    one_left = session(uow, b, dt.date(2026, 5, 3), capacity=2)
    mark_register(
        uow,
        one_left.id,
        [AttendanceMark(people[0], "booked"), AttendanceMark(people[1], "cancelled")],
    )
    called_off = session(uow, b, dt.date(2026, 5, 4))
    start = dt.datetime.combine(dt.date(2026, 5, 4), dt.time(9, 30))
    catalogue.save_session(
        uow,
        catalogue.SessionDraft(
            b.course_id, start, start + dt.timedelta(hours=6), status="cancelled"
        ),
        session_id=called_off.id,
    )
    later = session(uow, b, dt.date(2026, 6, 1), capacity=12)

    found = sessions_with_places(uow, today, limit)

    expected = [(one_left.id, 1), (later.id, 12)][:limit]
    assert [(s.id, s.places_free) for s in found] == expected
    assert found[0].course_code == "CSE-T1"
