"""The quality assurance report as an xlsx workbook, for those who would rather sort and filter.

Six sheets: "Summary" (the period's key figures, a figure a row), "By course", "By trainer",
"By tier" (with all tiers added up under the table), "Not assured" (the courses not assured in the
12 months to the period's end) and "Comments". Every sheet names the period above a table whose
header row is frozen with a filter on it; columns are as wide as their contents; counts, ratings
and dates are real numbers and dates (a rating no one gave is an empty cell). Text from outside
(course titles, trainers, comments) goes through ``exports.cell_safety.neutralise``, so none of
it can run as a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.cell_safety import CellValue, neutralise
from exports.quality_report_text import (
    OBSERVATIONS_NOTE,
    SCALE_NOTE,
    TITLE,
    not_assured_heading,
)
from training.quality_figures import (
    ASSURANCE_MONTHS,
    QA_OUTCOMES,
    Comment,
    CourseQuality,
    FeedbackFigures,
    GroupQuality,
    OutcomeCounts,
    QualitySummary,
    Unassured,
)

Row = TypeVar("Row")

COUNT_FORMAT = "#,##0"
SCORE_FORMAT = "0.00"
SHIFT_FORMAT = "+0.00;-0.00;0.00"
DATE_FORMAT = "DD/MM/YYYY"
FIRST_ROW = 5  # the table's header, under the title, the partnership, the period and a gap
MIN_WIDTH, MAX_WIDTH, COMMENT_WIDTH = 8, 60, 80
DATE_WIDTH = len("dd/mm/yyyy") + 2
NUMBER_WIDTH = 9
TITLE_FONT, BOLD = Font(bold=True, size=14), Font(bold=True)
NOTE_FONT = Font(italic=True, color="555555")
HEADING_FILL = PatternFill("solid", fgColor="E8EEF4")


@dataclass(frozen=True)
class About:
    """What every sheet says above its table."""

    summary: QualitySummary
    partnership: str


@dataclass(frozen=True)
class Column(Generic[Row]):
    heading: str
    value: Callable[[Row], CellValue]
    number_format: str | None = None  # None: text, neutralised
    width: int | None = None  # None: as wide as the contents


def write_quality_report_workbook(
    path: Path, summary: QualitySummary, partnership: str = ""
) -> int:
    """Write the report of ``summary`` to ``path`` (xlsx); how many sheets it has."""
    # Opened first: a file that cannot be written stops the work before any sheet is begun.
    with path.open("wb") as file:
        workbook = Workbook()
        summary_sheet = workbook.active
        assert summary_sheet is not None  # a new workbook always has a sheet
        summary_sheet.title = "Summary"
        _summary_sheet(summary_sheet, summary, partnership)
        about = About(summary, partnership)
        courses = sorted(summary.by_course, key=lambda c: (c.course.tier_rank, c.course.code))
        _table_sheet(workbook, "By course", about, COURSE_COLUMNS, courses)
        _table_sheet(workbook, "By trainer", about, group_columns("Trainer"), summary.by_trainer)
        tiers = _table_sheet(workbook, "By tier", about, group_columns("Tier"), summary.by_tier)
        _all_tiers(tiers, summary)
        unassured = _table_sheet(
            workbook,
            "Not assured",
            about,
            UNASSURED_COLUMNS,
            summary.not_assured,
            title=not_assured_heading(summary),
        )
        _note_under(unassured, "Last assured is empty for a course never assured.")
        _table_sheet(workbook, "Comments", about, COMMENT_COLUMNS, summary.comments)
        workbook.save(file)
    return len(workbook.sheetnames)


# --- the columns ---------------------------------------------------------------------------------


def outcome_count(observations: OutcomeCounts, outcome: str) -> int:
    return dict(observations.counts).get(outcome, 0)


def feedback_columns(
    figures: Callable[[Row], FeedbackFigures], trainer: str = "Trainer rating"
) -> list[Column[Row]]:
    return [
        Column("Sessions", lambda r: figures(r).sessions, COUNT_FORMAT),
        Column("Responses", lambda r: figures(r).responses, COUNT_FORMAT),
        Column("Anonymous", lambda r: figures(r).anonymous, COUNT_FORMAT),
        Column("Overall rating", lambda r: figures(r).overall, SCORE_FORMAT),
        Column("Content rating", lambda r: figures(r).content, SCORE_FORMAT),
        Column(trainer, lambda r: figures(r).trainer, SCORE_FORMAT),
        Column("Scored confidence before and after", lambda r: figures(r).paired, COUNT_FORMAT),
        Column("Confidence before", lambda r: figures(r).before, SCORE_FORMAT),
        Column("Confidence after", lambda r: figures(r).after, SCORE_FORMAT),
        Column("Confidence shift", lambda r: figures(r).shift, SHIFT_FORMAT),
        Column("Shift SD", lambda r: figures(r).shift_sd, SCORE_FORMAT),
    ]


def outcome_columns(observations: Callable[[Row], OutcomeCounts]) -> list[Column[Row]]:
    return [
        Column("Observations", lambda r: observations(r).total, COUNT_FORMAT),
        *(
            Column(outcome.capitalize(), _counter(observations, outcome), COUNT_FORMAT)
            for outcome in QA_OUTCOMES
        ),
        Column("Latest outcome", lambda r: observations(r).latest or ""),
    ]


def _counter(
    observations: Callable[[Row], OutcomeCounts], outcome: str
) -> Callable[[Row], CellValue]:
    return lambda row: outcome_count(observations(row), outcome)


COURSE_COLUMNS: list[Column[CourseQuality]] = [
    Column("Code", lambda c: c.course.code),
    Column("Course", lambda c: c.course.title),
    Column("Tier", lambda c: c.course.tier),
    Column("Delivery", lambda c: c.course.delivery_mode),
    Column("On offer", lambda c: "yes" if c.course.active else "no"),
    *feedback_columns(lambda c: c.feedback),
    *outcome_columns(lambda c: c.observations),
    Column("QA status now", lambda c: c.course.qa_status),
    Column("Last assured", lambda c: c.course.last_assured_on, DATE_FORMAT),
]
UNASSURED_COLUMNS: list[Column[Unassured]] = [
    Column("Code", lambda u: u.course.code),
    Column("Course", lambda u: u.course.title),
    Column("Tier", lambda u: u.course.tier),
    Column("Delivery", lambda u: u.course.delivery_mode),
    Column("QA status now", lambda u: u.course.qa_status),
    Column("Last assured", lambda u: u.assured_on, DATE_FORMAT),
]
COMMENT_COLUMNS: list[Column[Comment]] = [
    Column("Session", lambda c: c.session_day, DATE_FORMAT),
    Column("Code", lambda c: c.course.code),
    Column("Course", lambda c: c.course.title),
    Column("Trainer", lambda c: c.trainer),
    Column("Overall rating", lambda c: c.overall, COUNT_FORMAT),
    Column("Comment", lambda c: c.text, width=COMMENT_WIDTH),
]


def group_columns(name: str) -> list[Column[GroupQuality]]:
    """The columns of the trainers' or the tiers' sheet; ``name`` heads the first."""
    return [
        Column(name, lambda g: g.name),
        *feedback_columns(lambda g: g.feedback),
        *outcome_columns(lambda g: g.observations),
    ]


# --- the sheets ----------------------------------------------------------------------------------


def _summary_sheet(sheet: Worksheet, summary: QualitySummary, partnership: str) -> None:
    figures, observed = summary.overall, summary.observations
    rows: list[tuple[str, CellValue, str]] = [
        ("Responses", figures.responses, COUNT_FORMAT),
        ("Sessions evaluated", figures.sessions, COUNT_FORMAT),
        ("Anonymous responses", figures.anonymous, COUNT_FORMAT),
        ("Overall rating", figures.overall, SCORE_FORMAT),
        ("Content rating", figures.content, SCORE_FORMAT),
        ("Trainer rating", figures.trainer, SCORE_FORMAT),
        ("Responses scoring confidence before and after", figures.paired, COUNT_FORMAT),
        ("Confidence before", figures.before, SCORE_FORMAT),
        ("Confidence after", figures.after, SCORE_FORMAT),
        ("Confidence shift", figures.shift, SHIFT_FORMAT),
        ("Confidence shift: standard deviation", figures.shift_sd, SCORE_FORMAT),
        ("Observations", observed.total, COUNT_FORMAT),
        *(
            (f"Observations: {outcome}", outcome_count(observed, outcome), COUNT_FORMAT)
            for outcome in QA_OUTCOMES
        ),
        (
            f"Courses not assured in the {ASSURANCE_MONTHS} months to the end",
            len(summary.not_assured),
            COUNT_FORMAT,
        ),
        ("Comments", len(summary.comments), COUNT_FORMAT),
    ]
    _title_rows(sheet, TITLE, About(summary, partnership))
    _heading_row(sheet, ["Figure", "Value"])
    for offset, (label, value, number_format) in enumerate(rows, start=1):
        sheet.cell(FIRST_ROW + offset, 1, label)
        sheet.cell(FIRST_ROW + offset, 2, value).number_format = number_format
    _finish(sheet, columns=2, rows=len(rows))
    labels = [label for label, _value, _format in rows]
    sheet.column_dimensions["A"].width = _width(["Figure", *labels])
    sheet.column_dimensions["B"].width = max(DATE_WIDTH, NUMBER_WIDTH)
    for offset, note in enumerate((SCALE_NOTE, OBSERVATIONS_NOTE), start=len(rows) + 2):
        sheet.cell(FIRST_ROW + offset, 1, note).font = NOTE_FONT


def _table_sheet(
    workbook: Workbook,
    name: str,
    about: About,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    *,
    title: str = "",
) -> Worksheet:
    """A sheet holding a table: a row per item, a column each."""
    sheet = workbook.create_sheet(name)
    _title_rows(sheet, title or f"{TITLE}: {name.lower()}", about)
    _heading_row(sheet, [column.heading for column in columns])
    for offset, row in enumerate(rows, start=1):
        _put_row(sheet, FIRST_ROW + offset, columns, row)
    _finish(sheet, columns=len(columns), rows=len(rows))
    _fit(sheet, columns, rows)
    if not rows:
        sheet.cell(FIRST_ROW + 1, 1, "None in this period.").font = NOTE_FONT
    return sheet


def _all_tiers(sheet: Worksheet, summary: QualitySummary) -> None:
    """All tiers added up, under the table and out of its filter."""
    everything = GroupQuality("All tiers", summary.overall, summary.observations)
    row = FIRST_ROW + max(len(summary.by_tier), 1) + 2
    _put_row(sheet, row, group_columns("Tier"), everything)
    for cell in sheet[row]:
        cell.font = BOLD


def _note_under(sheet: Worksheet, note: str) -> None:
    sheet.cell(sheet.max_row + 2, 1, note).font = NOTE_FONT


# --- cells and columns ---------------------------------------------------------------------------


def _title_rows(sheet: Worksheet, title: str, about: About) -> None:
    sheet["A1"] = neutralise(title)
    sheet["A1"].font = TITLE_FONT
    if about.partnership:
        sheet["A2"], sheet["B2"] = "Partnership", neutralise(about.partnership)
    sheet["A3"], sheet["C3"] = "Sessions held", "to"
    for where, day in (("B3", about.summary.start), ("D3", about.summary.end)):
        sheet[where] = day
        sheet[where].number_format = DATE_FORMAT


def _heading_row(sheet: Worksheet, headings: Sequence[str]) -> None:
    for column, text in enumerate(headings, start=1):
        cell = sheet.cell(FIRST_ROW, column, neutralise(text))
        cell.font, cell.fill = BOLD, HEADING_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _put_row(sheet: Worksheet, row: int, columns: Sequence[Column[Row]], item: Row) -> None:
    for number, column in enumerate(columns, start=1):
        value = column.value(item)
        cell = sheet.cell(row, number, neutralise(value) if column.number_format is None else value)
        if column.number_format is not None:
            cell.number_format = column.number_format
        elif column.width is not None:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _finish(sheet: Worksheet, *, columns: int, rows: int) -> None:
    """Freeze the header row (and the first column) and put a filter on the table."""
    sheet.freeze_panes = f"B{FIRST_ROW + 1}"
    last = get_column_letter(columns)
    sheet.auto_filter.ref = f"A{FIRST_ROW}:{last}{FIRST_ROW + max(rows, 1)}"
    sheet.print_title_rows = f"{FIRST_ROW}:{FIRST_ROW}"
    sheet.page_setup.orientation = "landscape"


def _fit(sheet: Worksheet, columns: Sequence[Column[Row]], rows: Sequence[Row]) -> None:
    """Text columns as wide as their contents; numbers and dates under a wrapped heading."""
    for number, column in enumerate(columns, start=1):
        if column.width is not None:
            width = column.width
        elif column.number_format == DATE_FORMAT:
            width = DATE_WIDTH
        elif column.number_format is not None:
            width = max(NUMBER_WIDTH, *(len(word) + 2 for word in column.heading.split()))
        else:
            width = _width([column.heading, *(str(column.value(row)) for row in rows)])
        if number <= 2:  # also the labels and dates above the table
            width = max(width, len("Sessions held") + 2 if number == 1 else DATE_WIDTH)
        sheet.column_dimensions[get_column_letter(number)].width = width


def _width(texts: Sequence[str]) -> int:
    return min(max(max((len(text) for text in texts), default=0) + 2, MIN_WIDTH), MAX_WIDTH)
