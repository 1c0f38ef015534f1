"""Importing an agency's spreadsheet: preview every row, commit in one transaction, undo.

The preview reads the file once and classifies each row as new, update, duplicate (already
recorded), skipped (nothing to record) or error (with column and reason); nothing is written.
The commit re-checks the planned rows against the database inside its own transaction, so a
preview that has gone stale cannot write twice, and records every change it makes so that undo
restores exactly what was there.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import cached_property
from itertools import islice
from operator import itemgetter
from pathlib import Path
from typing import TypeVar

from storage import models as m
from storage.repositories import Identity
from training.access import (
    Permission,
    agency_filter,
    principal_of,
    require_agency,
    requires,
)
from training.agencies import named_agency
from training.errors import ValidationError
from training.imports.candidates import (
    Candidate,
    ImportKind,
    Problem,
    RowReader,
    is_blank_or_note,
)
from training.imports.files import Sheet, SpreadsheetRefused, open_spreadsheet
from training.imports.headers import ColumnMap, Field, HeaderMeanings, find_header
from training.imports.matching import Directory, KnownPerson, name_index, reference_variants
from training.imports.normalise import name_key, reference_key
from training.imports.plans import Plan, Plans
from training.imports.results import Outcome, RowResult, RowResults
from training.progress import (
    Cancelled,
    CancelledByUser,
    Progress,
    never_cancelled,
    no_progress,
)
from training.staff import SINCE_ALWAYS
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors

CHUNK_ROWS = 2_000  # rows checked against the database together; progress is told per chunk

REQUIRED: dict[ImportKind, tuple[tuple[Field, ...], ...]] = {
    # each inner tuple: at least one of these fields must have a column
    ImportKind.STAFF: ((Field.STAFF_REF, Field.EMAIL, Field.LAST_NAME, Field.FULL_NAME),),
    ImportKind.ATTENDANCE: ((Field.STAFF_REF, Field.EMAIL, Field.LAST_NAME, Field.FULL_NAME),),
    ImportKind.ELEARNING: (
        (Field.STAFF_REF, Field.EMAIL, Field.LAST_NAME, Field.FULL_NAME),
        (Field.COURSE,),
        (Field.DATE,),
    ),
}


T = TypeVar("T")
Key = int | str | tuple[object, ...]  # what makes two rows the same record (see _key)
SAME_NAME = "="  # a row gives its matched person's own name (a name key never has "=")
_WRITES = (Outcome.NEW, Outcome.UPDATE)


@dataclass
class ImportPreview:
    file: Path
    sha256: str
    kind: ImportKind
    agency_id: int
    agency: str
    sheet: str
    columns: ColumnMap
    results: RowResults
    already_imported_as: int | None  # the live batch that imported this same file
    session_id: int | None = None
    create_people: bool = False
    course: str | None = None  # for files that name no course: every row is on this one
    rejected_values: dict[int, tuple[object, ...]] = field(default_factory=dict)
    _plans: Plans = field(default_factory=Plans, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome.value: self.results.count(outcome) for outcome in Outcome}

    @property
    def errors(self) -> list[RowResult]:
        return [r for r in self.results if r.outcome is Outcome.ERROR]


@dataclass(frozen=True)
class ImportSummary:
    batch_id: int | None
    added: int
    updated: int
    duplicates: int
    skipped: int
    rejected: int

    def __str__(self) -> str:
        if self.batch_id is None:
            return (
                f"Nothing new to import ({self.duplicates} already recorded, "
                f"{self.rejected} rejected)."
            )
        return (
            f"Import {self.batch_id}: {self.added} added, {self.updated} updated, "
            f"{self.duplicates} already recorded, {self.skipped} skipped, {self.rejected} rejected."
        )


# --- reading ----------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _choose_sheet(
    path: Path, sheets: list[Sheet], kind: ImportKind, saved: HeaderMeanings
) -> tuple[Sheet, ColumnMap, list[tuple[int, tuple[object, ...]]]]:
    """The first sheet whose header names the columns this import needs."""
    for sheet in sheets:
        header, rest = find_header(sheet.rows, saved)
        if header is not None and _missing(header, kind) == []:
            return sheet, header, rest
    wanted = " and ".join("/".join(f.value for f in choice) for choice in _missing(None, kind))
    raise ValidationError(
        path.name,
        {
            "columns": f"no sheet has a header row naming {wanted} (checked the first 30 rows "
            "of each sheet); add those column headings, or map the columns"
        },
        outcome="cannot be imported",
    )


def _missing(header: ColumnMap | None, kind: ImportKind) -> list[tuple[Field, ...]]:
    present = set(header.columns) if header else set()
    return [choice for choice in REQUIRED[kind] if not present.intersection(choice)]


def _rows(
    sheet: Sheet, first: list[tuple[int, tuple[object, ...]]]
) -> Iterator[tuple[int, tuple[object, ...]]]:
    yield from first
    yield from sheet.rows


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Pause Python's automatic cycle collection while many rows are worked through.

    It would otherwise sweep the ever larger preview again and again, for nothing: the rows
    make no reference cycles. That sweeping was 5% of an import of 100,000 rows. The database
    queries do leave cycles, so each chunk ends with ``_collect_young_cycles``.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _collect_young_cycles() -> None:
    """Free the cycles made since the last chunk; what survives is never swept again."""
    gc.collect(1)


def _chunks(items: Iterable[T]) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, CHUNK_ROWS)):
        yield chunk


# --- planning against the database -------------------------------------------------------------


class _Catalogue:
    """Courses by code and by title, with 'did you mean' for typos (suggest only, never match)."""

    def __init__(self, courses: Sequence[m.Course]) -> None:
        self.by_key = {c.code.casefold(): c for c in courses}
        self.by_key.update({c.title.casefold(): c for c in courses})
        self.found: dict[str, m.Course | str] = {}  # a file names a few courses many times

    def find(self, text: str) -> m.Course | str:
        if text not in self.found:
            self.found[text] = self._find(text)
        return self.found[text]

    def _find(self, text: str) -> m.Course | str:
        course = self.by_key.get(text.casefold())
        if course is not None:
            return course
        close = get_close_matches(text.casefold(), list(self.by_key), n=1, cutoff=0.75)
        hint = (
            f"; did you mean {self.by_key[close[0]].code} ({self.by_key[close[0]].title})?"
            if close
            else ""
        )
        return f"{text!r} is not a course code or title in the catalogue{hint}"


class _Planner:
    """Resolves the rows a preview reads: who they mean, and which course or session."""

    def __init__(self, uow: UnitOfWork, preview: ImportPreview) -> None:
        self.uow = uow
        self.preview = preview
        self.longest_zero_led_ref = uow.staff.longest_zero_led_ref(preview.agency_id)
        self.names = _AgencyNames(uow, preview.agency_id)
        self.directory = Directory([], self.names)
        self.catalogue = _Catalogue(uow.courses.list())
        self.roles = {r.name.casefold(): r.id for r in uow.roles.list()}
        self.session = uow.sessions.get(preview.session_id) if preview.session_id else None
        self.sessions_on_day: dict[tuple[int, dt.date], list[m.TrainingSession]] = {}
        self.days: dict[dt.date, dt.date] = {}  # one object a day: files repeat a few days often

    def look_up(self, rows: Iterable[Candidate]) -> None:
        """Fetch the people these rows name by reference or email, to plan the rows against.

        Only a chunk's people are ever held: a large agency's staff list never is. A row's
        email is looked up only when its reference is not known, as matching goes no further.
        """
        rows = list(rows)
        refs: set[str] = set()
        for row in rows:
            if row.staff_ref:
                refs |= reference_variants(row.staff_ref, self.longest_zero_led_ref)
        agency_id = self.preview.agency_id
        people = self.uow.staff.identities_matching(agency_id, refs, ())
        known = {reference_key(ref) for _, ref, *_ in people if ref}
        emails = {
            row.email
            for row in rows
            if row.email and not (row.staff_ref and reference_key(row.staff_ref) in known)
        }
        people += self.uow.staff.identities_matching(agency_id, (), emails)
        self.directory = Directory(map(_known_person, dict.fromkeys(people)), self.names)

    def plan(self, row: Candidate) -> tuple[Plan, str] | RowResult:
        """The row's plan with the name it gives (for duplicates to agree on), or what it is not."""
        match = self.directory.match(row)
        if match.problem:
            return RowResult(row.row, Outcome.ERROR, match.problem)
        plan = self._plan(row, match.person.id if match.person else None)
        if isinstance(plan, RowResult):
            return plan
        return plan, _name_given(row, match.person)

    def _plan(self, row: Candidate, staff_id: int | None) -> Plan | RowResult:
        if self.preview.kind is ImportKind.STAFF:
            return self._plan_staff(row, staff_id)
        if row.status is None:
            return RowResult(row.row, Outcome.SKIPPED, "not completed: nothing to record yet")
        if staff_id is None and not self.preview.create_people:
            return RowResult(
                row.row,
                Outcome.ERROR,
                (
                    f"{row.name or row.staff_ref or row.email} is not on "
                    f"{self.preview.agency}'s staff list; add them first, or allow new people"
                ),
            )
        return self._plan_record(row, staff_id)

    def _plan_staff(self, row: Candidate, staff_id: int | None) -> Plan | RowResult:
        role_id = None
        if row.role:
            role_id = self.roles.get(row.role.casefold())
            if role_id is None:
                return RowResult(
                    row.row,
                    Outcome.ERROR,
                    f"{row.role!r} is not a role; add it to the roles first",
                    self._column(Field.ROLE),
                )
        if row.start_date and row.leave_date and row.leave_date < row.start_date:
            return RowResult(
                row.row,
                Outcome.ERROR,
                "the leave date is before the start date",
                self._column(Field.LEAVE_DATE),
            )
        return Plan(row.row, staff_id, role_id=role_id, person=row)

    def _plan_record(self, row: Candidate, staff_id: int | None) -> Plan | RowResult:
        if self.session is not None:
            session_id, course_id = self.session.id, self.session.course_id
            day = self.session.ends_at.date()
        else:
            typed = row.course or self.preview.course or ""
            course = self.catalogue.find(typed) if typed else "no course is given"
            if isinstance(course, str):
                return RowResult(row.row, Outcome.ERROR, course, self._column(Field.COURSE))
            if row.day is None:
                return RowResult(
                    row.row, Outcome.ERROR, "no date is given", self._column(Field.DATE)
                )
            day, course_id = self.days.setdefault(row.day, row.day), course.id
            session_id = None
            if self.preview.kind is ImportKind.ATTENDANCE and course.delivery_mode != "e-learning":
                sessions = self._sessions(course.id, row.day)
                if len(sessions) != 1:
                    what = "no session" if not sessions else f"{len(sessions)} sessions"
                    return RowResult(
                        row.row,
                        Outcome.ERROR,
                        (
                            f"{what} of {course.code} on {row.day:%d/%m/%Y}; "
                            + (
                                "add the session first"
                                if not sessions
                                else "import for one session"
                            )
                        ),
                        self._column(Field.DATE),
                    )
                session_id = sessions[0].id
        return Plan(
            row.row,
            staff_id,
            course_id,
            session_id,
            day if row.status == "attended" else None,
            row.status,
            person=None if staff_id else row,
        )

    def _column(self, field: Field) -> str | None:
        """The file's own heading for the field, to point the user at the cell."""
        columns = self.preview.columns
        return columns.column_name(field) if field in columns.columns else None

    def _sessions(self, course_id: int, day: dt.date) -> list[m.TrainingSession]:
        key = (course_id, day)
        if key not in self.sessions_on_day:
            self.sessions_on_day[key] = list(self.uow.sessions.on_day(course_id, day))
        return self.sessions_on_day[key]


