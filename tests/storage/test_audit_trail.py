"""The audit trail's writer (storage/audit.py): every record the services add, change or remove
leaves one entry, in the same transaction, naming the user and each field's old and new value."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest

from storage.database import Database
from storage.repositories import AuditCriteria
from tests.builders import basics, person
from training import agencies, registers, requirements, staff, users
from training.access import Principal, Role

JO = Principal("jo", Role.COORDINATOR)


@dataclass(frozen=True)
class Entry:
    user_name: str
    action: str
    table_name: str
    record_id: int | None
    staff_member_id: int | None
    description: str
    changes: dict[str, list[Any]]


def trail(database: Database, **criteria: Any) -> list[Entry]:
    """The entries, newest first, as plain data."""
    with database.unit_of_work() as uow:
        return [
            Entry(
                e.user_name,
                e.action,
                e.table_name,
                e.record_id,
                e.staff_member_id,
                e.description,
                json.loads(e.changes),
            )
            for e in uow.audit.page(AuditCriteria(**criteria), limit=1000)
        ]


@pytest.fixture
def jo(database: Database):
    """Units of work acting for the coordinator "jo"."""
    return lambda: database.unit_of_work(JO)


def test_an_added_record_is_listed_with_its_values_and_who_added_it(database, jo):
    sector = agencies.save_sector(jo(), "Police")

    assert trail(database) == [
        Entry(
            "jo",
            "add",
            "sectors",
            sector.id,
            None,
            "Police",
            {"name": [None, "Police"], "sort_order": [None, 0]},
        )
    ]


def test_a_change_lists_only_the_fields_changed_with_their_old_and_new_values(database, jo):
    sector = agencies.save_sector(jo(), "Police")
    agency = agencies.save_agency(
        jo(), agencies.AgencyDraft("Northshire Police", sector.id, lead_name="Sam Lee")
    )

    agencies.save_agency(
        jo(),
        agencies.AgencyDraft("Northshire Constabulary", sector.id, lead_name="Sam Lee"),
        agency_id=agency.id,
        version=agency.version,
    )

    change = trail(database, action="change")
    assert change == [
        Entry(
            "jo",
            "change",
            "agencies",
            agency.id,
            None,
            "Northshire Constabulary",
            {"name": ["Northshire Police", "Northshire Constabulary"]},
        )
    ]


def test_a_save_that_changes_nothing_leaves_no_entry(database, jo):
    sector = agencies.save_sector(jo(), "Police")
    agency = agencies.save_agency(jo(), agencies.AgencyDraft("Northshire Police", sector.id))

    agencies.save_agency(
        jo(),
        agencies.AgencyDraft("Northshire Police", sector.id),
        agency_id=agency.id,
        version=agency.version,
    )

    assert [e.action for e in trail(database)] == ["add", "add"]


def test_dates_and_blanks_are_recorded_as_the_record_held_them(database, jo):
    b = basics(jo())
    alex = person(jo(), b, "P1")
    draft = staff.StaffDraft(
        b.agency_id,
        "Alex",
        "Smith",
        b.role_id,
        staff_ref="P1",
        email="",
        leave_date=dt.date(2026, 3, 31),
    )

    staff.save_staff(jo(), draft, staff_id=alex.id, version=alex.version)

    [change] = trail(database, action="change", table_name="staff_members")
    assert change.changes == {
        "email": ["p1@police.example", ""],
        "leave_date": [None, "2026-03-31"],
    }


def test_a_removed_record_is_listed_with_what_it_held(database, jo):
    b = basics(jo())

    requirements.set_requirement(jo(), b.role_id, b.topic_id, None)

    [removed] = trail(database, action="remove")
    assert removed.table_name == "role_requirements"
    assert removed.user_name == "jo"
    assert removed.changes == {
        "role_id": [b.role_id, None],
        "tier_id": [b.tiers["Targeted"], None],
        "topic_id": [b.topic_id, None],
    }
    [added] = trail(database, action="add", table_name="role_requirements")
    assert removed.record_id == added.record_id is not None


def test_the_record_number_and_version_are_not_listed_as_changes(database, jo):
    basics(jo())

    for entry in trail(database):
        assert "version" not in entry.changes
        assert "id" not in entry.changes
        assert entry.record_id is not None, entry


def test_work_done_without_a_user_is_recorded_under_no_name(database):
    agencies.save_sector(database.unit_of_work(), "Police")

    assert [e.user_name for e in trail(database)] == [""]


def test_a_password_is_recorded_as_changed_but_never_its_value(database, jo):
    sam = users.save_user(
        jo(), users.UserDraft("sam", "Sam Lee", Role.COORDINATOR, password="a" * 12)
    )

    users.save_user(
        jo(),
        users.UserDraft("sam", "Sam Lee", Role.COORDINATOR, password="b" * 12),
        user_id=sam.id,
        version=sam.version,
    )

    entries = trail(database, table_name="users")
    assert [(e.action, e.changes["password_hash"]) for e in entries] == [
        ("change", ["(hidden)", "(hidden)"]),
        ("add", [None, "(hidden)"]),
    ]
    assert entries[1].changes["user_name"] == [None, "sam"]
    with database.unit_of_work() as uow:
        stored_hash = uow.users.get(sam.id).password_hash
    assert all(stored_hash not in json.dumps(e.changes) for e in entries)
    assert "argon2" not in json.dumps([e.changes for e in entries])


def test_a_change_rolled_back_leaves_no_entry(database, jo):
    sector = agencies.save_sector(jo(), "Police")
    with database.unit_of_work(JO) as uow:
        record = uow.sectors.get(sector.id)
        record.name = "Police and fire"
        uow.flush()  # the entry is written now, in the transaction...
        assert uow.audit.count_matching(AuditCriteria(action="change")) == 1
    # ...and goes with it, never committed

    assert [e.action for e in trail(database)] == ["add"]
    assert [s.name for s in agencies.list_sectors(database.unit_of_work())] == ["Police"]


def test_a_service_refused_part_way_leaves_no_entry(database, jo):
    b = basics(jo())
    before = len(trail(database))
    duplicate = agencies.AgencyDraft("Northshire Police", b.sector_id)  # the name is taken

    with pytest.raises(Exception, match="already"):
        agencies.save_agency(jo(), duplicate)

    assert len(trail(database)) == before


def test_entries_about_a_person_name_the_staff_member(database, jo):
    b = basics(jo())
    alex = person(jo(), b, "P1")
    registers.record_completion(jo(), alex.id, b.course_id, dt.date(2025, 6, 1))

    about_alex = trail(database, staff_member_id=alex.id)

    assert sorted((e.action, e.table_name) for e in about_alex) == [
        ("add", "attendances"),
        ("add", "staff_members"),
        ("add", "staff_roles"),
    ]
    member = next(e for e in about_alex if e.table_name == "staff_members")
    assert member.record_id == alex.id
    assert member.description == "Alex Smith"
    record = next(e for e in about_alex if e.table_name == "attendances")
    assert record.changes["completed_on"] == [None, "2025-06-01"]
    assert record.changes["staff_id"] == [None, alex.id]
    assert all(e.staff_member_id is None for e in trail(database, table_name="courses"))
