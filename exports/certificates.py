"""Certificates of attendance or completion: A4 landscape PDF pages, one per learner.

Each page carries the partnership's name and logo, the learner, the course, its tier and the
date, the signatory, and the certificate's number and verification code with a QR code that
holds both. Written from plain data: any objects with the attributes ``CertificateData`` and
``LetterheadData`` name (the ``training`` read models fit them; this module never imports them).

Fast enough for a thousand pages at once: what every page shares (the border, the logo, the
partnership's name, the signature block) is drawn once as a PDF form that each page reuses, and
QR codes are encoded by segno and drawn as one filled path of rectangles. A logo that is missing
or unreadable, or fonts the system lacks, never stop the printing: they are left out (or replaced)
and said in the result's warnings.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO, Protocol

import segno
from PIL import Image
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CENTRE = PAGE_WIDTH / 2
BODY_WIDTH = 230 * mm
SIDE = 28 * mm  # from the page's edges to the signature and number blocks
QR_SIZE = 26 * mm
QR_X, QR_Y = PAGE_WIDTH - SIDE - QR_SIZE, 19 * mm  # lower left corner of the QR code's modules
LOGO_BOX = (60 * mm, 22 * mm)  # the most room the logo takes: width, height
LOGO_TOP = PAGE_HEIGHT - 16 * mm
LOGO_PIXELS = (1200, 440)  # a larger logo is scaled down to this (above 500 dpi in the box)
SIGNATURE_WIDTH = 115 * mm
LETTERHEAD = "letterhead"  # the name of the PDF form every page reuses
QR_MASK = 0  # the checkerboard: see qr_matrix

NAVY = colors.HexColor("#1d3557")
GOLD = colors.HexColor("#b08d57")
GREY = colors.HexColor("#555555")
PALE = colors.HexColor("#fbf8f1")

# The achievement a certificate records, and the words that say it on the page.
TITLES = {"attendance": "Certificate of Attendance", "completion": "Certificate of Completion"}
VERBS = {"attendance": "attended", "completion": "successfully completed"}

# Fonts with the letters of every European name (Ł, ő, ș, ...), where the system has them.
FONT_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path("C:/Windows/Fonts"),
    Path("/Library/Fonts"),
)
FONT_FILES = {
    "CertificateSerif": "DejaVuSerif.ttf",
    "CertificateSerif-Bold": "DejaVuSerif-Bold.ttf",
    "CertificateSans": "DejaVuSans.ttf",
    "CertificateSans-Bold": "DejaVuSans-Bold.ttf",
}
BUILT_IN_FONTS = {
    "CertificateSerif": "Times-Roman",
    "CertificateSerif-Bold": "Times-Bold",
    "CertificateSans": "Helvetica",
    "CertificateSans-Bold": "Helvetica-Bold",
}
FONTS_MISSING = (
    "The DejaVu fonts were not found, so the certificates are printed in Helvetica and Times, "
    "which lack some letters of names outside Western Europe (such as Ł or ő): install the "
    "DejaVu fonts (on Debian or Ubuntu: apt install fonts-dejavu-core) and print them again."
)


class CertificateData(Protocol):
    @property
    def number(self) -> str: ...
    @property
    def verification_code(self) -> str: ...
    @property
    def learner(self) -> str: ...
    @property
    def agency(self) -> str: ...
    @property
    def course_title(self) -> str: ...
    @property
    def topic(self) -> str: ...
    @property
    def tier(self) -> str: ...
    @property
    def duration_hours(self) -> Decimal: ...
    @property
    def achievement(self) -> str: ...  # "attendance" or "completion"
    @property
    def completed_on(self) -> dt.date: ...
    @property
    def issued_on(self) -> dt.date: ...


class LetterheadData(Protocol):
    @property
    def partnership(self) -> str: ...
    @property
    def logo_path(self) -> str: ...  # "" for no logo
    @property
    def signatory(self) -> str: ...
    @property
    def signatory_title(self) -> str: ...


PageDone = Callable[[int, int], None]  # pages written, pages in all


@dataclass(frozen=True)
class CertificatesWritten:
    pages: int
    warnings: tuple[str, ...]  # what was left out or replaced, and what to do about it


@dataclass(frozen=True)
class _Fonts:
    serif: str
    serif_bold: str
    sans: str
    sans_bold: str


def qr_text(number: str, verification_code: str) -> str:
    """What a certificate's QR code holds: its number and verification code, as printed."""
    return f"{number} {verification_code}"


