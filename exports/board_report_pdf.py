"""The board training report as a PDF: A4 portrait, for the board pack.

The first page names the partnership and the period, and gives the figures at a glance. Then a
section each: sessions and places (per tier), attendances (by tier and topic, a stacked bar
chart by quarter and tier, a bar chart by sector), evaluations (ratings and a chart of
confidence before and after, per tier), quality assurance (observation outcomes per tier, the
courses not assured), champion coverage (the agencies without a trained champion) and awareness
reach (by audience and by type of event); last, what the figures mean. Every page's footer says
"Page 1 of 4".

Written from plain data (``exports.board_report_data``), in the look of the agency return's PDF;
every text from the database is escaped before it goes into reportlab's paragraph markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.board_report_data import (
    DEFINITIONS,
    TITLE,
    BoardData,
    CountData,
    QualityData,
    ReachData,
    SessionData,
    champion_status,
    key_figures,
    outcome_count,
    percent_text,
    period_text,
    rating_text,
    shift_text,
)
from exports.numbered_pages import MARGIN, MUTED, build_numbered, numbered_document
from exports.return_pdf import BAR, GRID, SHADE, TOTAL_SHADE
from exports.sign_in_sheet import fonts

PAGE = A4
FRAME_WIDTH = PAGE[0] - 2 * MARGIN - 12  # the frame's own padding is 6 points a side
CELL_SIZE = 8.5
SIDE_PADDING = 4
LEAST_NAME_COLUMN = 20 * mm
CHART_LABEL_SIZE = 7.5
CHART_HEIGHT = 62 * mm
SECTOR_BAR_PITCH = 6 * mm
GAP = 4 * mm  # between the parts of a section
LIGHT_TIER, DARK_TIER = colors.HexColor("#b7cde3"), colors.HexColor("#173a5e")
BEFORE, AFTER = colors.HexColor("#b7cde3"), BAR
AXIS_GRID = colors.HexColor("#dddddd")
ROTATE_LABELS_OVER = 6  # quarters: more than this and their labels are written aslant


def write_board_report_pdf(path: Path, data: BoardData) -> int:
    """Write the report to ``path`` (a PDF); how many pages it has."""
    regular, bold = fonts()
    styles = _styles(regular, bold)
    document = numbered_document(
        path,
        PAGE,
        title=f"{TITLE}: {period_text(data)}",
        author=data.partnership or TITLE,
        subject=period_text(data),
    )
    story: list[Flowable] = [
        *_heading(data, styles),
        *_sessions(data, styles),
        *_attendances(data, styles),
        *_evaluations(data, styles),
        *_quality_assurance(data, styles),
        *_champions(data, styles),
        *_awareness(data, styles),
        *_about(styles),
    ]
    footer = f"{TITLE} · {period_text(data)}"
    return build_numbered(document, story, footer=footer, font=regular)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=12.5)
    return {
        "partnership": ParagraphStyle("partnership", base, textColor=MUTED),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=18, leading=23),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14, spaceAfter=4),
        "section": ParagraphStyle(
            "section", base, fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=5
        ),
        "caption": ParagraphStyle(
            "caption", base, fontName=bold, fontSize=9.5, leading=12, spaceAfter=3
        ),
        "text": ParagraphStyle("text", base, fontSize=9.5, leading=12, spaceAfter=4),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=10.5),
        "total": ParagraphStyle("total", base, fontName=bold, fontSize=CELL_SIZE, leading=10.5),
        "heading": ParagraphStyle("heading", base, fontName=bold, fontSize=CELL_SIZE, leading=10),
    }


def _heading(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = []
    if data.partnership:
        parts.append(Paragraph(escape(data.partnership), styles["partnership"]))
    parts += [
        Paragraph(TITLE, styles["title"]),
        Paragraph(escape(period_text(data)), styles["subtitle"]),
        Paragraph("At a glance", styles["section"]),
    ]
    rows = [
        [Paragraph(escape(what), styles["total"]), Paragraph(escape(value), styles["cell"])]
        for what, value in key_figures(data)
    ]
    table = Table(rows, colWidths=[0.42 * FRAME_WIDTH, 0.58 * FRAME_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *_padding(3),
            ]
        )
    )
    return [*parts, table]


def _about(styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [
        KeepTogether(
            [
                Paragraph("What the figures mean", styles["section"]),
                *(Paragraph(escape(line), styles["text"]) for line in DEFINITIONS),
            ]
        )
    ]


# --- tables --------------------------------------------------------------------------------------


def _padding(vertical: float) -> list[tuple[Any, ...]]:
    return [
        ("TOPPADDING", (0, 0), (-1, -1), vertical),
        ("BOTTOMPADDING", (0, 0), (-1, -1), vertical + 0.5),
        ("LEFTPADDING", (0, 0), (-1, -1), SIDE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), SIDE_PADDING),
    ]


def _number(value: int) -> str:
    return f"{value:,}"


def _table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    styles: dict[str, ParagraphStyle],
    *,
    width: float = FRAME_WIDTH,
    name_share: float = 0.4,
    total: bool = False,
    groups: Sequence[tuple[str, int, int]] = (),
) -> Table:
    """A table of names and figures, ``width`` wide, its header repeated on every page.

    The figures are right-aligned under right-aligned headings, and the last row is bold and
    shaded when it is a ``total``. The names' column is as wide as the longest name, up to
    ``name_share`` of the width; the figures' columns share the rest, each at least as wide as
    its figures and the longest word of its heading (headings wrap between words only).
    ``groups``: (heading, first column, last column) of headings over several columns, in a
    row above the columns' own.
    """
    regular, bold = styles["cell"].fontName, styles["total"].fontName
    right = ParagraphStyle("right heading", styles["heading"], alignment=2)
    centred = ParagraphStyle("centred heading", styles["heading"], alignment=1)
    header: list[list[Any]] = [
        [
            Paragraph(escape(headings[0]), styles["heading"]),
            *(Paragraph(escape(text), right) for text in headings[1:]),
        ]
    ]
    spans: list[tuple[Any, ...]] = []
    if groups:
        above: list[Any] = [header[0][0], *[""] * (len(headings) - 1)]
        header[0][0] = ""
        for text, first, last in groups:
            above[first] = Paragraph(escape(text), centred)
            spans += [
                ("SPAN", (first, 0), (last, 0)),
                ("LINEBELOW", (first, 0), (last, 0), 0.4, GRID),
                ("LINEBEFORE", (first, 0), (first, 0), 0.4, GRID),
                ("LINEAFTER", (last, 0), (last, 0), 0.4, GRID),
            ]
        header.insert(0, above)
        spans.append(("SPAN", (0, 0), (0, 1)))
    body = [
        [
            Paragraph(escape(row[0]), styles["total" if total and n == len(rows) - 1 else "cell"]),
            *row[1:],
        ]
        for n, row in enumerate(rows)
    ]
    top = len(header)
    table = Table(
        [*header, *body],
        colWidths=_widths(headings, rows, width, name_share, bold),
        repeatRows=top,
        hAlign="LEFT",
    )
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, top - 1), (-1, -1), 0.4, GRID),
        ("BOX", (0, 0), (-1, -1), 0.4, GRID),
        ("LINEAFTER", (0, 0), (0, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, top - 1), SHADE),
        *spans,
        ("VALIGN", (0, 0), (-1, top - 1), "BOTTOM"),
        ("VALIGN", (0, top), (-1, -1), "MIDDLE"),
        ("FONT", (1, top), (-1, -1), regular, CELL_SIZE),
        ("ALIGN", (1, top), (-1, -1), "RIGHT"),
        *_padding(2.5),
    ]
    if total and rows:
        commands += [
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_SHADE),
            ("FONT", (1, -1), (-1, -1), bold, CELL_SIZE),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _text_width(text: str, font: str) -> float:
    return stringWidth(text, font, CELL_SIZE) + 2 * SIDE_PADDING + 1


def _widths(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: float,
    name_share: float,
    bold: str,
) -> list[float]:
    """The columns' widths (see ``_table``)."""
    needed = [
        max(
            [
                *(_text_width(word, bold) for word in heading.split()),
                *(_text_width(row[n], bold) for row in rows),
            ]
        )
        for n, heading in enumerate(headings[1:], start=1)
    ]
    longest_name = max(_text_width(row[0], bold) for row in [*rows, headings])
    room = width - sum(needed)
    names = max(min(longest_name, width * name_share, room), LEAST_NAME_COLUMN)
    spare = max(room - names, 0) / max(len(needed), 1)
    return [names, *(n + spare for n in needed)]


