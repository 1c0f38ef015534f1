"""A session's printable sign-in sheet: an A4 PDF for the people in the room to sign.

The partnership's name, the course and the session's details head the first page; then a table
of everyone booked (name, agency, role or job title) with a column to sign in, and blank lines
for walk-ins up to the session's capacity. The table's header row repeats on every page and
each page's footer says "Page 1 of 2".

Written from plain data: any object with the attributes ``SignInData`` names (the ``training``
read model fits it as it is; this module never imports it). Every text from the database is
escaped before it goes into reportlab's paragraph markup, so a name holding "<" or "&" prints
as typed.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.numbered_pages import MUTED, build_numbered, numbered_document

SIGNING_ROW = 10 * mm  # room for a signature: the least height of a line of the register
CELL_LEADING = 11.5
CELL_PADDING = 3  # points above and below the text of a cell, and 4 at either side
SIDE_PADDING = 4
DEFAULT_TITLE = "Safeguarding training"
HEADINGS = ("No.", "Name", "Agency", "Role or job title", "Signature")
# The frame is A4 less the margins and its own padding of 6 points a side: 175 mm.
COLUMN_WIDTHS = (10 * mm, 36 * mm, 45 * mm, 42 * mm, 42 * mm)
DETAIL_WIDTHS = (22 * mm, 153 * mm)
FRAME_WIDTH = sum(COLUMN_WIDTHS)
BODY_SIZE = 10
LABEL_GAP = 4 * mm  # between a label and the line to write on
SIGN_OFF_GAP = 10 * mm  # between the number attending and the trainer's signature
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
INSTRUCTIONS = (
    "Please sign beside your name. If your name is not listed, write your name, agency and "
    "role or job title on a blank line, then sign."
)
GRID = colors.HexColor("#9e9e9e")
SHADE = colors.HexColor("#e8eef4")

# Fonts with the letters of every European name (Ł, ő, ș, ...), where the system has them;
# reportlab's built-in Helvetica has only Latin-1 and would print the others as black boxes.
FONT_FILES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "arialbd.ttf"),
    ("/System/Library/Fonts/Supplemental/Arial.ttf", "Arial Bold.ttf"),
    ("/Library/Fonts/Arial.ttf", "Arial Bold.ttf"),
)
REGULAR, BOLD = "SignInSans", "SignInSans-Bold"


class LineData(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def agency(self) -> str: ...
    @property
    def job_title(self) -> str: ...


class SignInData(Protocol):
    @property
    def partnership(self) -> str: ...
    @property
    def course_code(self) -> str: ...
    @property
    def course_title(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def starts_at(self) -> dt.datetime: ...
    @property
    def ends_at(self) -> dt.datetime: ...
    @property
    def venue(self) -> str: ...
    @property
    def trainer(self) -> str: ...
    @property
    def capacity(self) -> int: ...
    @property
    def lines(self) -> Sequence[LineData]: ...
    @property
    def blank_lines(self) -> int: ...


def write_sign_in_sheet(path: Path, sheet: SignInData) -> int:
    """Write the sign-in sheet to ``path`` (a PDF); how many pages it has."""
    regular, bold = fonts()
    styles = _styles(regular, bold)
    document = numbered_document(
        path,
        A4,
        title=f"Sign-in sheet: {sheet.course_code} {sheet.starts_at:%d/%m/%Y}",
        author=sheet.partnership or DEFAULT_TITLE,
        subject=sheet.course_title,
    )
    story = [
        *_heading(sheet, styles),
        Spacer(0, 4 * mm),
        _details(sheet, styles),
        Spacer(0, 4 * mm),
        Paragraph(INSTRUCTIONS, styles["note"]),
        Spacer(0, 3 * mm),
        _register_table(sheet, styles, bold),
        Spacer(0, 8 * mm),
        _trainer_sign_off(bold),
    ]
    footer = f"Sign-in sheet · {sheet.course_code} · {sheet.starts_at:%d/%m/%Y}"
    return build_numbered(document, story, footer=footer, font=regular)


@functools.cache
def fonts() -> tuple[str, str]:
    """The names of the regular and bold fonts to print with (registered on first use)."""
    for regular_file, bold_name in FONT_FILES:
        regular_path = Path(regular_file)
        bold_path = regular_path.with_name(bold_name)
        if regular_path.is_file() and bold_path.is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular_path)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold_path)))
            pdfmetrics.registerFontFamily(
                REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
            )
            return REGULAR, BOLD
    return "Helvetica", "Helvetica-Bold"


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=regular, fontSize=BODY_SIZE, leading=12.5)
    return {
        "partnership": ParagraphStyle(
            "partnership", base, fontSize=10, leading=13, textColor=MUTED
        ),
        "title": ParagraphStyle("title", base, fontName=bold, fontSize=18, leading=23),
        "course": ParagraphStyle("course", base, fontName=bold, fontSize=13, leading=17),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=11, leading=14),
        "label": ParagraphStyle("label", base, fontName=bold),
        "cell": ParagraphStyle("cell", base, fontSize=9.5, leading=CELL_LEADING),
        "number": ParagraphStyle(
            "number", base, fontSize=9.5, leading=CELL_LEADING, alignment=TA_RIGHT
        ),
        "heading": ParagraphStyle(
            "heading", base, fontName=bold, fontSize=9.5, leading=CELL_LEADING
        ),
        "note": ParagraphStyle("note", base, fontSize=9.5, leading=12, textColor=MUTED),
        "base": base,
    }


def _text(value: str) -> str:
    """Database text made safe for paragraph markup."""
    return escape(" ".join(value.split()))


def _heading(sheet: SignInData, styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    about = " · ".join(
        part for part in (sheet.course_code, f"{sheet.tier} tier", sheet.topic) if part
    )
    return [
        Paragraph(_text(sheet.partnership or DEFAULT_TITLE), styles["partnership"]),
        Paragraph("Sign-in sheet", styles["title"]),
        Paragraph(_text(sheet.course_title), styles["course"]),
        Paragraph(_text(about), styles["subtitle"]),
    ]


def day_text(day: dt.date) -> str:
    """A day as a UK reader writes it: "Thursday 03/12/2026"."""
    return f"{DAY_NAMES[day.weekday()]} {day:%d/%m/%Y}"


def when_text(starts_at: dt.datetime, ends_at: dt.datetime) -> tuple[str, str]:
    """The session's date and time, as two lines of the details."""
    if starts_at.date() == ends_at.date():
        return day_text(starts_at.date()), f"{starts_at:%H:%M} to {ends_at:%H:%M}"
    return (
        f"{day_text(starts_at.date())} to {day_text(ends_at.date())}",
        f"{starts_at:%H:%M} on the first day to {ends_at:%H:%M} on the last",
    )


