"""What an import rejected, row by row, and the xlsx of those rows to send back to the agency."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from exports.rejected_rows import RejectedRow, write_rejected_rows
from training.errors import UserError
from training.imports.importing import ImportPreview, RowResult

XLSX = ".xlsx"


def problem(result: RowResult) -> tuple[str | None, str]:
    """The column a rejected row's problem is in (as the file heads it), and what it is."""
    column = result.column
    message = result.reason.removeprefix(f"{column}: ") if column else result.reason
    return column, message


def problem_text(result: RowResult) -> str:
    """The problem as one sentence that names its column."""
    column, message = problem(result)
    return f"{column}: {message}" if column else message


def rejected_rows(preview: ImportPreview) -> list[RejectedRow]:
    """Each rejected row: its number in the file, its cells as the file held them, its problem."""
    return [
        (result.row, preview.rejected_values.get(result.row, ()), problem_text(result))
        for result in preview.errors
    ]


def export_rejected_rows(preview: ImportPreview, path: Path | str) -> int:
    """Write the rejected rows under the file's own header row to ``path`` (an .xlsx file)."""
    return save_rejected_rows(path, preview.columns.headers, rejected_rows(preview))


def save_rejected_rows(
    path: Path | str, headers: Sequence[str], rows: Iterable[RejectedRow]
) -> int:
    """Write ``rows`` under the file's ``headers`` to ``path`` (an .xlsx file); how many rows."""
    path = Path(path)
    if path.suffix.lower() != XLSX:
        raise UserError(
            f"{path.name}: the rejected rows are written as an Excel workbook; "
            f"give the file a name ending in {XLSX}"
        )
    try:
        return write_rejected_rows(path, headers, rows)
    except OSError as exc:
        raise UserError(
            f"{path} cannot be written ({exc.strerror or exc}): close it if it is open in "
            "Excel, or choose another folder"
        ) from exc
