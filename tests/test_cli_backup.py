"""``backup`` and ``restore`` from the command line: real processes on a real database file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.builders import basics, person
from tests.test_cli import ROOT, main
from training import staff
from training.agencies import list_agencies
from training.workspace import open_workspace, overview


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'live' / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    person(space.unit_of_work(), b, "P1")
    person(space.unit_of_work(), b, "P2", "Jones")
    space.close()
    return url


def staff_count(url: str) -> int:
    space = open_workspace(url)
    try:
        return overview(space.unit_of_work())["staff members"]
    finally:
        space.close()


def add_someone(url: str) -> None:
    space = open_workspace(url)
    try:
        agency = list_agencies(space.unit_of_work())[0]
        role = staff.list_roles(space.unit_of_work())[0]
        staff.save_staff(
            space.unit_of_work(),
            staff.StaffDraft(agency.id, "Priya", "Patel", role.id, staff_ref="P3"),
        )
    finally:
        space.close()


def kept_copies(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "live").glob("partnership.before-restore-*.sqlite3"))


def answering(answer: str, *args: str) -> subprocess.CompletedProcess[str]:
    """``main.py`` with ``answer`` typed at its question."""
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        input=answer,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_backup_and_restore_have_help(command):
    result = main(command, "--help")
    assert result.returncode == 0
    assert "pg_dump" in result.stdout or "before-restore" in result.stdout


def test_a_backup_is_restored_with_yes_and_the_database_as_it_was_is_kept(database_url, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    backed_up = main("--database", database_url, "backup", "--to", str(backup))
    assert backed_up.returncode == 0, backed_up.stderr
    assert f"to {backup}." in backed_up.stdout
    assert "The backup holds 1 agencies, 2 staff members" in backed_up.stdout
    add_someone(database_url)
    assert staff_count(database_url) == 3

    restored = main("--database", database_url, "restore", "--from", str(backup), "--yes")

    assert restored.returncode == 0, restored.stderr
    assert staff_count(database_url) == 2
    assert "It now holds 1 agencies, 2 staff members" in restored.stdout
    [kept] = kept_copies(tmp_path)
    assert f"kept in {kept}" in restored.stdout
    assert staff_count(f"sqlite:///{kept}") == 3


@pytest.mark.parametrize("answer", ["n\n", "\n", ""])
def test_restore_asks_first_and_without_a_yes_changes_nothing(database_url, tmp_path, answer):
    backup = tmp_path / "backup.sqlite3"
    main("--database", database_url, "backup", "--to", str(backup))
    add_someone(database_url)

    result = answering(answer, "--database", database_url, "restore", "--from", str(backup))

    assert result.returncode == 1
    assert "will be replaced by what" in result.stdout and "Restore? [y/N]" in result.stdout
    assert "Nothing was restored." in result.stderr
    assert staff_count(database_url) == 3
    assert kept_copies(tmp_path) == []


def test_restore_goes_ahead_when_the_answer_is_yes(database_url, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    main("--database", database_url, "backup", "--to", str(backup))
    add_someone(database_url)

    result = answering("y\n", "--database", database_url, "restore", "--from", str(backup))

    assert result.returncode == 0, result.stderr
    assert staff_count(database_url) == 2
    assert len(kept_copies(tmp_path)) == 1


def test_a_file_that_is_not_a_backup_is_refused_with_one_line(database_url, tmp_path):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("not a database " * 100)

    result = main("--database", database_url, "restore", "--from", str(notes), "--yes")

    assert result.returncode == 1
    assert f"{notes} is not a database" in result.stderr.replace("\n", "")
    assert "Traceback" not in result.stderr
    assert staff_count(database_url) == 2
    assert kept_copies(tmp_path) == []


def test_a_backup_into_a_missing_folder_is_refused(database_url, tmp_path):
    target = tmp_path / "missing" / "backup.sqlite3"
    result = main("--database", database_url, "backup", "--to", str(target))
    assert result.returncode == 1
    assert "there is no folder" in result.stderr.replace("\n", "")
    assert not target.parent.exists()
