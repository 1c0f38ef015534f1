"""Reading the xlsx workbooks users send: refusing what is not one, then rows by heading.

The file is opened by ``training.imports.files`` (which refuses hostile and damaged files and
anything that is not a spreadsheet, saying what to do); here a workbook is also refused unless it
is an xlsx by name and by content. The sheets wanted are read whole, then taken row by row: every
problem becomes a ``CellProblem`` naming the file, sheet, row and column, and a ``ProblemLog``
collects them all so the user hears of every problem at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils import get_column_letter

from exports.cell_safety import restore
from training.dates import uk
from training.errors import CellProblem, WorkbookError
from training.imports.files import OLE2, ZIP, Sheet, SpreadsheetRefused, open_spreadsheet
from training.imports.uk_dates import DateProblem, read_date
from training.validation import Problems

XLSX = ".xlsx"
MAX_ROWS = 10_000  # per sheet: far more than any partnership's settings
YES = ("yes", "y", "true", "1")
NO = ("no", "n", "false", "0")

Cells = tuple[object, ...]


class ProblemLog:
    """Every problem found in one file, in the order they were found."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[CellProblem] = []

    def add(self, sheet: str | None, row: int | None, column: str | None, message: str) -> None:
        self.problems.append(CellProblem(self.file, sheet, row, column, message))

    def take(self, row: SheetRow) -> None:
        """The problems ``row`` found in its own cells."""
        for heading, message in row.problems.found.items():
            self.add(row.sheet, row.number, row.spelled.get(heading, heading), message)

    def raise_if_any(self, sheet_order: Sequence[str] = ()) -> None:
        """Refuse the file if anything is wrong, listing problems by sheet (in ``sheet_order``,
        others after) and row: the order the user will go through the file to put them right."""
        order = {folded(sheet): index for index, sheet in enumerate(sheet_order)}

        def place(problem: CellProblem) -> tuple[int, int]:
            sheet = folded(problem.sheet or "")
            return order.get(sheet, len(order)), problem.row or 0

        if self.problems:
            raise WorkbookError(self.file, sorted(self.problems, key=place))


def refuse(path: Path, message: str) -> WorkbookError:
    """The error for a file refused as a whole, before any row is read."""
    return WorkbookError(path.name, [CellProblem(path.name, None, None, None, message)])


# --- the file ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RawSheet:
    """A sheet's non-blank rows as (row number, cell values); ``name`` as the file spells it."""

    name: str
    rows: list[tuple[int, Cells]]
    epoch_1904: bool = False


def read_sheets(path: Path, wanted: Iterable[str]) -> dict[str, RawSheet]:
    """The ``wanted`` sheets the workbook has (names matched ignoring case), keyed as wanted."""
    _refuse_unless_xlsx(path)
    try:
        with open_spreadsheet(path, max_rows=MAX_ROWS) as sheets:
            by_name = {folded(sheet.name): sheet for sheet in sheets}
            return {
                want: _read_sheet(by_name[folded(want)])
                for want in wanted
                if folded(want) in by_name
            }
    except SpreadsheetRefused as exc:
        raise refuse(path, exc.reason) from exc


def _refuse_unless_xlsx(path: Path) -> None:
    save_as = "open it in Excel, save it as an Excel Workbook (.xlsx) and import that"
    if path.suffix.lower() != XLSX:
        raise refuse(path, f"this is not an Excel workbook (.xlsx); {save_as}")
    try:
        with path.open("rb") as file:
            head = file.read(len(OLE2))
    except OSError:
        return  # open_spreadsheet says what is wrong with the file
    if not head.startswith((*ZIP, OLE2)):  # OLE2: open_spreadsheet tells .xls from encrypted
        raise refuse(path, f"the file's content is not an Excel workbook; {save_as}")


def _read_sheet(sheet: Sheet) -> RawSheet:
    rows = [(number, cells) for number, cells in sheet.rows if not all(map(_blank, cells))]
    return RawSheet(sheet.name, rows, sheet.epoch_1904)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def folded(text: str) -> str:
    """Text as names are compared: spacing and capitals ignored (``lower``, as the repositories
    compare names, so that names the database holds apart are held apart here too)."""
    return " ".join(text.split()).lower()


# --- rows by heading -----------------------------------------------------------------------


