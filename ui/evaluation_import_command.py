"""``import evaluations``: a form tool's export of responses to a session, from the command line.

The same services as the Quality assurance page's import dialog: every row is checked first,
then the new responses are saved as one import batch that ``imports undo`` takes back.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from training.errors import UserError
from training.evaluation_import.columns import EvaluationField
from ui.cli_support import (
    EXIT_OK,
    EXIT_REJECTED,
    open_workspace,
    rejected_json,
    rejects_note,
    say,
    say_rejected,
    say_saved,
    text_progress,
    xlsx_path,
)

if TYPE_CHECKING:
    from training.evaluation_import.importing import EvaluationImportSummary, EvaluationPreview

IGNORE = "ignore"

FIELDS = textwrap.fill(
    f"{', '.join(field.value for field in EvaluationField)} (several columns may hold "
    f"comments), or {IGNORE} (a column not to read).",
    width=94,
    initial_indent="  ",
    subsequent_indent="  ",
)
EPILOG = f"""\
Each row is one response, as Microsoft Forms, Google Forms or SurveyMonkey export them. The
columns are matched to what they hold by their questions' wording; --column puts a wrong match
right. FIELD is one of:
{FIELDS}

Ratings are from 1 to 5: a number ("4", "4 - Good", "4/5") or a label ("Very good", "Agree",
"Very confident"), read on the scale the column's labels use. A response whose email is that
of someone on the session's register is theirs; any other is anonymous (--anonymous: all).

Every row is checked first; the new responses are then saved as one batch, which "imports
undo" takes back. A response already recorded for the session (same person, date, ratings and
comments) is not saved again, so importing the same file twice adds nothing.

exit status:
  0  every response was imported, or was already on record
  3  some rows were rejected (listed; --rejects writes them to send back)
  1  the file or an option was refused (nothing was saved)
  2  the command line was wrong

example:
  import evaluations "CSE feedback.xlsx" --session 12 --column "Anything else?=comments\""""


def evaluation_column(text: str) -> tuple[str, EvaluationField | None]:
    """argparse type: HEADER=FIELD, what the column headed HEADER holds (or ignore)."""
    header, _, name = text.rpartition("=")
    fields: dict[str, EvaluationField | None] = {f.value: f for f in EvaluationField}
    fields[IGNORE] = None
    if not header.strip() or name.strip().lower() not in fields:
        raise argparse.ArgumentTypeError(
            f"{text!r}: write HEADER=FIELD, where FIELD is one of: {', '.join(fields)}"
        )
    return header.strip(), fields[name.strip().lower()]


def add_evaluation_import(kinds: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    load = kinds.add_parser(
        "evaluations",
        help="import a form tool's export of evaluations of a session",
        description="Import the responses to a session's evaluation form, as a form tool "
        "exports them (xlsx or csv): ratings from 1 to 5, confidence before and after, "
        "comments.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    load.add_argument("file", type=Path)
    load.add_argument(
        "--session", type=int, required=True, metavar="ID", help="the session the form was about"
    )
    load.add_argument(
        "--column",
        type=evaluation_column,
        action="append",
        default=[],
        metavar="HEADER=FIELD",
        help="what a column holds, e.g. 'Anything else?=comments' or 'Name=ignore'",
    )
    load.add_argument(
        "--anonymous", action="store_true", help="keep every response anonymous (ignore emails)"
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
    load.set_defaults(handler=import_evaluations)


def import_evaluations(args: argparse.Namespace) -> int:
    from training.evaluation_import.importing import (
        commit_evaluations,
        export_rejected_responses,
        preview_evaluations,
    )

    if not args.file.is_file():
        raise UserError(f"{args.file}: there is no such file")
    space = open_workspace(args.database)
    with text_progress(f"Checking {args.file.name}") as progress:
        preview = preview_evaluations(
            space.unit_of_work(),
            args.file,
            args.session,
            choices=dict(args.column),
            anonymous=args.anonymous,
            progress=progress,
        )
    # The rejects first: a file that cannot be written stops the import before it saves.
    rejects = args.rejects if preview.errors else None
    written = export_rejected_responses(preview, rejects) if rejects else 0
    summary = None
    if not args.dry_run and preview.counts["new"]:
        with text_progress("Saving") as progress:
            summary = commit_evaluations(
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


def _counts(preview: EvaluationPreview, summary: EvaluationImportSummary | None) -> dict[str, int]:
    """The preview's counts, or once saved what the save found (responses recorded meanwhile)."""
    if summary is None:
        return preview.counts
    return {
        "new": summary.added,
        "duplicate": summary.duplicates,
        "skipped": summary.skipped,
        "error": summary.rejected,
    }


def report(
    preview: EvaluationPreview, summary: EvaluationImportSummary | None, *, dry_run: bool
) -> dict[str, object]:
    """The machine-readable summary printed with --json."""
    return {
        "file": str(preview.file),
        "sha256": preview.sha256,
        "kind": "evaluations",
        "session_id": preview.session_id,
        "session": preview.session,
        "sheet": preview.sheet,
        "header_row": preview.questions.header_row,
        "columns": [
            {
                "header": column.header,
                "field": column.field.value if column.field else None,
                "chosen": column.chosen,
                "scale": column.scale,
            }
            for column in preview.questions.columns
            if column.header
        ],
        "dry_run": dry_run,
        "counts": _counts(preview, summary),
        "errors": rejected_json(preview.errors),
        "batch_id": summary.batch_id if summary else None,
    }


def _print(
    preview: EvaluationPreview, summary: EvaluationImportSummary | None, *, dry_run: bool
) -> None:
    say(
        f"{preview.file.name}: evaluations of {preview.session}, sheet {preview.sheet!r}, "
        f"questions in row {preview.questions.header_row}."
    )
    for question in preview.questions.columns:
        if question.header:
            read_as = question.field.value if question.field else "not read"
            scale = f" (labels: {question.scale})" if question.scale else ""
            say(f"  {question.header!r}: {read_as}{scale}")
    if preview.already_imported_as is not None:
        say(f"This file was already imported as batch {preview.already_imported_as}.")
    say(", ".join(f"{count} {name}" for name, count in _counts(preview, summary).items()))
    say_rejected(preview.errors)
    say_saved(summary.batch_id if summary else None, dry_run=dry_run)
