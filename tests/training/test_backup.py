"""The backup services: for a coordinator alone, on an embedded database alone, telling what the
backup holds; a file that cannot be restored is a user error naming it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.database import Database
from tests.builders import Basics, basics, person
from training.access import AccessDeniedError, Principal, Role
from training.backup import (
    back_up_database,
    restore_database,
    suggested_backup_name,
)
from training.errors import DatabaseError, UserError
from training.workspace import Workspace, open_workspace, overview


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[Workspace]:
    """An embedded database file, worked on by its coordinator."""
    space = open_workspace(f"sqlite:///{tmp_path / 'partnership.sqlite3'}")
    yield space
    space.close()


@pytest.fixture
def b(opened: Workspace) -> Basics:
    built = basics(opened.unit_of_work())
    person(opened.unit_of_work(), built, "P1")
    person(opened.unit_of_work(), built, "P2", "Jones")
    return built


@pytest.fixture
def space(opened: Workspace, b: Basics) -> Workspace:
    """A small partnership: one agency and two staff."""
    return opened


def staff_count(space: Workspace) -> int:
    return overview(space.unit_of_work())["staff members"]


def test_a_backup_tells_what_it_holds_and_a_restore_brings_it_back(space, b, tmp_path):
    path = tmp_path / "backup.sqlite3"
    backed_up = back_up_database(space, path)
    assert backed_up.path == path
    assert backed_up.counts == overview(space.unit_of_work())
    assert "2 staff members" in backed_up.holdings and "1 agencies" in backed_up.holdings
    person(space.unit_of_work(), b, "P3", "Patel")
    assert staff_count(space) == 3

    restored = restore_database(space, path)

    assert restored.restored_from == path
    assert restored.counts == backed_up.counts
    assert staff_count(space) == 2
    assert restored.kept.is_file()
    assert restored.kept.name.startswith("partnership.before-restore-")
    assert not restored.upgraded


@pytest.mark.parametrize("role", [Role.VIEWER, Role.AGENCY_LEAD, Role.QA_REVIEWER])
def test_only_a_coordinator_may_back_up_or_restore(space, b, tmp_path, role):
    backup = tmp_path / "backup.sqlite3"
    back_up_database(space, backup)
    other = Workspace(space.database, Principal("sam", role, agency_id=1))
    person(space.unit_of_work(), b, "P3", "Patel")

    with pytest.raises(AccessDeniedError, match=r"may not manage users.*backups"):
        back_up_database(other, tmp_path / "theirs.sqlite3")
    with pytest.raises(AccessDeniedError, match=r"may not manage users.*backups"):
        restore_database(other, backup)

    assert not (tmp_path / "theirs.sqlite3").exists()
    assert staff_count(space) == 3
    assert not list(tmp_path.glob("*before-restore*"))


def test_nobody_signed_in_may_back_up(space, tmp_path):
    nobody = Workspace(space.database, None)
    with pytest.raises(AccessDeniedError, match="Sign in"):
        back_up_database(nobody, tmp_path / "backup.sqlite3")
    assert not (tmp_path / "backup.sqlite3").exists()


@pytest.mark.postgresql
def test_a_postgresql_database_is_backed_up_with_pg_dump(postgres_database: Database, tmp_path):
    shared = Workspace(postgres_database, Principal("coordinator", Role.COORDINATOR))
    with pytest.raises(UserError, match=r"PostgreSQL database with pg_dump.*README"):
        back_up_database(shared, tmp_path / "backup.sqlite3")
    with pytest.raises(UserError, match="pg_restore"):
        restore_database(shared, tmp_path / "backup.sqlite3")
    assert list(tmp_path.iterdir()) == []


def test_a_file_that_cannot_be_restored_is_a_user_error_naming_it(space, tmp_path):
    notes = tmp_path / "minutes.sqlite3"
    notes.write_text("Minutes of the partnership board\n" * 100)
    with pytest.raises(DatabaseError, match=r"minutes\.sqlite3 is not a database") as refused:
        restore_database(space, notes)
    assert "Choose a backup made by this application" in str(refused.value)
    assert staff_count(space) == 2


def test_a_backup_that_cannot_be_written_is_a_user_error_naming_it(space, tmp_path):
    target = tmp_path / "missing" / "backup.sqlite3"
    with pytest.raises(DatabaseError, match=r"backup\.sqlite3 cannot be written: there is no"):
        back_up_database(space, target)


def test_the_suggested_name_is_the_databases_and_the_days(space):
    assert suggested_backup_name(space, dt.date(2026, 3, 31)) == (
        "partnership-backup-2026-03-31.sqlite3"
    )
