"""Due dates by the three ways of counting. Every expected date was checked by
hand against the calendar in test_workdays_calendar.py."""

from __future__ import annotations

import datetime as dt

import pytest

from app.workdays import (
    MORNING,
    DayKind,
    DueMethod,
    DueRule,
    OfficeHours,
    WorkCalendar,
    compute_due,
)

CAL = WorkCalendar.default()
HOURS = OfficeHours()
SATURDAY_POINT = OfficeHours(saturday=(MORNING,))
FOUR_PM = dt.time(16, 0)


def at(y: int, m: int, d: int, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hh, mm)


def due(received: dt.datetime, days: int, rule: DueRule = DueRule.HOURS) -> dt.datetime:
    return compute_due(received, days, CAL, HOURS, rule).due_at


def online(received: dt.datetime, hours: OfficeHours = HOURS) -> dt.datetime:
    return compute_due(received, 1, CAL, hours, same_day_return_at=FOUR_PM).due_at


# ---------------------------------------------------------------- hours rule (default)


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        # Monday 09:10 + 5 days = the 5th working day after, 09:10.
        (at(2025, 3, 10, 9, 10), 5, at(2025, 3, 17, 9, 10)),
        # Friday 16:30 + 1 day = Monday 16:30.
        (at(2025, 3, 14, 16, 30), 1, at(2025, 3, 17, 16, 30)),
        # Lunch: counted from 13:00, so 4 h Tuesday afternoon + 4 h Wednesday morning.
        (at(2025, 3, 11, 12, 0), 1, at(2025, 3, 12, 11, 30)),
        # Exactly 11:30: the morning session is over, same as lunch.
        (at(2025, 3, 11, 11, 30), 1, at(2025, 3, 12, 11, 30)),
        # 11:29: one minute counts before lunch.
        (at(2025, 3, 11, 11, 29), 1, at(2025, 3, 12, 11, 29)),
        # After hours and exactly at closing: counted from 07:30 the next day.
        (at(2025, 3, 11, 17, 30), 1, at(2025, 3, 12, 17, 0)),
        (at(2025, 3, 11, 17, 0), 1, at(2025, 3, 12, 17, 0)),
        # At opening, a day ends at closing the same day (not the next opening).
        (at(2025, 3, 11, 7, 30), 1, at(2025, 3, 11, 17, 0)),
        (at(2025, 3, 11, 6, 45), 1, at(2025, 3, 11, 17, 0)),
        # Sunday: counted from Monday 07:30.
        (at(2025, 3, 16, 10, 0), 1, at(2025, 3, 17, 17, 0)),
    ],
)
def test_hours_rule(received: dt.datetime, days: int, expected: dt.datetime) -> None:
    assert due(received, days) == expected


