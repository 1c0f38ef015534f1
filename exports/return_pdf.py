"""The agency training return as a PDF: A4 landscape, for the board pack and the agency lead.

The first page names the partnership, the reporting date, the period and what the columns mean.
Then for each topic: the summary table (a row per agency, all agencies added up at the foot; its
two header rows repeat on every page) and a bar chart of the share of each agency's staff in
scope who are trained at the appropriate level, highest first, with the partnership's own share
drawn across it. Every page's footer says "Page 1 of 4".

Written from plain data (``exports.return_data``); every text from the database is escaped
before it goes into reportlab's paragraph markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.numbered_pages import MARGIN, MUTED, build_numbered, numbered_document
from exports.return_data import (
    DEFINITIONS,
    TITLE,
    CountsData,
    ReturnData,
    period_text,
    topics_text,
)
from exports.sign_in_sheet import fonts

PAGE = landscape(A4)
FRAME_WIDTH = PAGE[0] - 2 * MARGIN - 12  # the frame's own padding is 6 points a side
CELL_SIZE, HEADING_SIZE = 8, 7.5
CELL_SIDE_PADDING = 3
LEAST_NUMBER_COLUMN = 9 * mm
LEAST_AGENCY_COLUMN = 45 * mm
BARS_PER_CHART = 26  # a page's worth
BAR_PITCH = 5.6 * mm  # the height of a bar and the gap below it
CHART_LABEL_SIZE = 7.5
CHART_LABEL_ROOM = 85 * mm  # longest agency name beside a bar; longer ones are shortened
GRID = colors.HexColor("#9e9e9e")
SHADE = colors.HexColor("#e8eef4")
TOTAL_SHADE = colors.HexColor("#d5dee8")
BAR = colors.HexColor("#2f5d8a")
PARTNERSHIP_LINE = colors.HexColor("#c0392b")


def write_return_pdf(path: Path, data: ReturnData) -> int:
    """Write the return to ``path`` (a PDF); how many pages it has."""
    regular, bold = fonts()
    styles = _styles(regular, bold)
    document = numbered_document(
        path,
        PAGE,
        title=f"{TITLE} on {data.on:%d/%m/%Y}",
        author=data.partnership or TITLE,
        subject=topics_text(data),
    )
    story: list[Flowable] = [*_heading(data, styles)]
    totals = data.totals()
    for n, topic in enumerate(data.topics):
        if n:
            story.append(PageBreak())
        story += [
            Paragraph(escape(topic), styles["topic"]),
            _summary_table(data, n, totals[n], styles, bold),
            Spacer(0, 6 * mm),
            *_charts(data, n, totals[n], styles, regular),
        ]
    footer = f"{TITLE} · reporting date {data.on:%d/%m/%Y}"
    return build_numbered(document, story, footer=footer, font=regular)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=regular, fontSize=10, leading=12.5)
    return {
        "partnership": ParagraphStyle("partnership", base, textColor=MUTED),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=18, leading=23),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14),
        "note": ParagraphStyle("note", base, fontSize=8, leading=10, textColor=MUTED),
        "topic": ParagraphStyle(
            "topic", base, fontName=bold, fontSize=13, leading=17, spaceBefore=8, spaceAfter=5
        ),
        "chart title": ParagraphStyle(
            "chart title", base, fontName=bold, fontSize=10, leading=13, spaceAfter=3
        ),
        "cell": ParagraphStyle("cell", base, fontSize=CELL_SIZE, leading=9.5),
        "total": ParagraphStyle("total", base, fontName=bold, fontSize=CELL_SIZE, leading=9.5),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=bold,
            fontSize=HEADING_SIZE,
            leading=9,
            alignment=TA_CENTER,
        ),
    }


def _heading(data: ReturnData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = []
    if data.partnership:
        parts.append(Paragraph(escape(data.partnership), styles["partnership"]))
    # An agency lead's own return names the agency in its title.
    title = f"{TITLE}: {data.agencies[0].agency}" if len(data.agencies) == 1 else TITLE
    parts += [
        Paragraph(escape(title), styles["title"]),
        Paragraph(escape(f"{period_text(data)} · {topics_text(data)}"), styles["subtitle"]),
        Spacer(0, 2 * mm),
        *(Paragraph(escape(line), styles["note"]) for line in DEFINITIONS),
        Spacer(0, 2 * mm),
    ]
    return parts


# --- the summary table ---------------------------------------------------------------------------


def _number(value: int) -> str:
    return f"{value:,}"


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def _figures(counts: CountsData) -> list[str]:
    return [
        *(_number(n) for n in counts.in_scope_by_tier),
        _number(counts.in_scope),
        _number(counts.trained),
        _percent(counts.percent_trained),
        _number(counts.expiring_soon),
        _number(counts.overdue),
        _number(counts.never_trained),
        _number(counts.lapsed),
        *(_number(n) for n in counts.trained_in_period_by_tier),
        _number(counts.trained_in_period),
    ]


class _Rotated(Flowable):
    """A column heading written upwards, so that narrow columns of figures can have long names."""

    def __init__(self, text: str, font: str) -> None:
        super().__init__()
        self.text, self.font = text, font

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return HEADING_SIZE * 1.2, stringWidth(self.text, self.font, HEADING_SIZE) + 2

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.rotate(90)
        self.canv.setFont(self.font, HEADING_SIZE)
        self.canv.drawString(0, -HEADING_SIZE, self.text)
        self.canv.restoreState()


def _group_headings(tiers: Sequence[str]) -> list[tuple[str, list[str]]]:
    """The groups of columns of figures, each with its columns' headings."""
    return [
        ("In scope, by required tier", [*tiers, "All"]),
        ("Trained at the appropriate level", ["Trained", "% trained", "Expiring in 90 days"]),
        ("Overdue", ["All", "Never trained", "Expired"]),
        ("Trained in the period, by tier", [*tiers, "All"]),
    ]


