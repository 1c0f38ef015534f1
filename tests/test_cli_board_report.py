"""``main.py report board`` run as a user runs it, on a real database file: the files it writes
open and hold the period's figures; without files the key figures are printed."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.builders import basics, person, session
from tests.exports.test_return_pdf import pages_as_images
from tests.exports.test_sign_in_sheet import pdf_text
from tests.test_cli import main
from training import registers
from training.registers import AttendanceMark, mark_register
from training.workspace import open_workspace

PERIOD = ("--from", "01/04/2025", "--to", "31/03/2026")


@pytest.fixture
def database_url(tmp_path) -> str:
    """One targeted session in the period (two attended, one did not) and an e-learning
    completion before it."""
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    people = [person(space.unit_of_work(), b, f"P{n}", f"Officer{n}").id for n in range(3)]
    held = session(space.unit_of_work(), b, dt.date(2025, 10, 8), capacity=12).id
    marks = ["attended", "attended", "did not attend"]
    mark_register(
        space.unit_of_work(),
        held,
        [AttendanceMark(p, mark) for p, mark in zip(people, marks, strict=True)],
    )
    registers.record_completion(space.unit_of_work(), people[2], b.course_id, dt.date(2025, 3, 1))
    space.close()
    return url


def test_the_report_is_written_as_a_pdf_and_a_workbook(database_url, tmp_path):
    xlsx, pdf = tmp_path / "board.xlsx", tmp_path / "board.pdf"
    result = main(
        "--database",
        database_url,
        "report",
        "board",
        *PERIOD,
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    )
    assert result.returncode == 0, result.stderr
    assert (
        "Board training report, 01/04/2025 to 31/03/2026: 1 session delivered, 2 attendances"
        in result.stdout
    )
    assert f"Workbook written to {xlsx} (10 sheets)." in result.stdout
    assert f"PDF written to {pdf} (" in result.stdout
    book = openpyxl.load_workbook(xlsx)
    targeted = next(r for r in book["Sessions"].iter_rows(values_only=True) if r[0] == "Targeted")
    assert targeted[:5] == ("Targeted", 1, 0, 12, 2)
    assert targeted[7] == pytest.approx(1 / 3)
    by_sector = {r[0]: r[1] for r in book["By sector"].iter_rows(min_row=5, values_only=True)}
    assert by_sector["Police"] == 2
    text = " ".join(pdf_text(pdf).split())
    assert "Period 01/04/2025 to 31/03/2026" in text
    assert "2 of 12 (16.7%)" in text  # places filled
    assert "1 (33.3%)" in text  # did not attend
    assert len(pages_as_images(pdf, tmp_path)) >= 2
    assert not list(tmp_path.glob("*.partial.*"))


def test_without_files_the_key_figures_are_printed(database_url):
    result = main("--database", database_url, "report", "board", *PERIOD)
    assert result.returncode == 0, result.stderr
    assert "At a glance" in result.stdout
    assert "2 of 12 (16.7%)" in result.stdout
    assert "1 of 1" in result.stdout  # Northshire Police has no trained champion


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (
            ("--from", "01/04/2026", "--to", "31/03/2026"),
            1,
            "31/03/2026 is before the start of the period, 01/04/2026",
        ),
        (("--pdf", "board.xlsx"), 2, "give a file name ending in .pdf"),
        (("--to", "2026-31-03"), 2, "write it as dd/mm/yyyy"),
    ],
)
def test_the_command_line_is_checked(database_url, args, status, message):
    result = main("--database", database_url, "report", "board", *args)
    assert result.returncode == status
    assert message in result.stderr
    assert "Traceback" not in result.stderr
