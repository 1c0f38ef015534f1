"""Everything held about one person, as plain data: what a subject access request is answered
with (``training.data_protection.person_record``) and the workbook it is sent as
(``exports.person_record_workbook``).

Pure: no storage here, so the exports may read these types.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class PersonDetails:
    staff_id: int
    agency: str
    staff_ref: str | None
    first_name: str
    last_name: str
    email: str
    job_title: str
    front_line: bool
    works_with_children_10_plus: bool
    start_date: dt.date | None
    leave_date: dt.date | None
    anonymised_on: dt.date | None

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True)
class RoleLine:
    role: str
    held_from: dt.date


@dataclass(frozen=True)
class AttendanceLine:
    attendance_id: int
    course_code: str
    course_title: str
    tier: str
    topic: str
    delivery_mode: str
    session_starts_at: dt.datetime | None  # None for an e-learning completion
    venue: str | None
    status: str
    completed_on: dt.date | None
    hours: Decimal
    note: str


@dataclass(frozen=True)
class CertificateLine:
    number: str
    verification_code: str
    issued_on: dt.date
    times_printed: int
    course_code: str
    course_title: str
    completed_on: dt.date | None


@dataclass(frozen=True)
class EvaluationLine:
    submitted_on: dt.date
    course_code: str
    course_title: str
    session_starts_at: dt.datetime
    overall_rating: int | None
    content_rating: int | None
    trainer_rating: int | None
    confidence_before: int | None
    confidence_after: int | None
    comments: str


@dataclass(frozen=True)
class ChampionPostLine:
    agency: str
    theme: str
    appointed_on: dt.date
    stood_down_on: dt.date | None
    trained_on: dt.date | None


@dataclass(frozen=True)
class ChampionMeetingLine:
    held_on: dt.date
    venue: str
    theme: str
    present: bool


@dataclass(frozen=True)
class ImportLine:
    """An import batch that added or changed some of the person's records of one kind."""

    batch_id: int
    kind: str
    file_name: str
    imported_at: dt.datetime
    imported_by: str
    undone_at: dt.datetime | None
    record_kind: str  # staff_member, staff_role, attendance, evaluation
    action: str  # added, updated
    records: int


@dataclass(frozen=True)
class AuditLine:
    changed_at: dt.datetime
    user_name: str
    action: str
    table_name: str
    record_id: int | None
    description: str
    changes: tuple[tuple[str, object, object], ...]  # (field, old, new)

    @property
    def changes_text(self) -> str:
        """ "status: booked → attended; completed_on: – → 2026-03-31"."""
        return "; ".join(
            f"{field}: {_shown(old)} → {_shown(new)}" for field, old, new in self.changes
        )


def _shown(value: object) -> str:
    return "–" if value is None or value == "" else str(value)


@dataclass(frozen=True)
class PersonRecord:
    """What the partnership holds about one person, on ``compiled_at``."""

    compiled_at: dt.datetime
    person: PersonDetails
    roles: tuple[RoleLine, ...]
    attendances: tuple[AttendanceLine, ...]
    certificates: tuple[CertificateLine, ...]
    evaluations: tuple[EvaluationLine, ...]
    champion_posts: tuple[ChampionPostLine, ...]
    champion_meetings: tuple[ChampionMeetingLine, ...]
    imports: tuple[ImportLine, ...]
    audit: tuple[AuditLine, ...]
