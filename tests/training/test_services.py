"""The services on both databases: validation, optimistic locking, registers and compliance."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest

from tests.builders import basics, person, session
from training import agencies, awareness, catalogue, registers, staff
from training.errors import ConflictError, NotFoundError, ValidationError
from training.returns import compliance_by_agency, compliance_table


def test_a_course_with_bad_fields_is_refused_naming_every_field(uow):
    b = basics(uow)
    draft = catalogue.CourseDraft("", "  ", b.topic_id, 999, "carrier pigeon", Decimal(0), 0)
    with pytest.raises(ValidationError) as refused:
        catalogue.save_course(uow, draft)
    assert set(refused.value.problems) == {
        "code",
        "title",
        "delivery mode",
        "duration (hours)",
        "validity (months)",
    }
    assert "carrier pigeon" in str(refused.value)


def test_course_codes_are_unique_whatever_their_case(uow):
    b = basics(uow)
    draft = catalogue.CourseDraft(
        "cse-t1", "Again", b.topic_id, b.tiers["Universal"], "e-learning", Decimal("1.5")
    )
    with pytest.raises(ValidationError, match="already the code"):
        catalogue.save_course(uow, draft)


def test_tier_ranks_are_unique(uow):
    basics(uow)
    with pytest.raises(ValidationError, match="already the rank of 'Targeted'"):
        catalogue.save_tier(uow, "Advanced", 3)


def test_a_stale_edit_is_refused_and_the_first_save_kept(uow):
    b = basics(uow)
    first = agencies.list_agencies(uow)[0]
    agencies.save_agency(
        uow,
        agencies.AgencyDraft("Northshire Constabulary", b.sector_id),
        agency_id=first.id,
        version=first.version,
    )
    with pytest.raises(ConflictError, match="changed by someone else"):
        agencies.save_agency(
            uow,
            agencies.AgencyDraft("Northshire Police Service", b.sector_id),
            agency_id=first.id,
            version=first.version,
        )
    assert [a.name for a in agencies.list_agencies(uow)] == ["Northshire Constabulary"]


def test_two_sessions_saving_one_record_the_second_is_refused(database):
    """Two users' transactions read the same version; the database refuses the later write."""
    b = basics(database.unit_of_work())
    with database.unit_of_work() as first, database.unit_of_work() as second:
        mine = first.topics.get(b.topic_id)
        theirs = second.topics.get(b.topic_id)
        mine.description = "mine"
        first.commit()
        theirs.description = "theirs"
        with pytest.raises(Exception, match="expected to update 1 row"):
            second.commit()
    assert catalogue.list_topics(database.unit_of_work())[0].description == "mine"


def test_editing_something_deleted_says_so(uow):
    basics(uow)
    with pytest.raises(NotFoundError):
        catalogue.save_topic(uow, "Missing children", topic_id=12345, version=1)


def test_staff_references_are_unique_within_an_agency(uow):
    b = basics(uow)
    person(uow, b, "P100")
    with pytest.raises(ValidationError, match="P100 is already Alex Smith"):
        person(uow, b, "p100", last="Jones")


def test_staff_validation_names_fields(uow):
    b = basics(uow)
    draft = staff.StaffDraft(
        b.agency_id,
        "",
        "Jones",
        b.role_id,
        email="not-an-email",
        start_date=dt.date(2024, 1, 1),
        leave_date=dt.date(2023, 1, 1),
    )
    with pytest.raises(ValidationError) as refused:
        staff.save_staff(uow, draft)
    assert set(refused.value.problems) == {"first name", "email", "leave date"}


def test_a_role_change_keeps_the_history(uow):
    b = basics(uow)
    sergeant = staff.save_role(uow, "Police sergeant", "Police")
    alex = person(uow, b, "P1")
    staff.save_staff(
        uow,
        staff.StaffDraft(b.agency_id, "Alex", "Smith", sergeant.id, staff_ref="P1"),
        staff_id=alex.id,
        version=alex.version,
        today=dt.date(2025, 4, 1),
    )
    history = staff.role_history(uow, alex.id)
    assert [(h.role, h.effective_from) for h in history] == [
        ("Police officer", staff.SINCE_ALWAYS),
        ("Police sergeant", dt.date(2025, 4, 1)),
    ]
    assert staff.get_staff(uow, alex.id).role == "Police sergeant"


