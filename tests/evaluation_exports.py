"""Evaluation forms' responses as form tools export them, written by openpyxl for the tests.

Microsoft Forms: an xlsx, one sheet, its own columns (ID, times, email, name) and then one
column per question headed by the question. Google Forms: a csv with a Timestamp. SurveyMonkey:
a second header row under the questions.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from tests.builders import Basics, person, session
from training import registers
from training.transactions import UnitOfWork

OVERALL = "How would you rate the course overall?"
TRAINER = "The trainer's knowledge (1-5)"
BEFORE = "How confident did you feel about spotting signs of exploitation BEFORE the session?"
AFTER = "How confident did you feel about spotting signs of exploitation AFTER the session?"
COMMENTS = "Any other comments"
MS_FORMS = ("ID", "Start time", "Completion time", "Email", "Name", OVERALL, TRAINER, BEFORE)
MS_FORMS += (AFTER, COMMENTS)

Cells = Sequence[object]


def ms_forms_row(
    number: int,
    overall: object = 4,
    trainer: object = 5,
    before: object = 2,
    after: object = 4,
    comments: object = "",
    *,
    email: str = "anonymous",
    day: dt.date = dt.date(2025, 6, 10),
) -> list[object]:
    finished = dt.datetime.combine(day, dt.time(16, number % 60))
    name = "anonymous" if email == "anonymous" else email.split("@")[0]
    started = finished - dt.timedelta(minutes=3)
    return [number, started, finished, email, name, overall, trainer, before, after, comments]


def xlsx_export(path: Path, headers: Cells, rows: Sequence[Cells], sheet: str = "Sheet1") -> Path:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append(list(row))
    workbook.save(path)
    return path


def csv_export(path: Path, headers: Cells, rows: Sequence[Cells]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as file:
        writer = csv.writer(file)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def held_session(
    uow: UnitOfWork, b: Basics, day: dt.date, people: int = 2
) -> tuple[int, list[str]]:
    """A session on ``day`` that ``people`` staff attended; its id and their emails."""
    held = session(uow, b, day)
    attended = [person(uow, b, f"S{held.id}-{n}", f"Person{n}") for n in range(people)]
    registers.mark_register(
        uow, held.id, [registers.AttendanceMark(p.id, "attended") for p in attended]
    )
    return held.id, [p.email for p in attended]
