"""The partnership's data as SQLAlchemy 2 typed models.

Everything a user edits carries a ``version`` column that SQLAlchemy checks on every UPDATE
(optimistic locking): two coordinators saving the same record never overwrite each other
silently; the second save raises and is reported as a conflict.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """Mixin for user-edited rows: an integer version checked by every UPDATE."""

    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.version}


def _name(length: int = 200) -> Mapped[str]:
    return mapped_column(String(length), nullable=False)


class Setting(Base):
    """Partnership-wide key/value settings (name, signatory, logo path, ...)."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Sector(Versioned, Base):
    __tablename__ = "sectors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False, unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class Agency(Versioned, Base):
    __tablename__ = "agencies"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), nullable=False)
    lead_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    lead_email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    active: Mapped[bool] = mapped_column(nullable=False, default=True)

    sector: Mapped[Sector] = relationship(lazy="joined")


class Role(Versioned, Base):
    """A job role as the training-needs matrix knows it; roles share a group (e.g. 'Police')."""

    __tablename__ = "roles"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), nullable=False, unique=True)
    role_group: Mapped[str] = mapped_column(String(160), nullable=False, default="")


class StaffMember(Versioned, Base):
    __tablename__ = "staff_members"
    __table_args__ = (
        UniqueConstraint("agency_id", "staff_ref", name="uq_staff_members_agency_ref"),
        Index("ix_staff_members_agency_names", "agency_id", "last_name", "first_name"),
        Index("ix_staff_members_email", "email"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), nullable=False)
    staff_ref: Mapped[str | None] = mapped_column(String(64))
    first_name: Mapped[str] = _name(120)
    last_name: Mapped[str] = _name(120)
    email: Mapped[str] = mapped_column(String(254), nullable=False, default="")
    job_title: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    front_line: Mapped[bool] = mapped_column(nullable=False, default=True)
    works_with_children_10_plus: Mapped[bool] = mapped_column(nullable=False, default=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date)
    leave_date: Mapped[dt.date | None] = mapped_column(Date)
    anonymised_on: Mapped[dt.date | None] = mapped_column(Date)

    agency: Mapped[Agency] = relationship(lazy="raise")
    roles: Mapped[list[StaffRole]] = relationship(
        back_populates="staff_member",
        cascade="all, delete-orphan",
        order_by="StaffRole.effective_from",
        lazy="selectin",
    )


class StaffRole(Base):
    """Role history: a staff member holds ``role`` from ``effective_from`` until the next entry."""

    __tablename__ = "staff_roles"
    __table_args__ = (
        UniqueConstraint("staff_id", "effective_from", name="uq_staff_roles_staff_from"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), nullable=False
    )
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"), nullable=False, index=True)
    effective_from: Mapped[dt.date] = mapped_column(Date, nullable=False)

    staff_member: Mapped[StaffMember] = relationship(back_populates="roles")


class Topic(Versioned, Base):
    __tablename__ = "topics"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160), nullable=False, unique=True)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Tier(Versioned, Base):
    """An ordered training level; a higher ``rank`` covers every lower one."""

    __tablename__ = "tiers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    rank: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")


class RoleRequirement(Versioned, Base):
    """The training-needs matrix: for a role and topic, the tier appropriate to the role."""

    __tablename__ = "role_requirements"
    __table_args__ = (
        UniqueConstraint("role_id", "topic_id", name="uq_role_requirements_role_topic"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id"), nullable=False)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), nullable=False, index=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"), nullable=False)


