"""Backing up and restoring an embedded (SQLite) database with SQLite's online backup API.

A backup is a consistent copy taken while the application, or anyone else, keeps working: the
backup API copies the pages of one snapshot of the database. It is written beside its target
under a temporary name and then renamed, so a failure never leaves half a backup.

A restore first checks the file is a sound database of this application that this version can
open, keeps a copy of the database it replaces, then copies the backup *into* the live file
(not over it), so the open application keeps working on the same file. A backup made by an
older version is brought up to date by the migrations afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.database import MIGRATIONS, Database
from storage.errors import StorageError
from storage.models import Base

SQLITE_HEADER = b"SQLite format 3\x00"
# Tables every version of the schema has had: a database without them is another program's.
APPLICATION_TABLES = frozenset(
    {"alembic_version", "agencies", "staff_members", "courses", "sessions", "attendances"}
)
TO_RESTORE = "Choose a backup made by this application (File › Back up, or the backup command)."


class BackupError(StorageError):
    """A backup could not be written, or a file cannot be restored; the message names the file
    and says why."""


@dataclass(frozen=True)
class Restored:
    """What a restore did besides restoring: where the database as it was is kept, and whether
    the backup, made by an older version, was brought up to date."""

    kept: Path
    upgraded: bool


def database_file(database: Database) -> Path | None:
    """The file of an embedded database; None for one in memory or on a server."""
    if database.backend != "sqlite":
        return None
    name = database.engine.url.database
    if name in (None, "", ":memory:"):
        return None
    return Path(str(name)).expanduser().resolve()


def back_up(database: Database, target: Path) -> None:
    """Write a consistent copy of the embedded ``database`` to ``target`` (replacing it)."""
    _require_sqlite(database)
    target = Path(target).expanduser().absolute()
    if _is_the_database(database, target):
        raise BackupError(f"{target} is the database itself: choose another file for its backup.")
    if not target.parent.is_dir():
        raise BackupError(f"{target} cannot be written: there is no folder {target.parent}.")
    handle, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".partial", dir=target.parent)
    os.close(handle)
    partial = Path(name)
    try:
        with _live_connection(database) as live, closing(sqlite3.connect(partial)) as copy:
            live.backup(copy)
            # One self-contained file: a copy of a WAL database would otherwise need its -wal.
            copy.execute("PRAGMA journal_mode=DELETE")
        partial.replace(target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(
            f"The backup could not be written to {target} ({exc}). Check there is room on the "
            f"disk and that you may save in {target.parent}, or choose another folder."
        ) from exc


def restore(database: Database, backup: Path) -> Restored:
    """Replace everything in the embedded ``database`` with what ``backup`` holds.

    The file is checked first (``check_backup``) and nothing is changed if it is refused. The
    database as it was is kept beside it as ``<name>.before-restore-<yyyymmdd-hhmmss>.sqlite3``.
    """
    _require_sqlite(database)
    live_file = database_file(database)
    if live_file is None:
        raise BackupError("A database in memory has no folder to keep a copy of it in.")
    backup = Path(backup).expanduser().absolute()
    if _is_the_database(database, backup):
        raise BackupError(f"{backup} is the database itself, not a backup of it. {TO_RESTORE}")
    check_backup(backup)
    kept = before_restore_path(live_file, dt.datetime.now())
    back_up(database, kept)
    try:
        with _reading(backup) as source, _live_connection(database) as live:
            source.backup(live)
    except sqlite3.Error as exc:
        raise BackupError(
            f"{backup} could not be restored ({exc}). A copy of the database as it was is "
            f"kept in {kept}."
        ) from exc
    upgraded = not database.is_up_to_date()
    if upgraded:
        database.upgrade()
    return Restored(kept, upgraded)


def check_backup(path: Path) -> None:
    """Refuse, naming ``path`` and why, a file that is not a sound database of this application
    or that was made by a newer version of it."""
    if not path.is_file():
        raise BackupError(f"{path} was not found. {TO_RESTORE}")
    if _header(path) != SQLITE_HEADER:
        raise BackupError(f"{path} is not a database, so it is not a backup. {TO_RESTORE}")
    try:
        with _reading(path) as source:
            tables = _tables(source)
            if not tables.issuperset(APPLICATION_TABLES):
                raise BackupError(
                    f"{path} is a database of another program, not of this application. "
                    + TO_RESTORE
                )
            revisions = {
                str(v) for (v,) in source.execute("SELECT version_num FROM alembic_version")
            }
            sound = source.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.Error as exc:
        raise BackupError(
            f"{path} cannot be read ({exc}): it may be damaged. {TO_RESTORE}"
        ) from exc
    if not sound:
        raise BackupError(f"{path} is damaged and cannot be restored. {TO_RESTORE}")
    _check_revisions(path, revisions, tables)


def before_restore_path(live_file: Path, now: dt.datetime) -> Path:
    """Where the database as it was before a restore is kept: beside it, named by the time."""
    stem = f"{live_file.stem}.before-restore-{now:%Y%m%d-%H%M%S}"
    path = live_file.with_name(f"{stem}.sqlite3")
    number = 1
    while path.exists():  # two restores in one second
        number += 1
        path = live_file.with_name(f"{stem}-{number}.sqlite3")
    return path


def _check_revisions(path: Path, revisions: set[str], tables: set[str]) -> None:
    from alembic.script import ScriptDirectory  # only when restoring: it reads every migration

    scripts = ScriptDirectory(str(MIGRATIONS))
    known = {script.revision for script in scripts.walk_revisions()}
    if not revisions:
        raise BackupError(f"{path} has no schema version, so it cannot be restored. {TO_RESTORE}")
    if not revisions <= known:
        raise BackupError(
            f"{path} was made by a newer version of this application (its schema is at "
            f"{', '.join(sorted(revisions - known))}). Install the newer version, then restore it."
        )
    missing = {table.name for table in Base.metadata.sorted_tables} - tables
    if revisions == set(scripts.get_heads()) and missing:
        raise BackupError(
            f"{path} lacks the tables {', '.join(sorted(missing))}, so it cannot be restored. "
            + TO_RESTORE
        )


def _require_sqlite(database: Database) -> None:
    if database.backend != "sqlite":
        raise BackupError(
            f"{database.display_name} is not an embedded SQLite database; back it up with the "
            "tools of its server (pg_dump for PostgreSQL)."
        )


def _is_the_database(database: Database, path: Path) -> bool:
    live_file = database_file(database)
    return live_file is not None and path.resolve() == live_file


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise BackupError(f"{path} cannot be read ({exc.strerror or exc}).") from exc


def _tables(connection: sqlite3.Connection) -> set[str]:
    rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return {str(name) for (name,) in rows}


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to the file at ``path`` (which is never changed through it)."""
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield connection
    finally:
        connection.close()


@contextmanager
def _live_connection(database: Database) -> Iterator[Any]:
    """The sqlite3 connection under one of the engine's pooled connections (back to the pool
    after)."""
    pooled = database.engine.raw_connection()
    try:
        yield pooled.driver_connection
    finally:
        pooled.close()
