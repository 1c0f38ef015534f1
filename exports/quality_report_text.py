"""The words and figures the quality report's PDF, workbook and printed summary share.

The report is written from ``training.quality_figures.QualitySummary``: plain data with no
database behind it, so ``exports`` may read it as it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from training.quality_figures import (
    ASSURANCE_MONTHS,
    FeedbackFigures,
    OutcomeCounts,
    QualitySummary,
)

TITLE = "Quality assurance report"
NONE = "–"
SCALE_NOTE = (
    "Ratings and confidence are means on a scale of 1 (low) to 5 (high), over the responses that "
    "answered. Confidence before and after counts only the responses that scored both; the shift "
    "is after less before, ± its standard deviation (the spread between participants)."
)
OBSERVATIONS_NOTE = (
    "Observations: QA observations of sessions made in the period, by outcome. A course is "
    f"assured by an outcome other than inadequate, for {ASSURANCE_MONTHS} months."
)


@dataclass(frozen=True)
class KeyFigure:
    label: str  # "Responses"
    value: str  # "628"
    detail: str  # "from 69 sessions; 167 anonymous"


def period_text(summary: QualitySummary) -> str:
    """ "Sessions held from 01/04/2025 to 31/03/2026"."""
    return f"Sessions held from {summary.start:%d/%m/%Y} to {summary.end:%d/%m/%Y}"


def not_assured_heading(summary: QualitySummary) -> str:
    return f"Courses not assured in the {ASSURANCE_MONTHS} months to {summary.end:%d/%m/%Y}"


def score_text(value: float | None) -> str:
    return NONE if value is None else f"{value:.1f}"


def shift_text(value: float | None) -> str:
    return NONE if value is None else f"{value:+.1f}"


def shift_with_spread(figures: FeedbackFigures) -> str:
    """ "+1.0 ± 0.7": the mean shift and its standard deviation (none from one response)."""
    if figures.shift is None:
        return NONE
    if figures.shift_sd is None:
        return shift_text(figures.shift)
    return f"{shift_text(figures.shift)} ± {figures.shift_sd:.1f}"


def outcomes_text(observations: OutcomeCounts) -> str:
    return str(observations) or "none"


def assured_text(day: dt.date | None) -> str:
    return "never" if day is None else f"{day:%d/%m/%Y}"


def count_text(count: int, one: str, many: str | None = None) -> str:
    """ "1 session", "2 sessions"."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def key_figures(summary: QualitySummary) -> list[KeyFigure]:
    """The period in six figures, each with a line saying what it counts."""
    figures, observed = summary.overall, summary.observations
    responses = (
        f"from {count_text(figures.sessions, 'session')}; {figures.anonymous:,} anonymous"
        if figures.responses
        else "no evaluations of sessions in the period"
    )
    ratings = (
        f"content {score_text(figures.content)}, trainer {score_text(figures.trainer)}"
        if figures.responses
        else "no ratings in the period"
    )
    confidence = (
        f"{score_text(figures.before)} to {score_text(figures.after)}" if figures.paired else NONE
    )
    return [
        KeyFigure("Responses", f"{figures.responses:,}", responses),
        KeyFigure("Overall rating", score_text(figures.overall), ratings),
        KeyFigure(
            "Confidence",
            confidence,
            f"before and after; {count_text(figures.paired, 'response')} scored both",
        ),
        KeyFigure("Confidence shift", shift_with_spread(figures), "mean change ± its spread (SD)"),
        KeyFigure("Observations", f"{observed.total:,}", outcomes_text(observed)),
        KeyFigure(
            "Not assured",
            f"{len(summary.not_assured):,}",
            f"courses on offer, in the {ASSURANCE_MONTHS} months to {summary.end:%d/%m/%Y}",
        ),
    ]
