"""``people``: retention, anonymising leavers, erasure and export from the command line: a real
process on a real database file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from storage.database import Database
from tests.personal_data import CURRENT, GONE, MISSPELT, RECENT, TODAY, Cast, build, traces_in
from tests.test_cli import ROOT, main
from training.data_protection import retention_policy
from training.workspace import open_workspace


@pytest.fixture
def partnership(tmp_path: Path) -> Iterator[tuple[str, Database, Cast]]:
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    yield url, space.database, build(space.database, tmp_path)
    space.close()


def test_the_retention_period_is_shown_and_set(partnership):
    url, database, _ = partnership
    shown = main("--database", url, "people", "retention")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.strip() == (
        "Leavers' personal data is kept for 6 years after leaving, then anonymised."
    )

    saved = main("--database", url, "people", "retention", "--years", "3")

    assert saved.returncode == 0, saved.stderr
    assert saved.stdout.splitlines()[0] == "Saved."
    assert retention_policy(database.unit_of_work()).years == 3


def test_a_retention_period_out_of_range_is_refused(partnership):
    url, database, _ = partnership
    result = main("--database", url, "people", "retention", "--years", "0")
    assert result.returncode == 1
    assert "years: must be from 1 to 100 years, not 0" in result.stderr
    assert retention_policy(database.unit_of_work()).years == 6


def test_a_dry_run_names_the_leavers_due_and_changes_nothing(partnership):
    url, database, _ = partnership

    result = main("--database", url, "people", "anonymise-leavers", "--dry-run")

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"On {TODAY:%d/%m/%Y}, 1 leaver who left on or before ")
    assert "  Northshire Police: 1" in lines
    assert "  Zebedee Quixotic, Northshire Police, left 30/06/2015" in lines
    assert lines[-1] == "Dry run: nothing was changed."
    assert traces_in(database, GONE.last)


def test_anonymising_leavers_leaves_no_trace_of_them(partnership):
    url, database, _ = partnership

    result = main("--database", url, "people", "anonymise-leavers")

    assert result.returncode == 0, result.stderr
    assert "1 leaver who left on or before" in result.stdout
    assert traces_in(database, *GONE.traces, MISSPELT) == []
    assert traces_in(database, RECENT.last)
    again = main("--database", url, "people", "anonymise-leavers", "--on", "01/01/2020")
    assert "No leavers were due to be anonymised on 01/01/2020." in again.stdout


def test_erasing_without_confirmation_is_refused_when_no_one_can_be_asked(partnership):
    url, database, cast = partnership
    result = main(
        "--database", url, "people", "erase", "--staff-id", str(cast.current), "--reason", "Asked"
    )
    assert result.returncode == 1
    assert "confirm with --yes" in result.stderr
    assert traces_in(database, CURRENT.last)


def test_erasing_by_agency_and_reference_with_yes(partnership):
    url, database, cast = partnership

    result = main(
        "--database", url, "people", "erase", "--agency", "Northshire Police", "--ref", "IU555",
        "--reason", "Asked by letter on 02/03/2026", "--yes",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Erased: Ignatius Umbridge is now Anonymised person #{cast.current}. "
        "The reason is in the audit trail."
    )
    assert traces_in(database, *CURRENT.traces) == []
    assert traces_in(database, "Asked by letter on 02/03/2026")
    twice = main(
        "--database", url, "people", "erase", "--staff-id", str(cast.current),
        "--reason", "Again", "--yes",
    )  # fmt: skip
    assert twice.returncode == 1 and "already anonymised" in twice.stderr


def test_erasing_asks_at_a_terminal_and_goes_ahead_on_the_word(partnership):
    url, database, cast = partnership
    controller, terminal = os.openpty()
    try:
        os.write(controller, b"erase\n")
        result = subprocess.run(
            [sys.executable, "main.py", "--database", url, "people", "erase",
             "--staff-id", str(cast.current), "--reason", "Asked by letter"],
            cwd=ROOT, stdin=terminal, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 0, result.stderr
    assert "Erasing Ignatius Umbridge (Northshire Police, IU555" in result.stdout
    assert 'Type "erase" to erase Ignatius Umbridge' in result.stdout
    assert traces_in(database, *CURRENT.traces) == []


def test_everything_held_about_a_person_is_exported(partnership, tmp_path):
    url, _, cast = partnership
    out = tmp_path / "sar.xlsx"

    result = main(
        "--database", url, "people", "export", "--staff-id", str(cast.gone), "--xlsx", str(out)
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        f"Everything held about Zebedee Quixotic (Northshire Police, ZQ777, staff id {cast.gone}) "
        f"written to {out} (9 sheets)."
    )
    book = openpyxl.load_workbook(out)
    assert book["Person"]["A1"].value == (
        "Everything held about: Zebedee Quixotic, Northshire Police"
    )
    assert book["Certificates"].max_row == 4


def test_a_person_must_be_named_one_way(partnership, tmp_path):
    url, _, _ = partnership
    result = main(
        "--database", url, "people", "export", "--agency", "Northshire Police",
        "--xlsx", str(tmp_path / "x.xlsx"),
    )  # fmt: skip
    assert result.returncode == 1
    assert "give either their staff id, or their agency and staff reference" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()
