"""Which question each column of a form tool's export holds, read from the question's wording.

Microsoft Forms, Google Forms and SurveyMonkey head each column with the question as it was
asked ("How would you rate the course overall?", "The trainer's knowledge (1-5)", "How
confident did you feel ... BEFORE the session?") after a few columns of their own ("ID",
"Start time", "Completion time", "Email", "Name"). Keyword rules match each heading to an
evaluation field; the user's choices (heading -> field, or None: not read) come first. Every
field but the comments comes from one column, the first that means it; any number of free-text
columns go into the comments.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from training.evaluation_import.ratings import label_key
from training.imports.normalise import clean_text

HEADER_SEARCH_ROWS = 30


class EvaluationField(enum.StrEnum):
    RESPONSE_ID = "response id"
    SUBMITTED_ON = "submitted on"
    EMAIL = "email"
    OVERALL = "overall rating"
    CONTENT = "content rating"
    TRAINER = "trainer rating"
    BEFORE = "confidence before"
    AFTER = "confidence after"
    COMMENTS = "comments"


RATINGS = (
    EvaluationField.OVERALL,
    EvaluationField.CONTENT,
    EvaluationField.TRAINER,
    EvaluationField.BEFORE,
    EvaluationField.AFTER,
)
ANSWERS = (*RATINGS, EvaluationField.COMMENTS)
ColumnChoices = Mapping[str, EvaluationField | None]  # heading -> field; None: not read

# The form tools' own columns, by their whole heading.
_OWN_COLUMNS: dict[str, EvaluationField | None] = {
    **dict.fromkeys(
        ("id", "response id", "respondent id", "response number", "submission id"),
        EvaluationField.RESPONSE_ID,
    ),
    **dict.fromkeys(
        (
            "completion time",
            "timestamp",
            "end date",
            "end time",
            "submitted",
            "submitted at",
            "submitted on",
            "submission date",
            "submission time",
            "date submitted",
            "date completed",
            "completed",
            "completed at",
            "response date",
            "date",
        ),
        EvaluationField.SUBMITTED_ON,
    ),
    **dict.fromkeys(
        (
            "email",
            "e mail",
            "email address",
            "e mail address",
            "email optional",
            "your email",
            "your email address",
            "work email",
            "work email address",
            "respondent email",
            "username",
        ),
        EvaluationField.EMAIL,
    ),
    **dict.fromkeys(
        (
            "start time",
            "start date",
            "last modified time",
            "name",
            "first name",
            "last name",
            "ip address",
            "collector id",
            "score",
            "total score",
            "points",
        ),
        None,
    ),
}

_SELF = {"confident", "confidence", "knowledge", "understanding", "awareness", "skills", "able"}
_BEFORE = {"before", "prior", "beforehand", "pre", "previously", "start", "beginning"}
_AFTER = {"after", "now", "following", "post", "end", "afterwards", "result"}
_RATING_WORDS = {"rate", "rating", "rated", "score", "scale", "satisfied", "satisfaction", "agree"}
_RATING_PHRASES: tuple[str, ...] = (
    *("1 5", "1 to 5", "out of 5", "how good", "how useful", "how well", "how clear"),
    *("how relevant", "how effective", "how satisfied", "how would you"),
)
_COMMENT_WORDS = {"comment", "comments", "feedback", "suggestion", "suggestions", "suggest"}
_COMMENT_WORDS |= {"improve", "improved", "improvement", "improvements", "why", "what"}
_COMMENT_WORDS |= {"describe", "explain", "differently", "remarks", "thoughts"}
_COMMENT_PHRASES = ("anything else", "any other", "tell us")
_NOT_RATED = {"who", "which", "where", "when", "name", "venue", "room", "refreshments"}
_NOT_RATED |= {"catering", "lunch", "parking", "booking", "location", "administration"}
_NOT_RATED |= {"joining", "accessibility", "recommend", "likely"}
_TOPICS: tuple[tuple[EvaluationField, frozenset[str]], ...] = (
    (
        EvaluationField.TRAINER,
        frozenset(
            {"trainer", "trainers", "facilitator", "facilitators", "presenter", "presenters"}
            | {"speaker", "speakers", "tutor", "tutors", "instructor", "facilitation"}
            | {"delivery", "delivered", "presentation", "presented"}
        ),
    ),
    (
        EvaluationField.CONTENT,
        frozenset(
            {"content", "contents", "material", "materials", "resources", "relevant"}
            | {"relevance", "useful", "usefulness", "information", "topic", "topics"}
            | {"handouts", "objectives", "aims", "outcomes", "applicable"}
        ),
    ),
    (
        EvaluationField.OVERALL,
        frozenset({"overall", "course", "session", "training", "event", "workshop"})
        | {"programme", "module", "webinar", "day"},
    ),
)


def field_by_wording(header: str) -> EvaluationField | None:
    """The field a heading's wording says its column holds (None: no rule matches)."""
    key = label_key(header)
    if key in _OWN_COLUMNS:
        return _OWN_COLUMNS[key]
    words, padded = set(key.split()), f" {key} "
    rated = bool(words & _RATING_WORDS) or any(f" {p} " in padded for p in _RATING_PHRASES)
    if not rated and (words & _COMMENT_WORDS or any(f" {p} " in padded for p in _COMMENT_PHRASES)):
        return EvaluationField.COMMENTS
    if words & _SELF:
        before, after = bool(words & _BEFORE), bool(words & _AFTER)
        if before != after:
            return EvaluationField.BEFORE if before else EvaluationField.AFTER
    if words & _NOT_RATED:
        return None
    for field, topic in _TOPICS:
        if words & topic:
            return field
    return EvaluationField.OVERALL if rated else None


