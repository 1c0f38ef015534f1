"""``import evaluations`` from the command line: a real process on a real database file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest

from tests.builders import basics
from tests.evaluation_exports import MS_FORMS, OVERALL, held_session, ms_forms_row, xlsx_export
from tests.test_cli import main
from training.evaluations import list_evaluations
from training.workspace import open_workspace

DAY = dt.date(2025, 6, 10)


@pytest.fixture
def partnership(tmp_path: Path) -> tuple[str, int, Path]:
    """A database with a session two people attended, and an export of three responses to it
    (one named, one anonymous, one with a rating out of range)."""
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    session_id, (alex, _) = held_session(space.unit_of_work(), basics(space.unit_of_work()), DAY)
    space.close()
    export = xlsx_export(
        tmp_path / "CSE feedback.xlsx",
        MS_FORMS,
        [ms_forms_row(1, "Very good", email=alex), ms_forms_row(2, 3), ms_forms_row(3, 9)],
    )
    return url, session_id, export


def saved(url: str, session_id: int) -> list[tuple[str, int | None]]:
    space = open_workspace(url)
    try:
        return sorted(
            (e.respondent, e.overall_rating)
            for e in list_evaluations(space.unit_of_work(), [session_id])
        )
    finally:
        space.close()


def test_an_export_is_imported_with_its_rejects_written_and_exit_status_3(partnership, tmp_path):
    url, session_id, export = partnership
    rejects = tmp_path / "back.xlsx"
    args = ("import", "evaluations", str(export), "--session", str(session_id))
    result = main("--database", url, *args, "--json", "--rejects", str(rejects))
    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["counts"] == {"new": 2, "duplicate": 0, "skipped": 0, "error": 1}
    assert report["errors"] == [{"row": 4, "column": OVERALL, "message": "'9' is not from 1 to 5"}]
    assert {c["header"]: c["field"] for c in report["columns"]}["Name"] is None
    assert report["batch_id"] is not None
    assert saved(url, session_id) == [("Alex Person0", 5), ("Anonymous", 3)]
    sheet = openpyxl.load_workbook(rejects).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(values_only=True)] == ["Row in your file", 4]

    again = main("--database", url, *args)
    assert again.returncode == 3
    assert "0 new, 2 duplicate, 0 skipped, 1 error" in again.stdout
    assert f"row 4, column {OVERALL!r}: '9' is not from 1 to 5" in again.stdout
    assert "Nothing new to save." in again.stdout


def test_a_dry_run_with_column_choices_saves_nothing(partnership):
    url, session_id, export = partnership
    result = main(
        "--database", url, "import", "evaluations", str(export), "--session", str(session_id),
        "--column", f"{OVERALL}=ignore", "--anonymous", "--dry-run",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert f"  {OVERALL!r}: not read" in result.stdout
    assert "3 new, 0 duplicate, 0 skipped, 0 error" in result.stdout
    assert "Dry run: nothing was saved." in result.stdout
    assert saved(url, session_id) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--column", "Name=rating"), "write HEADER=FIELD, where FIELD is one of: response id"),
        ((), "the following arguments are required: --session"),
    ],
)
def test_a_wrong_command_line_is_a_usage_error(args, says):
    result = main("import", "evaluations", "feedback.xlsx", *args)
    assert result.returncode == 2
    assert says in result.stderr


def test_an_unknown_session_is_one_line_and_status_1(partnership):
    url, _, export = partnership
    result = main("--database", url, "import", "evaluations", str(export), "--session", "999")
    assert result.returncode == 1
    assert "No session 999 was found" in result.stderr


def test_the_help_says_what_a_column_may_hold_and_the_exit_status():
    result = main("import", "evaluations", "--help")
    assert result.returncode == 0
    assert "FIELD is one of" in result.stdout and "confidence before" in result.stdout
    assert "3  some rows were rejected" in result.stdout
