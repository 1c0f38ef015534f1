"""A scale partnership for the benchmarks: 60 agencies, 100,000 staff, 1,000,000 records.

DESIGN.md §5 measures the application on "a large county partnership". This builds one in any
database: sectors and agencies, the four tiers, three topics, 40 roles and their training needs,
60 courses (some never expire), a workforce with role history and leavers, sessions over four
years and attendance records (mostly attended; some did not attend or cancelled; bookings on
upcoming sessions) plus e-learning completions. Everything follows from one seed and one date.

The small tables and the per-person facts are planned in memory first; the rows of the large
tables are then generated as streams and written in chunks by Core bulk inserts with explicit
ids, all in one transaction (``storage.bulk_load``), so memory stays flat and the full scale
loads in minutes. Run ``python -m benchmarks.scale_data --help``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from benchmarks.scale_catalogue import (
    CAPACITIES,
    COURSE_HOURS,
    COURSE_VARIANTS,
    FIRST_NAMES,
    LAST_NAMES,
    PLACES,
    PROVIDERS,
    QA_STATUSES,
    ROLES,
    SECTOR_ROLE_IDS,
    SECTORS,
    TIERS,
    TOPICS,
    TRAINERS,
    VENUES,
    RoleSpec,
)
from storage import models as m
from storage.bulk_load import BulkLoad
from storage.database import Database, open_database
from storage.errors import DatabaseUnavailableError
from training.dates import add_months
from training.progress import Progress, no_progress
from training.staff import SINCE_ALWAYS

Row = dict[str, Any]

CHUNK_ROWS = 50_000  # rows per executemany
HISTORY_MONTHS = 48  # sessions and completions reach this far back
BOOKING_AHEAD = dt.timedelta(weeks=8)  # upcoming sessions, with bookings
ELEARNING_SHARE = 0.45  # of the attendance records: e-learning completions (no session)
LEAVER_SHARE = 0.08
ROLE_CHANGE_SHARE = 0.10  # people with a second spell in their role history
UNKNOWN_START_SHARE = 0.03
LONGEST_SERVICE_DAYS = 15 * 365
MATCHED_SHARE = 0.7  # of session places: someone whose role needs exactly the course's tier
PAST_STATUSES = (("attended", 88), ("did not attend", 7), ("cancelled", 5))
UPCOMING_STATUSES = (("booked", 95), ("cancelled", 5))


class NotEmptyError(Exception):
    """The database already holds a partnership; scale data goes only into an empty one."""


class AgencyPlan(NamedTuple):
    id: int
    name: str
    sector_id: int
    domain: str
    first_staff_id: int
    staff: int


class CoursePlan(NamedTuple):
    id: int
    code: str
    topic: int  # index into TOPICS
    rank: int
    mode: str
    validity: int | None


class Person(NamedTuple):
    agency_id: int
    start: dt.date | None
    leave: dt.date | None
    spells: tuple[tuple[int, dt.date], ...]  # (role id, effective from), oldest first

    @property
    def role(self) -> RoleSpec:
        """The role held now (the latest spell)."""
        return ROLES[self.spells[-1][0] - 1]

    def employed_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (
            self.leave is None or self.leave > day
        )


class SessionPlan(NamedTuple):
    id: int
    course: CoursePlan
    day: dt.date
    capacity: int
    places: int  # records on the session (never more than its capacity)


@dataclass(frozen=True)
class Plan:
    """Everything but the rows: the small tables' plans and the facts the large ones follow."""

    today: dt.date
    first_day: dt.date  # of the four years of history
    agencies: list[AgencyPlan]
    courses: list[CoursePlan]
    people: list[Person]  # staff id = index + 1
    matched: dict[tuple[int, int], list[int]]  # (topic, rank) -> ids of staff needing it now
    sessions: list[SessionPlan]
    completions: list[int]  # e-learning completions per person (staff id = index + 1)

    @property
    def role_spells(self) -> int:
        return sum(len(person.spells) for person in self.people)

    @property
    def attendances(self) -> int:
        return sum(s.places for s in self.sessions) + sum(self.completions)


