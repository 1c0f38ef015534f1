"""The attendance indexes SQLite's planner picks for the dashboard and the compliance query,
with the statistics ``ANALYZE`` gathers and without (a database filled through the application
has none)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, event

from storage.database import Database
from training.activity import attendances_by_quarter
from training.demo import load_demo
from training.returns import compliance_by_agency, training_return

ON = dt.date(2026, 3, 31)
DASHBOARD_INDEX = "COVERING INDEX ix_attendances_completed_status_course"
TOPIC_INDEX = "INDEX ix_attendances_course_status"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('plans') / 'demo.sqlite3'}")
    database.create_all()
    load_demo(database.unit_of_work(), today=ON)
    yield database
    database.dispose()


@pytest.fixture(params=["statistics", "no statistics"])
def partnership(request: pytest.FixtureRequest, demo: Database) -> Database:
    with demo.engine.begin() as connection:
        if request.param == "statistics":
            connection.exec_driver_sql("ANALYZE")
        else:
            connection.exec_driver_sql("DROP TABLE IF EXISTS sqlite_stat1")
    demo.engine.dispose()  # a connection keeps the statistics it has read; new ones read afresh
    return demo


def plans_of_attendance_reads(database: Database, read: Any) -> list[str]:
    """Each statement ``read`` runs on attendances, as EXPLAIN QUERY PLAN describes it."""
    statements: list[tuple[str, Any]] = []

    def grab(_conn: Connection, _cursor: Any, sql: str, parameters: Any, *_: Any) -> None:
        if "FROM attendances" in sql or "JOIN attendances" in sql:
            statements.append((sql, parameters))

    event.listen(database.engine, "before_cursor_execute", grab)
    try:
        read()
    finally:
        event.remove(database.engine, "before_cursor_execute", grab)
    with database.engine.connect() as connection:
        return [
            "\n".join(row[3] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", p))
            for sql, p in statements
        ]


def test_the_dashboards_quarters_are_counted_from_the_index_alone(partnership):
    [plan] = plans_of_attendance_reads(
        partnership, lambda: attendances_by_quarter(partnership.unit_of_work(), ON)
    )
    assert DASHBOARD_INDEX in plan


def test_the_compliance_queries_read_only_the_topics_courses_records(partnership):
    def compliance() -> None:
        compliance_by_agency(partnership.unit_of_work(), 1, ON)
        training_return(partnership.unit_of_work(), ON, topic="Child sexual exploitation (CSE)")

    plans = plans_of_attendance_reads(partnership, compliance)
    assert len(plans) == 2  # the counts per agency, and the return's records
    for plan in plans:
        assert TOPIC_INDEX in plan
        assert "ix_attendances_completed_status_course" not in plan
