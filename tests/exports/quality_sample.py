"""A period's quality figures made from plain rows, with awkward text, for the report's writers."""

from __future__ import annotations

import datetime as dt

from training.quality_figures import CourseRow, Observed, QualitySummary, Response, summarise

PARTNERSHIP = "Northshire & <Marlbury> Safeguarding Partnership"
START, END = dt.date(2025, 4, 1), dt.date(2026, 3, 31)
DAY = dt.date(2025, 6, 10)
HOSTILE_TRAINER = '=HYPERLINK("http://evil.example","Click")'
HOSTILE_COMMENT = "@SUM(1+1)*cmd|'/c calc'!A0"
TARGETED, UNIVERSAL = ("Targeted", 3), ("Universal", 1)

COURSES = [
    CourseRow(1, "CSE-T1", "CSE: working with children at risk", *TARGETED, "classroom",
              "assured", dt.date(2025, 6, 20), True),
    CourseRow(2, "ONL-U1", "Online safety <essentials> & more", *UNIVERSAL, "e-learning",
              "not assured", None, True),
    CourseRow(3, "MIS-T1", "Return home interviews", *TARGETED, "classroom",
              "assured", dt.date(2024, 1, 5), True),
]  # fmt: skip


def answer(
    course_id: int,
    tier: tuple[str, int],
    trainer: str,
    session_id: int,
    ratings: tuple[int | None, int | None, int | None],
    confidence: tuple[int | None, int | None],
    comments: str = "",
    *,
    day: dt.date = DAY,
    anonymous: bool = False,
) -> Response:
    return Response(
        course_id, tier[0], tier[1], trainer, session_id, day, *ratings, *confidence, comments,
        anonymous,
    )  # fmt: skip


RESPONSES = [
    answer(1, TARGETED, "Bea Lane", 1, (5, 4, 5), (2, 4), "Really useful.\nMore case studies."),
    answer(1, TARGETED, "Bea Lane", 1, (3, 3, 4), (3, 4), anonymous=True),
    answer(1, TARGETED, HOSTILE_TRAINER, 2, (4, 5, 3), (1, 4), HOSTILE_COMMENT),
    answer(2, UNIVERSAL, "Al Khan", 3, (2, None, 3), (4, 3), "Too long <really> & slow"),
    answer(2, UNIVERSAL, "Al Khan", 3, (None, 4, None), (None, 3)),
    answer(1, TARGETED, "Bea Lane", 9, (1, 1, 1), (5, 1), day=START - dt.timedelta(days=1)),
]
OBSERVATIONS = [
    Observed(1, *TARGETED, "Bea Lane", dt.date(2025, 6, 20), "good"),
    Observed(3, *TARGETED, "Cy Dunn", dt.date(2025, 9, 1), "inadequate"),
    Observed(3, *TARGETED, "Cy Dunn", dt.date(2024, 1, 5), "outstanding"),  # before the period
]


def sample_summary() -> QualitySummary:
    """Five responses in the period (one before it is left out), two observations in it."""
    return summarise(START, END, COURSES, RESPONSES, OBSERVATIONS)


def empty_summary() -> QualitySummary:
    return summarise(START, END, COURSES, [], [])
