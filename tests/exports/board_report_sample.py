"""A board training report made by hand (no database) for the tests of its writers: known
figures, and the names that break spreadsheets and paragraph markup."""

from __future__ import annotations

import datetime as dt

from training.activity import ChampionCounts, Quarter
from training.board_report import (
    ALL_TIERS,
    AttendanceFigures,
    BoardReport,
    Count,
    QuarterCounts,
    Reach,
    SessionFigures,
)
from training.quality_figures import (
    QA_OUTCOMES,
    CourseRow,
    FeedbackFigures,
    GroupQuality,
    OutcomeCounts,
    Unassured,
)

PARTNERSHIP = "Northshire Safeguarding Children Partnership"
START, END = dt.date(2025, 5, 15), dt.date(2026, 3, 31)
TIERS = ("Universal", "Introductory", "Targeted", "Specialist")
AWKWARD_AGENCY = "Smith & <Jones> Taxis"
FORMULA_AGENCY = '=HYPERLINK("http://evil.example","Click")'
FORMULA_TOPIC = "@SUM(1+1)*cmd|'/c calc'!A0"
NO_FEEDBACK = FeedbackFigures(0, 0, 0, None, None, None, 0, None, None, None, None)


def feedback(responses: int, overall: float, before: float, after: float) -> FeedbackFigures:
    return FeedbackFigures(
        responses=responses,
        anonymous=responses // 4,
        sessions=responses // 10 + 1,
        overall=overall,
        content=overall - 0.1,
        trainer=overall + 0.1,
        paired=responses - 1,
        before=before,
        after=after,
        shift=after - before,
        shift_sd=0.68,
    )


def quarters(start: dt.date, end: dt.date, count: int) -> tuple[QuarterCounts, ...]:
    """``count`` quarters ending with the one that holds ``end``, the first cut to ``start``."""
    listed = [Quarter.of(end)]
    while len(listed) < count:
        listed.append(listed[-1].previous())
    listed.reverse()
    made = []
    for n, quarter in enumerate(listed):
        following = listed[n + 1].first_day if n + 1 < len(listed) else None
        last = end if following is None else following - dt.timedelta(days=1)
        first = max(start, quarter.first_day)
        made.append(QuarterCounts(quarter, first, last, (100 + n, 80 + n, 30 + n, n)))
    return tuple(made)


def sample_report(*, partnership: str = PARTNERSHIP, quarter_count: int = 4) -> BoardReport:
    """Four quarters from 15/05/2025 (the first cut short), or whole quarters to 31/03/2026."""
    by_quarter = quarters(START if quarter_count == 4 else dt.date.min, END, quarter_count)
    start = by_quarter[0].first_day
    by_tier = [sum(q.by_tier[n] for q in by_quarter) for n in range(4)]
    total = sum(by_tier)
    courses = (
        CourseRow(1, "CSE-I2", "CSE <awareness> for taxi drivers", "Introductory", 2, "briefing",
                  "not assured", None, True),
        CourseRow(2, "MIS-S1", "Missing children: strategy meetings", "Specialist", 4, "classroom",
                  "assured", dt.date(2024, 12, 2), True),
    )  # fmt: skip
    targeted = feedback(163, 4.29, 2.76, 3.71)
    return BoardReport(
        partnership=partnership,
        start=start,
        end=END,
        tiers=TIERS,
        outcomes=QA_OUTCOMES,
        sessions_by_tier=(
            SessionFigures("Universal", 0, 0, 0, 0, 0),
            SessionFigures("Introductory", 42, 1, 1213, 812, 67),
            SessionFigures("Targeted", 24, 0, 486, 320, 33),
            SessionFigures("Specialist", 4, 0, 64, 38, 6),
        ),
        sessions_total=SessionFigures(ALL_TIERS, 70, 1, 1763, 1170, 106),
        attendances=AttendanceFigures(
            by_tier=tuple(Count(tier, n) for tier, n in zip(TIERS, by_tier, strict=True)),
            by_topic=(Count("CSE", total - 100), Count(FORMULA_TOPIC, 100)),
            by_sector=(
                Count("Police", total - 321),
                Count("Licensing and hospitality", 321),
                Count("Housing", 0),
            ),
            by_quarter=by_quarter,
        ),
        quality_by_tier=(
            GroupQuality("Universal", NO_FEEDBACK, OutcomeCounts((), None)),
            GroupQuality(
                "Introductory",
                feedback(442, 3.91, 2.84, 3.81),
                OutcomeCounts((("outstanding", 1), ("good", 1)), "good"),
            ),
            GroupQuality("Targeted", targeted, OutcomeCounts((("requires improvement", 3),), None)),
            GroupQuality("Specialist", NO_FEEDBACK, OutcomeCounts((), None)),
        ),
        quality_total=GroupQuality(
            ALL_TIERS,
            feedback(605, 4.02, 2.83, 3.79),
            OutcomeCounts((("outstanding", 1), ("good", 1), ("requires improvement", 3)), None),
        ),
        not_assured=(Unassured(courses[0], None), Unassured(courses[1], dt.date(2024, 12, 2))),
        champions=ChampionCounts(
            END,
            trained=("Northshire Police", "Kingsmead Academy"),
            untrained=(FORMULA_AGENCY,),
            without=(AWKWARD_AGENCY, "Station Cabs"),
        ),
        awareness_by_audience=(
            Reach("young people", 17, 3461),
            Reach("parents and carers", 7, 251),
            Reach("taxi and private hire", 0, 0),
        ),
        awareness_by_type=(
            Reach("theatre production", 12, 1678),
            Reach("school campaign", 5, 1783),
            Reach("parent programme", 7, 251),
        ),
    )
