"""Properties of due dates over 2025-2027, for every rule and both kinds of point."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.workdays import MORNING, DueRule, OfficeHours, WorkCalendar, compute_due

CAL = WorkCalendar.default()
POINTS = [OfficeHours(), OfficeHours(saturday=(MORNING,))]
FOUR_PM = dt.time(16, 0)

receipts = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 12, 31))
days = st.integers(min_value=1, max_value=15)
points = st.sampled_from(POINTS)
rules = st.sampled_from(list(DueRule))
channels = st.sampled_from([None, FOUR_PM])
SETTINGS = settings(max_examples=300, deadline=None)


@SETTINGS
@given(receipts, days, points, rules, channels)
def test_due_is_inside_office_hours_and_after_receipt(
    received: dt.datetime, n: int, hours: OfficeHours, rule: DueRule, same_day: dt.time | None
) -> None:
    due_at = compute_due(received, n, CAL, hours, rule, same_day).due_at
    assert due_at > received
    sessions = hours.sessions_on(due_at.date(), CAL)
    assert any(s.start < due_at.time() <= s.end for s in sessions)
    if rule is DueRule.END_OF_DAY or same_day is not None or not hours.saturday:
        assert CAL.is_working_day(due_at.date())


@SETTINGS
@given(receipts, days, st.integers(min_value=1, max_value=5), points, rules, channels)
def test_more_days_never_give_an_earlier_date(
    received: dt.datetime,
    n: int,
    more: int,
    hours: OfficeHours,
    rule: DueRule,
    same_day: dt.time | None,
) -> None:
    shorter = compute_due(received, n, CAL, hours, rule, same_day).due_at
    longer = compute_due(received, n + more, CAL, hours, rule, same_day).due_at
    assert shorter < longer


@SETTINGS
@given(
    receipts,
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=20)),
    days,
    points,
    rules,
    channels,
)
def test_a_later_receipt_never_gives_an_earlier_date(
    received: dt.datetime,
    delay: dt.timedelta,
    n: int,
    hours: OfficeHours,
    rule: DueRule,
    same_day: dt.time | None,
) -> None:
    first = compute_due(received, n, CAL, hours, rule, same_day).due_at
    second = compute_due(received + delay, n, CAL, hours, rule, same_day).due_at
    assert first <= second


@SETTINGS
@given(receipts, days, points)
def test_hours_rule_counts_exactly_n_working_days_of_open_time(
    received: dt.datetime, n: int, hours: OfficeHours
) -> None:
    due_at = compute_due(received, n, CAL, hours).due_at
    counted = dt.timedelta()
    for start, end in hours.periods_from(received, CAL):
        if start >= due_at:
            break
        counted += min(end, due_at) - start
    assert counted == n * hours.day_length
