"""Backing up and restoring the partnership's embedded database: for a coordinator alone.

The desktop's File menu and the ``backup`` and ``restore`` commands call these services. An
embedded (SQLite) database is backed up and restored while the application stays open; a
shared PostgreSQL database is backed up on its server with pg_dump (see the README).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from storage import backup as storage_backup
from storage.errors import StorageError
from training.access import AccessDeniedError, Permission
from training.errors import DatabaseError, UserError
from training.workspace import Workspace, overview


@dataclass(frozen=True)
class BackupSummary:
    """A backup written: where, and what it holds."""

    path: Path
    counts: Mapping[str, int]

    @property
    def holdings(self) -> str:
        return holdings(self.counts)


@dataclass(frozen=True)
class RestoreSummary:
    """A restore done: from which file, where the database as it was is kept, what the database
    now holds, and whether the backup (made by an older version) was brought up to date."""

    restored_from: Path
    kept: Path
    counts: Mapping[str, int]
    upgraded: bool

    @property
    def holdings(self) -> str:
        return holdings(self.counts)


def holdings(counts: Mapping[str, int]) -> str:
    """ "26 agencies, 1,983 staff members, …"."""
    return ", ".join(f"{count:,} {what}" for what, count in counts.items())


def require_backup_allowed(space: Workspace) -> None:
    """Refuse, before any work, a database that is not the embedded kind (whoever asks: its
    backups are made on its server) or a user who is not a coordinator."""
    if space.backend != "sqlite":
        raise UserError(
            f"{space.name} is a shared {space.backend} database, which is backed up on its "
            "server: back up a PostgreSQL database with pg_dump and restore it with pg_restore "
            '(see "Backup and restore" in the README).'
        )
    if space.user is None:
        raise AccessDeniedError(f"Sign in to {space.name} first.")
    space.user.require(Permission.ADMINISTER)


def database_file(space: Workspace) -> Path | None:
    """The file of the embedded database (None for a shared one, or one in memory)."""
    return storage_backup.database_file(space.database)


def suggested_backup_name(space: Workspace, day: dt.date) -> str:
    """ "partnership-backup-2026-03-31.sqlite3": the database's name and the day."""
    live_file = database_file(space)
    name = live_file.stem if live_file is not None else "partnership"
    return f"{name}-backup-{day:%Y-%m-%d}.sqlite3"


def back_up_database(space: Workspace, path: Path) -> BackupSummary:
    """Write a consistent copy of the embedded database to ``path``, while it stays in use."""
    require_backup_allowed(space)
    try:
        storage_backup.back_up(space.database, path)
    except StorageError as exc:
        raise DatabaseError(str(exc)) from exc
    return BackupSummary(path, overview(space.unit_of_work()))


def restore_database(space: Workspace, path: Path) -> RestoreSummary:
    """Replace everything in the embedded database with what the backup at ``path`` holds.

    A file that is not a backup of this application, or one made by a newer version, is
    refused and nothing changes; the database as it was is kept beside it.
    """
    require_backup_allowed(space)
    try:
        restored = storage_backup.restore(space.database, path)
    except StorageError as exc:
        raise DatabaseError(str(exc)) from exc
    return RestoreSummary(path, restored.kept, overview(space.unit_of_work()), restored.upgraded)
