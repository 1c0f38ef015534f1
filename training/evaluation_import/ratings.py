"""Reading a 1 to 5 rating the way form tools export it: 4, "4 - Good", "4/5" or "Very good".

A number always says the rating itself. A label is read on the scale its column uses: the
first scale in ``SCALES`` that knows every label in the column ("Poor, Fair, Good, Very good,
Excellent" when the column says "Excellent" and "Fair"; "Very poor, Poor, Average, Good, Very
good" when it says "Average"), so that "Good" is 3 on one form and 4 on another, as each form
meant. A column whose labels no one scale knows reads each label on the first scale that
knows it. Blank, "N/A" and "Prefer not to say" are unanswered; anything else is a problem.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

LOWEST, HIGHEST = 1, 5
UNANSWERED = frozenset(
    ("", "n a", "na", "not applicable", "prefer not to say", "no answer", "don t know")
)
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)(?:\s*(?:/|out of)\s*(\d+))?(?![\d.])")
_NUMBER_AFTER = re.compile(r"\(\s*(\d+)\s*\)\s*$")  # "Good (4)"


class RatingProblem(ValueError):
    """The cell is not a rating from 1 to 5; the message says what it holds and what to write."""


def label_key(text: str) -> str:
    """What two spellings of a label share: 'Very Good!' and 'very good' are 'very good'."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.casefold()).split())


@dataclass(frozen=True)
class Scale:
    """Five points, lowest first, each with the labels that mean it (the first as shown)."""

    points: tuple[tuple[str, ...], ...]

    @cached_property
    def _numbers(self) -> dict[str, int]:
        return {
            label_key(label): number
            for number, labels in enumerate(self.points, start=LOWEST)
            for label in labels
        }

    def value(self, key: str) -> int | None:
        return self._numbers.get(key)

    def knows(self, key: str) -> bool:
        return self.value(key) is not None

    def __str__(self) -> str:
        return ", ".join(f"{labels[0]} = {n}" for n, labels in enumerate(self.points, start=LOWEST))


def _scale(*points: str) -> Scale:
    """A scale from five points, each its labels separated by '|'."""
    return Scale(tuple(tuple(point.split("|")) for point in points))


def _degrees(word: str) -> tuple[Scale, ...]:
    """The scales of how much: 'Not at all confident' to 'Extremely confident', and others."""
    return (
        _scale(
            f"Not at all {word}",
            f"Slightly {word}",
            f"Moderately {word}|Somewhat {word}",
            f"Very {word}",
            f"Extremely {word}|Completely {word}",
        ),
        _scale(
            f"Not at all {word}|Not {word}",
            f"Not very {word}",
            f"Fairly {word}|Quite {word}",
            f"Very {word}",
            f"Completely {word}|Extremely {word}|Totally {word}",
        ),
        _scale(
            f"Not {word}", f"Slightly {word}", f"Somewhat {word}", word.capitalize(), f"Very {word}"
        ),
    )


SCALES: tuple[Scale, ...] = (
    _scale(
        "Very poor",
        "Poor",
        "Average|OK|Okay|Satisfactory|Adequate|Neither good nor poor|Neither good nor bad",
        "Good",
        "Very good",
    ),
    _scale("Poor", "Fair", "Good", "Very good", "Excellent|Outstanding"),
    _scale("Very poor", "Poor", "Fair|Average|Satisfactory", "Good", "Excellent|Outstanding"),
    _scale("Very poor", "Poor", "Fair", "Good", "Very good"),
    _scale(
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree|Neutral|Unsure|Not sure",
        "Agree",
        "Strongly agree",
    ),
    _scale(
        "Very dissatisfied",
        "Dissatisfied",
        "Neither satisfied nor dissatisfied|Neutral",
        "Satisfied",
        "Very satisfied",
    ),
    _scale("Very low", "Low", "Medium|Moderate|Average", "High", "Very high"),
    *(
        scale
        for word in ("confident", "useful", "relevant", "effective", "knowledgeable")
        for scale in _degrees(word)
    ),
)


def is_label(value: object) -> bool:
    """Whether a cell holds a label (text that is not a number, and says something)."""
    if not isinstance(value, str) or _NUMBER.match(value) or _NUMBER_AFTER.search(value):
        return False
    return label_key(value) not in UNANSWERED


def scale_for(values: Iterable[object]) -> Scale | None:
    """The first scale that knows every label among a column's ``values`` (None: no labels,
    or no one scale knows them all)."""
    keys = {label_key(value) for value in values if isinstance(value, str) and is_label(value)}
    if not keys:
        return None
    return next((s for s in SCALES if all(s.knows(key) for key in keys)), None)


def read_rating(value: object, scale: Scale | None = None) -> int | None:
    """The rating in a cell, None if unanswered; labels read on ``scale`` (see the module)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RatingProblem(f"{value!r} is not a rating from {LOWEST} to {HIGHEST}")
    if isinstance(value, int | float):
        return _checked(float(value), str(value).removesuffix(".0"))
    text = " ".join(str(value).split())
    if (number := _NUMBER.match(text)) is not None:
        out_of = number.group(2)
        if out_of is not None and int(out_of) != HIGHEST:
            raise RatingProblem(
                f"{text!r} is out of {out_of}; the ratings here are from {LOWEST} to {HIGHEST}"
            )
        return _checked(float(number.group(1)), text)
    if (number := _NUMBER_AFTER.search(text)) is not None:
        return _checked(float(number.group(1)), text)
    key = label_key(text)
    if key in UNANSWERED:
        return None
    rating = (scale or _first_knowing(key)).value(key)
    if rating is None:
        raise RatingProblem(
            f"{text!r} is not a rating: write a number from {LOWEST} to {HIGHEST}, or a label "
            f"({scale or SCALES[0]})"
        )
    return rating


def _first_knowing(key: str) -> Scale:
    return next((scale for scale in SCALES if scale.knows(key)), SCALES[0])


def _checked(number: float, text: str) -> int:
    if not number.is_integer():
        raise RatingProblem(f"{text!r} is not a whole number from {LOWEST} to {HIGHEST}")
    if not LOWEST <= number <= HIGHEST:
        raise RatingProblem(f"{text!r} is not from {LOWEST} to {HIGHEST}")
    return int(number)
