"""Calendar arithmetic for training validity and UK date display."""

from __future__ import annotations

import calendar
import datetime as dt

UK_DATE = "%d/%m/%Y"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus calendar months; a day the target month lacks falls to its last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def lapsed_through(on: dt.date, validity_months: int) -> dt.date:
    """The latest completion date whose training has lapsed by ``on``.

    A record completed on ``c`` with validity ``v`` has lapsed on ``on`` exactly when
    ``add_months(c, v) <= on``, which is exactly when ``c <= lapsed_through(on, v)``. This turns
    the expiry test into a comparison against one date per validity, which SQL can do on any
    database without month arithmetic of its own.
    """
    back = add_months(on, -validity_months)
    if on.day == calendar.monthrange(on.year, on.month)[1]:
        return back.replace(day=calendar.monthrange(back.year, back.month)[1])
    return back


def uk(day: dt.date | dt.datetime | None) -> str:
    """A date as the UK writes it (dd/mm/yyyy); empty for no date."""
    return "" if day is None else day.strftime(UK_DATE)