@dataclass(frozen=True)
class ScaleSummary:
    agencies: int
    roles: int
    courses: int
    staff: int
    leavers: int
    role_spells: int
    sessions: int
    attendances: int
    elearning_completions: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"{self.agencies:,} agencies, {self.roles} roles, {self.courses} courses; "
            f"{self.staff:,} staff ({self.leavers:,} leavers, {self.role_spells:,} role spells); "
            f"{self.sessions:,} sessions; {self.attendances:,} attendance records "
            f"({self.elearning_completions:,} e-learning completions) in {self.seconds:.1f} s"
        )


# --- planning -----------------------------------------------------------------------------


def _rng(seed: int, stream: str) -> random.Random:
    """One random stream per part, so changing one part leaves the others as they were."""
    return random.Random(f"{seed}/{stream}")


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainders; sums exactly)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _sector_sequence(count: int) -> list[int]:
    """Sector indexes for ``count`` agencies, in proportion to the shares at every prefix."""
    whole = sum(sector.share for sector in SECTORS)
    given = [0] * len(SECTORS)
    sequence = []
    for n in range(1, count + 1):
        chosen = max(range(len(SECTORS)), key=lambda s: SECTORS[s].share * n / whole - given[s])
        given[chosen] += 1
        sequence.append(chosen)
    return sequence


def _domain(name: str) -> str:
    return re.sub(r"[^a-z]+", "-", name.lower()).strip("-") + ".example.org"


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or ``name 2``, ``name 3``... whichever is not taken yet (then taken)."""
    numbered = (f"{name} {n}" for n in itertools.count(2))
    found = next(c for c in itertools.chain([name], numbered) if c not in taken)
    taken.add(found)
    return found


def plan_agencies(rng: random.Random, agencies: int, staff: int) -> list[AgencyPlan]:
    """Agencies in proportion to the sectors' shares, sized by sector (every one has staff)."""
    sectors = _sector_sequence(agencies)
    weights = [SECTORS[s].size * rng.uniform(0.5, 1.5) for s in sectors]
    floor = 1 if staff >= agencies else 0
    sizes = [floor + n for n in apportion(staff - floor * agencies, weights)]
    named: set[str] = set()
    in_sector = [0] * len(SECTORS)
    plans = []
    first_staff_id = 1
    for agency_id, (sector, size) in enumerate(zip(sectors, sizes, strict=True), start=1):
        spec, k = SECTORS[sector], in_sector[sector]
        in_sector[sector] += 1
        name = _unique(f"{PLACES[k % len(PLACES)]} {spec.suffixes[k % len(spec.suffixes)]}", named)
        plans.append(AgencyPlan(agency_id, name, sector + 1, _domain(name), first_staff_id, size))
        first_staff_id += size
    return plans


def plan_courses() -> list[CoursePlan]:
    courses: list[CoursePlan] = []
    for topic, (_name, code, _description) in enumerate(TOPICS):
        for rank, variants in enumerate(COURSE_VARIANTS, start=1):
            for n, (mode, validity) in enumerate(variants, start=1):
                course_code = f"{code}-{TIERS[rank - 1][0]}{n}"
                courses.append(
                    CoursePlan(len(courses) + 1, course_code, topic, rank, mode, validity)
                )
    return courses


def _day_between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))


def _person(rng: random.Random, agency: AgencyPlan, today: dt.date, first_day: dt.date) -> Person:
    role_ids = SECTOR_ROLE_IDS[agency.sector_id - 1]
    weights = [role.weight for role in SECTORS[agency.sector_id - 1].roles]
    start = None
    if rng.random() >= UNKNOWN_START_SHARE:
        start = today - dt.timedelta(days=rng.randint(0, LONGEST_SERVICE_DAYS))
    earliest_leave = max(
        (start or first_day) + dt.timedelta(days=30), first_day + dt.timedelta(days=1)
    )
    leave = None
    if rng.random() < LEAVER_SHARE and earliest_leave <= today:
        leave = _day_between(rng, earliest_leave, today)
    first_role = rng.choices(role_ids, weights)[0]
    spells: tuple[tuple[int, dt.date], ...] = ((first_role, start or SINCE_ALWAYS),)
    change_from = max((start or first_day) + dt.timedelta(days=60), first_day)
    change_until = (leave or today) - dt.timedelta(days=1)
    if len(role_ids) > 1 and change_from <= change_until and rng.random() < ROLE_CHANGE_SHARE:
        second_role = rng.choice([r for r in role_ids if r != first_role])
        spells += ((second_role, _day_between(rng, change_from, change_until)),)
    return Person(agency.id, start, leave, spells)


