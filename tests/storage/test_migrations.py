"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from storage.database import Database, _alembic_config, newest_revisions, open_database
from storage.models import Base


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
