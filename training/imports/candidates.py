"""Turning one spreadsheet row into what it claims (a candidate), or saying what is wrong with it.

No database here: a candidate is the row's cleaned values; whether it is new, an update or a
duplicate is decided later against what is stored.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from training.imports.headers import ColumnMap, Field
from training.imports.normalise import clean_email, clean_name, clean_reference, clean_text
from training.imports.uk_dates import DateProblem, read_date
from training.validation import EMAIL

FORMULA_MARKS = ("=", "+", "@")


class ImportKind(enum.StrEnum):
    ATTENDANCE = "attendance"
    ELEARNING = "elearning"
    STAFF = "staff"


# What an attendance or completion column may say, and the status it means.
STATUS_WORDS: dict[str, str | None] = {
    **dict.fromkeys(
        (
            "y",
            "yes",
            "attended",
            "present",
            "completed",
            "complete",
            "passed",
            "pass",
            "done",
            "x",
            "1",
            "true",
            "✓",
            "✔",
            "attended - full",
            "full",
        ),
        "attended",
    ),
    **dict.fromkeys(
        (
            "n",
            "no",
            "dna",
            "did not attend",
            "absent",
            "no show",
            "no-show",
            "did not show",
            "0",
            "false",
            "failed to attend",
        ),
        "did not attend",
    ),
    **dict.fromkeys(
        ("cancelled", "canceled", "apologies", "apols", "withdrawn", "withdrew"), "cancelled"
    ),
    **dict.fromkeys(("booked", "registered", "enrolled", "place offered"), "booked"),
    # e-learning progress that is not a completion: nothing to record yet
    **dict.fromkeys(
        (
            "in progress",
            "not started",
            "started",
            "incomplete",
            "not attempted",
            "failed",
            "enrolled - not started",
        ),
        None,
    ),
}


@dataclass(frozen=True, slots=True)
class Problem:
    column: str | None  # the column's header as the file spells it
    message: str


@dataclass(frozen=True, slots=True)
class Candidate:
    row: int
    staff_ref: str
    first_name: str
    last_name: str
    email: str
    job_title: str = ""
    role: str = ""
    start_date: dt.date | None = None
    leave_date: dt.date | None = None
    course: str = ""
    day: dt.date | None = None
    status: str | None = "attended"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RowReader:
    """Reads the cells of one sheet's rows by field, collecting problems instead of stopping."""

    def __init__(self, columns: ColumnMap, kind: ImportKind, *, epoch_1904: bool = False) -> None:
        self.columns = columns
        self.kind = kind
        self.epoch_1904 = epoch_1904
        self._dates: dict[str, dt.date | DateProblem | None] = {}
        self._statuses: dict[str, str | Problem | None] = {}

    def _cell(self, values: tuple[object, ...], field: Field) -> object:
        index = self.columns.columns.get(field)
        return values[index] if index is not None and index < len(values) else None

    def _date(
        self, values: tuple[object, ...], field: Field, problems: list[Problem]
    ) -> dt.date | None:
        value = self._cell(values, field)
        if isinstance(value, str):  # text is slow to read, and a file repeats a few dates
            text = value
            day = _memoised(self._dates, text, lambda: self._read_date(text))
        else:
            day = self._read_date(value)
        if isinstance(day, DateProblem):
            problems.append(Problem(self.columns.column_name(field), str(day)))
            return None
        return day

    def _read_date(self, value: object) -> dt.date | DateProblem | None:
        try:
            return read_date(value, epoch_1904=self.epoch_1904)
        except DateProblem as problem:
            return problem

    def _names(self, values: tuple[object, ...]) -> tuple[str, str]:
        first = clean_name(self._cell(values, Field.FIRST_NAME))
        last = clean_name(self._cell(values, Field.LAST_NAME))
        if not (first or last):
            first, last = split_full_name(clean_text(self._cell(values, Field.FULL_NAME)))
        return first, last

    def read(self, number: int, values: tuple[object, ...]) -> Candidate | list[Problem]:
        """The row's candidate, or every problem that stops it being one."""
        problems: list[Problem] = []
        first, last = self._names(values)
        ref = clean_reference(self._cell(values, Field.STAFF_REF))
        raw_email = self._cell(values, Field.EMAIL)
        email = clean_email(raw_email)
        if email and not EMAIL.match(email):
            problems.append(
                Problem(
                    self.columns.column_name(Field.EMAIL),
                    f"{clean_text(raw_email)!r} is not an email address",
                )
            )
        for field, value in ((Field.FIRST_NAME, first), (Field.LAST_NAME, last)):
            if value.startswith(FORMULA_MARKS):
                problems.append(
                    Problem(
                        self._header_of(field) or self._header_of(Field.FULL_NAME),
                        f"{value[:40]!r} looks like a spreadsheet formula, not a name",
                    )
                )
        if not (ref or email or (first and last)):
            problems.append(
                Problem(None, "no staff reference, email or full name to say who this is")
            )
        if self.kind is ImportKind.STAFF and not (first and last):
            missing = Field.LAST_NAME if first else Field.FIRST_NAME
            problems.append(
                Problem(
                    self._header_of(missing) or self._header_of(Field.FULL_NAME),
                    "a first name and a surname are needed for a staff list",
                )
            )
        fields: dict[str, object] = {}
        if self.kind is ImportKind.STAFF:
            fields = {
                "job_title": clean_text(self._cell(values, Field.JOB_TITLE)),
                "role": clean_text(self._cell(values, Field.ROLE)),
                "start_date": self._date(values, Field.START_DATE, problems),
                "leave_date": self._date(values, Field.LEAVE_DATE, problems),
            }
        else:
            fields = {
                "course": clean_text(self._cell(values, Field.COURSE)),
                "day": self._date(values, Field.DATE, problems),
                "status": self._status(values, problems),
            }
        if problems:
            return problems
        return Candidate(number, ref, first, last, email, **fields)  # type: ignore[arg-type]

    def _header_of(self, field: Field) -> str | None:
        return self.columns.column_name(field) if field in self.columns.columns else None

    def _status(self, values: tuple[object, ...], problems: list[Problem]) -> str | None:
        if Field.STATUS not in self.columns.columns:
            return "attended"  # a sign-in sheet lists those who came
        raw = clean_text(self._cell(values, Field.STATUS))
        status = _memoised(self._statuses, raw, lambda: self._read_status(raw))
        if isinstance(status, Problem):
            problems.append(status)
            return None
        return status

    def _read_status(self, text: str) -> str | Problem | None:
        raw = text.lower().rstrip(".!")
        if not raw and self.kind is ImportKind.ELEARNING:
            return "attended"  # exports leave it empty when the completion date says it all
        column = self.columns.column_name(Field.STATUS)
        if not raw:
            return Problem(column, "is empty; write attended or did not attend")
        if raw in STATUS_WORDS:
            return STATUS_WORDS[raw]
        return Problem(
            column,
            f"{raw!r} is not an attendance status (write attended, did not "
            "attend, cancelled or booked)",
        )