def cell_text(value: object) -> str:
    """A cell as text: formula neutralisation undone, whole numbers without '.0', UK dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        return restore(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return uk(value)
    return str(value)


def clean(text: str) -> str:
    """Text with runs of white space made single spaces, as names are stored."""
    return " ".join(text.split())


class SheetRow:
    """One data row of a sheet, its cells by heading; reading a cell notes what is wrong with it.

    ``problems`` is keyed by heading; ``ProblemLog.take`` turns them into located problems.
    """

    def __init__(
        self,
        sheet: str,
        number: int,
        cells: Mapping[str, object],
        spelled: Mapping[str, str],
        *,
        epoch_1904: bool = False,
    ) -> None:
        self.sheet = sheet
        self.number = number
        self.cells = cells
        self.spelled = spelled
        self.epoch_1904 = epoch_1904
        self.problems = Problems(sheet)

    def has(self, heading: str) -> bool:
        """Whether the sheet has this column at all (a missing optional column changes nothing)."""
        return heading in self.cells

    def text(self, heading: str, *, max_length: int, required: bool = False) -> str:
        """A one-line text: white space runs made single spaces."""
        value = cell_text(self.cells.get(heading))
        return self.problems.text(heading, value, max_length=max_length, required=required)

    def note(self, heading: str) -> str:
        """A free text (a description): kept as written, lines and all, but trimmed."""
        return cell_text(self.cells.get(heading)).strip()

    def whole(self, heading: str) -> int | None:
        """A whole number, or None for a blank cell."""
        value = self.cells.get(heading)
        if _blank(value):
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        number = _number(value)
        if number is None or number != number.to_integral_value():
            self.problems.add(heading, f"{cell_text(value)!r} is not a whole number")
            return None
        return int(number)

    def hours(self, heading: str) -> Decimal | None:
        value = self.cells.get(heading)
        if _blank(value):
            self.problems.add(heading, "is required: write the hours as a number, e.g. 1.5")
            return None
        number = _number(value)
        if number is None:
            self.problems.add(heading, f"{cell_text(value)!r} is not a number of hours")
            return None
        return self.problems.hours(heading, number)

    def yes_no(self, heading: str, *, blank: bool) -> bool:
        """yes or no (also y/n, true/false, 1/0); a blank cell means ``blank``."""
        value = self.cells.get(heading)
        if _blank(value):
            return blank
        if isinstance(value, bool):
            return value
        answer = cell_text(value).strip().casefold()
        if answer not in YES + NO:
            self.problems.add(heading, f"{cell_text(value)!r} is not yes or no")
        return answer in YES

    def date(self, heading: str) -> dt.date | None:
        """A date cell, a UK date written as text or an Excel serial; None if blank."""
        try:
            return read_date(self.cells.get(heading), epoch_1904=self.epoch_1904)
        except DateProblem as problem:
            self.problems.add(heading, str(problem))
            return None


def _number(value: object) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def table_rows(
    raw: RawSheet, headings: Sequence[str], required: Sequence[str], log: ProblemLog
) -> list[SheetRow]:
    """The rows under a sheet's heading row (its first non-blank row), cells by heading.

    Headings are matched ignoring case and spacing; columns with other headings are ignored.
    A missing required column is a problem, and then no row is read.
    """
    if not raw.rows:
        return []
    heading_row, values = raw.rows[0]
    wanted = {folded(heading): heading for heading in headings}
    columns = heading_columns(raw.name, heading_row, values, log, only=wanted)
    positions = {wanted[key]: column for key, column in columns.items() if key in wanted}
    missing = [heading for heading in required if heading not in positions]
    for heading in missing:
        log.add(
            raw.name,
            heading_row,
            heading,
            f"is missing: add a column headed {heading!r} to row {heading_row}",
        )
    if missing:
        return []
    spelled = {heading: clean(cell_text(values[index])) for heading, index in positions.items()}
    return [
        SheetRow(
            raw.name,
            number,
            {heading: cell_at(cells, index) for heading, index in positions.items()},
            spelled,
            epoch_1904=raw.epoch_1904,
        )
        for number, cells in raw.rows[1:]
    ]


def heading_columns(
    sheet: str,
    row: int,
    values: Sequence[object],
    log: ProblemLog,
    *,
    only: Collection[str] | None = None,
) -> dict[str, int]:
    """Folded heading -> column index, for the headings in ``only`` (default: every heading).

    One of them heading two columns is a problem (the first column is kept).
    """
    columns: dict[str, int] = {}
    for index, value in enumerate(values):
        heading = clean(cell_text(value))
        key = folded(heading)
        if not heading or (only is not None and key not in only):
            continue
        if key in columns:
            log.add(
                sheet,
                row,
                heading,
                f"heads two columns ({_letter(columns[key])} and {_letter(index)}): "
                "keep one of them",
            )
        else:
            columns[key] = index
    return columns


def cell_at(cells: Sequence[object], index: int) -> object:
    return cells[index] if index < len(cells) else None


def _letter(index: int) -> str:
    return str(get_column_letter(index + 1))
