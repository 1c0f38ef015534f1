"""``main.py audit``: the audit trail from the command line, a real process on a real database
file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.builders import basics, person
from tests.test_cli import main
from training import staff
from training.access import Principal, Role
from training.workspace import open_workspace

TODAY = dt.date.today()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A partnership set up by the embedded user; then "jo" gives Alex Smith a leave date."""
    url = f"sqlite:///{tmp_path / 'partnership.sqlite3'}"
    space = open_workspace(url)
    b = basics(space.unit_of_work())
    alex = person(space.unit_of_work(), b, "P1")
    draft = staff.StaffDraft(
        b.agency_id,
        "Alex",
        "Smith",
        b.role_id,
        staff_ref="P1",
        email=alex.email,
        leave_date=dt.date(2026, 3, 31),
    )
    jo = space.database.unit_of_work(Principal("jo", Role.COORDINATOR))
    staff.save_staff(jo, draft, staff_id=alex.id, version=alex.version)
    space.close()
    return url


def test_it_prints_the_newest_changes_first(database_url):
    result = main("--database", database_url, "audit", "--limit", "2")

    assert result.returncode == 0, result.stderr
    assert "Audit trail: the newest 2 of 13 changes" in result.stdout
    lines = [line for line in result.stdout.splitlines() if "│" in line]
    assert "jo" in lines[0] and "Changed" in lines[0] and "Staff member" in lines[0]
    assert "leave date: (none) → 31/03/2026" in lines[0]
    assert "Added" in lines[1]


def test_the_filters_pick_the_changes(database_url):
    result = main(
        "--database", database_url, "audit", "--user", "JO", "--table", "staff member",
        "--from", f"{TODAY:%d/%m/%Y}", "--to", f"{TODAY:%d/%m/%Y}", "--action", "changed",
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "Audit trail: 1 change" in result.stdout
    assert "Alex Smith" in result.stdout

    nothing = main("--database", database_url, "audit", "--search", "nobody-at-all")
    assert nothing.returncode == 0, nothing.stderr
    assert nothing.stdout.strip() == ("No change matches the filter: matching 'nobody-at-all'.")


def test_every_change_that_matches_is_written_to_a_workbook(database_url, tmp_path):
    out = tmp_path / "audit.xlsx"

    result = main("--database", database_url, "audit", "--user", "jo", "--xlsx", str(out))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Audit trail written to {out}: 1 change."
    rows = list(openpyxl.load_workbook(out)["Audit trail"].iter_rows(values_only=True))
    assert rows[1][1:] == (
        "jo", "Changed", "Staff member", "Alex Smith", 1, "leave date", "(none)", "31/03/2026"
    )  # fmt: skip
    assert isinstance(rows[1][0], dt.datetime)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--table", "widgets"), "'widgets' is not a kind of record"),
        (("--action", "deleted"), "use added, changed or removed"),
        (("--from", "02/02/2026", "--to", "01/01/2026"), "is before the first day"),
        (("--xlsx", "/no/such/folder/a.xlsx"), "there is no folder"),
    ],
)
def test_a_wrong_option_is_refused_saying_why(database_url, args, message):
    result = main("--database", database_url, "audit", *args)

    assert result.returncode == 1
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("args", [("--from", "31/02/2026"), ("--limit", "0"), ("--xlsx", "a.csv")])
def test_a_malformed_option_is_refused_by_the_parser(database_url, args):
    result = main("--database", database_url, "audit", *args)

    assert result.returncode == 2
    assert "error:" in result.stderr
