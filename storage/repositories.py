"""Repositories: the queries services need, one class per subject, over one session."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterator, Sequence
from decimal import Decimal
from typing import Any, Generic, NamedTuple, TypeVar

from sqlalchemy import (
    ColumnElement,
    Integer,
    Result,
    String,
    any_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import InstrumentedAttribute, Session
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.sql.dml import Update

from storage import models as m
from storage.errors import translated_errors

M = TypeVar("M", bound=m.Base)
IN_CHUNK = 5000  # values in one IN (...) list, well within SQLite's limit on parameters
_KEY_COLUMNS = select(
    m.Attendance.id,
    m.Attendance.staff_id,
    m.Attendance.course_id,
    m.Attendance.session_id,
    m.Attendance.completed_on,
    m.Attendance.status,
)


def _one_of(
    session: Session, column: InstrumentedAttribute[Any], values: Collection[Any]
) -> ColumnElement[bool]:
    """``column IN values``, with the values bound as one parameter: a JSON array that SQLite
    unpacks, or a PostgreSQL array.

    An ``IN (...)`` list is a new statement for every number of values, compiled and prepared
    afresh; this is one statement whatever the number, and has no limit on it.
    """
    listed = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, listed, type_=ARRAY(column.type)))
    unpacked = func.json_each(json.dumps(listed)).table_valued("value")
    return column.in_(select(unpacked.c.value))


def _pairs_table(
    session: Session, pairs: Sequence[tuple[int, int]]
) -> tuple[ColumnElement[int], ColumnElement[int]]:
    """The two columns of a table of these pairs of numbers, bound as one parameter (SQLite:
    a JSON array of pairs) or two (PostgreSQL: arrays), as ``_one_of`` binds its values."""
    if session.get_bind().dialect.name == "postgresql":
        firsts = bindparam(None, [a for a, _ in pairs], type_=ARRAY(Integer))
        seconds = bindparam(None, [b for _, b in pairs], type_=ARRAY(Integer))
        table = func.unnest(firsts, seconds).table_valued("first", "second").render_derived()
        return table.c.first, table.c.second
    value = func.json_each(json.dumps(pairs)).table_valued("value").c.value
    return func.json_extract(value, "$[0]"), func.json_extract(value, "$[1]")


Identity = tuple[int, str | None, str, str, str]  # id, staff ref, email, first and last name
_IDENTITY_COLUMNS = select(
    m.StaffMember.id,
    m.StaffMember.staff_ref,
    m.StaffMember.email,
    m.StaffMember.first_name,
    m.StaffMember.last_name,
)


class Repository(Generic[M]):
    model: type[M]
    order: tuple[Any, ...] = ()

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, record_id: int) -> M | None:
        return self.session.get(self.model, record_id)

    def add(self, record: M) -> M:
        """Add and flush, so the record has its id and the database has checked its rules."""
        self.session.add(record)
        with translated_errors():
            self.session.flush()
        return record

    def delete(self, record: M) -> None:
        self.session.delete(record)
        with translated_errors():
            self.session.flush()

    def list(self, *where: ColumnElement[bool]) -> Sequence[M]:
        statement = select(self.model).where(*where).order_by(*self.order)
        return self.session.scalars(statement).all()

    def find(self, *where: ColumnElement[bool]) -> M | None:
        return self.session.scalars(select(self.model).where(*where).limit(1)).first()

    def count(self, *where: ColumnElement[bool]) -> int:
        statement = select(func.count()).select_from(self.model).where(*where)
        return int(self.session.scalar(statement) or 0)


class SettingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> dict[str, str]:
        return {
            key: value
            for key, value in self.session.execute(select(m.Setting.key, m.Setting.value))
        }

    def put(self, key: str, value: str) -> None:
        self.session.merge(m.Setting(key=key, value=value))

    def advance(self, key: str, by: int) -> int:
        """Add ``by`` to the whole number kept under ``key`` (none yet counts as 0) and return
        the new number: one UPDATE, so two users advancing it at once never get the same one."""
        statement = (
            update(m.Setting)
            .where(m.Setting.key == key)
            .values(value=cast(cast(m.Setting.value, Integer) + by, String))
            .returning(m.Setting.value)
            .execution_options(synchronize_session=False)
        )
        with translated_errors():
            value = self.session.scalar(statement)
            if value is None:
                value = self._start_counter(key, by, statement)
        return int(value)

    def _start_counter(self, key: str, by: int, advance: Update) -> str:
        """Insert the number ``by`` under ``key``; if another user inserted it meanwhile (this
        waits for them to commit), advance theirs instead."""
        try:
            with self.session.begin_nested():
                self.session.add(m.Setting(key=key, value=str(by)))
        except IntegrityError:
            theirs: str | None = self.session.scalar(advance)
            assert theirs is not None  # committed by them, so seen by this statement
            return theirs
        return str(by)


class SectorRepository(Repository[m.Sector]):
    model = m.Sector
    order = (m.Sector.sort_order, m.Sector.name)

    def by_name(self, name: str) -> m.Sector | None:
        return self.find(func.lower(m.Sector.name) == name.lower())


class AgencyRepository(Repository[m.Agency]):
    model = m.Agency
    order = (func.lower(m.Agency.name),)

    def by_name(self, name: str) -> m.Agency | None:
        return self.find(func.lower(m.Agency.name) == name.lower())

    def staff_counts(self) -> dict[int, int]:
        statement = select(m.StaffMember.agency_id, func.count()).group_by(m.StaffMember.agency_id)
        return {agency_id: count for agency_id, count in self.session.execute(statement)}


class RoleRepository(Repository[m.Role]):
    model = m.Role
    order = (m.Role.role_group, m.Role.name)

    def by_name(self, name: str) -> m.Role | None:
        return self.find(func.lower(m.Role.name) == name.lower())


class StaffRepository(Repository[m.StaffMember]):
    model = m.StaffMember
    order = (m.StaffMember.last_name, m.StaffMember.first_name, m.StaffMember.id)

    def by_ref(self, agency_id: int, staff_ref: str) -> m.StaffMember | None:
        return self.find(m.StaffMember.agency_id == agency_id, m.StaffMember.staff_ref == staff_ref)

    def _filters(self, agency_id: int | None, search: str) -> list[ColumnElement[bool]]:
        where: list[ColumnElement[bool]] = []
        if agency_id is not None:
            where.append(m.StaffMember.agency_id == agency_id)
        # each word in some column, so "alex smi" finds Alex Smith
        for word in search.lower().split():
            pattern = f"%{word}%"
            where.append(
                or_(
                    func.lower(m.StaffMember.last_name).like(pattern),
                    func.lower(m.StaffMember.first_name).like(pattern),
                    func.lower(m.StaffMember.email).like(pattern),
                    func.lower(m.StaffMember.staff_ref).like(pattern),
                )
            )
        return where

    def page(
        self, *, agency_id: int | None = None, search: str = "", offset: int = 0, limit: int = 500
    ) -> Sequence[m.StaffMember]:
        statement = (
            select(m.StaffMember)
            .where(*self._filters(agency_id, search))
            .order_by(*self.order)
            .offset(offset)
            .limit(limit)
        )
        return self.session.scalars(statement).all()

    def count_matching(self, *, agency_id: int | None = None, search: str = "") -> int:
        return self.count(*self._filters(agency_id, search))

    def delete_spell(self, spell_id: int) -> None:
        spell = self.session.get(m.StaffRole, spell_id)
        if spell is not None:
            self.session.delete(spell)

    def names(self, ids: Collection[int]) -> dict[int, str]:
        """Each staff member's first and last name, by id."""
        wanted = list(ids)
        names: dict[int, str] = {}
        for start in range(0, len(wanted), IN_CHUNK):
            statement = select(
                m.StaffMember.id, m.StaffMember.first_name, m.StaffMember.last_name
            ).where(m.StaffMember.id.in_(wanted[start : start + IN_CHUNK]))
            names.update(
                (i, f"{first} {last}") for i, first, last in self.session.execute(statement)
            )
        return names

    def identities(self, agency_id: int) -> list[Identity]:
        """(id, staff ref, email, first name, last name) of everyone in the agency, for matching."""
        statement = _IDENTITY_COLUMNS.where(m.StaffMember.agency_id == agency_id)
        rows = self.session.connection().execute(statement)  # plain rows: no ORM work
        return [(i, ref, email, first, last) for i, ref, email, first, last in rows]

    def identities_matching(
        self, agency_id: int, refs: Collection[str], emails: Collection[str]
    ) -> list[Identity]:
        """The identities of the agency's staff with one of these references or emails."""
        found: dict[int, Identity] = {}
        for column, values in ((m.StaffMember.staff_ref, refs), (m.StaffMember.email, emails)):
            if not values:
                continue
            statement = _IDENTITY_COLUMNS.where(
                m.StaffMember.agency_id == agency_id, _one_of(self.session, column, values)
            )
            for i, ref, email, first, last in self.session.connection().execute(statement):
                found[i] = (i, ref, email, first, last)
        return list(found.values())

    def longest_zero_led_ref(self, agency_id: int) -> int:
        """The length of the agency's longest staff reference that starts with a zero (or 0)."""
        return (
            self.session.scalar(
                select(func.max(func.length(m.StaffMember.staff_ref))).where(
                    m.StaffMember.agency_id == agency_id, m.StaffMember.staff_ref.like("0%")
                )
            )
            or 0
        )


