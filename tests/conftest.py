"""Shared fixtures: every storage test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings
from sqlalchemy import text

from storage.database import Database
from storage.models import Base
from storage.unit_of_work import SqlUnitOfWork
from tests.postgres_server import temporary_postgres

POSTGRES_ENV = "STM_TEST_POSTGRES_URL"

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=30, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """The server in STM_TEST_POSTGRES_URL, or one started for this run."""
    if url := os.environ.get(POSTGRES_ENV):
        yield url
        return
    with temporary_postgres() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL is not installed; CI must test on it (see .ci/run)")
            pytest.skip("PostgreSQL is not installed here (apt-get install postgresql)")
        yield url


@pytest.fixture(scope="session")
def postgres_database(postgres_url: str) -> Iterator[Database]:
    """One PostgreSQL schema for the run, built by the real migrations."""
    database = Database(postgres_url)
    with database.engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    database.upgrade()
    yield database
    database.dispose()


def _empty_postgres(database: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database(request: pytest.FixtureRequest) -> Iterator[Database]:
    """An empty database of each kind, fresh for the test."""
    if request.param == "sqlite":
        db = Database("sqlite://")
        db.create_all()
        yield db
        db.dispose()
    else:
        db = request.getfixturevalue("postgres_database")
        _empty_postgres(db)
        yield db


@pytest.fixture
def uow(database: Database) -> SqlUnitOfWork:
    return database.unit_of_work()


@pytest.fixture
def sqlite_uow() -> Iterator[SqlUnitOfWork]:
    """SQLite only, for tests of the services' own rules rather than of the storage."""
    db = Database("sqlite://")
    db.create_all()
    yield db.unit_of_work()
    db.dispose()