class Course(Versioned, Base):
    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint("validity_months IS NULL OR validity_months > 0", name="validity"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), nullable=False, index=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("tiers.id"), nullable=False)
    delivery_mode: Mapped[str] = mapped_column(String(40), nullable=False)
    duration_hours: Mapped[Decimal] = mapped_column(Numeric(6, 2), nullable=False)
    validity_months: Mapped[int | None] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    qa_status: Mapped[str] = mapped_column(String(40), nullable=False, default="not assured")
    last_assured_on: Mapped[dt.date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class TrainingSession(Versioned, Base):
    """A dated delivery of a course (named so as not to clash with a database session)."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("ends_at >= starts_at", name="ends_after_start"),
        CheckConstraint("capacity >= 0", name="capacity"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), nullable=False, index=True)
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, index=True)
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    venue: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    trainer: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    capacity: Mapped[int] = mapped_column(Integer, nullable=False, default=20)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="scheduled")

    course: Mapped[Course] = relationship(lazy="joined")


class ImportBatch(Base):
    __tablename__ = "import_batches"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), nullable=False)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    file_name: Mapped[str] = mapped_column(String(400), nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    imported_by: Mapped[str] = mapped_column(String(120), nullable=False, default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False)
    added: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    updated: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    rejected: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class Attendance(Versioned, Base):
    """A staff member's record on a session, or an e-learning completion (no session)."""

    __tablename__ = "attendances"
    __table_args__ = (
        UniqueConstraint("staff_id", "session_id", name="uq_attendances_staff_session"),
        Index("ix_attendances_staff_course", "staff_id", "course_id", "completed_on"),
        Index("ix_attendances_course_status", "course_id", "status"),
        Index("ix_attendances_session", "session_id"),
        # The dashboard's records of a status completed over a range of days, read from the
        # index alone. The day comes first: led by the status, SQLite without fresh statistics
        # took it for the compliance query too, reading every record (minutes, not seconds).
        Index("ix_attendances_completed_status_course", "completed_on", "status", "course_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), nullable=False
    )
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), nullable=False)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id"))
    status: Mapped[str] = mapped_column(String(20), nullable=False)
    completed_on: Mapped[dt.date | None] = mapped_column(Date)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    note: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Champion(Versioned, Base):
    __tablename__ = "champions"
    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(
        ForeignKey("staff_members.id", ondelete="CASCADE"), nullable=False, index=True
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), nullable=False, index=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topics.id"), nullable=False)
    appointed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    stood_down_on: Mapped[dt.date | None] = mapped_column(Date)
    trained_on: Mapped[dt.date | None] = mapped_column(Date)


class ChampionMeeting(Versioned, Base):
    __tablename__ = "champion_meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False, unique=True)
    venue: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ChampionMeetingAttendance(Base):
    __tablename__ = "champion_meeting_attendances"
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("champion_meetings.id", ondelete="CASCADE"), primary_key=True
    )
    champion_id: Mapped[int] = mapped_column(
        ForeignKey("champions.id", ondelete="CASCADE"), primary_key=True
    )
    present: Mapped[bool] = mapped_column(nullable=False, default=True)


class Evaluation(Versioned, Base):
    """A participant's feedback on a session; ``staff_id`` is empty for anonymous responses."""

    __tablename__ = "evaluations"
    __table_args__ = (
        CheckConstraint("overall_rating BETWEEN 1 AND 5", name="overall_rating"),
        CheckConstraint("confidence_before BETWEEN 1 AND 5", name="confidence_before"),
        CheckConstraint("confidence_after BETWEEN 1 AND 5", name="confidence_after"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), nullable=False, index=True)
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff_members.id", ondelete="SET NULL")
    )
    submitted_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    overall_rating: Mapped[int | None] = mapped_column(Integer)
    content_rating: Mapped[int | None] = mapped_column(Integer)
    trainer_rating: Mapped[int | None] = mapped_column(Integer)
    confidence_before: Mapped[int | None] = mapped_column(Integer)
    confidence_after: Mapped[int | None] = mapped_column(Integer)
    comments: Mapped[str] = mapped_column(Text, nullable=False, default="")


class QaStandard(Versioned, Base):
    __tablename__ = "qa_standards"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), nullable=False, unique=True)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")


