"""One row of a form tool's export read as a response, or every problem that stops it being one.

No database here: a response is what the row says (its ratings, comments, date, email and the
form's own response id); who it is from, and whether it is new, is decided against what is
stored. Each rating column's labels are read on the scale the column uses (``ratings``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from training.evaluation_import.columns import RATINGS, EvaluationField, QuestionMap
from training.evaluation_import.ratings import (
    RatingProblem,
    Scale,
    label_key,
    read_rating,
    scale_for,
)
from training.imports.candidates import Problem
from training.imports.normalise import clean_email, clean_text
from training.imports.uk_dates import DateProblem, from_text, read_date
from training.validation import EMAIL
from training.workbook_reading import cell_text

Cells = tuple[object, ...]

NO_COMMENT = frozenset(
    ("", "n a", "na", "none", "no", "nothing", "nil", "no comment", "no comments", "not applicable")
)
_YEAR_FIRST = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:\D|$)")  # Google Forms: 2025/06/10 ...
# What SurveyMonkey writes in its second header row, under each question.
_SUBHEADINGS = frozenset(("response", "open ended response", "other please specify"))


@dataclass(frozen=True)
class Answers:
    """What one row of the export says."""

    row: int
    response_id: str
    submitted_on: dt.date | None
    email: str
    overall_rating: int | None = None
    content_rating: int | None = None
    trainer_rating: int | None = None
    confidence_before: int | None = None
    confidence_after: int | None = None
    comments: str = ""

    @property
    def ratings(self) -> tuple[int | None, ...]:
        return (
            self.overall_rating,
            self.content_rating,
            self.trainer_rating,
            self.confidence_before,
            self.confidence_after,
        )

    def is_empty(self) -> bool:
        return all(rating is None for rating in self.ratings) and not self.comments


_RATING_NAMES = {
    EvaluationField.OVERALL: "overall_rating",
    EvaluationField.CONTENT: "content_rating",
    EvaluationField.TRAINER: "trainer_rating",
    EvaluationField.BEFORE: "confidence_before",
    EvaluationField.AFTER: "confidence_after",
}


def is_response(values: Cells) -> bool:
    """Whether a row under the questions is a response: not blank, and not SurveyMonkey's
    second header row ('Response', 'Open-Ended Response' under the questions)."""
    texts = {label_key(cell_text(value)) for value in values} - {""}
    return bool(texts) and not texts <= _SUBHEADINGS


class ResponseReader:
    """Reads rows by what their columns hold, collecting every problem instead of stopping."""

    def __init__(
        self, questions: QuestionMap, rows: Sequence[Cells], *, epoch_1904: bool = False
    ) -> None:
        self.questions = questions
        self.epoch_1904 = epoch_1904
        self.scales: dict[int, Scale | None] = {
            column.index: scale_for(_cell(values, column.index) for values in rows)
            for column in questions.columns
            if column.field in RATINGS
        }
        self.comment_columns = [
            column for column in questions.columns if column.field is EvaluationField.COMMENTS
        ]

    def scale_text(self, index: int) -> str:
        """How a rating column's labels are read ("" when it has none, or no one scale)."""
        scale = self.scales.get(index)
        return str(scale) if scale is not None else ""

    def read(self, number: int, values: Cells) -> Answers | list[Problem]:
        problems: list[Problem] = []
        ratings: dict[str, int | None] = {}
        for field, name in _RATING_NAMES.items():
            column = self.questions.first(field)
            if column is None:
                continue
            try:
                ratings[name] = read_rating(_cell(values, column.index), self.scales[column.index])
            except RatingProblem as problem:
                problems.append(Problem(column.header, str(problem)))
        submitted = self._submitted(values, problems)
        if problems:
            return problems
        return Answers(
            number,
            self._text(values, EvaluationField.RESPONSE_ID),
            submitted,
            self._email(values),
            comments=self._comments(values),
            **ratings,
        )

    def _text(self, values: Cells, field: EvaluationField) -> str:
        column = self.questions.first(field)
        return clean_text(cell_text(_cell(values, column.index))) if column else ""

    def _email(self, values: Cells) -> str:
        """The respondent's email; "" for none, or for what is not one ('anonymous')."""
        email = clean_email(self._text(values, EvaluationField.EMAIL))
        return email if EMAIL.match(email) else ""

    def _submitted(self, values: Cells, problems: list[Problem]) -> dt.date | None:
        column = self.questions.first(EvaluationField.SUBMITTED_ON)
        if column is None:
            return None
        try:
            return _date(_cell(values, column.index), self.epoch_1904)
        except DateProblem as problem:
            problems.append(Problem(column.header, str(problem)))
            return None

    def _comments(self, values: Cells) -> str:
        """The free-text answers; with several such questions, each after its question."""
        answers = [
            (column.header, text)
            for column in self.comment_columns
            if label_key(text := cell_text(_cell(values, column.index)).strip()) not in NO_COMMENT
        ]
        if len(self.comment_columns) == 1:
            return answers[0][1] if answers else ""
        return "\n".join(f"{question}: {text}" for question, text in answers)


def _date(value: object, epoch_1904: bool) -> dt.date | None:
    if isinstance(value, str) and (match := _YEAR_FIRST.match(value.strip())):
        return from_text("-".join(match.groups()))  # as ISO: still checked to be a real date
    return read_date(value, epoch_1904=epoch_1904)


def _cell(values: Cells, index: int) -> object:
    return values[index] if index < len(values) else None