def write_certificates(
    target: Path | BinaryIO,
    certificates: Sequence[CertificateData],
    letterhead: LetterheadData,
    page_done: PageDone | None = None,
) -> CertificatesWritten:
    """Write one page per certificate to ``target`` (a PDF file's path, or a binary stream).

    ``page_done`` hears of each page; an exception it raises stops the writing before anything
    is saved.
    """
    fonts, warnings = _fonts()
    logo, logo_trouble = _logo(letterhead.logo_path)
    canvas = Canvas(
        str(target) if isinstance(target, Path) else target,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        pageCompression=1,
    )
    canvas.setTitle("Certificates" if len(certificates) != 1 else certificates[0].number)
    canvas.setAuthor(letterhead.partnership)
    canvas.setCreator("Safeguarding Training Manager")
    _draw_letterhead(canvas, letterhead, logo, fonts)
    for done, certificate in enumerate(certificates, start=1):
        canvas.doForm(LETTERHEAD)
        _draw_certificate(canvas, certificate, fonts)
        canvas.showPage()
        if page_done is not None:
            page_done(done, len(certificates))
    canvas.save()
    return CertificatesWritten(len(certificates), (*warnings, *_logo_warning(logo_trouble)))


# --- what every page shares --------------------------------------------------------------------


@functools.cache
def _fonts() -> tuple[_Fonts, tuple[str, ...]]:
    """The fonts to print with (registered on first use), and a warning if built-ins stand in."""
    files = {name: _font_file(file) for name, file in FONT_FILES.items()}
    if not all(files.values()):
        return _Fonts(*BUILT_IN_FONTS.values()), (FONTS_MISSING,)
    for name, path in files.items():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return _Fonts(*FONT_FILES), ()


def _font_file(file_name: str) -> Path | None:
    return next(
        (folder / file_name for folder in FONT_FOLDERS if (folder / file_name).is_file()), None
    )


def logo_problem(path_text: str) -> str | None:
    """Why the logo file cannot be printed, or None if it can (or there is none)."""
    return _logo(path_text)[1]


def _logo(path_text: str) -> tuple[ImageReader | None, str | None]:
    """The logo ready to draw (scaled down if large), or None and why it cannot be."""
    if not path_text.strip():
        return None, None
    path = Path(path_text)
    if not path.is_file():
        return None, f"the logo {path} was not found"
    try:
        with Image.open(path) as image:
            image.thumbnail(LOGO_PIXELS)
            flat = image.convert("RGBA" if _has_transparency(image) else "RGB")
    except Exception as exc:  # any failure to read a logo must leave the certificates printable
        return None, f"the logo {path} could not be read as a picture ({exc})"
    return ImageReader(flat), None


def _logo_warning(problem: str | None) -> tuple[str, ...]:
    if problem is None:
        return ()
    return (
        f"{problem[0].upper()}{problem[1:]}, so the certificates were printed without it: "
        "save the logo as a PNG or JPEG picture and choose it again in the partnership settings.",
    )


