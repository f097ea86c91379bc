"""Working days: holidays, office hours, due dates and their explanation.

Pure Python (no Qt). Times are naive local times in Asia/Ho_Chi_Minh.
See docs/working-days.md.
"""

from app.workdays.due import DueDate, DueRule, compute_due
from app.workdays.explanation import DueMethod, Explanation
from app.workdays.hours import AFTERNOON, MORNING, OfficeHours, Session
from app.workdays.overrides import (
    OverrideEntry,
    OverrideError,
    OverrideKind,
    OverrideProblem,
    OverrideTable,
    check_entries,
    load_overrides,
    load_shipped_overrides,
    parse_overrides,
    table_from_data,
)
from app.workdays.reappointment import Reappointment, ReappointmentError, reappoint
from app.workdays.workcalendar import DayKind, DayStatus, WorkCalendar

__all__ = [
    "AFTERNOON",
    "MORNING",
    "DayKind",
    "DayStatus",
    "DueDate",
    "DueMethod",
    "DueRule",
    "Explanation",
    "OfficeHours",
    "OverrideEntry",
    "OverrideError",
    "OverrideKind",
    "OverrideProblem",
    "OverrideTable",
    "Reappointment",
    "ReappointmentError",
    "Session",
    "WorkCalendar",
    "check_entries",
    "compute_due",
    "load_overrides",
    "load_shipped_overrides",
    "parse_overrides",
    "reappoint",
    "table_from_data",
]
