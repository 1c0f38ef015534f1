"""Certificate benchmark (DESIGN.md §5): 1,000 certificates into one PDF, against bare reportlab.

The baseline is the plainest reportlab program that draws the same pages: on each page the same
border, logo (one PNG, drawn by file name so reportlab embeds it once), text in the same fonts at
the same places, and the same QR code (segno's matrix drawn as rectangles). It checks nothing,
fits no long name and reports no progress. The writer is ``exports.certificates.write_certificates``
with the same plain data. Both run in this process, alternately, after one warm-up run each (so
fonts are registered and modules loaded for both); the best of the runs is compared.

For information, and not judged against the target, the same 1,000 certificates are also made
end to end from a database: a session of 1,000 attendees in SQLite in memory, issued for the
first time (numbers, codes) and then reprinted, each saved to one PDF.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

import segno
from PIL import Image, ImageDraw
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from benchmarks.ratios import Ratio, record
from exports import certificates as layout
from exports.certificates import write_certificates
from storage.database import Database
from training.certificates import CertificateSettings, CertificateView

TARGET = 1.3
COUNT = 1_000
FIRST_NAMES = ("Łucja", "Alex", "Siobhán", "Mohammed", "Zoë", "Grzegorz", "Amélie", "Tom")
LAST_NAMES = ("Wójcik", "Smith", "O'Brien", "Rahman", "Ødegård", "Nowak", "Lefèvre", "Jones")
PARTNERSHIP = "Northshire Safeguarding Children Partnership"
COURSE_TITLE = "Child sexual exploitation: working with children at risk"


def certificates(count: int) -> list[CertificateView]:
    return [
        CertificateView(
            certificate_id=n,
            attendance_id=n,
            number=f"STM-2026-{n:06d}",
            verification_code=f"K7QM-{n % 10000:04d}-9TAB",
            learner=f"{FIRST_NAMES[n % 8]} {LAST_NAMES[n // 8 % 8]}",
            agency="Northshire Police",
            course_code="CSE-T1",
            course_title=COURSE_TITLE,
            topic="Child sexual exploitation (CSE)",
            tier="Targeted",
            duration_hours=Decimal(6),
            achievement="attendance",
            completed_on=dt.date(2026, 12, 3),
            issued_on=dt.date(2026, 12, 5),
            print_count=0,
            newly_issued=True,
        )
        for n in range(1, count + 1)
    ]


def make_logo(folder: Path) -> Path:
    path = folder / "logo.png"
    image = Image.new("RGBA", (600, 220), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((10, 10, 210, 210), fill=(29, 53, 87, 255))
    draw.rectangle((240, 70, 590, 150), fill=(176, 141, 87, 255))
    image.save(path)
    return path


def settings(logo: Path) -> CertificateSettings:
    return CertificateSettings(
        partnership=PARTNERSHIP,
        logo_path=str(logo),
        signatory="Dr Helen Marsden",
        signatory_title="Independent Scrutineer, Northshire Safeguarding Children Partnership",
    )


# --- the baseline: bare reportlab ---------------------------------------------------------------


def bare_reportlab(
    path: Path,
    batch: Sequence[CertificateView],
    letterhead: CertificateSettings,
    draw_qr: QrDrawer,
) -> None:
    """The same pages, drawn in full on each page with nothing but reportlab and segno."""
    serif, serif_bold, sans, sans_bold = bare_fonts()
    width, height = layout.PAGE_WIDTH, layout.PAGE_HEIGHT
    centre = width / 2
    canvas = Canvas(str(path), pagesize=(width, height), pageCompression=1)
    for certificate in batch:
        canvas.setFillColor(layout.PALE)
        canvas.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm, stroke=0, fill=1)
        canvas.setStrokeColor(layout.NAVY)
        canvas.setLineWidth(2.5)
        canvas.rect(9 * mm, 9 * mm, width - 18 * mm, height - 18 * mm)
        canvas.setStrokeColor(layout.GOLD)
        canvas.setLineWidth(0.8)
        canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
        canvas.setFillColor(layout.GOLD)
        for x in (10 * mm, width - 14 * mm):
            for y in (10 * mm, height - 14 * mm):
                canvas.rect(x, y, 4 * mm, 4 * mm, stroke=0, fill=1)
        canvas.drawImage(
            letterhead.logo_path,
            centre - 30 * mm,
            layout.LOGO_TOP - 22 * mm,
            60 * mm,
            22 * mm,
            mask="auto",
            preserveAspectRatio=True,
            anchor="n",
        )
        canvas.setFillColor(layout.NAVY)
        canvas.setFont(sans_bold, 13)
        canvas.drawCentredString(centre, layout.LOGO_TOP - 30 * mm, letterhead.partnership)
        canvas.setFont(serif_bold, 30)
        canvas.drawCentredString(centre, 147 * mm, "Certificate of Attendance")
        canvas.setStrokeColor(layout.GOLD)
        canvas.setLineWidth(1)
        canvas.line(centre - 25 * mm, 141 * mm, centre + 25 * mm, 141 * mm)
        canvas.setFillColor(layout.GREY)
        canvas.setFont(serif, 13)
        canvas.drawCentredString(centre, 130 * mm, "This is to certify that")
        canvas.setFillColor(layout.NAVY)
        canvas.setFont(serif_bold, 30)
        canvas.drawCentredString(centre, 116 * mm, certificate.learner)
        canvas.setFillColor(layout.GREY)
        canvas.setFont(sans, 11)
        canvas.drawCentredString(centre, 108 * mm, certificate.agency)
        canvas.setFont(serif, 13)
        canvas.drawCentredString(centre, 96 * mm, "attended")
        canvas.setFillColor(layout.NAVY)
        canvas.setFont(serif_bold, 19)
        canvas.drawCentredString(centre, 85 * mm, certificate.course_title)
        canvas.setFillColor(layout.GREY)
        canvas.setFont(sans, 11)
        canvas.drawCentredString(
            centre, 76 * mm, f"{certificate.tier} tier · {certificate.topic} · 6 hours"
        )
        canvas.setFont(serif, 13)
        canvas.drawCentredString(centre, 66 * mm, f"on {certificate.completed_on:%d/%m/%Y}")
        canvas.setStrokeColor(layout.GREY)
        canvas.setLineWidth(0.6)
        canvas.line(layout.SIDE, 38 * mm, layout.SIDE + 80 * mm, 38 * mm)
        canvas.setFillColor(layout.NAVY)
        canvas.setFont(sans_bold, 11)
        canvas.drawString(layout.SIDE, 32.5 * mm, letterhead.signatory)
        canvas.setFillColor(layout.GREY)
        canvas.setFont(sans, 9)
        canvas.drawString(layout.SIDE, 27.5 * mm, letterhead.signatory_title)
        x = layout.QR_X - 5 * mm
        canvas.setFont(sans, 8)
        canvas.drawRightString(x, 42 * mm, "Certificate number")
        canvas.drawRightString(x, 30.5 * mm, "Verification code")
        canvas.drawRightString(x, 19 * mm, f"Issued {certificate.issued_on:%d/%m/%Y}")
        canvas.setFillColor(layout.NAVY)
        canvas.setFont(sans_bold, 11)
        canvas.drawRightString(x, 37.5 * mm, certificate.number)
        canvas.drawRightString(x, 26 * mm, certificate.verification_code)
        draw_qr(canvas, f"{certificate.number} {certificate.verification_code}")
        canvas.showPage()
    canvas.save()


QrDrawer = Callable[[Canvas, str], None]


def path_qr(canvas: Canvas, text: str) -> None:
    """The QR code drawn with reportlab's path methods: a rectangle per run of dark modules."""
    matrix = segno.make(text, error="m", micro=False, mask=layout.QR_MASK).matrix
    module = layout.QR_SIZE / len(matrix)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        top = layout.QR_Y + layout.QR_SIZE - r * module
        start = None
        for c, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                path.rect(layout.QR_X + start * module, top - module, (c - start) * module, module)
                start = None
    canvas.setFillColor((0, 0, 0))
    canvas.drawPath(path, stroke=0, fill=1)


