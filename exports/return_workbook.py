"""The agency training return as an xlsx workbook: a summary sheet, then a sheet per agency.

"Summary" holds a row per agency and topic with the counts (numbers as numbers, the percentage
as a percentage), the totals for all agencies and what each column means. Each agency's sheet
names everyone in scope with where they stand, so the agency lead can act on it. Every sheet has
its header row frozen with a filter on it, columns as wide as their contents and dates as real
dates shown dd/mm/yyyy. Text from outside (names, roles, courses) goes through
``exports.cell_safety.neutralise``, so none of it can run as a formula.

Written in openpyxl's write-only mode: a large partnership's return has a line for each of
100,000 people.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exports.cell_safety import CellValue, neutralise
from exports.return_data import (
    DEFINITIONS,
    TITLE,
    AgencyData,
    CountsData,
    PersonData,
    ReturnData,
    counts_text,
)

SUMMARY = "Summary"
UK_DATE_FORMAT = "DD/MM/YYYY"
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "#,##0"
SHEET_NAME_LIMIT = 31
UNSAFE_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
RESERVED_SHEET_NAMES = ("history",)  # Excel keeps it for its own use
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_WIDTH = len("dd/mm/yyyy") + 2  # also the least width of a column of numbers
TITLE_FONT, HEADING_FONT, TOTAL_FONT = Font(bold=True, size=14), Font(bold=True), Font(bold=True)
NOTE_FONT = Font(italic=True, color="555555")
HEADING_FILL = PatternFill("solid", fgColor="E8EEF4")
OVERDUE_FONT, EXPIRING_FONT = Font(color="9C0006"), Font(color="9C5700")
DETAIL_HEADINGS = (
    "Name",
    "Staff ref",
    "Role",
    "Topic",
    "Required tier",
    "Status",
    "Expires on",
    "Last completed",
    "Course",
    "Trained in period",
)
DETAIL_DATES = (6, 7)  # the columns (from 0) that hold dates


def write_return_workbook(path: Path, data: ReturnData) -> int:
    """Write the return to ``path`` (xlsx); how many sheets it has."""
    # Opened first: a file that cannot be written stops the work before any sheet is begun.
    with path.open("wb") as file:
        workbook = Workbook(write_only=True)
        names = sheet_names([agency.agency for agency in data.agencies])
        _summary_sheet(workbook.create_sheet(SUMMARY), data)
        for agency, name in zip(data.agencies, names, strict=True):
            _agency_sheet(workbook.create_sheet(name), data, agency)
        workbook.save(file)
    return len(names) + 1


def sheet_names(agencies: Sequence[str]) -> list[str]:
    """A sheet name for each agency that Excel accepts: at most 31 characters, none of
    ``[]:*?/\\``, no apostrophe first or last, and unique (ignoring case) beside "Summary"."""
    used = {SUMMARY.casefold(), *RESERVED_SHEET_NAMES}
    names = []
    for agency in agencies:
        base = " ".join(UNSAFE_IN_SHEET_NAMES.sub(" ", agency).split()).strip("'").strip()
        base = base or "Agency"
        name, number = _cut(base, SHEET_NAME_LIMIT), 1
        while name.casefold() in used:
            number += 1
            suffix = f" ({number})"
            name = _cut(base, SHEET_NAME_LIMIT - len(suffix)) + suffix
        used.add(name.casefold())
        names.append(name)
    return names


def _cut(text: str, limit: int) -> str:
    return text[:limit].rstrip().rstrip("'").rstrip() or "Agency"


# --- the summary sheet ---------------------------------------------------------------------------


def summary_headings(tiers: Sequence[str]) -> list[str]:
    return [
        "Agency",
        "Sector",
        "Topic",
        *(f"In scope: {tier}" for tier in tiers),
        "In scope",
        "Trained",
        "% trained",
        "Expiring within 90 days",
        "Overdue",
        "Overdue: never trained",
        "Overdue: expired",
        *(f"Trained in period: {tier}" for tier in tiers),
        "Trained in period",
    ]


def _counts_row(counts: CountsData) -> list[CellValue]:
    percent = counts.percent_trained
    return [
        *counts.in_scope_by_tier,
        counts.in_scope,
        counts.trained,
        None if percent is None else percent / 100,
        counts.expiring_soon,
        counts.overdue,
        counts.never_trained,
        counts.lapsed,
        *counts.trained_in_period_by_tier,
        counts.trained_in_period,
    ]


def _summary_sheet(sheet: WriteOnlyWorksheet, data: ReturnData) -> None:
    headings = summary_headings(data.tiers)
    rows = [
        [agency.agency, agency.sector, counts.topic, *_counts_row(counts)]
        for agency in data.agencies
        for counts in agency.counts
    ]
    totals = [["All agencies", "", counts.topic, *_counts_row(counts)] for counts in data.totals()]
    about = [["Partnership", data.partnership]] if data.partnership else []
    header_row = len(about) + 5
    widths = [
        _width([headings[0], "Reporting date", *(str(row[0]) for row in rows)], limit=45),
        max(_width([str(row[1]) for row in rows], limit=30), DATE_WIDTH),
        _width(data.topics, limit=40),
        *(_heading_width(heading) for heading in headings[3:]),
    ]
    _set_widths(sheet, widths)
    sheet.freeze_panes = f"B{header_row + 1}"
    last_row = header_row + max(len(rows), 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(headings))}{last_row}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.append([_title(sheet, f"{TITLE}: {', '.join(data.topics)}")])
    for label, value in about:
        sheet.append([label, neutralise(value)])
    sheet.append(["Reporting date", _date(sheet, data.on)])
    sheet.append(["Period", _date(sheet, data.period_start), "to", _date(sheet, data.on)])
    sheet.append([])
    sheet.append([_heading(sheet, text, wrap=True) for text in headings])
    for row in rows:
        sheet.append(_summary_cells(sheet, row))
    sheet.append([])
    for row in totals:
        sheet.append(_summary_cells(sheet, row, font=TOTAL_FONT))
    sheet.append([])
    for line in DEFINITIONS:
        sheet.append([_note(sheet, line)])


def _summary_cells(
    sheet: WriteOnlyWorksheet, row: Sequence[CellValue], *, font: Font | None = None
) -> list[WriteOnlyCell]:
    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, neutralise(value))
        if isinstance(value, float):
            cell.number_format = PERCENT_FORMAT
        elif isinstance(value, int):
            cell.number_format = COUNT_FORMAT
        if font is not None:
            cell.font = font
        cells.append(cell)
    return cells


# --- an agency's sheet ---------------------------------------------------------------------------


def _agency_sheet(sheet: WriteOnlyWorksheet, data: ReturnData, agency: AgencyData) -> None:
    rows = [_person_row(person) for person in agency.people]
    header_row = 3 + len(agency.counts) + 2
    _set_widths(sheet, _detail_widths(rows))
    sheet.freeze_panes = f"B{header_row + 1}"
    last_row = header_row + max(len(rows), 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(len(DETAIL_HEADINGS))}{last_row}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.append([_title(sheet, agency.agency)])
    sheet.append(["Reporting date", _date(sheet, data.on)])
    sheet.append(["Period", _date(sheet, data.period_start), "to", _date(sheet, data.on)])
    for counts in agency.counts:
        sheet.append([neutralise(counts_text(counts))])
    sheet.append([])
    sheet.append([_heading(sheet, text) for text in DETAIL_HEADINGS])
    if not rows:
        sheet.append([_note(sheet, "No staff in scope.")])
    for person, row in zip(agency.people, rows, strict=True):
        sheet.append(_detail_cells(sheet, row, person.status))


def _person_row(person: PersonData) -> list[CellValue]:
    return [
        neutralise(person.name),
        neutralise(person.staff_ref),
        neutralise(person.role),
        neutralise(person.topic),
        neutralise(person.required_tier),
        person.status,
        person.expires_on,
        person.last_completed,
        neutralise(person.course),
        neutralise(person.trained_in_period),
    ]


def _detail_cells(
    sheet: WriteOnlyWorksheet, row: list[CellValue], status: str
) -> list[CellValue | WriteOnlyCell]:
    cells: list[CellValue | WriteOnlyCell] = list(row)
    for column in DETAIL_DATES:
        if row[column] is not None:
            cells[column] = _date(sheet, row[column])
    if status != "trained":
        cell = WriteOnlyCell(sheet, status)
        cell.font = OVERDUE_FONT if status.startswith("overdue") else EXPIRING_FONT
        cells[5] = cell
    return cells


def _detail_widths(rows: Sequence[Sequence[CellValue]]) -> list[int]:
    """Each column as wide as its contents; the first two also fit the dates above the table."""
    widths = []
    for column, heading in enumerate(DETAIL_HEADINGS):
        if column in DETAIL_DATES:
            widths.append(max(DATE_WIDTH, len(heading) + 2))
            continue
        shown = (str(row[column]) for row in rows if row[column] is not None)
        above = ["Reporting date"] if column == 0 else []
        widths.append(_width([heading, *above, *shown]))
    widths[1] = max(widths[1], DATE_WIDTH)
    return widths


# --- cells and columns ---------------------------------------------------------------------------


def _title(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, neutralise(text))
    cell.font = TITLE_FONT
    return cell


def _heading(sheet: WriteOnlyWorksheet, text: str, *, wrap: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, neutralise(text))
    cell.font, cell.fill = HEADING_FONT, HEADING_FILL
    cell.alignment = Alignment(wrap_text=wrap, vertical="bottom")
    return cell


def _note(sheet: WriteOnlyWorksheet, text: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, neutralise(text))
    cell.font = NOTE_FONT
    return cell


def _date(sheet: WriteOnlyWorksheet, day: CellValue) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, day)
    cell.number_format = UK_DATE_FORMAT
    return cell


def _width(texts: Iterable[str], *, limit: int = MAX_WIDTH) -> int:
    """As wide as the longest text, with a little room, within limits."""
    return min(max(max((len(text) for text in texts), default=0) + 2, MIN_WIDTH), limit)


def _heading_width(heading: str) -> int:
    """A column of numbers under a wrapped heading: as wide as the heading's longest word."""
    return max(max(len(word) for word in heading.split()) + 2, DATE_WIDTH)


def _set_widths(sheet: WriteOnlyWorksheet, widths: Sequence[int]) -> None:
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
