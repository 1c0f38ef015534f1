"""How a session's day and times read on screen: "Thu 03/12/2026", "09:30–16:30"."""

from __future__ import annotations

import datetime as dt

from training.catalogue import SessionView

DAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def day_text(value: object) -> str:
    """A day with its weekday, "Thu 03/12/2026" ("" for anything not a date)."""
    if not isinstance(value, dt.date):
        return ""
    return f"{DAY_ABBREVIATIONS[value.weekday()]} {value:%d/%m/%Y}"


def time_text(session: SessionView) -> str:
    """ "09:30–16:30", and how many days when it runs over more than one."""
    starts, ends = session.starts_at, session.ends_at
    days = (ends.date() - starts.date()).days + 1
    return f"{starts:%H:%M}–{ends:%H:%M}" + (f", {days} days" if days > 1 else "")


def when_text(session: SessionView) -> str:
    """The day and the times together: "Thu 03/12/2026 09:30–16:30"."""
    return f"{day_text(session.starts_at)} {time_text(session)}"
