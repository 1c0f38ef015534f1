"""Importing agency spreadsheets from the command line: a real process on a real database file.

The database holds what tests/data/imports/README.md says is on record before each import
(built once per module, copied for each test); every sample file is imported on its own.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.sample_partnership import EXPECTED, SAMPLES, build_sample_partnership
from tests.test_cli import main
from training.imports.importing import list_batches
from training.staff import page_staff
from training.workspace import open_workspace, overview

POLICE_SESSION = ("CSE-I1", dt.datetime(2025, 3, 4, 9, 30))
REFUSED = (
    Path(__file__).resolve().parents[2] / "shared" / "corpus" / "real-spreadsheets" / "vba.xlsm"
)

# Each sample file: what it is, and the options its import needs (see the README); a column the
# synonyms miss is named with --column, as the agency's saved mapping in expected.json says.
SAMPLE_IMPORTS: dict[str, tuple[str, ...]] = {
    "police_signin_cse_intro.xlsx": ("attendance", "--session", "{police_session}"),
    "elearning_export_utf8_bom.csv": ("elearning",),
    "elearning_export_cp1252.csv": ("elearning",),
    "hr_staff_list.xlsx": ("staff",),
    "signin_with_course_per_row.xlsx": ("attendance",),
    "hotel_briefing_1904.xlsx": ("attendance", "--course", "CSE-I3"),
    "two_people_same_name.xlsx": ("attendance",),
}


@pytest.fixture(scope="module")
def partnership(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("partnership") / "partnership.sqlite3"
    space = open_workspace(f"sqlite:///{path}")
    sessions = build_sample_partnership(space.unit_of_work())
    space.close()
    return path, {"police_session": str(sessions[POLICE_SESSION])}


@pytest.fixture
def database_url(partnership, tmp_path) -> str:
    source, _ = partnership
    copy = tmp_path / "partnership.sqlite3"
    with closing(sqlite3.connect(source)) as original, closing(sqlite3.connect(copy)) as target:
        original.backup(target)
    return f"sqlite:///{copy}"


def import_args(partnership, name: str) -> list[str]:
    _, ids = partnership
    spec = EXPECTED["files"][name]
    kind, *options = (option.format(**ids) for option in SAMPLE_IMPORTS[name])
    for header, field in spec["saved_mapping"].items():
        options += ["--column", f"{header}={field}"]
    return [kind, str(SAMPLES / name), "--agency", spec["agency"], *options]


def run_json(database_url: str, *args: str) -> tuple[int, dict[str, Any]]:
    result = main("--database", database_url, "import", *args, "--json")
    assert result.returncode in (0, 3), result.stderr
    return result.returncode, json.loads(result.stdout)


def held(database_url: str) -> tuple[dict[str, int], list[tuple[object, ...]], int]:
    """How many of each thing the database holds, every staff member's details, and batches."""
    space = open_workspace(database_url)
    try:
        staff = [
            (s.staff_ref, s.full_name, s.email, s.job_title, s.role, s.start_date, s.leave_date)
            for s in page_staff(space.unit_of_work())
        ]
        return overview(space.unit_of_work()), staff, len(list_batches(space.unit_of_work()))
    finally:
        space.close()


def expected_counts(name: str) -> dict[str, int]:
    rows = EXPECTED["files"][name]["rows"]
    classes = ("new", "update", "duplicate", "skipped", "error")
    return {cls: sum(row["class"] == cls for row in rows) for cls in classes}


KNOWN_WRONG = {}


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_WRONG[name], strict=True))
        if name in KNOWN_WRONG
        else name
        for name in SAMPLE_IMPORTS
    ],
)
def test_each_sample_file_imports_as_its_readme_says(partnership, database_url, name):
    status, report = run_json(database_url, *import_args(partnership, name))
    assert report["counts"] == expected_counts(name)
    rejected = [row["row"] for row in EXPECTED["files"][name]["rows"] if row["class"] == "error"]
    assert [error["row"] for error in report["errors"]] == rejected
    assert status == (3 if rejected else 0)
    assert report["header_row"] == EXPECTED["files"][name]["header_row"]
    assert isinstance(report["batch_id"], int)