class TopicRepository(Repository[m.Topic]):
    model = m.Topic
    order = (m.Topic.name,)

    def by_name(self, name: str) -> m.Topic | None:
        return self.find(func.lower(m.Topic.name) == name.lower())


class TierRepository(Repository[m.Tier]):
    model = m.Tier
    order = (m.Tier.rank,)

    def by_name(self, name: str) -> m.Tier | None:
        return self.find(func.lower(m.Tier.name) == name.lower())


class RoleRequirementRepository(Repository[m.RoleRequirement]):
    model = m.RoleRequirement
    order = (m.RoleRequirement.role_id, m.RoleRequirement.topic_id)

    def for_role_topic(self, role_id: int, topic_id: int) -> m.RoleRequirement | None:
        return self.find(
            m.RoleRequirement.role_id == role_id, m.RoleRequirement.topic_id == topic_id
        )


class CourseRepository(Repository[m.Course]):
    model = m.Course
    order = (m.Course.code,)

    def by_code(self, code: str) -> m.Course | None:
        return self.find(func.lower(m.Course.code) == code.lower())


TAKE_PLACES = ("booked", "attended", "did not attend")  # attendance statuses that fill a place


class SessionListing(NamedTuple):
    """A line of the list of sessions."""

    id: int
    course_id: int
    course_code: str
    course_title: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str
    trainer: str
    capacity: int
    status: str
    version: int
    places_taken: int


