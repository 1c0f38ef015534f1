"""Opening the partnership's database for the user interfaces (which never touch storage)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from storage.database import Database, open_database
from storage.errors import DatabaseUnavailableError
from training.access import EMBEDDED_USER, AccessDeniedError, Permission, Principal, requires
from training.errors import DatabaseError
from training.transactions import UnitOfWork
from training.users import create_first_coordinator, has_users, sign_in


@dataclass(frozen=True)
class Workspace:
    """An open database, the user working in it, and a factory of units of work for them.

    On an embedded (SQLite) database the user is its single user, the coordinator. On a shared
    one nobody works until they have signed in (``signed_in``), or set the database up with its
    first coordinator (``set_up``).
    """

    database: Database
    user: Principal | None = None

    @property
    def is_shared(self) -> bool:
        return self.database.backend != "sqlite"

    @property
    def needs_users(self) -> bool:
        """Whether this shared database has no users yet: its first coordinator must be made."""
        return self.is_shared and not has_users(self.database.unit_of_work())

    def signed_in(self, user_name: str, password: str) -> Workspace:
        return replace(self, user=sign_in(self.database.unit_of_work(), user_name, password))

    def set_up(self, user_name: str, full_name: str, password: str) -> Workspace:
        first = create_first_coordinator(
            self.database.unit_of_work(), user_name, full_name, password
        )
        return replace(self, user=first)

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
        if self.user is None:
            raise AccessDeniedError(f"Sign in to {self.name} first.")
        return self.database.unit_of_work(self.user)

    def holds_data(self) -> bool:
        with self.database.unit_of_work() as uow:
            return uow.agencies.count() > 0 or uow.topics.count() > 0

    def close(self) -> None:
        self.database.dispose()


def open_workspace(url: str | None = None) -> Workspace:
    """Open the database at ``url`` (default: the user's embedded one), migrating its schema."""
    try:
        database = open_database(url)
    except DatabaseUnavailableError as exc:
        raise DatabaseError(str(exc)) from exc
    return Workspace(database, None if database.backend != "sqlite" else EMBEDDED_USER)


@requires(Permission.READ_CATALOGUE)
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
