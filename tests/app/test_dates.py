"""Dates as officers type them, read by the one function every date field uses."""

from __future__ import annotations

import datetime as dt

import pytest

from app.dates import DateKind, format_date, parse_date

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    "text",
    [
        "15/03/1985",
        "15.03.1985",
        "15-03-1985",
        "15 03 1985",
        "15031985",
        "15/3/1985",
        "1985-03-15",
        " 15 / 3 / 85 ",
        "15/3/85",
        "150385",
    ],
)
def test_every_way_of_typing_a_birth_date(text: str) -> None:
    assert parse_date(text, DateKind.PAST, TODAY) == dt.date(1985, 3, 15)


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("01/01/26", DateKind.PAST, dt.date(2026, 1, 1)),  # this year, already past
        ("24/11/26", DateKind.PAST, dt.date(1926, 11, 24)),  # tomorrow: a century ago
        ("15/3/05", DateKind.PAST, dt.date(2005, 3, 15)),
        ("15/3/85", DateKind.NEAR, dt.date(1985, 3, 15)),  # 41 years ago: within 50
        ("15/3/40", DateKind.NEAR, dt.date(2040, 3, 15)),  # an expiry in 14 years
        ("15/3/70", DateKind.NEAR, dt.date(2070, 3, 15)),  # 44 years ahead, not 56 back
        ("15/3/77", DateKind.NEAR, dt.date(1977, 3, 15)),  # 50.3 years ahead: 49.7 back
        ("29/02/00", DateKind.PAST, dt.date(2000, 2, 29)),
    ],
)
def test_a_two_digit_year_takes_the_century_the_field_needs(
    text: str, kind: DateKind, day: dt.date
) -> None:
    assert parse_date(text, kind, TODAY) == day


@pytest.mark.parametrize(
    "text",
    [
        "",
        "31/02/1985",  # no such day
        "15/13/1985",
        "1985",
        "1531985",  # 7 digits: 1/5/31985? 15/3/1985? not guessed
        "15/03/985",
        "15/03-1985",  # two different separators
        "١٥/٠٣/١٩٨٥",  # digits of another script
        "15/03/1985 10:00",
        "ngày 15",
        "29/02/1985",
    ],
)
def test_what_is_not_one_day_is_none(text: str) -> None:
    assert parse_date(text, DateKind.PAST, TODAY) is None


def test_shown_back_as_papers_print_it() -> None:
    assert format_date(dt.date(1985, 3, 5)) == "05/03/1985"
    assert format_date(parse_date("5.3.85", DateKind.PAST, TODAY) or TODAY) == "05/03/1985"
