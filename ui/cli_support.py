"""What the command line's commands share: the consoles and exit statuses, argparse types for
dates and file names, a text progress bar, files written whole or not at all, and how an
import's rejected rows and outcome are told.

Light to import: ``main.py`` loads it on the way to the desktop, so the database, spreadsheet
and PDF libraries load inside the functions that need them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress

from training.errors import UserError
from training.progress import Progress

if TYPE_CHECKING:
    from training.imports.results import RowResult
    from training.workspace import Workspace

EXIT_OK, EXIT_USER_ERROR, EXIT_REJECTED = 0, 1, 3
USER_VARIABLE, PASSWORD_VARIABLE = "STM_USER", "STM_PASSWORD"
ERRORS_SHOWN = 20

# Piped output (files, other programs) is not cut to an 80-column terminal.
out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)


def say(text: str) -> None:
    """Print plain text on stdout: no markup, no highlighting."""
    out.print(text, markup=False, highlight=False)


def uk_date(text: str) -> dt.date:
    """argparse type: a UK date (dd/mm/yyyy) or an ISO one (yyyy-mm-dd)."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as dd/mm/yyyy")


def xlsx_path(text: str) -> Path:
    """argparse type: the name of an Excel workbook to write."""
    if not text.lower().endswith(".xlsx"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a file name ending in .xlsx")
    return Path(text)


def pdf_path(text: str) -> Path:
    """argparse type: the name of a PDF file to write."""
    if not text.lower().endswith(".pdf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a file name ending in .pdf")
    return Path(text)


def open_workspace(database_url: str | None, *, sign_in: bool = True) -> Workspace:
    """The database (its libraries load here, so that the desktop opens without waiting for
    them: the window appears first), with its user signed in if it is a shared one."""
    from training.workspace import open_workspace as opening

    space = opening(database_url)
    return _signed_in(space) if sign_in and space.is_shared else space


def _signed_in(space: Workspace) -> Workspace:
    """Sign in to a shared database as ``$STM_USER`` with ``$STM_PASSWORD``, asking at a
    terminal for whichever is not set."""
    interactive = sys.stdin.isatty()
    name = os.environ.get(USER_VARIABLE) or (input("User name: ") if interactive else "")
    password = os.environ.get(PASSWORD_VARIABLE) or (
        getpass.getpass("Password: ") if interactive else ""
    )
    if not name or not password:
        raise UserError(
            f"{space.name} is a shared database: sign in by setting {USER_VARIABLE} and "
            f"{PASSWORD_VARIABLE}, or run the command at a terminal to be asked."
        )
    return space.signed_in(name, password)


@contextmanager
def text_progress(title: str) -> Iterator[Progress]:
    """A progress bar on stderr, fed by a service's progress callback."""
    with RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task(title, total=None)

        def report(done: int, total: int, message: str) -> None:
            # a total of 0 means not known yet
            bar.update(task, completed=done, total=total or None, description=message or title)

        yield report


def check_folders(*paths: Path | None) -> None:
    """Refuse files to write into a folder that is not there, before any work is done."""
    for path in paths:
        if path is not None and not path.resolve().parent.is_dir():
            raise UserError(f"{path} cannot be written: there is no folder {path.parent}")


def add_period_arguments(parser: argparse.ArgumentParser) -> None:
    """--from and --to: a report's period, by default the 12 months to today."""
    parser.add_argument(
        "--from",
        dest="period_start",
        type=uk_date,
        metavar="DATE",
        help="first day of the period (dd/mm/yyyy; default: 12 months before its last day)",
    )
    parser.add_argument(
        "--to",
        dest="period_end",
        type=uk_date,
        metavar="DATE",
        help="last day of the period (dd/mm/yyyy; default: today)",
    )


def default_period(
    start: dt.date | None, end: dt.date | None, today: dt.date
) -> tuple[dt.date, dt.date]:
    """The period asked for, where not given the 12 months to today, both days included."""
    from training.returns import default_period_start

    end = end or today
    return start or default_period_start(end), end


def add_file_arguments(parser: argparse.ArgumentParser) -> None:
    """--xlsx and --pdf: the files a report is written to."""
    parser.add_argument("--xlsx", type=xlsx_path, metavar="OUT.xlsx", help="write the workbook")
    parser.add_argument("--pdf", type=pdf_path, metavar="OUT.pdf", help="write the PDF")


def write_report_files(
    args: argparse.Namespace, workbook: Callable[[Path], int], pdf: Callable[[Path], int]
) -> bool:
    """Write the workbook and the PDF the command line asked for, saying so; whether it asked."""
    if args.xlsx:
        sheets = write_file(args.xlsx, workbook)
        say(f"Workbook written to {args.xlsx} ({sheets} sheets).")
    if args.pdf:
        pages = write_file(args.pdf, pdf)
        say(f"PDF written to {args.pdf} ({pages} page{'' if pages == 1 else 's'}).")
    return bool(args.xlsx or args.pdf)


def write_file(path: Path, write: Callable[[Path], int]) -> int:
    """Write through a temporary file beside ``path``, so a failure leaves no half a file."""
    partial = path.with_name(f"{path.stem}.partial{path.suffix}")
    try:
        with text_progress(f"Writing {path.name}"):
            written = write(partial)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise UserError(
            f"{path} cannot be written ({exc.strerror or exc}): check the folder exists, close "
            "the file if another program has it open, or choose another name."
        ) from exc
    return written


def rejected_json(errors: Sequence[RowResult]) -> list[dict[str, object]]:
    """An import's rejected rows for its machine-readable summary."""
    from training.imports.rejects import problem

    rejected: list[dict[str, object]] = []
    for result in errors:
        column, message = problem(result)
        rejected.append({"row": result.row, "column": column, "message": message})
    return rejected


def say_rejected(errors: Sequence[RowResult]) -> None:
    """An import's first rejected rows, each with its column and problem."""
    from training.imports.rejects import problem

    for result in errors[:ERRORS_SHOWN]:
        column, message = problem(result)
        where = f"row {result.row}" + (f", column {column!r}" if column else "")
        say(f"  {where}: {message}")
    if len(errors) > ERRORS_SHOWN:
        say(f"  ... and {len(errors) - ERRORS_SHOWN} more rejected rows")


def say_saved(batch_id: int | None, *, dry_run: bool) -> None:
    """Whether an import saved anything, and if it did how to take it back."""
    if dry_run:
        say("Dry run: nothing was saved.")
    elif batch_id is None:
        say("Nothing new to save.")
    else:
        say(f"Saved as import {batch_id} (to take it back: imports undo {batch_id}).")


def rejects_note(written: int, path: Path) -> str:
    """What became of the rejected rows' workbook asked for with --rejects."""
    if written:
        return f"Rejected rows ({written}) written to {path}."
    return f"No rows were rejected; {path} was not written."
