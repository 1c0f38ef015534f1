"""Certificates from the command line: a real process on a real database file, real PDFs."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from tests.builders import basics, person, session
from tests.test_cli import main
from training import registers
from training.certificates import CertificateSettings, save_certificate_settings
from training.workspace import open_workspace

NUMBER = re.compile(r"STM-\d{4}-\d{6}")


@dataclass(frozen=True)
class Partnership:
    url: str
    session_id: int
    attendance: dict[str, int]  # by surname


@pytest.fixture
def partnership(tmp_path) -> Partnership:
    """A session that Adams and Wójcik attended, Booked was booked on and Absent missed."""
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    day = session(space.unit_of_work(), b, dt.date(2026, 12, 3))
    marks = []
    for n, (surname, status) in enumerate(
        (
            ("Adams", "attended"),
            ("Wójcik", "attended"),
            ("Booked", "booked"),
            ("Absent", "did not attend"),
        )
    ):
        someone = person(space.unit_of_work(), b, f"P{n}", last=surname)
        marks.append(registers.AttendanceMark(someone.id, status))
    registers.mark_register(space.unit_of_work(), day.id, marks)
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "navy").save(logo)
    save_certificate_settings(
        space.unit_of_work(),
        CertificateSettings("Northshire Partnership", str(logo), "Dr Helen Marsden", "Scrutineer"),
    )
    lines = registers.register(space.unit_of_work(), day.id)
    space.close()
    return Partnership(url, day.id, {line.last_name: line.attendance_id for line in lines})


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def rendered(path: Path, folder: Path) -> Image.Image:
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(path), str(folder / "p")],
        check=True,
    )
    (png,) = folder.glob("p*.png")
    with Image.open(png) as image:
        return image.convert("L")


def test_the_command_has_help():
    result = main("certificates", "--help")
    assert result.returncode == 0
    assert "--session" in result.stdout and "--staff-ref" in result.stdout


def test_a_sessions_certificates_are_one_pdf_of_those_who_attended(partnership, tmp_path):
    out = tmp_path / "day.pdf"
    result = main(
        "--database",
        partnership.url,
        "certificates",
        "--session",
        str(partnership.session_id),
        "--out",
        str(out),
    )

    assert result.returncode == 0, result.stderr
    pages = pdf_pages(out)
    assert len(pages) == 2
    assert "Alex Adams" in pages[0] and "Alex Wójcik" in pages[1]
    assert not any("Booked" in page or "Absent" in page for page in pages)
    for page in pages:
        assert "Northshire Partnership" in page and "Dr Helen Marsden" in page
        assert "Certificate of Attendance" in page and "on 03/12/2026" in page
    assert "2 certificates saved to" in result.stdout and "new" in result.stdout
    image = rendered(out, tmp_path)
    assert image.width > image.height, "landscape"
    assert min(image.getextrema()) < 60, "dark ink: text, QR code and logo"


def test_a_reprint_keeps_every_number_and_code(partnership, tmp_path):
    args = ("--database", partnership.url, "certificates", "--session", str(partnership.session_id))
    main(*args, "--out", str(tmp_path / "first.pdf"))
    result = main(*args, "--out", str(tmp_path / "again.pdf"))

    assert result.returncode == 0, result.stderr
    first, again = pdf_pages(tmp_path / "first.pdf"), pdf_pages(tmp_path / "again.pdf")
    assert [NUMBER.findall(page) for page in again] == [NUMBER.findall(page) for page in first]
    assert first == again, "the very same text, verification codes and all"
    assert "reprint" in result.stdout and " new" not in result.stdout


def test_a_folder_gets_one_pdf_per_certificate(partnership, tmp_path):
    folder = tmp_path / "certificates"
    result = main(
        "--database",
        partnership.url,
        "certificates",
        "--session",
        str(partnership.session_id),
        "--out",
        str(folder),
    )

    assert result.returncode == 0, result.stderr
    files = sorted(folder.iterdir())
    assert [NUMBER.sub("N", f.name) for f in files] == ["N-Alex-Adams.pdf", "N-Alex-Wójcik.pdf"]
    for file in files:
        (page,) = pdf_pages(file)
        assert NUMBER.search(file.name).group() in page
    assert "2 files in" in result.stdout


def test_one_record_by_its_attendance_id(partnership, tmp_path):
    out = tmp_path / "one.pdf"
    record = partnership.attendance["Wójcik"]
    result = main(
        "--database",
        partnership.url,
        "certificates",
        "--attendance",
        str(record),
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    (page,) = pdf_pages(out)
    assert "Alex Wójcik" in page and "1 certificate saved" in result.stdout


def test_one_person_by_agency_staff_reference_and_course(partnership, tmp_path):
    out = tmp_path / "adams.pdf"
    result = main(
        "--database",
        partnership.url,
        "certificates",
        "--staff-ref",
        "P0",
        "--agency",
        "Northshire Police",
        "--course",
        "CSE-T1",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    (page,) = pdf_pages(out)
    assert "Alex Adams" in page and "CSE: targeted" in page


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--attendance", "{Absent}"), "recorded as 'did not attend'"),
        (("--staff-ref", "P0", "--agency", "Northshire Police"), "--staff-ref needs --agency"),
        (
            ("--staff-ref", "P9", "--agency", "Northshire Police", "--course", "CSE-T1"),
            "no one with reference 'P9'",
        ),
        (("--session", "999"), "No session 999 was found"),
    ],
)
def test_what_cannot_be_printed_is_a_clear_error_and_writes_nothing(
    partnership, tmp_path, args, message
):
    out = tmp_path / "x.pdf"
    filled = [arg.format(**partnership.attendance) for arg in args]
    result = main("--database", partnership.url, "certificates", *filled, "--out", str(out))
    assert result.returncode == 1
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_a_lost_logo_is_a_warning_and_the_certificates_still_print(partnership, tmp_path):
    (tmp_path / "logo.png").unlink()
    out = tmp_path / "day.pdf"
    result = main(
        "--database",
        partnership.url,
        "certificates",
        "--session",
        str(partnership.session_id),
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "Warning:" in result.stderr and "was not found" in " ".join(result.stderr.split())
    assert len(pdf_pages(out)) == 2


def test_the_choice_of_records_is_required(partnership, tmp_path):
    result = main("--database", partnership.url, "certificates", "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2
    assert "one of the arguments --session --attendance --staff-ref is required" in result.stderr
