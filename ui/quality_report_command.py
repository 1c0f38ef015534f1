"""``main.py report qa``: the quality assurance report for a period, written as a PDF and an xlsx
workbook for the QA meeting, or printed in short."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from training.dates import add_months
from training.errors import UserError
from ui.cli_support import (
    EXIT_OK,
    check_folders,
    open_workspace,
    out,
    pdf_path,
    say,
    text_progress,
    uk_date,
    write_file,
    xlsx_path,
)

if TYPE_CHECKING:
    from training.quality_figures import QualitySummary

QA_EPILOG = """\
examples:
  report qa --pdf qa.pdf --xlsx qa.xlsx                   the last 12 months
  report qa --from 01/04/2025 --to 31/03/2026 --pdf qa-2025-26.pdf
  report qa --from 01/01/2026                             printed: January to today

With no --xlsx or --pdf a short summary is printed instead."""
PERIOD_MONTHS = 12


def add_quality_report(reports: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    qa = reports.add_parser(
        "qa",
        help="the quality assurance report",
        description="The quality assurance report for the sessions held in a period: responses,\n"
        "average ratings and the shift in confidence per course, trainer and tier; observation\n"
        "outcomes; the courses not assured in the 12 months to the end; and the comments.",
        epilog=QA_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    qa.add_argument(
        "--from",
        dest="period_start",
        type=uk_date,
        metavar="DATE",
        help="first day of the period (dd/mm/yyyy; default: 12 months before its last day)",
    )
    qa.add_argument(
        "--to",
        dest="period_end",
        type=uk_date,
        metavar="DATE",
        help="last day of the period (dd/mm/yyyy; default: today)",
    )
    qa.add_argument("--xlsx", type=xlsx_path, metavar="OUT.xlsx", help="write the workbook")
    qa.add_argument("--pdf", type=pdf_path, metavar="OUT.pdf", help="write the PDF")
    qa.set_defaults(handler=report_quality)


def period(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period asked for: by default the 12 months to today, both days included."""
    end = end or today
    start = start or add_months(end, -PERIOD_MONTHS) + dt.timedelta(days=1)
    if end < start:
        raise UserError(
            f"The period ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y}): "
            "give a --to on or after --from."
        )
    return start, end


def report_quality(args: argparse.Namespace) -> int:
    from exports.quality_report_pdf import write_quality_report_pdf
    from exports.quality_report_workbook import write_quality_report_workbook
    from training.quality import quality_report

    start, end = period(args.period_start, args.period_end, dt.date.today())
    check_folders(args.xlsx, args.pdf)
    space = open_workspace(args.database)
    with text_progress("Working out the figures"):
        report = quality_report(space.unit_of_work(), start, end)
    summary = report.summary
    say(headline(summary))
    if args.xlsx:
        sheets = write_file(
            args.xlsx, lambda path: write_quality_report_workbook(path, summary, report.partnership)
        )
        say(f"Workbook written to {args.xlsx} ({sheets} sheets).")
    if args.pdf:
        pages = write_file(
            args.pdf, lambda path: write_quality_report_pdf(path, summary, report.partnership)
        )
        say(f"PDF written to {args.pdf} ({pages} page{'' if pages == 1 else 's'}).")
    if not args.xlsx and not args.pdf:
        print_summary(summary)
    return EXIT_OK


def headline(summary: QualitySummary) -> str:
    from exports.quality_report_text import count_text

    figures = summary.overall
    return (
        f"Quality assurance report, sessions held from {summary.start:%d/%m/%Y} to "
        f"{summary.end:%d/%m/%Y}: {count_text(figures.responses, 'response')} from "
        f"{count_text(figures.sessions, 'session')}, "
        f"{count_text(summary.observations.total, 'observation')}, "
        f"{count_text(len(summary.not_assured), 'course')} not assured in the 12 months to the "
        f"end, {count_text(len(summary.comments), 'comment')}."
    )


def print_summary(summary: QualitySummary) -> None:
    """The key figures, the figures by tier and the courses not assured."""
    from exports.quality_report_text import (
        assured_text,
        key_figures,
        not_assured_heading,
        outcomes_text,
        score_text,
        shift_with_spread,
    )

    figures = Table("figure", "value", "what it counts", title="Key figures")
    for figure in key_figures(summary):
        figures.add_row(figure.label, figure.value, escape(figure.detail))
    out.print(figures)
    tiers = Table(
        "tier",
        "responses",
        "overall",
        "before",
        "after",
        "shift ± SD",
        "observations",
        title="By tier",
    )
    for group in summary.by_tier:
        tiers.add_row(
            escape(group.name),
            f"{group.feedback.responses:,}",
            score_text(group.feedback.overall),
            score_text(group.feedback.before),
            score_text(group.feedback.after),
            shift_with_spread(group.feedback),
            escape(outcomes_text(group.observations)),
        )
    out.print(tiers)
    unassured = Table("code", "course", "last assured", title=not_assured_heading(summary))
    for course in summary.not_assured:
        unassured.add_row(
            escape(course.course.code), escape(course.course.title), assured_text(course.assured_on)
        )
    out.print(unassured)
