"""attendances by day of completion and status

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 10:05:00

The dashboard counts the records of a status completed over a range of days (eight quarters) by
their courses' tiers: with day, status and course in one index it reads the index alone. The
day leads because an index led by the status looks so selective to SQLite's planner, when
statistics do not cover it, that it chose it for the compliance query as well, which then read
every record of the status instead of the topic's (over ten minutes on a 100,000-staff
partnership, against eight seconds).
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.create_index(
            "ix_attendances_completed_status_course",
            ["completed_on", "status", "course_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("attendances", schema=None) as batch_op:
        batch_op.drop_index("ix_attendances_completed_status_course")
