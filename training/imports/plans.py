"""What each new or changed row will write, resolved against the database: kept compactly.

A preview keeps a plan for every row the commit will write: 100,000 of them for a large
e-learning export. As objects they took 25 MB; stored here in columns of numbers (ids, a day
ordinal, a status number), with the row as read kept only when it adds or changes a person,
they take about 5 MB. Iterating makes the ``Plan`` objects again, one at a time.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from training.imports.candidates import Candidate

_NONE = -1  # for an id or day that is not set: ids are positive, and so are day ordinals


@dataclass(slots=True)
class Plan:
    row: int
    staff_id: int | None
    course_id: int | None = None
    session_id: int | None = None
    day: dt.date | None = None  # the completion date; records not attended have none
    status: str | None = None
    role_id: int | None = None
    person: Candidate | None = None  # the row as read, when it adds or changes a person


def _number(value: int | None) -> int:
    return _NONE if value is None else value


def _value(number: int) -> int | None:
    return None if number == _NONE else number


class Plans:
    """Plans in the order they were appended."""

    def __init__(self) -> None:
        self._rows = array("q")
        self._staff = array("q")
        self._courses = array("q")
        self._sessions = array("q")
        self._days = array("q")
        self._roles = array("q")
        self._statuses = bytearray()
        self._status_names: list[str | None] = []
        self._people: dict[int, Candidate] = {}

    def append(self, plan: Plan) -> None:
        if plan.person is not None:
            self._people[len(self._rows)] = plan.person
        self._rows.append(plan.row)
        self._staff.append(_number(plan.staff_id))
        self._courses.append(_number(plan.course_id))
        self._sessions.append(_number(plan.session_id))
        self._days.append(_NONE if plan.day is None else plan.day.toordinal())
        self._roles.append(_number(plan.role_id))
        if plan.status not in self._status_names:
            self._status_names.append(plan.status)
        self._statuses.append(self._status_names.index(plan.status))

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Plan]:
        days: dict[int, dt.date] = {}  # one date object a day: a file repeats a few days often
        for index, row in enumerate(self._rows):
            day = self._days[index]
            if day != _NONE and day not in days:
                days[day] = dt.date.fromordinal(day)
            yield Plan(
                row,
                _value(self._staff[index]),
                _value(self._courses[index]),
                _value(self._sessions[index]),
                days.get(day),
                self._status_names[self._statuses[index]],
                _value(self._roles[index]),
                self._people.get(index),
            )
