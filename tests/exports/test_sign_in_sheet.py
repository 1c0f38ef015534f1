"""The printed sign-in sheet: what it says, over how many pages, and that it draws."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from PIL import Image, ImageStat

from exports.sign_in_sheet import write_sign_in_sheet
from training.registers import SignInLine, SignInSheet

PARTNERSHIP = "Northshire Safeguarding Children Partnership"


def sheet_of(lines: list[SignInLine], capacity: int, partnership: str = PARTNERSHIP) -> SignInSheet:
    return SignInSheet(
        partnership=partnership,
        course_code="CSE-T1",
        course_title="CSE: working with children at risk",
        topic="Child sexual exploitation (CSE)",
        tier="Targeted",
        starts_at=dt.datetime(2026, 12, 3, 9, 30),
        ends_at=dt.datetime(2026, 12, 3, 16, 30),
        venue="Marlbury Civic Centre, Room 2",
        trainer="Rob Atherton",
        capacity=capacity,
        lines=tuple(lines),
        blank_lines=max(capacity - len(lines), 0),
    )


def people(count: int) -> list[SignInLine]:
    return [
        SignInLine(f"Person{n:02d} Surname", "Northshire Police", "Police Constable")
        for n in range(1, count + 1)
    ]


def pdf_text(path: Path, *, layout: bool = True) -> str:
    """The text of the PDF as poppler reads it: laid out as printed, or in reading order."""
    options = ["-layout"] if layout else []
    run = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return run.stdout


def test_the_sheet_names_the_partnership_course_and_session(tmp_path):
    path = tmp_path / "sheet.pdf"
    pages = write_sign_in_sheet(path, sheet_of(people(3), capacity=12))
    text = pdf_text(path)
    assert pages == 1
    for expected in (
        PARTNERSHIP,
        "Sign-in sheet",
        "CSE: working with children at risk",
        "CSE-T1 · Targeted tier · Child sexual exploitation (CSE)",
        "Thursday 03/12/2026",
        "09:30 to 16:30",
        "Marlbury Civic Centre, Room 2",
        "Rob Atherton",
        "12 places: 3 booked, 9 free",
        "Person01 Surname",
        "Police Constable",
        "Page 1 of 1",
    ):
        assert expected in text, expected


def test_a_long_register_repeats_its_header_row_and_numbers_its_pages(tmp_path):
    path = tmp_path / "sheet.pdf"
    pages = write_sign_in_sheet(path, sheet_of(people(30), capacity=40))
    text = pdf_text(path)
    assert pages == 2
    assert "Page 1 of 2" in text and "Page 2 of 2" in text
    page_one, page_two = text.split("\f")[:2]
    assert "Role or job title" in page_one and "Role or job title" in page_two
    assert "Person30 Surname" in text
    numbers = [line.split()[0] for line in text.splitlines() if line.strip()[:2].isdigit()]
    assert numbers[-1] == "40", "blank numbered lines for walk-ins up to the capacity"


def test_names_with_markup_characters_print_as_typed(tmp_path):
    path = tmp_path / "sheet.pdf"
    awkward = [
        SignInLine("Ann <Annie> O'Neil & Co", "Smith & Sons <Ltd>", "Lead <b>Nurse</b>"),
        SignInLine("Łucja Wójcik", "Northshire Police", ""),
    ]
    write_sign_in_sheet(path, sheet_of(awkward, capacity=2, partnership="A & B <Board>"))
    text = " ".join(pdf_text(path, layout=False).split())  # a long name wraps in its cell
    assert "Ann <Annie> O'Neil & Co" in text
    assert "Smith & Sons <Ltd>" in text
    assert "Lead <b>Nurse</b>" in text
    assert "Łucja Wójcik" in text
    assert "A & B <Board>" in text


def test_without_a_partnership_name_the_sheet_still_has_a_title(tmp_path):
    path = tmp_path / "sheet.pdf"
    write_sign_in_sheet(path, sheet_of(people(1), capacity=1, partnership=""))
    text = pdf_text(path)
    assert "Safeguarding training" in text and "Sign-in sheet" in text


def test_the_first_page_renders_as_a_picture_with_ink_on_it(tmp_path):
    path = tmp_path / "sheet.pdf"
    write_sign_in_sheet(path, sheet_of(people(20), capacity=24))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        width, height = image.size
        assert abs(width - 413) <= 1 and abs(height - 585) <= 1  # A4 at 50 dots per inch
        grey = ImageStat.Stat(image.convert("L"))
        darkest, lightest = grey.extrema[0]
        assert lightest == 255 and darkest < 80, "white paper with dark text"
        assert grey.mean[0] < 250, "more than a speck of ink"
