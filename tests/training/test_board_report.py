"""The board training report: its arithmetic on plain rows (no database), and the service on
SQLite and PostgreSQL against a small partnership whose every figure is counted by hand."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

import pytest

from tests.builders import Basics, basics, person, session
from training import agencies, catalogue, registers, staff
from training.activity import Quarter
from training.awareness import AwarenessDraft, save_awareness_event
from training.board_report import (
    ALL_TIERS,
    Count,
    Names,
    QuarterCounts,
    Reach,
    SessionFigures,
    attendance_figures,
    board_report,
    quarters_of,
    reach_by,
    session_figures,
)
from training.certificates import CertificateSettings, save_certificate_settings
from training.champions import ChampionDraft, appoint_champion, record_champion_training
from training.errors import ValidationError
from training.evaluations import EvaluationDraft, enter_evaluation
from training.quality import ObservationDraft, record_observation
from training.registers import AttendanceMark, mark_register
from training.transactions import UnitOfWork

START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
PARTNERSHIP = "Northshire Safeguarding Children Partnership"
TIERS = {1: "Universal", 2: "Introductory", 3: "Targeted", 4: "Specialist"}


# --- the arithmetic ------------------------------------------------------------------------------


def test_session_figures_count_delivered_and_cancelled_sessions_and_their_places():
    by_tier, total = session_figures(
        TIERS,
        [(3, "delivered", 2, 30), (3, "scheduled", 1, 10), (3, "cancelled", 1, 12), (1, "x", 1, 5)],
        [(3, "attended", 25), (3, "did not attend", 5), (1, "attended", 6)],
    )
    assert [f.name for f in by_tier] == list(TIERS.values())
    assert by_tier[2] == SessionFigures("Targeted", 3, 1, 40, 25, 5)
    assert by_tier[1] == SessionFigures("Introductory", 0, 0, 0, 0, 0)
    assert total == SessionFigures(ALL_TIERS, 4, 1, 45, 31, 5)
    assert by_tier[2].fill_percent == pytest.approx(62.5)
    assert by_tier[2].did_not_attend_percent == pytest.approx(100 * 5 / 30)
    assert by_tier[0].fill_percent == pytest.approx(120.0)  # a walk-in over the capacity
    assert by_tier[0].did_not_attend_percent == 0.0
    assert by_tier[1].fill_percent is None and by_tier[1].did_not_attend_percent is None


def test_no_tiers_gives_an_empty_total():
    assert session_figures({}, [], []) == ([], SessionFigures(ALL_TIERS, 0, 0, 0, 0, 0))


def test_the_quarters_of_a_period_are_every_calendar_quarter_it_touches():
    assert quarters_of(dt.date(2025, 5, 15), dt.date(2026, 1, 20)) == [
        Quarter(2025, 2),
        Quarter(2025, 3),
        Quarter(2025, 4),
        Quarter(2026, 1),
    ]
    assert quarters_of(dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == [Quarter(2026, 1)]
    assert quarters_of(dt.date(2026, 2, 3), dt.date(2026, 2, 3)) == [Quarter(2026, 1)]


def test_attendances_are_added_up_by_tier_topic_sector_and_quarter():
    names = Names(
        tiers={10: "Universal", 30: "Targeted"},
        topics={7: "CSE", 8: "Missing children"},
        sectors={5: "Police", 6: "Education", 9: "Housing"},
        courses={100: (10, 7), 200: (30, 8), 300: (30, 7)},
    )
    rows = [(0, 100, 5, 4), (0, 200, 6, 1), (2, 300, 5, 2), (2, 100, 6, 3), (3, 300, 6, 10)]
    figures = attendance_figures(dt.date(2025, 5, 15), dt.date(2026, 1, 20), names, rows)
    assert figures.by_tier == (Count("Universal", 7), Count("Targeted", 13))
    assert figures.by_topic == (Count("CSE", 19), Count("Missing children", 1))
    assert figures.by_sector == (Count("Police", 6), Count("Education", 14), Count("Housing", 0))
    assert figures.total == 20
    assert [(q.label, q.by_tier, q.total) for q in figures.by_quarter] == [
        ("Apr–Jun 2025 (part)", (4, 1), 5),
        ("Jul–Sep 2025", (0, 0), 0),
        ("Oct–Dec 2025", (3, 2), 5),
        ("Jan–Mar 2026 (part)", (0, 10), 10),
    ]
    first, last = figures.by_quarter[0], figures.by_quarter[-1]
    assert (first.first_day, first.last_day) == (dt.date(2025, 5, 15), dt.date(2025, 6, 30))
    assert (last.first_day, last.last_day) == (dt.date(2026, 1, 1), dt.date(2026, 1, 20))
    assert figures.by_quarter[1].whole and not first.whole


def test_a_quarter_in_the_period_to_its_last_day_is_whole():
    whole = QuarterCounts(Quarter(2025, 4), dt.date(2025, 10, 1), dt.date(2025, 12, 31), (1,))
    assert whole.whole and whole.label == "Oct–Dec 2025"
    cut = QuarterCounts(Quarter(2025, 4), dt.date(2025, 10, 1), dt.date(2025, 12, 30), (1,))
    assert not cut.whole and cut.label == "Oct–Dec 2025 (part)"


def test_reach_lists_every_known_audience_then_any_other_recorded():
    reach = reach_by(
        ("young people", "parents and carers"),
        [("young people", 2, 150), ("zoo keepers", 1, 9), ("young people", 1, 30)],
    )
    assert reach == (
        Reach("young people", 3, 180),
        Reach("parents and carers", 0, 0),
        Reach("zoo keepers", 1, 9),
    )


# --- the service, on a partnership counted by hand --------------------------------------------


def add_agency(uow: UnitOfWork, name: str, sector: str, order: int) -> int:
    sector_id = agencies.save_sector(uow, sector, order).id
    return agencies.save_agency(uow, agencies.AgencyDraft(name, sector_id)).id


def add_person(uow: UnitOfWork, b: Basics, agency_id: int, ref: str) -> int:
    draft = staff.StaffDraft(agency_id, "Sam", ref, b.role_id, staff_ref=ref)
    return staff.save_staff(uow, draft).id


def cancelled_session(uow: UnitOfWork, b: Basics, day: dt.date) -> int:
    start = dt.datetime.combine(day, dt.time(9, 30))
    draft = catalogue.SessionDraft(
        b.course_id, start, start + dt.timedelta(hours=3), capacity=6, status="cancelled"
    )
    return catalogue.save_session(uow, draft).id


def evaluate(uow: UnitOfWork, session_id: int, overall: int, before: int, after: int) -> None:
    draft = EvaluationDraft(
        session_id,
        END,
        overall_rating=overall,
        confidence_before=before,
        confidence_after=after,
    )
    enter_evaluation(uow, draft, today=END)


def awareness(uow: UnitOfWork, audience: str, kind: str, day: dt.date, people: int) -> None:
    save_awareness_event(uow, AwarenessDraft(f"{kind} {day}", kind, audience, day, people))


@pytest.fixture
def partnership(uow: UnitOfWork) -> UnitOfWork:
    """Police (Northshire Police, sort order 0), Licensing (Station Cabs, 1) and Education
    (Kingsmead Academy, 2); targeted CSE sessions and universal e-learning on missing children
    in and around the year from 01/04/2025 to 31/03/2026."""
    b = basics(uow)
    station_cabs = add_agency(uow, "Station Cabs", "Licensing", 1)
    school = add_agency(uow, "Kingsmead Academy", "Education", 2)
    missing = catalogue.save_topic(uow, "Missing children").id
    elearning = catalogue.save_course(
        uow,
        catalogue.CourseDraft(
            "MIS-U1", "Missing: universal", missing, b.tiers["Universal"], "e-learning", Decimal(1)
        ),
    ).id
    p1, p2, p3, p4 = (person(uow, b, f"P{n}", f"Officer{n}").id for n in range(1, 5))
    s1, s2 = add_person(uow, b, school, "S1"), add_person(uow, b, school, "S2")
    save_certificate_settings(uow, CertificateSettings(PARTNERSHIP, "", "", ""))

    june = session(uow, b, dt.date(2025, 6, 10), capacity=10).id
    mark_register(
        uow,
        june,
        [
            AttendanceMark(p1, "attended"),
            AttendanceMark(p2, "attended"),
            AttendanceMark(p3, "did not attend"),
            AttendanceMark(s1, "booked"),
        ],
    )
    january = session(uow, b, dt.date(2026, 1, 20), capacity=8).id
    mark_register(
        uow,
        january,
        [
            AttendanceMark(s1, "attended"),
            AttendanceMark(s2, "did not attend"),
            AttendanceMark(p4, "cancelled"),
        ],
    )
    cancelled_session(uow, b, dt.date(2025, 9, 1))
    before = session(uow, b, START - dt.timedelta(days=1), capacity=12).id
    mark_register(uow, before, [AttendanceMark(p1, "attended")])
    session(uow, b, END + dt.timedelta(days=1), capacity=12)  # after the period

    for staff_id, day in [
        (p1, START),  # the first day counts
        (p4, dt.date(2025, 8, 15)),
        (s2, dt.date(2025, 12, 31)),
        (s1, END),  # the last day counts
        (p2, START - dt.timedelta(days=1)),
        (p3, END + dt.timedelta(days=1)),
    ]:
        registers.record_completion(uow, staff_id, elearning, day)

    evaluate(uow, june, overall=4, before=2, after=4)
    evaluate(uow, june, overall=5, before=3, after=4)
    evaluate(uow, before, overall=1, before=1, after=1)  # a session before the period
    record_observation(uow, ObservationDraft(june, "A. Reviewer", dt.date(2025, 6, 10), "good"))
    record_observation(
        uow,
        ObservationDraft(
            january, "A. Reviewer", dt.date(2026, 1, 25), "requires improvement", actions="More"
        ),
    )

    police = appoint_champion(uow, ChampionDraft(b.agency_id, p1, b.topic_id, START)).id
    record_champion_training(uow, police, START)
    appoint_champion(uow, ChampionDraft(school, s1, b.topic_id, START))  # never trained
    assert station_cabs  # and no champion at all

    awareness(uow, "young people", "theatre production", dt.date(2025, 5, 1), 120)
    awareness(uow, "young people", "school campaign", dt.date(2025, 10, 1), 80)
    awareness(uow, "parents and carers", "parent programme", END, 15)
    awareness(uow, "taxi and private hire", "trade briefing", END + dt.timedelta(days=1), 40)
    awareness(uow, "young people", "theatre production", START - dt.timedelta(days=1), 300)
    return uow


def test_the_report_holds_the_partnerships_figures(partnership: UnitOfWork):
    steps: list[tuple[int, int]] = []
    report = board_report(
        partnership, START, END, lambda done, total, _: steps.append((done, total))
    )

    assert (report.partnership, report.start, report.end) == (PARTNERSHIP, START, END)
    assert report.tiers == tuple(TIERS.values())
    assert steps[0] == (0, 4) and steps[-1] == (4, 4)

    targeted = SessionFigures("Targeted", 2, 1, 18, 3, 2)
    assert report.sessions_by_tier == (
        SessionFigures("Universal", 0, 0, 0, 0, 0),
        SessionFigures("Introductory", 0, 0, 0, 0, 0),
        targeted,
        SessionFigures("Specialist", 0, 0, 0, 0, 0),
    )
    assert report.sessions_total == SessionFigures(ALL_TIERS, 2, 1, 18, 3, 2)
    assert report.sessions_total.did_not_attend_percent == pytest.approx(40.0)

    attendances = report.attendances
    assert attendances.total == 7
    assert [(c.name, c.count) for c in attendances.by_tier] == [
        ("Universal", 4),
        ("Introductory", 0),
        ("Targeted", 3),
        ("Specialist", 0),
    ]
    assert [(c.name, c.count) for c in attendances.by_topic] == [
        ("CSE", 3),
        ("Missing children", 4),
    ]
    assert [(c.name, c.count) for c in attendances.by_sector] == [
        ("Police", 4),
        ("Licensing", 0),
        ("Education", 3),
    ]
    assert [(q.label, q.by_tier) for q in attendances.by_quarter] == [
        ("Apr–Jun 2025", (1, 0, 2, 0)),
        ("Jul–Sep 2025", (1, 0, 0, 0)),
        ("Oct–Dec 2025", (1, 0, 0, 0)),
        ("Jan–Mar 2026", (1, 0, 1, 0)),
    ]


def test_the_report_holds_the_evaluations_qa_champions_and_awareness(partnership: UnitOfWork):
    report = board_report(partnership, START, END)

    feedback = report.quality_total.feedback
    assert (feedback.responses, feedback.anonymous, feedback.sessions) == (2, 2, 1)
    assert (feedback.overall, feedback.before, feedback.after) == (4.5, 2.5, 4.0)
    assert feedback.shift == 1.5
    assert feedback.shift_sd == pytest.approx(math.sqrt(0.5))
    assert [g.name for g in report.quality_by_tier] == list(TIERS.values())
    assert report.quality_by_tier[2].feedback == feedback
    assert report.quality_by_tier[0].feedback.responses == 0
    assert report.quality_total.observations.counts == (("good", 1), ("requires improvement", 1))
    assert report.outcomes == ("outstanding", "good", "requires improvement", "inadequate")
    assert [u.course.code for u in report.not_assured] == ["MIS-U1"]

    assert report.champions.on == END
    assert report.champions.trained == ("Northshire Police",)
    assert report.without_trained_champion == ("Kingsmead Academy", "Station Cabs")

    assert report.awareness_by_audience[:3] == (
        Reach("young people", 2, 200),
        Reach("parents and carers", 1, 15),
        Reach("taxi and private hire", 0, 0),
    )
    assert {r.name: (r.events, r.people) for r in report.awareness_by_type if r.events} == {
        "theatre production": (1, 120),
        "school campaign": (1, 80),
        "parent programme": (1, 15),
    }
    assert report.awareness_total == Reach("All audiences", 3, 215)


def test_a_period_cut_mid_quarter_counts_only_its_own_days(partnership: UnitOfWork):
    report = board_report(partnership, dt.date(2025, 6, 11), dt.date(2025, 12, 31))
    assert [(q.label, q.total) for q in report.attendances.by_quarter] == [
        ("Apr–Jun 2025 (part)", 0),  # the June session was the day before
        ("Jul–Sep 2025", 1),
        ("Oct–Dec 2025", 1),
    ]
    assert report.sessions_total == SessionFigures(ALL_TIERS, 0, 1, 0, 0, 0)
    assert report.quality_total.feedback.responses == 0


def test_a_period_that_ends_before_it_starts_is_refused(partnership: UnitOfWork):
    with pytest.raises(ValidationError, match="is before the start of the period"):
        board_report(partnership, END, START)