@dataclass(frozen=True)
class QuestionColumn:
    """One column of the export: its heading, what it is read as, and why."""

    index: int  # 0-based
    header: str  # as the file writes it
    field: EvaluationField | None  # None: not read
    chosen: bool = False  # by the user rather than by the wording
    scale: str = ""  # for a rating column of labels: how they are read ("Poor = 1, ...")


@dataclass(frozen=True)
class QuestionMap:
    """The header row and what each of its columns holds."""

    header_row: int  # as the user numbers rows (1-based)
    columns: tuple[QuestionColumn, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    def read(self) -> list[QuestionColumn]:
        return [column for column in self.columns if column.field is not None]

    def first(self, field: EvaluationField) -> QuestionColumn | None:
        return next((column for column in self.columns if column.field is field), None)

    def answers(self) -> int:
        """How many columns hold answers (ratings or comments)."""
        return sum(column.field in ANSWERS for column in self.columns)


def _choice_key(header: object) -> str:
    return " ".join(clean_text(header).casefold().split())


def match_columns(headers: Sequence[object], choices: ColumnChoices | None = None) -> QuestionMap:
    """What each column holds: the user's choice first, then the wording (header row 0)."""
    chosen = {_choice_key(header): field for header, field in (choices or {}).items()}
    texts = [clean_text(header) for header in headers]
    given = {chosen[_choice_key(t)] for t in texts if t and _choice_key(t) in chosen}
    given.discard(EvaluationField.COMMENTS)  # comments come from any number of columns
    taken: set[EvaluationField] = set()
    columns = []
    for index, text in enumerate(texts):
        user = bool(text) and _choice_key(text) in chosen
        field = chosen[_choice_key(text)] if user else field_by_wording(text) if text else None
        if not user and field in given:  # the user gave this field to another column
            field = None
        if field is not None and field is not EvaluationField.COMMENTS:
            if field in taken:
                field = None
            else:
                taken.add(field)
        columns.append(QuestionColumn(index, text, field, user))
    return QuestionMap(0, tuple(columns))


def find_question_row(
    rows: Iterable[tuple[int, tuple[object, ...]]], choices: ColumnChoices | None = None
) -> tuple[QuestionMap | None, list[tuple[int, tuple[object, ...]]]]:
    """The header row among the first rows (the one heading the most answer columns, at least
    one), and the rows read past it, to be read as responses."""
    seen: list[tuple[int, tuple[object, ...]]] = []
    best: QuestionMap | None = None
    for number, values in rows:
        seen.append((number, values))
        found = match_columns(values, choices)
        if found.answers() and (best is None or found.answers() > best.answers()):
            best = QuestionMap(number, found.columns)
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if best is None:
        return None, seen
    return best, [row for row in seen if row[0] > best.header_row]