class TrainingSessionRepository(Repository[m.TrainingSession]):
    model = m.TrainingSession
    order = (m.TrainingSession.starts_at, m.TrainingSession.id)

    def on_day(self, course_id: int, day: dt.date) -> Sequence[m.TrainingSession]:
        start = dt.datetime.combine(day, dt.time())
        return self.list(
            m.TrainingSession.course_id == course_id,
            m.TrainingSession.starts_at >= start,
            m.TrainingSession.starts_at < start + dt.timedelta(days=1),
            m.TrainingSession.status != "cancelled",
        )

    def between(self, start: dt.datetime, end: dt.datetime) -> Sequence[m.TrainingSession]:
        return self.list(m.TrainingSession.starts_at >= start, m.TrainingSession.starts_at < end)

    def listing(self, start: dt.datetime, end: dt.datetime) -> list[SessionListing]:
        """The sessions starting in the window, by start, with their course and places taken:
        one query, each count looked up in the attendance index (no ORM objects: 25,000
        sessions list in a second)."""
        session = m.TrainingSession
        taken = (
            select(func.count())
            .select_from(m.Attendance)
            .where(m.Attendance.session_id == session.id, m.Attendance.status.in_(TAKE_PLACES))
            .scalar_subquery()
        )
        statement = (
            select(
                session.id,
                session.course_id,
                m.Course.code,
                m.Course.title,
                session.starts_at,
                session.ends_at,
                session.venue,
                session.trainer,
                session.capacity,
                session.status,
                session.version,
                taken,
            )
            .join(m.Course, m.Course.id == session.course_id)
            .where(session.starts_at >= start, session.starts_at < end)
            .order_by(session.starts_at, session.id)
        )
        return [SessionListing._make(row) for row in self.session.execute(statement)]

    def taken_places(self, session_id: int) -> int:
        return (
            self.session.scalar(
                select(func.count())
                .select_from(m.Attendance)
                .where(
                    m.Attendance.session_id == session_id,
                    m.Attendance.status.in_(TAKE_PLACES),
                )
            )
            or 0
        )

    def with_free_places(
        self, after: dt.datetime, taking_places: Collection[str], limit: int
    ) -> list[tuple[m.TrainingSession, int]]:
        """The first ``limit`` sessions starting at or after ``after``, not cancelled, with fewer
        records of the ``taking_places`` statuses than places: each with its places taken."""
        taken = (
            select(func.count())
            .where(
                m.Attendance.session_id == m.TrainingSession.id,
                m.Attendance.status.in_(list(taking_places)),
            )
            .scalar_subquery()
        )
        statement = (
            select(m.TrainingSession, taken)
            .where(
                m.TrainingSession.starts_at >= after,
                m.TrainingSession.status != "cancelled",
                m.TrainingSession.capacity > taken,
            )
            .order_by(*self.order)
            .limit(limit)
        )
        return [(session, int(places)) for session, places in self.session.execute(statement)]

    def delivery_by_tier(
        self, start: dt.datetime, end: dt.datetime
    ) -> list[tuple[int, str, int, int]]:
        """(tier id, status, sessions, places) of the sessions starting from ``start`` until
        before ``end``, counted by their course's tier and their status; places: their capacity."""
        session = m.TrainingSession
        statement = (
            select(m.Course.tier_id, session.status, func.count(), func.sum(session.capacity))
            .join(m.Course, m.Course.id == session.course_id)
            .where(session.starts_at >= start, session.starts_at < end)
            .group_by(m.Course.tier_id, session.status)
        )
        rows = self.session.execute(statement)
        return [(tier, status, int(n), int(places or 0)) for tier, status, n, places in rows]