def places_text(sheet: SignInData) -> str:
    places = "1 place" if sheet.capacity == 1 else f"{sheet.capacity} places"
    return f"{places}: {len(sheet.lines)} booked, {sheet.blank_lines} free"


def _details(sheet: SignInData, styles: dict[str, ParagraphStyle]) -> Table:
    date, time = when_text(sheet.starts_at, sheet.ends_at)
    pairs = [
        ("Date", date),
        ("Time", time),
        ("Venue", sheet.venue or "—"),
        ("Trainer", sheet.trainer or "—"),
        ("Places", places_text(sheet)),
    ]
    rows = [
        [Paragraph(label, styles["label"]), Paragraph(_text(value), styles["base"])]
        for label, value in pairs
    ]
    table = Table(rows, colWidths=DETAIL_WIDTHS, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _register_table(sheet: SignInData, styles: dict[str, ParagraphStyle], bold: str) -> Table:
    cell, number = styles["cell"], styles["number"]
    rows: list[list[Any]] = [[Paragraph(text, styles["heading"]) for text in HEADINGS]]
    for n, line in enumerate(sheet.lines, 1):
        rows.append(
            [
                Paragraph(str(n), number),
                Paragraph(_text(line.name), cell),
                Paragraph(_text(line.agency), cell),
                Paragraph(_text(line.job_title), cell),
                "",
            ]
        )
    first_blank = len(sheet.lines) + 1
    rows += [
        [Paragraph(str(n), number), "", "", "", ""]
        for n in range(first_blank, first_blank + sheet.blank_lines)
    ]
    table = Table(
        rows,
        colWidths=COLUMN_WIDTHS,
        rowHeights=[None] + [_line_height(row) for row in rows[1:]],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("FONTNAME", (0, 0), (-1, 0), bold),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("LEFTPADDING", (0, 0), (-1, -1), SIDE_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), SIDE_PADDING),
                ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
            ]
        )
    )
    return table


def _line_height(row: list[Any]) -> float:
    """A line of the register is room for a signature, or higher if its text wraps that far."""
    text_height = max(
        cell.wrap(width - 2 * SIDE_PADDING, SIGNING_ROW * 10)[1]
        for cell, width in zip(row, COLUMN_WIDTHS, strict=True)
        if isinstance(cell, Paragraph)
    )
    return max(SIGNING_ROW, text_height + 2 * CELL_PADDING)


def _trainer_sign_off(bold: str) -> Table:
    """Lines for the trainer to write how many came, and sign."""
    labels = ("Number attending:", "Trainer's signature:")
    widths = [pdfmetrics.stringWidth(label, bold, BODY_SIZE) + LABEL_GAP for label in labels]
    widths[1] += SIGN_OFF_GAP
    number_line = 25 * mm
    signature_line = FRAME_WIDTH - sum(widths) - number_line
    table = Table(
        [[labels[0], "", labels[1], ""]],
        colWidths=(widths[0], number_line, widths[1], signature_line),
        rowHeights=[SIGNING_ROW],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), bold, BODY_SIZE),
                ("LINEBELOW", (1, 0), (1, 0), 0.75, colors.black),
                ("LINEBELOW", (3, 0), (3, 0), 0.75, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (2, 0), (2, 0), SIGN_OFF_GAP),
            ]
        )
    )
    return table
