"""Importing attendance, e-learning completions and staff lists, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from tests.builders import basics, person, session
from training import catalogue, staff
from training.errors import ValidationError
from training.imports.candidates import ImportKind
from training.imports.files import SpreadsheetRefused
from training.imports.headers import Field
from training.imports.importing import (
    Outcome,
    commit_import,
    list_batches,
    preview_import,
    undo_import,
)
from training.registers import register
from training.returns import compliance_by_agency

AGENCY = "Northshire Police"


def xlsx(path, *rows):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def outcomes(preview):
    return [(r.row, r.outcome.value, r.reason) for r in preview.results]


@pytest.fixture
def police(uow):
    b = basics(uow)
    for ref, last in (("P1", "Lee"), ("P2", "Khan"), ("P3", "Shaw")):
        person(uow, b, ref, last=last)
    return b


def signin(tmp_path, *rows):
    return xlsx(
        tmp_path / "signin.xlsx",
        ("Northshire Police – CSE targeted",),
        ("Venue: HQ",),
        (),
        ("Collar Number", "Surname", "First Name", "Attended?"),
        *rows,
        ("Total attended: 2",),
    )


def test_a_sign_in_sheet_for_a_session_is_previewed_then_committed(uow, police, tmp_path):
    day = session(uow, police, dt.date(2025, 3, 4))
    path = signin(
        tmp_path,
        ("p1", "LEE", "ALEX", "Y"),
        (None, "Khan", "Alex", "DNA"),
        ("P3", "Shaw", "Alex", "maybe"),
    )
    preview = preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    assert preview.columns.header_row == 4
    assert outcomes(preview) == [
        (5, "new", "attended"),
        (6, "new", "did not attend"),
        (
            7,
            "error",
            "Attended?: 'maybe' is not an attendance status (write attended, did not "
            "attend, cancelled or booked)",
        ),
    ]
    assert preview.errors[0].column == "Attended?"
    assert register(uow, day.id) == []  # a preview writes nothing

    summary = commit_import(uow, preview, imported_by="coordinator")
    assert (summary.added, summary.updated, summary.rejected) == (2, 0, 1)
    assert [(line.name, line.status) for line in register(uow, day.id)] == [
        ("Alex Khan", "did not attend"),
        ("Alex Lee", "attended"),
    ]
    counts = compliance_by_agency(uow, police.topic_id, dt.date(2025, 6, 1))[police.agency_id]
    assert counts.trained == 1


def test_importing_the_same_file_twice_changes_nothing(uow, police, tmp_path):
    day = session(uow, police, dt.date(2025, 3, 4))
    path = signin(tmp_path, ("P1", "Lee", "Alex", "Yes"))
    commit_import(uow, preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id))
    again = preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    assert again.already_imported_as == list_batches(uow)[0].id
    assert outcomes(again) == [(5, "duplicate", "already recorded")]
    summary = commit_import(uow, again)
    assert summary.batch_id is None
    assert len(list_batches(uow)) == 1


def test_a_stale_preview_never_writes_twice(uow, police, tmp_path):
    day = session(uow, police, dt.date(2025, 3, 4))
    path = signin(tmp_path, ("P1", "Lee", "Alex", "Yes"))
    first = preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    second = preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    commit_import(uow, first)
    assert commit_import(uow, second).batch_id is None
    assert len(register(uow, day.id)) == 1


def test_a_changed_mark_is_an_update_and_undo_restores_it(uow, police, tmp_path):
    day = session(uow, police, dt.date(2025, 3, 4))
    booked = signin(tmp_path, ("P1", "Lee", "Alex", "booked"))
    commit_import(
        uow, preview_import(uow, booked, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    )
    came = xlsx(
        tmp_path / "came.xlsx", ("Collar Number", "Surname", "Attended"), ("P1", "Lee", "present")
    )
    preview = preview_import(uow, came, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    assert outcomes(preview) == [(2, "update", "booked → attended")]
    summary = commit_import(uow, preview)
    assert register(uow, day.id)[0].status == "attended"
    assert undo_import(uow, summary.batch_id) == 1
    assert register(uow, day.id)[0].status == "booked"
    with uow:
        assert uow.import_batches.changes(summary.batch_id) == []  # the spent log is gone
    with pytest.raises(ValidationError, match="already undone"):
        undo_import(uow, summary.batch_id)


def test_people_are_never_guessed(uow, police, tmp_path):
    b = police
    staff.save_staff(uow, staff.StaffDraft(b.agency_id, "Alex", "Lee", b.role_id, staff_ref="P9"))
    day = session(uow, police, dt.date(2025, 3, 4))
    path = xlsx(
        tmp_path / "names.xlsx",
        ("Name", "Attended"),
        ("Alex Lee", "Y"),
        ("Shaw, Alex", "Y"),
        ("Pat Nobody", "Y"),
    )
    preview = preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    assert [r.outcome for r in preview.results] == [Outcome.ERROR, Outcome.NEW, Outcome.ERROR]
    assert "matches 2 staff members" in preview.results[0].reason
    assert "is not on Northshire Police's staff list" in preview.results[2].reason


def test_new_people_can_be_created_from_a_sheet_when_allowed(uow, police, tmp_path):
    day = session(uow, police, dt.date(2025, 3, 4))
    path = xlsx(
        tmp_path / "new.xlsx",
        ("Staff ID", "Surname", "Forename", "Attended"),
        ("P77", "Okafor", "Chidi", "Y"),
    )
    preview = preview_import(
        uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id, create_people=True
    )
    assert outcomes(preview) == [(2, "new", "new person; attended")]
    summary = commit_import(uow, preview)
    assert staff.count_staff(uow, search="Okafor") == 1
    undo_import(uow, summary.batch_id)
    assert staff.count_staff(uow, search="Okafor") == 0


def test_e_learning_completions_from_a_windows_csv(uow, police, tmp_path):
    catalogue.save_course(
        uow,
        catalogue.CourseDraft(
            "CSE-U1",
            "CSE awareness e-learning",
            police.topic_id,
            police.tiers["Universal"],
            "e-learning",
            Decimal(1),
            24,
        ),
    )
    path = tmp_path / "export.csv"
    with path.open("w", encoding="cp1252", newline="") as file:
        writer = csv.writer(file, delimiter=";")
        writer.writerow(
            ["User ID", "Full Name", "Course Name", "Completion Status", "Completion Date"]
        )
        writer.writerow(["P1", "Alex Lee", "CSE awareness e-learning", "Completed", "3/2/25"])
        writer.writerow(["P2", "Alex Khan", "CSE awarness e-learning", "Completed", "04/02/2025"])
        writer.writerow(["P3", "Alex Shaw", "cse-u1", "In progress", ""])
        writer.writerow(["P3", "Renée Shaw", "CSE-U1", "Completed", "31/02/2025"])
    preview = preview_import(uow, path, ImportKind.ELEARNING, AGENCY)
    assert [(r.row, r.outcome.value) for r in preview.results] == [
        (2, "new"),
        (3, "error"),
        (4, "skipped"),
        (5, "error"),
    ]
    assert "did you mean CSE-U1" in preview.results[1].reason
    assert preview.results[3].column == "Completion Date"
    assert "not a real date" in preview.results[3].reason
    assert commit_import(uow, preview).added == 1


def test_completions_already_recorded_are_found_again_and_never_written_twice(
    uow, police, tmp_path
):
    catalogue.save_course(
        uow,
        catalogue.CourseDraft(
            "CSE-U1",
            "CSE awareness",
            police.topic_id,
            police.tiers["Universal"],
            "e-learning",
            Decimal(1),
            24,
        ),
    )
    first = xlsx(
        tmp_path / "march.xlsx",
        ("Staff ID", "Course", "Completed on"),
        ("P1", "CSE-U1", "03/03/2025"),
        ("P2", "CSE-U1", "03/03/2025"),
    )
    stale = preview_import(uow, first, ImportKind.ELEARNING, AGENCY)
    assert commit_import(uow, preview_import(uow, first, ImportKind.ELEARNING, AGENCY)).added == 2
    later = xlsx(
        tmp_path / "april.xlsx",
        ("Staff ID", "Course", "Completed on"),
        ("P1", "CSE-U1", "03/03/2025"),
        ("P1", "CSE-U1", "04/04/2025"),
        ("P3", "CSE-U1", "03/03/2025"),
    )
    assert outcomes(preview_import(uow, later, ImportKind.ELEARNING, AGENCY)) == [
        (2, "duplicate", "already recorded"),
        (3, "new", "attended"),
        (4, "new", "attended"),
    ]
    assert commit_import(uow, stale).batch_id is None


def test_a_staff_list_adds_updates_and_leaves_alone(uow, police, tmp_path):
    sergeant = staff.save_role(uow, "Police sergeant", "Police")
    path = xlsx(
        tmp_path / "hr.xlsx",
        ("Payroll No", "Forename", "Family name", "Job Title", "Role", "Start Date", "Work Email"),
        ("P1", "Alex", "Lee", "", "", None, "p1@police.example"),
        ("P2", "Alex", "Khan", "Sergeant", sergeant.name, dt.datetime(2019, 4, 1), None),
        ("P4", "Jo", "Bloggs", "Constable", "Police officer", "01/09/2024", None),
        ("P5", "", "Nobody", "", "", None, None),
        ("P6", "Kim", "Wu", "", "Astronaut", None, None),
    )
    preview = preview_import(uow, path, ImportKind.STAFF, AGENCY)
    assert outcomes(preview) == [
        (2, "duplicate", "unchanged"),
        (3, "update", "changes job title, start date, role"),
        (4, "new", "new staff member"),
        (5, "error", "Forename: a first name and a surname are needed for a staff list"),
        (6, "error", "'Astronaut' is not a role; add it to the roles first"),
    ]
    summary = commit_import(uow, preview)
    khan = staff.page_staff(uow, search="Khan")[0]
    assert (khan.role, khan.job_title) == ("Police sergeant", "Sergeant")
    assert staff.count_staff(uow) == 4
    undo_import(uow, summary.batch_id)
    khan = staff.page_staff(uow, search="Khan")[0]
    assert (khan.role, khan.job_title, khan.start_date) == ("Police officer", "", None)
    assert staff.count_staff(uow) == 3


def test_a_confirmed_mapping_is_remembered_for_the_agency(uow, police, tmp_path):
    day = session(uow, police, dt.date(2025, 3, 4))
    path = xlsx(tmp_path / "odd.xlsx", ("Officer", "Pers. No.", "Here?"), ("Alex Lee", "P1", "Y"))
    with pytest.raises(ValidationError, match="no sheet has a header row"):
        preview_import(uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    mapping = {"Officer": Field.FULL_NAME, "Pers. No.": Field.STAFF_REF, "Here?": Field.STATUS}
    preview = preview_import(
        uow, path, ImportKind.ATTENDANCE, AGENCY, session_id=day.id, mapping=mapping
    )
    commit_import(uow, preview)
    path2 = xlsx(
        tmp_path / "odd2.xlsx", ("Officer", "Pers. No.", "Here?"), ("Alex Khan", "P2", "N")
    )
    later = preview_import(uow, path2, ImportKind.ATTENDANCE, AGENCY, session_id=day.id)
    assert outcomes(later) == [(2, "new", "did not attend")]


def test_an_unknown_agency_is_named(uow, police, tmp_path):
    path = signin(tmp_path, ("P1", "Lee", "Alex", "Y"))
    with pytest.raises(ValidationError, match="no agency is called 'Met Police'"):
        preview_import(uow, path, ImportKind.ATTENDANCE, "Met Police")


def test_one_new_reference_under_two_names_in_a_file_is_an_error(uow, police, tmp_path):
    path = xlsx(
        tmp_path / "hr.xlsx",
        ("Payroll No", "Forename", "Family name"),
        ("P50", "Jamie", "Walker"),
        ("P50", "Stacey", "Fox"),
        ("P50", "Jamie", "Walker"),
    )
    preview = preview_import(uow, path, ImportKind.STAFF, AGENCY)
    assert [(r.row, r.outcome.value) for r in preview.results] == [
        (2, "new"),
        (3, "error"),
        (4, "duplicate"),
    ]
    assert "row 2 has the same person under another name" in preview.results[1].reason


def test_a_reference_belonging_to_someone_else_is_an_error(uow, police, tmp_path):
    path = tmp_path / "hr.csv"  # a csv cell is text; openpyxl would store '=...' as a formula
    path.write_text(
        "Payroll No,Forename,Family name\nP1,Stacey,Fox\nP1,Alexandra,Lee\n"
        'P8,"=HYPERLINK(""http://x"",""Click"")",Fox\n'
    )
    preview = preview_import(uow, path, ImportKind.STAFF, AGENCY)
    assert outcomes(preview)[0] == (
        2,
        "error",
        "staff reference P1 is Alex Lee, ref P1, but the row says Stacey Fox; "
        "correct the reference or the name",
    )
    assert preview.results[1].outcome is Outcome.UPDATE  # a changed first name: same person
    assert "looks like a spreadsheet formula" in preview.results[2].reason


def test_a_missing_file_is_refused_by_name(uow, police, tmp_path):
    with pytest.raises(SpreadsheetRefused, match=r"gone\.xlsx: the file does not exist"):
        preview_import(uow, tmp_path / "gone.xlsx", ImportKind.STAFF, AGENCY)