def plan_people(
    rng: random.Random, agencies: list[AgencyPlan], today: dt.date, first_day: dt.date
) -> list[Person]:
    return [
        _person(rng, agency, today, first_day) for agency in agencies for _ in range(agency.staff)
    ]


def _matched(people: list[Person]) -> dict[tuple[int, int], list[int]]:
    matched: dict[tuple[int, int], list[int]] = {}
    for staff_id, person in enumerate(people, start=1):
        for topic, rank in enumerate(person.role.needs):
            if rank:
                matched.setdefault((topic, rank), []).append(staff_id)
    return matched


def _weekday(day: dt.date) -> dt.date:
    """The day itself, or the Monday after when it falls at a weekend."""
    weekend = day.isoweekday() - 5  # 1 on a Saturday, 2 on a Sunday
    return day + dt.timedelta(days=3 - weekend) if weekend > 0 else day


def plan_sessions(
    rng: random.Random,
    courses: list[CoursePlan],
    matched: dict[tuple[int, int], list[int]],
    places: int,
    staff: int,
    days: tuple[dt.date, dt.date],
) -> list[SessionPlan]:
    """Sessions over ``days`` with ``places`` records in all, courses in proportion to need."""
    delivered = [c for c in courses if c.mode != "e-learning"]
    alike = {(c.topic, c.rank): 0 for c in delivered}
    for c in delivered:
        alike[c.topic, c.rank] += 1
    weights = [
        1 + len(matched.get((c.topic, c.rank), ())) / alike[c.topic, c.rank] for c in delivered
    ]
    cumulative = list(itertools.accumulate(weights))
    drafts = []
    while places > 0:
        course = rng.choices(delivered, cum_weights=cumulative)[0]
        capacity = rng.randint(*CAPACITIES[course.mode])
        taken = min(places, staff, round(capacity * rng.uniform(0.6, 1.0)))
        drafts.append((_weekday(_day_between(rng, *days)), course, capacity, taken))
        places -= taken
    drafts.sort(key=lambda d: (d[0], d[1].id))
    return [
        SessionPlan(n, course, day, cap, taken)
        for n, (day, course, cap, taken) in enumerate(drafts, start=1)
    ]


def _completion_weights(
    rng: random.Random, people: list[Person], plan_days: tuple[dt.date, dt.date]
) -> list[float]:
    """How much e-learning each person did: more for those employed longer in the history."""
    first, last = plan_days
    weights = []
    for person in people:
        begin = max(person.start or first, first)
        end = min(person.leave or last, last)
        weights.append(rng.random() * (max(0, (end - begin).days) + 30))
    return weights


def plan_partnership(seed: int, agencies: int, staff: int, attendance: int, today: dt.date) -> Plan:
    first_day = add_months(today, -HISTORY_MONTHS)
    agency_plans = plan_agencies(_rng(seed, "agencies"), agencies, staff)
    people = plan_people(_rng(seed, "people"), agency_plans, today, first_day)
    matched = _matched(people)
    courses = plan_courses()
    completions_total = round(attendance * ELEARNING_SHARE)
    sessions = plan_sessions(
        _rng(seed, "sessions"),
        courses,
        matched,
        attendance - completions_total,
        staff,
        (first_day, today + BOOKING_AHEAD),
    )
    weights = _completion_weights(_rng(seed, "completions"), people, (first_day, today))
    completions = apportion(completions_total, weights)
    return Plan(today, first_day, agency_plans, courses, people, matched, sessions, completions)


# --- rows ---------------------------------------------------------------------------------


def _course_row(course: CoursePlan, first_day: dt.date) -> Row:
    qa_status = QA_STATUSES[course.id % len(QA_STATUSES)]
    assured = qa_status != "not assured"
    return {
        "id": course.id,
        "code": course.code,
        "title": f"{TOPICS[course.topic][0]}: {TIERS[course.rank - 1].lower()} ({course.mode})",
        "topic_id": course.topic + 1,
        "tier_id": course.rank,
        "delivery_mode": course.mode,
        "duration_hours": COURSE_HOURS[course.rank - 1],
        "validity_months": course.validity,
        "provider": PROVIDERS[course.id % len(PROVIDERS)],
        "qa_status": qa_status,
        "last_assured_on": first_day + dt.timedelta(days=30 * course.id) if assured else None,
        "active": True,
        "version": 1,
    }


