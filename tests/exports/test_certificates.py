"""The printed certificate: what it says and where, its QR code and logo, and no overlaps."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import subprocess
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from exports import certificates as layout
from exports.certificates import duration_text, qr_matrix, qr_text, write_certificates
from training.certificates import CertificateSettings, CertificateView

POINTS_PER_INCH = 72
LETTERHEAD = CertificateSettings(
    partnership="Northshire Safeguarding Children Partnership",
    logo_path="",
    signatory="Dr Helen Marsden",
    signatory_title="Independent Scrutineer, Northshire Safeguarding Children Partnership",
)


def certificate(**changes: object) -> CertificateView:
    plain = CertificateView(
        certificate_id=1,
        attendance_id=1,
        number="STM-2026-000123",
        verification_code="K7QM-2XDP-9TAB",
        learner="Łucja Wójcik-Ó'Brien",
        agency="Smith & Sons <Ltd>",
        course_code="CSE-T1",
        course_title="CSE: working with children at risk",
        topic="Child sexual exploitation (CSE)",
        tier="Targeted",
        duration_hours=Decimal("6.00"),
        achievement="attendance",
        completed_on=dt.date(2026, 12, 3),
        issued_on=dt.date(2026, 12, 5),
        print_count=0,
        newly_issued=True,
    )
    return dataclasses.replace(plain, **changes)  # type: ignore[arg-type]


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def render(path: Path, dpi: int, folder: Path, page: int = 1) -> Image.Image:
    """The page as pdftoppm draws it, in greyscale or colour as it is."""
    stem = folder / f"page-{dpi}-{page}"
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path), stem],
        check=True,
    )
    (png,) = folder.glob(f"{stem.name}*.png")
    with Image.open(png) as image:
        return image.convert("RGB")


Box = tuple[float, float, float, float]  # x min, y min, x max, y max, in points from top left


def word_boxes(path: Path) -> list[tuple[str, Box]]:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pattern = r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<'
    return [
        (word, (float(x0), float(y0), float(x1), float(y1)))
        for x0, y0, x1, y1, word in re.findall(pattern, html)
    ]


@pytest.fixture
def red_logo(tmp_path) -> Path:
    path = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), (220, 0, 0)).save(path)
    return path


def test_the_certificate_says_who_did_what_when_and_how_to_verify_it(tmp_path):
    path = tmp_path / "certificate.pdf"
    written = write_certificates(path, [certificate()], LETTERHEAD)
    text = pdf_text(path)
    assert written.pages == 1 and written.warnings == ()
    for expected in (
        "Northshire Safeguarding Children Partnership",
        "Certificate of Attendance",
        "This is to certify that",
        "Łucja Wójcik-Ó'Brien",
        "Smith & Sons <Ltd>",
        "attended",
        "CSE: working with children at risk",
        "Targeted tier · Child sexual exploitation (CSE) · 6 hours",
        "on 03/12/2026",
        "Certificate number",
        "STM-2026-000123",
        "Verification code",
        "K7QM-2XDP-9TAB",
        "Issued 05/12/2026",
        "Dr Helen Marsden",
        "Independent Scrutineer, Northshire Safeguarding Children Partnership",
    ):
        assert expected in text, expected


def test_an_e_learning_certificate_is_one_of_completion(tmp_path):
    path = tmp_path / "certificate.pdf"
    write_certificates(path, [certificate(achievement="completion")], LETTERHEAD)
    text = pdf_text(path)
    assert "Certificate of Completion" in text and "successfully completed" in text


def test_a_batch_has_a_landscape_a4_page_per_certificate(tmp_path):
    path = tmp_path / "batch.pdf"
    batch = [certificate(number=f"STM-2026-{n:06d}", learner=f"Person {n}") for n in range(1, 4)]
    heard: list[tuple[int, int]] = []
    written = write_certificates(path, batch, LETTERHEAD, lambda *page: heard.append(page))
    assert written.pages == 3 and heard == [(1, 3), (2, 3), (3, 3)]
    pages = pdf_text(path).split("\f")
    for n in range(1, 4):
        assert f"Person {n}" in pages[n - 1] and f"STM-2026-{n:06d}" in pages[n - 1]
    image = render(path, 50, tmp_path, page=3)
    assert abs(image.width - 585) <= 1 and abs(image.height - 413) <= 1  # A4 across, 50 dpi


def test_the_qr_code_holds_the_number_and_the_verification_code(tmp_path):
    path = tmp_path / "certificate.pdf"
    write_certificates(path, [certificate()], LETTERHEAD)
    dpi = 300
    image = render(path, dpi, tmp_path).convert("L")
    expected = qr_matrix("STM-2026-000123 K7QM-2XDP-9TAB")
    assert qr_text("STM-2026-000123", "K7QM-2XDP-9TAB") == "STM-2026-000123 K7QM-2XDP-9TAB"
    scale = dpi / POINTS_PER_INCH
    module = layout.QR_SIZE / len(expected) * scale
    left = layout.QR_X * scale
    top = (layout.PAGE_HEIGHT - layout.QR_Y - layout.QR_SIZE) * scale
    printed = [
        [
            int(
                image.getpixel((int(left + (c + 0.5) * module), int(top + (r + 0.5) * module)))
                < 128
            )
            for c in range(len(expected))
        ]
        for r in range(len(expected))
    ]
    assert printed == [list(row) for row in expected]
    quiet = [image.getpixel((int(left - module * n), int(top + module * 3))) for n in (1, 2, 3)]
    assert min(quiet) > 200, "light modules to the left of the code: its quiet zone"


def logo_box(image: Image.Image, dpi: int) -> Image.Image:
    """The part of the page the logo may take (and a pixel round it)."""
    scale = dpi / POINTS_PER_INCH
    width, height = layout.LOGO_BOX
    return image.crop(
        (
            int((layout.CENTRE - width / 2) * scale) - 1,
            int((layout.PAGE_HEIGHT - layout.LOGO_TOP) * scale) - 1,
            int((layout.CENTRE + width / 2) * scale) + 2,
            int((layout.PAGE_HEIGHT - layout.LOGO_TOP + height) * scale) + 2,
        )
    )


def red_pixels(image: Image.Image) -> int:
    colours = image.getcolors(maxcolors=2**24) or []
    return sum(
        count for count, (red, green, blue) in colours if red > 180 and green < 60 and blue < 60
    )


def test_the_logo_is_printed_at_the_top(tmp_path, red_logo):
    path = tmp_path / "certificate.pdf"
    settings = dataclasses.replace(LETTERHEAD, logo_path=str(red_logo))
    written = write_certificates(path, [certificate()], settings)
    assert written.warnings == ()
    image = render(path, 50, tmp_path)
    red = red_pixels(logo_box(image, 50))
    assert red > 1000, "a 60 by 20 mm red logo, about 1,700 pixels at 50 dpi"
    assert red_pixels(image) == red, "red nowhere else"


@pytest.mark.parametrize("problem", ["missing", "not a picture", "truncated"])
def test_a_logo_that_cannot_be_read_is_left_out_with_a_warning(tmp_path, red_logo, problem):
    if problem == "missing":
        logo = tmp_path / "gone.png"
    elif problem == "not a picture":
        logo = tmp_path / "logo.png"
        logo.write_text("<svg>not something reportlab draws</svg>")
    else:
        logo = red_logo
        logo.write_bytes(red_logo.read_bytes()[:200])
    path = tmp_path / "certificate.pdf"
    settings = dataclasses.replace(LETTERHEAD, logo_path=str(logo))

    written = write_certificates(path, [certificate()], settings)

    (warning,) = written.warnings
    reason = "was not found" if problem == "missing" else "could not be read as a picture"
    assert str(logo) in warning and reason in warning
    assert "printed without it" in warning and "PNG or JPEG" in warning
    assert "Łucja Wójcik-Ó'Brien" in pdf_text(path)
    assert red_pixels(render(path, 50, tmp_path)) == 0


def test_a_large_logo_is_scaled_down_before_it_is_embedded(tmp_path):
    logo = tmp_path / "photo.png"
    Image.effect_noise((4000, 3000), 60).save(logo)  # noise: 12 MB of pixels that barely compress
    path = tmp_path / "certificate.pdf"
    write_certificates(path, [certificate()], dataclasses.replace(LETTERHEAD, logo_path=str(logo)))
    assert path.stat().st_size < 1_500_000


def test_long_names_and_titles_are_fitted_and_no_text_overlaps(tmp_path, red_logo):
    path = tmp_path / "certificate.pdf"
    long = certificate(
        learner="Maximilian-Alexander Bartholomew Featherstonehaugh-Wójcik-Montgomery",
        agency="Northshire County Council Children's Services, Early Help and Family Support",
        course_title="Child sexual exploitation, criminal exploitation and county lines: "
        "recognising, responding to and recording concerns for children and young people "
        "at risk in the community",
    )
    settings = dataclasses.replace(LETTERHEAD, logo_path=str(red_logo))
    write_certificates(path, [long], settings)

    boxes = word_boxes(path)
    frame = 12 * layout.mm
    for word, (x0, y0, x1, y1) in boxes:
        assert frame < x0 and x1 < layout.PAGE_WIDTH - frame, word
        assert frame < y0 and y1 < layout.PAGE_HEIGHT - frame, word
    for n, (word, (x0, y0, x1, y1)) in enumerate(boxes):
        for other, (u0, v0, u1, v1) in boxes[n + 1 :]:
            overlap = min(x1, u1) - max(x0, u0) > 0.5 and min(y1, v1) - max(y0, v0) > 0.5
            assert not overlap, f"{word!r} overlaps {other!r}"
    text = " ".join(pdf_text(path).split())
    assert "Featherstonehaugh-Wójcik-Montgomery" in text
    assert "at risk in the community" in text


def test_without_a_signatory_the_certificate_is_signed_for_the_partnership(tmp_path):
    path = tmp_path / "certificate.pdf"
    unsigned = CertificateSettings("Northshire Partnership", "", "", "")
    write_certificates(path, [certificate()], unsigned)
    text = pdf_text(path)
    assert "Signed on behalf of" in text and text.count("Northshire Partnership") == 2


def test_the_pdf_can_be_written_to_a_stream(tmp_path):
    stream = io.BytesIO()
    written = write_certificates(stream, [certificate()], LETTERHEAD)
    assert written.pages == 1 and stream.getvalue().startswith(b"%PDF")


def test_an_error_from_the_page_callback_stops_before_anything_is_saved(tmp_path):
    path = tmp_path / "certificate.pdf"

    def stop(_page: int, _pages: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_certificates(path, [certificate(), certificate()], LETTERHEAD, stop)
    assert not path.exists()


@pytest.fixture
def no_dejavu(monkeypatch) -> Iterator[None]:
    monkeypatch.setattr(layout, "FONT_FOLDERS", ())
    layout._fonts.cache_clear()
    yield
    layout._fonts.cache_clear()


def test_without_the_dejavu_fonts_it_prints_in_helvetica_and_says_so(tmp_path, no_dejavu):
    path = tmp_path / "certificate.pdf"
    written = write_certificates(path, [certificate(learner="Zoë Lefèvre")], LETTERHEAD)
    (warning,) = written.warnings
    assert "DejaVu fonts were not found" in warning and "fonts-dejavu-core" in warning
    assert "Zoë Lefèvre" in pdf_text(path)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "Helvetica" in fonts and "DejaVu" not in fonts


def test_with_the_dejavu_fonts_they_are_embedded(tmp_path):
    path = tmp_path / "certificate.pdf"
    write_certificates(path, [certificate()], LETTERHEAD)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "DejaVuSerif-Bold" in fonts and "DejaVuSans" in fonts


@pytest.mark.parametrize(
    ("hours", "text"),
    [
        ("0.75", "45 minutes"),
        ("1", "1 hour"),
        ("1.00", "1 hour"),
        ("6.00", "6 hours"),
        ("6.5", "6.5 hours"),
        ("0", ""),
    ],
)
def test_a_courses_length_is_said_as_people_say_it(hours, text):
    assert duration_text(Decimal(hours)) == text
