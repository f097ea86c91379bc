"""Re-appointment: once per dossier (Decree 61/2018 art. 19), with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from app.workdays import OfficeHours, ReappointmentError, WorkCalendar, reappoint

CAL = WorkCalendar.default()
HOURS = OfficeHours()


def test_new_due_date_counts_from_the_original_one() -> None:
    result = reappoint(
        dt.datetime(2025, 3, 17, 9, 10), 2, "Chờ xác minh", dt.datetime(2025, 3, 14, 10), CAL, HOURS
    )
    assert result.due.due_at == dt.datetime(2025, 3, 19, 9, 10)
    assert result.reason == "Chờ xác minh"
    assert result.original_due_at == dt.datetime(2025, 3, 17, 9, 10)


def test_late_decision_counts_from_the_decision() -> None:
    result = reappoint(
        dt.datetime(2025, 3, 17, 9, 10), 2, "Chờ xác minh", dt.datetime(2025, 3, 18, 10), CAL, HOURS
    )
    assert result.due.due_at == dt.datetime(2025, 3, 20, 10, 0)


def test_new_due_date_skips_holidays() -> None:
    # Tuesday 29/4/2025 10:00 + 1 working day: 30/4-4/5 off.
    result = reappoint(
        dt.datetime(2025, 4, 29, 10), 1, "Lỗi hệ thống", dt.datetime(2025, 4, 28, 9), CAL, HOURS
    )
    assert result.due.due_at == dt.datetime(2025, 5, 5, 10, 0)
    assert any(day.date == dt.date(2025, 4, 30) for day in result.due.explanation.skipped)


def test_a_second_reappointment_is_refused() -> None:
    first = reappoint(
        dt.datetime(2025, 3, 17, 9, 10), 2, "Chờ xác minh", dt.datetime(2025, 3, 14, 10), CAL, HOURS
    )
    with pytest.raises(ReappointmentError, match=r"đã được hẹn lại một lần.*Nghị định 61/2018"):
        reappoint(
            first.due.due_at,
            1,
            "Lý do khác",
            dt.datetime(2025, 3, 19, 8),
            CAL,
            HOURS,
            previous_due_at=first.due.due_at,
        )


@pytest.mark.parametrize(("days", "reason"), [(2, "  "), (0, "Chờ xác minh")])
def test_reason_and_days_are_required(days: int, reason: str) -> None:
    with pytest.raises(ReappointmentError):
        reappoint(dt.datetime(2025, 3, 17, 9), days, reason, dt.datetime(2025, 3, 14), CAL, HOURS)


@pytest.mark.parametrize("reason", ["Chờ\x00 xác minh", "x" * 100_000])
def test_reason_printed_in_the_apology_letter_follows_the_rules_of_text(reason: str) -> None:
    from app.dossier.request import TextRefused

    with pytest.raises(TextRefused, match="Lý do hẹn lại"):
        reappoint(dt.datetime(2025, 3, 17, 9), 2, reason, dt.datetime(2025, 3, 14), CAL, HOURS)
