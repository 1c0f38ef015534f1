"""Errors the user can act on: one family, each message saying what is wrong and what to do.

The GUI shows them in a dialog (with each field's problem next to the field); the command line
prints them and exits non-zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class UserError(Exception):
    """Something the user can put right; ``str()`` is the message to show."""


class ValidationError(UserError):
    """Input that breaks a rule; ``problems`` maps each field to what is wrong with it, and
    ``outcome`` says what could not be done ("cannot be saved", "cannot be made", …)."""

    def __init__(
        self, subject: str, problems: Mapping[str, str], outcome: str = "cannot be saved"
    ) -> None:
        self.subject = subject
        self.problems = dict(problems)
        self.outcome = outcome
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


@dataclass(frozen=True)
class CellProblem:
    """One problem in a spreadsheet and where it is: the file, then sheet, row and column if known.

    ``row`` is the row number the spreadsheet shows (the heading row is usually 1); ``column`` is
    the column's heading as the file spells it.
    """

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


class WorkbookError(UserError):
    """A spreadsheet refused as a whole: ``problems`` holds every problem found, in file order.

    Nothing from the file was saved. The message lists the first problems; the GUI can show all.
    """

    SHOWN = 25

    def __init__(self, file: str, problems: Sequence[CellProblem]) -> None:
        self.file = file
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"  {problem}" for problem in self.problems[: self.SHOWN]]
        if count > self.SHOWN:
            lines.append(f"  ... and {count - self.SHOWN} more")
        these = "this problem" if count == 1 else f"these {count} problems"
        super().__init__(
            f"{file} was not imported and nothing was changed. Put right {these}, "
            "then import it again:\n" + "\n".join(lines)
        )
