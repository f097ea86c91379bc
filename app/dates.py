"""A day as an officer types it: 15/03/1985, 15.03.1985, 15031985, 15/3/85 (or 1985-03-15).

One function reads every date of a dossier request, in the window and on the
command line alike (the request model calls it), so a date that is accepted in
one is accepted in the other. A two-digit year is read in the century that makes
sense for the field: a birth or issue date is in the past (``DateKind.PAST``); an
expiry date lies within 50 years of today (``DateKind.NEAR``). A text that is
not one real day is ``None``, never a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

# The separators people type between day, month and year; the same one twice.
_SEPARATED = re.compile(r"([0-9]{1,2})\s*([/.\- ])\s*([0-9]{1,2})\s*\2\s*([0-9]{4}|[0-9]{2})")
_ISO = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
_RUN = re.compile(r"[0-9]{8}|[0-9]{6}")  # ddmmyyyy or ddmmyy, no separators
NEAR_YEARS = 50
# The days the program counts and prints (a day near year 9999 would overflow when the due
# date or the day after is computed): the request model's bounds and the command line's.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


class DateKind(StrEnum):
    PAST = "past"  # birth, issue and decision dates: a two-digit year is not in the future
    NEAR = "near"  # expiry and receipt dates: a two-digit year within 50 years of today


def parse_date(
    text: str, kind: DateKind = DateKind.NEAR, today: dt.date | None = None
) -> dt.date | None:
    """The day ``text`` names, or None when it names none (or more than one)."""
    text = text.strip()
    today = today or dt.date.today()
    if match := _ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _day(year, month, day)
    if match := _SEPARATED.fullmatch(text):
        day_text, _separator, month_text, year_text = match.groups()
    elif _RUN.fullmatch(text):
        day_text, month_text, year_text = text[:2], text[2:4], text[4:]
    else:
        return None
    day, month = int(day_text), int(month_text)
    if len(year_text) == 4:
        return _day(int(year_text), month, day)
    return _two_digit_year(int(year_text), month, day, kind, today)


def format_date(day: dt.date) -> str:
    """The day as Vietnamese papers print it: dd/mm/yyyy."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _two_digit_year(
    short: int, month: int, day: int, kind: DateKind, today: dt.date
) -> dt.date | None:
    century = today.year // 100 * 100
    candidates = [
        found
        for start in (century - 100, century, century + 100)
        if (found := _day(start + short, month, day)) is not None
    ]
    if kind is DateKind.PAST:
        past = [found for found in candidates if found <= today]
        return max(past) if past else None
    limit = dt.timedelta(days=round(NEAR_YEARS * 365.25))
    near = [found for found in candidates if abs(found - today) <= limit]
    return min(near, key=lambda found: abs(found - today)) if near else None