class AttendanceRepository(Repository[m.Attendance]):
    model = m.Attendance
    order = (m.Attendance.id,)

    def for_session(self, session_id: int) -> Sequence[m.Attendance]:
        return self.list(m.Attendance.session_id == session_id)

    def on_session(self, staff_id: int, session_id: int) -> m.Attendance | None:
        return self.find(m.Attendance.staff_id == staff_id, m.Attendance.session_id == session_id)

    def completion(
        self, staff_id: int, course_id: int, completed_on: dt.date
    ) -> m.Attendance | None:
        return self.find(
            m.Attendance.staff_id == staff_id,
            m.Attendance.course_id == course_id,
            m.Attendance.session_id.is_(None),
            m.Attendance.completed_on == completed_on,
        )

    def for_staff(self, staff_id: int) -> Sequence[m.Attendance]:
        return self.list(m.Attendance.staff_id == staff_id)

    def on(
        self, courses: Collection[tuple[int, int]], sessions: Collection[tuple[int, int]]
    ) -> list[tuple[int, int, int, int | None, dt.date | None, str]]:
        """(id, staff id, course id, session id, completed on, status) of the records of these
        people on these courses and of these people on these sessions, in the order of their ids.

        Both are pairs of ids: (staff id, course id) and (staff id, session id).
        """
        found: dict[int, tuple[int, int, int, int | None, dt.date | None, str]] = {}
        for column, pairs in (
            (m.Attendance.course_id, courses),
            (m.Attendance.session_id, sessions),
        ):
            listed = list(pairs)
            for start in range(0, len(listed), IN_CHUNK):
                for row in self._with_pairs(column, listed[start : start + IN_CHUNK]):
                    found[row[0]] = tuple(row)
        return [found[i] for i in sorted(found)]

    def _with_pairs(
        self, column: InstrumentedAttribute[Any], pairs: Sequence[tuple[int, int]]
    ) -> Result[Any]:
        """The key columns of the records with these (staff id, ``column``) pairs, which the
        database joins as a table, looking each one up in an index."""
        staff_id, other_id = _pairs_table(self.session, pairs)
        statement = _KEY_COLUMNS.where(m.Attendance.staff_id == staff_id, column == other_id)
        return self.session.connection().execute(statement)

    def delete_ids(self, ids: Sequence[int]) -> None:
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            self.session.execute(delete(m.Attendance).where(m.Attendance.id.in_(chunk)))

    def completed_by_day_and_tier(
        self, first: dt.date, last: dt.date, statuses: Collection[str]
    ) -> list[tuple[dt.date, int, int]]:
        """(day, tier id, records) of the records of these statuses completed from ``first`` to
        ``last``, counted by the day of completion and the course's tier.

        Days rather than months: grouping by a date's month costs SQLite a conversion per row
        (about twice the time), and a day per tier is still a small result to add up.
        """
        statement = (
            select(m.Attendance.completed_on, m.Course.tier_id, func.count())
            .join(m.Course, m.Course.id == m.Attendance.course_id)
            .where(
                m.Attendance.status.in_(list(statuses)),
                m.Attendance.completed_on >= first,
                m.Attendance.completed_on <= last,
            )
            .group_by(m.Attendance.completed_on, m.Course.tier_id)
        )
        rows = self.session.execute(statement)
        return [(day, tier, int(n)) for day, tier, n in rows if day is not None]  # for the types

    def on_sessions_by_tier(
        self, start: dt.datetime, end: dt.datetime, statuses: Collection[str]
    ) -> list[tuple[int, str, int]]:
        """(tier id, status, records) of the records of these statuses on the sessions starting
        from ``start`` until before ``end`` that were not cancelled, by the session's tier."""
        session = m.TrainingSession
        statement = (
            select(m.Course.tier_id, m.Attendance.status, func.count())
            .join(session, session.id == m.Attendance.session_id)
            .join(m.Course, m.Course.id == session.course_id)
            .where(
                session.starts_at >= start,
                session.starts_at < end,
                session.status != "cancelled",
                m.Attendance.status.in_(list(statuses)),
            )
            .group_by(m.Course.tier_id, m.Attendance.status)
        )
        return [(tier, status, int(n)) for tier, status, n in self.session.execute(statement)]

    def completed_by_part_course_and_sector(
        self, first_days: Sequence[dt.date], last: dt.date, statuses: Collection[str]
    ) -> list[tuple[int, int, int, int]]:
        """(part, course id, sector id, records) of the records of these statuses completed from
        ``first_days[0]`` to ``last``, counted by part of that time, course, and the sector of the
        person's agency. Part ``n`` runs from ``first_days[n]`` until the next first day.

        The parts (quarters, say) are told apart in SQL by comparing dates, so that one pass over
        the records counts them all, on any database, and the result stays small however many
        records there are.
        """
        completed_on = m.Attendance.completed_on
        later = [(completed_on < day, n) for n, day in enumerate(first_days[1:])]
        part = (case(*later, else_=len(first_days) - 1) if later else literal(0)).label("part")
        statement = (
            select(part, m.Attendance.course_id, m.Agency.sector_id, func.count())
            .join(m.StaffMember, m.StaffMember.id == m.Attendance.staff_id)
            .join(m.Agency, m.Agency.id == m.StaffMember.agency_id)
            .where(
                m.Attendance.status.in_(list(statuses)),
                completed_on >= first_days[0],
                completed_on <= last,
            )
            .group_by(part, m.Attendance.course_id, m.Agency.sector_id)
        )
        rows = self.session.execute(statement)
        return [(int(n), course, sector, int(records)) for n, course, sector, records in rows]


