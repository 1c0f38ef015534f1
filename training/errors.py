"""Errors the user can act on: one family, each message saying what is wrong and what to do.

The GUI shows them in a dialog (with each field's problem next to the field); the command line
prints them and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Mapping


class UserError(Exception):
    """Something the user can put right; ``str()`` is the message to show."""


class ValidationError(UserError):
    """Input that breaks a rule; ``problems`` maps each field to what is wrong with it."""

    def __init__(
        self, subject: str, problems: Mapping[str, str], outcome: str = "cannot be saved"
    ) -> None:
        self.subject = subject
        self.problems = dict(problems)
        details = "; ".join(f"{name}: {problem}" for name, problem in self.problems.items())
        super().__init__(f"{subject} {outcome}. {details}")


class NotFoundError(UserError):
    def __init__(self, what: str, key: object) -> None:
        super().__init__(
            f"No {what} {key!r} was found; it may have been deleted. Reload and retry."
        )


class ConflictError(UserError):
    """Someone else saved the same record since this user read it."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"{what} was changed by someone else since you opened it. Your changes were not "
            "saved: reload to see theirs, then make yours again."
        )


class DatabaseError(UserError):
    """The database cannot be opened, or refused the change for a reason of its own."""
