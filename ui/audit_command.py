"""``main.py audit``: the audit trail, filtered, printed as a table (the newest changes) or
written whole to an xlsx workbook."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from ui.cli_support import (
    EXIT_OK,
    check_folders,
    open_workspace,
    out,
    say,
    uk_date,
    write_file,
    xlsx_path,
)

if TYPE_CHECKING:
    from training.audit import AuditEntryView, AuditFilter

SHOWN = 50  # the newest changes printed, unless --limit says otherwise
AUDIT_EPILOG = """\
examples:
  audit                                        the newest 50 changes
  audit --from 01/04/2025 --to 31/03/2026 --user jo
  audit --table "staff member" --action changed --search smith
  audit --from 01/04/2025 --xlsx audit.xlsx    every change since, as a workbook

The user is matched whatever its case; --table takes a kind of record as the desktop names it
("Staff member", "Course", "Attendance record", ...)."""


def add_audit(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser(
        "audit",
        help="who changed what, and when (the audit trail)",
        description="The audit trail: every change to the partnership's records, newest first,\n"
        "with who made it, when, and each field's value before and after.",
        epilog=AUDIT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    audit.add_argument(
        "--from", dest="start", type=uk_date, metavar="DATE", help="first day (dd/mm/yyyy)"
    )
    audit.add_argument(
        "--to", dest="end", type=uk_date, metavar="DATE", help="last day, included (dd/mm/yyyy)"
    )
    audit.add_argument("--user", metavar="NAME", help="changes made by this user")
    audit.add_argument("--table", metavar="KIND", help="one kind of record, e.g. 'staff member'")
    audit.add_argument("--action", metavar="ACTION", help="added, changed or removed")
    audit.add_argument(
        "--search", default="", metavar="TEXT", help="words in the record's name or values"
    )
    audit.add_argument(
        "--limit",
        type=_positive,
        default=SHOWN,
        metavar="N",
        help=f"how many of the newest changes to print (default: {SHOWN})",
    )
    audit.add_argument(
        "--xlsx", type=xlsx_path, metavar="OUT.xlsx", help="write every change that matches"
    )
    audit.set_defaults(handler=show_audit)


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number above 0")
    return number


def show_audit(args: argparse.Namespace) -> int:
    from training.audit import (
        AuditFilter,
        changes_counted,
        count_audit_entries,
        export_audit,
        list_audit_entries,
    )

    check_folders(args.xlsx)
    chosen = _filter(args)
    space = open_workspace(args.database)
    if args.xlsx:
        written = write_file(
            args.xlsx, lambda partial: export_audit(space.unit_of_work(), chosen, partial)
        )
        say(f"Audit trail written to {args.xlsx}: {changes_counted(written)}.")
        return EXIT_OK
    total = count_audit_entries(space.unit_of_work(), chosen)
    if not total:
        empty = chosen == AuditFilter()
        say(
            "The audit trail is empty."
            if empty
            else f"No change matches the filter: {chosen.describe()}."
        )
        return EXIT_OK
    out.print(_table(list_audit_entries(space.unit_of_work(), chosen, 0, args.limit), total))
    return EXIT_OK


def _filter(args: argparse.Namespace) -> AuditFilter:
    from training.audit import AuditFilter, action_named, record_type_named

    return AuditFilter(
        start=args.start,
        end=args.end,
        user_name=args.user.strip() if args.user else None,
        table_name=record_type_named(args.table) if args.table else None,
        action=action_named(args.action) if args.action else None,
        search=args.search,
    )


def _table(entries: list[AuditEntryView], total: int) -> Table:
    from training.audit import changes_counted

    shown = changes_counted(total)
    if total > len(entries):
        shown = f"the newest {len(entries):,} of {shown}"
    table = Table(
        "when", "who", "action", "what", "record", "changes", title=f"Audit trail: {shown}"
    )
    for entry in entries:
        table.add_row(
            f"{entry.changed_at:%d/%m/%Y %H:%M}",
            Text(entry.user_name),
            entry.action_label,
            entry.what,
            Text(entry.record),
            Text("\n".join(entry.change_lines)),
        )
    return table