def test_paging_and_searching_staff(uow):
    b = basics(uow)
    for n in range(12):
        person(uow, b, f"P{n:03}", last=f"Name{n:02}")
    page = staff.page_staff(uow, offset=5, limit=5)
    assert [p.last_name for p in page] == [f"Name{n:02}" for n in range(5, 10)]
    assert staff.count_staff(uow, search="name1") == 2
    assert staff.count_staff(uow, search="P00") == 10


def test_marking_a_register_makes_attendance_that_counts(uow):
    b = basics(uow)
    alex, jones = person(uow, b, "P1"), person(uow, b, "P2", last="Jones")
    course_day = session(uow, b, dt.date(2025, 3, 3))
    summary = registers.mark_register(
        uow,
        course_day.id,
        [
            registers.AttendanceMark(alex.id, "attended"),
            registers.AttendanceMark(jones.id, "did not attend"),
        ],
    )
    assert summary == registers.RegisterSummary(added=2, changed=0, unchanged=0)
    again = registers.mark_register(
        uow, course_day.id, [registers.AttendanceMark(alex.id, "attended")]
    )
    assert again.unchanged == 1
    lines = registers.register(uow, course_day.id)
    assert [(line.name, line.status) for line in lines] == [
        ("Alex Jones", "did not attend"),
        ("Alex Smith", "attended"),
    ]
    counts = compliance_by_agency(uow, b.topic_id, dt.date(2025, 6, 1))[b.agency_id]
    assert (counts.in_scope, counts.trained, counts.never_trained) == (2, 1, 1)


def test_capacity_is_enforced_by_the_register(uow):
    b = basics(uow)
    people = [person(uow, b, f"P{n}", last=f"L{n}") for n in range(3)]
    small = session(uow, b, dt.date(2025, 3, 3), capacity=2)
    with pytest.raises(ValidationError, match="3 places would be taken but the session has 2"):
        registers.mark_register(
            uow, small.id, [registers.AttendanceMark(p.id, "booked") for p in people]
        )
    assert registers.register(uow, small.id) == []


def test_an_e_learning_completion_is_recorded_once(uow):
    b = basics(uow)
    alex = person(uow, b, "P1")
    assert registers.record_completion(uow, alex.id, b.course_id, dt.date(2025, 1, 5))
    assert not registers.record_completion(uow, alex.id, b.course_id, dt.date(2025, 1, 5))


def test_awareness_events_validate_their_lists(uow):
    draft = awareness.AwarenessDraft(
        "Chelsea's Choice",
        "theatre production",
        "young people",
        dt.date(2025, 2, 11),
        240,
        venue="Northshire Academy",
    )
    saved = awareness.save_awareness_event(uow, draft)
    assert awareness.list_awareness_events(uow) == [saved]
    with pytest.raises(ValidationError) as refused:
        awareness.save_awareness_event(uow, replace(draft, audience_type="aliens", headcount=-1))
    assert set(refused.value.problems) == {"audience", "headcount"}


def test_compliance_table_names_unknown_topics(uow):
    basics(uow)
    with pytest.raises(ValidationError, match=r"no topic is called 'Knife crime' \(topics: CSE\)"):
        compliance_table(uow, "Knife crime", dt.date(2025, 1, 1))


def test_compliance_table_lists_every_agency(uow):
    b = basics(uow)
    agencies.save_agency(uow, agencies.AgencyDraft("Northshire Hotels", b.sector_id))
    person(uow, b, "P1")
    rows = compliance_table(uow, "cse", dt.date(2025, 1, 1))
    assert [(r.agency, r.in_scope, r.percent_trained) for r in rows] == [
        ("Northshire Hotels", 0, None),
        ("Northshire Police", 1, 0.0),
    ]
