"""The demo partnership: its size, its realism, its determinism, and that the app works on it."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal

import pytest

from training import agencies, awareness, catalogue, registers, staff
from training.demo import (
    AGENCIES,
    COURSE_BY_CODE,
    COURSES,
    ROLES,
    STANDARD_COURSE,
    DemoPlan,
    load_demo,
    plan_demo,
)
from training.errors import ValidationError
from training.returns import compliance_by_agency
from training.workspace import overview

TODAY = dt.date(2026, 3, 15)
CSE = "Child sexual exploitation (CSE)"


@pytest.fixture(scope="module")
def plan() -> DemoPlan:
    return plan_demo(random.Random(2026), TODAY)


# --- on both databases --------------------------------------------------------------------


def _course_id(uow, code: str) -> int:
    with uow:
        course = uow.courses.by_code(code)
        assert course is not None
        return course.id


def test_the_demo_fills_the_database_with_what_its_summary_says(uow):
    calls: list[tuple[int, int, str]] = []
    summary = load_demo(uow, lambda *call: calls.append(call), today=TODAY)

    assert 20 <= summary.agencies <= 30
    assert 1_800 <= summary.staff <= 2_300
    assert 100 <= summary.leavers <= 400 and summary.role_changes >= 20
    assert summary.sessions >= 150 and 10 <= summary.upcoming_sessions <= 60
    assert 5_000 <= summary.attendances <= 12_000 and summary.elearning_completions >= 1_000
    assert summary.champions >= 20 and summary.champion_meetings >= 30
    assert summary.evaluations >= 500 and 5 <= summary.qa_observations <= 30
    assert summary.awareness_events >= 50
    assert overview(uow) == {
        "agencies": summary.agencies,
        "staff members": summary.staff,
        "topics": summary.topics,
        "tiers": 4,
        "courses": summary.courses,
        "sessions": summary.sessions,
        "attendance records": summary.attendances,
        "champions": summary.champions,
        "evaluations": summary.evaluations,
        "awareness events": summary.awareness_events,
    }
    with uow:
        assert (
            uow.settings.all()["partnership_name"] == "Northshire Safeguarding Children Partnership"
        )
    done = [step for step, _, _ in calls]
    assert done == sorted(done) and done[-1] == calls[-1][1]
    assert f"{summary.staff:,} staff" in str(summary)


def test_the_services_add_and_record_as_usual_after_the_demo(uow):
    """Catches id sequences left behind by the bulk inserts (PostgreSQL)."""
    load_demo(uow, today=TODAY)
    sector = agencies.save_sector(uow, "Faith groups", 9)
    agency = agencies.save_agency(uow, agencies.AgencyDraft("Marlbury Mosque", sector.id))
    topic = catalogue.save_topic(uow, "Radicalisation")
    tier = catalogue.list_tiers(uow)[0]
    course = catalogue.save_course(
        uow,
        catalogue.CourseDraft("PRE-U1", "Prevent", topic.id, tier.id, "e-learning", Decimal(1)),
    )
    role = staff.save_role(uow, "Imam", "Faith groups")
    person = staff.save_staff(
        uow, staff.StaffDraft(agency.id, "Yusuf", "Rahman", role.id, staff_ref="MM001")
    )
    session = catalogue.save_session(
        uow,
        catalogue.SessionDraft(
            _course_id(uow, "CSE-I1"),
            dt.datetime(2026, 4, 1, 9, 30),
            dt.datetime(2026, 4, 1, 12, 30),
        ),
    )
    registers.mark_register(uow, session.id, [registers.AttendanceMark(person.id, "booked")])
    assert registers.record_completion(uow, person.id, course.id, TODAY)
    event = awareness.save_awareness_event(
        uow, awareness.AwarenessDraft("Prevent briefing", "conference", "community", TODAY, 40)
    )
    assert event.id > 0 and registers.register(uow, session.id)[0].staff_id == person.id
    assert overview(uow)["agencies"] == len(AGENCIES) + 1


def test_cse_compliance_differs_realistically_between_agencies(uow):
    load_demo(uow, today=TODAY)
    with uow:
        topic = uow.topics.by_name(CSE)
        assert topic is not None
        topic_id = topic.id
    counts = compliance_by_agency(uow, topic_id, TODAY)

    percents = [c.percent_trained for c in counts.values() if c.percent_trained is not None]
    assert len(percents) == len(AGENCIES)
    assert max(percents) >= 85 and min(percents) <= 40
    assert sum(1 for p in percents if p >= 80) >= 3 and sum(1 for p in percents if p < 50) >= 5
    assert sum(c.lapsed for c in counts.values()) >= 20
    assert sum(c.expiring_soon for c in counts.values()) >= 10
    assert sum(c.never_trained for c in counts.values()) >= 100
    assert {rank for c in counts.values() for rank in c.in_scope_by_rank} == {1, 2, 3, 4}


@pytest.mark.parametrize("existing", ["agency", "topic"])
def test_the_demo_never_loads_over_a_partnership(uow, existing):
    if existing == "agency":
        sector = agencies.save_sector(uow, "Police")
        agencies.save_agency(uow, agencies.AgencyDraft("Northshire Police", sector.id))
    else:
        catalogue.save_topic(uow, "CSE")
    with pytest.raises(ValidationError, match="already holds agencies or topics"):
        load_demo(uow, today=TODAY)
    assert overview(uow)["staff members"] == 0
    assert len(agencies.list_sectors(uow)) == (1 if existing == "agency" else 0)


# --- the plan, in plain Python ------------------------------------------------------------


def test_the_same_seed_and_day_make_the_same_partnership(plan):
    assert plan_demo(random.Random(2026), TODAY) == plan
    assert plan_demo(random.Random(2027), TODAY) != plan
    assert plan_demo(random.Random(2026), TODAY + dt.timedelta(days=1)) != plan


def test_the_catalogue_uses_only_values_the_services_accept(plan):
    assert {c.mode for c in COURSES} <= set(catalogue.DELIVERY_MODES)
    assert {status for status, _ in plan.course_qa.values()} <= set(catalogue.QA_STATUSES)
    assert {s.status for s in plan.sessions} == set(catalogue.SESSION_STATUSES)
    assert {r.status for r in plan.records} == set(registers.ATTENDANCE_STATUSES)
    assert {e.campaign.event_type for e in plan.events} <= set(awareness.EVENT_TYPES)
    assert {e.campaign.audience for e in plan.events} <= set(awareness.AUDIENCES)
    assert any(c.validity is None for c in COURSES)
    needed = {(topic, rank) for role in ROLES for topic, rank in enumerate(role.needs) if rank}
    assert needed <= set(STANDARD_COURSE)


def test_staff_records_look_like_a_real_workforce(plan):
    refs = Counter((p.agency, p.staff_ref) for p in plan.people)
    emails = Counter(p.email for p in plan.people if p.email)
    assert max(refs.values()) == 1 and max(emails.values()) == 1
    assert all(p.leave > p.start for p in plan.people if p.leave and p.start)
    assert all(since > p.roles[0][1] for p in plan.people for _, since in p.roles[1:]), (
        "a role change follows the first role"
    )
    assert len({p.last_name for p in plan.people}) > 100
    assert 0 < sum(1 for p in plan.people if not p.email) < len(plan.people) // 5


def test_registers_respect_capacity_dates_and_employment(plan):
    taken = Counter(r.session for r in plan.records if r.status != "cancelled")
    for index, session in enumerate(plan.sessions):
        assert taken[index] <= session.capacity
        if session.status == "scheduled":
            assert session.day > TODAY and taken[index] < session.capacity
        if session.status == "cancelled":
            assert taken[index] == 0
    for record in plan.records:
        person = plan.people[record.person]
        if record.session is None:
            assert COURSE_BY_CODE[record.course].mode == "e-learning"
            assert record.status == "attended" and record.completed_on <= TODAY
            continue
        session = plan.sessions[record.session]
        assert (record.status == "booked") == (session.day > TODAY)
        assert (record.completed_on is not None) == (record.status == "attended")
        if record.completed_on is not None:
            assert record.completed_on == session.ends_at.date()
        assert person.start is None or person.start <= session.day
        assert person.leave is None or session.day < person.leave


def test_evaluations_show_confidence_rising_and_some_anonymity(plan):
    before = [e.confidence[0] for e in plan.evaluations]
    after = [e.confidence[1] for e in plan.evaluations]
    assert sum(after) / len(after) > sum(before) / len(before) + 0.5
    anonymous = sum(1 for e in plan.evaluations if e.person is None)
    assert 0.1 < anonymous / len(plan.evaluations) < 0.4
    assert all(1 <= rating <= 5 for e in plan.evaluations for rating in e.ratings)
    assert sum(1 for e in plan.evaluations if e.comments) > len(plan.evaluations) // 4
    assert {o.outcome for o in plan.observations} == {"outstanding", "good", "requires improvement"}


def test_most_agencies_have_champions_who_meet_monthly(plan):
    agencies_with = {plan.people[c.person].agency for c in plan.champions}
    assert len(agencies_with) >= 0.7 * len(AGENCIES)
    assert any(c.trained_on is None for c in plan.champions)
    assert any(c.stood_down_on is not None for c in plan.champions)
    assert all(c.trained_on is None or c.trained_on >= c.appointed_on for c in plan.champions)
    months = {(m.held_on.year, m.held_on.month) for m in plan.meetings}
    assert len(months) == len(plan.meetings) >= 30
    present = [p for m in plan.meetings for _, p in m.present]
    assert 0.5 < sum(present) / len(present) < 0.9
