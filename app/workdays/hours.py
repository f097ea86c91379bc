"""Office hours of one receiving point, and where they fall on the calendar.

All times are naive local times (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight
saving), so no time zone arithmetic is needed; aware datetimes are refused
rather than silently mixed with naive ones.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from app.workdays.workcalendar import DayKind, WorkCalendar

_SATURDAY = 5


@dataclass(frozen=True)
class Session:
    """One opening period, ``start`` included and ``end`` excluded."""

    start: dt.time
    end: dt.time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("office hours are naive local times")
        if self.start >= self.end:
            raise ValueError(f"session ends ({self.end}) before it starts ({self.start})")

    @property
    def length(self) -> dt.timedelta:
        return _at(dt.date.min, self.end) - _at(dt.date.min, self.start)


MORNING = Session(dt.time(7, 30), dt.time(11, 30))
AFTERNOON = Session(dt.time(13, 0), dt.time(17, 0))


@dataclass(frozen=True)
class OfficeHours:
    """Settings of a receiving point (defaults: the public-sector 8-hour day).

    ``weekday`` applies Monday-Friday and on a swapped working Saturday (it
    replaces a full weekday). ``saturday`` is for points that also receive on
    ordinary Saturdays, e.g. ``(MORNING,)``; it is closed on holidays.
    """

    weekday: tuple[Session, ...] = (MORNING, AFTERNOON)
    saturday: tuple[Session, ...] = ()
    # Online same-day channel: received by this time on a working day, the
    # result is ready the same day.
    morning_cutoff: dt.time = dt.time(11, 30)
    # End-of-day rule: received after this time, the dossier counts as received
    # on the next working day. None means the weekday closing time.
    afternoon_cutoff: dt.time | None = None

    def __post_init__(self) -> None:
        for time in (self.morning_cutoff, self.afternoon_cutoff):
            if time is not None and time.tzinfo is not None:
                raise ValueError("cut-offs are naive local times")
        if not self.weekday:
            raise ValueError("a receiving point must open on weekdays")
        for sessions in (self.weekday, self.saturday):
            for before, after in itertools.pairwise(sessions):
                if after.start < before.end:
                    raise ValueError("sessions must be in order and must not overlap")

    @property
    def day_length(self) -> dt.timedelta:
        """Working hours in one standard (weekday) day: the unit of "1 working day"."""
        return sum((session.length for session in self.weekday), dt.timedelta())

    @property
    def closing_time(self) -> dt.time:
        return self.weekday[-1].end

    @property
    def cutoff(self) -> dt.time:
        return self.closing_time if self.afternoon_cutoff is None else self.afternoon_cutoff

    def sessions_on(self, day: dt.date, calendar: WorkCalendar) -> tuple[Session, ...]:
        """The sessions the point is open on ``day`` (empty when closed)."""
        status = calendar.day_status(day)
        if status.is_working_day:
            return self.weekday
        if status.kind is DayKind.WEEKEND and day.weekday() == _SATURDAY:
            return self.saturday
        return ()

    def periods_from(
        self, moment: dt.datetime, calendar: WorkCalendar
    ) -> Iterator[tuple[dt.datetime, dt.datetime]]:
        """Open periods from ``moment`` on, the first one cut to start at ``moment``."""
        _naive(moment)
        day = moment.date()
        closed_days = 0
        while True:
            sessions = self.sessions_on(day, calendar)
            for session in sessions:
                start, end = _at(day, session.start), _at(day, session.end)
                if end > moment:
                    yield max(start, moment), end
            closed_days = 0 if sessions else closed_days + 1
            # Closed for a whole year means a broken override table, not a
            # long holiday; stop rather than loop for ever.
            if closed_days > 366:
                raise ValueError(f"the point does not open in the year after {day:%d/%m/%Y}")
            day += dt.timedelta(days=1)

    def next_opening(self, moment: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
        """``moment`` itself when the point is open then, else the next session start."""
        start, _ = next(self.periods_from(moment, calendar))
        return start

    def is_open(self, moment: dt.datetime, calendar: WorkCalendar) -> bool:
        return self.next_opening(moment, calendar) == moment


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time)


def _naive(moment: dt.datetime) -> None:
    if moment.tzinfo is not None:
        raise ValueError("working-day times are naive local times (Asia/Ho_Chi_Minh)")
