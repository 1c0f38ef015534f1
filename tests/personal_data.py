"""A partnership with people whose personal data can be traced: a long-gone leaver with records
of every kind, a recent leaver and a current member of staff, each with names, emails and
references found nowhere else, so a test can search the whole database for them.

Built through the real services (and an import of a staff list), so the audit trail and the
import log hold what they hold in use.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from sqlalchemy import String, Text, select

from storage.database import Database
from storage.models import Base
from tests.builders import Basics, basics
from training import champions, evaluations, registers, staff
from training.catalogue import SessionDraft, save_session
from training.certificates import session_certificates
from training.imports.candidates import ImportKind
from training.imports.importing import commit_import, preview_import
from training.transactions import UnitOfWork

TODAY = dt.date.today()
LONG_AGO = dt.date(2014, 3, 4)  # the gone leaver's course; they left in 2015
AGENCY = "Northshire Police"
MISSPELT = "Quixotix"  # the gone leaver's surname until an import put it right


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    ref: str
    email: str
    job_title: str
    start: dt.date
    leave: dt.date | None

    @property
    def traces(self) -> tuple[str, ...]:
        """Text that only this person's personal data holds."""
        return (self.first, self.last, self.ref, self.email, self.job_title)


GONE = Person(
    "Zebedee",
    "Quixotic",
    "ZQ777",
    "zq.secret@police.example",
    "Cryptozoologist",
    dt.date(2010, 1, 4),
    dt.date(2015, 6, 30),
)
RECENT = Person(
    "Rowena",
    "Ravenclaw",
    "RR123",
    "rowena.r@police.example",
    "Diadem keeper",
    dt.date(2012, 9, 1),
    TODAY - dt.timedelta(days=400),
)
CURRENT = Person(
    "Ignatius",
    "Umbridge",
    "IU555",
    "ignatius.u@police.example",
    "Inquisitor",
    dt.date(2011, 2, 1),
    None,
)


@dataclass(frozen=True)
class Cast:
    basics: Basics
    gone: int
    recent: int
    current: int
    session_id: int


def add(uow: UnitOfWork, b: Basics, p: Person, last: str | None = None) -> int:
    return staff.save_staff(
        uow,
        staff.StaffDraft(
            b.agency_id,
            p.first,
            last or p.last,
            b.role_id,
            staff_ref=p.ref,
            email=p.email,
            job_title=p.job_title,
            start_date=p.start,
            leave_date=p.leave,
        ),
    ).id


def build(database: Database, folder: Path) -> Cast:
    """The partnership; ``folder`` holds the staff list imported."""
    b = basics(database.unit_of_work())
    gone = add(database.unit_of_work(), b, GONE, last=MISSPELT)
    recent = add(database.unit_of_work(), b, RECENT)
    current = add(database.unit_of_work(), b, CURRENT)
    _import_staff_list(database, folder)
    start = dt.datetime.combine(LONG_AGO, dt.time(9, 30))
    session = save_session(
        database.unit_of_work(),
        SessionDraft(b.course_id, start, start + dt.timedelta(hours=6), "Old Hall", "J. Trainer"),
    )
    registers.mark_register(
        database.unit_of_work(),
        session.id,
        [registers.AttendanceMark(person, "attended") for person in (gone, recent, current)],
    )
    registers.record_completion(database.unit_of_work(), gone, b.course_id, dt.date(2015, 1, 5))
    session_certificates(database.unit_of_work(), session.id, today=LONG_AGO)
    evaluations.enter_evaluation(
        database.unit_of_work(),
        evaluations.EvaluationDraft(
            session.id,
            LONG_AGO,
            overall_rating=5,
            content_rating=4,
            trainer_rating=5,
            confidence_before=2,
            confidence_after=4,
            comments="Zebedee here: the case studies were the best part",
            staff_id=gone,
        ),
        today=LONG_AGO,
    )
    post = champions.appoint_champion(
        database.unit_of_work(),
        champions.ChampionDraft(b.agency_id, gone, b.topic_id, dt.date(2013, 1, 7)),
    )
    meeting = champions.save_meeting(
        database.unit_of_work(), champions.MeetingDraft(dt.date(2013, 2, 1), "HQ")
    )
    champions.record_meeting_attendance(database.unit_of_work(), meeting.id, {post.id: True})
    return Cast(b, gone, recent, current, session.id)


def _import_staff_list(database: Database, folder: Path) -> None:
    """An HR list that corrects the gone leaver's surname: the import log keeps the old one."""
    path = folder / "hr list.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Payroll No", "Forename", "Family name", "Work Email"])
    sheet.append([GONE.ref, GONE.first, GONE.last, GONE.email])
    book.save(path)
    preview = preview_import(database.unit_of_work(), path, ImportKind.STAFF, AGENCY)
    commit_import(database.unit_of_work(), preview)


def traces_in(database: Database, *texts: str) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text value in the database holding one of ``texts``
    (any case)."""
    wanted = [text.lower() for text in texts]
    found = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text)]
            if not columns:
                continue
            for row in connection.execute(select(*columns)):
                for column, value in zip(columns, row, strict=True):
                    if isinstance(value, str) and any(w in value.lower() for w in wanted):
                        found.append((table.name, column.name, value))
    return found
