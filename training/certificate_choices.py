"""What certificates can be printed for: the sessions people attended, and attended records.

The lists a coordinator chooses from before printing (``training.certificates`` then issues and
prints them): newest first, narrowed by the words typed, and never longer than ``limit``, since
a large partnership holds a million records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storage.repositories import CertificateSource
from training.access import Permission, requires
from training.transactions import UnitOfWork

ATTENDED = "attended"
CHOICES_SHOWN = 200  # the most a list holds: more words narrow it


@dataclass(frozen=True)
class SessionAttended:
    """A session with people marked as attended, and how many of them have a certificate."""

    session_id: int
    starts_at: dt.datetime
    course_code: str
    course_title: str
    venue: str
    trainer: str
    attended: int
    issued: int

    def __str__(self) -> str:
        return f"{self.starts_at:%d/%m/%Y} {self.course_code} {self.course_title}"


@dataclass(frozen=True)
class AttendedRecord:
    """A person's attended record (a session, or an e-learning completion), and its
    certificate's number ("" until one is issued)."""

    attendance_id: int
    learner: str
    agency: str
    course_code: str
    course_title: str
    completed_on: dt.date | None
    certificate_number: str


@requires(Permission.ISSUE_CERTIFICATES)
def sessions_attended(
    uow: UnitOfWork, search: str = "", limit: int = CHOICES_SHOWN
) -> list[SessionAttended]:
    """The newest sessions that someone attended, each word of ``search`` in the course's code
    or title, the venue or the trainer."""
    with uow:
        rows = uow.certificates.sessions_with_status(ATTENDED, search, limit)
        return [SessionAttended(*row) for row in rows]


@requires(Permission.ISSUE_CERTIFICATES)
def attended_records(
    uow: UnitOfWork, search: str = "", limit: int = CHOICES_SHOWN
) -> list[AttendedRecord]:
    """The newest attended records, each word of ``search`` in the person's name, email or
    staff reference or the course's code."""
    with uow:
        sources = uow.certificates.sources_matching(ATTENDED, search, limit)
        return [_record(source) for source in sources]


def _record(source: CertificateSource) -> AttendedRecord:
    ended = source.session_ends_at.date() if source.session_ends_at else None
    return AttendedRecord(
        attendance_id=source.attendance_id,
        learner=f"{source.first_name} {source.last_name}",
        agency=source.agency,
        course_code=source.course_code,
        course_title=source.course_title,
        completed_on=source.completed_on or ended,
        certificate_number=source.number or "",
    )
