"""Users on a shared PostgreSQL database from the command line, as real processes: the first
coordinator, signing in, and an agency lead refused another agency's data by every command."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from storage.database import Database
from tests.builders import basics
from tests.conftest import _empty_postgres
from tests.test_cli import ROOT
from training import agencies

pytestmark = pytest.mark.postgresql
PASSWORD = "correct horse battery"


def run(
    url: str, *args: str, user: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("STM_")}
    if user:
        environment |= {"STM_USER": user, "STM_PASSWORD": PASSWORD}
    environment |= env
    return subprocess.run(
        [sys.executable, "main.py", "--database", url, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=environment,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def shared(postgres_database: Database, postgres_url: str) -> str:
    """A shared database with two agencies, its first coordinator and the police's lead."""
    _empty_postgres(postgres_database)
    b = basics(postgres_database.unit_of_work())
    agencies.save_agency(
        postgres_database.unit_of_work(), agencies.AgencyDraft("Northshire Council", b.sector_id)
    )
    done = run(
        postgres_url,
        "users",
        "setup",
        "carol",
        "--full-name",
        "Carol Coordinator",
        STM_PASSWORD=PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    added = run(
        postgres_url,
        "users",
        "add",
        "lee",
        "--role",
        "agency_lead",
        "--agency",
        "Northshire Police",
        user="carol",
        STM_NEW_PASSWORD=PASSWORD,
    )
    assert added.returncode == 0, added.stderr
    assert "lee added as Agency lead of Northshire Police" in added.stdout
    return postgres_url


def test_a_command_on_a_shared_database_needs_a_signed_in_user(shared):
    anonymous = run(shared, "info")
    assert anonymous.returncode == 1
    assert "shared database: sign in" in anonymous.stderr
    wrong = run(shared, "info", STM_USER="carol", STM_PASSWORD="not the password")
    assert wrong.returncode == 1
    assert "user name or password is wrong" in wrong.stderr
    assert run(shared, "info", user="carol").returncode == 0


def test_the_first_coordinator_is_made_once(shared):
    again = run(shared, "users", "setup", "mallory", STM_PASSWORD=PASSWORD)
    assert again.returncode == 1
    assert "already has users" in again.stderr
    listing = run(shared, "users", "list", user="carol")
    assert listing.returncode == 0
    assert "carol" in listing.stdout and "lee" in listing.stdout


def test_an_agency_lead_is_refused_another_agency_by_every_command(shared, tmp_path):
    refused = [
        ("compliance", "--topic", "CSE", "--agency", "Northshire Council"),
        (
            "report",
            "return",
            "--on",
            "31/03/2026",
            "--topic",
            "CSE",
            "--agency",
            "Northshire Council",
            "--xlsx",
            str(tmp_path / "r.xlsx"),
        ),
        ("report", "board", "--xlsx", str(tmp_path / "b.xlsx")),
        ("users", "list"),
        ("settings", "export", str(tmp_path / "settings.xlsx")),
    ]
    for command in refused:
        result = run(shared, *command, user="lee")
        assert result.returncode == 1, (command, result.stdout)
        assert "may not" in result.stderr or "another agency" in result.stderr, command
    own = run(shared, "compliance", "--topic", "CSE", user="lee")
    assert own.returncode == 0, own.stderr
    assert "Northshire Police" in own.stdout and "Northshire Council" not in own.stdout
