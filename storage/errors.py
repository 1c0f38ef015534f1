"""Failures the storage layer reports in its own terms; services turn them into user messages."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError


class StorageError(Exception):
    """Base class for storage failures a caller can act on."""


class StaleRecordError(StorageError):
    """Someone else saved the record since it was read (optimistic locking)."""


class DuplicateRecordError(StorageError):
    """A unique rule of the database was broken (e.g. two agencies with one name)."""


class DatabaseUnavailableError(StorageError):
    """The database cannot be opened or reached."""


@contextmanager
def translated_errors() -> Iterator[None]:
    """Turn SQLAlchemy's exceptions into the storage errors services understand."""
    try:
        yield
    except StaleDataError as exc:
        raise StaleRecordError(str(exc)) from exc
    except IntegrityError as exc:
        text = str(exc.orig).lower()
        if "unique" in text or "duplicate key" in text:
            raise DuplicateRecordError(str(exc.orig)) from exc
        raise StorageError(str(exc.orig)) from exc
