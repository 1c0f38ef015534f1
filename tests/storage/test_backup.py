"""Backing up and restoring an embedded database: a backup holds every row as it was, a restore
brings them back into the open database, and a file that is not a backup is refused untouched."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from alembic import command

from storage.backup import (
    SQLITE_HEADER,
    BackupError,
    back_up,
    before_restore_path,
    database_file,
    restore,
)
from storage.database import Database, _alembic_config, newest_revisions, open_database
from storage.models import Base
from training.demo import load_demo

Rows = dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo partnership, built once; each test works on a copy."""
    path = tmp_path_factory.mktemp("demo") / "partnership.sqlite3"
    database = open_database(f"sqlite:///{path}")
    load_demo(database.unit_of_work())
    database.dispose()
    return path


@pytest.fixture
def live(tmp_path: Path, demo_file: Path) -> Iterator[Database]:
    folder = tmp_path / "live"
    folder.mkdir()
    shutil.copyfile(demo_file, folder / demo_file.name)
    database = open_database(f"sqlite:///{folder / demo_file.name}")
    yield database
    database.dispose()


def rows(path: Path) -> Rows:
    """Every row of every table of the application, in a fixed order, read straight from the
    file."""
    with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as connection:
        return {
            table.name: connection.execute(
                f'SELECT * FROM "{table.name}" ORDER BY '
                + ", ".join(str(n) for n in range(1, len(table.columns) + 1))
            ).fetchall()
            for table in Base.metadata.sorted_tables
        }


def live_path(database: Database) -> Path:
    path = database_file(database)
    assert path is not None
    return path


def live_rows(database: Database) -> Rows:
    return rows(live_path(database))


def change_everything(database: Database) -> None:
    with database.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM evaluations WHERE id % 2 = 0")
        connection.exec_driver_sql("UPDATE courses SET title = title || ' (changed)'")
        connection.exec_driver_sql("UPDATE staff_members SET last_name = 'Changed' WHERE id < 50")
        connection.exec_driver_sql(
            "INSERT INTO sectors (name, sort_order, version) VALUES ('Faith groups', 9, 1)"
        )


def kept_copies(database: Database) -> list[Path]:
    return sorted(live_path(database).parent.glob("*.before-restore-*"))


def test_a_restore_brings_back_every_row_as_it_was_when_backed_up(live, tmp_path):
    at_backup = live_rows(live)
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    change_everything(live)
    changed = live_rows(live)
    assert changed != at_backup

    restored = restore(live, backup)

    assert live_rows(live) == at_backup
    assert restored.kept.parent == live_path(live).parent
    assert rows(restored.kept) == changed
    assert not restored.upgraded