_MEMO_LIMIT = 1_000  # distinct cells remembered: a file of all-different dates stays small
K = TypeVar("K")
V = TypeVar("V")


def _memoised(memo: dict[K, V], key: K, read: Callable[[], V]) -> V:
    """``read()``, or what it gave for ``key`` before."""
    try:
        return memo[key]
    except KeyError:
        value = read()
        if len(memo) < _MEMO_LIMIT:
            memo[key] = value
        return value


def split_full_name(text: str) -> tuple[str, str]:
    """'Lee, Sam' and 'Sam Lee' both give ('Sam', 'Lee'); titles are dropped."""
    if "," in text:
        last, _, first = text.partition(",")
        return clean_name(first), clean_name(last)
    words = [w for w in text.split(" ") if w.lower().rstrip(".") not in _TITLES]
    if len(words) < 2:
        return "", clean_name(" ".join(words))
    return clean_name(" ".join(words[:-1])), clean_name(words[-1])


def _plainly_filled(value: object) -> bool:
    """Whether the cell holds something that cleaning could not make empty."""
    if isinstance(value, str):
        return value != "" and value.isascii() and value.isprintable() and not value.isspace()
    return value is not None


_TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "pc", "ps", "dc", "sgt", "insp", "rev"}


def is_blank_or_note(values: tuple[object, ...]) -> bool:
    """Rows to pass over quietly: empty ones, and single-cell notes ('Total attended: 17')."""
    if sum(map(_plainly_filled, values)) >= 2:  # the common case, without cleaning the cells
        return False
    filled = list(islice(filter(None, map(clean_text, values)), 2))  # two say it is data
    if not filled:
        return True
    if len(filled) == 1:
        text = filled[0].lower()
        return ":" in text or text.startswith(("total", "note", "signed", "trainer"))
    return False
