"""The quality assurance report as a PDF: A4 landscape, for the partnership's QA meeting.

The first page is the overview: the partnership and the period, the key figures, a chart of the
confidence participants had before and after their training by tier beside one of the period's
observation outcomes, and the figures by tier (with all tiers added up). Then the details: by
course (grouped by tier, with a chart of confidence per course), by trainer, the courses not
assured in the 12 months to the period's end, and every comment, a table per course. Tables
that run onto another page repeat their header; every page's footer says "Page 1 of 4".

Every text from the database is escaped before it goes into reportlab's paragraph markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.numbered_pages import MARGIN, MUTED, build_numbered, numbered_document
from exports.quality_report_text import (
    NONE,
    OBSERVATIONS_NOTE,
    SCALE_NOTE,
    TITLE,
    assured_text,
    count_text,
    key_figures,
    not_assured_heading,
    outcomes_text,
    period_text,
    score_text,
    shift_with_spread,
)
from exports.sign_in_sheet import fonts
from training.quality_figures import (
    QA_OUTCOMES,
    Comment,
    CourseQuality,
    FeedbackFigures,
    GroupQuality,
    OutcomeCounts,
    QualitySummary,
)

PAGE = landscape(A4)
FRAME_WIDTH = PAGE[0] - 2 * MARGIN - 12  # the frame's own padding is 6 points a side
CELL_SIZE, HEADING_SIZE, LABEL_SIZE = 8, 7.5, 7.5
GRID = colors.HexColor("#9e9e9e")
SHADE = colors.HexColor("#e8eef4")
GROUP_SHADE = colors.HexColor("#f3f6f9")
TOTAL_SHADE = colors.HexColor("#d5dee8")
# Pale blue, then a dark blue: told apart in grey and by the colour-blind (as on the QA page).
BEFORE_COLOUR, AFTER_COLOUR = colors.HexColor("#9db4cf"), colors.HexColor("#1f4e8c")
OUTCOME_COLOURS = {
    "outstanding": colors.HexColor("#1b5e20"),
    "good": colors.HexColor("#4caf50"),
    "requires improvement": colors.HexColor("#f0a030"),
    "inadequate": colors.HexColor("#c0392b"),
}
COURSES_PER_CHART = 20
SECTION_ROOM = 40 * mm
NUMBER = 14.5 * mm  # a column of ratings
COUNT = 19 * mm  # a column of counts: "Responses" fits its heading
SHIFT = 21 * mm
COURSE_COLUMNS = (
    "Code",
    "Course",
    "Responses",
    "Overall",
    "Content",
    "Trainer",
    "Before",
    "After",
    "Shift ± SD",
    "Observations",
    "QA status now",
    "Last assured",
)
GROUP_COLUMNS = (
    "Sessions",
    "Responses",
    "Overall",
    "Content",
    "Trainer",
    "Before",
    "After",
    "Shift ± SD",
    "Observations",
)

Styles = dict[str, ParagraphStyle]


def write_quality_report_pdf(path: Path, summary: QualitySummary, partnership: str = "") -> int:
    """Write the report of ``summary`` to ``path`` (a PDF); how many pages it has."""
    regular, bold = fonts()
    styles = _styles(regular, bold)
    document = numbered_document(
        path,
        PAGE,
        title=f"{TITLE}: {summary.start:%d/%m/%Y} to {summary.end:%d/%m/%Y}",
        author=partnership or TITLE,
        subject=period_text(summary),
    )
    story: list[Flowable] = [
        *_heading(summary, partnership, styles),
        _key_figures(summary, styles),
        Spacer(0, 5 * mm),
        _first_charts(summary, styles, regular),
        *_groups("By tier", "Tier", summary.by_tier, summary, styles),
        Spacer(0, 3 * mm),
        Paragraph(escape(SCALE_NOTE), styles["note"]),
        Paragraph(escape(OBSERVATIONS_NOTE), styles["note"]),
        PageBreak(),  # the first page is the overview; the details follow
        *_courses(summary, styles, regular),
        *_groups("By trainer", "Trainer", summary.by_trainer, None, styles),
        *_not_assured(summary, styles),
        *_comments(summary.comments, styles),
    ]
    footer = f"{TITLE} · {period_text(summary)}"
    return build_numbered(document, story, footer=footer, font=regular)


def _styles(regular: str, bold: str) -> Styles:
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=12.5)
    return {
        "partnership": ParagraphStyle("partnership", base, textColor=MUTED),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=18, leading=23),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, spaceAfter=6),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10, textColor=MUTED),
        "section": ParagraphStyle(
            "section",
            base,
            fontName=bold,
            fontSize=13,
            leading=17,
            spaceBefore=10,
            spaceAfter=5,
        ),
        "chart title": ParagraphStyle(
            "chart title", base, fontName=bold, fontSize=10, leading=13, spaceAfter=3
        ),
        "figure": ParagraphStyle("figure", base, fontName=bold, fontSize=17, leading=21),
        "figure label": ParagraphStyle("figure label", base, fontName=bold, fontSize=9, leading=11),
        "cell": ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=9.5),
        "group": ParagraphStyle("group", base, fontName=bold, fontSize=CELL_SIZE, leading=9.5),
        "heading": ParagraphStyle(
            "heading", base, fontName=bold, fontSize=HEADING_SIZE, leading=9, alignment=TA_CENTER
        ),
        "number": ParagraphStyle(
            "number", base, fontSize=CELL_SIZE, leading=9.5, alignment=TA_RIGHT
        ),
    }


def _heading(summary: QualitySummary, partnership: str, styles: Styles) -> list[Flowable]:
    parts: list[Flowable] = []
    if partnership:
        parts.append(Paragraph(escape(partnership), styles["partnership"]))
    parts += [
        Paragraph(TITLE, styles["title"]),
        Paragraph(escape(period_text(summary)), styles["subtitle"]),
    ]
    return parts


def _key_figures(summary: QualitySummary, styles: Styles) -> Table:
    """The key figures as a row of tiles: the figure, what it is, and what it counts."""
    tiles = [
        [
            Paragraph(escape(figure.value), styles["figure"]),
            Paragraph(escape(figure.label), styles["figure label"]),
            Paragraph(escape(figure.detail), styles["note"]),
        ]
        for figure in key_figures(summary)
    ]
    table = Table([tiles], colWidths=[FRAME_WIDTH / len(tiles)] * len(tiles), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("INNERGRID", (0, 0), (-1, -1), 4, colors.white),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


# --- charts --------------------------------------------------------------------------------------


def _first_charts(summary: QualitySummary, styles: Styles, font: str) -> Table:
    """Confidence before and after by tier, beside the observations' outcomes."""
    half = FRAME_WIDTH / 2
    tiers = [(group.name, group.feedback) for group in summary.by_tier if group.feedback.paired]
    confidence: Flowable = (
        _confidence_chart(tiers, half - 6 * mm, 58 * mm, font)
        if tiers
        else Paragraph("No confidence scores in this period.", styles["note"])
    )
    outcomes: Flowable = (
        _outcomes_chart(summary.observations, half - 6 * mm, font)
        if summary.observations.total
        else Paragraph("No observations in this period.", styles["note"])
    )
    cells = [
        [
            Paragraph("Confidence before and after, by tier", styles["chart title"]),
            Paragraph("Observations in the period, by outcome", styles["chart title"]),
        ],
        [confidence, outcomes],
    ]
    table = Table(cells, colWidths=[half, half], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _confidence_chart(
    groups: Sequence[tuple[str, FeedbackFigures]], width: float, height: float, font: str
) -> Drawing:
    """Two bars a group, mean confidence before and after over the same responses, from 0 to 5;
    under each group's name the number of responses that scored both."""
    legend_room, axis_room, left_room = 16, 22, 18
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = left_room, axis_room
    chart.width, chart.height = width - left_room - 4, height - axis_room - legend_room
    chart.data = [
        [figures.before or 0.0 for _name, figures in groups],
        [figures.after or 0.0 for _name, figures in groups],
    ]
    for series, colour in enumerate((BEFORE_COLOUR, AFTER_COLOUR)):
        chart.bars[series].fillColor = colour
        chart.bars[series].strokeColor = None
    chart.groupSpacing, chart.barSpacing = 6, 1
    chart.categoryAxis.categoryNames = [
        f"{name}\nn = {figures.paired:,}" for name, figures in groups
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.categoryAxis.labels.dy = -3
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 5, 1
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.strokeColor = GRID
    chart.barLabelFormat = "%.1f"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = LABEL_SIZE - 1
    chart.barLabels.boxAnchor = "s"
    chart.barLabels.dy = 1
    drawing.add(chart)
    drawing.add(_legend(width, height, font))
    return drawing


def _legend(width: float, height: float, font: str) -> Legend:
    legend = Legend()
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = width - 150, height - 4
    legend.fontName, legend.fontSize = font, LABEL_SIZE
    legend.dx, legend.dy, legend.deltax = 7, 7, 60
    legend.strokeColor = None
    legend.colorNamePairs = [(BEFORE_COLOUR, "Before"), (AFTER_COLOUR, "After")]
    return legend


def _outcomes_chart(observed: OutcomeCounts, width: float, font: str) -> Drawing:
    """A bar per outcome, best first, each in its own colour, with its count beside it."""
    counts = dict(observed.counts)
    outcomes = [*QA_OUTCOMES, *(outcome for outcome in counts if outcome not in QA_OUTCOMES)]
    label_room, axis_room, value_room = 30 * mm, 14, 18
    bars_height = len(outcomes) * 8 * mm
    drawing = Drawing(width, bars_height + axis_room + 4)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, axis_room
    chart.width, chart.height = width - label_room - value_room, bars_height
    chart.data = [[counts.get(outcome, 0) for outcome in reversed(outcomes)]]  # drawn upwards
    chart.bars.strokeColor = None
    for n, outcome in enumerate(reversed(outcomes)):
        chart.bars[(0, n)].fillColor = OUTCOME_COLOURS.get(outcome, MUTED)
    chart.barWidth, chart.groupSpacing = 1, 0.4
    chart.categoryAxis.categoryNames = [outcome.capitalize() for outcome in reversed(outcomes)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = GRID
    most = max(counts.values(), default=1)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, most
    chart.valueAxis.valueStep = max(1, -(-most // 8))  # whole observations, at most 8 steps
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = LABEL_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.strokeColor = GRID
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = LABEL_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


# --- tables --------------------------------------------------------------------------------------


def _section(title: str, styles: Styles) -> list[Flowable]:
    """A section's heading, on a new page unless there is room for a few rows under it."""
    return [CondPageBreak(SECTION_ROOM), Paragraph(escape(title), styles["section"])]


def _headings(names: Sequence[str], styles: Styles) -> list[Paragraph]:
    return [Paragraph(escape(name), styles["heading"]) for name in names]


def _feedback_cells(figures: FeedbackFigures, styles: Styles) -> list[Paragraph]:
    values = [
        f"{figures.responses:,}",
        score_text(figures.overall),
        score_text(figures.content),
        score_text(figures.trainer),
        score_text(figures.before),
        score_text(figures.after),
        shift_with_spread(figures),
    ]
    return [Paragraph(value, styles["number"]) for value in values]


def _table(
    rows: list[list[Any]],
    widths: Sequence[float],
    extra: Sequence[tuple[Any, ...]] = (),
    *,
    heading_rows: int = 1,
) -> Table:
    """A table under its rows of headings, which repeat on every page it runs onto."""
    last_heading = heading_rows - 1
    table = Table(rows, colWidths=list(widths), repeatRows=heading_rows, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, last_heading), SHADE),
                ("VALIGN", (0, 0), (-1, last_heading), "BOTTOM"),
                ("VALIGN", (0, heading_rows), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                *extra,
            ]
        )
    )
    return table


def _group_row(text: str, columns: int, row: int, styles: Styles) -> tuple[list[Any], list[Any]]:
    """A row across the table naming the group of rows under it, and its style."""
    cells: list[Any] = [Paragraph(escape(text), styles["group"]), *[""] * (columns - 1)]
    return cells, [("SPAN", (0, row), (-1, row)), ("BACKGROUND", (0, row), (-1, row), GROUP_SHADE)]


def _courses(summary: QualitySummary, styles: Styles, font: str) -> list[Flowable]:
    """Every course on offer (and any withdrawn one with figures), grouped by tier, lowest
    first; then a chart of confidence before and after per course."""
    parts = _section("By course", styles)
    if not summary.by_course:
        return [*parts, Paragraph("There are no courses in the catalogue.", styles["note"])]
    courses = sorted(summary.by_course, key=lambda c: (c.course.tier_rank, c.course.code))
    rows: list[list[Any]] = [_headings(COURSE_COLUMNS, styles)]
    extra: list[tuple[Any, ...]] = []
    for tier, in_tier in groupby(courses, key=lambda c: c.course.tier):
        cells, style = _group_row(tier, len(COURSE_COLUMNS), len(rows), styles)
        rows.append(cells)
        extra += style
        rows += [_course_row(course, styles) for course in in_tier]
    fixed = [18 * mm, COUNT, *[NUMBER] * 5, SHIFT, 36 * mm, 24 * mm, 19 * mm]
    widths = [fixed[0], FRAME_WIDTH - sum(fixed), *fixed[1:]]
    parts.append(_table(rows, widths, extra))
    return [*parts, *_course_charts(courses, styles, font)]


def _course_row(course: CourseQuality, styles: Styles) -> list[Any]:
    cell = styles["cell"]
    return [
        Paragraph(escape(course.course.code), cell),
        Paragraph(escape(course.course.title), cell),
        *_feedback_cells(course.feedback, styles),
        Paragraph(escape(outcomes_text(course.observations)), cell),
        Paragraph(escape(course.course.qa_status), cell),
        Paragraph(assured_text(course.course.last_assured_on), cell),
    ]


def _course_charts(courses: Sequence[CourseQuality], styles: Styles, font: str) -> list[Flowable]:
    """Confidence per course, for the courses whose participants scored it before and after,
    a chart of at most 20 courses at a time."""
    charted = [(c.course.code, c.feedback) for c in courses if c.feedback.paired]
    title = "Confidence before and after, by course (n: the responses that scored both)"
    charts: list[Flowable] = []
    for start in range(0, len(charted), COURSES_PER_CHART):
        heading = title if start == 0 else f"{title}, continued"
        chart = _confidence_chart(
            charted[start : start + COURSES_PER_CHART], FRAME_WIDTH, 62 * mm, font
        )
        charts.append(
            KeepTogether(
                [Spacer(0, 5 * mm), Paragraph(escape(heading), styles["chart title"]), chart]
            )
        )
    return charts


def _groups(
    title: str,
    name: str,
    groups: Sequence[GroupQuality],
    total: QualitySummary | None,
    styles: Styles,
) -> list[Flowable]:
    """A row per trainer or tier; with ``total``, a row for all of them at the foot."""
    parts = _section(title, styles)
    if not groups:
        note = "No evaluations or observations of sessions in this period."
        return [*parts, Paragraph(note, styles["note"])]
    rows: list[list[Any]] = [_headings([name, *GROUP_COLUMNS], styles)]
    rows += [
        _group_figures(group.name, group.feedback, group.observations, styles) for group in groups
    ]
    extra: list[tuple[Any, ...]] = []
    if total is not None:
        every = f"All {name.lower()}s"
        rows.append(_group_figures(every, total.overall, total.observations, styles))
        extra.append(("BACKGROUND", (0, -1), (-1, -1), TOTAL_SHADE))
    fixed = [COUNT, COUNT, *[NUMBER] * 5, SHIFT]
    first = 50 * mm
    widths = [first, *fixed, FRAME_WIDTH - first - sum(fixed)]
    parts.append(_table(rows, widths, extra))
    return parts


def _group_figures(
    name: str, figures: FeedbackFigures, observed: OutcomeCounts, styles: Styles
) -> list[Any]:
    return [
        Paragraph(escape(name), styles["cell"]),
        Paragraph(f"{figures.sessions:,}", styles["number"]),
        *_feedback_cells(figures, styles),
        Paragraph(escape(outcomes_text(observed)), styles["cell"]),
    ]


def _not_assured(summary: QualitySummary, styles: Styles) -> list[Flowable]:
    parts = _section(not_assured_heading(summary), styles)
    if not summary.not_assured:
        note = "Every course on offer was assured in these 12 months."
        return [*parts, Paragraph(note, styles["note"])]
    cell = styles["cell"]
    rows: list[list[Any]] = [
        _headings(["Code", "Course", "Tier", "Delivery", "QA status now", "Last assured"], styles)
    ]
    rows += [
        [
            Paragraph(escape(u.course.code), cell),
            Paragraph(escape(u.course.title), cell),
            Paragraph(escape(u.course.tier), cell),
            Paragraph(escape(u.course.delivery_mode), cell),
            Paragraph(escape(u.course.qa_status), cell),
            Paragraph(assured_text(u.assured_on), cell),
        ]
        for u in summary.not_assured
    ]
    fixed = [18 * mm, 28 * mm, 25 * mm, 32 * mm, 22 * mm]
    widths = [fixed[0], FRAME_WIDTH - sum(fixed), *fixed[1:]]
    parts.append(_table(rows, widths))
    return parts


def _comments(comments: Sequence[Comment], styles: Styles) -> list[Flowable]:
    """Every comment, a table per course, newest session first within each; the course's name
    repeats on every page its table runs onto."""
    parts = _section("Comments to read", styles)
    if not comments:
        return [*parts, Paragraph("No comments in this period.", styles["note"])]
    by_course = sorted(comments, key=lambda c: c.course.code)  # stable: newest first stays
    for _code, of_course in groupby(by_course, key=lambda c: c.course.code):
        parts += [_course_comments(list(of_course), styles), Spacer(0, 4 * mm)]
    return parts


def _course_comments(comments: Sequence[Comment], styles: Styles) -> Table:
    course, cell = comments[0].course, styles["cell"]
    named = f"{course.code}: {course.title} ({count_text(len(comments), 'comment')})"
    rows: list[list[Any]] = [
        [Paragraph(escape(named), styles["group"]), "", "", ""],
        _headings(["Session", "Trainer", "Overall", "Comment"], styles),
    ]
    rows += [
        [
            Paragraph(f"{c.session_day:%d/%m/%Y}", cell),
            Paragraph(escape(c.trainer) or NONE, cell),
            Paragraph(NONE if c.overall is None else str(c.overall), styles["number"]),
            Paragraph(escape(c.text).replace("\n", "<br/>"), cell),
        ]
        for c in comments
    ]
    fixed = [20 * mm, 45 * mm, COUNT]
    widths = [*fixed, FRAME_WIDTH - sum(fixed)]
    return _table(rows, widths, [("SPAN", (0, 0), (-1, 0))], heading_rows=2)
