"""Everything held about one person as an xlsx workbook: the answer to a subject access request.

A "Person" sheet (their details, and how many rows each other sheet has), then a sheet per kind
of record: roles, training, certificates, evaluations, champion posts, champion meetings,
imports and the audit trail. Each sheet names the person above a table whose header row is
frozen with a filter on it; dates are real dates shown the UK way, numbers are numbers, and
every text goes through ``exports.cell_safety.neutralise``, so none of it can run as a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.cell_safety import CellValue, neutralise
from training.person_record import (
    AttendanceLine,
    AuditLine,
    CertificateLine,
    ChampionMeetingLine,
    ChampionPostLine,
    EvaluationLine,
    ImportLine,
    PersonRecord,
    RoleLine,
)

Row = TypeVar("Row")

DATE_FORMAT = "DD/MM/YYYY"
DATE_TIME_FORMAT = "DD/MM/YYYY HH:MM"
COUNT_FORMAT = "#,##0"
HOURS_FORMAT = "0.0#"
TITLE_ROW, HEADER_ROW = 1, 3
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_WIDTH, DATE_TIME_WIDTH = 12, 17
TITLE_FONT, BOLD = Font(bold=True, size=14), Font(bold=True)
NOTE_FONT = Font(italic=True, color="555555")
HEADING_FILL = PatternFill("solid", fgColor="E8EEF4")
NONE_HELD = "None held."


@dataclass(frozen=True)
class Column(Generic[Row]):
    heading: str
    value: Callable[[Row], CellValue]
    number_format: str | None = None  # None: text (neutralised), or a yes/no


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


ROLE_COLUMNS: list[Column[RoleLine]] = [
    Column("Role", lambda r: r.role),
    Column("Held from", lambda r: r.held_from, DATE_FORMAT),
]

TRAINING_COLUMNS: list[Column[AttendanceLine]] = [
    Column("Course code", lambda a: a.course_code),
    Column("Course", lambda a: a.course_title),
    Column("Tier", lambda a: a.tier),
    Column("Topic", lambda a: a.topic),
    Column("Delivery", lambda a: a.delivery_mode),
    Column("Session starts", lambda a: a.session_starts_at, DATE_TIME_FORMAT),
    Column("Venue", lambda a: a.venue or ""),
    Column("Status", lambda a: a.status),
    Column("Completed on", lambda a: a.completed_on, DATE_FORMAT),
    Column("Hours", lambda a: a.hours, HOURS_FORMAT),
    Column("Note", lambda a: a.note),
]

CERTIFICATE_COLUMNS: list[Column[CertificateLine]] = [
    Column("Number", lambda c: c.number),
    Column("Verification code", lambda c: c.verification_code),
    Column("Issued on", lambda c: c.issued_on, DATE_FORMAT),
    Column("Times printed", lambda c: c.times_printed, COUNT_FORMAT),
    Column("Course code", lambda c: c.course_code),
    Column("Course", lambda c: c.course_title),
    Column("Completed on", lambda c: c.completed_on, DATE_FORMAT),
]

EVALUATION_COLUMNS: list[Column[EvaluationLine]] = [
    Column("Submitted on", lambda e: e.submitted_on, DATE_FORMAT),
    Column("Course code", lambda e: e.course_code),
    Column("Course", lambda e: e.course_title),
    Column("Session starts", lambda e: e.session_starts_at, DATE_TIME_FORMAT),
    Column("Overall rating", lambda e: e.overall_rating, COUNT_FORMAT),
    Column("Content rating", lambda e: e.content_rating, COUNT_FORMAT),
    Column("Trainer rating", lambda e: e.trainer_rating, COUNT_FORMAT),
    Column("Confidence before", lambda e: e.confidence_before, COUNT_FORMAT),
    Column("Confidence after", lambda e: e.confidence_after, COUNT_FORMAT),
    Column("Comments", lambda e: e.comments),
]

CHAMPION_POST_COLUMNS: list[Column[ChampionPostLine]] = [
    Column("Agency", lambda c: c.agency),
    Column("Theme", lambda c: c.theme),
    Column("Appointed on", lambda c: c.appointed_on, DATE_FORMAT),
    Column("Stood down on", lambda c: c.stood_down_on, DATE_FORMAT),
    Column("Trained on", lambda c: c.trained_on, DATE_FORMAT),
]

CHAMPION_MEETING_COLUMNS: list[Column[ChampionMeetingLine]] = [
    Column("Held on", lambda c: c.held_on, DATE_FORMAT),
    Column("Venue", lambda c: c.venue),
    Column("Theme", lambda c: c.theme),
    Column("Present", lambda c: _yes_no(c.present)),
]

IMPORT_COLUMNS: list[Column[ImportLine]] = [
    Column("Import", lambda i: i.batch_id, COUNT_FORMAT),
    Column("Kind", lambda i: i.kind),
    Column("File", lambda i: i.file_name),
    Column("Imported at", lambda i: i.imported_at, DATE_TIME_FORMAT),
    Column("Imported by", lambda i: i.imported_by),
    Column("Undone at", lambda i: i.undone_at, DATE_TIME_FORMAT),
    Column("Records of", lambda i: i.record_kind.replace("_", " ")),
    Column("Action", lambda i: i.action),
    Column("How many", lambda i: i.records, COUNT_FORMAT),
]

AUDIT_COLUMNS: list[Column[AuditLine]] = [
    Column("When", lambda a: a.changed_at, DATE_TIME_FORMAT),
    Column("By", lambda a: a.user_name),
    Column("Action", lambda a: a.action),
    Column("Table", lambda a: a.table_name),
    Column("Record", lambda a: a.record_id, COUNT_FORMAT),
    Column("Description", lambda a: a.description),
    Column("Changes", lambda a: a.changes_text),
]


@dataclass(frozen=True)
class Table(Generic[Row]):
    sheet: str
    columns: Sequence[Column[Row]]
    rows: Sequence[Row]


def tables(record: PersonRecord) -> list[Table[Any]]:
    """The sheets after "Person", in order, each with its rows."""
    return [
        Table("Roles", ROLE_COLUMNS, record.roles),
        Table("Training", TRAINING_COLUMNS, record.attendances),
        Table("Certificates", CERTIFICATE_COLUMNS, record.certificates),
        Table("Evaluations", EVALUATION_COLUMNS, record.evaluations),
        Table("Champion posts", CHAMPION_POST_COLUMNS, record.champion_posts),
        Table("Champion meetings", CHAMPION_MEETING_COLUMNS, record.champion_meetings),
        Table("Imports", IMPORT_COLUMNS, record.imports),
        Table("Audit trail", AUDIT_COLUMNS, record.audit),
    ]


def write_person_record_workbook(path: Path, record: PersonRecord) -> int:
    """Write ``record`` to ``path`` (xlsx); how many sheets it has."""
    # Opened first: a file that cannot be written stops the work before any sheet is begun.
    with path.open("wb") as file:
        workbook = Workbook()
        first = workbook.active
        assert first is not None  # a new workbook always has a sheet
        first.title = "Person"
        listed = tables(record)
        _person_sheet(first, record, listed)
        for table in listed:
            _table_sheet(workbook.create_sheet(table.sheet), record, table)
        workbook.save(file)
    return len(workbook.sheetnames)


def _title(sheet: Worksheet, record: PersonRecord, what: str) -> None:
    person = record.person
    cell = sheet.cell(TITLE_ROW, 1, neutralise(f"{what}: {person.name}, {person.agency}"))
    cell.font = TITLE_FONT
    held = f"As held on {record.compiled_at:%d/%m/%Y} at {record.compiled_at:%H:%M}"
    sheet.cell(TITLE_ROW + 1, 1, held).font = NOTE_FONT


def _person_sheet(sheet: Worksheet, record: PersonRecord, listed: Sequence[Table[Any]]) -> None:
    _title(sheet, record, "Everything held about")
    p = record.person
    details: list[tuple[str, CellValue, str | None]] = [
        ("Staff id", p.staff_id, COUNT_FORMAT),
        ("Agency", p.agency, None),
        ("Staff reference", p.staff_ref or "", None),
        ("First name", p.first_name, None),
        ("Last name", p.last_name, None),
        ("Email", p.email, None),
        ("Job title", p.job_title, None),
        ("Front line", _yes_no(p.front_line), None),
        ("Works with children aged 10 and over", _yes_no(p.works_with_children_10_plus), None),
        ("Started", p.start_date, DATE_FORMAT),
        ("Left", p.leave_date, DATE_FORMAT),
        ("Anonymised on", p.anonymised_on, DATE_FORMAT),
    ]
    _heading_row(sheet, HEADER_ROW, ("Detail", "Held"))
    row = HEADER_ROW
    for label, value, number_format in details:
        row += 1
        _put(sheet, row, 1, label, None)
        _put(sheet, row, 2, value, number_format)
    row += 2
    _heading_row(sheet, row, ("Sheet", "Rows"))
    for table in listed:
        row += 1
        _put(sheet, row, 1, table.sheet, None)
        _put(sheet, row, 2, len(table.rows), COUNT_FORMAT)
    sheet.column_dimensions["A"].width = _width([label for label, _, _ in details], 0)
    sheet.column_dimensions["B"].width = _width([str(v) for _, v, _ in details if v], 20)


def _table_sheet(sheet: Worksheet, record: PersonRecord, table: Table[Any]) -> None:
    _title(sheet, record, table.sheet)
    headings = [column.heading for column in table.columns]
    _heading_row(sheet, HEADER_ROW, headings)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1).coordinate
    for offset, line in enumerate(table.rows, start=1):
        for number, column in enumerate(table.columns, start=1):
            _put(sheet, HEADER_ROW + offset, number, column.value(line), column.number_format)
    if table.rows:
        last = get_column_letter(len(headings))
        sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(table.rows)}"
    else:
        sheet.cell(HEADER_ROW + 1, 1, NONE_HELD).font = NOTE_FONT
    for number, column in enumerate(table.columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _column_width(column, table.rows)


def _heading_row(sheet: Worksheet, row: int, headings: Sequence[str]) -> None:
    for number, text in enumerate(headings, start=1):
        cell = sheet.cell(row, number, neutralise(text))
        cell.font, cell.fill = BOLD, HEADING_FILL


def _put(
    sheet: Worksheet, row: int, column: int, value: CellValue, number_format: str | None
) -> None:
    cell = sheet.cell(row, column, neutralise(value))
    if number_format is not None and value is not None:
        cell.number_format = number_format
    if isinstance(value, str) and len(value) > MAX_WIDTH:
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def _column_width(column: Column[Any], rows: Sequence[Any]) -> float:
    if column.number_format == DATE_TIME_FORMAT:
        return max(DATE_TIME_WIDTH, len(column.heading) + 2)
    if column.number_format == DATE_FORMAT:
        return max(DATE_WIDTH, len(column.heading) + 2)
    return _width([str(column.value(row) or "") for row in rows], len(column.heading))


def _width(texts: Sequence[str], at_least: int) -> float:
    longest = max([at_least, *(len(text) for text in texts)])
    return min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
