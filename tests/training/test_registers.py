"""Sessions listed with their places, registers naming each person, and the sign-in sheet."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.builders import basics, person, session
from training import agencies, catalogue, registers, staff
from training.errors import ValidationError


def mark(uow, session_id: int, *marks: tuple[int, str]) -> None:
    registers.mark_register(
        uow, session_id, [registers.AttendanceMark(staff_id, status) for staff_id, status in marks]
    )


def test_sessions_are_listed_for_a_window_with_the_places_taken_on_each(uow):
    b = basics(uow)
    people = [person(uow, b, f"P{n}", last=f"L{n}") for n in range(4)]
    march, may, july = (session(uow, b, dt.date(2025, month, 3)) for month in (3, 5, 7))
    mark(uow, march.id, (people[0].id, "attended"), (people[1].id, "did not attend"))
    mark(uow, may.id, (people[0].id, "booked"), (people[2].id, "cancelled"))

    everything = catalogue.list_sessions(uow)
    assert [(s.id, s.places_taken) for s in everything] == [
        (march.id, 2),
        (may.id, 1),
        (july.id, 0),
    ]
    assert everything[1].places_free == 19

    from_may = catalogue.list_sessions(uow, dt.datetime(2025, 5, 3))
    assert [s.id for s in from_may] == [may.id, july.id]
    before_may = catalogue.list_sessions(uow, end=dt.datetime(2025, 5, 3))
    assert [(s.id, s.places_taken) for s in before_may] == [(march.id, 2)]


def test_the_register_names_each_persons_agency_and_role_or_job_title(uow):
    b = basics(uow)
    officer = person(uow, b, "P1", last="Smith")
    titled = staff.save_staff(
        uow,
        staff.StaffDraft(b.agency_id, "Sam", "Adams", b.role_id, "P2", job_title="Inspector"),
    )
    day = session(uow, b, dt.date(2025, 3, 3))
    mark(uow, day.id, (officer.id, "booked"), (titled.id, "attended"))

    lines = registers.register(uow, day.id)
    assert [(x.name, x.agency, x.job_title, x.staff_ref, x.status) for x in lines] == [
        ("Sam Adams", "Northshire Police", "Inspector", "P2", "attended"),
        ("Alex Smith", "Northshire Police", "Police officer", "P1", "booked"),
    ]


def put_setting(uow, key: str, value: str) -> None:
    with uow:
        uow.settings.put(key, value)
        uow.commit()


def test_a_sign_in_sheet_lists_who_is_expected_and_leaves_the_free_places_blank(uow):
    b = basics(uow)
    schools = agencies.save_agency(uow, agencies.AgencyDraft("Northshire Schools", b.sector_id))
    people = [person(uow, b, f"P{n}", last=f"L{n}") for n in range(4)]
    teacher = staff.save_staff(
        uow,
        staff.StaffDraft(schools.id, "Robin", "Teach", None, "T1", job_title="Teacher"),
    )
    day = session(uow, b, dt.date(2025, 3, 3), capacity=8)
    mark(
        uow,
        day.id,
        (people[0].id, "booked"),
        (people[1].id, "attended"),
        (people[2].id, "cancelled"),
        (people[3].id, "did not attend"),
        (teacher.id, "booked"),
    )
    put_setting(uow, registers.PARTNERSHIP_NAME, "Northshire Safeguarding Children Partnership")

    sheet = registers.sign_in_sheet(uow, day.id)

    assert sheet.partnership == "Northshire Safeguarding Children Partnership"
    assert (sheet.course_code, sheet.course_title) == ("CSE-T1", "CSE: targeted")
    assert (sheet.tier, sheet.topic) == ("Targeted", "CSE")
    assert sheet.starts_at == dt.datetime(2025, 3, 3, 9, 30)
    assert (sheet.venue, sheet.trainer, sheet.capacity) == ("Town Hall", "J. Trainer", 8)
    assert sheet.lines == (
        registers.SignInLine("Alex L0", "Northshire Police", "Police officer"),
        registers.SignInLine("Alex L1", "Northshire Police", "Police officer"),
        registers.SignInLine("Robin Teach", "Northshire Schools", "Teacher"),
    )
    assert sheet.blank_lines == 4  # 8 places; booked, attended and did not attend take 4


def test_a_sign_in_sheet_without_a_named_partnership_leaves_the_name_empty(uow):
    b = basics(uow)
    day = session(uow, b, dt.date(2025, 3, 3), capacity=5)
    sheet = registers.sign_in_sheet(uow, day.id)
    assert sheet.partnership == ""
    assert sheet.lines == () and sheet.blank_lines == 5


def test_a_cancelled_session_has_no_sign_in_sheet(uow):
    b = basics(uow)
    day = session(uow, b, dt.date(2025, 3, 3))
    draft = catalogue.SessionDraft(
        b.course_id, day.starts_at, day.ends_at, day.venue, day.trainer, 20, "cancelled"
    )
    catalogue.save_session(uow, draft, session_id=day.id, version=day.version)
    with pytest.raises(ValidationError, match="was cancelled"):
        registers.sign_in_sheet(uow, day.id)


def test_staff_are_found_by_first_and_last_name_together(uow):
    b = basics(uow)
    person(uow, b, "P1", last="Smith")
    person(uow, b, "P2", last="Smithers")
    person(uow, b, "P3", last="Jones")
    found = staff.page_staff(uow, search="alex smith")
    assert [p.last_name for p in found] == ["Smith", "Smithers"]
    assert staff.count_staff(uow, search="  smi  p2@police ") == 1