def _lead_name(agency_id: int) -> str:
    return f"{FIRST_NAMES[agency_id % len(FIRST_NAMES)]} {LAST_NAMES[agency_id % len(LAST_NAMES)]}"


def _agency_row(agency: AgencyPlan) -> Row:
    return {
        "id": agency.id,
        "name": agency.name,
        "sector_id": agency.sector_id,
        "lead_name": _lead_name(agency.id),
        "lead_email": f"safeguarding@{agency.domain}",
        "active": True,
        "version": 1,
    }


def _role_rows() -> list[Row]:
    return [
        {"id": role_id, "name": ROLES[role_id - 1].name, "role_group": sector.name, "version": 1}
        for sector, role_ids in zip(SECTORS, SECTOR_ROLE_IDS, strict=True)
        for role_id in role_ids
    ]


def _requirement_rows() -> list[Row]:
    """The training-needs matrix: a row per role and topic the role needs (tier id = rank)."""
    needs = [
        (role_id, topic + 1, rank)
        for role_id, role in enumerate(ROLES, start=1)
        for topic, rank in enumerate(role.needs)
        if rank
    ]
    return [
        {"id": n, "role_id": role_id, "topic_id": topic_id, "tier_id": rank, "version": 1}
        for n, (role_id, topic_id, rank) in enumerate(needs, start=1)
    ]


def catalogue_rows(plan: Plan) -> list[tuple[type[m.Base], list[Row]]]:
    """The small tables, parents first. A tier's id is its rank."""
    sectors = [
        {"id": n, "name": sector.name, "sort_order": n, "version": 1}
        for n, sector in enumerate(SECTORS, start=1)
    ]
    tiers = [
        {"id": rank, "name": name, "rank": rank, "description": "", "version": 1}
        for rank, name in enumerate(TIERS, start=1)
    ]
    topics = [
        {"id": n, "name": name, "description": description, "version": 1}
        for n, (name, _code, description) in enumerate(TOPICS, start=1)
    ]
    return [
        (m.Sector, sectors),
        (m.Tier, tiers),
        (m.Topic, topics),
        (m.Role, _role_rows()),
        (m.RoleRequirement, _requirement_rows()),
        (m.Agency, [_agency_row(agency) for agency in plan.agencies]),
        (m.Course, [_course_row(course, plan.first_day) for course in plan.courses]),
    ]


def staff_rows(plan: Plan, rng: random.Random) -> Iterator[Row]:
    for staff_id, person in enumerate(plan.people, start=1):
        agency = plan.agencies[person.agency_id - 1]
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        mailbox = re.sub(r"[^a-z.]", "", f"{first}.{last}".lower())
        yield {
            "id": staff_id,
            "agency_id": agency.id,
            "staff_ref": f"EMP{staff_id - agency.first_staff_id + 1:06d}",
            "first_name": first,
            "last_name": last,
            "email": f"{mailbox}.{staff_id}@{agency.domain}",
            "job_title": person.role.name,
            "front_line": rng.random() < 0.8,
            "works_with_children_10_plus": rng.random() < 0.9,
            "start_date": person.start,
            "leave_date": person.leave,
            "version": 1,
        }


def spell_rows(plan: Plan) -> Iterator[Row]:
    ids = itertools.count(1)
    for staff_id, person in enumerate(plan.people, start=1):
        for role_id, effective_from in person.spells:
            yield {
                "id": next(ids),
                "staff_id": staff_id,
                "role_id": role_id,
                "effective_from": effective_from,
            }


def session_rows(plan: Plan, rng: random.Random) -> Iterator[Row]:
    for session in plan.sessions:
        hours = COURSE_HOURS[session.course.rank - 1]
        start_time = dt.time(9, 30) if hours > 3 else rng.choice((dt.time(9, 30), dt.time(13, 30)))
        starts_at = dt.datetime.combine(session.day, start_time)
        yield {
            "id": session.id,
            "course_id": session.course.id,
            "starts_at": starts_at,
            "ends_at": starts_at + dt.timedelta(hours=int(hours)),
            "venue": "Online (Teams)" if session.course.mode == "virtual" else rng.choice(VENUES),
            "trainer": rng.choice(TRAINERS),
            "capacity": session.capacity,
            "status": "scheduled" if session.day > plan.today else "delivered",
            "version": 1,
        }