def _known_person(identity: Identity) -> KnownPerson:
    i, ref, email, first, last = identity
    return KnownPerson(i, ref or "", email, sys.intern(first), sys.intern(last))


class _AgencyNames(Mapping[str, tuple[KnownPerson, ...]]):
    """The agency's staff by name, fetched the first time a row has only a name to go on."""

    def __init__(self, uow: UnitOfWork, agency_id: int) -> None:
        self.uow, self.agency_id = uow, agency_id

    @cached_property
    def _index(self) -> dict[str, tuple[KnownPerson, ...]]:
        return name_index(map(_known_person, self.uow.staff.identities(self.agency_id)))

    def __getitem__(self, key: str) -> tuple[KnownPerson, ...]:
        return self._index[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class _Checker:
    """Whether planned rows are new, changes or duplicates: of rows before them in the file, and
    of what the database holds.

    The database is asked a chunk of rows at a time, about the people in those rows only, so a
    large agency's history of records is never held in memory all at once.
    """

    def __init__(self, uow: UnitOfWork, kind: ImportKind) -> None:
        self.uow, self.kind = uow, kind
        self.records: dict[Key, tuple[int, str]] = {}  # key -> (id, status)
        # Each key's first row in this file, times two, plus one if that row gave a name: one
        # number, as a file of 100,000 rows has as many keys. The name itself is kept only where
        # it is not the matched person's own (SAME_NAME), which is seldom.
        self.seen: dict[Key, int] = {}
        self.other_names: dict[int, str] = {}  # row -> the name it gave

    def load(self, plans: Iterable[Plan]) -> None:
        """What the database holds for these plans, in place of the last chunk's."""
        stored = self.uow.attendances.on(*_known_people_on(plans))
        self.records = {
            _key(staff_id, course_id, session_id, day): (rid, status)
            for rid, staff_id, course_id, session_id, day, status in stored
        }

    def classify(self, plan: Plan, name: str) -> RowResult:
        """The row against those before it in the file (with the name it gives), then stored."""
        key = self._key(plan)
        first = self.seen.get(key)
        if first is not None:
            first_row, first_named = divmod(first, 2)
            first_name = self.other_names.get(first_row, SAME_NAME) if first_named else ""
            if name and first_name and name != first_name:
                return RowResult(
                    plan.row,
                    Outcome.ERROR,
                    (
                        f"row {first_row} has the same person under another name; correct the "
                        "reference or the name"
                    ),
                )
            return RowResult(plan.row, Outcome.DUPLICATE, f"the same as row {first_row}")
        self.seen[key] = plan.row * 2 + bool(name)
        if name and name != SAME_NAME:
            self.other_names[plan.row] = name
        return self._against_stored(plan, key)

    def recheck(self, plan: Plan) -> Outcome:
        """A previewed row against what is stored now (something may have been recorded since)."""
        return self._against_stored(plan, self._key(plan)).outcome

    def _key(self, plan: Plan) -> Key:
        who = plan.staff_id or _person_key(_person(plan))
        if self.kind is ImportKind.STAFF:
            return who
        return _key(who, plan.course_id, plan.session_id, plan.day)

    def _against_stored(self, plan: Plan, key: Key) -> RowResult:
        if self.kind is ImportKind.STAFF:
            return self._classify_person(plan)
        existing = self.records.get(key) if plan.staff_id else None
        if existing is None:
            reason = str(plan.status) if plan.staff_id else f"new person; {plan.status}"
            return RowResult(plan.row, Outcome.NEW, reason)
        if existing[1] == plan.status:
            return RowResult(plan.row, Outcome.DUPLICATE, "already recorded")
        return RowResult(plan.row, Outcome.UPDATE, f"{existing[1]} → {plan.status}")

    def _classify_person(self, plan: Plan) -> RowResult:
        if plan.staff_id is None:
            return RowResult(plan.row, Outcome.NEW, "new staff member")
        person = found(self.uow.staff.get(plan.staff_id), "staff member", plan.staff_id)
        changes = _staff_changes(person, plan)
        if not changes:
            return RowResult(plan.row, Outcome.DUPLICATE, "unchanged")
        return RowResult(plan.row, Outcome.UPDATE, "changes " + ", ".join(changes))


def _key(
    staff: int | str, course_id: int | None, session_id: int | None, day: dt.date | None
) -> Key:
    """One attendance: a person on a session, or a person's completion of a course on a day.

    A known person's is packed into one number (bit fields wide enough for any id or date),
    which takes a third of the memory of a tuple.
    """
    if isinstance(staff, int):
        if session_id is not None and session_id < 1 << 41:
            return (staff << 41 | session_id) << 1 | 1
        if session_id is None and course_id is not None and course_id < 1 << 24:
            ordinal = day.toordinal() if day else 0  # < 2**22: dates end at 31/12/9999
            return ((staff << 24 | course_id) << 22 | ordinal) << 1
    return (staff, session_id) if session_id is not None else (staff, course_id, day)


def _name_given(row: Candidate, person: KnownPerson | None) -> str:
    """The name a row gives: "" if none, SAME_NAME if the matched person's own, else its key."""
    given = name_key(row.first_name, row.last_name)
    if given and person is not None and given == name_key(person.first_name, person.last_name):
        return SAME_NAME
    return given


def _known_people_on(plans: Iterable[Plan]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """The (staff, course) of the plans' completions and (staff, session) of their places."""
    courses, sessions = set(), set()
    for plan in plans:
        if plan.staff_id is None or plan.course_id is None:
            continue
        if plan.session_id is None:
            courses.add((plan.staff_id, plan.course_id))
        else:
            sessions.add((plan.staff_id, plan.session_id))
    return courses, sessions


def _person_key(row: Candidate) -> str:
    return f"new:{row.staff_ref or row.email or row.name.casefold()}"


def _person(plan: Plan) -> Candidate:
    """The row as read, which a plan keeps when it adds or changes a person."""
    assert plan.person is not None, f"row {plan.row} was planned without its person"
    return plan.person


def _staff_values(plan: Plan) -> dict[str, object]:
    row = _person(plan)
    values: dict[str, object] = {
        "first_name": row.first_name,
        "last_name": row.last_name,
        "staff_ref": row.staff_ref or None,
        "email": row.email,
        "job_title": row.job_title,
        "start_date": row.start_date,
        "leave_date": row.leave_date,
    }
    # A column the file lacks or leaves empty never erases what is stored.
    return {k: v for k, v in values.items() if v not in (None, "")}


def _staff_changes(person: m.StaffMember, plan: Plan) -> list[str]:
    changes = [
        name.replace("_", " ")
        for name, value in _staff_values(plan).items()
        if getattr(person, name) != value
    ]
    current = max(person.roles, key=lambda spell: spell.effective_from, default=None)
    if plan.role_id is not None and (current is None or current.role_id != plan.role_id):
        changes.append("role")
    return changes


# --- the use cases ------------------------------------------------------------------------------


@requires(Permission.RECORD_ATTENDANCE)
def preview_import(
    uow: UnitOfWork,
    path: Path,
    kind: ImportKind,
    agency: str,
    *,
    session_id: int | None = None,
    course: str | None = None,
    create_people: bool = False,
    mapping: HeaderMeanings | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> ImportPreview:
    """Read the file and classify every row; nothing is written.

    ``mapping`` is the user's word on what a header means (header text -> field); it wins over
    the agency's saved mapping, which wins over the built-in synonyms, and is saved on commit.
    """
    path = Path(path)
    with uow:
        found_agency = named_agency(uow, agency, path.name, "cannot be imported")
        require_agency(uow, found_agency.id)
        if session_id is not None:
            found(uow.sessions.get(session_id), "session", session_id)
        remembered = uow.column_mappings.for_agency(found_agency.id, kind.value)
        saved: dict[str, Field | None] = {
            header: Field(name) for header, name in remembered.items()
        }
        saved.update(mapping or {})
        if not path.is_file():
            raise SpreadsheetRefused(path, "the file does not exist")
        sha = _sha256(path)
        live = uow.import_batches.live_with_hash(sha, found_agency.id)
        with open_spreadsheet(path) as sheets, _cycle_collection_paused():
            sheet, columns, first = _choose_sheet(path, sheets, kind, saved)
            preview = ImportPreview(
                file=path,
                sha256=sha,
                kind=kind,
                agency_id=found_agency.id,
                agency=found_agency.name,
                sheet=sheet.name,
                columns=columns,
                results=RowResults(),
                already_imported_as=live.id if live else None,
                session_id=session_id,
                create_people=create_people,
                course=course,
            )
            planner = _Planner(uow, preview)
            checker = _Checker(uow, kind)
            reader = RowReader(columns, kind, epoch_1904=sheet.epoch_1904)
            count = 0
            for chunk in _chunks(_rows(sheet, first)):
                _preview_chunk(preview, planner, checker, reader, chunk)
                _collect_young_cycles()
                count += len(chunk)
                progress(count, 0, f"Checked {count:,} rows")
                if cancelled():
                    raise CancelledByUser
        return preview


def _preview_chunk(
    preview: ImportPreview,
    planner: _Planner,
    checker: _Checker,
    reader: RowReader,
    rows: list[tuple[int, tuple[object, ...]]],
) -> None:
    """Read and plan a chunk of rows, then check the planned ones against the database."""
    read = [
        (number, values, reader.read(number, values))
        for number, values in rows
        if not is_blank_or_note(values)
    ]
    planner.look_up(row for _, _, row in read if isinstance(row, Candidate))
    planned = [(number, values, _plan_row(planner, number, row)) for number, values, row in read]
    checker.load(item[0] for _, _, item in planned if isinstance(item, tuple))
    for number, values, item in planned:
        if isinstance(item, RowResult):
            result = item
        else:
            result = checker.classify(*item)
            if result.outcome in _WRITES:
                preview._plans.append(item[0])
        preview.results.append(result)
        if result.outcome is Outcome.ERROR:
            preview.rejected_values[number] = values


def _plan_row(
    planner: _Planner, number: int, candidate: Candidate | list[Problem]
) -> RowResult | tuple[Plan, str]:
    """The row's plan with the name it gives (for duplicates to agree on), or what it is not."""
    if isinstance(candidate, list):
        return _error(number, candidate)
    return planner.plan(candidate)


def _error(number: int, problems: list[Problem]) -> RowResult:
    """Every problem in the reason, those in a cell first: the row's column is the first of
    them (a row can have no one to name and a bad date: the user is pointed at the date)."""
    problems = sorted(problems, key=lambda p: p.column is None)  # stable: file order otherwise
    reason = "; ".join(
        p.message if p.column is None else f"{p.column}: {p.message}" for p in problems
    )
    return RowResult(number, Outcome.ERROR, reason, problems[0].column)


@requires(Permission.RECORD_ATTENDANCE)
def commit_import(
    uow: UnitOfWork,
    preview: ImportPreview,
    *,
    imported_by: str | None = None,
    now: dt.datetime | None = None,
    progress: Progress = no_progress,
) -> ImportSummary:
    """Write the preview's new and changed rows in one transaction, as one undoable batch.

    The rows are checked against the database again first: whatever someone recorded since the
    preview becomes a duplicate, never a second copy. Nothing new means no batch at all.
    """
    counts = preview.counts
    require_agency(uow, preview.agency_id)
    with uow, storage_failures_as_user_errors(preview.file.name), _cycle_collection_paused():
        outcomes = _recheck(_Checker(uow, preview.kind), preview._plans)
        writes = sum(outcome in _WRITES for outcome in outcomes)
        stale = len(preview._plans) - writes
        if not writes:
            return ImportSummary(
                None, 0, 0, counts["duplicate"] + stale, counts["skipped"], counts["error"]
            )
        batch = uow.import_batches.add(
            m.ImportBatch(
                kind=preview.kind.value,
                agency_id=preview.agency_id,
                file_name=preview.file.name,
                sha256=preview.sha256,
                imported_by=imported_by or principal_of(uow).user_name,
                imported_at=now or dt.datetime.now().replace(microsecond=0),
            )
        )
        writer = _Writer(uow, preview, batch.id)
        done = 0
        for plan, outcome in zip(preview._plans, outcomes, strict=True):
            if outcome in _WRITES:
                writer.write(plan, outcome)
                done += 1
                if done % CHUNK_ROWS == 0:
                    writer.flush()
                    progress(done, writes, f"Saved {done:,} of {writes:,} rows")
        writer.finish()
        for header_field, index in preview.columns.columns.items():
            uow.column_mappings.remember(
                preview.agency_id,
                preview.kind.value,
                preview.columns.headers[index],
                header_field.value,
            )
        batch.added, batch.updated = writer.added, writer.updated
        batch.rejected = counts["error"]
        uow.commit()
        return ImportSummary(
            batch.id,
            writer.added,
            writer.updated,
            counts["duplicate"] + stale,
            counts["skipped"],
            counts["error"],
        )


def _recheck(checker: _Checker, plans: Plans) -> list[Outcome]:
    """Each previewed row's outcome now, a chunk of rows at a time."""
    outcomes: list[Outcome] = []
    for chunk in _chunks(plans):
        checker.load(chunk)
        outcomes += [checker.recheck(plan) for plan in chunk]
    return outcomes


class _Writer:
    """Applies planned rows; new attendance goes in bulk, every change is logged for undo."""

    def __init__(self, uow: UnitOfWork, preview: ImportPreview, batch_id: int) -> None:
        self.uow, self.preview, self.batch_id = uow, preview, batch_id
        self.new_records: list[dict[str, object]] = []
        self.changes: list[dict[str, object]] = []
        self.created: dict[str, int] = {}
        self.added = self.updated = 0

    def write(self, plan: Plan, outcome: Outcome) -> None:
        if outcome is Outcome.NEW:
            self.added += 1
        else:
            self.updated += 1
        if self.preview.kind is ImportKind.STAFF:
            self._write_person(plan)
            return
        staff_id = plan.staff_id or self._create_person(plan)
        if outcome is Outcome.NEW:
            self.new_records.append(
                {
                    "staff_id": staff_id,
                    "course_id": plan.course_id,
                    "session_id": plan.session_id,
                    "status": plan.status,
                    "completed_on": plan.day,
                    "import_batch_id": self.batch_id,
                    "note": "",
                    "version": 1,
                }
            )
            return
        record = self._existing_record(staff_id, plan)
        self._log(
            "attendance",
            record.id,
            "updated",
            {"status": record.status, "completed_on": _iso(record.completed_on)},
        )
        record.status, record.completed_on = plan.status or record.status, plan.day

    def _existing_record(self, staff_id: int, plan: Plan) -> m.Attendance:
        if plan.session_id is not None:
            record = self.uow.attendances.on_session(staff_id, plan.session_id)
        else:
            assert plan.course_id is not None and plan.day is not None
            record = self.uow.attendances.completion(staff_id, plan.course_id, plan.day)
        return found(record, "attendance record", staff_id)

    def _create_person(self, plan: Plan) -> int:
        key = _person_key(_person(plan))
        if key not in self.created:
            self.created[key] = self._write_person(plan)
        return self.created[key]

    def _write_person(self, plan: Plan) -> int:
        values = _staff_values(plan)
        if plan.staff_id is None:
            person = self.uow.staff.add(m.StaffMember(agency_id=self.preview.agency_id, **values))
            self._log("staff_member", person.id, "added", {})
        else:
            person = found(self.uow.staff.get(plan.staff_id), "staff member", plan.staff_id)
            before = {
                k: _iso(getattr(person, k)) for k in values if getattr(person, k) != values[k]
            }
            if before:
                self._log("staff_member", person.id, "updated", before)
                for name, value in values.items():
                    setattr(person, name, value)
        current = max(person.roles, key=lambda spell: spell.effective_from, default=None)
        if plan.role_id is not None and (current is None or current.role_id != plan.role_id):
            since = (
                (_person(plan).start_date or SINCE_ALWAYS) if current is None else dt.date.today()
            )
            spell = m.StaffRole(role_id=plan.role_id, effective_from=since)
            person.roles.append(spell)
            self.uow.flush()
            self._log("staff_role", spell.id, "added", {})
        self.uow.flush()
        return person.id

    def _log(self, kind: str, record_id: int, action: str, previous: dict[str, object]) -> None:
        self.changes.append(
            {
                "batch_id": self.batch_id,
                "record_kind": kind,
                "record_id": record_id,
                "action": action,
                "previous": json.dumps(previous) if previous else "",
            }
        )

    def flush(self) -> None:
        """Write the new records and the changes logged so far; the next chunk starts afresh."""
        self.new_records.sort(key=itemgetter("staff_id"))  # neighbours in the indexes
        self.uow.bulk_insert(m.Attendance, self.new_records)
        self.uow.flush()
        self.uow.bulk_insert(m.ImportChange, self.changes)
        self.new_records, self.changes = [], []

    def finish(self) -> None:
        """Flush, then log every new record at once: the database knows them by their batch."""
        self.flush()
        self.uow.import_batches.log_added_attendance(self.batch_id)


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, dt.date) else value


def _from_iso(name: str, value: object) -> object:
    if name in ("start_date", "leave_date", "completed_on") and isinstance(value, str):
        return dt.date.fromisoformat(value)
    return value


@dataclass(frozen=True)
class BatchView:
    id: int
    kind: str
    agency_id: int | None
    file_name: str
    sha256: str
    imported_by: str
    imported_at: dt.datetime
    added: int
    updated: int
    rejected: int
    undone_at: dt.datetime | None


@requires(Permission.RECORD_ATTENDANCE)
def list_batches(uow: UnitOfWork) -> list[BatchView]:
    """Every import (for an agency lead, their own agency's)."""
    scope = agency_filter(uow, None)
    with uow:
        return [
            BatchView(
                b.id,
                b.kind,
                b.agency_id,
                b.file_name,
                b.sha256,
                b.imported_by,
                b.imported_at,
                b.added,
                b.updated,
                b.rejected,
                b.undone_at,
            )
            for b in uow.import_batches.list()
            if scope is None or b.agency_id == scope
        ]


@requires(Permission.RECORD_ATTENDANCE)
def undo_import(uow: UnitOfWork, batch_id: int, *, now: dt.datetime | None = None) -> int:
    """Put back exactly what the batch changed; the number of records restored or removed."""
    with uow, storage_failures_as_user_errors(f"Import {batch_id}"):
        batch = found(uow.import_batches.get(batch_id), "import", batch_id)
        require_agency(uow, batch.agency_id)
        if batch.undone_at is not None:
            raise ValidationError(
                f"Import {batch_id}",
                {"import": f"was already undone on {batch.undone_at:%d/%m/%Y %H:%M}"},
                outcome="cannot be undone",
            )
        changes = uow.import_batches.changes(batch_id)
        uow.attendances.delete_ids(
            [c.record_id for c in changes if c.record_kind == "attendance" and c.action == "added"]
        )
        for change in changes:
            _undo(uow, batch_id, change)
        uow.import_batches.forget_changes(batch_id)  # spent: the batch stays in the history
        batch.undone_at = now or dt.datetime.now().replace(microsecond=0)
        uow.commit()
        return len(changes)


def _undo(uow: UnitOfWork, batch_id: int, change: m.ImportChange) -> None:
    previous = json.loads(change.previous) if change.previous else {}
    if change.record_kind == "attendance" and change.action == "updated":
        record = uow.attendances.get(change.record_id)
        if record is not None:
            for name, value in previous.items():
                setattr(record, name, _from_iso(name, value))
    elif change.record_kind == "staff_member":
        person = uow.staff.get(change.record_id)
        if person is None:
            return
        if change.action == "updated":
            for name, value in previous.items():
                setattr(person, name, _from_iso(name, value))
            return
        if uow.attendances.for_staff(person.id):
            raise ValidationError(
                f"Import {batch_id}",
                {
                    "staff": (
                        f"{person.first_name} {person.last_name}, added by this import, now "
                        "has training records from elsewhere; undo those first"
                    )
                },
                outcome="cannot be undone",
            )
        uow.staff.delete(person)
    elif change.record_kind == "staff_role":
        uow.staff.delete_spell(change.record_id)
    elif change.record_kind == "evaluation":  # added by an import of evaluations
        evaluation = uow.evaluations.get(change.record_id)
        if evaluation is not None:
            uow.evaluations.delete(evaluation)
    uow.flush()