def _summary_table(
    data: ReturnData,
    topic: int,
    totals: CountsData,
    styles: dict[str, ParagraphStyle],
    bold: str,
) -> Table:
    """A row per agency (and one for all of them), under a row of group headings and a row of
    upright column headings; both repeat on every page the table runs onto."""
    groups = _group_headings(data.tiers)
    regular = styles["cell"].fontName
    top: list[Any] = [Paragraph("Agency", styles["heading"])]
    below: list[Any] = [""]
    spans: list[tuple[Any, ...]] = [("SPAN", (0, 0), (0, 1))]
    for group, headings in groups:
        first = len(top)
        top += [Paragraph(escape(group), styles["heading"]), *[""] * (len(headings) - 1)]
        below += [_Rotated(heading, bold) for heading in headings]
        spans += [
            ("SPAN", (first, 0), (len(top) - 1, 0)),
            ("LINEBEFORE", (first, 0), (first, -1), 1, MUTED),
        ]
    figures = [_figures(agency.counts[topic]) for agency in data.agencies]
    rows: list[list[Any]] = [top, below]
    for agency, values in zip(data.agencies, figures, strict=True):
        rows.append([Paragraph(escape(agency.agency), styles["cell"]), *values])
    with_total = len(data.agencies) > 1
    if with_total:
        figures.append(_figures(totals))
        rows.append([Paragraph("All agencies", styles["total"]), *figures[-1]])
    widths = [
        max(stringWidth(text, bold, CELL_SIZE) for text in column) + 2 * CELL_SIDE_PADDING
        for column in zip(*figures, strict=True)
    ] or [0.0] * (len(top) - 1)
    widths = [max(width, LEAST_NUMBER_COLUMN) for width in widths]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("BACKGROUND", (0, 0), (-1, 1), SHADE),
        *spans,
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, 1), "BOTTOM"),
        ("ALIGN", (1, 1), (-1, 1), "CENTER"),
        ("VALIGN", (0, 2), (-1, -1), "MIDDLE"),
        ("FONT", (1, 2), (-1, -1), regular, CELL_SIZE),
        ("ALIGN", (1, 2), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
    ]
    if with_total:
        commands += [
            ("BACKGROUND", (0, -1), (-1, -1), TOTAL_SHADE),
            ("FONT", (1, -1), (-1, -1), bold, CELL_SIZE),
        ]
    agency_width = max(FRAME_WIDTH - sum(widths), LEAST_AGENCY_COLUMN)
    table = Table(rows, colWidths=[agency_width, *widths], repeatRows=2, hAlign="LEFT")
    table.setStyle(TableStyle(commands))
    return table


