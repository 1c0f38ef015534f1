"""Round trip: the demo partnership sent out as spreadsheets and read into an empty database gives
the same settings workbook and the same agency training return, cell for cell.

From the demo partnership (26 agencies, 1,983 staff, 6,968 training records) on SQLite:

1. the settings workbook is exported, imported into an empty database and exported again: the
   two workbooks hold the same cells (the partnership's name, sectors, agencies, tiers, topics,
   roles, courses, the matrix);
2. each agency's staff list (xlsx, as an HR system exports one: reference, names, email, job
   title, role, start and leave dates) and its training records (csv, as a learning platform
   exports them: reference, course code, date, status) are written from the first database and
   imported into the new one through the import service; no row is rejected;
3. the training return for every topic on the reporting date is worked out on both databases:
   the two are the same, every count and every person's line (name, role, required tier,
   standing, expiry, last completion, course); so are the summary sheets of the CSE return's
   workbooks (one topic: writing a workbook of every person takes seconds).

What it does not prove. The return workbook is not read back: it holds counts and each person's
deciding record, not their records, so there is nothing in it to import. Sessions, champions,
evaluations and awareness events are not carried over: a record on a session comes back as a
completion of its course on the session's day, which the return counts alike. A person's role
history comes back as the role they hold on the reporting date, and the front-line flags are not
in staff lists; the return uses neither. It runs on SQLite only: staff lists are written one
person at a time (about 5 ms each), and the imports' storage is proved on both databases by
tests/training/imports.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from exports.return_workbook import SUMMARY, write_return_workbook
from storage import models as m
from storage.database import Database
from training.agencies import list_agencies
from training.demo import load_demo
from training.imports.candidates import ImportKind
from training.imports.importing import commit_import, preview_import
from training.returns import TrainingReturn, training_return
from training.settings_workbook import export_settings, import_settings
from training.staff import count_staff, page_staff

ON = dt.date(2026, 3, 31)
STAFF_HEADINGS = [
    "Staff ID", "First name", "Surname", "Email", "Job title", "Role", "Start date", "Leave date",
]  # fmt: skip
RECORD_HEADINGS = ["Staff ID", "Course", "Completion date", "Status"]
Cells = dict[str, list[tuple[object, ...]]]


def cells(path: Path) -> Cells:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return {sheet.title: list(sheet.values) for sheet in book.worksheets}
    finally:
        book.close()


def fresh_database() -> Database:
    database = Database("sqlite://")
    database.create_all()
    return database


@pytest.fixture(scope="module")
def source() -> Database:
    database = fresh_database()
    load_demo(database.unit_of_work(), today=ON)
    return database


def staff_list(source: Database, agency_id: int, path: Path) -> Path:
    """The agency's staff as its HR system lists them, in the order they were added."""
    uow = source.unit_of_work()
    people = page_staff(uow, agency_id=agency_id, limit=count_staff(uow, agency_id=agency_id))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(STAFF_HEADINGS)
    for p in sorted(people, key=lambda p: p.id):
        names = [p.staff_ref, p.first_name, p.last_name, p.email, p.job_title, p.role]
        sheet.append([*names, p.start_date, p.leave_date])
    book.save(path)
    return path


def training_records(source: Database, folder: Path) -> dict[int, Path]:
    """Each agency's records as a learning platform exports them (csv), by agency id."""
    day = m.Attendance.completed_on
    statement = (
        select(m.StaffMember.agency_id, m.StaffMember.staff_ref, m.Course.code)
        .add_columns(m.Attendance.status, day, m.TrainingSession.starts_at)
        .join(m.StaffMember, m.StaffMember.id == m.Attendance.staff_id)
        .join(m.Course, m.Course.id == m.Attendance.course_id)
        .outerjoin(m.TrainingSession, m.TrainingSession.id == m.Attendance.session_id)
        .order_by(m.Attendance.id)
    )
    rows: dict[int, list[list[str]]] = defaultdict(list)
    with source.engine.connect() as connection:
        for agency_id, ref, code, status, completed, starts in connection.execute(statement):
            on = completed or starts.date()
            rows[agency_id].append([ref, code, f"{on:%d/%m/%Y}", status])
    paths = {}
    for agency_id, records in rows.items():
        paths[agency_id] = folder / f"records-{agency_id}.csv"
        with paths[agency_id].open("w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(RECORD_HEADINGS)
            writer.writerows(records)
    return paths


def imported(target: Database, path: Path, kind: ImportKind, agency: str) -> int:
    """Import the file through the import service; how many rows it saved."""
    preview = preview_import(target.unit_of_work(), path, kind, agency)
    assert preview.errors == [], f"{path.name}: {preview.errors[:3]}"
    summary = commit_import(target.unit_of_work(), preview)
    return summary.added + summary.updated


def without_ids(result: TrainingReturn) -> TrainingReturn:
    """The return without the ids the databases gave out (they differ between them)."""
    return replace(
        result,
        agencies=tuple(
            replace(
                agency,
                agency_id=0,
                people=tuple(line._replace(staff_id=0, agency_id=0) for line in agency.people),
            )
            for agency in result.agencies
        ),
    )


def summary(result: TrainingReturn, path: Path) -> list[tuple[object, ...]]:
    """The return's workbook, written to ``path``: its summary sheet's cells."""
    write_return_workbook(path, result)
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(book[SUMMARY].values)
    finally:
        book.close()


def test_the_partnership_survives_export_and_import_into_an_empty_database(
    source: Database, tmp_path: Path
) -> None:
    settings = tmp_path / "settings.xlsx"
    export_settings(source.unit_of_work(), settings)
    target = fresh_database()

    import_settings(target.unit_of_work(), settings)

    again = tmp_path / "settings again.xlsx"
    export_settings(target.unit_of_work(), again)
    assert cells(again) == cells(settings)

    records = training_records(source, tmp_path)
    people = saved = 0
    for agency in list_agencies(source.unit_of_work()):
        staff = staff_list(source, agency.id, tmp_path / f"staff-{agency.id}.xlsx")
        people += imported(target, staff, ImportKind.STAFF, agency.name)
        if agency.id in records:
            saved += imported(target, records[agency.id], ImportKind.ELEARNING, agency.name)
    assert people == 1_983

    sent = training_return(source.unit_of_work(), ON)
    back = training_return(target.unit_of_work(), ON)
    assert sum(counts.trained for counts in sent.totals()) > 3_000
    assert without_ids(back) == without_ids(sent)  # every count, and every person's line
    cse_sent, cse_back = (
        training_return(db.unit_of_work(), ON, topic="CSE") for db in (source, target)
    )
    assert summary(cse_back, tmp_path / "back.xlsx") == summary(cse_sent, tmp_path / "sent.xlsx")
