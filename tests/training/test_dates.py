import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from training.dates import add_months, lapsed_through, uk

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))


def test_a_day_the_month_lacks_falls_to_its_last_day():
    assert add_months(dt.date(2023, 1, 31), 1) == dt.date(2023, 2, 28)
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2023, 11, 30), 3) == dt.date(2024, 2, 29)


def test_months_can_be_taken_away():
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 1, 15), -13) == dt.date(2022, 12, 15)


@given(completed=days, on=days, months=st.integers(min_value=1, max_value=120))
def test_lapsed_through_is_exactly_the_expiry_test(completed, on, months):
    lapsed = add_months(completed, months) <= on
    assert lapsed == (completed <= lapsed_through(on, months))


def test_uk_dates():
    assert uk(dt.date(2026, 3, 4)) == "04/03/2026"
    assert uk(None) == ""
