"""The unit of work: one database transaction that services open, use and commit.

Rolls back unless ``commit()`` was called, so a service that raises leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, Self

from sqlalchemy import insert, text
from sqlalchemy.orm import Session, sessionmaker

from storage import repositories as repos
from storage.audit import ACTOR
from storage.compliance_query import ComplianceQueries
from storage.errors import translated_errors
from storage.models import Base
from storage.personal_data import PersonalData


class Actor(Protocol):
    """Who works through a unit of work (the training layer's signed-in user)."""

    @property
    def user_name(self) -> str: ...


class SqlUnitOfWork:
    """``actor`` is who the work is done for: the services read it to decide what they may do,
    and its name goes into the audit trail. None is the embedded database's single user."""

    session: Session

    def __init__(self, session_factory: sessionmaker[Session], actor: Actor | None = None) -> None:
        self._factory = session_factory
        self.actor = actor

    def __enter__(self) -> Self:
        self.session = self._factory()
        self.session.info[ACTOR] = self.actor.user_name if self.actor else ""
        s = self.session
        self.settings = repos.SettingRepository(s)
        self.sectors = repos.SectorRepository(s)
        self.agencies = repos.AgencyRepository(s)
        self.roles = repos.RoleRepository(s)
        self.staff = repos.StaffRepository(s)
        self.topics = repos.TopicRepository(s)
        self.tiers = repos.TierRepository(s)
        self.requirements = repos.RoleRequirementRepository(s)
        self.courses = repos.CourseRepository(s)
        self.sessions = repos.TrainingSessionRepository(s)
        self.attendances = repos.AttendanceRepository(s)
        self.champions = repos.ChampionRepository(s)
        self.champion_meetings = repos.ChampionMeetingRepository(s)
        self.evaluations = repos.EvaluationRepository(s)
        self.qa_standards = repos.QaStandardRepository(s)
        self.qa_observations = repos.QaObservationRepository(s)
        self.awareness_events = repos.AwarenessEventRepository(s)
        self.import_batches = repos.ImportBatchRepository(s)
        self.column_mappings = repos.ColumnMappingRepository(s)
        self.certificates = repos.CertificateRepository(s)
        self.users = repos.UserRepository(s)
        self.audit = repos.AuditRepository(s)
        self.compliance = ComplianceQueries(s)
        self.personal_data = PersonalData(s)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        with translated_errors():
            self.session.commit()

    def flush(self) -> None:
        with translated_errors():
            self.session.flush()

    def bulk_insert(self, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
        """Insert many plain rows in one statement (demo and scale data, imports)."""
        if rows:
            table = Base.metadata.tables[model.__tablename__]  # Core: twice as fast as ORM here
            with translated_errors():
                self.session.execute(insert(table), list(rows))

    def insert_returning_ids(self, model: type[Base], rows: Sequence[dict[str, Any]]) -> list[int]:
        """Insert many plain rows in one statement; the ids the database gave them, in order.

        The database assigns the ids, so its sequences stay right for later inserts.
        """
        if not rows:
            return []
        table = Base.metadata.tables[model.__tablename__]
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        with translated_errors():
            return list(self.session.scalars(statement, list(rows)))

    def refresh_statistics(self) -> None:
        """Let the query planner see freshly bulk-loaded data (ANALYZE), so reports stay fast.

        Without it PostgreSQL plans the compliance query for empty tables until autovacuum gets
        round to them: about 100 times slower on the demo partnership.
        """
        with translated_errors():
            self.session.execute(text("ANALYZE"))
