"""Which days are working days for a public-sector office in Vietnam, and why not.

Sources, strongest first: the override table (announced after the installed
``holidays`` release, or corrections), then ``holidays`` (statutory holidays on
the Vietnamese lunar calendar, observed days and the swaps it knows), then the
Saturday/Sunday weekend. Each answer carries its reason so a due date can be
explained to the applicant.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import sys
import threading
import types
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from app.workdays.overrides import OverrideEntry, OverrideKind, load_shipped_overrides

_SATURDAY = 5


class DayKind(StrEnum):
    WORKING_DAY = "working-day"
    SWAPPED_WORKING_DAY = "swapped-working-day"  # weekend day worked for a day off elsewhere
    WEEKEND = "weekend"
    HOLIDAY = "holiday"  # statutory holiday or its observed (nghỉ bù) day
    SWAPPED_DAY_OFF = "swapped-day-off"  # weekday off, worked on a weekend day instead
    EXTRA_DAY_OFF = "extra-day-off"  # announced day off that is not paid back


WORKING_KINDS = frozenset({DayKind.WORKING_DAY, DayKind.SWAPPED_WORKING_DAY})


@dataclass(frozen=True)
class DayStatus:
    date: dt.date
    kind: DayKind
    name: str | None = None  # Vietnamese name of the holiday or announcement
    name_en: str | None = None  # English name where the source has one
    swap_with: dt.date | None = None  # the other day of a swap

    @property
    def is_working_day(self) -> bool:
        return self.kind in WORKING_KINDS


class WorkCalendar:
    """The national working-day calendar: holidays, swaps and overrides."""

    def __init__(self, overrides: Iterable[OverrideEntry] = ()) -> None:
        """``overrides`` in order of authority: a later entry for a date replaces an earlier one."""
        self._overrides: dict[dt.date, OverrideEntry] = {}
        for entry in overrides:
            self._overrides[entry.date] = entry
        # Names are taken in both languages so explanations need no translation table.
        self._vi = _vietnam()(language="vi")
        self._en = _vietnam()(language="en_US")
        self._swaps: dict[dt.date, dt.date] = _package_swaps(self._vi)
        self._cache: dict[dt.date, DayStatus] = {}

    @classmethod
    def default(cls, extra: Iterable[OverrideEntry] = ()) -> WorkCalendar:
        """``holidays`` + the shipped override table + ``extra`` (e.g. central database)."""
        return cls([*load_shipped_overrides().entries, *extra])

    @property
    def overrides(self) -> tuple[OverrideEntry, ...]:
        return tuple(self._overrides[day] for day in sorted(self._overrides))

    def with_overrides(self, extra: Iterable[OverrideEntry]) -> WorkCalendar:
        """A copy with ``extra`` entries added on top (they win over existing ones)."""
        return WorkCalendar([*self.overrides, *extra])

    def day_status(self, day: dt.date) -> DayStatus:
        status = self._cache.get(day)
        if status is None:
            status = self._cache[day] = self._compute(day)
        return status

    def is_working_day(self, day: dt.date) -> bool:
        return self.day_status(day).is_working_day

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        candidate = day + dt.timedelta(days=1)
        # Tết with weekends is the longest break, 9-10 days; a year without a
        # working day means a broken override table, not a long holiday.
        for _ in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate += dt.timedelta(days=1)
        raise ValueError(f"no working day in the year after {day.isoformat()}")

    def _compute(self, day: dt.date) -> DayStatus:
        entry = self._overrides.get(day)
        if entry is not None:
            if entry.kind is OverrideKind.WORKING_DAY:
                kind = DayKind.SWAPPED_WORKING_DAY if entry.swap_with else DayKind.WORKING_DAY
            else:
                kind = DayKind.SWAPPED_DAY_OFF if entry.swap_with else DayKind.EXTRA_DAY_OFF
            return DayStatus(day, kind, entry.name, None, entry.swap_with)
        # The lookup comes first: it makes ``holidays`` populate the year, and
        # only then is ``weekend_workdays`` complete for it.
        name = self._vi.get(day)
        weekend = day.weekday() >= _SATURDAY
        if weekend and day in self._vi.weekend_workdays:
            swapped_for = next((off for off, worked in self._swaps.items() if worked == day), None)
            return DayStatus(day, DayKind.SWAPPED_WORKING_DAY, None, None, swapped_for)
        if name is not None:
            kind = DayKind.SWAPPED_DAY_OFF if day in self._swaps else DayKind.HOLIDAY
            return DayStatus(day, kind, name, self._en.get(day), self._swaps.get(day))
        return DayStatus(day, DayKind.WEEKEND if weekend else DayKind.WORKING_DAY)


# Held while ``holidays.countries`` is stood in for (``_vietnam``): two threads building
# their first calendar must not both put their stand-in in ``sys.modules``.
_IMPORTING = threading.Lock()
_COUNTRIES = "holidays.countries"


@cache
def _vietnam() -> Any:
    """``holidays``' class of Vietnam (``VN``), without the 250 other countries.

    ``holidays.countries/__init__.py`` imports every country module (0.3 s, the largest
    part of a light command's start, issue 19), and Python runs a package's
    ``__init__`` before any module in it. While the Vietnamese module is imported, a bare
    package with the same folder stands in for ``holidays.countries``; it is taken away
    again, so whatever imports ``holidays.countries`` later gets the real package (which
    then reuses this Vietnam module). The classes are the ones ``holidays.country_holidays``
    would give."""
    vietnam = f"{_COUNTRIES}.vietnam"
    with _IMPORTING:
        if _COUNTRIES in sys.modules or vietnam in sys.modules:
            return importlib.import_module(vietnam).VN
        spec = importlib.util.find_spec(_COUNTRIES)  # imports ``holidays``, not its countries
        if spec is None or spec.submodule_search_locations is None:  # a layout we do not know
            return importlib.import_module(vietnam).VN
        stand_in = types.ModuleType(_COUNTRIES)
        stand_in.__path__ = list(spec.submodule_search_locations)
        sys.modules[_COUNTRIES] = stand_in
        try:
            return importlib.import_module(vietnam).VN
        finally:
            if sys.modules.get(_COUNTRIES) is stand_in:
                del sys.modules[_COUNTRIES]


def _package_swaps(calendar: Any) -> dict[dt.date, dt.date]:
    """Day off -> weekend day worked for it, as listed in ``holidays``' static data.

    ``special_public_holidays`` maps a year to tuples (to_month, to_day,
    from_month, from_day[, from_year]); three-item tuples are one-off holidays,
    not swaps. If a later release changes this layout the swapped days are
    still days off, only explained as holidays under the package's own label.
    """
    swaps: dict[dt.date, dt.date] = {}
    table = getattr(calendar, "special_public_holidays", None)
    if not isinstance(table, dict):
        return swaps
    for year, rows in table.items():
        row_list = rows if rows and isinstance(rows[0], tuple) else (rows,)
        for row in row_list:
            if not isinstance(row, tuple) or len(row) not in (4, 5):
                continue
            if not all(isinstance(part, int) for part in row):
                continue
            from_year = row[4] if len(row) == 5 else year
            try:
                swaps[dt.date(year, row[0], row[1])] = dt.date(from_year, row[2], row[3])
            except ValueError:
                continue
    return swaps