class ChampionRepository(Repository[m.Champion]):
    model = m.Champion
    order = (m.Champion.agency_id, m.Champion.appointed_on)

    def current_on(self, day: dt.date, topic_id: int | None = None) -> Sequence[m.Champion]:
        """Champions in post on ``day``: appointed by then and not yet stood down."""
        where = [
            m.Champion.appointed_on <= day,
            or_(m.Champion.stood_down_on.is_(None), m.Champion.stood_down_on > day),
        ]
        if topic_id is not None:
            where.append(m.Champion.topic_id == topic_id)
        return self.list(*where)

    def overlapping(self, staff_id: int, topic_id: int, day: dt.date) -> m.Champion | None:
        """A post of this person for this theme that is open on or after ``day``."""
        return self.find(
            m.Champion.staff_id == staff_id,
            m.Champion.topic_id == topic_id,
            or_(m.Champion.stood_down_on.is_(None), m.Champion.stood_down_on > day),
        )


class ChampionMeetingRepository(Repository[m.ChampionMeeting]):
    model = m.ChampionMeeting
    order = (m.ChampionMeeting.held_on,)

    def on(self, day: dt.date) -> m.ChampionMeeting | None:
        return self.find(m.ChampionMeeting.held_on == day)

    def last_held(self, day: dt.date, count: int) -> Sequence[m.ChampionMeeting]:
        """The last ``count`` meetings held on or before ``day``, newest first."""
        statement = (
            select(m.ChampionMeeting)
            .where(m.ChampionMeeting.held_on <= day)
            .order_by(m.ChampionMeeting.held_on.desc())
            .limit(count)
        )
        return self.session.scalars(statement).all()

    def attendance(self, meeting_ids: Collection[int]) -> Sequence[m.ChampionMeetingAttendance]:
        statement = select(m.ChampionMeetingAttendance).where(
            m.ChampionMeetingAttendance.meeting_id.in_(list(meeting_ids))
        )
        return self.session.scalars(statement).all()

    def attendance_counts(self) -> dict[int, tuple[int, int]]:
        """(present, apologies) recorded at each meeting, by meeting id."""
        record = m.ChampionMeetingAttendance
        statement = select(record.meeting_id, record.present, func.count()).group_by(
            record.meeting_id, record.present
        )
        counts: dict[int, tuple[int, int]] = {}
        for meeting_id, present, count in self.session.execute(statement):
            here, apologies = counts.get(meeting_id, (0, 0))
            counts[meeting_id] = (here + count, apologies) if present else (here, apologies + count)
        return counts

    def mark(self, meeting_id: int, champion_id: int, present: bool) -> None:
        """Record the champion as present at the meeting, or as having sent apologies."""
        key = (meeting_id, champion_id)
        record = self.session.get(m.ChampionMeetingAttendance, key)
        if record is None:
            self.session.add(
                m.ChampionMeetingAttendance(
                    meeting_id=meeting_id, champion_id=champion_id, present=present
                )
            )
        else:
            record.present = present

    def touch(self, meeting: m.ChampionMeeting) -> None:
        """Save the meeting again, so its version moves on (and a stale copy is refused)."""
        flag_modified(meeting, "notes")
        with translated_errors():
            self.session.flush()


class EvaluationRepository(Repository[m.Evaluation]):
    model = m.Evaluation
    order = (m.Evaluation.submitted_on, m.Evaluation.id)

    def by_staff_on_session(self, staff_id: int, session_id: int) -> m.Evaluation | None:
        return self.find(m.Evaluation.staff_id == staff_id, m.Evaluation.session_id == session_id)

    def on_sessions(self, session_ids: Collection[int]) -> list[tuple[m.Evaluation, str | None]]:
        """The evaluations of these sessions, each with its respondent's name (none when
        anonymous)."""
        name = m.StaffMember.first_name + " " + m.StaffMember.last_name
        found: list[tuple[m.Evaluation, str | None]] = []
        ids = list(session_ids)
        for start in range(0, len(ids), IN_CHUNK):
            statement = (
                select(m.Evaluation, name)
                .outerjoin(m.StaffMember, m.StaffMember.id == m.Evaluation.staff_id)
                .where(m.Evaluation.session_id.in_(ids[start : start + IN_CHUNK]))
                .order_by(*self.order)
            )
            found += [(evaluation, named) for evaluation, named in self.session.execute(statement)]
        return found

    def figures_between(self, start: dt.datetime, end: dt.datetime) -> list[tuple[Any, ...]]:
        """The evaluations of the sessions starting from ``start`` until before ``end``, as
        (course id, tier name, tier rank, trainer, session id, session start, overall,
        content and trainer ratings, confidence before and after, comments, anonymous)."""
        statement = (
            select(
                m.TrainingSession.course_id,
                m.Tier.name,
                m.Tier.rank,
                m.TrainingSession.trainer,
                m.TrainingSession.id,
                m.TrainingSession.starts_at,
                m.Evaluation.overall_rating,
                m.Evaluation.content_rating,
                m.Evaluation.trainer_rating,
                m.Evaluation.confidence_before,
                m.Evaluation.confidence_after,
                m.Evaluation.comments,
                m.Evaluation.staff_id.is_(None),
            )
            .join(m.TrainingSession, m.TrainingSession.id == m.Evaluation.session_id)
            .join(m.Course, m.Course.id == m.TrainingSession.course_id)
            .join(m.Tier, m.Tier.id == m.Course.tier_id)
            .where(m.TrainingSession.starts_at >= start, m.TrainingSession.starts_at < end)
            .order_by(m.Evaluation.id)
        )
        return [tuple(row) for row in self.session.execute(statement)]


