"""Opening the partnership's database for the user interfaces (which never touch storage)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database, open_database
from storage.errors import DatabaseUnavailableError
from training.errors import DatabaseError
from training.transactions import UnitOfWork


@dataclass(frozen=True)
class Workspace:
    """An open database: where it is, and a factory of units of work over it."""

    database: Database

    @property
    def url(self) -> str:
        return self.database.url

    @property
    def name(self) -> str:
        return self.database.display_name

    @property
    def backend(self) -> str:
        return self.database.backend

    def unit_of_work(self) -> UnitOfWork:
        return self.database.unit_of_work()

    def holds_data(self) -> bool:
        with self.unit_of_work() as uow:
            return uow.agencies.count() > 0 or uow.topics.count() > 0

    def close(self) -> None:
        self.database.dispose()


def open_workspace(url: str | None = None) -> Workspace:
    """Open the database at ``url`` (default: the user's embedded one), migrating its schema."""
    try:
        return Workspace(open_database(url))
    except DatabaseUnavailableError as exc:
        raise DatabaseError(str(exc)) from exc


def overview(uow: UnitOfWork) -> dict[str, int]:
    """How many of each thing the partnership holds."""
    with uow:
        return {
            "agencies": uow.agencies.count(),
            "staff members": uow.staff.count(),
            "topics": uow.topics.count(),
            "tiers": uow.tiers.count(),
            "courses": uow.courses.count(),
            "sessions": uow.sessions.count(),
            "attendance records": uow.attendances.count(),
            "champions": uow.champions.count(),
            "evaluations": uow.evaluations.count(),
            "awareness events": uow.awareness_events.count(),
        }
