"""Importing a form tool's export of evaluations onto one session: preview, then commit.

The preview reads the file once and classifies each row as new, duplicate (the same response
earlier in the file, or already recorded), skipped (no answers at all) or error (with column
and reason); nothing is written. The commit re-checks the rows in its own transaction and
saves the new ones as one import batch, which ``undo_import`` takes back.

An evaluation has no column for the form's own response id, so "already recorded" means an
evaluation of the session with the same respondent, date, ratings and comments: as many of the
file's identical responses as the session already holds are duplicates, the rest are new. So
importing the same file twice adds nothing, and a later export of the same form adds only the
responses given since. Within the file, a response is the same as an earlier row when it has
the same response id (or, with no id column, when every cell is the same).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from exports.rejected_rows import RejectedRow
from storage import models as m
from training.access import Permission, principal_of, requires
from training.errors import ValidationError
from training.evaluation_import.columns import ColumnChoices, EvaluationField, QuestionMap
from training.evaluation_import.export_file import file_sha256, read_export
from training.evaluation_import.responses import Answers, Cells, ResponseReader, is_response
from training.evaluations import ANONYMOUS, TOOK_PART
from training.imports.candidates import Problem
from training.imports.normalise import clean_email
from training.imports.rejects import problem_text, save_rejected_rows
from training.imports.results import Outcome, RowResult
from training.progress import Cancelled, CancelledByUser, Progress, never_cancelled, no_progress
from training.quality import LONG_TEXT
from training.transactions import UnitOfWork, found, storage_failures_as_user_errors

KIND = "evaluations"  # the kind of the import batches
PROGRESS_ROWS = 500
OUTCOMES = (Outcome.NEW, Outcome.DUPLICATE, Outcome.SKIPPED, Outcome.ERROR)  # never an update


@dataclass(frozen=True)
class Response:
    """A row's answers as they would be saved, and who they are from."""

    answers: Answers
    submitted_on: dt.date
    staff_id: int | None = None
    respondent: str = ANONYMOUS
    note: str = "anonymous"  # how the respondent was decided

    @property
    def key(self) -> tuple[object, ...]:
        """What an evaluation already recorded must hold to be this response."""
        answers = self.answers
        return (self.staff_id, self.submitted_on, *answers.ratings, answers.comments)


@dataclass(frozen=True)
class PreviewRow:
    result: RowResult
    response: Response | None = None  # what the row says, when it could be read


@dataclass
class EvaluationPreview:
    file: Path
    sha256: str
    session_id: int
    session: str  # the session as the user knows it: day, course and trainer
    sheet: str
    questions: QuestionMap  # each column with what it is read as (and its scale's labels)
    rows: list[PreviewRow]
    already_imported_as: int | None  # the live import batch of this very file
    anonymous: bool = False  # every response kept anonymous, whatever its email
    rejected_values: dict[int, Cells] = field(default_factory=dict)
    _candidates: list[tuple[int, Response]] = field(default_factory=list, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        counted = Counter(row.result.outcome for row in self.rows)
        return {outcome.value: counted[outcome] for outcome in OUTCOMES}

    @property
    def errors(self) -> list[RowResult]:
        return [row.result for row in self.rows if row.result.outcome is Outcome.ERROR]


@dataclass(frozen=True)
class EvaluationImportSummary:
    batch_id: int | None
    added: int
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
            f"Import {self.batch_id}: {self.added} responses added, {self.duplicates} already "
            f"recorded, {self.skipped} skipped, {self.rejected} rejected."
        )


@dataclass(frozen=True)
class _Person:
    staff_id: int
    name: str


# --- the session --------------------------------------------------------------------------


def _session(uow: UnitOfWork, session_id: int, path: Path) -> m.TrainingSession:
    session = found(uow.sessions.get(session_id), "session", session_id)
    if session.status == "cancelled":
        raise ValidationError(
            path.name,
            {"session": "was cancelled, so it cannot be evaluated: choose the session held"},
            outcome="cannot be imported",
        )
    return session


def _session_text(session: m.TrainingSession) -> str:
    trainer = f" ({session.trainer})" if session.trainer else ""
    return f"{session.starts_at:%d/%m/%Y} {session.course.code} {session.course.title}{trainer}"


def _register(uow: UnitOfWork, session_id: int) -> dict[str, _Person | None]:
    """Who took part, by email; None for an email two of them share (it names no one)."""
    people: dict[str, _Person | None] = {}
    for record in uow.attendances.for_session(session_id):
        if record.status not in TOOK_PART:
            continue
        person = found(uow.staff.get(record.staff_id), "staff member", record.staff_id)
        if email := clean_email(person.email):
            known = _Person(person.id, f"{person.first_name} {person.last_name}")
            people[email] = None if email in people else known
    return people


# --- the preview --------------------------------------------------------------------------


