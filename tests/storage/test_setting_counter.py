"""A running number kept in the settings table: two users advancing it at once get their own."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from storage.database import Database
from storage.models import Base

KEY = "certificate_last_serial"


@pytest.fixture(params=["sqlite file", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def shared_database(request: pytest.FixtureRequest, tmp_path) -> Iterator[Database]:
    """A database that two connections can use at once, empty."""
    if request.param == "sqlite file":
        database = Database(f"sqlite:///{tmp_path / 'shared.sqlite3'}")
        database.create_all()
        yield database
        database.dispose()
        return
    database = request.getfixturevalue("postgres_database")
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield database


def advance(database: Database, by: int) -> int:
    with database.unit_of_work() as uow:
        value = uow.settings.advance(KEY, by)
        uow.commit()
        return value


def test_the_counter_starts_from_nothing_and_moves_on(shared_database):
    assert advance(shared_database, 3) == 3
    assert advance(shared_database, 1) == 4
    with shared_database.unit_of_work() as uow:
        assert uow.settings.all()[KEY] == "4"


@pytest.mark.parametrize("already_started", [False, True], ids=["first use", "later use"])
def test_a_second_user_waits_for_the_first_and_gets_the_next_numbers(
    shared_database, already_started
):
    start = advance(shared_database, 10) if already_started else 0
    found: dict[str, int] = {}
    with shared_database.unit_of_work() as first:
        found["first"] = first.settings.advance(KEY, 5)
        second = threading.Thread(
            target=lambda: found.setdefault("second", advance(shared_database, 3))
        )
        second.start()
        second.join(0.5)
        assert second.is_alive(), "the second user waits while the first has not committed"
        first.commit()
    second.join(15)
    assert found == {"first": start + 5, "second": start + 8}
