from training.imports.candidates import Candidate
from training.imports.matching import Directory, KnownPerson

SAM = KnownPerson(1, "P1", "sam.lee@police.example", "Sam", "Lee")
SAM_TOO = KnownPerson(2, "P2", "", "Sam", "Lee")
JO = KnownPerson(3, "", "jo@police.example", "Jo", "O'Brien")
DIRECTORY = Directory([SAM, SAM_TOO, JO])


def row(ref="", email="", first="", last=""):
    return Candidate(2, ref, first, last, email)


def test_the_staff_reference_decides_first():
    assert DIRECTORY.match(row(ref="P2", first="Sam", last="Lee")).person == SAM_TOO


def test_then_the_email():
    match = DIRECTORY.match(row(email="sam.lee@police.example", first="Samuel", last="Lee"))
    assert (match.person, match.by) == (SAM, "email")


def test_then_the_name_ignoring_case_and_punctuation():
    match = DIRECTORY.match(row(first="JO", last="obrien"))
    assert (match.person, match.by) == (JO, "name")


def test_a_shared_name_is_flagged_never_guessed():
    match = DIRECTORY.match(row(first="Sam", last="Lee"))
    assert match.person is None
    assert "matches 2 staff members" in match.problem
    assert "ref P1" in match.problem and "ref P2" in match.problem


def test_an_unknown_reference_with_someone_elses_email_is_flagged():
    match = DIRECTORY.match(row(ref="P9", email="sam.lee@police.example"))
    assert match.person is None
    assert "P9 is not known, but the email belongs to Sam Lee, ref P1" in match.problem


def test_an_unknown_reference_may_complete_a_person_without_one():
    assert DIRECTORY.match(row(ref="J7", email="jo@police.example")).person == JO


def test_nobody():
    assert DIRECTORY.match(row(first="Ann", last="Other")).person is None
    assert DIRECTORY.match(row(first="Ann", last="Other")).problem == ""
