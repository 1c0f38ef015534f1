"""Champions: staff appointed in each partner agency to champion a theme (CSE, criminal
exploitation…), their training, the champions' group meetings, and coverage at a glance.

The partnership promised a trained champion in every agency who comes to the monthly group.
Coverage judges each active agency on a date with ``classify``, a pure rule over plain facts
(no database), in this order:

- **no champion**: nobody in post on the date;
- **untrained champion**: champions in post, but none trained on or before the date;
- **missed last 3 meetings**: at least three meetings held by the date, and at each of the last
  three the agency had a champion in post (a current one, appointed by then) but none present;
  a meeting held before its current champions were appointed is not held against it;
- **covered**: otherwise.

A champion is in post from the day appointed until the day before standing down.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from storage import models as m
from training.access import Permission, requires
from training.dates import uk
from training.transactions import (
    UnitOfWork,
    check_version,
    found,
    storage_failures_as_user_errors,
)
from training.validation import Problems

NO_CHAMPION = "no champion"
UNTRAINED = "untrained champion"
MISSED_MEETINGS = "missed last 3 meetings"
COVERED = "covered"
STATUSES = (NO_CHAMPION, UNTRAINED, MISSED_MEETINGS, COVERED)
MEETINGS_JUDGED = 3

PRESENT = "present"
MISSED = "missed"
NOT_IN_POST = "not yet appointed"


# --- the coverage rule (pure) ---------------------------------------------------------------


@dataclass(frozen=True)
class ChampionFacts:
    champion_id: int
    appointed_on: dt.date
    stood_down_on: dt.date | None
    trained_on: dt.date | None

    def in_post_on(self, day: dt.date) -> bool:
        return self.appointed_on <= day and (self.stood_down_on is None or day < self.stood_down_on)

    def trained_by(self, day: dt.date) -> bool:
        return self.trained_on is not None and self.trained_on <= day


@dataclass(frozen=True)
class MeetingFacts:
    held_on: dt.date
    present: frozenset[int]  # ids of the champions who were there


@dataclass(frozen=True)
class MeetingMark:
    """How an agency's current champions did at one meeting: present, missed or not yet
    appointed (the meeting is not held against the agency)."""

    held_on: dt.date
    mark: str


@dataclass(frozen=True)
class Classification:
    status: str
    trained: bool
    meetings: tuple[MeetingMark, ...]  # the last meetings held by the date, newest first


def last_meetings(meetings: Iterable[MeetingFacts], on: dt.date) -> list[MeetingFacts]:
    """The last ``MEETINGS_JUDGED`` meetings held on or before ``on``, newest first."""
    held = sorted((x for x in meetings if x.held_on <= on), key=lambda x: x.held_on, reverse=True)
    return held[:MEETINGS_JUDGED]


def _mark(current: Sequence[ChampionFacts], meeting: MeetingFacts) -> MeetingMark:
    expected = [c for c in current if c.appointed_on <= meeting.held_on]
    if not expected:
        return MeetingMark(meeting.held_on, NOT_IN_POST)
    came = any(c.champion_id in meeting.present for c in expected)
    return MeetingMark(meeting.held_on, PRESENT if came else MISSED)


def classify(
    champions: Iterable[ChampionFacts], meetings: Iterable[MeetingFacts], on: dt.date
) -> Classification:
    """One agency's coverage on ``on``, from all its champions and all the meetings."""
    current = [c for c in champions if c.in_post_on(on)]
    trained = any(c.trained_by(on) for c in current)
    marks = tuple(_mark(current, meeting) for meeting in last_meetings(meetings, on))
    if not current:
        status = NO_CHAMPION
    elif not trained:
        status = UNTRAINED
    elif len(marks) == MEETINGS_JUDGED and all(x.mark == MISSED for x in marks):
        status = MISSED_MEETINGS
    else:
        status = COVERED
    return Classification(status, trained, marks)


# --- read models ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChampionDraft:
    """Ids are 0 when nothing was chosen."""

    agency_id: int
    staff_id: int
    topic_id: int
    appointed_on: dt.date


@dataclass(frozen=True)
class ChampionView:
    id: int
    staff_id: int
    staff_name: str
    agency_id: int
    agency: str
    topic_id: int
    theme: str
    appointed_on: dt.date
    trained_on: dt.date | None
    stood_down_on: dt.date | None
    version: int

    def in_post_on(self, day: dt.date) -> bool:
        return self.appointed_on <= day and (self.stood_down_on is None or day < self.stood_down_on)


