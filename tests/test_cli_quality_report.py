"""``main.py report qa`` run as a user runs it, on a real database file: the files it writes open
and hold the period's figures; without files it prints them."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.builders import basics, person, session
from tests.exports.test_sign_in_sheet import pdf_text
from tests.test_cli import main
from training import registers
from training.evaluations import EvaluationDraft, enter_evaluation
from training.quality import ObservationDraft, record_observation
from training.workspace import open_workspace
from ui.quality_report_command import period

DAY = dt.date(2025, 6, 10)


@pytest.fixture
def database_url(tmp_path) -> str:
    """A session on 10/06/2025 with two evaluations (confidence 2 to 4, and 3 to 4) and a good
    observation; the course is otherwise never assured."""
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    held = session(space.unit_of_work(), b, DAY)
    attendee = person(space.unit_of_work(), b, "P1")
    registers.mark_register(
        space.unit_of_work(), held.id, [registers.AttendanceMark(attendee.id, "attended")]
    )
    for before, comments in ((2, "Clear and practical."), (3, "")):
        enter_evaluation(
            space.unit_of_work(),
            EvaluationDraft(
                held.id,
                submitted_on=DAY,
                overall_rating=4,
                content_rating=5,
                trainer_rating=5,
                confidence_before=before,
                confidence_after=4,
                comments=comments,
            ),
        )
    record_observation(space.unit_of_work(), ObservationDraft(held.id, "Sarah Quinn", DAY, "good"))
    with space.unit_of_work() as uow:
        uow.settings.put(registers.PARTNERSHIP_NAME, "Northshire Partnership")
        uow.commit()
    space.close()
    return url


def test_the_report_is_written_as_a_workbook_and_a_pdf(database_url, tmp_path):
    xlsx, pdf = tmp_path / "qa.xlsx", tmp_path / "qa.pdf"
    result = main(
        "--database",
        database_url,
        "report",
        "qa",
        "--from",
        "01/04/2025",
        "--to",
        "31/03/2026",
        "--xlsx",
        str(xlsx),
        "--pdf",
        str(pdf),
    )
    assert result.returncode == 0, result.stderr
    assert (
        "sessions held from 01/04/2025 to 31/03/2026: 2 responses from 1 session, 1 observation"
        in result.stdout
    )
    assert f"Workbook written to {xlsx} (6 sheets)." in result.stdout
    assert f"PDF written to {pdf} (" in result.stdout
    book = openpyxl.load_workbook(xlsx)
    assert book["Summary"]["B2"].value == "Northshire Partnership"
    figures = {
        row[0]: row[1] for row in book["Summary"].iter_rows(min_row=6, values_only=True) if row[0]
    }
    assert figures["Responses"] == 2
    assert figures["Confidence shift"] == pytest.approx(1.5)  # (2 + 1) / 2
    assert figures["Observations: good"] == 1
    text = pdf_text(pdf)
    assert "Northshire Partnership" in text
    assert "Sessions held from 01/04/2025 to 31/03/2026" in text
    assert "Clear and practical." in text
    assert "Page 1 of " in text
    assert not list(tmp_path.glob("*.partial.*"))


def test_without_files_the_summary_is_printed(database_url):
    result = main("--database", database_url, "report", "qa", "--from", "01/01/2025")
    assert result.returncode == 0, result.stderr
    assert "2 responses from 1 session" in result.stdout
    assert "2.5 to 4.0" in result.stdout  # confidence before (2 + 3) / 2 and after
    assert "+1.5 ± 0.7" in result.stdout  # shift (2 + 1) / 2, SD sqrt(0.5)
    assert "Targeted" in result.stdout


def test_the_period_is_the_last_12_months_unless_given():
    today = dt.date(2026, 3, 31)
    assert period(None, None, today) == (dt.date(2025, 4, 1), today)
    assert period(None, dt.date(2024, 2, 29), today) == (dt.date(2023, 3, 1), dt.date(2024, 2, 29))
    assert period(dt.date(2026, 1, 1), None, today) == (dt.date(2026, 1, 1), today)


def test_a_period_ending_before_it_starts_is_a_clear_error(database_url, tmp_path):
    target = tmp_path / "qa.pdf"
    result = main(
        "--database",
        database_url,
        "report",
        "qa",
        "--from",
        "01/04/2026",
        "--to",
        "31/03/2026",
        "--pdf",
        str(target),
    )
    assert result.returncode == 1
    assert "The period ends (31/03/2026) before it starts (01/04/2026)" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--pdf", "qa.xlsx"), "give a file name ending in .pdf"),
        (("--xlsx", "qa.pdf"), "give a file name ending in .xlsx"),
        (("--from", "31/02/2026"), "is not a date: write it as dd/mm/yyyy"),
    ],
)
def test_wrong_options_are_refused_by_name(args, message):
    result = main("report", "qa", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_a_file_that_cannot_be_written_is_a_clear_error(database_url, tmp_path):
    target = tmp_path / "missing folder" / "qa.xlsx"
    result = main("--database", database_url, "report", "qa", "--xlsx", str(target))
    assert result.returncode == 1
    assert f"{target} cannot be written" in result.stderr
    assert "Traceback" not in result.stderr
