"""Running the child process of the fault tests, killing it at its moment, and looking at the
database afterwards: every row of every table, and whether the application opens it cleanly."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select, text

from storage.database import Database
from storage.models import Base
from training.access import Principal, Role
from training.workspace import Workspace, open_workspace

ROOT = Path(__file__).resolve().parents[2]
MOMENT_SECONDS = 60  # the longest a child may take to reach its moment (a loaded CI machine)

Contents = dict[str, list[tuple[object, ...]]]
Child = subprocess.Popen[str]


def start_child(url: str, *args: str | Path, program: str = "tests.faults.child") -> Child:
    """``python -m PROGRAM URL ARGS...`` in the background."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-m", program, url, *map(str, args)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(marker: Path, child: Child, seconds: float = MOMENT_SECONDS) -> None:
    """Until the child has written ``marker``; fails if it ends or takes too long first."""
    deadline = time.monotonic() + seconds
    while not marker.exists():
        if child.poll() is not None:
            out, err = child.communicate()
            raise AssertionError(
                f"the child ended (status {child.returncode}) before its moment:\n{out}\n{err}"
            )
        if time.monotonic() > deadline:
            raise AssertionError(f"the child did not reach its moment within {seconds} s")
        time.sleep(0.01)


def killed_at_its_moment(
    database: Database, marker: Path, *args: str | Path, writing: bool = True
) -> None:
    """Run the child until its moment, then kill it with SIGKILL: no clean-up of any kind runs.

    ``writing``: whether the child is then in the middle of a transaction that has written to
    the database (checked, so the kill is where the test says it is).
    """
    child = start_child(database.url, "--marker", marker, *args)
    try:
        wait_for(marker, child)
        assert someone_writing(database) is writing
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def someone_writing(database: Database) -> bool:
    """Whether another connection has a transaction open that has written to the database."""
    if database.backend == "sqlite":
        # A writer holds SQLite's one write lock: taking it at once fails while they do.
        with closing(sqlite3.connect(str(database.engine.url.database), timeout=0)) as other:
            other.isolation_level = None
            try:
                other.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as refused:
                assert "locked" in str(refused)
                return True
            other.execute("ROLLBACK")
            return False
    writers = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid() "
        "AND backend_xid IS NOT NULL"  # a transaction id: given at its first write
    )
    with database.engine.connect() as connection:
        return bool(connection.execute(writers).scalar())


def empty_postgres(database: Database) -> None:
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))


def contents(database: Database) -> Contents:
    """Every row of every table, in primary key order."""
    with database.engine.connect() as connection:
        return {
            table.name: [
                tuple(row)
                for row in connection.execute(select(table).order_by(*table.primary_key.columns))
            ]
            for table in Base.metadata.sorted_tables
        }


def opens_cleanly(url: str) -> Workspace:
    """Open the database as the application does, and check it is whole and free to write
    (a shared database's user is a coordinator, as if signed in)."""
    space = open_workspace(url)
    if space.user is None:
        space = replace(space, user=Principal("coordinator", Role.COORDINATOR))
    database = space.database
    assert database.is_up_to_date()
    if database.backend == "sqlite":
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    else:
        _no_transaction_left_open(database)
    return space


def _no_transaction_left_open(database: Database, seconds: float = 15) -> None:
    """The server ended the killed client's transaction (it notices the closed connection)."""
    others = text(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid() "
        "AND xact_start IS NOT NULL"
    )
    deadline = time.monotonic() + seconds
    while True:
        with database.engine.connect() as connection:
            if connection.execute(others).scalar() == 0:
                return
        if time.monotonic() > deadline:
            raise AssertionError("the killed child's transaction is still open on the server")
        time.sleep(0.05)