@dataclass(frozen=True)
class MeetingDraft:
    held_on: dt.date
    venue: str = ""
    notes: str = ""


@dataclass(frozen=True)
class MeetingView:
    id: int
    held_on: dt.date
    venue: str
    notes: str
    present: int
    apologies: int
    version: int


@dataclass(frozen=True)
class MeetingAttendanceLine:
    """A champion in post on the meeting's day; ``present`` is None until recorded."""

    champion_id: int
    staff_name: str
    agency: str
    theme: str
    present: bool | None


@dataclass(frozen=True)
class CoverageLine:
    agency_id: int
    agency: str
    status: str
    champions: tuple[str, ...]
    trained: bool
    meetings: tuple[MeetingMark, ...]


@dataclass(frozen=True)
class CoverageReport:
    on: dt.date
    meetings_held: tuple[dt.date, ...]  # the last meetings held by the date, newest first
    lines: tuple[CoverageLine, ...]

    @property
    def summary(self) -> str:
        return coverage_summary([line.status for line in self.lines], len(self.meetings_held))


def coverage_summary(statuses: Sequence[str], meetings_held: int) -> str:
    """One line: "14 of 18 agencies covered; 2 with no champion; …"."""
    if not statuses:
        return "There are no active agencies yet."
    counts = Counter(statuses)
    parts = [f"{counts[COVERED]} of {len(statuses)} agencies covered"]
    for status, words in (
        (NO_CHAMPION, "with no champion"),
        (UNTRAINED, "with no trained champion"),
        (MISSED_MEETINGS, "missed the last 3 meetings"),
    ):
        if counts[status]:
            parts.append(f"{counts[status]} {words}")
    text = "; ".join(parts) + "."
    if meetings_held < MEETINGS_JUDGED:
        held = "no meetings" if meetings_held == 0 else f"only {meetings_held}"
        text += f" Attendance is not judged yet: {held} held so far."
    return text


# --- champions ------------------------------------------------------------------------------


def _champion_views(uow: UnitOfWork, champions: Sequence[m.Champion]) -> list[ChampionView]:
    agencies = {a.id: a.name for a in uow.agencies.list()}
    topics = {t.id: t.name for t in uow.topics.list()}
    names = uow.staff.names({c.staff_id for c in champions})
    views = [
        ChampionView(
            id=c.id,
            staff_id=c.staff_id,
            staff_name=names.get(c.staff_id, ""),
            agency_id=c.agency_id,
            agency=agencies.get(c.agency_id, ""),
            topic_id=c.topic_id,
            theme=topics.get(c.topic_id, ""),
            appointed_on=c.appointed_on,
            trained_on=c.trained_on,
            stood_down_on=c.stood_down_on,
            version=c.version,
        )
        for c in champions
    ]
    return sorted(views, key=lambda v: (v.agency.casefold(), v.staff_name.casefold(), v.id))


@requires(Permission.READ_REPORTS)
def list_champions(uow: UnitOfWork, *, current_on: dt.date | None = None) -> list[ChampionView]:
    """Every champion there has been, or (``current_on``) those in post that day; by agency."""
    with uow:
        if current_on is None:
            champions = uow.champions.list()
        else:
            champions = uow.champions.current_on(current_on)
        return _champion_views(uow, champions)


@requires(Permission.READ_REPORTS)
def get_champion(uow: UnitOfWork, champion_id: int) -> ChampionView:
    with uow:
        return _champion_views(
            uow, [found(uow.champions.get(champion_id), "champion", champion_id)]
        )[0]


def _appointment_problems(uow: UnitOfWork, draft: ChampionDraft, problems: Problems) -> None:
    agency = uow.agencies.get(draft.agency_id)
    if agency is None:
        problems.add("agency", "choose an agency")
    if uow.topics.get(draft.topic_id) is None:
        problems.add("theme", "choose a theme from the catalogue's topics")
    person = uow.staff.get(draft.staff_id)
    if person is None:
        problems.add("staff member", "choose a member of staff")
        return
    name = f"{person.first_name} {person.last_name}"
    if agency is not None and person.agency_id != agency.id:
        problems.add("staff member", f"{name} is not on the staff of {agency.name}")
    if person.leave_date is not None and person.leave_date <= draft.appointed_on:
        problems.add(
            "staff member",
            f"{name} left on {uk(person.leave_date)}; choose someone still in post",
        )
    if person.start_date is not None and draft.appointed_on < person.start_date:
        problems.add("appointed on", f"is before {name} started ({uk(person.start_date)})")
    other = uow.champions.overlapping(person.id, draft.topic_id, draft.appointed_on)
    if other is not None:
        problems.add(
            "staff member",
            f"{name} is already a champion for this theme (appointed "
            f"{uk(other.appointed_on)}); stand them down first",
        )


