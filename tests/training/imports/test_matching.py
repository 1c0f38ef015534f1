from training.imports.candidates import Candidate
from training.imports.matching import Directory, KnownPerson, name_index, reference_variants

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


def test_a_reference_matches_whatever_leading_zeros_either_side_has():
    directory = Directory([KnownPerson(4, "004411", "", "Ann", "Bell")])
    assert directory.match(row(ref="4411")).person.id == 4
    assert Directory([KnownPerson(5, "4411", "", "Ann", "Bell")]).match(row(ref="04411")).by == (
        "reference"
    )


def test_an_exact_reference_wins_over_one_with_other_zeros():
    directory = Directory(
        [KnownPerson(6, "0123", "", "Ann", "Bell"), KnownPerson(7, "123", "", "Bo", "Dee")]
    )
    assert directory.match(row(ref="0123")).person.id == 6
    assert directory.match(row(ref="123")).person.id == 7
    assert "matches 2 staff members" in directory.match(row(ref="00123")).problem


def test_reference_variants_cover_every_zero_padding_up_to_the_longest_stored():
    assert reference_variants("4411", 6) == {"4411", "04411", "004411"}
    assert reference_variants("04411", 5) == {"04411", "4411"}
    assert reference_variants("AB12", 9) == {"AB12"}


def test_a_shared_name_index_is_used_instead_of_the_directorys_own():
    directory = Directory([], names=name_index([JO]))
    assert directory.match(row(first="Jo", last="OBrien")).person == JO
