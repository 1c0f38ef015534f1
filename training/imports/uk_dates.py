"""Reading dates the way UK spreadsheets hold them; an impossible or ambiguous date is an error.

Cells arrive as real dates, Excel serial numbers (1900 or 1904 based) or text: ``dd/mm/yyyy``,
``d/m/yy``, ``dd-mm-yyyy``, ``dd.mm.yyyy``, ``3 March 2025``, ``3-Mar-25`` or ISO ``2025-03-03``.
Day comes before month, always: text that only makes sense month-first (``04/25/2025``) is
refused with a hint, never swapped silently.
"""

from __future__ import annotations

import datetime as dt
import math
import re

EXCEL_1900_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 01/01/1900, past Excel's phantom 29/02/1900
EXCEL_1904_EPOCH = dt.date(1904, 1, 1)
EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2100, 12, 31)

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[t ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$"
)
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-]+([a-z]+)\.?,?[\s\-]+(\d{2}|\d{4})$")
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?$", re.IGNORECASE)
_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
} | {"sept": 9}


class DateProblem(ValueError):
    """The text or number is not a date we can read without guessing; the message says why."""


def read_date(value: object, *, epoch_1904: bool = False) -> dt.date | None:
    """The date in a cell, None for an empty cell; DateProblem when it cannot be read safely."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _in_range(value.date(), value)
    if isinstance(value, dt.date):
        return _in_range(value, value)
    if isinstance(value, bool):
        raise DateProblem(f"{value!r} is not a date")
    if isinstance(value, int | float):
        return from_serial(value, epoch_1904=epoch_1904)
    text = " ".join(str(value).split())
    return None if not text else from_text(text)


def from_serial(serial: float, *, epoch_1904: bool = False) -> dt.date:
    """An Excel serial day number (any time of day in its fraction is dropped)."""
    if not math.isfinite(serial) or serial < 1 or serial > 100_000:
        raise DateProblem(f"{serial!r} is not a date")
    days = int(serial)
    if epoch_1904:
        return _in_range(EXCEL_1904_EPOCH + dt.timedelta(days=days), serial)
    if days == 60:
        raise DateProblem("Excel's day 60 is 29/02/1900, which never existed")
    if days < 60:  # before Excel's phantom leap day
        days += 1
    return _in_range(EXCEL_1900_EPOCH + dt.timedelta(days=days), serial)


def from_text(text: str) -> dt.date:
    cleaned = _TIME_SUFFIX.sub("", text.strip()).lower()
    if match := _NUMERIC.match(cleaned):
        day, month, year = (int(part) for part in match.groups())
        if month > 12 and day <= 12:
            raise DateProblem(
                f"{text!r} reads month-first (US style); write UK dates as dd/mm/yyyy"
            )
        return _build(text, _full_year(match.group(3)), month, day)
    if match := _ISO.match(cleaned):
        year, month, day = (int(part) for part in match.groups())
        return _build(text, year, month, day)
    if match := _WORDS.match(cleaned):
        month_name = match.group(2)
        if month_name not in _MONTHS:
            raise DateProblem(f"{text!r}: {month_name!r} is not a month")
        return _build(text, _full_year(match.group(3)), _MONTHS[month_name], int(match.group(1)))
    raise DateProblem(f"{text!r} is not a date; write it as dd/mm/yyyy")


def _full_year(digits: str) -> int:
    """Two-digit years as Excel reads them: 00-29 are 2000-2029, 30-99 are 1930-1999."""
    if len(digits) != 2:
        return int(digits)
    return (2000 if int(digits) < 30 else 1900) + int(digits)


def _build(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return _in_range(dt.date(year, month, day), text)
    except ValueError as exc:
        if isinstance(exc, DateProblem):
            raise
        raise DateProblem(f"{text!r} is not a real date (day {day}, month {month})") from exc


def _in_range(day: dt.date, original: object) -> dt.date:
    if not EARLIEST <= day <= LATEST:
        raise DateProblem(f"{original!r} is outside the years 1900 to 2100")
    return day
