"""Reading the audit trail: filtered, paged, newest first, told in words; only for those who
administer; and exported as a workbook."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest

from storage import models as m
from tests.builders import basics, person
from training import agencies, audit, requirements, staff
from training.access import AccessDeniedError, Principal, Role
from training.audit import AuditFilter
from training.errors import UserError, ValidationError

JO = Principal("jo", Role.COORDINATOR)
SAM = Principal("sam", Role.COORDINATOR)


def entries(database, audit_filter: AuditFilter | None = None, **page) -> list:
    return audit.list_audit_entries(
        database.unit_of_work(JO), audit_filter or AuditFilter(), **page
    )


def add_entry(database, when: dt.datetime, user_name: str, description: str) -> None:
    """An entry as the writer would have made it on another day."""
    with database.unit_of_work() as uow:
        uow.session.add(
            m.AuditEntry(
                changed_at=when,
                user_name=user_name,
                action="change",
                table_name="topics",
                record_id=1,
                description=description,
                changes=json.dumps({"description": ["", description]}),
            )
        )
        uow.commit()


@pytest.fixture
def renamed(database):
    """Jo adds Alex Smith; Sam renames her Joanne and gives a leave date."""
    b = basics(database.unit_of_work(JO))
    alex = person(database.unit_of_work(JO), b, "P1")
    draft = staff.StaffDraft(
        b.agency_id,
        "Joanne",
        "Smith",
        b.role_id,
        staff_ref="P1",
        email="p1@police.example",
        leave_date=dt.date(2026, 3, 31),
    )
    staff.save_staff(database.unit_of_work(SAM), draft, staff_id=alex.id, version=alex.version)
    return alex


def test_the_newest_change_comes_first_told_in_words(database, renamed):
    newest = entries(database)[0]

    assert (newest.user_name, newest.action_label, newest.what, newest.record) == (
        "sam",
        "Changed",
        "Staff member",
        "Joanne Smith",
    )
    assert newest.change_lines == [
        "first name: 'Alex' → 'Joanne'",
        "leave date: (none) → 31/03/2026",
    ]
    assert [(c.field, c.before, c.after) for c in newest.changes] == [
        ("first name", "Alex", "Joanne"),
        ("leave date", "(none)", "31/03/2026"),
    ]
    assert newest.summary == "first name: 'Alex' → 'Joanne'; leave date: (none) → 31/03/2026"


def test_an_added_record_shows_only_its_new_values(database, renamed):
    [added] = entries(database, AuditFilter(table_name="staff_members", action="add"))

    assert added.action_label == "Added" and added.record == "Alex Smith"
    assert "first name: 'Alex'" in added.change_lines
    assert "works with children 10+: Yes" in added.change_lines
    assert all(change.before == "" for change in added.changes)


def test_a_record_without_a_name_is_named_by_the_person_it_is_about(database, renamed):
    [spell] = entries(database, AuditFilter(table_name="staff_roles"))

    assert spell.what == "Staff member's role"
    assert spell.record == "Joanne Smith"
    assert "effective from: 01/01/1900" in spell.change_lines


def test_filters_by_user_record_type_action_and_person(database, renamed):
    def shown(**criteria) -> list[tuple[str, str, str]]:
        found = entries(database, AuditFilter(**criteria))
        assert audit.count_audit_entries(database.unit_of_work(JO), AuditFilter(**criteria)) == (
            len(found)
        )
        return [(e.user_name, e.action, e.table_name) for e in found]

    assert shown(user_name="SAM") == [("sam", "change", "staff_members")]
    assert shown(table_name="tiers", action="add") == [("jo", "add", "tiers")] * 4
    assert shown(action="remove") == []
    assert sorted(shown(staff_member_id=renamed.id)) == [
        ("jo", "add", "staff_members"),
        ("jo", "add", "staff_roles"),
        ("sam", "change", "staff_members"),
    ]
    assert len(shown()) == audit.count_audit_entries(database.unit_of_work(JO), AuditFilter())


def test_the_search_finds_words_in_names_and_values_and_uk_dates(database, renamed):
    def records(search: str) -> list[str]:
        return [e.record for e in entries(database, AuditFilter(search=search))]

    assert records("joanne") == ["Joanne Smith"]  # the name the change gave
    assert records("alex smith") == ["Joanne Smith", "Alex Smith"]  # its old value, its name
    assert records("31/03/2026") == ["Joanne Smith"]
    assert records("police.example") == ["Alex Smith"]
    assert records("nobody") == []


def test_a_date_range_takes_whole_days(database):
    for day, user in ((1, "ann"), (2, "bob"), (3, "cat")):
        add_entry(database, dt.datetime(2026, 3, day, 23, 59), user, f"day {day}")
    add_entry(database, dt.datetime(2026, 3, 2, 0, 0), "dan", "day 2 at midnight")

    def users(start: dt.date | None, end: dt.date | None) -> list[str]:
        return [e.user_name for e in entries(database, AuditFilter(start=start, end=end))]

    assert users(dt.date(2026, 3, 2), dt.date(2026, 3, 2)) == ["bob", "dan"]
    assert users(dt.date(2026, 3, 2), None) == ["cat", "bob", "dan"]
    assert users(None, dt.date(2026, 3, 1)) == ["ann"]
    with pytest.raises(ValidationError, match="before the first day"):
        users(dt.date(2026, 3, 2), dt.date(2026, 3, 1))


def test_pages_follow_on_without_gaps_or_repeats(database, renamed):
    everything = [e.id for e in entries(database)]

    pages = [
        e.id
        for offset in range(0, len(everything), 3)
        for e in entries(database, offset=offset, limit=3)
    ]

    assert pages == everything
    assert len(everything) > 6


def test_the_users_who_changed_anything_are_listed_once_each(database, renamed):
    agencies.save_sector(database.unit_of_work(), "Health")  # no user: not listed

    assert audit.audit_users(database.unit_of_work(JO)) == ["jo", "sam"]


@pytest.mark.parametrize("role", [Role.AGENCY_LEAD, Role.QA_REVIEWER, Role.VIEWER])
def test_only_those_who_administer_may_read_the_trail(database, role):
    someone = Principal("kim", role, agency_id=1 if role is Role.AGENCY_LEAD else None)
    with pytest.raises(AccessDeniedError, match="audit trail"):
        audit.list_audit_entries(database.unit_of_work(someone), AuditFilter())
    with pytest.raises(AccessDeniedError):
        audit.audit_users(database.unit_of_work(someone))


def test_kinds_of_record_and_actions_are_named_as_a_user_writes_them():
    assert audit.record_type_named("staff member") == "staff_members"
    assert audit.record_type_named("Staff Members") == "staff_members"
    assert audit.record_type_named("courses") == "courses"
    assert audit.action_named("Removed") == "remove"
    with pytest.raises(UserError, match="Staff member"):
        audit.record_type_named("widgets")
    assert ("staff_members", "Staff member") in audit.record_types()


def test_the_filter_reads_as_words():
    chosen = AuditFilter(
        start=dt.date(2025, 4, 1), user_name="jo", table_name="courses", search=" cse "
    )
    assert chosen.describe() == "from 01/04/2025, by jo, course records, matching 'cse'"
    assert AuditFilter().describe() == "every change"


def test_the_export_has_a_row_per_field_changed_with_real_dates(database, renamed, tmp_path):
    path = tmp_path / "audit.xlsx"
    reports: list[tuple[int, int]] = []

    written = audit.export_audit(
        database.unit_of_work(JO),
        AuditFilter(user_name="sam"),
        path,
        lambda done, total, _message: reports.append((done, total)),
    )

    assert written == 1
    assert reports[-1] == (1, 1)
    book = openpyxl.load_workbook(path)
    sheet = book["Audit trail"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "When", "Who", "Action", "What", "Record", "Number", "Field", "Before", "After"
    )  # fmt: skip
    entry = ("sam", "Changed", "Staff member", "Joanne Smith", renamed.id)
    assert [row[1:] for row in rows[1:]] == [
        (*entry, "first name", "Alex", "Joanne"),
        (*entry, "leave date", "(none)", "31/03/2026"),
    ]
    when = sheet["A2"]
    assert isinstance(when.value, dt.datetime)
    assert abs(when.value - dt.datetime.now()) < dt.timedelta(minutes=5)
    assert when.number_format == "DD/MM/YYYY HH:MM"
    about = dict(book["About"].iter_rows(values_only=True))
    assert about["Filter"] == "by sam" and about["Entries"] == 1 and about["By"] == "jo"


def test_an_export_cancelled_part_way_stops(database, renamed, tmp_path):
    from training.progress import CancelledByUser

    with pytest.raises(CancelledByUser):
        audit.export_audit(
            database.unit_of_work(JO), AuditFilter(), tmp_path / "a.xlsx", cancelled=lambda: True
        )


def test_an_export_into_a_missing_folder_says_what_to_do(database, renamed, tmp_path):
    with pytest.raises(UserError, match="cannot be written"):
        audit.export_audit(database.unit_of_work(JO), AuditFilter(), tmp_path / "no" / "a.xlsx")


def test_the_export_is_refused_to_those_who_do_not_administer(database, tmp_path):
    with pytest.raises(AccessDeniedError):
        audit.export_audit(
            database.unit_of_work(Principal("vi", Role.VIEWER)), AuditFilter(), tmp_path / "a.xlsx"
        )
    assert not (tmp_path / "a.xlsx").exists()


def test_unreadable_changes_are_shown_as_stored(database):
    with database.unit_of_work() as uow:
        uow.session.add(
            m.AuditEntry(
                changed_at=dt.datetime(2026, 1, 1),
                user_name="jo",
                action="change",
                table_name="old_table",
                changes="not json",
            )
        )
        uow.commit()

    [entry] = entries(database)
    assert entry.what == "Old table"
    assert entry.change_lines == ["changes: 'not json' → 'not json'"]


def test_values_read_as_the_user_writes_them():
    assert audit.shown_value("2026-03-31T09:30:00") == "31/03/2026 09:30"
    assert audit.shown_value("2026-02-30") == "2026-02-30", "not a date: shown as text"
    assert audit.quoted_value("2026-02-30") == "'2026-02-30'"
    assert audit.quoted_value(True) == "Yes"
    assert audit.quoted_value(36) == "36"
    assert audit.quoted_value("(hidden)") == "(hidden)"
    assert audit.quoted_value(None) == "(none)"


def test_ids_of_other_records_are_shown_by_their_names(database):
    b = basics(database.unit_of_work(JO))
    requirements.set_requirement(database.unit_of_work(JO), b.role_id, b.topic_id, None)

    [removed] = entries(database, AuditFilter(action="remove"))

    assert (removed.what, removed.record) == ("Role requirement", f"number {removed.record_id}")
    assert removed.change_lines == [
        "role: 'Police officer'",
        "tier: 'Targeted'",
        "topic: 'CSE'",
    ]
    [course] = entries(database, AuditFilter(table_name="courses"))
    assert "tier: 'Targeted'" in course.change_lines
    assert "validity (months): 36" in course.change_lines
