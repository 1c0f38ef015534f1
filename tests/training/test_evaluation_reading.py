"""Reading a form tool's export without a database: what each question column holds, and
ratings written as numbers, "4 - Good" or labels on the scale their column uses."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.evaluation_exports import AFTER, BEFORE
from training.evaluation_import.columns import (
    EvaluationField,
    field_by_wording,
    find_question_row,
    match_columns,
)
from training.evaluation_import.ratings import RatingProblem, read_rating, scale_for
from training.evaluation_import.responses import Answers, ResponseReader, is_response

F = EvaluationField


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("ID", F.RESPONSE_ID),
        ("Respondent ID", F.RESPONSE_ID),
        ("Start time", None),
        ("Completion time", F.SUBMITTED_ON),
        ("Timestamp", F.SUBMITTED_ON),
        ("Email", F.EMAIL),
        ("Email address", F.EMAIL),
        ("Name", None),
        ("How would you rate the course overall?", F.OVERALL),
        ("Please rate the session (1-5)", F.OVERALL),
        ("The trainer's knowledge (1-5)", F.TRAINER),
        ("How well did the facilitator explain things?", F.TRAINER),
        ("How relevant was the content to your role?", F.CONTENT),
        ("The materials were useful", F.CONTENT),
        (BEFORE, F.BEFORE),
        (AFTER, F.AFTER),
        ("Your knowledge of county lines prior to the course", F.BEFORE),
        ("How confident do you feel now?", F.AFTER),
        ("Any other comments", F.COMMENTS),
        ("What could be improved?", F.COMMENTS),
        ("What will you do differently after the session?", F.COMMENTS),
        ("Who was your trainer?", None),
        ("Please rate the venue", None),
        ("How likely are you to recommend this course?", None),
    ],
)  # fmt: skip
def test_each_question_is_matched_by_its_wording(header, field):
    assert field_by_wording(header) == field


def test_a_rating_comes_from_its_first_column_but_comments_from_every_free_text_column():
    questions = match_columns(
        ["Rate the course overall", "Overall, how was the day?", "Comments", "What was best?"]
    )
    assert [c.field for c in questions.columns] == [F.OVERALL, None, F.COMMENTS, F.COMMENTS]


def test_the_users_choice_comes_before_the_wording():
    questions = match_columns(
        ["Rate the course overall", "Overall score (1-5)", "Name", "Any other comments"],
        {"overall score (1-5)": F.OVERALL, "Name": None, "Any other comments": None},
    )
    fields = [(c.field, c.chosen) for c in questions.columns]
    assert fields == [(None, False), (F.OVERALL, True), (None, True), (None, True)]


def test_the_question_row_is_found_under_title_rows():
    rows = [
        (1, ("Evaluation of CSE awareness", None)),
        (2, ()),
        (3, ("ID", "How would you rate the course overall?", "Any other comments")),
        (4, (1, 5, "Great")),
    ]
    questions, rest = find_question_row(iter(rows))
    assert questions is not None and questions.header_row == 3
    assert rest == [rows[3]]


@pytest.mark.parametrize(
    ("cell", "rating"),
    [
        (4, 4),
        (4.0, 4),
        ("4", 4),
        ("4 - Good", 4),
        ("4/5", 4),
        ("4 out of 5", 4),
        ("Good (4)", 4),
        ("Very good", 5),
        ("strongly agree", 5),
        ("Not at all confident", 1),
        (None, None),
        ("", None),
        ("N/A", None),
        ("Prefer not to say", None),
    ],
)
def test_ratings_are_read_from_numbers_and_labels(cell, rating):
    assert read_rating(cell) == rating


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        (7, "'7' is not from 1 to 5"),
        ("0", "'0' is not from 1 to 5"),
        (4.5, "'4.5' is not a whole number from 1 to 5"),
        ("8/10", "'8/10' is out of 10; the ratings here are from 1 to 5"),
        ("Superb", "'Superb' is not a rating: write a number from 1 to 5, or a label"),
        (True, "True is not a rating"),
    ],
)
def test_a_cell_that_is_not_a_rating_says_why(cell, says):
    with pytest.raises(RatingProblem, match=says.replace("(", r"\(")):
        read_rating(cell)


def test_labels_are_read_on_the_scale_their_column_uses():
    with_excellent = scale_for(["Excellent", "Good", "Fair", 3, None])
    assert with_excellent is not None
    assert [read_rating(label, with_excellent) for label in ("Fair", "Good", "Excellent")] == [
        2,
        3,
        5,
    ]
    with_average = scale_for(["Very poor", "Average", "Good"])
    assert read_rating("Good", with_average) == 4
    assert str(with_average) == "Very poor = 1, Poor = 2, Average = 3, Good = 4, Very good = 5"
    assert scale_for([4, "4 - Good", "N/A"]) is None  # numbers say the rating themselves


@given(st.integers(min_value=1, max_value=5), st.sampled_from(["", " - ", " – "]))
def test_a_number_always_says_the_rating_whatever_label_follows(number, dash):
    assert read_rating(f"{number}{dash}{'Excellent' if dash else ''}") == number


def test_a_row_is_read_with_every_problem_named_by_its_column():
    headers = ("ID", "Completion time", "Email", "Overall rating", "Trainer rating", "Comments")
    questions = match_columns(headers, {"Overall rating": F.OVERALL, "Trainer rating": F.TRAINER})
    rows = [
        (7, dt.datetime(2025, 6, 10, 16, 5), "Sam.Lee@Example.org", "Good", 5, "Useful"),
        (8, "2025/06/11 09:15:00 AM GMT+1", "anonymous", "Very good", "N/A", "n/a"),
        (9, "31/02/2025", "", "9", "Superb", ""),
    ]
    reader = ResponseReader(questions, rows)
    assert reader.read(2, rows[0]) == Answers(
        2, "7", dt.date(2025, 6, 10), "sam.lee@example.org", 4, None, 5, comments="Useful"
    )
    second = reader.read(3, rows[1])
    assert isinstance(second, Answers)
    assert (second.email, second.submitted_on, second.comments) == ("", dt.date(2025, 6, 11), "")
    problems = reader.read(4, rows[2])
    assert isinstance(problems, list)
    assert [p.column for p in problems] == ["Overall rating", "Trainer rating", "Completion time"]


def test_several_comment_columns_are_kept_each_after_its_question():
    questions = match_columns(("What was best?", "What could be improved?", "Any other comments"))
    reader = ResponseReader(questions, [])
    answers = reader.read(2, ("The case studies", "", "None"))
    assert isinstance(answers, Answers)
    assert answers.comments == "What was best?: The case studies"


def test_blank_rows_and_surveymonkeys_second_header_row_are_not_responses():
    assert not is_response((None, None, "Response", "Open-Ended Response"))
    assert not is_response((None, " ", ""))
    assert is_response((None, None, "Response", "Great day"))
    assert is_response(("Total: 20",))  # read, and skipped for want of answers
