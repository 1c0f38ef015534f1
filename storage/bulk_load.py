"""Loading many rows fast (scale data for benchmarks): Core executemany with explicit ids.

Everything goes in one transaction, so a load that fails leaves the database as it was. Rows
carry their own ids, so on PostgreSQL the id sequences are moved past them before the commit
and later inserts (through the services) get fresh ids. At the end the database gathers
statistics (``ANALYZE``) so its planner knows the tables are now large.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, Integer, func, insert, select

from storage.errors import translated_errors
from storage.models import Base

# SQLite's page cache during the load (KiB; a negative cache_size), instead of its 2 MiB: index
# pages stay in memory while a million rows go in. Measured on 1,000,000 attendance records:
# 2 MiB 51 s, 64 MiB 44 s, 256 MiB 44 s (and 90 MiB more memory).
LOAD_CACHE_KIB = 64 * 1024


class BulkLoad:
    """One open transaction taking plain rows (dicts with the same keys, ids included)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def insert(self, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
        if rows:
            with translated_errors():
                self._connection.execute(insert(model), list(rows))


def _id_tables() -> list[str]:
    """The tables whose primary key is an integer ``id`` (a sequence on PostgreSQL)."""
    return [
        table.name
        for table in Base.metadata.sorted_tables
        if [c.name for c in table.primary_key.columns] == ["id"]
        and isinstance(table.c.id.type, Integer)
    ]


def reset_sequences(connection: Connection) -> None:
    """Move each id sequence past the largest id its table holds (PostgreSQL; others need not).

    Rows inserted with explicit ids leave a sequence where it was, and the next ordinary
    insert would then take an id that is already used.
    """
    if connection.dialect.name != "postgresql":
        return
    for name in _id_tables():
        table = Base.metadata.tables[name]
        highest = select(func.coalesce(func.max(table.c.id), 0) + 1).scalar_subquery()
        sequence = func.pg_get_serial_sequence(name, "id")
        connection.execute(select(func.setval(sequence, highest, False)))


def _swap_cache_size(connection: Connection, cache_size: int) -> int:
    """Set SQLite's ``cache_size`` pragma; the value it had before."""
    before = int(connection.exec_driver_sql("PRAGMA cache_size").scalar_one())
    connection.exec_driver_sql(f"PRAGMA cache_size={cache_size}")
    return before


@contextmanager
def bulk_load(engine: Engine) -> Iterator[BulkLoad]:
    """A transaction for a bulk load; on success: sequences reset, committed and analysed."""
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            cache_before = _swap_cache_size(connection, -LOAD_CACHE_KIB)
            connection.commit()  # pragmas run outside the load's transaction
        try:
            with connection.begin():
                yield BulkLoad(connection)
                reset_sequences(connection)
        finally:
            if sqlite:
                _swap_cache_size(connection, cache_before)
                connection.commit()
        _analyse(connection)


def _analyse(connection: Connection) -> None:
    """Gather planner statistics; on SQLite also fold the write-ahead log into the file."""
    connection.exec_driver_sql("ANALYZE")
    if connection.dialect.name == "sqlite":
        connection.commit()
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.commit()
