"""The three date readings the validity rules need, written down once.

The law says "N năm kể từ ngày cấp" (N years from the day of issue), "đủ 55 tuổi"
(has reached 55) and "trên 45 tuổi" (over 45). This module is the one place they
become dates:

- **N years from a day** ends on the same day and month N years later (Civil Code
  2015, Bộ luật Dân sự 91/2015/QH13, art. 148(4): a period counted in years ends on the
  corresponding day and month of its last year). A 29 February with no 29 February N
  years later gives 28 February: art. 148(3) ends a period whose last month lacks the
  corresponding day on the last day of that month, and we read years the same way.
  Art. 148(5) (a period ending on a day off runs to the next working day) is not
  applied: the date printed on a licence is where its validity ends, not a deadline
  for doing something.
- **Reaching age N** ("đủ N tuổi") happens on the N-th birthday, which is the same
  reading: N years from the day of birth. Someone born on 29 February reaches N on
  28 February of a common year, 29 February of a leap year.
- **Over age N at a day** ("trên N tuổi") means the day is after the N-th birthday. On
  the birthday itself the person has just reached N ("đủ N tuổi") and is not yet over
  it. With the B1 rule this reading is the one that never gives less than the
  10 years the law grants late applicants: issued on the 45th birthday, "until 55"
  and "10 years" name the same date; a day later, the 10-year rule takes over.
"""

from __future__ import annotations

import calendar
import datetime as dt


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day and month ``years`` later; 29 February → 28 February in a common year."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return day.replace(year=year)


def reaches_age_on(birth_date: dt.date, age: int) -> dt.date:
    """The day someone born on ``birth_date`` reaches ``age`` ("đủ … tuổi"): the birthday."""
    return years_after(birth_date, age)


def is_over_age(birth_date: dt.date, age: int, on: dt.date) -> bool:
    """Whether the person is over ``age`` ("trên … tuổi") on ``on``: past that birthday."""
    return on > reaches_age_on(birth_date, age)