@requires(Permission.EDIT_PROGRAMME)
def appoint_champion(uow: UnitOfWork, draft: ChampionDraft) -> ChampionView:
    """Appoint a member of an agency's staff as its champion for a theme."""
    problems = Problems("The champion")
    with uow, storage_failures_as_user_errors("The champion"):
        _appointment_problems(uow, draft, problems)
        problems.raise_if_any()
        champion = uow.champions.add(
            m.Champion(
                staff_id=draft.staff_id,
                agency_id=draft.agency_id,
                topic_id=draft.topic_id,
                appointed_on=draft.appointed_on,
            )
        )
        uow.commit()
        return _champion_views(uow, [champion])[0]


def _subject(uow: UnitOfWork, champion: m.Champion) -> str:
    name = uow.staff.names([champion.staff_id]).get(champion.staff_id, "The champion")
    return f"{name}'s appointment as champion"


@requires(Permission.EDIT_PROGRAMME)
def record_champion_training(
    uow: UnitOfWork, champion_id: int, trained_on: dt.date, *, version: int | None = None
) -> ChampionView:
    """Record the day the champion completed their champion training."""
    with uow, storage_failures_as_user_errors("The champion"):
        champion = found(uow.champions.get(champion_id), "champion", champion_id)
        subject = _subject(uow, champion)
        check_version(subject, champion.version, version)
        champion.trained_on = trained_on
        uow.flush()
        uow.commit()
        return _champion_views(uow, [champion])[0]


@requires(Permission.EDIT_PROGRAMME)
def stand_down_champion(
    uow: UnitOfWork, champion_id: int, stood_down_on: dt.date, *, version: int | None = None
) -> ChampionView:
    """End a champion's appointment: they are no longer in post from ``stood_down_on``."""
    problems = Problems("The stand-down")
    with uow, storage_failures_as_user_errors("The champion"):
        champion = found(uow.champions.get(champion_id), "champion", champion_id)
        subject = _subject(uow, champion)
        check_version(subject, champion.version, version)
        if champion.stood_down_on is not None:
            problems.add(
                "stood down on", f"they already stood down on {uk(champion.stood_down_on)}"
            )
        problems.date_order(
            "stood down on",
            champion.appointed_on,
            stood_down_on,
            f"cannot be before they were appointed ({uk(champion.appointed_on)})",
        )
        problems.raise_if_any()
        champion.stood_down_on = stood_down_on
        uow.flush()
        uow.commit()
        return _champion_views(uow, [champion])[0]


# --- the champions' group meetings ----------------------------------------------------------


def _meeting_view(meeting: m.ChampionMeeting, counts: Mapping[int, tuple[int, int]]) -> MeetingView:
    present, apologies = counts.get(meeting.id, (0, 0))
    return MeetingView(
        meeting.id,
        meeting.held_on,
        meeting.venue,
        meeting.notes,
        present,
        apologies,
        meeting.version,
    )


@requires(Permission.READ_REPORTS)
def list_meetings(uow: UnitOfWork) -> list[MeetingView]:
    """Every meeting of the champions' group, newest first."""
    with uow:
        counts = uow.champion_meetings.attendance_counts()
        return [_meeting_view(x, counts) for x in reversed(uow.champion_meetings.list())]


@requires(Permission.EDIT_PROGRAMME)
def save_meeting(
    uow: UnitOfWork,
    draft: MeetingDraft,
    *,
    meeting_id: int | None = None,
    version: int | None = None,
) -> MeetingView:
    """Add a meeting of the champions' group, or change one; one meeting a day."""
    problems = Problems("The meeting")
    venue = problems.text("venue", draft.venue, max_length=200, required=False)
    notes = draft.notes.strip()
    with uow, storage_failures_as_user_errors("The meeting"):
        other = uow.champion_meetings.on(draft.held_on)
        if other is not None and other.id != meeting_id:
            problems.add("held on", f"there is already a meeting on {uk(draft.held_on)}")
        problems.raise_if_any()
        if meeting_id is None:
            meeting = uow.champion_meetings.add(
                m.ChampionMeeting(held_on=draft.held_on, venue=venue, notes=notes)
            )
        else:
            meeting = found(uow.champion_meetings.get(meeting_id), "meeting", meeting_id)
            check_version(f"The meeting of {uk(meeting.held_on)}", meeting.version, version)
            meeting.held_on, meeting.venue, meeting.notes = draft.held_on, venue, notes
            uow.flush()
        uow.commit()
        return _meeting_view(meeting, uow.champion_meetings.attendance_counts())


