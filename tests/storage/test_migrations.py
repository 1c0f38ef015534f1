"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from storage.database import Database
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