def _has_transparency(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _draw_letterhead(
    canvas: Canvas, letterhead: LetterheadData, logo: ImageReader | None, fonts: _Fonts
) -> None:
    canvas.beginForm(LETTERHEAD)
    _draw_border(canvas)
    name_y = PAGE_HEIGHT - 40 * mm
    if logo is not None:
        box_width, box_height = LOGO_BOX
        canvas.drawImage(
            logo,
            CENTRE - box_width / 2,
            LOGO_TOP - box_height,
            box_width,
            box_height,
            mask="auto",
            preserveAspectRatio=True,
            anchor="n",
        )
        name_y = LOGO_TOP - box_height - 8 * mm
    if letterhead.partnership:
        _centred_fit(canvas, letterhead.partnership, fonts.sans_bold, 13, 9, name_y, NAVY)
    _draw_signature_block(canvas, letterhead, fonts)
    canvas.setFont(fonts.sans, 8)
    canvas.setFillColor(GREY)
    label_x = QR_X - 5 * mm
    canvas.drawRightString(label_x, 42 * mm, "Certificate number")
    canvas.drawRightString(label_x, 30.5 * mm, "Verification code")
    canvas.endForm()


def _draw_border(canvas: Canvas) -> None:
    """A pale page inside a navy frame, with a fine gold rule within it and gold corners."""
    canvas.setFillColor(PALE)
    canvas.rect(9 * mm, 9 * mm, PAGE_WIDTH - 18 * mm, PAGE_HEIGHT - 18 * mm, stroke=0, fill=1)
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(2.5)
    canvas.rect(9 * mm, 9 * mm, PAGE_WIDTH - 18 * mm, PAGE_HEIGHT - 18 * mm)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.rect(12 * mm, 12 * mm, PAGE_WIDTH - 24 * mm, PAGE_HEIGHT - 24 * mm)
    canvas.setFillColor(GOLD)
    corner = 4 * mm
    for x in (12 * mm - corner / 2, PAGE_WIDTH - 12 * mm - corner / 2):
        for y in (12 * mm - corner / 2, PAGE_HEIGHT - 12 * mm - corner / 2):
            canvas.rect(x, y, corner, corner, stroke=0, fill=1)


def _draw_signature_block(canvas: Canvas, letterhead: LetterheadData, fonts: _Fonts) -> None:
    """A line to sign on, with the signatory's name and title beneath it."""
    line_y = 38 * mm
    canvas.setStrokeColor(GREY)
    canvas.setLineWidth(0.6)
    canvas.line(SIDE, line_y, SIDE + 80 * mm, line_y)
    canvas.setFillColor(NAVY)
    canvas.setFont(fonts.sans_bold, 11)
    canvas.drawString(SIDE, line_y - 5.5 * mm, letterhead.signatory or "Signed on behalf of")
    title = letterhead.signatory_title if letterhead.signatory else letterhead.partnership
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.sans, 9)
    for n, line in enumerate(simpleSplit(title, fonts.sans, 9, SIGNATURE_WIDTH)[:2]):
        canvas.drawString(SIDE, line_y - (10.5 + 4.2 * n) * mm, line)


# --- what each page says -----------------------------------------------------------------------


def _draw_certificate(canvas: Canvas, certificate: CertificateData, fonts: _Fonts) -> None:
    canvas.setFillColor(NAVY)
    canvas.setFont(fonts.serif_bold, 30)
    canvas.drawCentredString(CENTRE, 147 * mm, TITLES[certificate.achievement])
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1)
    canvas.line(CENTRE - 25 * mm, 141 * mm, CENTRE + 25 * mm, 141 * mm)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.serif, 13)
    canvas.drawCentredString(CENTRE, 130 * mm, "This is to certify that")

    y = _centred_fit(canvas, certificate.learner, fonts.serif_bold, 30, 18, 116 * mm, NAVY)
    if certificate.agency:
        _centred_fit(canvas, certificate.agency, fonts.sans, 11, 8, y - 8 * mm, GREY)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.serif, 13)
    canvas.drawCentredString(CENTRE, y - 20 * mm, VERBS[certificate.achievement])
    y = _centred_fit(canvas, certificate.course_title, fonts.serif_bold, 19, 12, y - 31 * mm, NAVY)
    canvas.setFillColor(GREY)
    details = " · ".join(
        part
        for part in (
            f"{certificate.tier} tier",
            certificate.topic,
            duration_text(certificate.duration_hours),
        )
        if part
    )
    _centred_fit(canvas, details, fonts.sans, 11, 8, y - 9 * mm, GREY)
    canvas.setFont(fonts.serif, 13)
    canvas.drawCentredString(CENTRE, y - 19 * mm, f"on {certificate.completed_on:%d/%m/%Y}")
    _draw_number_block(canvas, certificate, fonts)


