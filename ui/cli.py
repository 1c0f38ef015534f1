"""The command line: the same services as the desktop, headless, with text progress.

This module is the table of commands; the larger ones live in a module each (``ui.*_command``)
and what they share in ``ui.cli_support``. Every user error is printed as one clear line on
stderr and the exit status is non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence

from rich.markup import escape
from rich.table import Table

from training.errors import UserError
from ui.audit_command import add_audit
from ui.backup_command import add_backup, add_restore
from ui.board_report_command import add_board_report
from ui.certificates_command import add_certificates
from ui.cli_support import (
    EXIT_OK,
    EXIT_USER_ERROR,
    err,
    open_workspace,
    out,
    text_progress,
    uk_date,
)
from ui.import_command import add_import, add_imports
from ui.launch import PROGRAM, add_database_option, open_desktop
from ui.people_command import add_people
from ui.quality_report_command import add_quality_report
from ui.return_command import add_training_return
from ui.settings_command import add_settings
from ui.users_command import add_users


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description="Safeguarding Training Manager. With no command, opens the desktop app.",
    )
    add_database_option(parser)
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

    add_settings(commands)
    add_import(commands)
    add_imports(commands)

    report = commands.add_parser(
        "report", help="write a report", description="Reports as files (xlsx and PDF)."
    )
    reports = report.add_subparsers(dest="report", metavar="REPORT", required=True)
    add_training_return(reports)
    add_quality_report(reports)
    add_board_report(reports)

    add_certificates(commands)
    add_users(commands)
    add_audit(commands)
    add_backup(commands)
    add_restore(commands)
    add_people(commands)
    return parser


def run(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        return open_desktop(args.database)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UserError as exc:
        err.print(f"[bold red]Error:[/] {escape(str(exc))}", highlight=False, soft_wrap=True)
        return EXIT_USER_ERROR


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
        return open_desktop(space.url)
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


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
