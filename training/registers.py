"""Registers: who was booked on, attended or missed a session; e-learning completions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from storage import models as m
from training.errors import ValidationError
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors

ATTENDANCE_STATUSES = ("booked", "attended", "did not attend", "cancelled")
TAKES_A_PLACE = ("booked", "attended", "did not attend")


@dataclass(frozen=True)
class AttendanceMark:
    staff_id: int
    status: str


@dataclass(frozen=True)
class RegisterLine:
    attendance_id: int
    staff_id: int
    name: str
    agency_id: int
    status: str
    completed_on: dt.date | None
    version: int


@dataclass(frozen=True)
class RegisterSummary:
    added: int
    changed: int
    unchanged: int


def register(uow: UnitOfWork, session_id: int) -> list[RegisterLine]:
    with uow:
        found(uow.sessions.get(session_id), "session", session_id)
        lines = []
        for record in uow.attendances.for_session(session_id):
            person = found(uow.staff.get(record.staff_id), "staff member", record.staff_id)
            lines.append(
                RegisterLine(
                    attendance_id=record.id,
                    staff_id=record.staff_id,
                    name=f"{person.first_name} {person.last_name}",
                    agency_id=person.agency_id,
                    status=record.status,
                    completed_on=record.completed_on,
                    version=record.version,
                )
            )
        return sorted(lines, key=lambda line: (line.name.rsplit(" ", 1)[-1], line.name))


def mark_register(
    uow: UnitOfWork, session_id: int, marks: Iterable[AttendanceMark]
) -> RegisterSummary:
    """Record each person's status on the session, in one transaction.

    Attended records are completed on the day the session ends. Capacity is enforced for
    places taken (booked, attended, did not attend); cancelling frees a place.
    """
    marks = list(marks)
    problems = {
        f"row {n}": f"{mark.status!r} is not one of: {', '.join(ATTENDANCE_STATUSES)}"
        for n, mark in enumerate(marks, start=1)
        if mark.status not in ATTENDANCE_STATUSES
    }
    if problems:
        raise ValidationError("The register", problems)
    added = changed = unchanged = 0
    with uow, storage_failures_as_user_errors("The register"):
        session = found(uow.sessions.get(session_id), "session", session_id)
        if session.status == "cancelled":
            raise ValidationError("The register", {"session": "was cancelled"})
        for mark in marks:
            found(uow.staff.get(mark.staff_id), "staff member", mark.staff_id)
            completed = session.ends_at.date() if mark.status == "attended" else None
            record = uow.attendances.on_session(mark.staff_id, session_id)
            if record is None:
                uow.attendances.add(
                    m.Attendance(
                        staff_id=mark.staff_id,
                        course_id=session.course_id,
                        session_id=session_id,
                        status=mark.status,
                        completed_on=completed,
                    )
                )
                added += 1
            elif (record.status, record.completed_on) == (mark.status, completed):
                unchanged += 1
            else:
                record.status, record.completed_on = mark.status, completed
                changed += 1
        uow.flush()
        taken = uow.sessions.taken_places(session_id)
        if taken > session.capacity:
            raise ValidationError(
                "The register",
                {"places": f"{taken} places would be taken but the session has {session.capacity}"},
            )
        uow.commit()
    return RegisterSummary(added, changed, unchanged)


def record_completion(
    uow: UnitOfWork, staff_id: int, course_id: int, completed_on: dt.date
) -> bool:
    """Record an e-learning completion; False if it was already recorded."""
    with uow, storage_failures_as_user_errors("The completion"):
        found(uow.staff.get(staff_id), "staff member", staff_id)
        found(uow.courses.get(course_id), "course", course_id)
        if uow.attendances.completion(staff_id, course_id, completed_on) is not None:
            return False
        uow.attendances.add(
            m.Attendance(
                staff_id=staff_id,
                course_id=course_id,
                status="attended",
                completed_on=completed_on,
            )
        )
        uow.commit()
        return True