# --- the chart -----------------------------------------------------------------------------------


def _charts(
    data: ReturnData,
    topic: int,
    totals: CountsData,
    styles: dict[str, ParagraphStyle],
    font: str,
) -> list[Flowable]:
    """Bar charts of the share trained per agency, highest first, a page-sized one at a time;
    the agencies with no one in scope are listed under the last (kept on its page)."""
    shares = sorted(
        (
            (agency.agency, agency.counts[topic].percent_trained or 0.0)
            for agency in data.agencies
            if agency.counts[topic].in_scope
        ),
        key=lambda share: (-share[1], share[0].casefold()),
    )
    # Across several agencies, the partnership's share is drawn as a line to compare with.
    overall = totals.percent_trained if len(data.agencies) > 1 else None
    title = f"Trained at the level appropriate to their role, per agency: {data.topics[topic]}"
    charts: list[list[Flowable]] = []
    pages = -(-len(shares) // BARS_PER_CHART)  # rounded up, as is the share of each
    size = -(-len(shares) // pages) if shares else 1
    for start in range(0, len(shares), size):
        heading = title if start == 0 else f"{title} (continued)"
        charts.append(
            [
                Paragraph(escape(heading), styles["chart title"]),
                _bar_chart(shares[start : start + size], overall, font),
                Spacer(0, 3 * mm),
            ]
        )
    missing = [a.agency for a in data.agencies if not a.counts[topic].in_scope]
    if missing:
        note = f"Not charted (no staff in scope): {', '.join(missing)}."
        if not charts:
            charts.append([])
        charts[-1].append(Paragraph(escape(note), styles["note"]))
    return [KeepTogether(parts) for parts in charts]


def _shortened(name: str, font: str, room: float) -> str:
    if stringWidth(name, font, CHART_LABEL_SIZE) <= room:
        return name
    while name and stringWidth(name + "…", font, CHART_LABEL_SIZE) > room:
        name = name[:-1]
    return name.rstrip() + "…"


def _bar_chart(shares: Sequence[tuple[str, float]], overall: float | None, font: str) -> Drawing:
    """Horizontal bars, the first share at the top, with the partnership's share as a line."""
    names = [_shortened(name, font, CHART_LABEL_ROOM) for name, _ in shares]
    label_room = max(stringWidth(name, font, CHART_LABEL_SIZE) for name in names) + 6
    bars_height = len(shares) * BAR_PITCH
    axis_room, top_room, value_room = 14, 14, 34
    drawing = Drawing(FRAME_WIDTH, bars_height + axis_room + top_room)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_room, axis_room
    chart.width, chart.height = FRAME_WIDTH - label_room - value_room, bars_height
    chart.data = [[percent for _, percent in reversed(shares)]]  # the chart draws upwards
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barWidth, chart.groupSpacing = 1, 0.35
    chart.categoryAxis.categoryNames = list(reversed(names))
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = CHART_LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.strokeColor = GRID
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, 100, 10
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = CHART_LABEL_SIZE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.strokeColor = GRID
    chart.barLabelFormat = "%.1f%%"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = CHART_LABEL_SIZE - 0.5
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barLabels.boxFillColor = colors.white  # readable where the partnership's line passes
    if overall is not None:
        x = chart.x + chart.width * overall / 100
        top = chart.y + bars_height + 3
        drawing.add(
            Line(
                x,
                chart.y,
                x,
                top,
                strokeColor=PARTNERSHIP_LINE,
                strokeWidth=1,
                strokeDashArray=[3, 2],
            )
        )
        drawing.add(
            String(
                x,
                top + 3,
                f"All agencies: {overall:.1f}%",
                fontName=font,
                fontSize=CHART_LABEL_SIZE,
                fillColor=PARTNERSHIP_LINE,
                textAnchor="middle",
            )
        )
    drawing.add(chart)  # over the line: the bars' own labels stay readable
    return drawing
