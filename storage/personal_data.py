"""The queries of data protection: leavers due for anonymising, anonymising people in bulk, and
everything held about one person.

Anonymising writes with Core statements, many rows at a time, so thousands of leavers take one
transaction of a few statements per 5,000 people. The ORM's audit listener does not see them,
and must not: its entries would hold the very names they remove. An entry per person is written
here instead, without them. The values written are the training layer's to decide
(``training.data_protection``).

A separate module rather than more of ``storage.repositories``, as ``storage.compliance_query``
is: one subject, and its own imports.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, bindparam, func, insert, or_, select, update
from sqlalchemy.orm import Session

from storage import models as m
from storage.audit import ACTOR
from storage.errors import translated_errors

CHUNK = 5000  # people per statement, well within SQLite's limit on parameters

_TABLES = m.Base.metadata.tables
_STAFF = _TABLES[m.StaffMember.__tablename__]
_AUDIT = _TABLES[m.AuditEntry.__tablename__]
_CHANGES = _TABLES[m.ImportChange.__tablename__]


class Leaver(NamedTuple):
    staff_id: int
    first_name: str
    last_name: str
    agency: str
    leave_date: dt.date


class Pseudonym(NamedTuple):
    """What a person's row holds once anonymised, and the audit trail's note of it."""

    staff_id: int
    first_name: str
    last_name: str
    staff_ref: str
    audit_action: str  # "anonymise" or "erase"
    audit_note: str


class PersonalData:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- leavers ---------------------------------------------------------------------------

    def _leavers_where(self, left_by: dt.date) -> tuple[ColumnElement[bool], ...]:
        staff = m.StaffMember
        return (
            staff.leave_date.is_not(None),
            staff.leave_date <= left_by,
            staff.anonymised_on.is_(None),
        )

    def leavers(self, left_by: dt.date, limit: int | None = None) -> list[Leaver]:
        """People not yet anonymised who left on or before ``left_by``: those who left first
        first, then by name (at most ``limit`` of them)."""
        staff = m.StaffMember
        statement = (
            select(staff.id, staff.first_name, staff.last_name, m.Agency.name, staff.leave_date)
            .join(m.Agency, m.Agency.id == staff.agency_id)
            .where(*self._leavers_where(left_by))
            .order_by(staff.leave_date, staff.last_name, staff.first_name, staff.id)
            .limit(limit)
        )
        return [Leaver._make(row) for row in self.session.connection().execute(statement)]

    def leavers_by_agency(self, left_by: dt.date) -> list[tuple[str, int]]:
        """(agency, how many) of those ``leavers`` would list, by agency name."""
        statement = (
            select(m.Agency.name, func.count())
            .join(m.StaffMember, m.StaffMember.agency_id == m.Agency.id)
            .where(*self._leavers_where(left_by))
            .group_by(m.Agency.name)
            .order_by(m.Agency.name)
        )
        return [(name, int(count)) for name, count in self.session.execute(statement)]

    # --- anonymising -----------------------------------------------------------------------

    def anonymise(
        self,
        people: Sequence[Pseudonym],
        on: dt.date,
        *,
        personal_fields: Collection[str],
        erased: str,
    ) -> None:
        """Replace each person's name, reference, email and job title by the pseudonym's (email
        and job title emptied), clear the free text of their records, and clear the audit
        trail and import log of what they held; then note the change in the audit trail.

        ``personal_fields``: the fields whose values the audit trail (as ``erased``) and the
        import log (as the pseudonym's) must no longer hold.
        """
        with translated_errors():
            for start in range(0, len(people), CHUNK):
                chunk = people[start : start + CHUNK]
                self._rename(chunk, on)
                ids = [person.staff_id for person in chunk]
                self._clear_free_text(ids)
                self._scrub_audit(chunk, set(personal_fields), erased)
                self._scrub_import_log(chunk, set(personal_fields))
                self._note_in_audit(chunk, on)

    def _rename(self, people: Sequence[Pseudonym], on: dt.date) -> None:
        statement = (
            update(_STAFF)
            .where(_STAFF.c.id == bindparam("person"))
            .values(
                first_name=bindparam("first"),
                last_name=bindparam("last"),
                staff_ref=bindparam("ref"),
                email="",
                job_title="",
                anonymised_on=on,
                version=_STAFF.c.version + 1,
            )
        )
        rows = [
            {"person": p.staff_id, "first": p.first_name, "last": p.last_name, "ref": p.staff_ref}
            for p in people
        ]
        self.session.connection().execute(statement, rows)

    def _clear_free_text(self, ids: list[int]) -> None:
        """Attendance notes and evaluation comments: free text about or by the person."""
        for table, column in (
            (_TABLES[m.Attendance.__tablename__], "note"),
            (_TABLES[m.Evaluation.__tablename__], "comments"),
        ):
            self.session.connection().execute(
                update(table)
                .where(table.c.staff_id.in_(ids), table.c[column] != "")
                .values({column: "", "version": table.c.version + 1})
            )

    def _scrub_audit(self, people: Sequence[Pseudonym], personal: set[str], erased: str) -> None:
        names = {p.staff_id: f"{p.first_name} {p.last_name}" for p in people}
        statement = select(
            _AUDIT.c.id, _AUDIT.c.staff_member_id, _AUDIT.c.description, _AUDIT.c.changes
        ).where(_AUDIT.c.staff_member_id.in_(list(names)))
        rewritten = [
            {
                "entry": entry_id,
                "description": names[staff_id] if description else "",
                "changes": _erased_changes(changes, personal, erased),
            }
            for entry_id, staff_id, description, changes in self.session.connection().execute(
                statement
            )
        ]
        if rewritten:
            self.session.connection().execute(
                update(_AUDIT)
                .where(_AUDIT.c.id == bindparam("entry"))
                .values(description=bindparam("description"), changes=bindparam("changes")),
                rewritten,
            )

    def _scrub_import_log(self, people: Sequence[Pseudonym], personal: set[str]) -> None:
        """An import's record of what a person held before it changed them: undoing the import
        puts the pseudonym back, never what was erased."""
        now_held = {
            p.staff_id: {
                "first_name": p.first_name,
                "last_name": p.last_name,
                "staff_ref": p.staff_ref,
                "email": "",
                "job_title": "",
            }
            for p in people
        }
        statement = select(_CHANGES.c.id, _CHANGES.c.record_id, _CHANGES.c.previous).where(
            _CHANGES.c.record_kind == "staff_member",
            _CHANGES.c.record_id.in_(list(now_held)),
            _CHANGES.c.previous != "",
        )
        rewritten = []
        for change_id, staff_id, previous in self.session.connection().execute(statement):
            held = json.loads(previous)
            for field in personal & held.keys():
                held[field] = now_held[staff_id].get(field, "")
            rewritten.append({"change": change_id, "previous": json.dumps(held)})
        if rewritten:
            self.session.connection().execute(
                update(_CHANGES)
                .where(_CHANGES.c.id == bindparam("change"))
                .values(previous=bindparam("previous")),
                rewritten,
            )

    def _note_in_audit(self, people: Sequence[Pseudonym], on: dt.date) -> None:
        actor = str(self.session.info.get(ACTOR, ""))
        now = dt.datetime.now().replace(microsecond=0)
        changes = json.dumps({"anonymised_on": [None, on.isoformat()]})
        self.session.connection().execute(
            insert(_AUDIT),
            [
                {
                    "changed_at": now,
                    "user_name": actor,
                    "action": p.audit_action,
                    "table_name": _STAFF.name,
                    "record_id": p.staff_id,
                    "staff_member_id": p.staff_id,
                    "description": p.audit_note,
                    "changes": changes,
                }
                for p in people
            ],
        )

    # --- everything held about one person --------------------------------------------------

    def staff_details(self, staff_id: int) -> tuple[Any, ...] | None:
        """(id, agency, reference, first and last name, email, job title, front line, works
        with children 10+, start, leave and anonymised dates) of the person."""
        staff = m.StaffMember
        statement = (
            select(
                staff.id,
                m.Agency.name,
                staff.staff_ref,
                staff.first_name,
                staff.last_name,
                staff.email,
                staff.job_title,
                staff.front_line,
                staff.works_with_children_10_plus,
                staff.start_date,
                staff.leave_date,
                staff.anonymised_on,
            )
            .join(m.Agency, m.Agency.id == staff.agency_id)
            .where(staff.id == staff_id)
        )
        row = self.session.execute(statement).first()
        return None if row is None else tuple(row)

    def staff_id_by_ref(self, agency_id: int, staff_ref: str) -> int | None:
        """The id of the agency's staff member with this reference (any case)."""
        statement = select(m.StaffMember.id).where(
            m.StaffMember.agency_id == agency_id,
            func.upper(m.StaffMember.staff_ref) == staff_ref.strip().upper(),
        )
        return self.session.scalar(statement)

    def role_history(self, staff_id: int) -> list[tuple[str, dt.date]]:
        """(role, held from) of each spell of the person's roles, oldest first."""
        statement = (
            select(m.Role.name, m.StaffRole.effective_from)
            .join(m.Role, m.Role.id == m.StaffRole.role_id)
            .where(m.StaffRole.staff_id == staff_id)
            .order_by(m.StaffRole.effective_from)
        )
        return [(role, since) for role, since in self.session.execute(statement)]

    def attendances(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(attendance id, course code, title, tier, topic, delivery mode, session start (None
        for e-learning), venue, status, completed on, hours, note) of each of the person's
        records, in the order they were completed."""
        statement = (
            select(
                m.Attendance.id,
                m.Course.code,
                m.Course.title,
                m.Tier.name,
                m.Topic.name,
                m.Course.delivery_mode,
                m.TrainingSession.starts_at,
                m.TrainingSession.venue,
                m.Attendance.status,
                m.Attendance.completed_on,
                m.Course.duration_hours,
                m.Attendance.note,
            )
            .join(m.Course, m.Course.id == m.Attendance.course_id)
            .join(m.Tier, m.Tier.id == m.Course.tier_id)
            .join(m.Topic, m.Topic.id == m.Course.topic_id)
            .outerjoin(m.TrainingSession, m.TrainingSession.id == m.Attendance.session_id)
            .where(m.Attendance.staff_id == staff_id)
            .order_by(m.Attendance.completed_on, m.Attendance.id)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def certificates(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(number, verification code, issued on, times printed, course code, title, completed
        on) of each certificate issued to the person."""
        statement = (
            select(
                m.Certificate.number,
                m.Certificate.verification_code,
                m.Certificate.issued_on,
                m.Certificate.print_count,
                m.Course.code,
                m.Course.title,
                m.Attendance.completed_on,
            )
            .join(m.Attendance, m.Attendance.id == m.Certificate.attendance_id)
            .join(m.Course, m.Course.id == m.Attendance.course_id)
            .where(m.Attendance.staff_id == staff_id)
            .order_by(m.Certificate.issued_on, m.Certificate.number)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def evaluations(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(submitted on, course code, title, session start, overall, content and trainer
        ratings, confidence before and after, comments) of each evaluation the person gave."""
        statement = (
            select(
                m.Evaluation.submitted_on,
                m.Course.code,
                m.Course.title,
                m.TrainingSession.starts_at,
                m.Evaluation.overall_rating,
                m.Evaluation.content_rating,
                m.Evaluation.trainer_rating,
                m.Evaluation.confidence_before,
                m.Evaluation.confidence_after,
                m.Evaluation.comments,
            )
            .join(m.TrainingSession, m.TrainingSession.id == m.Evaluation.session_id)
            .join(m.Course, m.Course.id == m.TrainingSession.course_id)
            .where(m.Evaluation.staff_id == staff_id)
            .order_by(m.Evaluation.submitted_on, m.Evaluation.id)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def champion_posts(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(agency, theme, appointed on, stood down on, trained on) of each post they held."""
        statement = (
            select(
                m.Agency.name,
                m.Topic.name,
                m.Champion.appointed_on,
                m.Champion.stood_down_on,
                m.Champion.trained_on,
            )
            .join(m.Agency, m.Agency.id == m.Champion.agency_id)
            .join(m.Topic, m.Topic.id == m.Champion.topic_id)
            .where(m.Champion.staff_id == staff_id)
            .order_by(m.Champion.appointed_on, m.Champion.id)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def champion_meetings(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(held on, venue, theme, present) of each champions' meeting the person was recorded
        at (present, or sent apologies)."""
        meeting, record = m.ChampionMeeting, m.ChampionMeetingAttendance
        statement = (
            select(meeting.held_on, meeting.venue, m.Topic.name, record.present)
            .join(record, record.meeting_id == meeting.id)
            .join(m.Champion, m.Champion.id == record.champion_id)
            .join(m.Topic, m.Topic.id == m.Champion.topic_id)
            .where(m.Champion.staff_id == staff_id)
            .order_by(meeting.held_on, m.Topic.name)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def imports(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(batch id, kind, file name, imported at, by, undone at, kind of record, action, how
        many records) of the import batches that added or changed the person or their records,
        per batch, kind of record and action."""
        change, batch = m.ImportChange, m.ImportBatch
        theirs = {
            "staff_member": select(m.StaffMember.id).where(m.StaffMember.id == staff_id),
            "staff_role": select(m.StaffRole.id).where(m.StaffRole.staff_id == staff_id),
            "attendance": select(m.Attendance.id).where(m.Attendance.staff_id == staff_id),
            "evaluation": select(m.Evaluation.id).where(m.Evaluation.staff_id == staff_id),
        }
        statement = (
            select(
                batch.id,
                batch.kind,
                batch.file_name,
                batch.imported_at,
                batch.imported_by,
                batch.undone_at,
                change.record_kind,
                change.action,
                func.count(),
            )
            .join(batch, batch.id == change.batch_id)
            .where(
                or_(
                    *(
                        (change.record_kind == kind) & change.record_id.in_(ids)
                        for kind, ids in theirs.items()
                    )
                )
            )
            .group_by(
                batch.id,
                batch.kind,
                batch.file_name,
                batch.imported_at,
                batch.imported_by,
                batch.undone_at,
                change.record_kind,
                change.action,
            )
            .order_by(batch.imported_at, batch.id, change.record_kind, change.action)
        )
        return [tuple(row) for row in self.session.execute(statement)]

    def audit_entries(self, staff_id: int) -> list[tuple[Any, ...]]:
        """(changed at, by, action, table, record id, description, changes as JSON) of the
        audit trail's entries about the person or their records, oldest first."""
        entry = m.AuditEntry
        statement = (
            select(
                entry.changed_at,
                entry.user_name,
                entry.action,
                entry.table_name,
                entry.record_id,
                entry.description,
                entry.changes,
            )
            .where(entry.staff_member_id == staff_id)
            .order_by(entry.changed_at, entry.id)
        )
        return [tuple(row) for row in self.session.execute(statement)]


def _erased_changes(changes: str, personal: set[str], erased: str) -> str:
    """An audit entry's changes with the personal fields' values (old and new) replaced by
    ``erased``; which fields changed, and every other value, stay."""
    try:
        parsed: Mapping[str, Any] = json.loads(changes or "{}")
    except json.JSONDecodeError:
        return "{}"  # not ours to read: keep nothing rather than something personal
    if not isinstance(parsed, dict):
        return "{}"
    scrubbed = {
        field: _erased_values(values, erased) if field in personal else values
        for field, values in parsed.items()
    }
    return json.dumps(scrubbed, ensure_ascii=False, sort_keys=True)


def _erased_values(values: Any, erased: str) -> Any:
    """[old, new] with each value that held something replaced by ``erased``."""
    if not isinstance(values, list):
        return erased
    return [value if value in (None, "") else erased for value in values]
