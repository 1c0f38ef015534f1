"""Finding the header row of a sheet, even under title rows, and what each column holds.

Columns are matched by synonyms ("Surname", "Last name", "Family name" are all ``last_name``);
an agency's saved mapping (its own header text -> field) is tried first, so a column the
synonyms miss needs confirming only once per agency.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from training.imports.normalise import clean_text

HEADER_SEARCH_ROWS = 30


class Field(enum.StrEnum):
    STAFF_REF = "staff reference"
    FIRST_NAME = "first name"
    LAST_NAME = "last name"
    FULL_NAME = "full name"
    EMAIL = "email"
    JOB_TITLE = "job title"
    ROLE = "role"
    START_DATE = "start date"
    LEAVE_DATE = "leave date"
    COURSE = "course"
    DATE = "date"
    STATUS = "status"


SYNONYMS: dict[Field, tuple[str, ...]] = {
    Field.STAFF_REF: (
        "staff ref",
        "staff reference",
        "staff id",
        "staff no",
        "staff number",
        "employee id",
        "employee no",
        "employee number",
        "employee ref",
        "payroll",
        "payroll no",
        "payroll number",
        "payroll id",
        "person id",
        "personnel no",
        "personnel number",
        "user id",
        "collar number",
        "warrant number",
        "badge number",
        "assignment number",
        "id",
        "ref",
        "reference",
        "pay number",
        "emp number",
        "learner id",
        "learner number",
        "employee reference",
    ),
    Field.FIRST_NAME: (
        "first name",
        "firstname",
        "forename",
        "forenames",
        "given name",
        "given names",
        "christian name",
        "first",
    ),
    Field.LAST_NAME: ("surname", "last name", "lastname", "family name", "second name", "last"),
    Field.FULL_NAME: (
        "name",
        "full name",
        "fullname",
        "staff name",
        "employee name",
        "learner",
        "learner name",
        "participant",
        "participant name",
        "delegate",
        "delegate name",
        "attendee",
        "attendee name",
        "user",
        "user name",
        "driver name",
        "officer",
        "officer name",
        "employee",
        "staff member",
        "name of attendee",
        "name of delegate",
    ),
    Field.EMAIL: (
        "email",
        "e mail",
        "email address",
        "e mail address",
        "work email",
        "mail",
        "user email",
        "email id",
        "attendee email",
        "learner email",
        "delegate email",
    ),
    Field.JOB_TITLE: ("job title", "title", "position", "post", "post title", "job"),
    Field.ROLE: ("role", "job role", "staff role", "role group", "staff group", "band"),
    Field.START_DATE: (
        "start date",
        "started",
        "date started",
        "date of appointment",
        "appointed",
        "employment start",
        "hire date",
        "date joined",
        "joined",
    ),
    Field.LEAVE_DATE: (
        "leave date",
        "left",
        "date left",
        "leaving date",
        "end date",
        "termination date",
        "employment end",
    ),
    Field.COURSE: (
        "course",
        "course code",
        "course title",
        "course name",
        "module",
        "module name",
        "training",
        "training course",
        "event",
        "session",
        "programme",
    ),
    Field.DATE: (
        "date",
        "course date",
        "session date",
        "date attended",
        "attended on",
        "completion date",
        "completed",
        "completed on",
        "date completed",
        "completion",
        "training date",
        "date of completion",
        "completed date",
        "date of training",
    ),
    Field.STATUS: (
        "status",
        "attendance",
        "attended",
        "outcome",
        "result",
        "completion status",
        "attendance status",
        "present",
        "signed in",
    ),
}


def header_key(text: object) -> str:
    """What two spellings of one header have in common: 'Collar No.' is 'collar number',
    'Attended (Y/N)' is 'attended', 'Forename(s)' is 'forename'."""
    lowered = clean_text(text).lower().replace("_", " ").replace("e-mail", "email")
    lowered = re.sub(r"\([^)]*\)", " ", lowered).replace("#", " number ")
    words = re.sub(r"[^a-z0-9 ]", " ", lowered).split()
    return " ".join(_NUMBER_WORDS.get(word, word) for word in words)


_NUMBER_WORDS = {"no": "number", "num": "number", "nbr": "number", "ref": "reference"}


_BY_KEY = {header_key(s): field for field, spellings in SYNONYMS.items() for s in spellings}


@dataclass(frozen=True)
class ColumnMap:
    """Where the header row is and which column (0-based) holds each field."""

    header_row: int  # as the user numbers rows (1-based)
    columns: dict[Field, int]
    headers: tuple[str, ...]  # the header text as written, for messages

    def column_name(self, field: Field) -> str:
        return self.headers[self.columns[field]]

    def unmatched(self) -> list[str]:
        used = set(self.columns.values())
        return [h for i, h in enumerate(self.headers) if h and i not in used]


HeaderMeanings = Mapping[str, Field | None]  # header text -> field; None: the column is unread


def match_columns(
    headers: Sequence[object], saved: HeaderMeanings | None = None
) -> dict[Field, int]:
    """Each field's column; the first column wins when two mean the same.

    The saved mapping's word comes before the synonyms: a column it names takes its field even
    from an earlier column the synonyms match, and a column it maps to None is not read at all.
    """
    saved_by_key = {header_key(text): field for text, field in (saved or {}).items()}
    keys = [header_key(header) for header in headers]
    columns: dict[Field, int] = {}
    for index, key in enumerate(keys):
        field = saved_by_key.get(key)
        if field is not None and field not in columns:
            columns[field] = index
    for index, key in enumerate(keys):
        field = None if key in saved_by_key else _BY_KEY.get(key)
        if field is not None and field not in columns:
            columns[field] = index
    return dict(sorted(columns.items(), key=lambda item: item[1]))


def find_header(
    rows: Iterable[tuple[int, tuple[object, ...]]],
    saved: HeaderMeanings | None = None,
) -> tuple[ColumnMap | None, list[tuple[int, tuple[object, ...]]]]:
    """The best header among the first rows, and the rows read past it (to be reused).

    The header is the row that names the most fields (at least two); title rows, blank rows
    and merged banner cells above it score lower and are skipped.
    """
    seen: list[tuple[int, tuple[object, ...]]] = []
    best: ColumnMap | None = None
    for number, values in rows:
        seen.append((number, values))
        columns = match_columns(values, saved)
        if len(columns) >= 2 and (best is None or len(columns) > len(best.columns)):
            best = ColumnMap(number, columns, tuple(clean_text(v) for v in values))
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    if best is None:
        return None, seen
    return best, [row for row in seen if row[0] > best.header_row]
