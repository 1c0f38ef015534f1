"""The rows an import rejected, as an xlsx workbook to send back to the agency that sent them.

The sheet keeps the agency's own layout so they can put the rows right and send the same file
back: row 1 is their header row, each rejected row holds the cells as their file held them,
with "Row in your file" before them and "Problem" (highlighted) after. Written from plain data:
the headers, and each row's number, cells and problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exports.cell_safety import CellValue, neutralise

SHEET = "Rejected rows"
ROW_HEADING = "Row in your file"
PROBLEM_HEADING = "Problem"
UK_DATE_FORMAT = "DD/MM/YYYY"
UK_DATE_TIME_FORMAT = "DD/MM/YYYY HH:MM"
MIN_WIDTH, MAX_WIDTH, PROBLEM_WIDTH = 8, 50, 80
WIDTH_SAMPLE = 1_000  # rows measured for column widths
PROBLEM_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's "Bad" style
PROBLEM_FONT = Font(color="9C0006")
HEADING_FONT, PROBLEM_HEADING_FONT = Font(bold=True), Font(bold=True, color="9C0006")

RejectedRow = tuple[int, Sequence[object], str]  # row number in the file, its cells, the problem


def write_rejected_rows(path: Path, headers: Sequence[str], rows: Iterable[RejectedRow]) -> int:
    """Write the rejected ``rows`` under the file's ``headers`` to ``path``; how many rows."""
    rows = list(rows)
    width = max([len(headers), *(len(cells) for _, cells, _ in rows)])
    headings = [ROW_HEADING, *headers, *[""] * (width - len(headers)), PROBLEM_HEADING]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    _set_widths(sheet, headings, rows)
    sheet.freeze_panes = "B2"
    sheet.append(
        [
            *(_heading(sheet, text) for text in headings[:-1]),
            _heading(sheet, PROBLEM_HEADING, problem=True),
        ]
    )
    for number, cells, problem in rows:
        padded = [*cells, *[None] * (width - len(cells))]
        sheet.append([number, *(_cell(sheet, value) for value in padded), _problem(sheet, problem)])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headings))}{len(rows) + 1}"
    workbook.save(path)
    return len(rows)


def _heading(sheet: WriteOnlyWorksheet, text: str, *, problem: bool = False) -> WriteOnlyCell:
    cell = _problem(sheet, text) if problem else WriteOnlyCell(sheet, neutralise(text))
    cell.font = PROBLEM_HEADING_FONT if problem else HEADING_FONT
    return cell


def _problem(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, neutralise(text))
    cell.fill, cell.font = PROBLEM_FILL, PROBLEM_FONT
    cell.alignment = Alignment(wrap_text=True)
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: object) -> CellValue | WriteOnlyCell:
    """The value as the agency's file held it: dates as dates, formula-looking text defused."""
    safe = neutralise(_storable(value))
    if not isinstance(safe, dt.date):
        return safe
    cell = WriteOnlyCell(sheet, safe)
    has_time = isinstance(safe, dt.datetime) and safe.time() != dt.time()
    cell.number_format = UK_DATE_TIME_FORMAT if has_time else UK_DATE_FORMAT
    return cell


def _storable(value: object) -> CellValue:
    if value is None or isinstance(value, str | int | float | Decimal | dt.date | dt.time):
        return value
    return str(value)


def _set_widths(sheet: WriteOnlyWorksheet, headings: list[str], rows: list[RejectedRow]) -> None:
    """Each column as wide as its heading and the values in the first rows, within limits."""
    sample = rows[:WIDTH_SAMPLE]
    last = len(headings) - 1
    for index, heading in enumerate(headings):
        limit = PROBLEM_WIDTH if index == last else MAX_WIDTH
        if index == 0:
            shown = [str(number) for number, _, _ in sample]
        elif index == last:
            shown = [problem for _, _, problem in sample]
        else:
            shown = [_shown(cells[index - 1]) for _, cells, _ in sample if index - 1 < len(cells)]
        widest = max([len(heading), *(len(text) for text in shown)])
        width = min(max(widest + 2, MIN_WIDTH), limit)
        sheet.column_dimensions[get_column_letter(index + 1)].width = width


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return "dd/mm/yyyy hh:mm"
    if isinstance(value, dt.date):
        return "dd/mm/yyyy"
    return "" if value is None else str(value)