class QaStandardRepository(Repository[m.QaStandard]):
    model = m.QaStandard
    order = (func.lower(m.QaStandard.name),)

    def by_name(self, name: str) -> m.QaStandard | None:
        return self.find(func.lower(m.QaStandard.name) == name.lower())


class QaObservationRepository(Repository[m.QaObservation]):
    model = m.QaObservation
    order = (m.QaObservation.observed_on,)

    def until(self, end: dt.date) -> list[tuple[m.QaObservation, m.TrainingSession]]:
        """Every observation made on or before ``end``, with its session, oldest first."""
        statement = (
            select(m.QaObservation, m.TrainingSession)
            .join(m.TrainingSession, m.TrainingSession.id == m.QaObservation.session_id)
            .where(m.QaObservation.observed_on <= end)
            .order_by(m.QaObservation.observed_on, m.QaObservation.id)
        )
        return [(observation, session) for observation, session in self.session.execute(statement)]

    def latest_on_course(self, course_id: int) -> dt.date | None:
        """The day of the course's most recent observation."""
        statement = (
            select(func.max(m.QaObservation.observed_on))
            .join(m.TrainingSession, m.TrainingSession.id == m.QaObservation.session_id)
            .where(m.TrainingSession.course_id == course_id)
        )
        return self.session.scalar(statement)


class AwarenessEventRepository(Repository[m.AwarenessEvent]):
    model = m.AwarenessEvent
    order = (m.AwarenessEvent.held_on, m.AwarenessEvent.id)

    def reach_between(self, first: dt.date, last: dt.date) -> list[tuple[str, str, int, int]]:
        """(audience, event type, events, people reached) of the events held from ``first`` to
        ``last``, counted by audience and type."""
        event = m.AwarenessEvent
        statement = (
            select(event.audience_type, event.event_type, func.count(), func.sum(event.headcount))
            .where(event.held_on >= first, event.held_on <= last)
            .group_by(event.audience_type, event.event_type)
        )
        rows = self.session.execute(statement)
        return [(audience, kind, int(n), int(people or 0)) for audience, kind, n, people in rows]


class ImportBatchRepository(Repository[m.ImportBatch]):
    model = m.ImportBatch
    order = (m.ImportBatch.imported_at.desc(), m.ImportBatch.id.desc())

    def live_with_hash(self, sha256: str, agency_id: int | None) -> m.ImportBatch | None:
        """The batch that imported this very file for the agency and has not been undone."""
        return self.find(
            m.ImportBatch.sha256 == sha256,
            m.ImportBatch.agency_id == agency_id,
            m.ImportBatch.undone_at.is_(None),
        )

    def log_added_attendance(self, batch_id: int) -> None:
        """Log every attendance record the batch added, for undo, in one statement."""
        added = select(
            literal(batch_id),
            literal("attendance"),
            m.Attendance.id,
            literal("added"),
            literal(""),
        ).where(m.Attendance.import_batch_id == batch_id)
        columns = ("batch_id", "record_kind", "record_id", "action", "previous")
        with translated_errors():
            self.session.execute(
                insert(m.ImportChange).from_select(columns, added.order_by(m.Attendance.id))
            )

    def forget_changes(self, batch_id: int) -> None:
        """Delete the batch's change log, once it has been undone and can never be again."""
        self.session.execute(delete(m.ImportChange).where(m.ImportChange.batch_id == batch_id))

    def changes(self, batch_id: int) -> Sequence[m.ImportChange]:
        statement = (
            select(m.ImportChange)
            .where(m.ImportChange.batch_id == batch_id)
            .order_by(m.ImportChange.id.desc())
        )
        return self.session.scalars(statement).all()


class ColumnMappingRepository(Repository[m.ColumnMapping]):
    model = m.ColumnMapping
    order = (m.ColumnMapping.id,)

    def for_agency(self, agency_id: int, kind: str) -> dict[str, str]:
        rows = self.list(m.ColumnMapping.agency_id == agency_id, m.ColumnMapping.kind == kind)
        return {row.header: row.field for row in rows}

    def remember(self, agency_id: int, kind: str, header: str, field: str) -> None:
        existing = self.find(
            m.ColumnMapping.agency_id == agency_id,
            m.ColumnMapping.kind == kind,
            m.ColumnMapping.header == header,
        )
        if existing is None:
            self.session.add(
                m.ColumnMapping(agency_id=agency_id, kind=kind, header=header, field=field)
            )
        else:
            existing.field = field