class QaObservation(Versioned, Base):
    """A reviewer's observation of a session against one standard, or all of them (no
    ``standard_id``).

    A standard in use cannot be deleted (RESTRICT): setting the observation's standard to
    NULL would make the record say it was observed against every standard.
    """

    __tablename__ = "qa_observations"
    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id"), nullable=False, index=True)
    standard_id: Mapped[int | None] = mapped_column(
        ForeignKey("qa_standards.id", ondelete="RESTRICT")
    )
    reviewer: Mapped[str] = mapped_column(String(200), nullable=False)
    observed_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    outcome: Mapped[str] = mapped_column(String(40), nullable=False)
    actions: Mapped[str] = mapped_column(Text, nullable=False, default="")
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")

    standard: Mapped[QaStandard | None] = relationship(lazy="joined")


class AwarenessEvent(Versioned, Base):
    """Reach without named learners: a school campaign, parent programme, trade briefing."""

    __tablename__ = "awareness_events"
    __table_args__ = (CheckConstraint("headcount >= 0", name="headcount"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200), nullable=False)
    event_type: Mapped[str] = mapped_column(String(60), nullable=False)
    audience_type: Mapped[str] = mapped_column(String(60), nullable=False)
    held_on: Mapped[dt.date] = mapped_column(Date, nullable=False, index=True)
    venue: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topics.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    headcount: Mapped[int] = mapped_column(Integer, nullable=False)
    notes: Mapped[str] = mapped_column(Text, nullable=False, default="")


class Certificate(Base):
    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(primary_key=True)
    attendance_id: Mapped[int] = mapped_column(
        ForeignKey("attendances.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    number: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    verification_code: Mapped[str] = mapped_column(String(40), nullable=False, unique=True)
    issued_on: Mapped[dt.date] = mapped_column(Date, nullable=False)
    print_count: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ColumnMapping(Base):
    """An agency's own header text for a field, confirmed once and reused on its next import."""

    __tablename__ = "column_mappings"
    __table_args__ = (
        UniqueConstraint("agency_id", "kind", "header", name="uq_column_mappings_header"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    agency_id: Mapped[int] = mapped_column(
        ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False
    )
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    header: Mapped[str] = mapped_column(String(200), nullable=False)
    field: Mapped[str] = mapped_column(String(40), nullable=False)


class ImportChange(Base):
    """One record an import batch added or updated, with what it held before, so undo is exact."""

    __tablename__ = "import_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(
        ForeignKey("import_batches.id", ondelete="CASCADE"), nullable=False, index=True
    )
    record_kind: Mapped[str] = mapped_column(String(40), nullable=False)
    record_id: Mapped[int] = mapped_column(Integer, nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    previous: Mapped[str] = mapped_column(Text, nullable=False, default="")


class User(Versioned, Base):
    """Someone who signs in to a shared database, with the role that decides what they may do.

    ``role`` is one of coordinator, agency_lead, qa_reviewer, viewer; an agency lead has an
    agency. ``password_hash`` is a salted slow hash (argon2), never the password.
    """

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('coordinator', 'agency_lead', 'qa_reviewer', 'viewer')", name="role"
        ),
        CheckConstraint("role <> 'agency_lead' OR agency_id IS NOT NULL", name="lead_agency"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    user_name: Mapped[str] = mapped_column(String(80), nullable=False, unique=True)
    full_name: Mapped[str] = mapped_column(String(200), nullable=False, default="")
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"))
    password_hash: Mapped[str] = mapped_column(Text, nullable=False)
    active: Mapped[bool] = mapped_column(nullable=False, default=True)


class AuditEntry(Base):
    """One change to one record: who made it, when, and each field's old and new value.

    ``changes`` is JSON, ``{field: [old, new]}``. ``staff_member_id`` names the person the
    record is about, when there is one, so erasing a person can clear what the trail holds of
    them. Rows are only ever added (and cleared of personal data on erasure).
    """

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_table_record", "table_name", "record_id"),
        Index("ix_audit_entries_staff_member", "staff_member_id"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, index=True)
    user_name: Mapped[str] = mapped_column(String(80), nullable=False)
    action: Mapped[str] = mapped_column(String(10), nullable=False)
    table_name: Mapped[str] = mapped_column(String(60), nullable=False)
    record_id: Mapped[int | None] = mapped_column(Integer)
    staff_member_id: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(Text, nullable=False, default="")
    changes: Mapped[str] = mapped_column(Text, nullable=False, default="{}")
