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

from app.i18n import Language, Message, current_language
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
            "text_vi": self.text("vi"),
            "text_en": self.text("en"),
        }

    def text(self, language: Language | None = None) -> str:
        """The explanation as the officer says it, in ``language`` (default: the chosen one)."""
        language = language or current_language()
        parts = [RECEIVED_AT.text(language, moment=_moment(self.received_at, language))]
        parts.append(_method(self, language))
        if self.skipped:
            parts.append(NOT_COUNTED.text(language, days=_listing(self.skipped, language)))
        if self.counted_special:
            listing = _listing(self.counted_special, language, counted=True)
            parts.append(COUNTED.text(language, days=listing))
        parts.append(DUE.text(language, moment=_moment(self.due_at, language)))
        return " ".join(parts)


RECEIVED_AT = Message("Tiếp nhận lúc {moment}.", "Received at {moment}.")
NOT_COUNTED = Message("Không tính: {days}.", "Not counted: {days}.")
COUNTED = Message("Có tính: {days}.", "Counted: {days}.")
DUE = Message("Hẹn trả kết quả: {moment}.", "Due: {moment}.")
WEEKDAYS = (
    Message("thứ Hai", "Mon"),
    Message("thứ Ba", "Tue"),
    Message("thứ Tư", "Wed"),
    Message("thứ Năm", "Thu"),
    Message("thứ Sáu", "Fri"),
    Message("thứ Bảy", "Sat"),
    Message("Chủ nhật", "Sun"),
)
WORKING_DAY = Message("ngày làm việc", "working day")
WORKING_DAYS = Message("ngày làm việc", "working days")
HOURS_METHOD = Message(
    "Thời hạn {n} {days} = {total} giờ làm việc, chỉ tính trong giờ làm việc, bắt đầu từ {start}",
    "{n} {days} = {total} office hours, counted only within office hours from {start}",
)
ON_DAY_OFF = Message(" (tiếp nhận vào ngày nghỉ).", " (received on a day off).")
OUT_OF_HOURS = Message(" (tiếp nhận ngoài giờ làm việc).", " (received outside office hours).")
LATE_DAY_OFF = Message("vào ngày nghỉ", "on a day off")
LATE_CUTOFF = Message("sau giờ chốt {cutoff}", "after the {cutoff} cut-off")
NEXT_WORKING_DAY = Message("ngày làm việc tiếp theo", "the next working day")
NTH_WORKING_DAY = Message("ngày làm việc {nth}", "the {nth} working day")
END_OF_DAY_METHOD = Message(
    "Thời hạn {n} {days}: hạn là cuối giờ làm việc của {which} sau ngày tiếp nhận",
    "{n} {days}: due at closing time of {which} after the day of receipt",
)
MOVED = Message(
    "; tiếp nhận {late} nên tính như tiếp nhận ngày {day}",
    "; received {late}, so counted as received on {day}",
)
SAME_DAY = Message("cùng ngày", "the same day")
NTH_COUNTING = Message(
    "ngày làm việc {nth}, tính cả ngày {day}", "on the {nth} working day counting {day}"
)
BY_CUTOFF = Message(
    "trước giờ chốt {cutoff} của ngày làm việc", "on a working day by the {cutoff} cut-off"
)
ONLINE_METHOD = Message(
    "Nhận trực tuyến {when}: trả kết quả lúc {hour} {which}.",
    "Received online {when}: result at {hour} {which}.",
)
DAY_KINDS: dict[DayKind, Message] = {
    DayKind.HOLIDAY: Message("nghỉ lễ, Tết", "public holiday"),
    DayKind.EXTRA_DAY_OFF: Message("ngày nghỉ theo thông báo", "announced day off"),
    DayKind.WORKING_DAY: Message("ngày làm việc", "working day"),
    DayKind.WEEKEND: Message("nghỉ cuối tuần", "weekend"),
    DayKind.SWAPPED_DAY_OFF: Message("nghỉ hoán đổi", "swapped day off"),
    DayKind.SWAPPED_WORKING_DAY: Message("ngày làm việc bù", "swapped working day"),
}
SWAPPED_DAY_OFF_FOR = Message(
    "nghỉ hoán đổi, làm bù ngày {partner}", "swapped day off, worked on {partner}"
)
SWAPPED_WORKING_DAY_FOR = Message(
    "ngày làm việc bù cho ngày {partner}", "working day in exchange for {partner}"
)
SATURDAY_OPENING = Message("giờ mở cửa thứ Bảy", "Saturday opening hours")
REASON_WITH_NAMES = Message("{reason}: {names}", "{reason}: {names}")


