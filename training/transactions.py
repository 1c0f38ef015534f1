"""Running a service's work as one transaction, with storage failures as user errors."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from storage.errors import (
    DatabaseUnavailableError,
    DuplicateRecordError,
    StaleRecordError,
    StorageError,
)
from storage.unit_of_work import SqlUnitOfWork
from training.errors import ConflictError, DatabaseError, NotFoundError, ValidationError

UnitOfWork = SqlUnitOfWork
T = TypeVar("T")
UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


@contextmanager
def storage_failures_as_user_errors(subject: str) -> Iterator[None]:
    try:
        yield
    except StaleRecordError as exc:
        raise ConflictError(subject) from exc
    except DuplicateRecordError as exc:
        raise ValidationError(subject, {"name": "is already used by another record"}) from exc
    except DatabaseUnavailableError as exc:
        raise DatabaseError(str(exc)) from exc
    except StorageError as exc:
        raise DatabaseError(f"The database refused the change to {subject}: {exc}") from exc


def check_version(subject: str, actual: int, expected: int | None) -> None:
    """Refuse an edit made on a copy older than the stored record (None skips the check)."""
    if expected is not None and actual != expected:
        raise ConflictError(subject)


def found(record: T | None, what: str, key: object) -> T:
    """The record, or a NotFoundError naming what was looked for."""
    if record is None:
        raise NotFoundError(what, key)
    return record
