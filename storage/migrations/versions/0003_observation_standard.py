"""the standard an observation was made against, as a column

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 10:00:00

Observations kept their standard as a first line "Standard: <name>" of their notes. Upgrading
moves each such line whose name is one of the standards into ``standard_id`` and takes it out
of the notes; a name that matches no standard (one renamed since) stays in the notes, where a
reader still sees it. Downgrading writes the line back.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PREFIX = "Standard: "
observations = sa.table(
    "qa_observations",
    sa.column("id", sa.Integer),
    sa.column("standard_id", sa.Integer),
    sa.column("notes", sa.Text),
    sa.column("version", sa.Integer),
)
standards = sa.table("qa_standards", sa.column("id", sa.Integer), sa.column("name", sa.String))


def upgrade() -> None:
    with op.batch_alter_table("qa_observations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("standard_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_qa_observations_standard_id_qa_standards"),
            "qa_standards",
            ["standard_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    _move_standards_out_of_notes()


def downgrade() -> None:
    _put_standards_back_in_notes()
    with op.batch_alter_table("qa_observations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_qa_observations_standard_id_qa_standards"), type_="foreignkey"
        )
        batch_op.drop_column("standard_id")


def _standard_ids(connection: sa.Connection) -> dict[str, int]:
    """Each standard's id by its name, and by its name in lower case (the application matched
    names regardless of case); an exact name wins."""
    rows = connection.execute(sa.select(standards.c.id, standards.c.name)).all()
    by_name = {name.lower(): standard_id for standard_id, name in rows}
    by_name.update({name: standard_id for standard_id, name in rows})
    return by_name


def _move_standards_out_of_notes() -> None:
    connection = op.get_bind()
    ids = _standard_ids(connection)
    noted = connection.execute(
        sa.select(observations.c.id, observations.c.notes).where(
            observations.c.notes.like(f"{PREFIX}%")
        )
    )
    changes = []
    for observation_id, notes in noted:
        first, _, rest = notes.partition("\n")
        name = first.removeprefix(PREFIX)
        standard_id = ids.get(name, ids.get(name.lower()))
        if standard_id is not None:
            changes.append({"key": observation_id, "standard": standard_id, "rest": rest})
    _update(connection, changes, standard_id=sa.bindparam("standard"), notes=sa.bindparam("rest"))


def _put_standards_back_in_notes() -> None:
    connection = op.get_bind()
    standard = (
        sa.select(standards.c.name)
        .where(standards.c.id == observations.c.standard_id)
        .scalar_subquery()
    )
    named = connection.execute(
        sa.select(observations.c.id, standard, observations.c.notes).where(
            observations.c.standard_id.is_not(None)
        )
    )
    changes = [
        {"key": observation_id, "noted": f"{PREFIX}{name}\n{notes}".strip()}
        for observation_id, name, notes in named
    ]
    _update(connection, changes, notes=sa.bindparam("noted"))


def _update(connection: sa.Connection, changes: list[dict[str, object]], **values: object) -> None:
    """Apply ``values`` to the observations named by ``key`` in ``changes``; a changed row is a
    new version, so a copy read before the migration cannot be saved over it."""
    if changes:
        connection.execute(
            observations.update()
            .where(observations.c.id == sa.bindparam("key"))
            .values(version=observations.c.version + 1, **values),
            changes,
        )