def _attendees(rng: random.Random, plan: Plan, session: SessionPlan) -> list[int]:
    """Distinct staff for the session's places, employed on its day, mostly those who need it."""
    matched = plan.matched.get((session.course.topic, session.course.rank), [])
    chosen: set[int] = set()
    for _attempt in range(20 * session.places):
        if len(chosen) == session.places:
            break
        if matched and rng.random() < MATCHED_SHARE:
            staff_id = matched[rng.randrange(len(matched))]
        else:
            staff_id = rng.randrange(len(plan.people)) + 1
        if plan.people[staff_id - 1].employed_on(session.day):
            chosen.add(staff_id)
    for staff_id in range(1, len(plan.people) + 1):  # a tiny partnership: anyone then
        if len(chosen) == session.places:
            break
        chosen.add(staff_id)
    return sorted(chosen)


def _elearning(courses: list[CoursePlan]) -> dict[tuple[int, int], list[CoursePlan]]:
    """(topic, tier rank needed) -> the e-learning courses of the topic at or below that tier."""
    return {
        (topic, rank): [
            c for c in courses if c.mode == "e-learning" and c.topic == topic and c.rank <= rank
        ]
        for topic in range(len(TOPICS))
        for rank in range(1, len(TIERS) + 1)
    }


def _completions(
    rng: random.Random,
    plan: Plan,
    person: Person,
    count: int,
    elearning: dict[tuple[int, int], list[CoursePlan]],
) -> Iterator[tuple[int, dt.date]]:
    """(course id, day) of the person's completions: topics their role needs, while employed."""
    first = max(person.start or plan.first_day, plan.first_day)
    last = person.leave - dt.timedelta(days=1) if person.leave else plan.today
    needs = [(t, rank) for t, rank in enumerate(person.role.needs) if rank]
    needs = needs or [(t, 1) for t in range(len(TOPICS))]
    done: set[tuple[int, dt.date]] = set()
    for _ in range(count):
        for _attempt in range(5):  # the same course twice on one day is a duplicate: retry
            completion = (
                rng.choice(elearning[rng.choice(needs)]).id,
                _day_between(rng, first, last),
            )
            if completion not in done:
                break
        done.add(completion)
        yield completion


def _attendance(
    record_id: int,
    staff_id: int,
    course_id: int,
    session_id: int | None,
    status: str,
    day: dt.date | None,
) -> Row:
    return {
        "id": record_id,
        "staff_id": staff_id,
        "course_id": course_id,
        "session_id": session_id,
        "status": status,
        "completed_on": day,
        "import_batch_id": None,
        "note": "",
        "version": 1,
    }


def attendance_rows(plan: Plan, rng: random.Random) -> Iterator[Row]:
    """The records on sessions in date order, then each person's e-learning completions."""
    ids = itertools.count(1)
    for session in plan.sessions:
        upcoming = session.day > plan.today
        names, weights = zip(*(UPCOMING_STATUSES if upcoming else PAST_STATUSES), strict=True)
        for staff_id in _attendees(rng, plan, session):
            status = rng.choices(names, weights)[0]
            day = session.day if status == "attended" else None
            yield _attendance(next(ids), staff_id, session.course.id, session.id, status, day)
    elearning = _elearning(plan.courses)
    for staff_id, (person, count) in enumerate(zip(plan.people, plan.completions, strict=True), 1):
        for course_id, day in _completions(rng, plan, person, count, elearning):
            yield _attendance(next(ids), staff_id, course_id, None, "attended", day)


# --- loading ------------------------------------------------------------------------------


def _chunks(rows: Iterable[Row]) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, CHUNK_ROWS)):
        yield chunk


def write(load: BulkLoad, plan: Plan, seed: int, progress: Progress) -> None:
    """Every row of the plan, small tables first, large ones streamed in chunks."""
    for model, table_rows in catalogue_rows(plan):
        load.insert(model, table_rows)
    streams: list[tuple[type[m.Base], str, Iterator[Row]]] = [
        (m.StaffMember, "staff", staff_rows(plan, _rng(seed, "names"))),
        (m.StaffRole, "role history", spell_rows(plan)),
        (m.TrainingSession, "sessions", session_rows(plan, _rng(seed, "venues"))),
        (m.Attendance, "attendance", attendance_rows(plan, _rng(seed, "attendance"))),
    ]
    total = len(plan.people) + plan.role_spells + len(plan.sessions) + plan.attendances
    done = 0
    for model, message, rows in streams:
        for chunk in _chunks(rows):
            load.insert(model, chunk)
            done += len(chunk)
            progress(done, total, message)


