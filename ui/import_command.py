"""``main.py import`` and ``main.py imports``: an agency lead's attendance, e-learning or staff
spreadsheet imported from the command line (evaluations: ``ui.evaluation_import_command``), and
the imported batches listed or one of them undone.

The same services as the desktop's import wizard: every row is checked first, then the new and
changed rows are saved as one import batch that ``imports undo`` takes back.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from training.errors import UserError
from training.imports.candidates import ImportKind
from training.imports.headers import Field
from ui.cli_support import (
    EXIT_OK,
    EXIT_REJECTED,
    open_workspace,
    out,
    rejected_json,
    rejects_note,
    say,
    say_rejected,
    say_saved,
    text_progress,
    xlsx_path,
)
from ui.evaluation_import_command import add_evaluation_import

if TYPE_CHECKING:
    from training.imports.importing import ImportPreview, ImportSummary

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


def column_meaning(text: str) -> tuple[str, Field]:
    """argparse type: HEADER=FIELD, what the column headed HEADER holds."""
    header, _, name = text.rpartition("=")
    fields = {f.value: f for f in Field}
    if not header.strip() or name.strip().lower() not in fields:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write HEADER=FIELD, where FIELD is one of: {', '.join(fields)}"
        )
    return header.strip(), fields[name.strip().lower()]


def add_import(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    load.set_defaults(handler=import_spreadsheet)


def add_imports(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    batches = commands.add_parser(
        "imports", help="list the imports, or undo one", description="Imported batches."
    )
    actions = batches.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="every import, newest first")
    listing.set_defaults(handler=imports_list)
    undo = actions.add_parser("undo", help="take back everything one import changed")
    undo.add_argument("batch_id", type=int, metavar="BATCH_ID")
    undo.set_defaults(handler=imports_undo)


def import_spreadsheet(args: argparse.Namespace) -> int:
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
                imported_by=args.by,
                progress=progress,
            )
    if args.json:
        print(json.dumps(report(preview, summary, dry_run=args.dry_run)))
    else:
        _print(preview, summary, dry_run=args.dry_run)
        if args.rejects:
            say(rejects_note(written, args.rejects))
    return EXIT_REJECTED if preview.errors else EXIT_OK


def _counts(preview: ImportPreview, summary: ImportSummary | None) -> dict[str, int]:
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


def report(
    preview: ImportPreview, summary: ImportSummary | None, *, dry_run: bool
) -> dict[str, object]:
    """The machine-readable summary printed with --json."""
    return {
        "file": str(preview.file),
        "sha256": preview.sha256,
        "kind": preview.kind.value,
        "agency": preview.agency,
        "sheet": preview.sheet,
        "header_row": preview.columns.header_row,
        "dry_run": dry_run,
        "counts": _counts(preview, summary),
        "errors": rejected_json(preview.errors),
        "batch_id": summary.batch_id if summary else None,
    }


def _print(preview: ImportPreview, summary: ImportSummary | None, *, dry_run: bool) -> None:
    say(
        f"{preview.file.name}: {preview.kind.value} for {preview.agency}, sheet "
        f"{preview.sheet!r}, header in row {preview.columns.header_row}."
    )
    if preview.already_imported_as is not None:
        say(f"This file was already imported as batch {preview.already_imported_as}.")
    say(", ".join(f"{count} {name}" for name, count in _counts(preview, summary).items()))
    say_rejected(preview.errors)
    say_saved(summary.batch_id if summary else None, dry_run=dry_run)


def imports_list(args: argparse.Namespace) -> int:
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


def imports_undo(args: argparse.Namespace) -> int:
    from training.imports.importing import undo_import

    space = open_workspace(args.database)
    restored = undo_import(space.unit_of_work(), args.batch_id)
    say(f"Import {args.batch_id} undone: {restored} records removed or put back as they were.")
    return EXIT_OK