def test_outside_hours_is_explained_as_counted_from_the_next_opening() -> None:
    explanation = compute_due(at(2025, 3, 11, 12, 0), 1, CAL, HOURS).explanation
    assert explanation.counted_from == at(2025, 3, 11, 13, 0)
    assert explanation.moved and not explanation.received_on_day_off
    late = compute_due(at(2025, 3, 11, 17, 30), 1, CAL, HOURS).explanation
    assert late.counted_from == at(2025, 3, 12, 7, 30)


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        # Tết 2025: 25/1-2/2 off.
        (at(2025, 1, 24, 16, 30), 1, at(2025, 2, 3, 16, 30)),
        (at(2025, 1, 23, 10, 0), 5, at(2025, 2, 6, 10, 0)),
        # Tết 2026: 14/2-22/2 off.
        (at(2026, 2, 12, 9, 0), 3, at(2026, 2, 24, 9, 0)),
        (at(2026, 2, 13, 17, 30), 1, at(2026, 2, 23, 17, 0)),
        # Tết 2027 (holidays' rule): 4/2-10/2 off.
        (at(2027, 2, 3, 14, 0), 2, at(2027, 2, 12, 14, 0)),
        # 2025 swap: Saturday 26/4 is worked, 30/4-4/5 off.
        (at(2025, 4, 25, 10, 0), 1, at(2025, 4, 26, 10, 0)),
        (at(2025, 4, 25, 10, 0), 4, at(2025, 5, 5, 10, 0)),
        (at(2025, 4, 26, 9, 0), 1, at(2025, 4, 28, 9, 0)),
        # 30/4-1/5 2025: 2 h Tuesday, then 6 h on Monday 5/5.
        (at(2025, 4, 29, 15, 0), 1, at(2025, 5, 5, 15, 0)),
        # National Day 2025 (1-2/9) and 2026 (31/8 swapped, 1-2/9).
        (at(2025, 8, 29, 10, 0), 1, at(2025, 9, 3, 10, 0)),
        (at(2026, 8, 28, 10, 0), 1, at(2026, 9, 3, 10, 0)),
        (at(2026, 8, 21, 10, 0), 1, at(2026, 8, 22, 10, 0)),
        # 24/11: a holiday from 2026 only.
        (at(2026, 11, 23, 10, 0), 1, at(2026, 11, 25, 10, 0)),
        (at(2025, 11, 21, 10, 0), 1, at(2025, 11, 24, 10, 0)),
        # New Year 2026 (override table): 1/1, 2/1 off, Saturday 10/1 worked.
        (at(2025, 12, 31, 12, 0), 2, at(2026, 1, 6, 11, 30)),
        (at(2026, 1, 9, 10, 0), 1, at(2026, 1, 10, 10, 0)),
    ],
)
def test_hours_rule_around_holidays(
    received: dt.datetime, days: int, expected: dt.datetime
) -> None:
    assert due(received, days) == expected


def test_saturday_morning_counts_its_open_hours_only() -> None:
    # Friday 0.5 h + Saturday 4 h + Monday 3.5 h.
    result = compute_due(at(2025, 5, 9, 16, 30), 1, CAL, SATURDAY_POINT)
    assert result.due_at == at(2025, 5, 12, 11, 0)
    assert [d.date for d in result.explanation.counted_special] == [dt.date(2025, 5, 10)]
    # Received on Saturday after it closes: counted from Monday 07:30.
    assert compute_due(at(2025, 5, 10, 12, 0), 1, CAL, SATURDAY_POINT).due_at == at(
        2025, 5, 12, 17, 0
    )


def test_saturday_point_is_closed_on_a_saturday_holiday() -> None:
    assert SATURDAY_POINT.sessions_on(dt.date(2025, 2, 1), CAL) == ()  # Mùng bốn Tết
    assert SATURDAY_POINT.sessions_on(dt.date(2025, 5, 10), CAL) == (MORNING,)
    # A swapped working Saturday has a full weekday, at any point.
    assert HOURS.sessions_on(dt.date(2025, 4, 26), CAL) == HOURS.weekday


# ---------------------------------------------------------------- end-of-day rule


@pytest.mark.parametrize(
    ("received", "days", "expected"),
    [
        (at(2025, 3, 10, 10, 0), 5, at(2025, 3, 17, 17, 0)),
        # Exactly at the cut-off (17:00) still counts as that day; after it, not.
        (at(2025, 3, 10, 17, 0), 1, at(2025, 3, 11, 17, 0)),
        (at(2025, 3, 10, 17, 1), 1, at(2025, 3, 12, 17, 0)),
        # Received on a day off: counts as received on Monday.
        (at(2025, 3, 15, 9, 0), 1, at(2025, 3, 18, 17, 0)),
        # Tết 2025 and the worked Saturday 26/4/2025.
        (at(2025, 1, 24, 10, 0), 1, at(2025, 2, 3, 17, 0)),
        (at(2025, 4, 25, 10, 0), 1, at(2025, 4, 26, 17, 0)),
        (at(2025, 4, 29, 10, 0), 1, at(2025, 5, 5, 17, 0)),
    ],
)
def test_end_of_day_rule(received: dt.datetime, days: int, expected: dt.datetime) -> None:
    assert due(received, days, DueRule.END_OF_DAY) == expected