def _refuse_unless_empty(database: Database) -> None:
    with database.unit_of_work() as uow:
        counts = {
            "sectors": uow.sectors.count(),
            "agencies": uow.agencies.count(),
            "roles": uow.roles.count(),
            "staff": uow.staff.count(),
            "topics": uow.topics.count(),
            "tiers": uow.tiers.count(),
            "courses": uow.courses.count(),
            "sessions": uow.sessions.count(),
            "attendance records": uow.attendances.count(),
        }
    held = ", ".join(f"{count:,} {what}" for what, count in counts.items() if count)
    if held:
        raise NotEmptyError(
            f"{database.display_name} already holds {held}; scale data goes into an empty database"
        )


def summarise(plan: Plan, seconds: float) -> ScaleSummary:
    return ScaleSummary(
        agencies=len(plan.agencies),
        roles=len(ROLES),
        courses=len(plan.courses),
        staff=len(plan.people),
        leavers=sum(1 for p in plan.people if p.leave is not None),
        role_spells=plan.role_spells,
        sessions=len(plan.sessions),
        attendances=plan.attendances,
        elearning_completions=sum(plan.completions),
        seconds=seconds,
    )


def generate(
    database: Database,
    *,
    agencies: int = 60,
    staff: int = 100_000,
    attendance: int = 1_000_000,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress = no_progress,
) -> ScaleSummary:
    """Fill an empty database (its schema made if need be) with a scale partnership.

    The same arguments always give the same partnership; ``today`` (default: today) is the
    date it stands on. Raises ``NotEmptyError`` if the database holds a partnership already.
    """
    if agencies < 1 or staff < 1 or attendance < 0:
        raise ValueError("a partnership needs an agency, a member of staff and no negative counts")
    started = time.perf_counter()
    if database.is_empty():
        database.upgrade()
    _refuse_unless_empty(database)
    plan = plan_partnership(seed, agencies, staff, attendance, today or dt.date.today())
    with database.bulk_load() as load:
        write(load, plan, seed, progress)
    return summarise(plan, time.perf_counter() - started)


# --- command line -------------------------------------------------------------------------


def whole_number(text: str) -> int:
    """A count as people write it: 100000, 100,000 or 100_000."""
    value = int(text.replace(",", "").replace("_", ""))
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.scale_data",
        description="Fill an empty database with a scale partnership for the benchmarks "
        "(by default 60 agencies, 100,000 staff and 1,000,000 attendance records).",
    )
    parser.add_argument(
        "--database",
        required=True,
        metavar="URL",
        help="SQLAlchemy URL, e.g. sqlite:////tmp/scale.sqlite3 or "
        "postgresql+psycopg://user@host/db (its schema is made if it has none)",
    )
    parser.add_argument(
        "--agencies", type=whole_number, default=60, metavar="N", help="(default: 60)"
    )
    parser.add_argument(
        "--staff", type=whole_number, default=100_000, metavar="N", help="(default: 100,000)"
    )
    parser.add_argument(
        "--attendance",
        type=whole_number,
        default=1_000_000,
        metavar="N",
        help="attendance records, e-learning completions included (default: 1,000,000)",
    )
    parser.add_argument(
        "--seed", type=int, default=1, metavar="N", help="the same seed, the same data (default: 1)"
    )
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="the date the partnership stands on (default: today)",
    )
    return parser


def _printed_progress(started: float) -> Progress:
    def report(done: int, total: int, message: str) -> None:
        elapsed = time.perf_counter() - started
        print(f"{message:<13}{done:>12,} of {total:,} rows{elapsed:9.1f} s", flush=True)

    return report


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    try:
        database = open_database(args.database)
    except DatabaseUnavailableError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        summary = generate(
            database,
            agencies=args.agencies,
            staff=args.staff,
            attendance=args.attendance,
            seed=args.seed,
            today=args.today,
            progress=_printed_progress(started),
        )
    except (NotEmptyError, ValueError) as exc:
        print(f"Not loaded: {exc}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    print(f"Loaded into {database.display_name}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