@requires(Permission.READ_REPORTS)
def meeting_attendance(uow: UnitOfWork, meeting_id: int) -> list[MeetingAttendanceLine]:
    """The champions in post on the meeting's day (and any recorded there), by agency and name."""
    with uow:
        meeting = found(uow.champion_meetings.get(meeting_id), "meeting", meeting_id)
        recorded = {
            a.champion_id: a.present for a in uow.champion_meetings.attendance([meeting_id])
        }
        champions = {c.id: c for c in uow.champions.current_on(meeting.held_on)}
        for champion_id in recorded.keys() - champions.keys():
            champions[champion_id] = found(uow.champions.get(champion_id), "champion", champion_id)
        return [
            MeetingAttendanceLine(v.id, v.staff_name, v.agency, v.theme, recorded.get(v.id))
            for v in _champion_views(uow, list(champions.values()))
        ]


@requires(Permission.EDIT_PROGRAMME)
def record_meeting_attendance(
    uow: UnitOfWork,
    meeting_id: int,
    present: Mapping[int, bool],
    *,
    version: int | None = None,
) -> MeetingView:
    """Record, in one transaction, who came (True) and who sent apologies (False), by champion.

    Only champions in post on the meeting's day can be recorded. The meeting's version moves
    on, so attendance saved from an out-of-date copy of the meeting is refused.
    """
    problems = Problems("The attendance")
    with uow, storage_failures_as_user_errors("The meeting's attendance"):
        meeting = found(uow.champion_meetings.get(meeting_id), "meeting", meeting_id)
        check_version(f"The meeting of {uk(meeting.held_on)}", meeting.version, version)
        in_post = {c.id for c in uow.champions.current_on(meeting.held_on)}
        strangers = [
            found(uow.champions.get(i), "champion", i) for i in sorted(set(present) - in_post)
        ]
        if strangers:
            names = ", ".join(v.staff_name for v in _champion_views(uow, strangers))
            problems.add(
                "champions",
                f"{names} were not in post on {uk(meeting.held_on)}; reload and try again",
            )
        problems.raise_if_any()
        for champion_id, came in present.items():
            uow.champion_meetings.mark(meeting_id, champion_id, came)
        uow.champion_meetings.touch(meeting)
        uow.commit()
        return _meeting_view(meeting, uow.champion_meetings.attendance_counts())


# --- coverage -------------------------------------------------------------------------------


@requires(Permission.READ_REPORTS)
def champion_coverage(
    uow: UnitOfWork, on: dt.date, *, topic_id: int | None = None
) -> CoverageReport:
    """Every active agency's coverage on ``on`` (for one theme, or any), in name order."""
    with uow:
        agencies = [a for a in uow.agencies.list() if a.active]
        current = uow.champions.current_on(on, topic_id)
        held = uow.champion_meetings.last_held(on, MEETINGS_JUDGED)
        present: dict[int, set[int]] = {x.id: set() for x in held}
        for record in uow.champion_meetings.attendance(list(present)):
            if record.present:
                present[record.meeting_id].add(record.champion_id)
        meetings = [MeetingFacts(x.held_on, frozenset(present[x.id])) for x in held]
        names = uow.staff.names({c.staff_id for c in current})
        by_agency: dict[int, list[m.Champion]] = {}
        for champion in sorted(current, key=lambda c: (c.appointed_on, c.id)):
            by_agency.setdefault(champion.agency_id, []).append(champion)
        lines = tuple(
            _coverage_line(agency, by_agency.get(agency.id, []), names, meetings, on)
            for agency in agencies
        )
        return CoverageReport(on, tuple(x.held_on for x in held), lines)


def _coverage_line(
    agency: m.Agency,
    champions: Sequence[m.Champion],
    names: Mapping[int, str],
    meetings: Sequence[MeetingFacts],
    on: dt.date,
) -> CoverageLine:
    facts = [ChampionFacts(c.id, c.appointed_on, c.stood_down_on, c.trained_on) for c in champions]
    judged = classify(facts, meetings, on)
    return CoverageLine(
        agency_id=agency.id,
        agency=agency.name,
        status=judged.status,
        champions=tuple(names.get(c.staff_id, "") for c in champions),
        trained=judged.trained,
        meetings=judged.meetings,
    )
