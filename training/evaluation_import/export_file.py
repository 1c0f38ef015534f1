"""Opening a form tool's export: the sheet whose row of questions the import reads, and its rows.

The file is opened by ``training.imports.files`` (xlsx or csv; hostile, damaged and other kinds
of file refused with what to do). The sheet read is the first with a row of questions among its
first rows (``columns.find_question_row``); a file with none is refused with the headings it
seems to have, so that the user can say what each column holds.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from training.errors import ValidationError
from training.evaluation_import.columns import ColumnChoices, QuestionMap, find_question_row
from training.evaluation_import.responses import Cells
from training.imports.files import SpreadsheetRefused, open_spreadsheet
from training.imports.normalise import clean_text

MAX_ROWS = 50_000  # responses to one session: far more than any form collects
Row = tuple[int, Cells]


class QuestionsNotFound(ValidationError):
    """No row of the file heads a rating, confidence or comments column by its wording.

    ``headings`` is the first sheet's fullest row near the top (most likely its headings), for
    the user to say what each column holds.
    """

    def __init__(self, file: str, headings: tuple[str, ...]) -> None:
        super().__init__(
            file,
            {
                "columns": "no sheet has a row of questions to import (checked the first 30 "
                "rows of each): the file needs a column of ratings, confidence or comments, "
                "headed by its question; say what such columns hold"
            },
            outcome="cannot be imported",
        )
        self.headings = headings


@dataclass(frozen=True)
class ExportSheet:
    sheet: str
    questions: QuestionMap
    rows: list[Row]  # every row under the questions, as (row number, cells)
    epoch_1904: bool  # whether the workbook's date serials count from 1904


def read_export(path: Path, choices: ColumnChoices | None = None) -> ExportSheet:
    """The first sheet with a row of questions, read whole."""
    headings: tuple[str, ...] = ()
    with open_spreadsheet(path, max_rows=MAX_ROWS) as sheets:
        for sheet in sheets:
            questions, first = find_question_row(sheet.rows, choices)
            if questions is not None:
                return ExportSheet(sheet.name, questions, [*first, *sheet.rows], sheet.epoch_1904)
            headings = headings or _fullest(first)
    raise QuestionsNotFound(path.name, headings)


def _fullest(rows: list[Row]) -> tuple[str, ...]:
    """The row with the most filled cells (the first of equals), as text."""
    _, values = max(rows, key=lambda row: sum(bool(clean_text(v)) for v in row[1]), default=(0, ()))
    return tuple(clean_text(value) for value in values)


def file_sha256(path: Path) -> str:
    """The file's SHA-256, as import batches record it; a file that cannot be read is refused."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        raise SpreadsheetRefused(path, "the file does not exist") from None
    except OSError as exc:
        raise SpreadsheetRefused(path, f"the file cannot be read ({exc.strerror})") from exc
