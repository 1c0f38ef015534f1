"""Quality assurance: standards, observations, evaluations and a period's figures.

The arithmetic is tested on plain rows (no database); the services on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.builders import Basics, basics, person, session
from training import catalogue, registers
from training.errors import ConflictError, ValidationError
from training.evaluations import (
    ANONYMOUS,
    EvaluationDraft,
    enter_evaluation,
    list_evaluations,
    respondents,
)
from training.quality import (
    ObservationDraft,
    list_observations,
    list_standards,
    quality_report,
    quality_summary,
    record_observation,
    save_standard,
    sessions_held,
)
from training.quality_figures import (
    CourseRow,
    Observed,
    Response,
    feedback_figures,
    not_assured,
    outcome_counts,
    summarise,
)

DAY = dt.date(2025, 6, 10)
END = dt.date(2026, 3, 31)


def course_row(
    course_id: int = 1,
    code: str = "CSE-T1",
    last_assured_on: dt.date | None = None,
    active: bool = True,
) -> CourseRow:
    return CourseRow(
        course_id, code, f"{code} title", "Targeted", 3, "classroom", "assured", last_assured_on,
        active,
    )  # fmt: skip


def response(
    overall: int | None,
    content: int | None,
    trainer: int | None,
    before: int | None,
    after: int | None,
    *,
    course_id: int = 1,
    session_id: int = 1,
    day: dt.date = DAY,
    trainer_name: str = "J. Trainer",
    tier: tuple[str, int] = ("Targeted", 3),
    comments: str = "",
    anonymous: bool = False,
) -> Response:
    return Response(
        course_id, tier[0], tier[1], trainer_name, session_id, day, overall, content, trainer,
        before, after, comments, anonymous,
    )  # fmt: skip


def observed(day: dt.date, outcome: str = "good", course_id: int = 1) -> Observed:
    return Observed(course_id, "Targeted", 3, "J. Trainer", day, outcome)


# --- the arithmetic, by hand --------------------------------------------------------------


def test_ratings_are_averaged_over_the_responses_that_answered_them():
    figures = feedback_figures(
        [
            response(5, 4, 5, 2, 4),
            response(4, None, 3, 3, 4),
            response(3, 3, 4, 1, 1),
            response(None, 5, 5, None, 3),
        ]
    )
    assert figures.responses == 4
    assert figures.overall == pytest.approx(4.0)  # (5 + 4 + 3) / 3
    assert figures.content == pytest.approx(4.0)  # (4 + 3 + 5) / 3
    assert figures.trainer == pytest.approx(4.25)  # (5 + 3 + 4 + 5) / 4


def test_the_confidence_shift_counts_only_responses_giving_before_and_after():
    figures = feedback_figures(
        [
            response(5, 4, 5, 2, 4),  # +2
            response(4, None, 3, 3, 4),  # +1
            response(3, 3, 4, 1, 1),  # 0
            response(None, 5, 5, None, 3),  # no before: left out
            response(4, 4, 4, 5, None),  # no after: left out
        ]
    )
    assert figures.paired == 3
    assert figures.before == pytest.approx(2.0)  # (2 + 3 + 1) / 3
    assert figures.after == pytest.approx(3.0)  # (4 + 4 + 1) / 3
    assert figures.shift == pytest.approx(1.0)  # (2 + 1 + 0) / 3, = after - before
    # sample standard deviation: sqrt(((2 - 1)² + (1 - 1)² + (0 - 1)²) / (3 - 1)) = 1
    assert figures.shift_sd == pytest.approx(1.0)


def test_the_spread_of_an_uneven_shift():
    shifts = [3, 1, 0, 0]  # mean 1; squares of deviations 4, 0, 1, 1: variance 6 / 3 = 2
    figures = feedback_figures([response(4, 4, 4, 1, 1 + shift) for shift in shifts])
    assert figures.shift == pytest.approx(1.0)
    assert figures.shift_sd == pytest.approx(math.sqrt(2))


def test_one_response_has_a_shift_but_no_spread():
    figures = feedback_figures([response(4, 4, 4, 2, 5)])
    assert figures.shift == 3
    assert figures.shift_sd is None


def test_a_fall_in_confidence_is_a_negative_shift():
    figures = feedback_figures([response(2, 2, 2, 4, 3), response(2, 2, 2, 4, 2)])
    assert figures.shift == pytest.approx(-1.5)
    assert figures.shift_sd == pytest.approx(math.sqrt(0.5))


def test_anonymous_responses_count_like_any_other():
    figures = feedback_figures(
        [response(5, 5, 5, 1, 3, anonymous=True), response(3, 3, 3, 3, 3, session_id=2)]
    )
    assert (figures.responses, figures.anonymous, figures.sessions) == (2, 1, 2)
    assert figures.overall == pytest.approx(4.0)
    assert figures.shift == pytest.approx(1.0)


def test_an_empty_period_has_no_figures_but_still_lists_the_courses():
    courses = [course_row(1, "CSE-T1", DAY), course_row(2, "ONL-U1", None)]
    summary = summarise(dt.date(2020, 1, 1), dt.date(2020, 12, 31), courses, [], [])
    figures = summary.overall
    assert (figures.responses, figures.paired, figures.sessions) == (0, 0, 0)
    assert (figures.overall, figures.before, figures.after) == (None, None, None)
    assert (figures.shift, figures.shift_sd) == (None, None)
    assert [c.course.code for c in summary.by_course] == ["CSE-T1", "ONL-U1"]
    assert summary.by_trainer == [] and summary.by_tier == [] and summary.comments == []
    assert summary.observations.total == 0 and summary.observations.latest is None
    # assured in 2025 says nothing about 2020: neither was assured then
    assert [u.course.code for u in summary.not_assured] == ["CSE-T1", "ONL-U1"]


def test_only_sessions_in_the_period_count():
    start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
    responses = [
        response(5, 5, 5, 1, 5, day=start),
        response(1, 1, 1, 5, 1, day=start - dt.timedelta(days=1)),
        response(3, 3, 3, 2, 3, day=end),
        response(1, 1, 1, 5, 1, day=end + dt.timedelta(days=1)),
    ]
    summary = summarise(start, end, [course_row()], responses, [])
    assert summary.overall.responses == 2
    assert summary.overall.overall == pytest.approx(4.0)
    assert summary.overall.shift == pytest.approx(2.5)


def test_figures_by_course_trainer_and_tier():
    courses = [course_row(1, "CSE-T1"), course_row(2, "ONL-U1"), course_row(3, "OLD", active=False)]
    responses = [
        response(5, 5, 5, 2, 4, course_id=1, trainer_name="Bea", tier=("Targeted", 3)),
        response(3, 3, 3, 2, 3, course_id=1, trainer_name="Al", tier=("Targeted", 3)),
        response(4, 4, 4, 3, 3, course_id=2, trainer_name="Al", tier=("Universal", 1)),
    ]
    summary = summarise(DAY, DAY, courses, responses, [observed(DAY, "outstanding", 2)])
    by_course = {c.course.code: c for c in summary.by_course}
    assert set(by_course) == {"CSE-T1", "ONL-U1"}  # the withdrawn course had nothing
    assert by_course["CSE-T1"].feedback.overall == pytest.approx(4.0)
    assert by_course["CSE-T1"].feedback.shift == pytest.approx(1.5)
    assert str(by_course["ONL-U1"].observations) == "1 outstanding"
    trainers = {t.name: t.feedback for t in summary.by_trainer}
    assert [t.name for t in summary.by_trainer] == ["Al", "Bea", "J. Trainer"]  # observed only
    assert trainers["Al"].responses == 2 and trainers["Al"].overall == pytest.approx(3.5)
    assert trainers["Al"].shift == pytest.approx(0.5)
    assert [t.name for t in summary.by_tier] == ["Universal", "Targeted"]  # by rank


def test_outcomes_are_counted_in_order_with_the_latest_named():
    counts = outcome_counts(
        [
            observed(DAY, "requires improvement"),
            observed(DAY - dt.timedelta(days=40), "good"),
            observed(DAY - dt.timedelta(days=90), "good"),
        ]
    )
    assert counts.counts == (("good", 2), ("requires improvement", 1))
    assert counts.latest == "requires improvement"
    assert str(counts) == "2 good, 1 requires improvement"


def test_a_course_assured_12_months_and_a_day_before_the_end_is_not_assured():
    courses = [
        course_row(1, "EXACT", dt.date(2025, 3, 31)),  # 12 months to the day: still assured
        course_row(2, "LATE", dt.date(2025, 3, 30)),  # 12 months and a day: not
        course_row(3, "NEVER", None),
        course_row(4, "GONE", None, active=False),  # withdrawn: needs no assurance
    ]
    unassured = not_assured(courses, [], END)
    assert [(u.course.code, u.assured_on) for u in unassured] == [
        ("NEVER", None),
        ("LATE", dt.date(2025, 3, 30)),
    ]


def test_an_assuring_observation_counts_but_an_inadequate_one_does_not():
    courses = [course_row(1, "A", None), course_row(2, "B", None)]
    observations = [
        observed(dt.date(2025, 9, 1), "requires improvement", 1),
        observed(dt.date(2025, 9, 1), "inadequate", 2),
        observed(END + dt.timedelta(days=1), "good", 2),  # after the end: too late
    ]
    assert [u.course.code for u in not_assured(courses, observations, END)] == ["B"]


def test_comments_to_read_come_newest_first_with_their_course_and_day():
    courses = [course_row(1, "CSE-T1"), course_row(2, "ONL-U1")]
    responses = [
        response(5, 5, 5, 1, 2, course_id=1, comments="  Useful. ", day=DAY),
        response(2, 2, 2, 1, 2, course_id=2, comments="Too long", day=DAY + dt.timedelta(1)),
        response(4, 4, 4, 1, 2, course_id=2, comments="   "),
    ]
    comments = summarise(DAY, END, courses, responses, []).comments
    assert [(c.course.code, c.session_day, c.text) for c in comments] == [
        ("ONL-U1", DAY + dt.timedelta(1), "Too long"),
        ("CSE-T1", DAY, "Useful."),
    ]


# --- the services, on both databases ------------------------------------------------------


def held_session(uow, b: Basics, day: dt.date = DAY, people: int = 0) -> tuple[int, list[int]]:
    """A session on ``day`` with ``people`` who attended it: its id and theirs."""
    held = session(uow, b, day)
    staff = [person(uow, b, f"S{held.id}-{n}", f"Person{n}").id for n in range(people)]
    registers.mark_register(
        uow, held.id, [registers.AttendanceMark(staff_id, "attended") for staff_id in staff]
    )
    return held.id, staff


def draft(session_id: int, **fields) -> EvaluationDraft:
    values = {
        "submitted_on": DAY,
        "overall_rating": 4,
        "content_rating": 4,
        "trainer_rating": 5,
        "confidence_before": 2,
        "confidence_after": 4,
    }
    values.update(fields)
    return EvaluationDraft(session_id, **values)


def course(uow, course_id: int) -> catalogue.CourseView:
    return next(c for c in catalogue.list_courses(uow) if c.id == course_id)


def observation(session_id: int, outcome: str = "good", **fields) -> ObservationDraft:
    values = {"reviewer": "Sarah Quinn", "observed_on": DAY, "outcome": outcome}
    values.update(fields)
    return ObservationDraft(session_id, **values)


def test_standards_are_listed_by_name_and_can_be_renamed(uow):
    save_standard(uow, "Voice of the child", "Children's words are central.")
    first = save_standard(uow, "  Clear   learning outcomes ")
    assert [s.name for s in list_standards(uow)] == [
        "Clear learning outcomes",
        "Voice of the child",
    ]
    renamed = save_standard(
        uow, "Clear outcomes", "Stated and checked.", standard_id=first.id, version=first.version
    )
    assert renamed.description == "Stated and checked."
    with pytest.raises(ConflictError):
        save_standard(uow, "Stale", standard_id=first.id, version=first.version)
    with pytest.raises(ValidationError) as refused:
        save_standard(uow, "voice of the child")
    assert refused.value.problems == {"name": "'voice of the child' is already a standard"}


def test_a_good_observation_assures_the_course_on_its_day(uow):
    b = basics(uow)
    voice = save_standard(uow, "Voice of the child")
    session_id, _ = held_session(uow, b)
    saved = record_observation(
        uow, observation(session_id, standard_id=voice.id, notes="Strong case studies.")
    )
    assert (saved.course_qa_status, saved.course_last_assured_on) == ("assured", DAY)
    assert (saved.observation.standard_id, saved.observation.standard) == (
        voice.id,
        "Voice of the child",
    )
    assured = course(uow, b.course_id)
    assert (assured.qa_status, assured.last_assured_on) == ("assured", DAY)
    [listed] = list_observations(uow, DAY, DAY)
    assert (listed.standard_id, listed.standard, listed.notes, listed.course_code) == (
        voice.id,
        "Voice of the child",
        "Strong case studies.",
        "CSE-T1",
    )


def test_an_observation_keeps_its_standard_when_the_standard_is_renamed(uow):
    b = basics(uow)
    voice = save_standard(uow, "Voice of the child")
    session_id, _ = held_session(uow, b)
    record_observation(uow, observation(session_id, standard_id=voice.id, notes="First line."))
    record_observation(uow, observation(session_id))
    save_standard(uow, "Child's voice", standard_id=voice.id, version=voice.version)
    listed = list_observations(uow, DAY, DAY)
    assert [(o.standard_id, o.standard, o.notes) for o in listed] == [
        (None, "", ""),  # observed against all the standards
        (voice.id, "Child's voice", "First line."),
    ]


def test_an_observation_needing_improvement_must_say_what_to_do(uow):
    b = basics(uow)
    session_id, _ = held_session(uow, b)
    with pytest.raises(ValidationError) as refused:
        record_observation(uow, observation(session_id, "requires improvement", reviewer=" "))
    assert set(refused.value.problems) == {"reviewer", "actions"}
    saved = record_observation(
        uow, observation(session_id, "requires improvement", actions="Update the pathway slide.")
    )
    assert saved.course_qa_status == "assured with actions"
    assert course(uow, b.course_id).last_assured_on == DAY


def test_an_inadequate_observation_fails_the_course_but_keeps_its_last_assured_date(uow):
    b = basics(uow)
    earlier, _ = held_session(uow, b, DAY - dt.timedelta(days=100))
    later, _ = held_session(uow, b, DAY)
    record_observation(uow, observation(earlier, observed_on=DAY - dt.timedelta(days=100)))
    record_observation(uow, observation(later, "inadequate", actions="Re-write the course."))
    failed = course(uow, b.course_id)
    assert failed.qa_status == "not meeting standards"
    assert failed.last_assured_on == DAY - dt.timedelta(days=100)


def test_an_older_observation_does_not_overrule_a_later_one(uow):
    b = basics(uow)
    earlier, _ = held_session(uow, b, DAY - dt.timedelta(days=100))
    later, _ = held_session(uow, b, DAY)
    record_observation(uow, observation(later, "inadequate", actions="Re-write the course."))
    record_observation(uow, observation(earlier, observed_on=DAY - dt.timedelta(days=100)))
    assert course(uow, b.course_id).qa_status == "not meeting standards"
    assert [o.outcome for o in list_observations(uow, DAY - dt.timedelta(days=365), DAY)] == [
        "inadequate",
        "good",
    ]


def test_an_observation_is_refused_for_the_wrong_session_day_or_standard(uow):
    b = basics(uow)
    session_id, _ = held_session(uow, b)
    with pytest.raises(ValidationError) as refused:
        record_observation(
            uow,
            observation(
                session_id,
                "excellent",
                observed_on=DAY - dt.timedelta(days=1),
                standard_id=999_999,
            ),
        )
    assert set(refused.value.problems) == {"outcome", "observed on", "standard"}
    assert refused.value.problems["standard"] == (
        "is not one of the partnership's standards: choose another"
    )
    with pytest.raises(ValidationError) as missing:
        record_observation(uow, observation(999_999))
    assert set(missing.value.problems) == {"session"}
    assert course(uow, b.course_id).qa_status == "not assured"


def test_anonymous_and_named_evaluations_are_entered_and_listed(uow):
    b = basics(uow)
    session_id, [alex, _other] = held_session(uow, b, people=2)
    assert [r.name for r in respondents(uow, session_id)] == ["Alex Person0", "Alex Person1"]
    enter_evaluation(uow, draft(session_id, comments="Useful\nand clear."))
    named = enter_evaluation(uow, draft(session_id, staff_id=alex, confidence_after=5))
    assert named.respondent == "Alex Person0" and named.confidence_shift == 3
    listed = list_evaluations(uow, [session_id])
    assert sorted(e.respondent for e in listed) == ["Alex Person0", ANONYMOUS]
    assert {e.comments for e in listed} == {"Useful\nand clear.", ""}


def test_an_evaluation_with_bad_answers_names_each_field(uow):
    b = basics(uow)
    session_id, _ = held_session(uow, b)
    with pytest.raises(ValidationError) as refused:
        enter_evaluation(
            uow,
            draft(
                session_id,
                overall_rating=6,
                confidence_before=0,
                submitted_on=DAY - dt.timedelta(days=1),
            ),
        )
    assert refused.value.problems == {
        "overall rating": "must be from 1 to 5, not 6",
        "confidence before": "must be from 1 to 5, not 0",
        "submitted on": "is before the session on 10/06/2025",
    }


def test_an_empty_evaluation_is_refused(uow):
    b = basics(uow)
    session_id, _ = held_session(uow, b)
    empty = EvaluationDraft(session_id, DAY)
    with pytest.raises(ValidationError, match="enter at least one rating or a comment"):
        enter_evaluation(uow, empty)
    enter_evaluation(uow, EvaluationDraft(session_id, DAY, comments="Just a comment."))


def test_named_feedback_comes_once_from_someone_on_the_session(uow):
    b = basics(uow)
    session_id, [alex] = held_session(uow, b, people=1)
    stranger = person(uow, b, "X1", "Stranger")
    with pytest.raises(ValidationError, match="was not on this session"):
        enter_evaluation(uow, draft(session_id, staff_id=stranger.id))
    enter_evaluation(uow, draft(session_id, staff_id=alex))
    with pytest.raises(ValidationError, match="has already given feedback"):
        enter_evaluation(uow, draft(session_id, staff_id=alex))


def test_a_cancelled_session_cannot_be_evaluated_or_observed(uow):
    b = basics(uow)
    held = session(uow, b, DAY)
    catalogue.save_session(
        uow,
        catalogue.SessionDraft(
            b.course_id, held.starts_at, held.ends_at, status="cancelled", trainer="J. Trainer"
        ),
        session_id=held.id,
        version=held.version,
    )
    with pytest.raises(ValidationError, match="cancelled"):
        enter_evaluation(uow, draft(held.id))
    with pytest.raises(ValidationError, match="cancelled"):
        record_observation(uow, observation(held.id))
    assert sessions_held(uow, DAY, DAY) == []


def test_the_summary_from_the_database_matches_the_sums_by_hand(uow):
    b = basics(uow)
    in_period, _ = held_session(uow, b, DAY)
    before_period, _ = held_session(uow, b, dt.date(2024, 1, 10))
    enter_evaluation(uow, draft(in_period, overall_rating=5, confidence_before=1))  # shift 3
    enter_evaluation(uow, draft(in_period, overall_rating=3, comments="More time please."))
    enter_evaluation(  # shift 2
        uow, draft(before_period, submitted_on=dt.date(2024, 1, 10), overall_rating=1)
    )
    record_observation(uow, observation(in_period))
    summary = quality_summary(uow, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert summary.overall.responses == 2
    assert summary.overall.anonymous == 2
    assert summary.overall.overall == pytest.approx(4.0)  # (5 + 3) / 2
    assert summary.overall.shift == pytest.approx(2.5)  # (3 + 2) / 2
    assert summary.overall.shift_sd == pytest.approx(math.sqrt(0.5))
    [cse] = summary.by_course
    assert cse.course.code == "CSE-T1" and cse.course.tier == "Targeted"
    assert cse.course.qa_status == "assured" and str(cse.observations) == "1 good"
    assert [t.name for t in summary.by_trainer] == ["J. Trainer"]
    assert [(c.text, c.session_day) for c in summary.comments] == [("More time please.", DAY)]
    assert summary.not_assured == []


def test_a_course_last_assured_12_months_and_a_day_before_the_end_is_listed(uow):
    b = basics(uow)
    held, _ = held_session(uow, b, dt.date(2025, 3, 30))
    record_observation(uow, observation(held, observed_on=dt.date(2025, 3, 30)))
    assert quality_summary(uow, dt.date(2025, 4, 1), dt.date(2026, 3, 30)).not_assured == []
    [late] = quality_summary(uow, dt.date(2025, 4, 1), dt.date(2026, 3, 31)).not_assured
    assert (late.course.code, late.assured_on) == ("CSE-T1", dt.date(2025, 3, 30))


def test_a_period_ending_before_it_starts_is_refused(uow):
    with pytest.raises(ValidationError, match="before the start"):
        quality_summary(uow, END, DAY)


def test_the_report_names_the_partnership_beside_the_summary(uow):
    b = basics(uow)
    held, _ = held_session(uow, b, DAY)
    enter_evaluation(uow, draft(held, comments="Clear and practical."))
    with uow:
        uow.settings.put(registers.PARTNERSHIP_NAME, "  Northshire Partnership ")
        uow.commit()
    report = quality_report(uow, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert report.partnership == "Northshire Partnership"
    assert report.summary == quality_summary(uow, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert report.summary.overall.responses == 1
    with pytest.raises(ValidationError, match="before the start"):
        quality_report(uow, END, DAY)
