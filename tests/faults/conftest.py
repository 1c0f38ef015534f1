"""A database other processes can open by its URL: a SQLite file, or the test run's PostgreSQL."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.database import Database, open_database
from tests.faults.processes import empty_postgres


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite file made by the real migrations, copied for each test (much quicker)."""
    path = tmp_path_factory.mktemp("faults") / "migrated.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def shared_database(
    request: pytest.FixtureRequest, tmp_path: Path, migrated_sqlite: Path
) -> Iterator[Database]:
    """An empty, migrated database of each kind; ``.url`` opens it from another process."""
    if request.param == "sqlite":
        path = tmp_path / "partnership.sqlite3"
        shutil.copyfile(migrated_sqlite, path)
        database = Database(f"sqlite:///{path}")
        yield database
        database.dispose()
        return
    database = request.getfixturevalue("postgres_database")
    empty_postgres(database)
    yield database
