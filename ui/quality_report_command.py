"""``main.py report qa``: the quality assurance report for a period, written as a PDF and an xlsx
workbook for the QA meeting, or printed in short."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING

from rich.markup import escape
from rich.table import Table

from training.errors import UserError
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
    from training.quality_figures import QualitySummary

QA_EPILOG = """\
examples:
  report qa --pdf qa.pdf --xlsx qa.xlsx                   the last 12 months
  report qa --from 01/04/2025 --to 31/03/2026 --pdf qa-2025-26.pdf
  report qa --from 01/01/2026                             printed: January to today

With no --xlsx or --pdf a short summary is printed instead."""


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
    add_period_arguments(qa)
    add_file_arguments(qa)
    qa.set_defaults(handler=report_quality)


def period(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The period asked for: by default the 12 months to today, both days included."""
    start, end = default_period(start, end, today)
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
    written = write_report_files(
        args,
        lambda path: write_quality_report_workbook(path, summary, report.partnership),
        lambda path: write_quality_report_pdf(path, summary, report.partnership),
    )
    if not written:
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
