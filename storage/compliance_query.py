"""The compliance rule as one SQL query per topic and date, for any database.

The rule itself lives in ``training.compliance``; the service hands this query the dates it
needs (for each validity period, the latest completion date that has lapsed), so the SQL needs
no month arithmetic and runs the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    case,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from storage import models as m


@dataclass(frozen=True)
class ComplianceCounts:
    agency_id: int
    required_rank: int
    in_scope: int
    trained: int
    trained_beyond_soon: int  # trained with a deciding expiry after the "expiring soon" window
    ever_qualified: int  # had a qualifying record at some time on or before the date


class InScopeStaff(NamedTuple):
    """A member of staff in scope for a topic on a date, with what the return names them by."""

    staff_id: int
    agency_id: int
    required_rank: int
    role_id: int
    first_name: str
    last_name: str
    staff_ref: str | None


TopicRecord = tuple[int, int, dt.date]  # a record that may count: staff id, course id, completed on


@dataclass(frozen=True)
class StaffFlags:
    staff_id: int
    agency_id: int
    required_rank: int
    trained: bool
    trained_beyond_soon: bool
    ever_qualified: bool


class ComplianceQueries:
    def __init__(self, session: Session) -> None:
        self.session = session

    def validity_periods(self, topic_id: int) -> list[int]:
        statement = (
            select(m.Course.validity_months)
            .where(m.Course.topic_id == topic_id, m.Course.validity_months.is_not(None))
            .distinct()
        )
        return [v for v in self.session.scalars(statement) if v is not None]

    def _in_scope(self, topic_id: int, on: dt.date, agency_id: int | None) -> Subquery:
        """Staff in scope for the topic on ``on``: id, agency, required tier rank, role on the date.

        A person's role on the date is their latest role spell that started on or before it:
        found by the latest start per person, which reads the (staff, start) index in order
        (a window function numbering the spells costs SQLite a sort, and a third more time).
        """
        latest_spell = (
            select(m.StaffRole.staff_id, func.max(m.StaffRole.effective_from).label("since"))
            .where(m.StaffRole.effective_from <= on)
            .group_by(m.StaffRole.staff_id)
            .subquery("latest_spell")
        )
        required_tier = aliased(m.Tier, name="required_tier")
        scope_where: list[ColumnElement[bool]] = [
            or_(m.StaffMember.start_date.is_(None), m.StaffMember.start_date <= on),
            or_(m.StaffMember.leave_date.is_(None), m.StaffMember.leave_date > on),
        ]
        if agency_id is not None:
            scope_where.append(m.StaffMember.agency_id == agency_id)
        return (
            select(
                m.StaffMember.id.label("staff_id"),
                m.StaffMember.agency_id,
                required_tier.rank.label("required_rank"),
                m.StaffRole.role_id,
            )
            .join(latest_spell, latest_spell.c.staff_id == m.StaffMember.id)
            .join(
                m.StaffRole,
                and_(
                    m.StaffRole.staff_id == latest_spell.c.staff_id,
                    m.StaffRole.effective_from == latest_spell.c.since,
                ),
            )
            .join(
                m.RoleRequirement,
                and_(
                    m.RoleRequirement.role_id == m.StaffRole.role_id,
                    m.RoleRequirement.topic_id == topic_id,
                ),
            )
            .join(required_tier, required_tier.id == m.RoleRequirement.tier_id)
            .where(*scope_where)
            .subquery("in_scope")
        )

    def _records(self, topic_id: int, on: dt.date, counting_statuses: Collection[str]) -> Subquery:
        """Records on the topic's courses of these statuses completed on or before ``on``."""
        course_tier = aliased(m.Tier, name="course_tier")
        return (
            select(
                m.Attendance.staff_id,
                m.Attendance.course_id,
                m.Attendance.completed_on,
                m.Course.validity_months,
                course_tier.rank.label("tier_rank"),
            )
            .join(m.Course, m.Course.id == m.Attendance.course_id)
            .join(course_tier, course_tier.id == m.Course.tier_id)
            .where(
                m.Course.topic_id == topic_id,
                m.Attendance.status.in_(list(counting_statuses)),
                m.Attendance.completed_on <= on,
            )
            .subquery("records")
        )

    def _staff_flags(
        self,
        *,
        topic_id: int,
        on: dt.date,
        lapsed_on: Mapping[int, dt.date],
        lapsed_after_soon: Mapping[int, dt.date],
        counting_statuses: Collection[str],
        agency_id: int | None,
    ) -> Select[int, int, int, int, int, int]:
        in_scope = self._in_scope(topic_id, on, agency_id)
        records = self._records(topic_id, on, counting_statuses)
        qualifies = records.c.tier_rank >= in_scope.c.required_rank

        def still_valid(lapsed: Mapping[int, dt.date]) -> ColumnElement[bool]:
            if not lapsed:
                return records.c.validity_months.is_(None)
            threshold = case(
                {months: literal(day) for months, day in lapsed.items()},
                value=records.c.validity_months,
            )
            return or_(records.c.validity_months.is_(None), records.c.completed_on > threshold)

        def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
            return func.coalesce(func.max(case((condition, 1), else_=0)), 0)

        return (
            select(
                in_scope.c.staff_id,
                in_scope.c.agency_id,
                in_scope.c.required_rank,
                flag(and_(qualifies, still_valid(lapsed_on))).label("trained"),
                flag(and_(qualifies, still_valid(lapsed_after_soon))).label("beyond_soon"),
                flag(qualifies).label("ever_qualified"),
            )
            .select_from(in_scope)
            .outerjoin(records, records.c.staff_id == in_scope.c.staff_id)
            .group_by(in_scope.c.staff_id, in_scope.c.agency_id, in_scope.c.required_rank)
        )

    def staff_flags(
        self,
        *,
        topic_id: int,
        on: dt.date,
        lapsed_on: Mapping[int, dt.date],
        lapsed_after_soon: Mapping[int, dt.date],
        counting_statuses: Collection[str],
        agency_id: int | None = None,
    ) -> list[StaffFlags]:
        statement = self._staff_flags(
            topic_id=topic_id,
            on=on,
            lapsed_on=lapsed_on,
            lapsed_after_soon=lapsed_after_soon,
            counting_statuses=counting_statuses,
            agency_id=agency_id,
        )
        return [
            StaffFlags(row[0], row[1], row[2], bool(row[3]), bool(row[4]), bool(row[5]))
            for row in self.session.execute(statement)
        ]

    def agency_counts(
        self,
        *,
        topic_id: int,
        on: dt.date,
        lapsed_on: Mapping[int, dt.date],
        lapsed_after_soon: Mapping[int, dt.date],
        counting_statuses: Collection[str],
        agency_id: int | None = None,
    ) -> Sequence[ComplianceCounts]:
        per_staff = self._staff_flags(
            topic_id=topic_id,
            on=on,
            lapsed_on=lapsed_on,
            lapsed_after_soon=lapsed_after_soon,
            counting_statuses=counting_statuses,
            agency_id=agency_id,
        ).subquery("per_staff")
        statement = (
            select(
                per_staff.c.agency_id,
                per_staff.c.required_rank,
                func.count(),
                func.sum(per_staff.c.trained),
                func.sum(per_staff.c.beyond_soon),
                func.sum(per_staff.c.ever_qualified),
            )
            .group_by(per_staff.c.agency_id, per_staff.c.required_rank)
            .order_by(per_staff.c.agency_id, per_staff.c.required_rank)
        )
        return [
            ComplianceCounts(row[0], row[1], int(row[2]), int(row[3]), int(row[4]), int(row[5]))
            for row in self.session.execute(statement)
        ]

    def in_scope_staff(
        self, *, topic_id: int, on: dt.date, agency_id: int | None = None
    ) -> list[InScopeStaff]:
        """Everyone in scope for the topic on ``on`` (of one agency, if given), in no order."""
        in_scope = self._in_scope(topic_id, on, agency_id)
        statement = select(
            in_scope,
            m.StaffMember.first_name,
            m.StaffMember.last_name,
            m.StaffMember.staff_ref,
        ).join(m.StaffMember, m.StaffMember.id == in_scope.c.staff_id)
        return [InScopeStaff(*row) for row in self.session.connection().execute(statement)]

    def topic_records(
        self,
        *,
        topic_id: int,
        on: dt.date,
        counting_statuses: Collection[str],
        agency_id: int | None = None,
    ) -> Iterator[TopicRecord]:
        """The records on the topic's courses of these statuses completed on or before ``on`` (of
        one agency's staff, if given), in no order, as they come from the database: a large
        partnership has a quarter of a million per topic. Read them inside the unit of work."""
        statement = (
            select(m.Attendance.staff_id, m.Attendance.course_id, m.Attendance.completed_on)
            .join(m.Course, m.Course.id == m.Attendance.course_id)
            .where(
                m.Course.topic_id == topic_id,
                m.Attendance.status.in_(list(counting_statuses)),
                m.Attendance.completed_on <= on,
            )
        )
        if agency_id is not None:
            statement = statement.join(
                m.StaffMember, m.StaffMember.id == m.Attendance.staff_id
            ).where(m.StaffMember.agency_id == agency_id)
        for staff_id, course_id, completed_on in self.session.connection().execute(statement):
            if completed_on is not None:  # always, by the WHERE: for the types
                yield staff_id, course_id, completed_on
