"""The calendar against the announced schedules.

Expected days off come from the official announcements cited below, and agree
with holidays 0.109's data unless the test says the override table supplies
them. Tết 2027 has no announcement yet: its expectation is holidays' rule
(5 weekdays off, a weekend Tết day given back on the nearest weekday).
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.workdays import DayKind, WorkCalendar

CAL = WorkCalendar.default()
D = dt.date


def off(*days: D) -> None:
    for day in days:
        assert not CAL.is_working_day(day), day


def working(*days: D) -> None:
    for day in days:
        assert CAL.is_working_day(day), day


def test_tet_2025() -> None:
    # Announcement 6150/TB-BLĐTBXH: off Saturday 25/1 to Sunday 2/2/2025.
    off(*(D(2025, 1, d) for d in range(25, 32)), D(2025, 2, 1), D(2025, 2, 2))
    working(D(2025, 1, 24), D(2025, 2, 3))
    assert CAL.day_status(D(2025, 1, 29)).name == "Tết Nguyên Đán"
    assert CAL.day_status(D(2025, 1, 29)).kind is DayKind.HOLIDAY


def test_tet_2026() -> None:
    # Announced: off Saturday 14/2 to Sunday 22/2/2026 (9 days, no swap).
    off(*(D(2026, 2, d) for d in range(14, 23)))
    working(D(2026, 2, 13), D(2026, 2, 23))
    assert [CAL.day_status(D(2026, 2, d)).kind for d in range(16, 21)] == [DayKind.HOLIDAY] * 5


def test_tet_2027_per_holidays_rule() -> None:
    # Not yet announced: Tết (6/2/2027) falls on Saturday, so the package's
    # rule gives Thursday 4/2 to Wednesday 10/2/2027.
    off(*(D(2027, 2, d) for d in range(4, 11)))
    working(D(2027, 2, 3), D(2027, 2, 11))


def test_2025_swap_for_30_april() -> None:
    # Official Dispatch: work Saturday 26/4/2025 so that Friday 2/5/2025 is off.
    saturday, friday = CAL.day_status(D(2025, 4, 26)), CAL.day_status(D(2025, 5, 2))
    assert saturday.kind is DayKind.SWAPPED_WORKING_DAY and saturday.swap_with == D(2025, 5, 2)
    assert friday.kind is DayKind.SWAPPED_DAY_OFF and friday.swap_with == D(2025, 4, 26)
    off(D(2025, 4, 30), D(2025, 5, 1), D(2025, 5, 2), D(2025, 5, 3), D(2025, 5, 4))
    working(D(2025, 4, 26), D(2025, 4, 28), D(2025, 4, 29), D(2025, 5, 5))


def test_30_april_and_1_may_2026_and_hung_kings_observed() -> None:
    # Hùng Kings 10/3 lunar = Sunday 26/4/2026, given back on Monday 27/4.
    off(D(2026, 4, 27), D(2026, 4, 30), D(2026, 5, 1))
    working(D(2026, 4, 28), D(2026, 4, 29), D(2026, 5, 4))
    assert CAL.day_status(D(2026, 4, 27)).name == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"


def test_national_day_2025() -> None:
    off(D(2025, 9, 1), D(2025, 9, 2))
    working(D(2025, 8, 29), D(2025, 9, 3))


def test_national_day_2026_with_swap() -> None:
    # 1-2/9/2026 plus Monday 31/8 off, worked on Saturday 22/8/2026.
    off(D(2026, 8, 29), D(2026, 8, 30), D(2026, 8, 31), D(2026, 9, 1), D(2026, 9, 2))
    working(D(2026, 8, 22), D(2026, 8, 28), D(2026, 9, 3))
    assert CAL.day_status(D(2026, 8, 31)).kind is DayKind.SWAPPED_DAY_OFF


@pytest.mark.parametrize("year", [2026, 2027])
def test_culture_day_from_2026(year: int) -> None:
    status = CAL.day_status(D(year, 11, 24))
    assert status.kind is DayKind.HOLIDAY
    assert status.name == "Ngày Văn hóa Việt Nam"


def test_no_culture_day_in_2025() -> None:
    working(D(2025, 11, 24))  # a Monday


def test_new_year_2026_swap_comes_from_the_override_table() -> None:
    # VPCP 12729/VPCP-KGVX of 25/12/2025: Friday 2/1/2026 off, worked on Saturday 10/1/2026.
    off(D(2026, 1, 1), D(2026, 1, 2))
    working(D(2026, 1, 5), D(2026, 1, 10))
    assert CAL.day_status(D(2026, 1, 2)).kind is DayKind.SWAPPED_DAY_OFF
    assert CAL.day_status(D(2026, 1, 10)).kind is DayKind.SWAPPED_WORKING_DAY
    # Without the table, the package alone would get it wrong.
    bare = WorkCalendar()
    assert bare.is_working_day(D(2026, 1, 2))
    assert not bare.is_working_day(D(2026, 1, 10))


def test_weekends() -> None:
    assert CAL.day_status(D(2025, 3, 15)).kind is DayKind.WEEKEND
    assert CAL.day_status(D(2025, 3, 16)).kind is DayKind.WEEKEND
    assert CAL.next_working_day(D(2025, 3, 14)) == D(2025, 3, 17)