def _draw_number_block(canvas: Canvas, certificate: CertificateData, fonts: _Fonts) -> None:
    x = QR_X - 5 * mm
    canvas.setFillColor(NAVY)
    canvas.setFont(fonts.sans_bold, 11)
    canvas.drawRightString(x, 37.5 * mm, certificate.number)
    canvas.drawRightString(x, 26 * mm, certificate.verification_code)
    canvas.setFillColor(GREY)
    canvas.setFont(fonts.sans, 8)
    canvas.drawRightString(x, 19 * mm, f"Issued {certificate.issued_on:%d/%m/%Y}")
    draw_qr(canvas, qr_text(certificate.number, certificate.verification_code), QR_X, QR_Y)


def qr_matrix(text: str) -> tuple[bytearray, ...]:
    """The QR code of ``text`` as rows of modules (1 dark, 0 light), without its quiet zone.

    The mask is fixed rather than chosen by scoring all eight (a valid choice for any reader):
    scoring takes four fifths of segno's time, and a thousand codes are made at a time.
    """
    return segno.make(text, error="m", micro=False, mask=QR_MASK).matrix


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float = QR_SIZE) -> None:
    """The QR code of ``text`` with its lower left corner at (x, y), as one filled path of each
    row's runs of dark modules (the page's background is its quiet zone).

    The path is written as PDF operators in whole modules under a scaling: reportlab's path
    methods format every coordinate in Python, three times slower for the ~150 runs of a code.
    """
    matrix = qr_matrix(text)
    count = len(matrix)
    runs = []
    for row_number, row in enumerate(matrix):
        bottom = count - 1 - row_number
        start = None
        for column, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append(f"{start} {bottom} {column - start} 1 re")
                start = None
    module = size / count
    canvas.addLiteral(
        f"q 0 g {module:.4f} 0 0 {module:.4f} {x:.4f} {y:.4f} cm {' '.join(runs)} f Q"
    )


def _centred_fit(
    canvas: Canvas,
    text: str,
    font: str,
    largest: float,
    smallest: float,
    y: float,
    colour: colors.Color,
) -> float:
    """Draw ``text`` centred on the baseline ``y``, as large as fits the body's width (down to
    ``smallest``, then over two lines); the baseline of its last line."""
    size, lines = _fitted(text, font, largest, smallest)
    canvas.setFillColor(colour)
    canvas.setFont(font, size)
    leading = size * 1.2
    for n, line in enumerate(lines):
        canvas.drawCentredString(CENTRE, y - n * leading, line)
    return y - (len(lines) - 1) * leading


def _fitted(text: str, font: str, largest: float, smallest: float) -> tuple[float, list[str]]:
    width = pdfmetrics.stringWidth(text, font, largest)
    if width <= BODY_WIDTH:
        return largest, [text]
    size = largest * BODY_WIDTH / width
    if size >= smallest:
        return size, [text]
    size = smallest
    lines = simpleSplit(text, font, size, BODY_WIDTH)
    while len(lines) > 2 and size > 6:
        size -= 1
        lines = simpleSplit(text, font, size, BODY_WIDTH)
    return size, lines


def duration_text(hours: Decimal) -> str:
    """A course's length as people say it: "45 minutes", "1 hour", "6.5 hours"."""
    if hours <= 0:
        return ""
    if hours < 1:
        return f"{int(hours * 60)} minutes"
    number = f"{hours.normalize():f}"
    return "1 hour" if hours == 1 else f"{number} hours"