def _side_by_side(left: Flowable, right: Flowable, left_share: float = 0.5) -> Table:
    """Two tables beside each other, the left in ``left_share`` of the frame (see ``beside``)."""
    widths = [FRAME_WIDTH * left_share, FRAME_WIDTH * (1 - left_share)]
    holder = Table([[left, right]], colWidths=widths, hAlign="LEFT")
    holder.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return holder


SIDE_GAP = 6 * mm


def beside(share: float) -> float:
    """The width of a table beside another in ``share`` of the frame, less a gap between."""
    return FRAME_WIDTH * share - SIDE_GAP / 2


def _section(title: str, kept: list[Flowable], styles: dict[str, ParagraphStyle]) -> Flowable:
    """A section's heading kept on a page with what follows it first, so that no heading ends
    a page alone."""
    return KeepTogether([Paragraph(escape(title), styles["section"]), *kept])


# --- sessions and places -------------------------------------------------------------------------


def _session_row(figures: SessionData) -> list[str]:
    return [
        figures.name,
        _number(figures.delivered),
        _number(figures.cancelled),
        _number(figures.places_offered),
        _number(figures.places_filled),
        percent_text(figures.fill_percent),
        _number(figures.did_not_attend),
        percent_text(figures.did_not_attend_percent),
    ]