def test_a_file_with_nothing_rejected_exits_0(database_url, tmp_path):
    register = tmp_path / "register.csv"
    register.write_text(
        "Staff ID,Name,Course,Date,Status\nKMA00310,Helen Brook,CSE-I1,28/01/2025,Attended\n",
        encoding="utf-8",
    )
    status, report = run_json(
        database_url, "attendance", str(register), "--agency", "Kingsmead Academy"
    )
    assert status == 0
    assert report["counts"]["new"] == 1
    assert report["errors"] == []


def test_a_dry_run_writes_nothing(partnership, database_url):
    before = held(database_url)
    name = "signin_with_course_per_row.xlsx"
    _, report = run_json(database_url, *import_args(partnership, name), "--dry-run")
    assert report["dry_run"] is True
    assert report["counts"] == expected_counts(name)
    assert report["batch_id"] is None
    assert held(database_url) == before


def test_the_same_file_twice_adds_nothing_the_second_time(partnership, database_url):
    args = import_args(partnership, "police_signin_cse_intro.xlsx")
    _, first = run_json(database_url, *args, "--by", "Sam Coordinator")
    after_first = held(database_url)
    again = main("--database", database_url, "import", *args)
    assert again.returncode == 3
    assert f"already imported as batch {first['batch_id']}" in again.stdout
    assert "0 new, 0 update, 17 duplicate" in again.stdout
    assert "row 11, column 'Attended?': is empty" in again.stdout
    assert held(database_url) == after_first
    listing = main("--database", database_url, "imports", "list")
    assert listing.returncode == 0, listing.stderr
    assert "Sam Coordinator" in listing.stdout
    assert "police_signin_cse_intro.xlsx" in listing.stdout


def test_undo_puts_back_what_the_import_changed(partnership, database_url):
    counts, staff, _ = held(database_url)
    _, report = run_json(database_url, *import_args(partnership, "hr_staff_list.xlsx"))
    assert report["counts"]["new"] and report["counts"]["update"]
    assert held(database_url)[:2] != (counts, staff)
    undo = main("--database", database_url, "imports", "undo", str(report["batch_id"]))
    assert undo.returncode == 0, undo.stderr
    assert f"Import {report['batch_id']} undone" in undo.stdout
    assert held(database_url)[:2] == (counts, staff)


@pytest.mark.parametrize(
    ("file", "agency", "says"),
    [
        (REFUSED, "Northshire Police", "vba.xlsm: the workbook contains macros"),
        (
            SAMPLES / "hr_staff_list.xlsx",
            "Northshire Polise",
            "no agency is called 'Northshire Polise'",
        ),
        (
            SAMPLES / "no_such_file.xlsx",
            "Northshire Police",
            "no_such_file.xlsx: there is no such file",
        ),
    ],
)
def test_a_refused_file_or_agency_is_one_line_and_status_1(database_url, file, agency, says):
    result = main(
        "--database", database_url, "import", "staff", str(file), "--agency", agency, "--json"
    )
    assert result.returncode == 1
    assert says in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_the_rejects_are_listed_and_written_to_send_back(partnership, database_url, tmp_path):
    out = tmp_path / "to send back.xlsx"
    name = "police_signin_cse_intro.xlsx"
    _, report = run_json(database_url, *import_args(partnership, name), "--rejects", str(out))
    assert report["file"] == str(SAMPLES / name)
    assert len(report["sha256"]) == 64
    assert (report["kind"], report["agency"], report["sheet"], report["dry_run"]) == (
        "attendance",
        "Northshire Police",
        "Sign-in",
        False,
    )
    assert report["errors"][0] == {
        "row": 11,
        "column": "Attended?",
        "message": "is empty; write attended or did not attend",
    }
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0] == (
        "Row in your file",
        "Collar Number",
        "Surname",
        "First Name",
        "Email",
        "Attended?",
        "Signature",
        "Problem",
    )
    assert [row[0] for row in rows[1:]] == [11, 22, 23]
    assert rows[1][-1] == "Attended?: is empty; write attended or did not attend"
    assert rows[3][1:4] == (5120, "Gibson", "Amy")


def test_import_help_explains_the_exit_status():
    result = main("import", "--help")
    assert result.returncode == 0
    assert "3  some rows were rejected" in result.stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("register", "x.xlsx"), "invalid choice: 'register'"),
        (("staff", "x.xlsx", "--rejects", "back.csv"), "give a file name ending in .xlsx"),
    ],
)
def test_a_wrong_command_line_is_a_usage_error(args, says):
    result = main("import", *args, "--agency", "Northshire Police")
    assert result.returncode == 2
    assert says in result.stderr
