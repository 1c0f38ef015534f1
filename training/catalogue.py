"""The training catalogue: topics, ordered tiers, courses and their dated sessions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from storage import models as m
from training.access import Permission, requires
from training.errors import ValidationError
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

DELIVERY_MODES = ("e-learning", "classroom", "virtual", "briefing", "theatre")
SESSION_STATUSES = ("scheduled", "delivered", "cancelled")
QA_STATUSES = ("not assured", "assured", "assured with actions", "not meeting standards")


@dataclass(frozen=True)
class TopicView:
    id: int
    name: str
    description: str
    version: int


@dataclass(frozen=True)
class TierView:
    id: int
    name: str
    rank: int
    description: str
    version: int


@dataclass(frozen=True)
class CourseDraft:
    code: str
    title: str
    topic_id: int
    tier_id: int
    delivery_mode: str
    duration_hours: Decimal
    validity_months: int | None = None
    provider: str = ""
    active: bool = True


@dataclass(frozen=True)
class CourseView:
    id: int
    code: str
    title: str
    topic_id: int
    topic: str
    tier_id: int
    tier: str
    tier_rank: int
    delivery_mode: str
    duration_hours: Decimal
    validity_months: int | None
    provider: str
    qa_status: str
    last_assured_on: dt.date | None
    active: bool
    version: int


@dataclass(frozen=True)
class SessionDraft:
    course_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime
    venue: str = ""
    trainer: str = ""
    capacity: int = 20
    status: str = "scheduled"


@dataclass(frozen=True)
class SessionView:
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
    places_taken: int
    version: int

    @property
    def places_free(self) -> int:
        return max(self.capacity - self.places_taken, 0)


def _topic_view(topic: m.Topic) -> TopicView:
    return TopicView(topic.id, topic.name, topic.description, topic.version)


def _tier_view(tier: m.Tier) -> TierView:
    return TierView(tier.id, tier.name, tier.rank, tier.description, tier.version)


# --- topics -------------------------------------------------------------------------------


@requires(Permission.READ_CATALOGUE)
def list_topics(uow: UnitOfWork) -> list[TopicView]:
    with uow:
        return [_topic_view(t) for t in uow.topics.list()]


@requires(Permission.EDIT_PROGRAMME)
def save_topic(
    uow: UnitOfWork,
    name: str,
    description: str = "",
    *,
    topic_id: int | None = None,
    version: int | None = None,
) -> TopicView:
    problems = Problems("Topic")
    name = problems.text("name", name, max_length=160)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors(f"Topic {name!r}"):
        other = uow.topics.by_name(name)
        if other is not None and other.id != topic_id:
            raise ValidationError("Topic", {"name": f"{name!r} is already a topic"})
        if topic_id is None:
            topic = uow.topics.add(m.Topic(name=name, description=description.strip()))
        else:
            topic = found(uow.topics.get(topic_id), "topic", topic_id)
            check_version(f"Topic {topic.name!r}", topic.version, version)
            topic.name, topic.description = name, description.strip()
            uow.flush()
        uow.commit()
        return _topic_view(topic)


def match_topic_name(names: list[str], typed: str) -> str | None:
    """The topic the user means: its name, its short form in brackets ("CSE" for "Child sexual
    exploitation (CSE)") or the start of its name, ignoring case; None if none or several fit."""
    wanted = " ".join(typed.split()).casefold()
    for matches in (
        lambda name: name.casefold() == wanted,
        lambda name: f"({wanted})" in name.casefold(),
        lambda name: name.casefold().startswith(wanted),
    ):
        found_names = [name for name in names if wanted and matches(name)]
        if len(found_names) == 1:
            return found_names[0]
    return None


# --- tiers --------------------------------------------------------------------------------


@requires(Permission.READ_CATALOGUE)
def list_tiers(uow: UnitOfWork) -> list[TierView]:
    with uow:
        return [_tier_view(t) for t in uow.tiers.list()]


@requires(Permission.EDIT_PROGRAMME)
def save_tier(
    uow: UnitOfWork,
    name: str,
    rank: int,
    description: str = "",
    *,
    tier_id: int | None = None,
    version: int | None = None,
) -> TierView:
    """A tier's ``rank`` orders it: a higher rank covers the requirements of every lower one."""
    problems = Problems("Tier")
    name = problems.text("name", name, max_length=80)
    problems.positive_int("rank", rank)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors(f"Tier {name!r}"):
        for other in uow.tiers.list():
            if other.id == tier_id:
                continue
            if other.name.lower() == name.lower():
                raise ValidationError("Tier", {"name": f"{name!r} is already a tier"})
            if other.rank == rank:
                raise ValidationError(
                    "Tier", {"rank": f"{rank} is already the rank of {other.name!r}"}
                )
        if tier_id is None:
            tier = uow.tiers.add(m.Tier(name=name, rank=rank, description=description.strip()))
        else:
            tier = found(uow.tiers.get(tier_id), "tier", tier_id)
            check_version(f"Tier {tier.name!r}", tier.version, version)
            tier.name, tier.rank, tier.description = name, rank, description.strip()
            uow.flush()
        uow.commit()
        return _tier_view(tier)


# --- courses ------------------------------------------------------------------------------


def _course_views(uow: UnitOfWork, courses: list[m.Course]) -> list[CourseView]:
    topics = {t.id: t.name for t in uow.topics.list()}
    tiers = {t.id: t for t in uow.tiers.list()}
    return [
        CourseView(
            id=c.id,
            code=c.code,
            title=c.title,
            topic_id=c.topic_id,
            topic=topics[c.topic_id],
            tier_id=c.tier_id,
            tier=tiers[c.tier_id].name,
            tier_rank=tiers[c.tier_id].rank,
            delivery_mode=c.delivery_mode,
            duration_hours=c.duration_hours,
            validity_months=c.validity_months,
            provider=c.provider,
            qa_status=c.qa_status,
            last_assured_on=c.last_assured_on,
            active=c.active,
            version=c.version,
        )
        for c in courses
    ]


@requires(Permission.READ_CATALOGUE)
def list_courses(uow: UnitOfWork) -> list[CourseView]:
    with uow:
        return _course_views(uow, list(uow.courses.list()))


@requires(Permission.EDIT_PROGRAMME)
def save_course(
    uow: UnitOfWork,
    draft: CourseDraft,
    *,
    course_id: int | None = None,
    version: int | None = None,
) -> CourseView:
    problems = Problems("Course")
    code = problems.text("code", draft.code, max_length=40).upper()
    title = problems.text("title", draft.title, max_length=200)
    problems.one_of("delivery mode", draft.delivery_mode, DELIVERY_MODES)
    hours = problems.hours("duration (hours)", draft.duration_hours)
    problems.positive_int("validity (months)", draft.validity_months, allow_none=True)
    provider = problems.text("provider", draft.provider, max_length=200, required=False)
    problems.raise_if_any()
    with uow, storage_failures_as_user_errors(f"Course {code}"):
        if uow.topics.get(draft.topic_id) is None:
            problems.add("topic", "choose a topic from the catalogue")
        if uow.tiers.get(draft.tier_id) is None:
            problems.add("tier", "choose a tier from the catalogue")
        other = uow.courses.by_code(code)
        if other is not None and other.id != course_id:
            problems.add("code", f"{code} is already the code of {other.title!r}")
        problems.raise_if_any()
        fields = {
            "code": code,
            "title": title,
            "topic_id": draft.topic_id,
            "tier_id": draft.tier_id,
            "delivery_mode": draft.delivery_mode,
            "duration_hours": hours,
            "validity_months": draft.validity_months,
            "provider": provider,
            "active": draft.active,
        }
        if course_id is None:
            course = uow.courses.add(m.Course(**fields))
        else:
            course = found(uow.courses.get(course_id), "course", course_id)
            check_version(f"Course {course.code}", course.version, version)
            for key, value in fields.items():
                setattr(course, key, value)
            uow.flush()
        uow.commit()
        return _course_views(uow, [course])[0]


# --- sessions -----------------------------------------------------------------------------


def _session_view(session: m.TrainingSession, places_taken: int) -> SessionView:
    return SessionView(
        id=session.id,
        course_id=session.course_id,
        course_code=session.course.code,
        course_title=session.course.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        venue=session.venue,
        trainer=session.trainer,
        capacity=session.capacity,
        status=session.status,
        places_taken=places_taken,
        version=session.version,
    )


@requires(Permission.READ_CATALOGUE)
def get_session(uow: UnitOfWork, session_id: int) -> SessionView:
    with uow:
        session = found(uow.sessions.get(session_id), "session", session_id)
        return _session_view(session, uow.sessions.taken_places(session_id))


@requires(Permission.READ_CATALOGUE)
def list_sessions(
    uow: UnitOfWork, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[SessionView]:
    """The sessions starting from ``start`` (inclusive) until ``end`` (exclusive), by start."""
    with uow:
        listed = uow.sessions.listing(start or dt.datetime.min, end or dt.datetime.max)
        return [SessionView(**row._asdict()) for row in listed]


@requires(Permission.EDIT_PROGRAMME)
def save_session(
    uow: UnitOfWork,
    draft: SessionDraft,
    *,
    session_id: int | None = None,
    version: int | None = None,
) -> SessionView:
    problems = Problems("Session")
    if draft.ends_at <= draft.starts_at:
        problems.add("ends", "must be after the start")
    if draft.capacity < 0 or draft.capacity > 10_000:
        problems.add("capacity", "must be between 0 and 10,000 places")
    problems.one_of("status", draft.status, SESSION_STATUSES)
    venue = problems.text("venue", draft.venue, max_length=200, required=False)
    trainer = problems.text("trainer", draft.trainer, max_length=200, required=False)
    with uow, storage_failures_as_user_errors("The session"):
        if uow.courses.get(draft.course_id) is None:
            problems.add("course", "choose a course from the catalogue")
        problems.raise_if_any()
        fields = {
            "course_id": draft.course_id,
            "starts_at": draft.starts_at,
            "ends_at": draft.ends_at,
            "venue": venue,
            "trainer": trainer,
            "capacity": draft.capacity,
            "status": draft.status,
        }
        if session_id is None:
            session = uow.sessions.add(m.TrainingSession(**fields))
        else:
            session = found(uow.sessions.get(session_id), "session", session_id)
            check_version("The session", session.version, version)
            taken = uow.sessions.taken_places(session_id)
            if draft.capacity < taken:
                raise ValidationError("Session", {"capacity": f"{taken} places are already taken"})
            for key, value in fields.items():
                setattr(session, key, value)
            uow.flush()
        uow.commit()
        return _session_view(session, uow.sessions.taken_places(session.id))
