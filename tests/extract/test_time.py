"""Dates: relative expressions against the publication date, absolute ones without it."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitroom.extract.time import DateValue, find_date, resolve_date

PUBLISHED = datetime(2023, 6, 28, 9, 30)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday", DateValue("2023-06-27", "day")),
        ("on Wednesday", DateValue("2023-06-28", "day")),
        ("yesterday", DateValue("2023-06-27", "day")),
        ("last week", DateValue("2023-06-19/2023-06-25", "range")),
        ("last year", DateValue("2022", "year")),
        ("last month", DateValue("2023-05", "month")),
        ("on 27 June", DateValue("2023-06-27", "day")),
        ("June 2023", DateValue("2023-06", "month")),
        ("in May", DateValue("2023-05", "month")),
        (
            "From March of the previous year through April of this year",
            DateValue("2022-03-01/2023-04-30", "range"),
        ),
    ],
)
def test_expressions_resolve_against_the_publication_date(text: str, expected: DateValue) -> None:
    assert resolve_date(text, PUBLISHED) == expected


def test_a_weekday_named_on_the_publication_day_is_that_day() -> None:
    assert resolve_date("Wednesday", PUBLISHED) == DateValue("2023-06-28", "day")


@pytest.mark.parametrize(
    "text", ["the failed march on Moscow", "March on Moscow", "who may benefit", "May benefit"]
)
def test_march_on_and_modal_may_are_not_dates(text: str) -> None:
    assert resolve_date(text, PUBLISHED) is None


def test_without_publication_date_relative_dates_stay_none() -> None:
    assert resolve_date("Tuesday", None) is None
    assert resolve_date("last year", None) is None


def test_without_publication_date_absolute_dates_still_parse() -> None:
    assert resolve_date("27 June 2023", None) == DateValue("2023-06-27", "day")
    assert resolve_date("June 12, 2022", None) == DateValue("2022-06-12", "day")
    assert resolve_date("in 2021", None) == DateValue("2021", "year")


def test_find_date_prefers_a_month_range_in_the_sentence() -> None:
    sentence = "From January of last year through June of this year, the ministry funded the militia."
    assert find_date(sentence, ["this year"], PUBLISHED) == DateValue("2022-01-01/2023-06-30", "range")


def test_find_date_reads_date_entities_in_order() -> None:
    assert find_date("Strikes hit Kyiv on Tuesday.", ["Tuesday"], PUBLISHED) == DateValue("2023-06-27", "day")
