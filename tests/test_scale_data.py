"""The scale partnership generator (benchmarks/), at a small scale, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import ColumnElement, func, select

from benchmarks.scale_data import (
    NotEmptyError,
    ScaleSummary,
    apportion,
    generate,
    main,
    plan_partnership,
)
from storage import models as m
from storage.database import Database
from training import agencies, catalogue, registers, staff
from training.returns import compliance_by_agency

TODAY = dt.date(2026, 11, 23)


def small(database: Database, seed: int) -> ScaleSummary:
    return generate(database, agencies=3, staff=300, attendance=3_000, seed=seed, today=TODAY)


@pytest.fixture
def summary(database: Database) -> ScaleSummary:
    return small(database, seed=7)


def count(database: Database, model: type[m.Base], *where: ColumnElement[bool]) -> int:
    with database.engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_the_counts_are_as_asked(database, summary):
    assert (summary.agencies, summary.staff, summary.attendances) == (3, 300, 3_000)
    assert count(database, m.Agency) == 3
    assert count(database, m.StaffMember) == 300
    assert count(database, m.Attendance) == 3_000
    assert count(database, m.Attendance, m.Attendance.session_id.is_(None)) == 1_350
    assert count(database, m.TrainingSession) == summary.sessions > 0
    assert count(database, m.StaffRole) == summary.role_spells
    assert 300 < summary.role_spells < 300 * 1.25  # about a tenth changed role
    assert 0 < count(database, m.StaffMember, m.StaffMember.leave_date.is_not(None)) < 300 * 0.15
    assert count(database, m.Role) == 40
    assert count(database, m.Course) == 60
    assert count(database, m.Course, m.Course.validity_months.is_(None)) > 0
    with database.engine.connect() as connection:
        tiers = connection.execute(select(m.Tier.rank, m.Tier.name).order_by(m.Tier.rank)).all()
        topics = set(connection.scalars(select(m.Topic.name)))
    assert [tuple(t) for t in tiers] == [
        (1, "Universal"),
        (2, "Introductory"),
        (3, "Targeted"),
        (4, "Specialist"),
    ]
    assert topics == {"CSE", "Missing children", "Criminal exploitation"}


def orphans(database: Database, child: Any, key: str, parent: Any) -> int:
    """Rows of ``child`` whose ``key`` names no row of ``parent``."""
    column = getattr(child, key)
    missing = (
        select(func.count())
        .select_from(child)
        .outerjoin(parent, parent.id == column)
        .where(column.is_not(None), parent.id.is_(None))
    )
    with database.engine.connect() as connection:
        return connection.scalar(missing) or 0


REFERENCES = [
    (m.Agency, "sector_id", m.Sector),
    (m.StaffMember, "agency_id", m.Agency),
    (m.StaffRole, "staff_id", m.StaffMember),
    (m.StaffRole, "role_id", m.Role),
    (m.RoleRequirement, "role_id", m.Role),
    (m.RoleRequirement, "topic_id", m.Topic),
    (m.RoleRequirement, "tier_id", m.Tier),
    (m.Course, "topic_id", m.Topic),
    (m.Course, "tier_id", m.Tier),
    (m.TrainingSession, "course_id", m.Course),
    (m.Attendance, "staff_id", m.StaffMember),
    (m.Attendance, "course_id", m.Course),
    (m.Attendance, "session_id", m.TrainingSession),
]


def test_every_id_names_a_row(database, summary):
    broken = {
        f"{child.__tablename__}.{key}": n
        for child, key, parent in REFERENCES
        if (n := orphans(database, child, key, parent))
    }
    assert broken == {}


def test_records_fit_their_sessions_and_courses(database, summary):
    places = (
        select(m.TrainingSession.id)
        .join(m.Attendance, m.Attendance.session_id == m.TrainingSession.id)
        .group_by(m.TrainingSession.id, m.TrainingSession.capacity)
        .having(func.count() > m.TrainingSession.capacity)
    )
    other_course = (
        select(func.count())
        .select_from(m.Attendance)
        .join(m.TrainingSession, m.TrainingSession.id == m.Attendance.session_id)
        .where(m.TrainingSession.course_id != m.Attendance.course_id)
    )
    completions_not_online = (
        select(func.count())
        .select_from(m.Attendance)
        .join(m.Course, m.Course.id == m.Attendance.course_id)
        .where(m.Attendance.session_id.is_(None), m.Course.delivery_mode != "e-learning")
    )
    statuses = select(m.Attendance.status, func.count()).group_by(m.Attendance.status)
    completed = select(func.min(m.Attendance.completed_on), func.max(m.Attendance.completed_on))
    with database.engine.connect() as connection:
        assert connection.execute(places).all() == []
        assert connection.scalar(other_course) == 0
        assert connection.scalar(completions_not_online) == 0
        by_status = dict(connection.execute(statuses).all())
        first, last = connection.execute(completed).one()
    assert by_status["attended"] > 0.8 * 3_000
    assert by_status["did not attend"] > 0
    assert by_status["cancelled"] > 0
    assert dt.date(2022, 11, 23) <= first < dt.date(2023, 3, 1)  # four years of history
    assert dt.date(2026, 9, 1) < last <= TODAY


def test_later_inserts_through_the_services_get_fresh_ids(database, summary):
    """Rows went in with explicit ids: the sequences must have moved past them."""
    uow = database.unit_of_work
    agency = agencies.save_agency(uow(), agencies.AgencyDraft("Late Joiners Trust", 1))
    person = staff.save_staff(uow(), staff.StaffDraft(agency.id, "Ada", "Late", role_id=1))
    course = catalogue.save_course(
        uow(),
        catalogue.CourseDraft("NEW-1", "New course", 1, 3, "classroom", Decimal(3), 12),
    )
    start = dt.datetime(2026, 12, 1, 9, 30)
    session = catalogue.save_session(
        uow(),
        catalogue.SessionDraft(course.id, start, start + dt.timedelta(hours=3), "Hall", "T", 5),
    )
    marks = [registers.AttendanceMark(person.id, "booked")]
    assert registers.mark_register(uow(), session.id, marks).added == 1
    assert agency.id == 4
    assert person.id == 301
    assert course.id == 61
    assert session.id == summary.sessions + 1
    assert count(database, m.Attendance, m.Attendance.id == 3_001) == 1
    assert count(database, m.StaffRole, m.StaffRole.id == summary.role_spells + 1) == 1


def test_the_compliance_return_has_something_to_count(database, summary):
    cse = 1
    counts = compliance_by_agency(database.unit_of_work(), cse, TODAY)
    assert sorted(counts) == [1, 2, 3]
    assert all(agency.in_scope > 0 for agency in counts.values())
    in_scope = sum(a.in_scope for a in counts.values())
    trained = sum(a.trained for a in counts.values())
    overdue = sum(a.overdue for a in counts.values())
    assert 0 < trained < in_scope
    assert overdue > 0
    assert trained + overdue == in_scope


def test_a_second_run_is_refused(database, summary):
    with pytest.raises(NotEmptyError, match="already holds"):
        small(database, seed=8)
    assert count(database, m.Attendance) == 3_000


def test_a_failed_load_leaves_nothing_behind(database):
    def stop_at_attendance(done: int, total: int, message: str) -> None:
        if message == "attendance":
            raise RuntimeError("stopped")

    with pytest.raises(RuntimeError, match="stopped"):
        generate(database, agencies=2, staff=50, attendance=200, progress=stop_at_attendance)
    assert count(database, m.Agency) == count(database, m.StaffMember) == 0
    assert small(database, seed=7).attendances == count(database, m.Attendance) == 3_000


def test_the_same_seed_plans_the_same_partnership():
    assert plan_partnership(3, 4, 200, 1_000, TODAY) == plan_partnership(3, 4, 200, 1_000, TODAY)
    assert plan_partnership(3, 4, 200, 1_000, TODAY) != plan_partnership(4, 4, 200, 1_000, TODAY)


def test_apportion_splits_exactly():
    assert apportion(10, [1, 1, 1]) in ([4, 3, 3], [3, 4, 3], [3, 3, 4])
    assert sum(apportion(1_000, [0.3, 2.5, 1.1, 7.0])) == 1_000
    assert apportion(0, [1.0, 2.0]) == [0, 0]


def test_the_command_line_loads_once_and_then_refuses(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'scale.sqlite3'}"
    small = ["--agencies", "2", "--staff", "50", "--attendance", "200", "--today", "2026-11-23"]
    assert main(["--database", url, *small]) == 0
    assert "200 attendance records" in capsys.readouterr().out
    assert main(["--database", url, *small]) == 1
    assert "already holds" in capsys.readouterr().err


def test_the_command_line_has_help(capsys):
    with pytest.raises(SystemExit) as exit_status:
        main(["--help"])
    assert exit_status.value.code == 0
    assert "--attendance" in capsys.readouterr().out
