"""The command line: the same services as the desktop, headless, with text progress.

Every user error is printed as one clear line on stderr and the exit status is non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
from rich.progress import Progress as RichProgress
from rich.table import Table

from training.errors import UserError
from training.imports.candidates import ImportKind
from training.imports.headers import Field
from training.progress import Progress

if TYPE_CHECKING:
    from training.imports.importing import ImportPreview, ImportSummary
    from training.returns import TrainingReturn
    from training.workspace import Workspace

EXIT_OK, EXIT_USER_ERROR, EXIT_REJECTED = 0, 1, 3
ERRORS_SHOWN = 20

# Piped output (files, other programs) is not cut to an 80-column terminal.
out = Console(width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True)


def uk_date(text: str) -> dt.date:
    """argparse type: a UK date (dd/mm/yyyy) or an ISO one (yyyy-mm-dd)."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"{text!r} is not a date: write it as dd/mm/yyyy")


def column_meaning(text: str) -> tuple[str, Field]:
    """argparse type: HEADER=FIELD, what the column headed HEADER holds."""
    header, _, name = text.rpartition("=")
    fields = {f.value: f for f in Field}
    if not header.strip() or name.strip().lower() not in fields:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write HEADER=FIELD, where FIELD is one of: {', '.join(fields)}"
        )
    return header.strip(), fields[name.strip().lower()]