def test_end_of_day_rule_with_an_earlier_afternoon_cutoff() -> None:
    hours = OfficeHours(afternoon_cutoff=dt.time(16, 0))
    rule = DueRule.END_OF_DAY
    assert compute_due(at(2025, 3, 10, 15, 59), 1, CAL, hours, rule).due_at == at(2025, 3, 11, 17)
    late = compute_due(at(2025, 3, 10, 16, 30), 1, CAL, hours, rule)
    assert late.due_at == at(2025, 3, 12, 17, 0)
    assert late.explanation.counted_from == at(2025, 3, 11, 7, 30)


def test_end_of_day_does_not_count_saturday_openings() -> None:
    result = compute_due(at(2025, 5, 9, 10, 0), 1, CAL, SATURDAY_POINT, DueRule.END_OF_DAY)
    assert result.due_at == at(2025, 5, 12, 17, 0)


# ---------------------------------------------------------------- online same-day channel


@pytest.mark.parametrize(
    ("received", "expected"),
    [
        (at(2025, 3, 11, 9, 0), at(2025, 3, 11, 16, 0)),  # before the cut-off
        (at(2025, 3, 11, 6, 0), at(2025, 3, 11, 16, 0)),  # before opening, still by the cut-off
        (at(2025, 3, 11, 11, 30), at(2025, 3, 11, 16, 0)),  # exactly at the cut-off
        (at(2025, 3, 11, 11, 31), at(2025, 3, 12, 16, 0)),  # after it
        (at(2025, 3, 14, 14, 0), at(2025, 3, 17, 16, 0)),  # Friday afternoon -> Monday
        (at(2025, 3, 15, 9, 0), at(2025, 3, 17, 16, 0)),  # Saturday (day off)
        (at(2025, 9, 2, 9, 0), at(2025, 9, 3, 16, 0)),  # National Day
        (at(2025, 1, 24, 13, 0), at(2025, 2, 3, 16, 0)),  # before Tết 2025
        (at(2025, 4, 26, 9, 0), at(2025, 4, 26, 16, 0)),  # the worked Saturday
    ],
)
def test_online_same_day(received: dt.datetime, expected: dt.datetime) -> None:
    assert online(received) == expected


def test_online_same_day_on_a_saturday_opening_is_still_a_day_off() -> None:
    assert online(at(2025, 5, 10, 9, 0), SATURDAY_POINT) == at(2025, 5, 12, 16, 0)


def test_online_morning_cutoff_is_a_setting() -> None:
    hours = OfficeHours(morning_cutoff=dt.time(10, 0))
    assert online(at(2025, 3, 11, 10, 0), hours) == at(2025, 3, 11, 16, 0)
    assert online(at(2025, 3, 11, 10, 30), hours) == at(2025, 3, 12, 16, 0)


def test_online_same_day_ignores_the_rule_setting() -> None:
    result = compute_due(
        at(2025, 3, 11, 9, 0), 1, CAL, HOURS, DueRule.END_OF_DAY, same_day_return_at=FOUR_PM
    )
    assert result.due_at == at(2025, 3, 11, 16, 0)
    assert result.explanation.method is DueMethod.SAME_DAY


# ---------------------------------------------------------------- explanation


def test_explanation_of_tet_2025() -> None:
    e = compute_due(at(2025, 1, 24, 16, 30), 1, CAL, HOURS).explanation
    skipped = {s.date: s for s in e.skipped}
    assert sorted(skipped) == [dt.date(2025, 1, 25) + dt.timedelta(days=n) for n in range(9)]
    assert skipped[dt.date(2025, 1, 25)].kind is DayKind.WEEKEND
    assert skipped[dt.date(2025, 1, 29)].kind is DayKind.HOLIDAY
    assert skipped[dt.date(2025, 1, 29)].name == "Tết Nguyên Đán"
    assert skipped[dt.date(2025, 1, 29)].name_en == "Lunar New Year"
    text_vi, text_en = e.text("vi"), e.text("en")
    assert "27/01/2025–01/02/2025 (nghỉ lễ, Tết: 29 Tết, Giao thừa Tết Nguyên Đán" in text_vi
    assert text_vi.endswith("Hẹn trả kết quả: 16:30 thứ Hai 03/02/2025.")
    assert "(public holiday: 29 of Lunar New Year, Lunar New Year's Eve" in text_en
    assert text_en.endswith("Due: 16:30 Mon 03/02/2025.")


