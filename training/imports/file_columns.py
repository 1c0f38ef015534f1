"""A spreadsheet's column headings and what each was matched to, before any row is checked.

The import wizard shows them so the user can put a wrong match right and name the columns the
synonyms missed; their choices then go to ``preview_import(mapping=...)``. The header is found
as the preview finds it: the agency's saved mapping for this kind of file first, then synonyms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from training.access import Permission, require_agency, requires
from training.agencies import named_agency
from training.imports.candidates import ImportKind
from training.imports.files import SpreadsheetRefused, open_spreadsheet
from training.imports.headers import ColumnMap, Field, find_header, match_columns
from training.imports.importing import REQUIRED
from training.imports.normalise import clean_text
from training.transactions import UnitOfWork

EXAMPLE_LENGTH = 40  # characters of a column's first value shown beside its heading

FIELDS: dict[ImportKind, tuple[Field, ...]] = {
    ImportKind.STAFF: (
        Field.STAFF_REF,
        Field.FIRST_NAME,
        Field.LAST_NAME,
        Field.FULL_NAME,
        Field.EMAIL,
        Field.JOB_TITLE,
        Field.ROLE,
        Field.START_DATE,
        Field.LEAVE_DATE,
    ),
    **dict.fromkeys(
        (ImportKind.ATTENDANCE, ImportKind.ELEARNING),
        (
            Field.STAFF_REF,
            Field.FIRST_NAME,
            Field.LAST_NAME,
            Field.FULL_NAME,
            Field.EMAIL,
            Field.COURSE,
            Field.DATE,
            Field.STATUS,
        ),
    ),
}

Row = tuple[int, tuple[object, ...]]


@dataclass(frozen=True)
class FileColumns:
    """The header row of the sheet an import would read, and each column's suggested field."""

    file_name: str
    sheet: str
    header_row: int
    headers: tuple[str, ...]  # as the file writes them
    matched: dict[int, Field]  # column (0-based) -> the field it was matched to
    examples: tuple[str, ...]  # each column's first value under the header, to help choose


def import_fields(kind: ImportKind) -> tuple[Field, ...]:
    """The fields an import of this kind reads."""
    return FIELDS[kind]


def missing_fields(kind: ImportKind, chosen: Iterable[Field]) -> list[tuple[Field, ...]]:
    """The required choices no chosen field meets: each a tuple of which any one would do."""
    present = set(chosen)
    return [choice for choice in REQUIRED[kind] if not present.intersection(choice)]


@requires(Permission.RECORD_ATTENDANCE)
def read_file_columns(uow: UnitOfWork, path: Path, kind: ImportKind, agency: str) -> FileColumns:
    """The headings of the sheet the import would read, matched as the preview matches them.

    That is the first sheet whose header names every column the import needs; failing that,
    the first sheet with a header row at all (the user maps the rest); failing that, the first
    sheet's fullest row among its first rows. Raises ``SpreadsheetRefused`` for a file that
    cannot be read.
    """
    path = Path(path)
    with uow:
        found_agency = named_agency(uow, agency, path.name, "cannot be imported")
        require_agency(uow, found_agency.id)
        saved = {
            header: Field(name)
            for header, name in uow.column_mappings.for_agency(found_agency.id, kind.value).items()
        }
    with open_spreadsheet(path) as sheets:
        if not sheets:
            raise SpreadsheetRefused(path, "the workbook has no sheets")
        candidates: list[tuple[str, ColumnMap | None, list[Row]]] = []
        for sheet in sheets:
            header, rows = find_header(sheet.rows, saved)
            if header is not None and not missing_fields(kind, header.columns):
                return _columns(path, sheet.name, header, rows)
            candidates.append((sheet.name, header, rows))
    for name, header, rows in candidates:
        if header is not None:
            return _columns(path, name, header, rows)
    name, _, rows = candidates[0]
    return _columns(path, name, _fullest_row(path, rows, saved), rows)


def _fullest_row(path: Path, rows: list[Row], saved: dict[str, Field]) -> ColumnMap:
    """The row with the most filled cells (the first of equals): most likely the headings."""

    def filled(row: Row) -> int:
        return sum(bool(clean_text(value)) for value in row[1])

    number, values = max(rows, key=lambda row: (filled(row), -row[0]), default=(0, ()))
    if not any(clean_text(value) for value in values):
        raise SpreadsheetRefused(path, "the first sheet is empty: there are no columns to import")
    return ColumnMap(number, match_columns(values, saved), tuple(clean_text(v) for v in values))


def _columns(path: Path, sheet: str, header: ColumnMap, rows: list[Row]) -> FileColumns:
    below = [values for number, values in rows if number > header.header_row]
    return FileColumns(
        file_name=path.name,
        sheet=sheet,
        header_row=header.header_row,
        headers=header.headers,
        matched={index: field for field, index in header.columns.items()},
        examples=tuple(_example(below, index) for index in range(len(header.headers))),
    )


def _example(rows: list[tuple[object, ...]], index: int) -> str:
    for values in rows:
        if index < len(values) and (text := _shown(values[index])):
            return text if len(text) <= EXAMPLE_LENGTH else text[: EXAMPLE_LENGTH - 1] + "…"
    return ""


def _shown(value: object) -> str:
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return clean_text(value)
