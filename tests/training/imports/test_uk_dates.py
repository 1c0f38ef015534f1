import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from training.imports.uk_dates import DateProblem, from_serial, read_date

D = dt.date


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("03/04/2025", D(2025, 4, 3)),
        ("3/4/25", D(2025, 4, 3)),
        ("03-04-2025", D(2025, 4, 3)),
        ("03.04.2025", D(2025, 4, 3)),
        (" 29/02/2024 ", D(2024, 2, 29)),
        ("2025-04-03", D(2025, 4, 3)),
        ("2025-04-03 09:30:00", D(2025, 4, 3)),
        ("03/04/2025 14:05", D(2025, 4, 3)),
        ("3 April 2025", D(2025, 4, 3)),
        ("3rd Apr 2025", D(2025, 4, 3)),
        ("3-Sep-25", D(2025, 9, 3)),
        ("3 Sept 2025", D(2025, 9, 3)),
        (dt.datetime(2025, 4, 3, 9, 30), D(2025, 4, 3)),
        (D(2025, 4, 3), D(2025, 4, 3)),
        (45750, D(2025, 4, 3)),
        (45750.75, D(2025, 4, 3)),
        (None, None),
        ("   ", None),
    ],
)
def test_uk_dates_are_read(cell, expected):
    assert read_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("31/02/2025", "not a real date"),
        ("29/02/2023", "not a real date"),
        ("04/25/2025", "month-first"),
        ("13/13/2025", "not a real date"),
        ("next Tuesday", "not a date"),
        ("3 Smarch 2025", "not a month"),
        ("01/01/2150", "outside the years"),
        (True, "not a date"),
        (-5, "not a date"),
        (float("nan"), "not a date"),
        (60, "never existed"),
    ],
)
def test_impossible_or_ambiguous_dates_are_errors_never_guesses(cell, reason):
    with pytest.raises(DateProblem, match=reason):
        read_date(cell)


def test_1904_workbooks_count_from_1904():
    assert from_serial(0 + 1, epoch_1904=True) == D(1904, 1, 2)
    assert from_serial(44288, epoch_1904=True) == from_serial(44288 + 1462)


def test_excel_1900_serials_around_the_phantom_leap_day():
    assert from_serial(1) == D(1900, 1, 1)
    assert from_serial(59) == D(1900, 2, 28)
    assert from_serial(61) == D(1900, 3, 1)


@given(st.dates(min_value=D(1901, 1, 1), max_value=D(2099, 12, 31)))
def test_every_date_written_the_uk_way_reads_back(day):
    assert read_date(day.strftime("%d/%m/%Y")) == day
    assert read_date(f"{day.day}/{day.month}/{day.year}") == day
    assert read_date(day.isoformat()) == day
    assert read_date(day.strftime("%d %B %Y")) == day


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_reason(text):
    try:
        read_date(text)
    except DateProblem as problem:
        assert str(problem)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2025-03-03T08:15:00", D(2025, 3, 3)),
        ("2025-03-03T08:15:00Z", D(2025, 3, 3)),
        ("2025-03-03 08:15:00+00:00", D(2025, 3, 3)),
        ("1/9/98", D(1998, 9, 1)),
        ("1/9/29", D(2029, 9, 1)),
        ("1/9/30", D(1930, 9, 1)),
    ],
)
def test_iso_times_and_two_digit_years_as_excel_reads_them(cell, expected):
    assert read_date(cell) == expected