class CertificateSource(NamedTuple):
    """An attendance record with what its certificate says, and the certificate if issued."""

    attendance_id: int
    status: str
    completed_on: dt.date | None
    session_ends_at: dt.datetime | None  # None for an e-learning completion
    first_name: str
    last_name: str
    agency: str
    course_code: str
    course_title: str
    delivery_mode: str
    duration_hours: Decimal
    tier: str
    topic: str
    certificate_id: int | None
    number: str | None
    verification_code: str | None
    issued_on: dt.date | None
    print_count: int | None


_CERTIFICATE_SOURCES = (
    select(
        m.Attendance.id,
        m.Attendance.status,
        m.Attendance.completed_on,
        m.TrainingSession.ends_at,
        m.StaffMember.first_name,
        m.StaffMember.last_name,
        m.Agency.name,
        m.Course.code,
        m.Course.title,
        m.Course.delivery_mode,
        m.Course.duration_hours,
        m.Tier.name,
        m.Topic.name,
        m.Certificate.id,
        m.Certificate.number,
        m.Certificate.verification_code,
        m.Certificate.issued_on,
        m.Certificate.print_count,
    )
    .join(m.StaffMember, m.StaffMember.id == m.Attendance.staff_id)
    .join(m.Agency, m.Agency.id == m.StaffMember.agency_id)
    .join(m.Course, m.Course.id == m.Attendance.course_id)
    .join(m.Tier, m.Tier.id == m.Course.tier_id)
    .join(m.Topic, m.Topic.id == m.Course.topic_id)
    .outerjoin(m.TrainingSession, m.TrainingSession.id == m.Attendance.session_id)
    .outerjoin(m.Certificate, m.Certificate.attendance_id == m.Attendance.id)
    .order_by(m.Attendance.id)
)


class CertificateRepository(Repository[m.Certificate]):
    model = m.Certificate
    order = (m.Certificate.number,)

    def _sources(self, *where: ColumnElement[bool]) -> list[CertificateSource]:
        rows = self.session.execute(_CERTIFICATE_SOURCES.where(*where))
        return [CertificateSource._make(row) for row in rows]

    def sources_on_session(self, session_id: int, status: str) -> list[CertificateSource]:
        """The session's records of this status, each with its certificate if issued."""
        return self._sources(m.Attendance.session_id == session_id, m.Attendance.status == status)

    def source_of(self, attendance_id: int) -> CertificateSource | None:
        found = self._sources(m.Attendance.id == attendance_id)
        return found[0] if found else None

    def sources_for(self, staff_id: int, course_id: int) -> list[CertificateSource]:
        """The person's records of the course, each with its certificate if issued."""
        return self._sources(m.Attendance.staff_id == staff_id, m.Attendance.course_id == course_id)

    def count_printed(self, certificate_ids: Collection[int]) -> None:
        """Add one to the print count of each of these certificates."""
        ids = sorted(certificate_ids)
        for start in range(0, len(ids), IN_CHUNK):
            self.session.execute(
                update(m.Certificate)
                .where(m.Certificate.id.in_(ids[start : start + IN_CHUNK]))
                .values(print_count=m.Certificate.print_count + 1)
                .execution_options(synchronize_session=False)
            )

    def sessions_with_status(
        self, status: str, search: str, limit: int
    ) -> list[CertificateSessionRow]:
        """The newest ``limit`` sessions with a record of this status, each word of ``search``
        in the course's code or title, the venue or the trainer; with how many records of the
        status they have and how many of those have a certificate."""
        session = m.TrainingSession
        of_status = (m.Attendance.session_id == session.id, m.Attendance.status == status)
        counted = select(func.count()).select_from(m.Attendance).where(*of_status).scalar_subquery()
        issued = (
            select(func.count())
            .select_from(m.Attendance)
            .join(m.Certificate, m.Certificate.attendance_id == m.Attendance.id)
            .where(*of_status)
            .scalar_subquery()
        )
        statement = (
            select(
                session.id,
                session.starts_at,
                m.Course.code,
                m.Course.title,
                session.venue,
                session.trainer,
                counted,
                issued,
            )
            .join(m.Course, m.Course.id == session.course_id)
            .where(
                select(m.Attendance.id).where(*of_status).exists(),
                *_each_word_in(
                    search, m.Course.code, m.Course.title, session.venue, session.trainer
                ),
            )
            .order_by(session.starts_at.desc(), session.id.desc())
            .limit(limit)
        )
        return [CertificateSessionRow._make(row) for row in self.session.execute(statement)]

    def sources_matching(self, status: str, search: str, limit: int) -> list[CertificateSource]:
        """The newest ``limit`` records of this status, each word of ``search`` in the person's
        name, email or staff reference or the course's code; each with its certificate if
        issued."""
        statement = (
            _CERTIFICATE_SOURCES.where(
                m.Attendance.status == status,
                *_each_word_in(
                    search,
                    m.StaffMember.first_name,
                    m.StaffMember.last_name,
                    m.StaffMember.email,
                    m.StaffMember.staff_ref,
                    m.Course.code,
                ),
            )
            .order_by(None)
            .order_by(m.Attendance.id.desc())
            .limit(limit)
        )
        return [CertificateSource._make(row) for row in self.session.execute(statement)]