def _day(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _weekday(moment: dt.date, language: Language) -> str:
    return WEEKDAYS[moment.weekday()].text(language)


def _moment(moment: dt.datetime, language: Language) -> str:
    return f"{moment:%H:%M} {_weekday(moment, language)} {_day(moment.date())}"


def _hours(length: dt.timedelta, language: Language) -> str:
    hours = length.total_seconds() / 3600
    text = f"{hours:g}"
    return text.replace(".", "," if language == "vi" else ".")


def _nth(n: int, language: Language) -> str:
    if language == "vi":
        return f"thứ {n}"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _method(e: Explanation, language: Language) -> str:
    n = e.working_days
    days = (WORKING_DAY if n == 1 else WORKING_DAYS).text(language)
    if e.method is DueMethod.HOURS:
        text = HOURS_METHOD.text(
            language,
            n=n,
            days=days,
            total=_hours(e.day_length * n, language),
            start=_moment(e.counted_from, language),
        )
        if not e.moved:
            return text + "."
        return text + (ON_DAY_OFF if e.received_on_day_off else OUT_OF_HOURS).text(language)
    cutoff = f"{e.cutoff:%H:%M}" if e.cutoff else ""
    late = (
        LATE_DAY_OFF.text(language)
        if e.received_on_day_off
        else LATE_CUTOFF.text(language, cutoff=cutoff)
    )
    counted_day = f"{_weekday(e.counted_from, language)} {_day(e.counted_from.date())}"
    if e.method is DueMethod.END_OF_DAY:
        which = (
            NEXT_WORKING_DAY.text(language)
            if n == 1
            else NTH_WORKING_DAY.text(language, nth=_nth(n, language))
        )
        text = END_OF_DAY_METHOD.text(language, n=n, days=days, which=which)
        if e.moved:
            text += MOVED.text(language, late=late, day=counted_day)
        return text + "."
    if n == 1:
        which = (NEXT_WORKING_DAY if e.moved else SAME_DAY).text(language)
    else:
        which = NTH_COUNTING.text(language, nth=_nth(n, language), day=_day(e.counted_from.date()))
    when = late if e.moved else BY_CUTOFF.text(language, cutoff=cutoff)
    return ONLINE_METHOD.text(language, when=when, hour=f"{e.due_at:%H:%M}", which=which)


def _reason(status: DayStatus, language: Language, counted: bool) -> str:
    partner = _day(status.swap_with) if status.swap_with else None
    if status.kind is DayKind.SWAPPED_DAY_OFF and partner:
        return SWAPPED_DAY_OFF_FOR.text(language, partner=partner)
    if status.kind is DayKind.SWAPPED_WORKING_DAY and partner:
        return SWAPPED_WORKING_DAY_FOR.text(language, partner=partner)
    if status.kind is DayKind.WEEKEND and counted:
        # Only a Saturday opening can put a weekend day among the counted ones.
        return SATURDAY_OPENING.text(language)
    return DAY_KINDS[status.kind].text(language)


def _listing(days: Sequence[DayStatus], language: Language, counted: bool = False) -> str:
    return "; ".join(_groups(days, language, counted))


def _groups(days: Sequence[DayStatus], language: Language, counted: bool = False) -> Iterator[str]:
    """Runs of consecutive days with the same reason: "dd/mm/yyyy–dd/mm/yyyy (reason: names)"."""
    run: list[DayStatus] = []
    for status in [*days, None]:
        if run and (
            status is None
            or status.date - run[-1].date != dt.timedelta(days=1)
            or _reason(status, language, counted) != _reason(run[-1], language, counted)
        ):
            yield _render_run(run, language, counted)
            run = []
        if status is not None:
            run.append(status)


def _render_run(run: list[DayStatus], language: Language, counted: bool) -> str:
    first, last = run[0].date, run[-1].date
    when = _day(first) if first == last else f"{_day(first)}–{_day(last)}"
    why = _reason(run[0], language, counted)
    if run[0].kind in (DayKind.HOLIDAY, DayKind.EXTRA_DAY_OFF):
        names: list[str] = []
        for status in run:
            name = (status.name_en or status.name) if language == "en" else status.name
            if name and name not in names:
                names.append(name)
        if names:
            why = REASON_WITH_NAMES.text(language, reason=why, names=", ".join(names))
    return f"{when} ({why})"
