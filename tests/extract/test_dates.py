"""resolve_date: news conventions on top of dateparser."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threadline.extract.dates import is_date, resolve_date
from threadline.vocabulary import WEEKDAYS

THURSDAY = datetime.date(2024, 3, 14)


@pytest.mark.parametrize(
    ("expression", "value", "precision"),
    [
        ("on Sunday", "2024-03-10", "day"),
        ("late on Sunday", "2024-03-10", "day"),
        ("early Monday", "2024-03-11", "day"),
        ("Wednesday night", "2024-03-13", "day"),
        ("on Thursday", "2024-03-14", "day"),  # the publication day itself
        ("last Thursday", "2024-03-07", "day"),  # strictly before
        ("yesterday", "2024-03-13", "day"),
        ("on March 2", "2024-03-02", "day"),
        ("on December 25", "2023-12-25", "day"),  # a day still to come is last year's
        ("since October 17", "2023-10-17", "day"),
        ("Aug. 1, 2022", "2022-08-01", "day"),
        ("in February", "2024-02", "month"),
        ("in late January", "2024-01", "month"),
        ("in June", "2023-06", "month"),  # June is still to come in March
        ("in June 2014", "2014-06", "month"),
        ("earlier this month", "2024-03", "month"),
        ("last month", "2024-02", "month"),
        ("last week", "2024-03-04", "range"),
        ("in 2019", "2019", "year"),
        ("last year", "2023", "year"),
    ],
)
def test_resolves_against_the_publication_date(expression, value, precision):
    date = resolve_date(expression, THURSDAY)
    assert (date.value, date.precision, date.expression) == (value, precision, expression)


@pytest.mark.parametrize("expression", ["on Sunday", "last week", "yesterday", "in February", "on March 2"])
def test_without_a_publication_date_only_a_stated_year_resolves(expression):
    date = resolve_date(expression, None)
    assert (date.value, date.precision, date.expression) == (None, "unknown", expression)


def test_a_stated_year_resolves_without_a_publication_date():
    assert resolve_date("on March 2, 2021", None).value == "2021-03-02"
    assert resolve_date("in 2012", None).value == "2012"


@pytest.mark.parametrize(
    "expression", ["40 days", "for years", "half a decade", "the past few hours", "13-year"]
)
def test_durations_are_no_dates(expression):
    assert not is_date(expression)
    assert resolve_date(expression, THURSDAY).value is None


@given(
    published=st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2090, 1, 1)),
    weekday=st.sampled_from(WEEKDAYS),
)
def test_a_weekday_is_the_most_recent_such_day_on_or_before_publication(published, weekday):
    value = resolve_date(f"on {weekday.title()}", published).value
    day = datetime.date.fromisoformat(value)
    assert day.weekday() == WEEKDAYS.index(weekday)
    assert 0 <= (published - day).days <= 6


def test_an_expression_with_no_time_word_is_no_date():
    from threadline.extract.dates import is_date

    assert not is_date("northern Niger")
    assert not is_date("in Turbat")
    assert is_date("late on Sunday") and is_date("last week") and is_date("in 2021") and is_date("Aug. 1")
    assert not is_date("for 40 days")
