"""The audit trail as an xlsx workbook: one row per field changed, so it filters by field too.

Sheet "Audit trail": when (a real date and time, dd/mm/yyyy hh:mm), who, the action, what kind
of record, which record and its number, then the field and its value before and after. An entry
that changed no field (a record removed with nothing recorded) still has its row. Sheet "About":
who exported it, when, the filter used and how many entries it holds.

Written in openpyxl's write-only mode, row by row as the entries arrive, so a trail of a million
changes never sits in memory. The rows are any objects with the attributes the protocols below
name (the ``training.audit`` read models fit them); every text goes through ``neutralise``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exports.cell_safety import CellValue, neutralise

TRAIL_SHEET, ABOUT_SHEET = "Audit trail", "About"
UK_DATE_TIME_FORMAT = "DD/MM/YYYY HH:MM"
HEADING_FONT = Font(bold=True)
MAX_CELL_TEXT = 32_767  # Excel's limit: a longer text makes Excel "repair" the whole file
CLIPPED = " … (cut short)"
# heading, width in characters
COLUMNS = (
    ("When", 17),
    ("Who", 16),
    ("Action", 9),
    ("What", 22),
    ("Record", 30),
    ("Number", 9),
    ("Field", 24),
    ("Before", 40),
    ("After", 40),
)


class FieldLine(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def before(self) -> str: ...
    @property
    def after(self) -> str: ...


class AuditRow(Protocol):
    @property
    def changed_at(self) -> dt.datetime: ...
    @property
    def user_name(self) -> str: ...
    @property
    def action_label(self) -> str: ...
    @property
    def what(self) -> str: ...
    @property
    def record(self) -> str: ...
    @property
    def record_id(self) -> int | None: ...
    @property
    def changes(self) -> Sequence[FieldLine]: ...


@dataclass(frozen=True)
class AuditExportAbout:
    exported_at: dt.datetime
    exported_by: str
    filter_text: str


def write_audit_workbook(path: Path, entries: Iterable[AuditRow], about: AuditExportAbout) -> int:
    """Write ``entries`` (newest first, as given) to ``path``; how many entries were written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(TRAIL_SHEET)
    for index, (_heading, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.append([_bold(sheet, heading) for heading, _width in COLUMNS])
    try:
        written, rows = _write_trail(sheet, entries)
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{rows + 1}"
        _write_about(workbook.create_sheet(ABOUT_SHEET), about, written)
        workbook.save(path)
    except BaseException:
        _close(workbook)
        raise
    return written


def _close(workbook: Workbook) -> None:
    """End the streams of a workbook that stopped part-written (cancelled, the database failed,
    the file could not be made), now rather than whenever they are collected."""
    for sheet in workbook.worksheets:
        if isinstance(sheet, WriteOnlyWorksheet) and not sheet.closed:
            sheet.close()


def _write_trail(sheet: WriteOnlyWorksheet, entries: Iterable[AuditRow]) -> tuple[int, int]:
    """The entries' rows; how many entries, and how many rows."""
    written = rows = 0
    for entry in entries:
        written += 1
        for line in _lines(sheet, entry):
            sheet.append(line)
            rows += 1
    return written, rows


def _lines(sheet: WriteOnlyWorksheet, entry: AuditRow) -> list[list[CellValue | WriteOnlyCell]]:
    when = WriteOnlyCell(sheet, entry.changed_at)
    when.number_format = UK_DATE_TIME_FORMAT
    start: list[CellValue | WriteOnlyCell] = [
        when,
        _text(entry.user_name),
        _text(entry.action_label),
        _text(entry.what),
        _text(entry.record),
        entry.record_id,
    ]
    if not entry.changes:
        return [start]
    return [
        [*start, _text(change.field), _text(change.before), _text(change.after)]
        for change in entry.changes
    ]


def _text(value: str) -> CellValue:
    if len(value) > MAX_CELL_TEXT:
        value = value[: MAX_CELL_TEXT - len(CLIPPED)] + CLIPPED
    return neutralise(value)


def _bold(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, neutralise(text))
    cell.font = HEADING_FONT
    return cell


def _write_about(sheet: WriteOnlyWorksheet, about: AuditExportAbout, written: int) -> None:
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 60
    exported = WriteOnlyCell(sheet, about.exported_at)
    exported.number_format = UK_DATE_TIME_FORMAT
    sheet.append([_bold(sheet, "Audit trail"), None])
    sheet.append([_bold(sheet, "Exported"), exported])
    sheet.append([_bold(sheet, "By"), _text(about.exported_by)])
    sheet.append([_bold(sheet, "Filter"), _text(about.filter_text)])
    sheet.append([_bold(sheet, "Entries"), written])
