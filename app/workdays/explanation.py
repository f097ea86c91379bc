"""How a due date was computed, as data and as a short text for the screen.

The counter officer must be able to tell the applicant why the appointment is
on that day: which days were not counted and why (weekend, which holiday,
which swap), and which unusual days were counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.workdays.workcalendar import DayKind, DayStatus


class DueMethod(StrEnum):
    HOURS = "hours"  # N x the hours of a working day, counted inside office hours
    END_OF_DAY = "end-of-day"  # closing time of the N-th working day after receipt
    SAME_DAY = "same-day"  # online channel: a fixed hour, same or next working day


@dataclass(frozen=True)
class Explanation:
    method: DueMethod
    received_at: dt.datetime
    # The moment counting really started: ``received_at`` or, when the dossier
    # arrived outside office hours / after a cut-off / on a day off, the next
    # opening it was moved to.
    counted_from: dt.datetime
    working_days: int
    day_length: dt.timedelta  # hours of one working day (used by the hours method)
    cutoff: dt.time | None  # the cut-off that applied (end-of-day and same-day methods)
    due_at: dt.datetime
    skipped: tuple[DayStatus, ...]  # days off between receipt and due date, not counted
    # Counted days that are not ordinary weekdays: a swapped working Saturday,
    # or a Saturday whose opening hours were counted.
    counted_special: tuple[DayStatus, ...]

    @property
    def moved(self) -> bool:
        return self.counted_from != self.received_at

    @property
    def received_on_day_off(self) -> bool:
        return any(day.date == self.received_at.date() for day in self.skipped)

    def to_dict(self) -> dict[str, object]:
        """The explanation as JSON-ready data: what the screen, the store and scripts read."""

        def days(statuses: Sequence[DayStatus]) -> list[dict[str, str | None]]:
            return [
                {
                    "date": s.date.isoformat(),
                    "kind": str(s.kind),
                    "name": s.name,
                    "name_en": s.name_en,
                }
                for s in statuses
            ]

        return {
            "method": str(self.method),
            "received_at": self.received_at.isoformat(timespec="minutes"),
            "counted_from": self.counted_from.isoformat(timespec="minutes"),
            "working_days": self.working_days,
            "cutoff": self.cutoff.strftime("%H:%M") if self.cutoff else None,
            "due_at": self.due_at.isoformat(timespec="minutes"),
            "skipped": days(self.skipped),
            "counted_special": days(self.counted_special),
            "text_vi": self.text_vi(),
            "text_en": self.text_en(),
        }

    def text_vi(self) -> str:
        parts = [f"Tiếp nhận lúc {_moment_vi(self.received_at)}."]
        parts.append(_method_vi(self))
        if self.skipped:
            parts.append(f"Không tính: {_listing(self.skipped, english=False)}.")
        if self.counted_special:
            parts.append(f"Có tính: {_listing(self.counted_special, english=False, counted=True)}.")
        parts.append(f"Hẹn trả kết quả: {_moment_vi(self.due_at)}.")
        return " ".join(parts)

    def text_en(self) -> str:
        parts = [f"Received at {_moment_en(self.received_at)}."]
        parts.append(_method_en(self))
        if self.skipped:
            parts.append(f"Not counted: {_listing(self.skipped, english=True)}.")
        if self.counted_special:
            parts.append(f"Counted: {_listing(self.counted_special, english=True, counted=True)}.")
        parts.append(f"Due: {_moment_en(self.due_at)}.")
        return " ".join(parts)


_WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _moment_vi(moment: dt.datetime) -> str:
    return f"{moment:%H:%M} {_WEEKDAYS_VI[moment.weekday()]} {_day(moment.date())}"


def _moment_en(moment: dt.datetime) -> str:
    return f"{moment:%H:%M} {_WEEKDAYS_EN[moment.weekday()]} {_day(moment.date())}"


def _hours(length: dt.timedelta, decimal: str) -> str:
    hours = length.total_seconds() / 3600
    text = f"{hours:g}"
    return text.replace(".", decimal)


def _method_vi(e: Explanation) -> str:
    n = e.working_days
    if e.method is DueMethod.HOURS:
        total = _hours(e.day_length * n, ",")
        text = (
            f"Thời hạn {n} ngày làm việc = {total} giờ làm việc, chỉ tính trong giờ làm việc, "
            f"bắt đầu từ {_moment_vi(e.counted_from)}"
        )
        if not e.moved:
            return text + "."
        return text + (
            " (tiếp nhận vào ngày nghỉ)."
            if e.received_on_day_off
            else " (tiếp nhận ngoài giờ làm việc)."
        )
    late = "vào ngày nghỉ" if e.received_on_day_off else f"sau giờ chốt {e.cutoff:%H:%M}"
    if e.method is DueMethod.END_OF_DAY:
        which = "tiếp theo" if n == 1 else f"thứ {n}"
        text = (
            f"Thời hạn {n} ngày làm việc: hạn là cuối giờ làm việc của ngày làm việc {which} "
            "sau ngày tiếp nhận"
        )
        if e.moved:
            text += (
                f"; tiếp nhận {late} nên tính như tiếp nhận ngày "
                f"{_WEEKDAYS_VI[e.counted_from.weekday()]} {_day(e.counted_from.date())}"
            )
        return text + "."
    if n == 1:
        which = "ngày làm việc tiếp theo" if e.moved else "cùng ngày"
    else:
        which = f"ngày làm việc thứ {n}, tính cả ngày {_day(e.counted_from.date())}"
    when = late if e.moved else f"trước giờ chốt {e.cutoff:%H:%M} của ngày làm việc"
    return f"Nhận trực tuyến {when}: trả kết quả lúc {e.due_at:%H:%M} {which}."


def _method_en(e: Explanation) -> str:
    n = e.working_days
    days = "working day" if n == 1 else "working days"
    if e.method is DueMethod.HOURS:
        total = _hours(e.day_length * n, ".")
        text = (
            f"{n} {days} = {total} office hours, counted only within office hours "
            f"from {_moment_en(e.counted_from)}"
        )
        if not e.moved:
            return text + "."
        return text + (
            " (received on a day off)."
            if e.received_on_day_off
            else " (received outside office hours)."
        )
    late = "on a day off" if e.received_on_day_off else f"after the {e.cutoff:%H:%M} cut-off"
    if e.method is DueMethod.END_OF_DAY:
        which = "the next working day" if n == 1 else f"the {_ordinal(n)} working day"
        text = f"{n} {days}: due at closing time of {which} after the day of receipt"
        if e.moved:
            text += (
                f"; received {late}, so counted as received on "
                f"{_WEEKDAYS_EN[e.counted_from.weekday()]} {_day(e.counted_from.date())}"
            )
        return text + "."
    if n == 1:
        which = "the next working day" if e.moved else "the same day"
    else:
        which = f"on the {_ordinal(n)} working day counting {_day(e.counted_from.date())}"
    when = late if e.moved else f"on a working day by the {e.cutoff:%H:%M} cut-off"
    return f"Received online {when}: result at {e.due_at:%H:%M} {which}."


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _reason(status: DayStatus, english: bool, counted: bool) -> str:
    partner = _day(status.swap_with) if status.swap_with else None
    if status.kind is DayKind.SWAPPED_DAY_OFF:
        if english:
            return f"swapped day off, worked on {partner}" if partner else "swapped day off"
        return f"nghỉ hoán đổi, làm bù ngày {partner}" if partner else "nghỉ hoán đổi"
    if status.kind is DayKind.SWAPPED_WORKING_DAY:
        if english:
            return f"working day in exchange for {partner}" if partner else "swapped working day"
        return f"ngày làm việc bù cho ngày {partner}" if partner else "ngày làm việc bù"
    if status.kind is DayKind.WEEKEND and counted:
        # Only a Saturday opening can put a weekend day among the counted ones.
        return "Saturday opening hours" if english else "giờ mở cửa thứ Bảy"
    if status.kind is DayKind.WEEKEND:
        return "weekend" if english else "nghỉ cuối tuần"
    labels_en = {
        DayKind.HOLIDAY: "public holiday",
        DayKind.EXTRA_DAY_OFF: "announced day off",
        DayKind.WORKING_DAY: "working day",
    }
    labels_vi = {
        DayKind.HOLIDAY: "nghỉ lễ, Tết",
        DayKind.EXTRA_DAY_OFF: "ngày nghỉ theo thông báo",
        DayKind.WORKING_DAY: "ngày làm việc",
    }
    return (labels_en if english else labels_vi)[status.kind]


def _listing(days: Sequence[DayStatus], english: bool, counted: bool = False) -> str:
    return "; ".join(_groups(days, english, counted))


def _groups(days: Sequence[DayStatus], english: bool, counted: bool = False) -> Iterator[str]:
    """Runs of consecutive days with the same reason: "dd/mm/yyyy–dd/mm/yyyy (reason: names)"."""
    run: list[DayStatus] = []
    for status in [*days, None]:
        if run and (
            status is None
            or status.date - run[-1].date != dt.timedelta(days=1)
            or _reason(status, english, counted) != _reason(run[-1], english, counted)
        ):
            yield _render_run(run, english, counted)
            run = []
        if status is not None:
            run.append(status)


def _render_run(run: list[DayStatus], english: bool, counted: bool) -> str:
    first, last = run[0].date, run[-1].date
    when = _day(first) if first == last else f"{_day(first)}–{_day(last)}"
    why = _reason(run[0], english, counted)
    if run[0].kind in (DayKind.HOLIDAY, DayKind.EXTRA_DAY_OFF):
        names: list[str] = []
        for status in run:
            name = (status.name_en or status.name) if english else status.name
            if name and name not in names:
                names.append(name)
        if names:
            why = f"{why}: {', '.join(names)}"
    return f"{when} ({why})"
