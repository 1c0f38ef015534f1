"""Importing evaluations from form tools' exports onto a session: preview, commit, undo, rejects.

On SQLite and PostgreSQL; the exports are written by openpyxl (tests/evaluation_exports.py).
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tests.builders import basics
from tests.evaluation_exports import (
    AFTER,
    BEFORE,
    COMMENTS,
    MS_FORMS,
    OVERALL,
    TRAINER,
    csv_export,
    held_session,
    ms_forms_row,
    xlsx_export,
)
from training import catalogue
from training.errors import NotFoundError, ValidationError
from training.evaluation_import.columns import EvaluationField
from training.evaluation_import.export_file import QuestionsNotFound
from training.evaluation_import.importing import (
    commit_evaluations,
    export_rejected_responses,
    preview_evaluations,
)
from training.evaluations import (
    EvaluationDraft,
    enter_evaluation,
    list_evaluations,
    respondents,
)
from training.imports.files import SpreadsheetRefused
from training.imports.importing import list_batches, undo_import

DAY = dt.date(2025, 6, 10)
TODAY = dt.date(2025, 7, 1)


def outcomes(preview) -> list[tuple[int, str]]:
    return [(row.result.row, row.result.outcome.value) for row in preview.rows]


def first_on_register(uow, session_id: int) -> int:
    return respondents(uow, session_id)[0].staff_id


def saved(uow, session_id: int) -> list[tuple[object, ...]]:
    return sorted(
        (e.respondent, e.overall_rating, e.trainer_rating, e.confidence_before,
         e.confidence_after, e.comments)
        for e in list_evaluations(uow, [session_id])
    )  # fmt: skip


@pytest.fixture
def held(uow) -> tuple[int, list[str]]:
    """A session on DAY that two people attended: its id and their emails."""
    return held_session(uow, basics(uow), DAY)


def test_a_microsoft_forms_export_is_imported_named_and_anonymous(uow, held, tmp_path):
    session_id, (alex, _) = held
    export = xlsx_export(
        tmp_path / "CSE feedback.xlsx",
        MS_FORMS,
        [
            ms_forms_row(1, "4 - Good", 5, "Slightly confident", "Very confident", "Clear",
                         email=alex),
            ms_forms_row(2, "Very good", "4", 2, 4),
            ms_forms_row(3, 3, 3, 3, 3, email="someone.else@example.org"),
        ],
    )  # fmt: skip
    preview = preview_evaluations(uow, export, session_id, today=TODAY)
    assert outcomes(preview) == [(2, "new"), (3, "new"), (4, "new")]
    assert [row.result.reason for row in preview.rows] == [
        "from Alex Person0",
        "anonymous",
        "anonymous: someone.else@example.org is not on the session's register",
    ]
    read_as = {c.header: c.field for c in preview.questions.columns}
    assert read_as[OVERALL] is EvaluationField.OVERALL and read_as["Name"] is None
    assert list_evaluations(uow, [session_id]) == []  # the preview writes nothing

    summary = commit_evaluations(uow, preview)
    assert (summary.added, summary.duplicates, summary.rejected) == (3, 0, 0)
    assert saved(uow, session_id) == [
        ("Alex Person0", 4, 5, 2, 4, "Clear"),
        ("Anonymous", 3, 3, 3, 3, ""),
        ("Anonymous", 5, 4, 2, 4, ""),
    ]
    assert [e.submitted_on for e in list_evaluations(uow, [session_id])] == [DAY] * 3


def test_importing_the_same_export_twice_adds_nothing_and_undo_takes_it_back(uow, held, tmp_path):
    session_id, _ = held
    rows = [ms_forms_row(1), ms_forms_row(2)]  # two anonymous people answering alike
    export = xlsx_export(tmp_path / "feedback.xlsx", MS_FORMS, rows)
    first = commit_evaluations(uow, preview_evaluations(uow, export, session_id, today=TODAY))
    assert first.added == 2 and first.batch_id is not None

    again = preview_evaluations(uow, export, session_id, today=TODAY)
    assert outcomes(again) == [(2, "duplicate"), (3, "duplicate")]
    assert again.already_imported_as == first.batch_id
    nothing = commit_evaluations(uow, again)
    assert (nothing.batch_id, nothing.added, nothing.duplicates) == (None, 0, 2)

    later = xlsx_export(tmp_path / "later.xlsx", MS_FORMS, [*rows, ms_forms_row(3)])
    assert outcomes(preview_evaluations(uow, later, session_id, today=TODAY)) == [
        (2, "duplicate"),
        (3, "duplicate"),
        (4, "new"),
    ]
    [batch] = [b for b in list_batches(uow) if b.id == first.batch_id]
    assert (batch.kind, batch.agency_id, batch.added) == ("evaluations", None, 2)
    assert undo_import(uow, first.batch_id) == 2
    assert list_evaluations(uow, [session_id]) == []


def test_the_same_response_twice_in_the_file_is_a_duplicate(uow, held, tmp_path):
    session_id, _ = held
    export = xlsx_export(
        tmp_path / "feedback.xlsx", MS_FORMS, [ms_forms_row(1), ms_forms_row(1), ms_forms_row(2)]
    )
    preview = preview_evaluations(uow, export, session_id, today=TODAY)
    assert outcomes(preview) == [(2, "new"), (3, "duplicate"), (4, "new")]
    assert preview.rows[1].result.reason == "the same response as row 2"


def test_bad_cells_are_errors_naming_the_row_and_column_and_go_back_as_rejects(uow, held, tmp_path):
    session_id, _ = held
    export = xlsx_export(
        tmp_path / "feedback.xlsx",
        MS_FORMS,
        [
            ms_forms_row(1, overall=7),
            ms_forms_row(2, trainer="Superb", after="8/10"),
            ms_forms_row(3, day=DAY - dt.timedelta(days=1)),
            ms_forms_row(4, day=TODAY + dt.timedelta(days=1)),
            ms_forms_row(5, None, None, None, None, "N/A"),
            ms_forms_row(6),
        ],
    )
    preview = preview_evaluations(uow, export, session_id, today=TODAY)
    assert outcomes(preview) == [
        (2, "error"), (3, "error"), (4, "error"), (5, "error"), (6, "skipped"), (7, "new"),
    ]  # fmt: skip
    errors = {e.row: (e.column, e.reason) for e in preview.errors}
    assert errors[2] == (OVERALL, f"{OVERALL}: '7' is not from 1 to 5")
    assert errors[3][0] == TRAINER and f"{AFTER}: '8/10' is out of 10" in errors[3][1]
    assert errors[4] == (
        "Completion time",
        "09/06/2025 is before the session on 10/06/2025: is this the export of another "
        "session's form?",
    )
    assert errors[5] == ("Completion time", "02/07/2025 is in the future")

    rejects = tmp_path / "rejected.xlsx"
    assert export_rejected_responses(preview, rejects) == 4
    sheet = openpyxl.load_workbook(rejects).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Row in your file", *MS_FORMS, "Problem")
    assert [row[0] for row in rows[1:]] == [2, 3, 4, 5]
    assert rows[1][-1] == f"{OVERALL}: '7' is not from 1 to 5"
    assert commit_evaluations(uow, preview).added == 1


def test_a_named_respondent_gives_feedback_once(uow, held, tmp_path):
    session_id, (alex, sam) = held
    enter_evaluation(
        uow,
        EvaluationDraft(
            session_id, DAY, overall_rating=2, staff_id=first_on_register(uow, session_id)
        ),
    )
    export = xlsx_export(
        tmp_path / "feedback.xlsx",
        MS_FORMS,
        [ms_forms_row(1, email=alex), ms_forms_row(2, email=sam), ms_forms_row(3, 5, email=sam)],
    )
    preview = preview_evaluations(uow, export, session_id, today=TODAY)
    assert outcomes(preview) == [(2, "error"), (3, "new"), (4, "error")]
    assert preview.errors[0].reason == (
        "Alex Person0 has already given feedback on this session (different answers): "
        "keep one of them"
    )
    assert preview.errors[1].reason == "Alex Person1 answered in row 3 too: keep one of the rows"
    assert {e.column for e in preview.errors} == {"Email"}

    kept_anonymous = preview_evaluations(uow, export, session_id, anonymous=True, today=TODAY)
    assert outcomes(kept_anonymous) == [(2, "new"), (3, "new"), (4, "new")]


def test_a_response_recorded_after_the_preview_is_not_saved_twice(uow, held, tmp_path):
    session_id, _ = held
    export = xlsx_export(
        tmp_path / "feedback.xlsx", MS_FORMS, [ms_forms_row(1), ms_forms_row(2, 5)]
    )
    preview = preview_evaluations(uow, export, session_id, today=TODAY)
    enter_evaluation(  # the same answers as row 2, entered by hand meanwhile
        uow,
        EvaluationDraft(session_id, DAY, overall_rating=4, trainer_rating=5,
                        confidence_before=2, confidence_after=4),
    )  # fmt: skip
    summary = commit_evaluations(uow, preview)
    assert (summary.added, summary.duplicates) == (1, 1)
    assert len(list_evaluations(uow, [session_id])) == 2


def test_a_google_forms_csv_and_the_users_column_choices(uow, held, tmp_path):
    session_id, (alex, _) = held
    export = csv_export(
        tmp_path / "responses.csv",
        ("Timestamp", "Email address", "Overall score", "Confidence before", "Confidence after",
         "Anything you would change?", "Feedback for the trainer"),
        [
            ("2025/06/10 16:15:32 PM GMT+1", alex, "5", "1", "4", "Longer breaks", "Brilliant"),
            ("2025/06/11 09:01:02 AM GMT+1", "", "Good", "2", "3", "", "Clear"),
        ],
    )  # fmt: skip
    by_wording = preview_evaluations(uow, export, session_id, today=TODAY)
    read_as = {c.header: c.field for c in by_wording.questions.columns}
    assert read_as["Overall score"] is EvaluationField.OVERALL
    assert read_as["Confidence before"] is EvaluationField.BEFORE
    assert read_as["Feedback for the trainer"] is EvaluationField.COMMENTS

    chosen = preview_evaluations(
        uow,
        export,
        session_id,
        choices={"Feedback for the trainer": None, "Anything you would change?": None},
        today=TODAY,
    )
    assert outcomes(chosen) == [(2, "new"), (3, "new")]
    commit_evaluations(uow, chosen)
    [named, anonymous] = sorted(list_evaluations(uow, [session_id]), key=lambda e: e.submitted_on)
    assert (named.respondent, named.submitted_on, named.overall_rating, named.comments) == (
        "Alex Person0",
        DAY,
        5,
        "",
    )
    assert (anonymous.submitted_on, anonymous.overall_rating) == (dt.date(2025, 6, 11), 4)


def test_several_free_text_questions_become_one_comment(uow, held, tmp_path):
    session_id, _ = held
    export = xlsx_export(
        tmp_path / "feedback.xlsx",
        ("ID", "How would you rate the course overall?", "What was most useful?", COMMENTS),
        [(1, 4, "The case studies", "Thank you")],
    )
    commit_evaluations(uow, preview_evaluations(uow, export, session_id, today=TODAY))
    [evaluation] = list_evaluations(uow, [session_id])
    assert (
        evaluation.comments
        == "What was most useful?: The case studies\nAny other comments: Thank you"
    )


def test_a_file_without_questions_a_missing_file_or_a_cancelled_session_is_refused(
    uow, held, tmp_path
):
    session_id, _ = held
    names = xlsx_export(tmp_path / "names.xlsx", ("Name", "Email"), [("Sam", "s@x.org")])
    with pytest.raises(QuestionsNotFound, match="no sheet has a row of questions") as refused:
        preview_evaluations(uow, names, session_id, today=TODAY)
    assert refused.value.headings == ("Name", "Email")  # for the user to say what they hold
    with pytest.raises(SpreadsheetRefused, match="does not exist"):
        preview_evaluations(uow, tmp_path / "missing.xlsx", session_id, today=TODAY)
    with pytest.raises(NotFoundError):
        preview_evaluations(uow, names, 999_999, today=TODAY)

    held_view = next(s for s in catalogue.list_sessions(uow) if s.id == session_id)
    catalogue.save_session(
        uow,
        catalogue.SessionDraft(
            held_view.course_id, held_view.starts_at, held_view.ends_at,
            status="cancelled", trainer="J. Trainer",
        ),
        session_id=session_id,
        version=held_view.version,
    )  # fmt: skip
    export = xlsx_export(tmp_path / "feedback.xlsx", MS_FORMS, [ms_forms_row(1)])
    with pytest.raises(ValidationError, match="was cancelled"):
        preview_evaluations(uow, export, session_id, today=TODAY)


def test_before_and_after_come_from_the_confidence_questions(uow, held, tmp_path):
    session_id, _ = held
    export = xlsx_export(
        tmp_path / "feedback.xlsx",
        ("ID", BEFORE, AFTER),
        [(1, "Not at all confident", "Extremely confident")],
    )
    commit_evaluations(uow, preview_evaluations(uow, export, session_id, today=TODAY))
    [evaluation] = list_evaluations(uow, [session_id])
    assert (evaluation.confidence_before, evaluation.confidence_after) == (1, 5)
    assert evaluation.confidence_shift == 4


def test_a_surveymonkey_export_with_its_second_header_row(uow, held, tmp_path):
    session_id, _ = held
    questions = (
        "Respondent ID",
        "End Date",
        "How would you rate the course overall?",
        "The trainer was knowledgeable",
        "Any other comments",
    )
    export = xlsx_export(
        tmp_path / "surveymonkey.xlsx",
        questions,
        [
            (None, None, "Response", "Response", "Open-Ended Response"),
            (11402, "10/06/2025 16:15:32", "Excellent", "Strongly agree", "Loved it"),
            (11403, "11/06/2025 09:01:02", "Fair", "Agree", ""),
            (11404, "11/06/2025 09:30:00", "Good", "Neither agree nor disagree", ""),
        ],
    )  # fmt: skip
    preview = preview_evaluations(uow, export, session_id, today=TODAY)
    assert outcomes(preview) == [(3, "new"), (4, "new"), (5, "new")]
    overall = preview.questions.columns[2]
    assert overall.scale == "Poor = 1, Fair = 2, Good = 3, Very good = 4, Excellent = 5"
    commit_evaluations(uow, preview)
    assert sorted(
        (e.overall_rating, e.trainer_rating) for e in list_evaluations(uow, [session_id])
    ) == [(2, 4), (3, 3), (5, 5)]
