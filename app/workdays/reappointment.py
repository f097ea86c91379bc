"""Re-appointment ("hẹn lại ngày trả kết quả"): at most once per dossier.

Decree 61/2018/ND-CP art. 19: when a dossier cannot be settled by its due date,
the agency apologises in writing and sets a new appointment, once. This module
only computes and checks; storing the re-appointment is the dossier store's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.i18n import Message, Refusal
from app.workdays.due import DueDate, DueRule, compute_due
from app.workdays.hours import OfficeHours
from app.workdays.workcalendar import WorkCalendar


@dataclass(frozen=True)
class Reappointment:
    original_due_at: dt.datetime
    decided_at: dt.datetime
    extra_working_days: int
    reason: str  # the reason written in the apology letter
    due: DueDate  # the new appointment and how it was computed


ALREADY_REAPPOINTED = Message(
    "hồ sơ này đã được hẹn lại một lần (ngày hẹn mới {due}); Nghị định 61/2018 điều 19"
    " chỉ cho phép hẹn lại một lần",
    "this dossier was already re-appointed once (new due date {due}); Decree 61/2018"
    " art. 19 allows only one re-appointment",
)
REASON_LABEL = Message("Lý do hẹn lại", "Reason for the new date")
REASON_REQUIRED = Message(
    "Lý do hẹn lại: không được để trống (lý do được ghi trong văn bản xin lỗi)",
    "Reason for the new date: must not be empty (it goes in the apology letter)",
)
TOO_FEW_DAYS = Message(
    "Số ngày làm việc thêm: phải từ 1 trở lên (đã nhập {days})",
    "Working days to add: must be 1 or more (got {days})",
)


class ReappointmentError(Refusal, ValueError):
    """The re-appointment is not allowed; the message says why (no personal data)."""


def reappoint(
    original_due_at: dt.datetime,
    extra_working_days: int,
    reason: str,
    decided_at: dt.datetime,
    calendar: WorkCalendar,
    hours: OfficeHours,
    rule: DueRule = DueRule.HOURS,
    previous_due_at: dt.datetime | None = None,
) -> Reappointment:
    """A new due date ``extra_working_days`` after the original one.

    Counting starts at the original due time, or at ``decided_at`` if the
    decision comes after it, so the new date is never already past.
    ``previous_due_at`` is the due date an earlier re-appointment set, if any.
    """
    if previous_due_at is not None:
        raise ReappointmentError(ALREADY_REAPPOINTED, due=f"{previous_due_at:%H:%M %d/%m/%Y}")
    if not reason.strip():
        raise ReappointmentError(REASON_REQUIRED)
    # The reason is printed in the apology letter and the register: the rules of any text.
    # Imported here: the request's pydantic models are not needed to know the working days
    # (the settings and the due-date command load this package; issue 19).
    from app.dossier.request import checked_text

    reason = checked_text(reason, REASON_LABEL)
    if extra_working_days < 1:
        raise ReappointmentError(TOO_FEW_DAYS, days=extra_working_days)
    if original_due_at.tzinfo is not None or decided_at.tzinfo is not None:
        raise ValueError("times are naive local times (Asia/Ho_Chi_Minh)")
    start = max(original_due_at, decided_at)
    due = compute_due(start, extra_working_days, calendar, hours, rule)
    return Reappointment(original_due_at, decided_at, extra_working_days, reason, due)
