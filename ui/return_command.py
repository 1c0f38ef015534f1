"""``main.py report return``: the agency training return on a reporting date, written as an xlsx
workbook and a PDF, or printed as a table."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from ui.cli_support import (
    EXIT_OK,
    add_file_arguments,
    check_folders,
    open_workspace,
    out,
    say,
    text_progress,
    uk_date,
    write_report_files,
)

if TYPE_CHECKING:
    from training.returns import TrainingReturn

RETURN_EPILOG = """\
examples:
  report return --on 31/03/2026 --topic CSE --xlsx return.xlsx --pdf return.pdf
  report return --on 31/03/2026 --from 01/04/2025 --all-topics --xlsx return.xlsx
  report return --on 31/03/2026 --topic CSE --agency "Northshire Police" --pdf police.pdf

With no --xlsx or --pdf the summary is printed instead."""


def add_training_return(reports: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    add_file_arguments(training_return)
    training_return.set_defaults(handler=report_return)


def report_return(args: argparse.Namespace) -> int:
    from exports.return_pdf import write_return_pdf
    from exports.return_workbook import write_return_workbook
    from training.returns import training_return

    check_folders(args.xlsx, args.pdf)
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
    say(headline(result))
    written = write_report_files(
        args,
        lambda path: write_return_workbook(path, result),
        lambda path: write_return_pdf(path, result),
    )
    if not written:
        print_return(result)
    return EXIT_OK


def headline(result: TrainingReturn) -> str:
    people = sum(len(agency.people) for agency in result.agencies)
    agencies = "1 agency" if len(result.agencies) == 1 else f"{len(result.agencies)} agencies"
    return (
        f"Agency training return on {result.on:%d/%m/%Y}, period from "
        f"{result.period_start:%d/%m/%Y}: {agencies}, {people:,} people in scope "
        f"({', '.join(result.topics)})."
    )


def print_return(result: TrainingReturn) -> None:
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