def xlsx_path(text: str) -> Path:
    """argparse type: the name of an Excel workbook to write."""
    if not text.lower().endswith(".xlsx"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a file name ending in .xlsx")
    return Path(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="Safeguarding Training Manager. With no command, opens the desktop app.",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="database URL, e.g. sqlite:///partnership.sqlite3 or "
        "postgresql://user@host/dbname (default: $STM_DATABASE_URL, else a SQLite file in "
        "your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser(
        "demo",
        help="load the demo partnership",
        description="Load the demo partnership: "
        "about 25 agencies, 2,000 staff and three years of training.",
    )
    demo.add_argument(
        "--open", action="store_true", help="then open the desktop app on the database"
    )
    demo.set_defaults(handler=_demo)

    info = commands.add_parser("info", help="where the database is and what it holds")
    info.set_defaults(handler=_info)

    compliance = commands.add_parser(
        "compliance",
        help="staff trained at the level appropriate to their role, per agency",
        description="Per agency: staff in scope, trained at the appropriate level, expiring "
        "in the next 90 days and overdue, for one topic on a reporting date.",
    )
    compliance.add_argument(
        "--topic", required=True, help="topic name, or its short form in brackets, e.g. CSE"
    )
    compliance.add_argument(
        "--on", type=uk_date, default=dt.date.today(), help="reporting date (dd/mm/yyyy)"
    )
    compliance.add_argument("--agency", help="one agency only")
    compliance.set_defaults(handler=_compliance)

    settings = commands.add_parser(
        "settings",
        help="export or import the coordinator's settings workbook",
        description="Topics, tiers, courses, roles, role requirements, sectors and agencies "
        "in one xlsx workbook, so a partnership can be set up from a spreadsheet.",
    )
    settings_commands = settings.add_subparsers(dest="action", metavar="ACTION", required=True)
    export = settings_commands.add_parser("export", help="write the settings to FILE.xlsx")
    export.add_argument("file", type=Path)
    export.set_defaults(handler=_settings_export)
    load = settings_commands.add_parser("import", help="read the settings from FILE.xlsx")
    load.add_argument("file", type=Path)
    load.add_argument(
        "--dry-run", action="store_true", help="check the workbook and report, change nothing"
    )
    load.set_defaults(handler=_settings_import)
    _add_import_commands(commands)
    _add_report_commands(commands)
    _add_certificates_command(commands)
    return parser


IMPORT_EPILOG = """\
Every row is checked first; the new and changed rows are then saved as one batch, which
"imports undo" takes back. Importing the same file again adds nothing.

exit status:
  0  every row was imported, or was already on record
  3  some rows were rejected (listed; --rejects writes them to send back to the agency)
  1  the file or an option was refused (nothing was saved)
  2  the command line was wrong"""


AGENCY_SPREADSHEETS = {
    ImportKind.ATTENDANCE: "sign-in sheet or register",
    ImportKind.ELEARNING: "e-learning completions report",
    ImportKind.STAFF: "staff list",
}


def _add_import_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ui.evaluation_import_command import add_evaluation_import  # it imports this module

    load = commands.add_parser(
        "import",
        help="import an agency's attendance, e-learning or staff spreadsheet, or evaluations",
        description="Import an agency lead's spreadsheet (xlsx or csv): a sign-in sheet or "
        "register (attendance), an e-learning completions report (elearning) or a staff list "
        "(staff); or a form tool's export of evaluations of a session (evaluations).",
        epilog=IMPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    kinds = load.add_subparsers(dest="kind", metavar="KIND", required=True)
    for kind, spreadsheet in AGENCY_SPREADSHEETS.items():
        _add_agency_import(
            kinds.add_parser(
                kind.value,
                help=f"import an agency's {spreadsheet}",
                description=f"Import an agency lead's {spreadsheet} (xlsx or csv).",
                epilog=IMPORT_EPILOG,
                formatter_class=argparse.RawDescriptionHelpFormatter,
            )
        )
    add_evaluation_import(kinds)
    _add_batch_commands(commands)


def _add_agency_import(load: argparse.ArgumentParser) -> None:
    load.add_argument("file", type=Path)
    load.add_argument("--agency", required=True, help="the agency whose spreadsheet it is")
    load.add_argument("--session", type=int, metavar="ID", help="record every row on this session")
    load.add_argument(
        "--course", metavar="CODE", help="the course of every row, when the file names none"
    )
    load.add_argument(
        "--create-people",
        action="store_true",
        help="add people missing from the agency's staff list (default: reject their rows)",
    )
    load.add_argument(
        "--column",
        type=column_meaning,
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="what a column holds, e.g. 'Driver Name=full name' (remembered for the agency)",
    )
    load.add_argument(
        "--dry-run", action="store_true", help="check every row and report, save nothing"
    )
    load.add_argument(
        "--json", action="store_true", help="print a machine-readable summary on stdout"
    )
    load.add_argument(
        "--rejects", type=xlsx_path, metavar="OUT.xlsx", help="write the rejected rows to OUT.xlsx"
    )
    load.add_argument("--by", metavar="NAME", help="who is importing (default: your user name)")
    load.set_defaults(handler=_import)


def _add_batch_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batches = commands.add_parser(
        "imports", help="list the imports, or undo one", description="Imported batches."
    )
    actions = batches.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every import, newest first")
    listing.set_defaults(handler=_imports_list)
    undo = actions.add_parser("undo", help="take back everything one import changed")
    undo.add_argument("batch_id", type=int, metavar="BATCH_ID")
    undo.set_defaults(handler=_imports_undo)


RETURN_EPILOG = """\
examples:
  report return --on 31/03/2026 --topic CSE --xlsx return.xlsx --pdf return.pdf
  report return --on 31/03/2026 --from 01/04/2025 --all-topics --xlsx return.xlsx
  report return --on 31/03/2026 --topic CSE --agency "Northshire Police" --pdf police.pdf

With no --xlsx or --pdf the summary is printed instead."""


def pdf_path(text: str) -> Path:
    """argparse type: the name of a PDF file to write."""
    if not text.lower().endswith(".pdf"):
        raise argparse.ArgumentTypeError(f"{text!r}: give a file name ending in .pdf")
    return Path(text)


def _add_report_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help="write a report", description="Reports as files (xlsx and PDF)."
    )
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    training_return = reports.add_parser(
        "return",
        help="the agency training return",
        description="The agency training return: per agency, staff in scope by required tier,\n"
        "trained at the appropriate level, overdue, expiring in the next 90 days and trained\n"
        "in the period by tier; with every person in scope named, agency by agency.",
        epilog=RETURN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    training_return.add_argument(
        "--on", type=uk_date, default=dt.date.today(), help="reporting date (dd/mm/yyyy)"
    )
    training_return.add_argument(
        "--from",
        dest="period_start",
        type=uk_date,
        metavar="DATE",
        help="first day of the period (dd/mm/yyyy; default: a year before the reporting date)",
    )
    topics = training_return.add_mutually_exclusive_group(required=True)
    topics.add_argument("--topic", help="topic name, or its short form in brackets, e.g. CSE")
    topics.add_argument("--all-topics", action="store_true", help="every topic")
    training_return.add_argument("--agency", help="one agency only (an agency lead's return)")
    training_return.add_argument(
        "--xlsx", type=xlsx_path, metavar="OUT.xlsx", help="write the workbook to OUT.xlsx"
    )
    training_return.add_argument(
        "--pdf", type=pdf_path, metavar="OUT.pdf", help="write the PDF to OUT.pdf"
    )
    training_return.set_defaults(handler=_report_return)
    _add_quality_report(reports)
    _add_board_report(reports)


def _report_return(args: argparse.Namespace) -> int:
    from exports.return_pdf import write_return_pdf
    from exports.return_workbook import write_return_workbook
    from training.returns import training_return

    for path in (args.xlsx, args.pdf):
        if path is not None and not path.resolve().parent.is_dir():
            raise UserError(f"{path} cannot be written: there is no folder {path.parent}")
    space = open_workspace(args.database)
    with text_progress("Working out the return") as progress:
        result = training_return(
            space.unit_of_work(),
            args.on,
            period_start=args.period_start,
            topic=args.topic,
            agency=args.agency,
            progress=progress,
        )
    people = sum(len(agency.people) for agency in result.agencies)
    agencies = "1 agency" if len(result.agencies) == 1 else f"{len(result.agencies)} agencies"
    _say(
        f"Agency training return on {result.on:%d/%m/%Y}, period from "
        f"{result.period_start:%d/%m/%Y}: {agencies}, {people:,} people in scope "
        f"({', '.join(result.topics)})."
    )
    if args.xlsx:
        sheets = _write_file(args.xlsx, lambda path: write_return_workbook(path, result))
        _say(f"Workbook written to {args.xlsx} ({sheets} sheets).")
    if args.pdf:
        pages = _write_file(args.pdf, lambda path: write_return_pdf(path, result))
        _say(f"PDF written to {args.pdf} ({pages} page{'' if pages == 1 else 's'}).")
    if not args.xlsx and not args.pdf:
        _print_return(result)
    return EXIT_OK


def _write_file(path: Path, write: Callable[[Path], int]) -> int:
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


def _print_return(result: TrainingReturn) -> None:
    table = Table(
        "agency",
        "topic",
        "in scope",
        "trained",
        "%",
        "expiring ≤90 days",
        "overdue",
        "trained in period",
        title=f"Agency training return on {result.on:%d/%m/%Y}",
    )
    for agency in result.agencies:
        for counts in agency.counts:
            percent = counts.percent_trained
            table.add_row(
                escape(agency.agency),
                escape(counts.topic),
                f"{counts.in_scope:,}",
                f"{counts.trained:,}",
                "–" if percent is None else f"{percent:.1f}",
                f"{counts.expiring_soon:,}",
                f"{counts.overdue:,}",
                f"{counts.trained_in_period:,}",
            )
    out.print(table)


def open_workspace(database_url: str | None) -> Workspace:
    """The database (its libraries load here, so that the desktop opens without waiting for
    them: the window appears first)."""
    from training.workspace import open_workspace as opening

    return opening(database_url)


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _open_desktop(args.database)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UserError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return EXIT_USER_ERROR


def _open_desktop(database_url: str | None) -> int:
    from ui.desktop.app import run_desktop  # Qt is loaded only for the desktop

    return run_desktop(database_url)


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


def _demo(args: argparse.Namespace) -> int:
    from training.demo import load_demo

    space = open_workspace(args.database)
    if space.holds_data():
        out.print(f"{space.name} already holds a partnership; demo data not loaded.")
    else:
        with text_progress("Loading the demo partnership") as progress:
            summary = load_demo(space.unit_of_work(), progress=progress)
        out.print(f"Demo partnership loaded into {space.name}: {summary}", markup=False)
    if args.open:
        return _open_desktop(space.url)
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    from training.workspace import overview

    space = open_workspace(args.database)
    table = Table("what", "count", title=space.name)
    for what, count in overview(space.unit_of_work()).items():
        table.add_row(what, f"{count:,}")
    out.print(table)
    return EXIT_OK


def _compliance(args: argparse.Namespace) -> int:
    from training.returns import compliance_table

    space = open_workspace(args.database)
    rows = compliance_table(space.unit_of_work(), args.topic, args.on, args.agency)
    table = Table(
        "agency",
        "in scope",
        "trained",
        "%",
        "expiring ≤90 days",
        "overdue",
        "lapsed",
        "never trained",
        title=f"{args.topic}: trained at the level appropriate to their role on {args.on:%d/%m/%Y}",
    )
    for row in rows:
        percent = "–" if row.percent_trained is None else f"{row.percent_trained:.1f}"
        table.add_row(
            row.agency,
            str(row.in_scope),
            str(row.trained),
            percent,
            str(row.expiring_soon),
            str(row.overdue),
            str(row.lapsed),
            str(row.never_trained),
        )
    out.print(table)
    return EXIT_OK


def _settings_export(args: argparse.Namespace) -> int:
    from training.settings_workbook import export_settings

    space = open_workspace(args.database)
    counts = export_settings(space.unit_of_work(), args.file)
    out.print(f"Settings written to {args.file}: {counts}", markup=False, highlight=False)
    return EXIT_OK


def _settings_import(args: argparse.Namespace) -> int:
    from training.settings_workbook import import_settings

    space = open_workspace(args.database)
    report = import_settings(space.unit_of_work(), args.file, dry_run=args.dry_run)
    out.print(str(report), markup=False, highlight=False)
    return EXIT_OK


def _user_name() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in the environment or the password database
        return ""


def _import(args: argparse.Namespace) -> int:
    from training.imports.importing import commit_import, preview_import
    from training.imports.rejects import export_rejected_rows

    if not args.file.is_file():
        raise UserError(f"{args.file}: there is no such file")
    space = open_workspace(args.database)
    with text_progress(f"Checking {args.file.name}") as progress:
        preview = preview_import(
            space.unit_of_work(),
            args.file,
            ImportKind(args.kind),
            args.agency,
            session_id=args.session,
            course=args.course,
            create_people=args.create_people,
            mapping=dict(args.column),
            progress=progress,
        )
    # The rejects first: a file that cannot be written stops the import before it saves.
    written = export_rejected_rows(preview, args.rejects) if args.rejects and preview.errors else 0
    summary = None
    if not args.dry_run and preview.counts["new"] + preview.counts["update"]:
        with text_progress("Saving") as progress:
            summary = commit_import(
                space.unit_of_work(),
                preview,
                imported_by=args.by if args.by is not None else _user_name(),
                progress=progress,
            )
    if args.json:
        print(json.dumps(_import_report(preview, summary, dry_run=args.dry_run)))
    else:
        _print_import(preview, summary, dry_run=args.dry_run)
        if args.rejects:
            _say(_rejects_note(written, args.rejects))
    return EXIT_REJECTED if preview.errors else EXIT_OK


def _rejects_note(written: int, path: Path) -> str:
    if written:
        return f"Rejected rows ({written}) written to {path}."
    return f"No rows were rejected; {path} was not written."


def _final_counts(preview: ImportPreview, summary: ImportSummary | None) -> dict[str, int]:
    """The preview's counts, or once saved what the save found (rows recorded meanwhile)."""
    if summary is None:
        return preview.counts
    return {
        "new": summary.added,
        "update": summary.updated,
        "duplicate": summary.duplicates,
        "skipped": summary.skipped,
        "error": summary.rejected,
    }


def _import_report(
    preview: ImportPreview, summary: ImportSummary | None, *, dry_run: bool
) -> dict[str, object]:
    from training.imports.rejects import problem

    errors = []
    for result in preview.errors:
        column, message = problem(result)
        errors.append({"row": result.row, "column": column, "message": message})
    return {
        "file": str(preview.file),
        "sha256": preview.sha256,
        "kind": preview.kind.value,
        "agency": preview.agency,
        "sheet": preview.sheet,
        "header_row": preview.columns.header_row,
        "dry_run": dry_run,
        "counts": _final_counts(preview, summary),
        "errors": errors,
        "batch_id": summary.batch_id if summary else None,
    }


def _print_import(preview: ImportPreview, summary: ImportSummary | None, *, dry_run: bool) -> None:
    from training.imports.rejects import problem

    _say(
        f"{preview.file.name}: {preview.kind.value} for {preview.agency}, sheet "
        f"{preview.sheet!r}, header in row {preview.columns.header_row}."
    )
    if preview.already_imported_as is not None:
        _say(f"This file was already imported as batch {preview.already_imported_as}.")
    _say(", ".join(f"{count} {name}" for name, count in _final_counts(preview, summary).items()))
    for result in preview.errors[:ERRORS_SHOWN]:
        column, message = problem(result)
        where = f"row {result.row}" + (f", column {column!r}" if column else "")
        _say(f"  {where}: {message}")
    if len(preview.errors) > ERRORS_SHOWN:
        _say(f"  ... and {len(preview.errors) - ERRORS_SHOWN} more rejected rows")
    if dry_run:
        _say("Dry run: nothing was saved.")
    elif summary is None or summary.batch_id is None:
        _say("Nothing new to save.")
    else:
        batch = summary.batch_id
        _say(f"Saved as import {batch} (to take it back: imports undo {batch}).")


def _say(text: str) -> None:
    out.print(text, markup=False, highlight=False)


def _imports_list(args: argparse.Namespace) -> int:
    from training.agencies import list_agencies
    from training.imports.importing import list_batches

    space = open_workspace(args.database)
    agencies: dict[int | None, str] = {
        agency.id: agency.name for agency in list_agencies(space.unit_of_work())
    }
    table = Table(
        "id",
        "when",
        "by",
        "agency",
        "kind",
        "file",
        "added",
        "updated",
        "rejected",
        "undone",
        title="Imports, newest first",
    )
    for batch in list_batches(space.unit_of_work()):
        table.add_row(
            str(batch.id),
            f"{batch.imported_at:%d/%m/%Y %H:%M}",
            escape(batch.imported_by),
            escape(agencies.get(batch.agency_id, "")),
            batch.kind,
            escape(batch.file_name),
            str(batch.added),
            str(batch.updated),
            str(batch.rejected),
            f"{batch.undone_at:%d/%m/%Y %H:%M}" if batch.undone_at else "",
        )
    out.print(table)
    return EXIT_OK


def _imports_undo(args: argparse.Namespace) -> int:
    from training.imports.importing import undo_import

    space = open_workspace(args.database)
    restored = undo_import(space.unit_of_work(), args.batch_id)
    _say(f"Import {args.batch_id} undone: {restored} records removed or put back as they were.")
    return EXIT_OK


CERTIFICATES_EPILOG = """\
A certificate is issued the first time it is printed, with a number and a verification code
that every reprint keeps. Only records marked attended have certificates.

examples:
  certificates --session 12 --out cse-day.pdf          everyone who attended, one PDF
  certificates --session 12 --out certificates/        one PDF each, in the folder
  certificates --attendance 345 --out alex-smith.pdf
  certificates --staff-ref P1234 --agency "Northshire Police" --course CSE-T1 --out alex.pdf"""


def _add_certificates_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    certificates = commands.add_parser(
        "certificates",
        help="print certificates of attendance or completion as PDF",
        description="Certificates (A4 landscape PDF) for everyone who attended a session, for "
        "one attendance record, or for a person's latest attended record of a course.",
        epilog=CERTIFICATES_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    which = certificates.add_mutually_exclusive_group(required=True)
    which.add_argument("--session", type=int, metavar="ID", help="everyone who attended it")
    which.add_argument("--attendance", type=int, metavar="ID", help="one attendance record")
    which.add_argument(
        "--staff-ref", metavar="REF", help="one person's record (with --agency and --course)"
    )
    certificates.add_argument("--agency", help="the agency of --staff-ref")
    certificates.add_argument("--course", metavar="CODE", help="the course code, with --staff-ref")
    certificates.add_argument(
        "--out",
        type=Path,
        required=True,
        metavar="FILE.pdf|FOLDER",
        help="one PDF with a page each, or a folder to hold one PDF per certificate",
    )
    certificates.set_defaults(handler=_certificates)


def _certificates(args: argparse.Namespace) -> int:
    from training import certificates as issuing

    if args.staff_ref is not None and not (args.agency and args.course):
        raise UserError("--staff-ref needs --agency NAME and --course CODE to find the record")
    space = open_workspace(args.database)
    if args.session is not None:
        batch = issuing.session_certificates(space.unit_of_work(), args.session)
    elif args.attendance is not None:
        batch = issuing.attendance_certificate(space.unit_of_work(), args.attendance)
    else:
        batch = issuing.staff_certificate(
            space.unit_of_work(), args.agency, args.staff_ref, args.course
        )
    with text_progress("Writing the certificates") as progress:
        saved = issuing.save_certificates(space.unit_of_work(), batch, args.out, progress=progress)
    table = Table("number", "learner", "course", "date", "", title="Certificates")
    for certificate in batch.certificates:
        table.add_row(
            certificate.number,
            escape(certificate.learner),
            escape(certificate.course_code),
            f"{certificate.completed_on:%d/%m/%Y}",
            "new" if certificate.newly_issued else "reprint",
        )
    out.print(table)
    where = saved.files[0] if len(saved.files) == 1 else f"{len(saved.files)} files in {args.out}"
    _say(f"{saved.pages} certificate{'s' if saved.pages != 1 else ''} saved to {where}.")
    for warning in saved.warnings:
        err.print(f"[bold yellow]Warning:[/] {escape(warning)}", highlight=False, soft_wrap=True)
    return EXIT_OK


def _add_quality_report(reports: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ui.quality_report_command import add_quality_report  # it imports this module

    add_quality_report(reports)


def _add_board_report(reports: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from ui.board_report_command import add_board_report  # it imports this module

    add_board_report(reports)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