def test_the_open_database_works_on_after_a_restore(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    with live.unit_of_work() as uow:  # a pooled connection, open before the restore
        agencies = uow.agencies.count()
    with live.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM champion_meeting_attendances")
        connection.exec_driver_sql("DELETE FROM champions")

    restore(live, backup)

    with live.unit_of_work() as uow:
        assert uow.agencies.count() == agencies
        assert uow.champions.count() > 0
    with live.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_backup_is_one_self_contained_file(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    with backup.open("rb") as file:
        header = file.read(20)
    assert header[:16] == SQLITE_HEADER
    assert header[18:20] == b"\x01\x01"  # rollback journal, not WAL: needs no -wal file beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite3", "live"]
    assert rows(backup) == live_rows(live)


def test_a_backup_replaces_an_older_one_of_the_same_name(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    change_everything(live)
    back_up(live, backup)
    assert rows(backup) == live_rows(live)


def test_a_backup_taken_while_another_connection_writes_is_consistent(live, tmp_path):
    """The writer adds ten sectors per transaction: a consistent copy holds whole
    transactions only, so its count of sectors stays the demo's eight plus a multiple of ten,
    and it holds every transaction committed before the backup began."""
    stop = threading.Event()
    path = live_path(live)

    def committed() -> int:
        with closing(sqlite3.connect(path, timeout=10)) as reader:
            return int(reader.execute("SELECT count(*) FROM sectors").fetchone()[0])

    def write() -> None:
        with closing(sqlite3.connect(path, timeout=10)) as writer:
            batch = 0
            while not stop.is_set():
                batch += 1
                writer.executemany(
                    "INSERT INTO sectors (name, sort_order, version) VALUES (?, 9, 1)",
                    [(f"Sector {batch}-{n}",) for n in range(10)],
                )
                writer.commit()

    writing = threading.Thread(target=write)
    writing.start()
    counts: set[int] = set()
    try:
        for number in range(200):
            backup = tmp_path / f"backup-{number}.sqlite3"
            before = committed()
            back_up(live, backup)
            after = committed()
            with closing(sqlite3.connect(backup)) as copy:
                count = int(copy.execute("SELECT count(*) FROM sectors").fetchone()[0])
                assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert before <= count <= after
            counts.add(count)
            if len(counts) >= 3:
                break
    finally:
        stop.set()
        writing.join()

    assert len(counts) >= 3, "the backups were not taken while the writer was writing"
    assert all((count - 8) % 10 == 0 for count in counts), counts


def test_a_backup_into_a_folder_that_is_not_there_is_refused(live, tmp_path):
    target = tmp_path / "no such folder" / "backup.sqlite3"
    with pytest.raises(BackupError, match="there is no folder"):
        back_up(live, target)
    assert not target.parent.exists()


def test_a_failed_backup_leaves_no_half_written_file(live, tmp_path):
    target = tmp_path / "backup.sqlite3"
    target.mkdir()  # a folder in the way: the finished copy cannot take its name

    with pytest.raises(BackupError, match=r"could not be written to .*backup\.sqlite3"):
        back_up(live, target)

    assert sorted(p.name for p in tmp_path.iterdir()) == ["backup.sqlite3", "live"]
    assert target.is_dir() and not any(target.iterdir())


def test_backing_up_onto_the_database_itself_is_refused(live):
    path = live_path(live)
    before = live_rows(live)
    with pytest.raises(BackupError, match="is the database itself"):
        back_up(live, path)
    assert live_rows(live) == before


def test_restoring_the_database_onto_itself_is_refused(live):
    path = live_path(live)
    with pytest.raises(BackupError, match="is the database itself"):
        restore(live, path)
    assert kept_copies(live) == []


def assert_refused(live: Database, path: Path, message: str) -> None:
    before = live_rows(live)
    with pytest.raises(BackupError, match=message) as refused:
        restore(live, path)
    assert str(path) in str(refused.value)
    assert live_rows(live) == before
    assert kept_copies(live) == []


def test_a_file_that_is_not_a_database_is_refused(live, tmp_path):
    notes = tmp_path / "notes.sqlite3"
    notes.write_text("Minutes of the partnership board\n" * 200)
    assert_refused(live, notes, "is not a database")


def test_a_missing_file_is_refused(live, tmp_path):
    assert_refused(live, tmp_path / "gone.sqlite3", "was not found")


def test_a_database_of_another_program_is_refused(live, tmp_path):
    other = tmp_path / "addresses.sqlite3"
    with closing(sqlite3.connect(other)) as connection, connection:
        connection.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
        connection.execute("INSERT INTO contacts VALUES ('Sam', '01234 567890')")
    assert_refused(live, other, "is a database of another program")


def test_a_backup_from_a_newer_version_is_refused(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    with closing(sqlite3.connect(backup)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    assert_refused(live, backup, "was made by a newer version .*0099_from_the_future")


def test_a_damaged_backup_is_refused(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    with backup.open("r+b") as file:
        size = file.seek(0, 2)
        file.seek(size // 2)
        file.write(b"\xff" * 20_000)
    assert_refused(live, backup, "damaged")


def test_a_backup_without_the_newest_tables_is_refused(live, tmp_path):
    backup = tmp_path / "backup.sqlite3"
    back_up(live, backup)
    with closing(sqlite3.connect(backup)) as connection, connection:
        connection.execute("DROP TABLE audit_entries")
    assert_refused(live, backup, "lacks the tables audit_entries")


def test_a_backup_made_by_an_older_version_is_brought_up_to_date(live, tmp_path):
    older = Database(f"sqlite:///{tmp_path / 'older.sqlite3'}")
    with older.engine.begin() as connection:
        config = _alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.exec_driver_sql(
            "INSERT INTO sectors (name, sort_order, version) VALUES ('Faith groups', 9, 1)"
        )
    older.dispose()

    restored = restore(live, tmp_path / "older.sqlite3")

    assert restored.upgraded
    assert live.is_up_to_date()
    with live.engine.connect() as connection:
        versions = connection.exec_driver_sql("SELECT version_num FROM alembic_version")
        assert set(versions.scalars()) == newest_revisions()
        sectors = connection.exec_driver_sql("SELECT name FROM sectors").scalars().all()
        assert sectors == ["Faith groups"]
    assert set(live_rows(live)) == {table.name for table in Base.metadata.sorted_tables}


def test_the_copy_kept_before_a_restore_is_named_by_the_time_and_never_overwritten(tmp_path):
    live_file = tmp_path / "partnership.sqlite3"
    at = dt.datetime(2026, 3, 31, 14, 5, 9)
    first = before_restore_path(live_file, at)
    assert first.name == "partnership.before-restore-20260331-140509.sqlite3"
    first.touch()
    assert before_restore_path(live_file, at).name == (
        "partnership.before-restore-20260331-140509-2.sqlite3"
    )


def test_a_database_in_memory_can_be_backed_up_but_not_restored(tmp_path):
    memory = Database("sqlite://")
    memory.create_all()
    with memory.engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO sectors (name, sort_order, version) VALUES ('Police', 1, 1)"
        )
    backup = tmp_path / "memory.sqlite3"
    back_up(memory, backup)
    with closing(sqlite3.connect(backup)) as copy:
        assert copy.execute("SELECT name FROM sectors").fetchall() == [("Police",)]
    with pytest.raises(BackupError, match="in memory"):
        restore(memory, backup)
    memory.dispose()