def literal_qr(canvas: Canvas, text: str) -> None:
    """The same rectangles written as PDF operators in whole modules, as the writer does."""
    matrix = segno.make(text, error="m", micro=False, mask=layout.QR_MASK).matrix
    count = len(matrix)
    runs = []
    for r, row in enumerate(matrix):
        start = None
        for c, dark in enumerate((*row, 0)):
            if dark and start is None:
                start = c
            elif not dark and start is not None:
                runs.append(f"{start} {count - 1 - r} {c - start} 1 re")
                start = None
    module = layout.QR_SIZE / count
    canvas.addLiteral(
        f"q 0 g {module:.4f} 0 0 {module:.4f} {layout.QR_X:.4f} {layout.QR_Y:.4f} cm "
        f"{' '.join(runs)} f Q"
    )


@functools.cache
def bare_fonts() -> tuple[str, str, str, str]:
    """The writer's font files registered under the baseline's own names: serif, serif bold,
    sans, sans bold."""
    names = []
    for name, file_name in layout.FONT_FILES.items():
        paths = (folder / file_name for folder in layout.FONT_FOLDERS)
        pdfmetrics.registerFont(TTFont(f"Bare{name}", str(next(p for p in paths if p.is_file()))))
        names.append(f"Bare{name}")
    serif, serif_bold, sans, sans_bold = names
    return serif, serif_bold, sans, sans_bold


# --- end to end, from a database (for information) -----------------------------------------------


