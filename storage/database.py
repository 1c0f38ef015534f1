"""Opening a database: an embedded SQLite file by default, any SQLAlchemy URL otherwise."""

from __future__ import annotations

import os
import re
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from storage.audit import record_changes
from storage.bulk_load import BulkLoad, bulk_load
from storage.errors import DatabaseUnavailableError
from storage.models import Base
from storage.unit_of_work import Actor, SqlUnitOfWork

if TYPE_CHECKING:
    from alembic.config import Config

APP_NAME = "safeguarding-training-manager"
DATABASE_ENV = "STM_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\b[^=]*=\s*(.+)$", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\b[^=]*=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"[\"']([^\"']+)[\"']")


def default_database_url() -> str:
    """The URL in ``STM_DATABASE_URL``, or a SQLite file in the user's data folder."""
    if url := os.environ.get(DATABASE_ENV):
        return url
    folder = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'partnership.sqlite3'}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def create_database_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
        parsed.get_dialect()
    except (ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseUnavailableError(
            f"{url!r} is not a database URL we can open (use sqlite:///FILE or "
            "postgresql://USER@HOST/DATABASE)"
        ) from exc
    if parsed.get_backend_name() == "sqlite":
        in_memory = parsed.database in (None, "", ":memory:")
        # Python's sqlite3 keeps 128 prepared statements per connection, and an IN (...) list of
        # each length is a statement of its own: an import's chunks of thousands of values made
        # that cache 40 MB. Preparing afresh costs microseconds.
        connect_args: dict[str, Any] = {"cached_statements": 0}
        options: dict[str, Any] = {"connect_args": connect_args}
        if in_memory:
            connect_args["check_same_thread"] = False
            options["poolclass"] = StaticPool
        else:
            Path(str(parsed.database)).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed, pool_pre_ping=True)


class Database:
    """One database: its engine, its schema migrations and a factory of units of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_database_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        event.listen(self._sessions, "after_flush", record_changes)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def display_name(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def upgrade(self) -> None:
        """Bring the schema to the newest migration (creates it on an empty database)."""
        from alembic import command  # alembic, mako and pygments: only when migrating

        try:
            with self.engine.begin() as connection:
                config = _alembic_config()
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except (OperationalError, SADatabaseError) as exc:  # e.g. "file is not a database"
            raise DatabaseUnavailableError(
                f"Cannot open the database {self.display_name}: {exc.orig}"
            ) from exc

    def is_up_to_date(self) -> bool:
        """Whether the schema is at the newest migration, asked without starting Alembic (which
        takes a quarter of a second to import and read its scripts: a tenth of a start-up)."""
        try:
            with self.engine.connect() as connection:
                stored = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
                return set(stored.scalars()) == newest_revisions()
        except (OperationalError, SADatabaseError):  # no schema yet, or not a database at all
            return False

    def create_all(self) -> None:
        """Create the schema straight from the models (fast path for throwaway test databases)."""
        Base.metadata.create_all(self.engine)

    def is_empty(self) -> bool:
        return "agencies" not in inspect(self.engine).get_table_names()

    def unit_of_work(self, actor: Actor | None = None) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions, actor)

    def bulk_load(self) -> AbstractContextManager[BulkLoad]:
        """One transaction for rows with explicit ids (scale data); see ``storage.bulk_load``."""
        return bulk_load(self.engine)

    def dispose(self) -> None:
        self.engine.dispose()


def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def newest_revisions() -> set[str]:
    """The migrations that no other migration follows (Alembic's heads), read from the scripts."""
    revisions: set[str] = set()
    followed: set[str] = set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        text = script.read_text(encoding="utf-8")
        for line in _REVISION.findall(text):
            revisions.update(_QUOTED.findall(line))
        for line in _DOWN_REVISION.findall(text):
            followed.update(_QUOTED.findall(line))
    return revisions - followed


def open_database(url: str | None = None) -> Database:
    """Open (and migrate to the newest schema) the database at ``url`` or the default one."""
    database = Database(url or default_database_url())
    if not database.is_up_to_date():
        database.upgrade()
    return database
