"""Registers: who was booked on, attended or missed a session; e-learning completions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from storage import models as m
from training.access import Permission, agency_filter, own_staff, requires
from training.errors import ValidationError
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors

ATTENDANCE_STATUSES = ("booked", "attended", "did not attend", "cancelled")
TAKES_A_PLACE = ("booked", "attended", "did not attend")
PARTNERSHIP_NAME = "partnership_name"  # the setting that names the partnership (or LSCB)


@dataclass(frozen=True)
class AttendanceMark:
    staff_id: int
    status: str


@dataclass(frozen=True)
class RegisterLine:
    attendance_id: int
    staff_id: int
    first_name: str
    last_name: str
    staff_ref: str | None
    agency_id: int
    agency: str
    job_title: str  # their job title, or else their current role
    status: str
    completed_on: dt.date | None
    version: int

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class RegisterSummary:
    added: int
    changed: int
    unchanged: int


@requires(Permission.RECORD_ATTENDANCE)
def register(uow: UnitOfWork, session_id: int) -> list[RegisterLine]:
    """Everyone with a record on the session, by surname."""
    with uow:
        found(uow.sessions.get(session_id), "session", session_id)
        return _register_lines(uow, session_id)


def _register_lines(uow: UnitOfWork, session_id: int) -> list[RegisterLine]:
    """The session's records; an agency lead sees only their own agency's people."""
    scope = agency_filter(uow, None)
    agencies = {agency.id: agency.name for agency in uow.agencies.list()}
    roles = {role.id: role.name for role in uow.roles.list()}
    lines = []
    for record in uow.attendances.for_session(session_id):
        person = found(uow.staff.get(record.staff_id), "staff member", record.staff_id)
        if scope is not None and person.agency_id != scope:
            continue
        current_role = max(person.roles, key=lambda spell: spell.effective_from, default=None)
        lines.append(
            RegisterLine(
                attendance_id=record.id,
                staff_id=record.staff_id,
                first_name=person.first_name,
                last_name=person.last_name,
                staff_ref=person.staff_ref,
                agency_id=person.agency_id,
                agency=agencies.get(person.agency_id, ""),
                job_title=person.job_title
                or (roles.get(current_role.role_id, "") if current_role else ""),
                status=record.status,
                completed_on=record.completed_on,
                version=record.version,
            )
        )
    return sorted(lines, key=lambda line: (line.last_name.casefold(), line.name.casefold()))


@requires(Permission.RECORD_ATTENDANCE)
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
            own_staff(uow, mark.staff_id)
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


@requires(Permission.RECORD_ATTENDANCE)
def record_completion(
    uow: UnitOfWork, staff_id: int, course_id: int, completed_on: dt.date
) -> bool:
    """Record an e-learning completion; False if it was already recorded."""
    with uow, storage_failures_as_user_errors("The completion"):
        own_staff(uow, staff_id)
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


# --- the sign-in sheet ----------------------------------------------------------------------

ON_THE_SHEET = ("booked", "attended")  # expected in the room: not cancelled, not absent


@dataclass(frozen=True)
class SignInLine:
    name: str
    agency: str
    job_title: str


@dataclass(frozen=True)
class SignInSheet:
    """What a printed sign-in sheet shows: the session, and the people booked on it."""

    partnership: str  # "" when the partnership has not been named in its settings
    course_code: str
    course_title: str
    topic: str
    tier: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    trainer: str
    capacity: int
    lines: tuple[SignInLine, ...]
    blank_lines: int  # the places still free, left blank for walk-ins to sign


@requires(Permission.RECORD_ATTENDANCE)
def sign_in_sheet(uow: UnitOfWork, session_id: int) -> SignInSheet:
    """The sign-in sheet of a session: the people booked on it (or already marked attended)."""
    with uow:
        session = found(uow.sessions.get(session_id), "session", session_id)
        if session.status == "cancelled":
            raise ValidationError(
                "The sign-in sheet",
                {"session": "was cancelled: no one will sign in"},
                outcome="cannot be printed",
            )
        course = session.course
        tier = found(uow.tiers.get(course.tier_id), "tier", course.tier_id)
        topic = found(uow.topics.get(course.topic_id), "topic", course.topic_id)
        lines = tuple(
            SignInLine(line.name, line.agency, line.job_title)
            for line in _register_lines(uow, session_id)
            if line.status in ON_THE_SHEET
        )
        return SignInSheet(
            partnership=uow.settings.all().get(PARTNERSHIP_NAME, "").strip(),
            course_code=course.code,
            course_title=course.title,
            topic=topic.name,
            tier=tier.name,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            venue=session.venue,
            trainer=session.trainer,
            capacity=session.capacity,
            lines=lines,
            blank_lines=max(session.capacity - uow.sessions.taken_places(session_id), 0),
        )