class _Against:
    """Whether responses are new: against what the session holds (each evaluation's ``key``),
    and earlier rows naming the same person. Responses are classified in file order."""

    def __init__(self, stored: Iterable[tuple[object, ...]], email: str | None) -> None:
        keys = list(stored)
        self.remaining = Counter(keys)
        self.named = {key[0] for key in keys if key[0] is not None}
        self.first_rows: dict[object, int] = {}  # staff id -> the row that named them first
        self.email = email  # the email column's heading, where a respondent problem is

    def classify(self, row: int, response: Response) -> RowResult:
        key = response.key
        if self.remaining[key]:
            self.remaining[key] -= 1
            return RowResult(row, Outcome.DUPLICATE, "already recorded")
        staff_id = response.staff_id
        if staff_id is not None:
            if staff_id in self.named:
                return RowResult(
                    row,
                    Outcome.ERROR,
                    f"{response.respondent} has already given feedback on this session "
                    "(different answers): keep one of them",
                    self.email,
                )
            first = self.first_rows.setdefault(staff_id, row)
            if first != row:
                return RowResult(
                    row,
                    Outcome.ERROR,
                    f"{response.respondent} answered in row {first} too: keep one of the rows",
                    self.email,
                )
        return RowResult(row, Outcome.NEW, response.note)


def _stored(uow: UnitOfWork, session_id: int) -> list[tuple[object, ...]]:
    """The key of each evaluation the session holds (as ``Response.key``)."""
    return [_stored_key(evaluation) for evaluation, _ in uow.evaluations.on_sessions([session_id])]


def _stored_key(evaluation: m.Evaluation) -> tuple[object, ...]:
    return (
        evaluation.staff_id,
        evaluation.submitted_on,
        evaluation.overall_rating,
        evaluation.content_rating,
        evaluation.trainer_rating,
        evaluation.confidence_before,
        evaluation.confidence_after,
        evaluation.comments,
    )


@dataclass(frozen=True)
class _Planner:
    """Turns a row's answers into the response to save, or says why not."""

    day: dt.date  # the session's
    register: Mapping[str, _Person | None]
    questions: QuestionMap
    anonymous: bool
    today: dt.date

    def plan(self, answers: Answers) -> Response | RowResult:
        row = answers.row
        if answers.is_empty():
            return RowResult(row, Outcome.SKIPPED, "no ratings or comments: nothing to record")
        day = self.day
        submitted = answers.submitted_on or day
        column = self.header(EvaluationField.SUBMITTED_ON)
        if submitted < day:
            return RowResult(
                row,
                Outcome.ERROR,
                f"{submitted:%d/%m/%Y} is before the session on {day:%d/%m/%Y}: is this the "
                "export of another session's form?",
                column,
            )
        if submitted > self.today:
            return RowResult(row, Outcome.ERROR, f"{submitted:%d/%m/%Y} is in the future", column)
        if len(answers.comments) > LONG_TEXT:
            return RowResult(
                row,
                Outcome.ERROR,
                f"the comments are longer than {LONG_TEXT:,} characters: shorten them",
                self.header(EvaluationField.COMMENTS),
            )
        return Response(answers, submitted, *self._respondent(answers.email))

    def _respondent(self, email: str) -> tuple[int | None, str, str]:
        if self.anonymous:
            return None, ANONYMOUS, "anonymous (emails ignored)"
        if not email:
            return None, ANONYMOUS, "anonymous"
        if email not in self.register:
            return None, ANONYMOUS, f"anonymous: {email} is not on the session's register"
        person = self.register[email]
        if person is None:
            return None, ANONYMOUS, f"anonymous: {email} is shared by two people on the register"
        return person.staff_id, person.name, f"from {person.name}"

    def header(self, field: EvaluationField) -> str | None:
        column = self.questions.first(field)
        return column.header if column else None


@requires(Permission.QUALITY_ASSURE)
def preview_evaluations(
    uow: UnitOfWork,
    path: Path | str,
    session_id: int,
    *,
    choices: ColumnChoices | None = None,
    anonymous: bool = False,
    today: dt.date | None = None,
    progress: Progress = no_progress,
    cancelled: Cancelled = never_cancelled,
) -> EvaluationPreview:
    """Read the export and classify every response to the session; nothing is written.

    ``choices`` is the user's word on what a column holds (heading -> field, None: not read),
    before the wording rules. ``anonymous`` keeps every response anonymous, emails or not.
    """
    path = Path(path)
    with uow:
        session = _session(uow, session_id, path)
        day, session_text = session.starts_at.date(), _session_text(session)
        register = _register(uow, session_id)
        stored = _stored(uow, session_id)
        sha = file_sha256(path)
        live = uow.import_batches.live_with_hash(sha, None)
        imported_as = live.id if live else None
    export = read_export(path, choices)
    questions = export.questions
    rows = [(number, values) for number, values in export.rows if is_response(values)]
    reader = ResponseReader(questions, [values for _, values in rows], epoch_1904=export.epoch_1904)
    preview = EvaluationPreview(
        file=path,
        sha256=sha,
        session_id=session_id,
        session=session_text,
        sheet=export.sheet,
        questions=_with_scales(questions, reader),
        rows=[],
        already_imported_as=imported_as,
        anonymous=anonymous,
    )
    planner = _Planner(day, register, questions, anonymous, today or dt.date.today())
    against = _Against(stored, planner.header(EvaluationField.EMAIL))
    seen: dict[object, int] = {}  # a response's identity -> the row it is first in
    for done, (number, values) in enumerate(rows, start=1):
        _preview_row(preview, reader, planner, against, seen, number, values)
        if done % PROGRESS_ROWS == 0:
            progress(done, len(rows), f"Checked {done:,} of {len(rows):,} rows")
            if cancelled():
                raise CancelledByUser
    return preview


