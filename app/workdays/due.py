"""The due date ("hẹn trả kết quả") of a dossier from its receipt time.

Times are naive local times (Asia/Ho_Chi_Minh). Three ways to count:

- ``DueRule.HOURS`` (default): N working days are N x the hours of a standard
  weekday (8 h), counted forward from receipt only inside office hours. A
  receipt outside office hours counts from the next opening. A Saturday that a
  point opens counts only its open hours (a 07:30-11:30 morning is half a day).
- ``DueRule.END_OF_DAY``: due at the closing time of the N-th working day
  after the day of receipt; a receipt after the afternoon cut-off, or on a day
  off, counts as received on the next working day. Saturday openings are not
  working days here: the rule counts whole days only.
- The online same-day channel (``same_day_return_at`` given): received on a
  working day by the morning cut-off, the result is due at that hour the same
  day, otherwise on the next working day (N-th working day when N > 1, the
  day of receipt counting as the first).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.workdays.explanation import DueMethod, Explanation
from app.workdays.hours import OfficeHours
from app.workdays.workcalendar import DayKind, DayStatus, WorkCalendar


class DueRule(StrEnum):
    """A setting: how "N working days" is counted at the counter."""

    HOURS = "hours"
    END_OF_DAY = "end-of-day"


@dataclass(frozen=True)
class DueDate:
    due_at: dt.datetime
    explanation: Explanation


def compute_due(
    received_at: dt.datetime,
    working_days: int,
    calendar: WorkCalendar,
    hours: OfficeHours,
    rule: DueRule = DueRule.HOURS,
    same_day_return_at: dt.time | None = None,
) -> DueDate:
    """The due date of a dossier received at ``received_at`` (naive local time).

    ``same_day_return_at`` is the catalogue's ``channel.same_day_return_at``
    (16:00 for online ``doi-gtvt``); when given it replaces ``rule``.
    """
    if received_at.tzinfo is not None:
        raise ValueError("received_at must be a naive local time (Asia/Ho_Chi_Minh)")
    if working_days < 1:
        raise ValueError(f"working_days must be at least 1, not {working_days}")
    if same_day_return_at is not None:
        return _same_day(received_at, working_days, calendar, hours, same_day_return_at)
    if rule is DueRule.END_OF_DAY:
        return _end_of_day(received_at, working_days, calendar, hours)
    return _by_hours(received_at, working_days, calendar, hours)


def _by_hours(
    received_at: dt.datetime, working_days: int, calendar: WorkCalendar, hours: OfficeHours
) -> DueDate:
    left = hours.day_length * working_days
    counted_days: set[dt.date] = set()
    counted_from: dt.datetime | None = None
    for start, end in hours.periods_from(received_at, calendar):
        counted_from = counted_from or start
        counted_days.add(start.date())
        if end - start >= left:
            # Ending exactly at a closing time gives that closing time (17:00),
            # not the next opening: the work is due by then.
            due_at = start + left
            break
        left -= end - start
    assert counted_from is not None  # periods_from yields or raises
    statuses = _statuses(calendar, received_at.date(), due_at.date())
    explanation = Explanation(
        method=DueMethod.HOURS,
        received_at=received_at,
        counted_from=counted_from,
        working_days=working_days,
        day_length=hours.day_length,
        cutoff=None,
        due_at=due_at,
        skipped=tuple(s for s in statuses if not s.is_working_day and s.date not in counted_days),
        counted_special=tuple(
            s for s in statuses if s.kind is not DayKind.WORKING_DAY and s.date in counted_days
        ),
    )
    return DueDate(due_at, explanation)


def _end_of_day(
    received_at: dt.datetime, working_days: int, calendar: WorkCalendar, hours: OfficeHours
) -> DueDate:
    day = received_at.date()
    if not calendar.is_working_day(day) or received_at.time() > hours.cutoff:
        day = calendar.next_working_day(day)
    first = day
    for _ in range(working_days):
        day = calendar.next_working_day(day)
    due_at = dt.datetime.combine(day, hours.sessions_on(day, calendar)[-1].end)
    return DueDate(
        due_at,
        _whole_day_explanation(
            DueMethod.END_OF_DAY, received_at, first, working_days, calendar, hours, due_at
        ),
    )


def _same_day(
    received_at: dt.datetime,
    working_days: int,
    calendar: WorkCalendar,
    hours: OfficeHours,
    return_at: dt.time,
) -> DueDate:
    day = received_at.date()
    if not calendar.is_working_day(day) or received_at.time() > hours.morning_cutoff:
        day = calendar.next_working_day(day)
    first = day
    for _ in range(working_days - 1):
        day = calendar.next_working_day(day)
    due_at = dt.datetime.combine(day, return_at)
    return DueDate(
        due_at,
        _whole_day_explanation(
            DueMethod.SAME_DAY, received_at, first, working_days, calendar, hours, due_at
        ),
    )


def _whole_day_explanation(
    method: DueMethod,
    received_at: dt.datetime,
    first: dt.date,
    working_days: int,
    calendar: WorkCalendar,
    hours: OfficeHours,
    due_at: dt.datetime,
) -> Explanation:
    moved = first != received_at.date()
    counted_from = (
        dt.datetime.combine(first, hours.sessions_on(first, calendar)[0].start)
        if moved
        else received_at
    )
    statuses = _statuses(calendar, received_at.date(), due_at.date())
    return Explanation(
        method=method,
        received_at=received_at,
        counted_from=counted_from,
        working_days=working_days,
        day_length=hours.day_length,
        cutoff=hours.cutoff if method is DueMethod.END_OF_DAY else hours.morning_cutoff,
        due_at=due_at,
        skipped=tuple(s for s in statuses if not s.is_working_day),
        counted_special=tuple(
            s for s in statuses if s.kind is DayKind.SWAPPED_WORKING_DAY and s.date >= first
        ),
    )


def _statuses(calendar: WorkCalendar, first: dt.date, last: dt.date) -> list[DayStatus]:
    days = (last - first).days
    return [calendar.day_status(first + dt.timedelta(days=n)) for n in range(days + 1)]
