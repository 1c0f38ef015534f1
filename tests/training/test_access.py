"""Roles and scoping enforced in the services (issue 8): an agency lead cannot read, change or
report on another agency through any service; a QA reviewer and a viewer do only their part.
Run on SQLite and on a real PostgreSQL (the ``database`` fixture)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook

from storage.database import Database
from tests import builders
from training import agencies, catalogue, evaluations, quality, registers, returns, staff
from training.access import AccessDeniedError, Principal, Role
from training.board_report import board_report
from training.certificates import session_certificates
from training.imports.candidates import ImportKind
from training.imports.importing import commit_import, list_batches, preview_import
from training.registers import AttendanceMark
from training.users import UserDraft, list_users, save_user

DAY = dt.date(2026, 3, 2)


@dataclass(frozen=True)
class Partnership:
    basics: builders.Basics
    other_agency_id: int
    own_person: int
    other_person: int
    session_id: int


@pytest.fixture
def partnership(database: Database) -> Partnership:
    uow = database.unit_of_work  # the coordinator of an embedded database
    b = builders.basics(uow())
    other = agencies.save_agency(uow(), agencies.AgencyDraft("Northshire Council", b.sector_id))
    own = builders.person(uow(), b, "P1", "Own")
    theirs = staff.save_staff(
        uow(), staff.StaffDraft(other.id, "Sam", "Theirs", b.role_id, staff_ref="C1")
    )
    session = builders.session(uow(), b, DAY)
    registers.mark_register(
        uow(),
        session.id,
        [AttendanceMark(own.id, "attended"), AttendanceMark(theirs.id, "attended")],
    )
    return Partnership(b, other.id, own.id, theirs.id, session.id)


def as_user(database: Database, role: Role, agency_id: int | None = None):
    return lambda: database.unit_of_work(Principal(f"{role.value}-user", role, agency_id))


def test_an_agency_lead_sees_and_changes_only_their_own_agency(database, partnership):
    p = partnership
    lead = as_user(database, Role.AGENCY_LEAD, p.basics.agency_id)

    assert [s.id for s in staff.page_staff(lead())] == [p.own_person]
    assert staff.count_staff(lead()) == 1
    assert staff.get_staff(lead(), p.own_person).last_name == "Own"
    with pytest.raises(AccessDeniedError):
        staff.page_staff(lead(), agency_id=p.other_agency_id)
    with pytest.raises(AccessDeniedError):
        staff.count_staff(lead(), agency_id=p.other_agency_id)
    with pytest.raises(AccessDeniedError):
        staff.get_staff(lead(), p.other_person)
    with pytest.raises(AccessDeniedError):
        staff.role_history(lead(), p.other_person)
    with pytest.raises(AccessDeniedError):
        staff.change_role(lead(), p.other_person, p.basics.role_id, DAY)
    with pytest.raises(AccessDeniedError):
        staff.save_staff(
            lead(), staff.StaffDraft(p.other_agency_id, "New", "Person", p.basics.role_id)
        )
    mine = staff.get_staff(lead(), p.own_person)
    with pytest.raises(AccessDeniedError):  # moving their own person to another agency
        staff.save_staff(
            lead(),
            staff.StaffDraft(p.other_agency_id, "Alex", "Own", p.basics.role_id),
            staff_id=p.own_person,
            version=mine.version,
        )
    staff.save_staff(
        lead(),
        staff.StaffDraft(p.basics.agency_id, "Alexandra", "Own", p.basics.role_id),
        staff_id=p.own_person,
        version=mine.version,
    )
    assert staff.get_staff(database.unit_of_work(), p.other_person).first_name == "Sam"


def test_an_agency_lead_records_attendance_for_their_own_staff_only(database, partnership):
    p = partnership
    lead = as_user(database, Role.AGENCY_LEAD, p.basics.agency_id)

    assert [line.staff_id for line in registers.register(lead(), p.session_id)] == [p.own_person]
    sheet = registers.sign_in_sheet(lead(), p.session_id)
    assert [line.name for line in sheet.lines] == ["Alex Own"]
    with pytest.raises(AccessDeniedError):
        registers.mark_register(lead(), p.session_id, [AttendanceMark(p.other_person, "cancelled")])
    with pytest.raises(AccessDeniedError):
        registers.record_completion(lead(), p.other_person, p.basics.course_id, DAY)
    registers.mark_register(lead(), p.session_id, [AttendanceMark(p.own_person, "did not attend")])
    statuses = {
        line.staff_id: line.status
        for line in registers.register(database.unit_of_work(), p.session_id)
    }
    assert statuses == {p.own_person: "did not attend", p.other_person: "attended"}


def test_an_agency_lead_reports_on_their_own_agency_only(database, partnership):
    p = partnership
    lead = as_user(database, Role.AGENCY_LEAD, p.basics.agency_id)

    rows = returns.compliance_table(lead(), "CSE", DAY)
    assert [row.agency for row in rows] == ["Northshire Police"]
    with pytest.raises(AccessDeniedError):
        returns.compliance_table(lead(), "CSE", DAY, agency="Northshire Council")
    with pytest.raises(AccessDeniedError):
        returns.compliance_by_agency(lead(), p.basics.topic_id, DAY, agency_id=p.other_agency_id)
    report = returns.training_return(lead(), DAY, topic="CSE")
    assert [agency.agency for agency in report.agencies] == ["Northshire Police"]
    with pytest.raises(AccessDeniedError):
        returns.training_return(lead(), DAY, topic="CSE", agency="Northshire Council")
    with pytest.raises(AccessDeniedError):
        board_report(lead(), DAY - dt.timedelta(days=365), DAY)


def test_an_agency_lead_imports_for_their_own_agency_only(database, partnership, tmp_path: Path):
    p = partnership
    lead = as_user(database, Role.AGENCY_LEAD, p.basics.agency_id)
    book = Workbook()
    book.active.append(["Staff ID", "First name", "Last name", "Course", "Date completed"])
    book.active.append(["P1", "Alex", "Own", "CSE-T1", "03/03/2026"])
    file = tmp_path / "completions.xlsx"
    book.save(file)

    with pytest.raises(AccessDeniedError):
        preview_import(lead(), file, ImportKind.ELEARNING, "Northshire Council")
    preview = preview_import(lead(), file, ImportKind.ELEARNING, "Northshire Police")
    assert preview.agency == "Northshire Police"
    assert list_batches(lead()) == []
    commit_import(lead(), preview)
    [batch] = list_batches(lead())
    assert batch.imported_by == "agency_lead-user"  # the signed-in user, named by the service


def test_a_qa_reviewer_assures_quality_and_sees_no_staff_or_returns(database, partnership):
    p = partnership
    reviewer = as_user(database, Role.QA_REVIEWER)

    assert quality.list_standards(reviewer()) is not None
    assert evaluations.respondents(reviewer(), p.session_id)
    for refused in (
        lambda: staff.page_staff(reviewer()),
        lambda: registers.register(reviewer(), p.session_id),
        lambda: returns.compliance_table(reviewer(), "CSE", DAY),
        lambda: catalogue.save_topic(reviewer(), "Missing children"),
        lambda: session_certificates(reviewer(), p.session_id),
    ):
        with pytest.raises(AccessDeniedError):
            refused()


def test_a_viewer_reads_reports_and_changes_nothing(database, partnership):
    p = partnership
    viewer = as_user(database, Role.VIEWER)

    assert returns.compliance_table(viewer(), "CSE", DAY)
    assert board_report(viewer(), DAY - dt.timedelta(days=365), DAY) is not None
    for refused in (
        lambda: staff.page_staff(viewer()),
        lambda: catalogue.save_topic(viewer(), "Missing children"),
        lambda: registers.mark_register(
            viewer(), p.session_id, [AttendanceMark(p.own_person, "cancelled")]
        ),
        lambda: list_users(viewer()),
        lambda: save_user(viewer(), UserDraft("eve", "Eve", Role.COORDINATOR, password="x" * 12)),
    ):
        with pytest.raises(AccessDeniedError) as refusal:
            refused()
        assert "Viewer" in str(refusal.value) and "may not" in str(refusal.value)
