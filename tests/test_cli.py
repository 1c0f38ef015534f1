"""The command line, run as a user runs it: a real process on a real database file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import basics, person
from training.workspace import open_workspace

ROOT = Path(__file__).resolve().parents[1]


def main(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def database_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    person(space.unit_of_work(), b, "P1")
    space.close()
    return url


@pytest.mark.parametrize("args", [(), ("demo",), ("compliance",), ("settings", "import")])
def test_every_command_has_help(args):
    result = main(*args, "--help")
    assert result.returncode == 0
    assert "usage: main.py" in result.stdout


def test_info_counts_what_the_database_holds(database_url):
    result = main("--database", database_url, "info")
    assert result.returncode == 0, result.stderr
    assert "staff members" in result.stdout
    assert "agencies" in result.stdout


def test_compliance_prints_each_agency(database_url):
    result = main("--database", database_url, "compliance", "--topic", "CSE", "--on", "01/06/2025")
    assert result.returncode == 0, result.stderr
    assert "Northshire Police" in result.stdout
    assert "01/06/2025" in result.stdout


def test_a_user_error_is_one_line_and_a_failure_status(database_url):
    result = main("--database", database_url, "compliance", "--topic", "Knife crime")
    assert result.returncode == 1
    assert "no topic is called 'Knife crime'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_date_is_refused_by_the_parser(database_url):
    result = main("--database", database_url, "compliance", "--topic", "CSE", "--on", "31/02/2025")
    assert result.returncode == 2
    assert "write it as dd/mm/yyyy" in result.stderr


def test_an_unreachable_database_is_a_clear_error(tmp_path):
    result = main("--database", "postgresql://nobody@127.0.0.1:1/none", "info")
    assert result.returncode == 1
    assert "Cannot open the database" in result.stderr


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("shopping list: milk, eggs\n" * 100)
    result = main("--database", f"sqlite:///{notes}", "info")
    assert result.returncode == 1
    assert "Cannot open the database" in result.stderr
    assert "file is not a database" in result.stderr


def test_an_unknown_kind_of_database_url_is_a_clear_error():
    result = main("--database", "nonsense://x", "info")
    assert result.returncode == 1
    assert "is not a database URL we can open" in result.stderr