def _database_with_session(count: int) -> tuple[Database, int]:
    """A SQLite database in memory holding one session that ``count`` people attended."""
    from storage import models as m
    from training import agencies, catalogue

    database = Database("sqlite://")
    database.create_all()
    sector = agencies.save_sector(database.unit_of_work(), "Police")
    agency = agencies.save_agency(
        database.unit_of_work(), agencies.AgencyDraft("Northshire Police", sector.id)
    )
    tier = catalogue.save_tier(database.unit_of_work(), "Targeted", 3)
    topic = catalogue.save_topic(database.unit_of_work(), "Child sexual exploitation (CSE)")
    course = catalogue.save_course(
        database.unit_of_work(),
        catalogue.CourseDraft(
            "CSE-T1", COURSE_TITLE, topic.id, tier.id, "classroom", Decimal(6), 36
        ),
    )
    start = dt.datetime(2026, 12, 3, 9, 30)
    session = catalogue.save_session(
        database.unit_of_work(),
        catalogue.SessionDraft(
            course.id, start, start + dt.timedelta(hours=6), "Town Hall", "J. Trainer", count
        ),
    )
    with database.unit_of_work() as uow:
        staff = uow.insert_returning_ids(
            m.StaffMember,
            [
                {
                    "agency_id": agency.id,
                    "staff_ref": f"P{n}",
                    "first_name": FIRST_NAMES[n % 8],
                    "last_name": f"{LAST_NAMES[n // 8 % 8]}{n}",
                }
                for n in range(count)
            ],
        )
        uow.bulk_insert(
            m.Attendance,
            [
                {
                    "staff_id": staff_id,
                    "course_id": course.id,
                    "session_id": session.id,
                    "status": "attended",
                    "completed_on": start.date(),
                }
                for staff_id in staff
            ],
        )
        uow.commit()
    return database, session.id


def end_to_end(folder: Path, logo: Path, count: int) -> tuple[float, float]:
    """Seconds to issue and save a session's certificates the first time, and to reprint them."""
    from training.certificates import (
        save_certificate_settings,
        save_certificates,
        session_certificates,
    )

    database, session_id = _database_with_session(count)
    save_certificate_settings(database.unit_of_work(), settings(logo))
    times = []
    for n in range(2):
        started = time.perf_counter()
        batch = session_certificates(database.unit_of_work(), session_id)
        save_certificates(database.unit_of_work(), batch, folder / f"session-{n}.pdf")
        times.append(time.perf_counter() - started)
    database.dispose()
    return times[0], times[1]


# --- the report ----------------------------------------------------------------------------------


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.certificate_benchmark",
        description="Time 1,000 certificates written into one PDF against bare reportlab drawing "
        "the same pages (DESIGN.md §5: at most 1.3x).",
    )
    parser.add_argument("--count", type=int, default=COUNT, help="(default: 1,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each (default: 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="stm-certificates-") as name:
        folder = Path(name)
        logo = make_logo(folder)
        batch, letterhead = certificates(args.count), settings(logo)
        contenders: dict[str, Callable[[Path, Sequence[CertificateView]], object]] = {
            "bare reportlab, path QR": lambda p, b: bare_reportlab(p, b, letterhead, path_qr),
            "bare reportlab, literal QR": lambda p, b: bare_reportlab(p, b, letterhead, literal_qr),
            "write_certificates": lambda p, b: write_certificates(p, b, letterhead),
        }
        for n, write in enumerate(contenders.values()):  # warm-up: fonts, modules, caches
            write(folder / f"{n}.pdf", batch[:10])
        print(f"{args.count:,} certificates, A4 landscape, one PDF; {os.cpu_count()} cores")
        print(f"{'run':<5}{'':<30}{'seconds':>9}{'PDF size':>12}")
        times: dict[str, list[float]] = {what: [] for what in contenders}
        for run in range(1, args.repeat + 1):
            for n, (what, write) in enumerate(contenders.items()):
                path = folder / f"{n}.pdf"
                times[what].append(_timed(functools.partial(write, path, batch)))
                print(f"{run:<5}{what:<30}{times[what][-1]:9.2f}{_size(path):>12}")
        first, again = end_to_end(folder, logo, args.count)
    print(report({what: min(seconds) for what, seconds in times.items()}, first, again, args))
    return 0


def report(best: dict[str, float], first: float, again: float, args: argparse.Namespace) -> str:
    writer = best["write_certificates"]
    bare = min(best["bare reportlab, path QR"], best["bare reportlab, literal QR"])
    record(
        [
            Ratio(
                f"{args.count:,} certificates into one PDF: time",
                f"{writer:.2f} s",
                f"{bare:.2f} s, bare reportlab",
                writer / bare,
                TARGET,
            )
        ]
    )
    return "\n".join(
        [
            "",
            f"best of {args.repeat}: the writer {writer:.2f} s, the faster bare reportlab "
            f"{bare:.2f} s ({writer / args.count * 1000:.1f} ms a certificate)",
            f"time, writer / bare reportlab:           {writer / bare:6.2f}×"
            f" (target: at most {TARGET}×; against the faster baseline)",
            f"end to end from SQLite, first issue:     {first / bare:6.2f}×"
            f" ({first:.2f} s: issue {args.count:,} numbers and codes, save one PDF;"
            " for information)",
            f"end to end from SQLite, reprint:         {again / bare:6.2f}×"
            f" ({again:.2f} s; for information)",
        ]
    )


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 2**20:.1f} MiB"


if __name__ == "__main__":
    sys.exit(main())
