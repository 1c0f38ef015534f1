"""``main.py report return`` run as a user runs it, on a real database file: the files it writes
open, and hold the return."""

from __future__ import annotations

import datetime as dt
import subprocess

import openpyxl
import pytest

from tests.builders import basics, person
from tests.exports.test_sign_in_sheet import pdf_text
from tests.test_cli import main
from training import registers
from training.workspace import open_workspace


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    trained, _ = (
        person(space.unit_of_work(), b, "P1"),
        person(space.unit_of_work(), b, "P2", "Jones"),
    )
    registers.record_completion(space.unit_of_work(), trained.id, b.course_id, dt.date(2025, 6, 2))
    space.close()
    return url


def test_the_return_is_written_as_a_workbook_and_a_pdf(database_url, tmp_path):
    xlsx, pdf = tmp_path / "return.xlsx", tmp_path / "return.pdf"
    result = main(
        "--database",
        database_url,
        "report",
        "return",
        "--on",
        "31/03/2026",
        "--from",
        "01/04/2025",
        "--topic",
        "CSE",
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    )
    assert result.returncode == 0, result.stderr
    assert "1 agency, 2 people in scope (CSE)" in result.stdout
    assert f"Workbook written to {xlsx} (2 sheets)." in result.stdout
    assert f"PDF written to {pdf} (" in result.stdout
    book = openpyxl.load_workbook(xlsx)
    assert book.sheetnames == ["Summary", "Northshire Police"]
    police = [
        row for row in book["Summary"].iter_rows(values_only=True) if row[0] == "Northshire Police"
    ]
    assert police[0][:9] == ("Northshire Police", "Police", "CSE", 0, 0, 2, 0, 2, 1)
    assert police[0][9] == 0.5
    statuses = [row[5] for row in book["Northshire Police"].iter_rows(values_only=True)]
    assert statuses[-2:] == ["overdue (never trained)", "trained"]
    text = pdf_text(pdf)
    assert "Reporting date 31/03/2026; period 01/04/2025 to 31/03/2026" in text
    assert "50.0%" in text
    image = tmp_path / "page"
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(image)], check=True
    )
    assert (tmp_path / "page-1.png").stat().st_size > 0
    assert not list(tmp_path.glob("*.partial.*"))


def test_without_files_the_summary_is_printed(database_url):
    result = main(
        "--database", database_url, "report", "return", "--on", "31/03/2026", "--all-topics"
    )
    assert result.returncode == 0, result.stderr
    assert "Northshire Police" in result.stdout
    assert "50.0" in result.stdout


def test_an_unknown_agency_is_a_clear_error(database_url, tmp_path):
    result = main(
        "--database",
        database_url,
        "report",
        "return",
        "--topic",
        "CSE",
        "--agency",
        "Nowhere",
        "--pdf",
        str(tmp_path / "x.pdf"),
    )
    assert result.returncode == 1
    assert "no agency is called 'Nowhere' (agencies: Northshire Police)" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("where", ["missing folder/return.xlsx", "a folder.xlsx"])
def test_a_file_that_cannot_be_written_is_a_clear_error(database_url, tmp_path, where):
    (tmp_path / "a folder.xlsx").mkdir()
    target = tmp_path / where
    result = main(
        "--database", database_url, "report", "return", "--topic", "CSE", "--xlsx", str(target)
    )
    assert result.returncode == 1
    assert f"{target} cannot be written" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.partial.*"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "31/03/2026"), "one of the arguments --topic --all-topics is required"),
        (("--topic", "CSE", "--all-topics"), "not allowed with argument"),
        (("--topic", "CSE", "--xlsx", "out.csv"), "give a file name ending in .xlsx"),
        (("--topic", "CSE", "--pdf", "out.xlsx"), "give a file name ending in .pdf"),
        (("--topic", "CSE", "--on", "2026-31-03"), "write it as dd/mm/yyyy"),
    ],
)
def test_the_command_line_is_checked(database_url, args, message):
    result = main("--database", database_url, "report", "return", *args)
    assert result.returncode == 2
    assert message in result.stderr
