import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.imports.normalise import (
    clean_email,
    clean_name,
    clean_reference,
    clean_text,
    name_key,
)


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("  SARAH  ", "Sarah"),
        ("o'brien", "O'Brien"),
        ("SMITH-JONES", "Smith-Jones"),
        ("mcdonald", "McDonald"),
        ("VAN DER BERG", "van der Berg"),
        ("DeShawn", "DeShawn"),
        ("Amélie", "Amélie"),
        ("jones,", "Jones"),
    ],
)
def test_names_are_tidied_without_undoing_deliberate_capitals(typed, clean):
    assert clean_name(typed) == clean


def test_control_and_invisible_characters_go():
    assert clean_text("Sam\u200b\tLee\x00 \r\n") == "Sam Lee"


def test_emails_and_references():
    assert clean_email(" Mailto:Sam.Lee@Police.Example ") == "sam.lee@police.example"
    assert clean_reference(" ab 1234 ") == "AB1234"
    assert clean_reference(1234.0) == "1234"


def test_name_keys_ignore_case_accents_and_punctuation():
    assert name_key("Amélie", "O'Brien") == name_key("AMELIE", "obrien")


@given(st.text(max_size=60))
def test_cleaning_is_idempotent(text):
    assert clean_name(clean_name(text)) == clean_name(text)
    assert clean_text(clean_text(text)) == clean_text(text)


def test_invisible_marks_vanish_and_addresses_in_angles_are_found():
    assert clean_text("Jo\u200bhn\u00ad") == "John"
    assert clean_email("Sam Lee <Sam.Lee@X.org>;") == "sam.lee@x.org"


def test_all_digit_references_ignore_leading_zeros():
    from training.imports.normalise import reference_key

    assert reference_key("04411") == reference_key("4411") == "4411"
    assert reference_key("0000") == "0000"
    assert reference_key("AB0012") == "AB0012"
