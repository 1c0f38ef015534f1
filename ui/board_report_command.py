"""``main.py report board``: the board training report for a period, written as a PDF for the
board pack and its figures as an xlsx workbook, or printed in short."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from ui.cli_support import (
    EXIT_OK,
    add_file_arguments,
    add_period_arguments,
    check_folders,
    default_period,
    open_workspace,
    out,
    say,
    text_progress,
    write_report_files,
)

if TYPE_CHECKING:
    from training.board_report import BoardReport

BOARD_EPILOG = """\
examples:
  report board --pdf board.pdf --xlsx board.xlsx              the last 12 months
  report board --from 01/04/2025 --to 31/03/2026 --pdf board-2025-26.pdf
  report board --from 01/01/2026                              printed: January to today

With no --xlsx or --pdf the key figures are printed instead."""


def add_board_report(reports: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    board = reports.add_parser(
        "board",
        help="the board training report",
        description="The board training report for a period: sessions delivered, places\n"
        "filled and did-not-attend rates; attendances by tier, topic, sector and quarter;\n"
        "evaluation scores and the shift in confidence; QA outcomes; agencies without a\n"
        "trained champion; and awareness reach. A PDF with charts, and the figures as a\n"
        "workbook.",
        epilog=BOARD_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_period_arguments(board)
    add_file_arguments(board)
    board.set_defaults(handler=report_board)


def report_board(args: argparse.Namespace) -> int:
    from exports.board_report_pdf import write_board_report_pdf
    from exports.board_report_workbook import write_board_report_workbook
    from training.board_report import board_report

    start, end = default_period(args.period_start, args.period_end, dt.date.today())
    check_folders(args.xlsx, args.pdf)
    space = open_workspace(args.database)
    with text_progress("Working out the report") as progress:
        report = board_report(space.unit_of_work(), start, end, progress)
    say(headline(report))
    written = write_report_files(
        args,
        lambda path: write_board_report_workbook(path, report),
        lambda path: write_board_report_pdf(path, report),
    )
    if not written:
        print_key_figures(report)
    return EXIT_OK


def headline(report: BoardReport) -> str:
    return (
        f"Board training report, {report.start:%d/%m/%Y} to {report.end:%d/%m/%Y}: "
        f"{_counted(report.sessions_total.delivered, 'session')} delivered, "
        f"{_counted(report.attendances.total, 'attendance')}, "
        f"{_counted(report.quality_total.feedback.responses, 'evaluation')}, "
        f"{_counted(report.awareness_total.people, 'person', 'people')} reached by awareness "
        "events."
    )


def _counted(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def print_key_figures(report: BoardReport) -> None:
    from exports.board_report_data import key_figures

    table = Table("figure", "value", title="At a glance")
    for what, value in key_figures(report):
        table.add_row(escape(what), escape(value))
    out.print(table)