def _with_scales(questions: QuestionMap, reader: ResponseReader) -> QuestionMap:
    columns = tuple(
        dataclasses.replace(column, scale=reader.scale_text(column.index))
        for column in questions.columns
    )
    return QuestionMap(questions.header_row, columns)


def _preview_row(
    preview: EvaluationPreview,
    reader: ResponseReader,
    planner: _Planner,
    against: _Against,
    seen: dict[object, int],
    number: int,
    values: Cells,
) -> None:
    answers = reader.read(number, values)
    response: Response | None = None
    if isinstance(answers, list):
        result = _error(number, answers)
    elif (first := seen.setdefault(answers.response_id or values, number)) != number:
        result = RowResult(number, Outcome.DUPLICATE, f"the same response as row {first}")
    else:
        planned = planner.plan(answers)
        if isinstance(planned, RowResult):
            result = planned
        else:
            response = planned
            result = against.classify(number, response)
            preview._candidates.append((number, response))
    preview.rows.append(PreviewRow(result, response))
    if result.outcome is Outcome.ERROR:
        preview.rejected_values[number] = values


def _error(number: int, problems: list[Problem]) -> RowResult:
    reason = "; ".join(
        p.message if p.column is None else f"{p.column}: {p.message}" for p in problems
    )
    return RowResult(number, Outcome.ERROR, reason, problems[0].column)


# --- the commit ---------------------------------------------------------------------------


@requires(Permission.QUALITY_ASSURE)
def commit_evaluations(
    uow: UnitOfWork,
    preview: EvaluationPreview,
    *,
    imported_by: str | None = None,
    now: dt.datetime | None = None,
    progress: Progress = no_progress,
) -> EvaluationImportSummary:
    """Save the preview's new responses in one transaction, as one import batch that can be
    undone. They are checked again first: a response recorded since the preview is a
    duplicate now, never a second copy. Nothing new means no batch at all."""
    counts = preview.counts
    with uow, storage_failures_as_user_errors(preview.file.name):
        _session(uow, preview.session_id, preview.file)
        email = preview.questions.first(EvaluationField.EMAIL)
        against = _Against(_stored(uow, preview.session_id), email.header if email else None)
        new = [
            response
            for row, response in preview._candidates
            if against.classify(row, response).outcome is Outcome.NEW
        ]
        duplicates = counts[Outcome.DUPLICATE.value] + counts[Outcome.NEW.value] - len(new)
        skipped, rejected = counts[Outcome.SKIPPED.value], counts[Outcome.ERROR.value]
        if not new:
            return EvaluationImportSummary(None, 0, duplicates, skipped, rejected)
        progress(0, len(new), f"Saving {len(new):,} responses")
        batch = uow.import_batches.add(
            m.ImportBatch(
                kind=KIND,
                agency_id=None,
                file_name=preview.file.name,
                sha256=preview.sha256,
                imported_by=imported_by or principal_of(uow).user_name,
                imported_at=now or dt.datetime.now().replace(microsecond=0),
                added=len(new),
                rejected=rejected,
            )
        )
        ids = uow.insert_returning_ids(
            m.Evaluation, [_evaluation_row(preview.session_id, r) for r in new]
        )
        uow.bulk_insert(
            m.ImportChange,
            [
                {
                    "batch_id": batch.id,
                    "record_kind": "evaluation",
                    "record_id": evaluation_id,
                    "action": "added",
                    "previous": "",
                }
                for evaluation_id in ids
            ],
        )
        uow.commit()
        progress(len(new), len(new), f"Saved {len(new):,} responses")
        return EvaluationImportSummary(batch.id, len(new), duplicates, skipped, rejected)


def _evaluation_row(session_id: int, response: Response) -> dict[str, object]:
    answers = response.answers
    return {
        "session_id": session_id,
        "staff_id": response.staff_id,
        "submitted_on": response.submitted_on,
        "overall_rating": answers.overall_rating,
        "content_rating": answers.content_rating,
        "trainer_rating": answers.trainer_rating,
        "confidence_before": answers.confidence_before,
        "confidence_after": answers.confidence_after,
        "comments": answers.comments,
        "version": 1,
    }


# --- the rejected rows --------------------------------------------------------------------


def rejected_responses(preview: EvaluationPreview) -> list[RejectedRow]:
    """Each rejected row: its number in the file, its cells as the file held them, its problem."""
    return [
        (result.row, preview.rejected_values.get(result.row, ()), problem_text(result))
        for result in preview.errors
    ]


def export_rejected_responses(preview: EvaluationPreview, path: Path | str) -> int:
    """Write the rejected rows under the file's own header row to ``path`` (an .xlsx file)."""
    return save_rejected_rows(path, preview.questions.headers, rejected_responses(preview))