def _sessions(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    headings = (
        "Tier",
        "Delivered",
        "Cancelled",
        "Places offered",
        "Places filled",
        "% filled",
        "Did not attend",
        "Did-not-attend rate",
    )
    rows = [_session_row(f) for f in (*data.sessions_by_tier, data.sessions_total)]
    table = _table(headings, rows, styles, total=True)
    return [CondPageBreak(60 * mm), _section("Sessions and places", [table], styles)]


# --- attendances ---------------------------------------------------------------------------------


def _counts_table(
    heading: str,
    counts: Sequence[CountData],
    total: int,
    styles: dict[str, ParagraphStyle],
    width: float,
) -> Table:
    rows = [[c.name, _number(c.count), percent_text(_share(c.count, total))] for c in counts]
    rows.append(["All", _number(total), percent_text(_share(total, total))])
    return _table(
        (heading, "Attendances", "Share"), rows, styles, width=width, name_share=0.6, total=True
    )


def _share(part: int, whole: int) -> float | None:
    return None if whole == 0 else 100 * part / whole


def _attendances(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    figures = data.attendances
    font = styles["cell"].fontName
    tables = _side_by_side(
        _counts_table("Tier", figures.by_tier, figures.total, styles, beside(0.42)),
        _counts_table("Topic", figures.by_topic, figures.total, styles, beside(0.58)),
        left_share=0.42,
    )
    quarters = [
        [
            quarter.label,
            f"{quarter.first_day:%d/%m/%Y} to {quarter.last_day:%d/%m/%Y}",
            *(_number(n) for n in quarter.by_tier),
            _number(quarter.total),
        ]
        for quarter in figures.by_quarter
    ]
    quarter_table = _table(("Quarter", "Days", *data.tiers, "All"), quarters, styles)
    parts: list[Flowable] = [
        CondPageBreak(90 * mm),
        _section("Attendances", [tables], styles),
        Spacer(0, GAP),
    ]
    if not figures.total:
        no_charts = "No attendances were recorded in the period, so there is nothing to chart."
        return [*parts, Paragraph(no_charts, styles["text"]), quarter_table]
    return [
        *parts,
        KeepTogether(
            [
                Paragraph("Attendances by quarter and tier", styles["caption"]),
                _quarter_chart(data, font),
                Spacer(0, 2 * mm),
                quarter_table,
            ]
        ),
        Spacer(0, GAP),
        KeepTogether(
            [
                Paragraph("Attendances by the sector of the learner's agency", styles["caption"]),
                _sector_chart(figures.by_sector, figures.total, font),
            ]
        ),
    ]


def tier_colours(count: int) -> list[Color]:
    """A colour per tier, light for the lowest and dark for the highest."""
    if count == 1:
        return [BAR]
    return [
        colors.linearlyInterpolatedColor(LIGHT_TIER, DARK_TIER, 0, count - 1, n)
        for n in range(count)
    ]


def _legend(pairs: Sequence[tuple[Color, str]], font: str, x: float, y: float) -> Legend:
    """A legend in one row, its top left corner at (x, y)."""
    legend = Legend()
    legend.x, legend.y = x, y
    legend.alignment = "right"
    legend.fontName, legend.fontSize = font, CHART_LABEL_SIZE
    legend.columnMaximum = 1
    legend.deltax = max(stringWidth(name, font, CHART_LABEL_SIZE) for _, name in pairs) + 22
    legend.dx, legend.dy = 8, 8
    legend.strokeColor = None
    legend.colorNamePairs = list(pairs)
    return legend


def _value_axis(chart: VerticalBarChart | HorizontalBarChart, font: str) -> None:
    axis = chart.valueAxis
    axis.valueMin = 0
    axis.labels.fontName, axis.labels.fontSize = font, CHART_LABEL_SIZE
    axis.visibleGrid = True
    axis.gridStrokeColor = AXIS_GRID
    axis.strokeColor = GRID
    axis.labelTextFormat = lambda value: f"{value:,.0f}"
    chart.categoryAxis.strokeColor = GRID
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = CHART_LABEL_SIZE


def _quarter_chart(data: BoardData, font: str) -> Drawing:
    """Bars of each quarter's attendances, stacked by tier (lowest at the bottom), with each
    quarter's total above its bar and the tiers in a legend above the chart."""
    quarters = data.attendances.by_quarter
    aslant = len(quarters) > ROTATE_LABELS_OVER
    label_room = 34 if aslant else 14
    legend_room = 16
    drawing = Drawing(FRAME_WIDTH, CHART_HEIGHT + label_room + legend_room)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, label_room
    chart.width, chart.height = FRAME_WIDTH - 44, CHART_HEIGHT - 12
    chart.data = [[q.by_tier[t] for q in quarters] for t in range(len(data.tiers))] or [[0]]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [q.label for q in quarters]
    palette = tier_colours(len(data.tiers))
    for n, colour in enumerate(palette):
        chart.bars[n].fillColor = colour
        chart.bars[n].strokeColor = None
    chart.barSpacing, chart.groupSpacing = 0, 10
    _value_axis(chart, font)
    highest = max((q.total for q in quarters), default=0)
    chart.valueAxis.valueMax = _headroom(highest)
    if aslant:
        chart.categoryAxis.labels.angle = 30
        chart.categoryAxis.labels.boxAnchor = "ne"
    drawing.add(chart)
    step = chart.width / max(len(quarters), 1)
    for n, quarter in enumerate(quarters):
        top = chart.y + chart.height * quarter.total / chart.valueAxis.valueMax
        drawing.add(
            String(
                chart.x + step * (n + 0.5),
                top + 3,
                _number(quarter.total),
                fontName=font,
                fontSize=CHART_LABEL_SIZE,
                textAnchor="middle",
            )
        )
    legend = _legend(list(zip(palette, data.tiers, strict=True)), font, chart.x, drawing.height - 4)
    drawing.add(legend)
    return drawing


def _headroom(highest: float) -> float:
    """An axis maximum a little above the highest value (room for the labels on the bars)."""
    return max(highest * 1.12, 1)


def _sector_chart(sectors: Sequence[CountData], total: int, font: str) -> Drawing:
    """A horizontal bar per sector, in the sectors' order from the top, each with its count and
    its share of all attendances."""
    names = [sector.name for sector in sectors]
    label_room = max((stringWidth(n, font, CHART_LABEL_SIZE) for n in names), default=0) + 8
    bars_height = max(len(sectors), 1) * SECTOR_BAR_PITCH
    drawing = Drawing(FRAME_WIDTH, bars_height + 18)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, 14
    chart.width, chart.height = FRAME_WIDTH - label_room - 70, bars_height
    chart.data = [[sector.count for sector in reversed(sectors)] or [0]]  # drawn upwards
    chart.categoryAxis.categoryNames = list(reversed(names)) or [""]
    chart.bars[0].fillColor, chart.bars[0].strokeColor = BAR, None
    chart.barWidth, chart.groupSpacing = 1, 0.35
    _value_axis(chart, font)
    chart.valueAxis.valueMax = _headroom(max((s.count for s in sectors), default=0))
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.barLabelFormat = lambda value: f"{value:,.0f} ({percent_text(_share(value, total))})"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, CHART_LABEL_SIZE - 0.5
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


# --- evaluations ---------------------------------------------------------------------------------


def _feedback_row(group: QualityData) -> list[str]:
    f = group.feedback
    return [
        group.name,
        _number(f.responses),
        _number(f.sessions),
        rating_text(f.overall),
        rating_text(f.content),
        rating_text(f.trainer),
        rating_text(f.before),
        rating_text(f.after),
        shift_text(f.shift),
        rating_text(f.shift_sd),
    ]


def _evaluations(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    headings = (
        "Tier",
        "Responses",
        "Sessions",
        "Overall",
        "Content",
        "Trainer",
        "Before",
        "After",
        "Shift",
        "Spread",
    )
    groups = (*data.quality_by_tier, data.quality_total)
    table = _table(
        headings,
        [_feedback_row(g) for g in groups],
        styles,
        total=True,
        groups=[("Average rating", 3, 5), ("Confidence", 6, 9)],
    )
    note = Paragraph(
        f"{data.quality_total.feedback.anonymous:,} of the responses were anonymous. Ratings and "
        "confidence are averages out of 5. Confidence counts the responses that gave it both "
        "before and after the session; the spread is the standard deviation of the shift.",
        styles["note"],
    )
    charted = [g for g in groups if g.feedback.paired]
    parts: list[Flowable] = [table, Spacer(0, 1.5 * mm), note]
    if charted:
        parts += [
            Spacer(0, GAP),
            KeepTogether(
                [
                    Paragraph("Confidence before and after the session", styles["caption"]),
                    _confidence_chart(charted, styles["cell"].fontName),
                ]
            ),
        ]
    return [CondPageBreak(70 * mm), _section("Evaluations", parts[:1], styles), *parts[1:]]


def _confidence_chart(groups: Sequence[QualityData], font: str) -> Drawing:
    """A pair of bars per tier (and all tiers): average confidence before and after, out of 5."""
    legend_room = 16
    drawing = Drawing(FRAME_WIDTH, CHART_HEIGHT + legend_room)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 14
    chart.width, chart.height = FRAME_WIDTH - 38, CHART_HEIGHT - 14
    chart.data = [
        [g.feedback.before or 0 for g in groups],
        [g.feedback.after or 0 for g in groups],
    ]
    chart.categoryAxis.categoryNames = [g.name for g in groups]
    chart.bars[0].fillColor, chart.bars[1].fillColor = BEFORE, AFTER
    chart.bars.strokeColor = None
    chart.barSpacing, chart.groupSpacing = 2, 14
    _value_axis(chart, font)
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = 5, 1
    chart.barLabelFormat = "%.2f"
    chart.barLabels.fontName, chart.barLabels.fontSize = font, CHART_LABEL_SIZE - 0.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    pairs = [(BEFORE, "Before the session"), (AFTER, "After the session")]
    drawing.add(_legend(pairs, font, chart.x, drawing.height - 4))
    return drawing


# --- quality assurance ---------------------------------------------------------------------------


def _quality_assurance(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    groups = (*data.quality_by_tier, data.quality_total)
    rows = [
        [
            g.name,
            *(_number(outcome_count(g.observations, o)) for o in data.outcomes),
            _number(g.observations.total),
        ]
        for g in groups
    ]
    headings = ("Tier", *(o.capitalize() for o in data.outcomes), "Observations")
    outcomes = _table(headings, rows, styles, total=True)
    parts: list[Flowable] = [
        Paragraph("Observations of sessions in the period, by outcome", styles["caption"]),
        outcomes,
        Spacer(0, GAP),
    ]
    if data.not_assured:
        courses = [
            [
                u.course.code,
                u.course.title,
                u.course.tier,
                "never" if u.assured_on is None else f"{u.assured_on:%d/%m/%Y}",
            ]
            for u in data.not_assured
        ]
        parts += [
            Paragraph(
                f"Courses not assured in the 12 months to {data.end:%d/%m/%Y} ({len(courses):,})",
                styles["caption"],
            ),
            _text_table(
                ("Code", "Course", "Tier", "Last assured"),
                courses,
                [24 * mm, FRAME_WIDTH - 78 * mm, 28 * mm, 26 * mm],
                styles,
            ),
        ]
    else:
        parts.append(
            Paragraph(
                f"Every course on offer was assured in the 12 months to {data.end:%d/%m/%Y}.",
                styles["text"],
            )
        )
    return [CondPageBreak(60 * mm), _section("Quality assurance", parts[:2], styles), *parts[2:]]


def _text_table(
    headings: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    styles: dict[str, ParagraphStyle],
) -> Table:
    """A table of words, left-aligned and wrapped, its header repeated on every page."""
    header = [Paragraph(escape(text), styles["heading"]) for text in headings]
    body = [[Paragraph(escape(cell), styles["cell"]) for cell in row] for row in rows]
    table = Table([header, *body], colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *_padding(2.5),
            ]
        )
    )
    return table


# --- champions -----------------------------------------------------------------------------------


def _champions(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    champions, missing = data.champions, data.without_trained_champion
    summary = Paragraph(
        escape(
            f"On {champions.on:%d/%m/%Y}, {len(champions.trained):,} of the "
            f"{champions.agencies:,} active agencies had a trained champion in post; "
            f"{len(champions.untrained):,} had champions not yet trained and "
            f"{len(champions.without):,} had none."
        ),
        styles["text"],
    )
    parts: list[Flowable] = [summary]
    if missing:
        rows = [[agency, champion_status(data, agency)] for agency in missing]
        headings = ("Agency without a trained champion", "Why")
        widths = [0.65 * FRAME_WIDTH, 0.35 * FRAME_WIDTH]
        parts.append(_text_table(headings, rows, widths, styles))
    return [CondPageBreak(40 * mm), _section("Champion coverage", parts[:1], styles), *parts[1:]]


# --- awareness -----------------------------------------------------------------------------------


def _reach_table(
    heading: str, reach: Sequence[ReachData], total: ReachData, styles: dict[str, ParagraphStyle]
) -> Table:
    rows = [[r.name.capitalize(), _number(r.events), _number(r.people)] for r in reach]
    rows.append(["All", _number(total.events), _number(total.people)])
    return _table(
        (heading, "Events", "People reached"),
        rows,
        styles,
        width=beside(0.5),
        name_share=0.5,
        total=True,
    )


def _awareness(data: BoardData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    total = data.awareness_total
    tables = _side_by_side(
        _reach_table("Audience", data.awareness_by_audience, total, styles),
        _reach_table("Type of event", data.awareness_by_type, total, styles),
    )
    intro = Paragraph(
        f"{total.events:,} awareness events in the period reached {total.people:,} people.",
        styles["text"],
    )
    return [CondPageBreak(50 * mm), _section("Awareness reach", [intro, tables], styles)]