def test_explanation_of_a_plain_weekend_in_full() -> None:
    e = compute_due(at(2025, 3, 14, 16, 30), 1, CAL, HOURS).explanation
    assert e.text("vi") == (
        "Tiếp nhận lúc 16:30 thứ Sáu 14/03/2025. Thời hạn 1 ngày làm việc = 8 giờ làm việc, "
        "chỉ tính trong giờ làm việc, bắt đầu từ 16:30 thứ Sáu 14/03/2025. "
        "Không tính: 15/03/2025–16/03/2025 (nghỉ cuối tuần). "
        "Hẹn trả kết quả: 16:30 thứ Hai 17/03/2025."
    )
    assert e.text("en") == (
        "Received at 16:30 Fri 14/03/2025. 1 working day = 8 office hours, counted only within "
        "office hours from 16:30 Fri 14/03/2025. Not counted: 15/03/2025–16/03/2025 (weekend). "
        "Due: 16:30 Mon 17/03/2025."
    )


def test_explanation_of_the_2025_swap() -> None:
    e = compute_due(at(2025, 4, 25, 10, 0), 4, CAL, HOURS).explanation
    kinds = {s.date: s.kind for s in e.skipped}
    assert kinds[dt.date(2025, 4, 30)] is DayKind.HOLIDAY
    assert kinds[dt.date(2025, 5, 2)] is DayKind.SWAPPED_DAY_OFF
    assert [s.date for s in e.counted_special] == [dt.date(2025, 4, 26)]
    assert "02/05/2025 (nghỉ hoán đổi, làm bù ngày 26/04/2025)" in e.text("vi")
    assert "26/04/2025 (ngày làm việc bù cho ngày 02/05/2025)" in e.text("vi")
    assert "02/05/2025 (swapped day off, worked on 26/04/2025)" in e.text("en")


def test_explanation_of_the_online_channel() -> None:
    same = compute_due(at(2025, 3, 11, 9, 0), 1, CAL, HOURS, same_day_return_at=FOUR_PM)
    assert "trả kết quả lúc 16:00 cùng ngày" in same.explanation.text("vi")
    late = compute_due(at(2025, 3, 11, 12, 0), 1, CAL, HOURS, same_day_return_at=FOUR_PM)
    assert "sau giờ chốt 11:30" in late.explanation.text("vi")
    assert "ngày làm việc tiếp theo" in late.explanation.text("vi")
    holiday = compute_due(at(2025, 9, 2, 9, 0), 1, CAL, HOURS, same_day_return_at=FOUR_PM)
    assert "Received online on a day off" in holiday.explanation.text("en")


def test_explanation_of_the_end_of_day_rule() -> None:
    e = compute_due(at(2025, 3, 10, 17, 30), 1, CAL, HOURS, DueRule.END_OF_DAY).explanation
    assert "tiếp nhận sau giờ chốt 17:00 nên tính như tiếp nhận ngày thứ Ba 11/03/2025" in (
        e.text("vi")
    )
    assert "counted as received on Tue 11/03/2025" in e.text("en")


# ---------------------------------------------------------------- bad input


def test_refuses_aware_times_and_no_days() -> None:
    aware = dt.datetime(2025, 3, 10, 9, 0, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="naive"):
        compute_due(aware, 1, CAL, HOURS)
    with pytest.raises(ValueError, match="at least 1"):
        compute_due(at(2025, 3, 10, 9), 0, CAL, HOURS)


def test_office_hours_must_make_sense() -> None:
    with pytest.raises(ValueError, match="overlap"):
        OfficeHours(weekday=(HOURS.weekday[1], HOURS.weekday[0]))
    with pytest.raises(ValueError, match="weekdays"):
        OfficeHours(weekday=())
    assert HOURS.day_length == dt.timedelta(hours=8)