class CertificateSessionRow(NamedTuple):
    """A session as a chooser of certificates lists it."""

    session_id: int
    starts_at: dt.datetime
    course_code: str
    course_title: str
    venue: str
    trainer: str
    records: int  # of the status asked for
    issued: int  # of those, how many have a certificate


def _each_word_in(search: str, *columns: InstrumentedAttribute[Any]) -> list[ColumnElement[bool]]:
    """For each word of ``search``, a condition that some column holds it (any case)."""
    return [
        or_(*(func.lower(column).like(f"%{word}%") for column in columns))
        for word in search.lower().split()
    ]


class UserRepository(Repository[m.User]):
    model = m.User
    order = (m.User.user_name,)

    def by_name(self, user_name: str) -> m.User | None:
        return self.find(func.lower(m.User.user_name) == user_name.lower())


class AuditCriteria(NamedTuple):
    """Which audit entries to list; every criterion given must hold (None: any)."""

    since: dt.datetime | None = None  # changed at or after
    before: dt.datetime | None = None  # changed before
    user_name: str | None = None  # any case
    table_name: str | None = None
    action: str | None = None  # add, change or remove
    search: str = ""  # each word in the description or the values
    staff_member_id: int | None = None


class AuditRepository:
    """The audit trail (written by ``storage.audit``), newest first."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def _filters(self, criteria: AuditCriteria) -> list[ColumnElement[bool]]:
        entry = m.AuditEntry
        where = _each_word_in(criteria.search, entry.description, entry.changes)
        if criteria.since is not None:
            where.append(entry.changed_at >= criteria.since)
        if criteria.before is not None:
            where.append(entry.changed_at < criteria.before)
        if criteria.user_name is not None:
            where.append(func.lower(entry.user_name) == criteria.user_name.lower())
        for column, value in (
            (entry.table_name, criteria.table_name),
            (entry.action, criteria.action),
            (entry.staff_member_id, criteria.staff_member_id),
        ):
            if value is not None:
                where.append(column == value)
        return where

    def page(
        self, criteria: AuditCriteria, *, offset: int = 0, limit: int = 500
    ) -> Sequence[m.AuditEntry]:
        statement = (
            select(m.AuditEntry)
            .where(*self._filters(criteria))
            .order_by(m.AuditEntry.changed_at.desc(), m.AuditEntry.id.desc())
            .offset(offset)
            .limit(limit)
        )
        return self.session.scalars(statement).all()

    def count_matching(self, criteria: AuditCriteria) -> int:
        statement = select(func.count()).select_from(m.AuditEntry)
        return int(self.session.scalar(statement.where(*self._filters(criteria))) or 0)

    def user_names(self) -> list[str]:
        """Everyone who has changed something, by name."""
        statement = select(m.AuditEntry.user_name).distinct().order_by(m.AuditEntry.user_name)
        return list(self.session.scalars(statement))

    def stream(self, criteria: AuditCriteria, batch: int = 1000) -> Iterator[m.AuditEntry]:
        """Every matching entry, newest first, read ``batch`` at a time from one query (so an
        export is one consistent list, however many entries are added meanwhile)."""
        statement = (
            select(m.AuditEntry)
            .where(*self._filters(criteria))
            .order_by(m.AuditEntry.changed_at.desc(), m.AuditEntry.id.desc())
            .execution_options(yield_per=batch)
        )
        yield from self.session.scalars(statement)

    def record_names(self, table_name: str, ids: Collection[int]) -> dict[int, str]:
        """The names of records the trail's values refer to, by id (none for a kind of record
        that has no name, or one since removed)."""
        named = _AUDIT_NAMES.get(table_name)
        if named is None or not ids:
            return {}
        key, name = named
        statement = select(key, name).where(_one_of(self.session, key, ids))
        return {record_id: str(text) for record_id, text in self.session.execute(statement)}


_AUDIT_NAMES: dict[
    str, tuple[InstrumentedAttribute[int], ColumnElement[str] | InstrumentedAttribute[str]]
] = {
    "agencies": (m.Agency.id, m.Agency.name),
    "courses": (m.Course.id, m.Course.code),
    "qa_standards": (m.QaStandard.id, m.QaStandard.name),
    "roles": (m.Role.id, m.Role.name),
    "sectors": (m.Sector.id, m.Sector.name),
    "staff_members": (m.StaffMember.id, m.StaffMember.first_name + " " + m.StaffMember.last_name),
    "tiers": (m.Tier.id, m.Tier.name),
    "topics": (m.Topic.id, m.Topic.name),
}
