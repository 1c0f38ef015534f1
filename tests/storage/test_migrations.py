"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError

from storage.database import Database, _alembic_config, newest_revisions, open_database
from storage.models import Base

MIGRATION_SCHEMA = "stm_migrations"  # PostgreSQL: apart from the schema the other tests share


def _differences(database: Database) -> list:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, Base.metadata)


def test_sqlite_migrations_match_the_models(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'fresh' / 'partnership.sqlite3'}")
    database.upgrade()
    assert _differences(database) == []
    database.upgrade()  # a second upgrade is a no-op
    database.dispose()


def test_postgresql_migrations_match_the_models(postgres_database):
    assert _differences(postgres_database) == []


def test_sqlite_files_get_foreign_keys_and_wal(tmp_path):
    database = Database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    database.dispose()


def test_the_newest_revisions_read_from_the_scripts_are_alembics_heads():
    assert newest_revisions() == set(ScriptDirectory.from_config(_alembic_config()).get_heads())


def test_a_database_is_up_to_date_only_once_migrated(tmp_path):
    empty = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert not empty.is_up_to_date()
    empty.dispose()
    database = open_database(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    assert database.is_up_to_date()
    with database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0001'")
    assert not database.is_up_to_date()  # so opening it would run the newer migration
    database.dispose()


def test_a_file_that_is_not_a_database_is_not_up_to_date(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("not a database, " * 100)
    database = Database(f"sqlite:///{path}")
    assert not database.is_up_to_date()
    database.dispose()


def _migrate(database: Database, revision: str, *, down: bool = False) -> None:
    """Upgrade (or downgrade) the schema to ``revision``, on a connection as the application
    hands it over."""
    with database.engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def _fresh_postgres(url: str) -> Iterator[Database]:
    """A database on the test server whose tables live in a schema of their own."""
    server = create_engine(url)
    reset = f"DROP SCHEMA IF EXISTS {MIGRATION_SCHEMA} CASCADE"
    with server.begin() as connection:
        connection.execute(text(f"{reset}; CREATE SCHEMA {MIGRATION_SCHEMA}"))
    own = make_url(url).update_query_dict({"options": f"-csearch_path={MIGRATION_SCHEMA}"})
    database = Database(own.render_as_string(hide_password=False))
    yield database
    database.dispose()
    with server.begin() as connection:
        connection.execute(text(reset))
    server.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database of each kind, for migrating step by step."""
    if request.param == "postgresql":
        yield from _fresh_postgres(request.getfixturevalue("postgres_url"))
        return
    database = Database(f"sqlite:///{tmp_path / 'partnership.sqlite3'}")
    yield database
    database.dispose()


# The observations as 0002 stored them: the standard as the first line of the notes.
NOTES_AT_0002 = {
    1: "Standard: Voice of the child\nStrong case studies.\nGood pace.",
    2: "Standard: Voice of the child",
    3: "Standard: clear learning outcomes\nChecked at the end.",  # the name in other case
    4: "Standard: Safe recruitment\nA standard renamed since.",
    5: "Observed against every standard.",
    6: "Refers to Standard: Voice of the child, not on its first line.",
}
VOICE, CLEAR = 1, 2


def _partnership_at_0002(database: Database) -> None:
    rows = [
        "INSERT INTO topics (id, name, description, version) VALUES (1, 'CSE', '', 1)",
        "INSERT INTO tiers (id, name, rank, description, version) VALUES (1, 'Targeted', 3, '', 1)",
        "INSERT INTO courses (id, code, title, topic_id, tier_id, delivery_mode, duration_hours, "
        "provider, qa_status, active, version) "
        "VALUES (1, 'CSE-T1', 'CSE targeted', 1, 1, 'classroom', 6, '', 'assured', TRUE, 1)",
        "INSERT INTO sessions (id, course_id, starts_at, ends_at, venue, trainer, capacity, "
        "status, version) VALUES (1, 1, '2025-06-10 09:30:00', '2025-06-10 15:30:00', '', '', "
        "20, 'delivered', 1)",
        "INSERT INTO qa_standards (id, name, description, version) "
        f"VALUES ({VOICE}, 'Voice of the child', '', 1), "
        f"({CLEAR}, 'Clear learning outcomes', '', 1)",
    ]
    with database.engine.begin() as connection:
        for row in rows:
            connection.execute(text(row))
        connection.execute(
            text(
                "INSERT INTO qa_observations (id, session_id, reviewer, observed_on, outcome, "
                "actions, notes, version) "
                "VALUES (:id, 1, 'Sarah Quinn', '2025-06-10', 'good', '', :notes, 1)"
            ),
            [{"id": key, "notes": notes} for key, notes in NOTES_AT_0002.items()],
        )


def _observations(database: Database, columns: str) -> list[tuple]:
    with database.engine.connect() as connection:
        statement = text(f"SELECT id, {columns} FROM qa_observations ORDER BY id")
        return [tuple(row) for row in connection.execute(statement)]


def test_0003_moves_each_observations_standard_out_of_its_notes_and_back(empty_database):
    _migrate(empty_database, "0002")
    _partnership_at_0002(empty_database)

    _migrate(empty_database, "0003")
    assert _observations(empty_database, "standard_id, notes, version") == [
        (1, VOICE, "Strong case studies.\nGood pace.", 2),
        (2, VOICE, "", 2),
        (3, CLEAR, "Checked at the end.", 2),
        (4, None, NOTES_AT_0002[4], 1),  # no such standard now: the line stays to be read
        (5, None, NOTES_AT_0002[5], 1),
        (6, None, NOTES_AT_0002[6], 1),
    ]
    with pytest.raises(IntegrityError), empty_database.engine.begin() as connection:
        connection.execute(text(f"DELETE FROM qa_standards WHERE id = {VOICE}"))

    _migrate(empty_database, "0002", down=True)
    assert "standard_id" not in {
        c["name"] for c in inspect(empty_database.engine).get_columns("qa_observations")
    }
    assert _observations(empty_database, "notes") == [
        (key, notes.replace("clear learning", "Clear learning"))  # the standard's own spelling
        for key, notes in NOTES_AT_0002.items()
    ]


def test_0004_indexes_attendances_by_day_status_and_course(empty_database):
    def indexes() -> dict[str, list[str | None]]:
        found = inspect(empty_database.engine).get_indexes("attendances")
        return {index["name"] or "": index["column_names"] for index in found}

    _migrate(empty_database, "0003")
    assert "ix_attendances_completed_status_course" not in indexes()
    _migrate(empty_database, "0004")
    assert indexes()["ix_attendances_completed_status_course"] == [
        "completed_on",
        "status",
        "course_id",
    ]
    _migrate(empty_database, "0003", down=True)
    assert "ix_attendances_completed_status_course" not in indexes()
