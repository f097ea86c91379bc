"""Closing a counter's day: a supervisor's check that the day's book is whole, then its record.

A day closes only when every check passes; otherwise nothing is written and
``DayNotClosable`` names each reason (``reasons``, one ``CloseReason`` each, and one
sentence joining them):

- ``store-damaged``: the store's own check (``PRAGMA quick_check``) fails;
- ``incomplete``: a dossier of the day lacks what receiving gives it (an accepted one its
  code or due date; each round of the day its checklist or the first print of its paper);
- ``code-gap``: a serial of the day's blocks, below the highest this counter gave, with no
  dossier in the store; a voided dossier or one whose code the centre refused (the write
  that gave the code) is a gap that is explained (``db.day_close.BY_VOID`` / ``BY_CENTRE``)
  and does not stop the close: the day is compared as the centre holds such a dossier;
- ``not-at-centre``: an operation of a dossier of the day is still waiting for the centre
  (pending) or was refused by it, other than the refusal of the write that gave the code
  (a refused re-appointment keeps the day open);
- ``centre-differs``: the centre's count and digest of the day's dossiers
  (``motcua.day_digest``, c0007) are not the counter's;
- ``centre-unreachable``: the centre could not be asked (alone: ``CentralFailure``, exit 5).

Which dossiers are the day's, and how the digest is made: ``db.day_close``. A counter with
no central database checks the first three only. Once every check passes, the centre
records the close (checking the digest again in its transaction), then the store does,
with the audit record ``day-close``. From then on the store refuses a receipt, a return
with papers, a re-appointment or a void dated on that day at this counter (migration
0011); a supervisor's recorded correction (``app.corrections``) is still possible.
``check_day_open`` says so beforehand, in the officer's words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.central_secret import use_for_connections
from app.failures import CentralFailure, PolicyRefusal
from app.i18n import Message
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.settings import Settings, serial_block
from db.day_close import (
    DAY_CLOSE_SCHEMA,
    NO_CHECKLIST,
    NO_CODE,
    NO_DUE_DATE,
    NO_SLIP,
    ClosedDay,
    DayCloseWrite,
    DayFacts,
    DigestDiffers,
    central_digest,
    closed_day,
    day_closed_refusal,
    day_facts,
    record_central_close,
    store_day_close,
)
from db.records import Actor
from db.store import Store
from db.sync.compat import check_compatible
from db.sync.connection import Connection, connect
from db.sync.errors import CENTRAL_ERRORS, describe
from db.sync.local import local_sync_state

STORE_DAMAGED, INCOMPLETE, CODE_GAP = "store-damaged", "incomplete", "code-gap"
NOT_AT_CENTRE, CENTRE_DIFFERS, CENTRE_UNREACHABLE = (
    "not-at-centre",
    "centre-differs",
    "centre-unreachable",
)
# How many dossiers a reason names before it says how many more.
NAMED = 5

CANNOT_CLOSE = Message(
    "ngày {day}: chưa chốt được ngày làm việc: {reasons}",
    "day {day}: the working day cannot be closed: {reasons}",
)
DAY_TO_COME = Message(
    "--date: ngày {day} chưa tới; chỉ chốt được ngày hôm nay hoặc ngày đã qua",
    "--date: {day} is still to come; only today or a past day can be closed",
)
DAY_CLOSED = Message(
    "ngày {day} đã được chốt lúc {at} ({officer}); hồ sơ của ngày đã chốt chỉ thay đổi qua "
    "đính chính có ghi nhận của lãnh đạo",
    "day {day} was closed at {at} ({officer}); a closed day's dossiers change only through "
    "a supervisor's recorded correction",
)
REASONS = {
    STORE_DAMAGED: Message(
        "kho dữ liệu không qua được bước kiểm tra ({finding})",
        "the store fails its check ({finding})",
    ),
    INCOMPLETE: Message(
        "{count} hồ sơ chưa đủ: {items}",
        "{count} dossier(s) not complete: {items}",
    ),
    CODE_GAP: Message(
        "số hồ sơ bị bỏ trống, không có hồ sơ hủy hay trung tâm từ chối giải thích: {items}",
        "dossier codes missing with no void or refusal by the centre to explain them: {items}",
    ),
    NOT_AT_CENTRE: Message(
        "{count} thao tác của hồ sơ trong ngày chưa tới trung tâm: {items}",
        "{count} operation(s) of the day's dossiers have not reached the centre: {items}",
    ),
    CENTRE_DIFFERS: Message(
        "trung tâm có {centre} hồ sơ của ngày, quầy có {ours}, hoặc mã, trạng thái của hồ sơ "
        "khác nhau (mã băm khác)",
        "the centre holds {centre} dossier(s) of the day and the counter {ours}, or their "
        "codes or statuses differ (the digests differ)",
    ),
    CENTRE_UNREACHABLE: Message(
        "không hỏi được trung tâm: {reason}", "the centre could not be asked: {reason}"
    ),
}
LACKS = {
    NO_CODE: Message("chưa có mã hồ sơ", "no dossier code"),
    NO_DUE_DATE: Message("chưa có ngày hẹn trả", "no due date"),
    NO_SLIP: Message("chưa in phiếu", "its paper not printed"),
    NO_CHECKLIST: Message("thiếu danh mục giấy tờ", "no checklist"),
}
STATES = {
    "pending": Message("đang chờ gửi", "waiting to be sent"),
    "rejected": Message("trung tâm từ chối", "refused by the centre"),
}
AND_MORE = Message("và {count} hồ sơ khác", "and {count} more")
SEPARATOR = "; "


@dataclass(frozen=True)
class CloseReason:
    """One reason a day cannot close: its kind (above) and its sentence."""

    kind: str
    message: Message
    values: dict[str, object]

    def text(self, language: str) -> str:
        return self.message.text("en" if language == "en" else "vi", **self.values)


class DayNotClosable(PolicyRefusal):
    """The day cannot be closed (exit 7); ``reasons`` lists each, nothing was written."""

    def __init__(self, day: dt.date, reasons: Sequence[CloseReason]) -> None:
        joined = Message(
            SEPARATOR.join(reason.text("vi") for reason in reasons),
            SEPARATOR.join(reason.text("en") for reason in reasons),
        )
        super().__init__(CANNOT_CLOSE, day=f"{day:%d/%m/%Y}", reasons=joined)
        self.day, self.reasons = day, tuple(reasons)

    @property
    def kinds(self) -> list[str]:
        return [reason.kind for reason in self.reasons]


class DayToCome(PolicyRefusal):
    """A day still to come cannot be closed."""


class DayClosed(PolicyRefusal):
    """The day is closed: what was asked would change its dossiers (exit 7)."""


@dataclass(frozen=True)
class DayClosure:
    """A day closed: the record, and the gaps that were explained."""

    closed: ClosedDay
    explained_gaps: tuple[tuple[str, str], ...]  # (code, voided | refused-by-centre)
    refused_by_centre: tuple[str, ...]
    already: bool  # closed before; nothing written now


ConnectCentre = Callable[[str], Connection]


def close_day(
    store: Store,
    day: dt.date,
    settings: Settings,
    who: Officer | Authority,
    closed_at: dt.datetime,
    *,
    connect_centre: ConnectCentre | None = None,
) -> DayClosure:
    """Close ``day`` at this counter (``settings``' agency and counter number) as ``who``
    (a supervisor: ``RoleRefused`` otherwise, before anything is read). ``closed_at`` is
    the counter's clock, local time. ``DayNotClosable`` with each reason when a check
    fails; ``CentralFailure`` when the centre alone could not be asked."""
    authority = require(who, Permission.CLOSE_DAY)
    if day > closed_at.date():
        raise DayToCome(DAY_TO_COME, day=f"{day:%d/%m/%Y}")
    counter = settings.counter_number
    earlier = closed_day(store, day, counter)
    if earlier is not None:
        return DayClosure(earlier, (), (), already=True)
    block = serial_block(settings)
    reasons: list[CloseReason] = []
    finding = store.quick_check()
    if finding != "ok":
        reasons.append(CloseReason(STORE_DAMAGED, REASONS[STORE_DAMAGED], {"finding": finding}))
    facts = day_facts(store, day, settings.agency_code, counter, (block.first, block.last))
    reasons.extend(_local_reasons(facts))
    write = DayCloseWrite(
        day=day,
        agency=settings.agency_code,
        counter_number=counter,
        closed_at=closed_at,
        officer=authority.actor.full_name,
        actor=Actor(
            authority.actor.login, None if authority.approver is None else authority.approver.login
        ),
        dossier_count=facts.dossier_count,
        digest=facts.digest,
    )
    central_id = None
    if facts.central:
        central_id = _at_centre(store, facts, write, reasons, connect_centre or _connect)
    elif reasons:
        raise DayNotClosable(day, reasons)
    closed = store_day_close(store, write, central_id)
    return DayClosure(
        closed,
        tuple((gap.code, gap.explained_by or "") for gap in facts.gaps),
        facts.refused_by_centre,
        already=False,
    )


def check_day_open(store: Store, day: dt.date, counter_number: int | None = None) -> None:
    """``DayClosed`` when ``day`` is closed at counter ``counter_number`` (None: at any counter
    this store closed it for): what a receipt, a return with papers, a re-appointment or a
    void dated that day asks first, before anything is written (the store refuses it anyway,
    migration 0011). This module imports no other operation, so each may call it."""
    closed = closed_day(store, day, counter_number)
    if closed is not None:
        raise DayClosed(
            DAY_CLOSED,
            day=f"{day:%d/%m/%Y}",
            at=f"{closed.closed_at:%H:%M %d/%m/%Y}",
            officer=closed.actor,
        )


def refused_for_closed_day(error: BaseException) -> bool:
    """Whether the store refused a write because its day is closed (migration 0011)."""
    return day_closed_refusal(error)


def _local_reasons(facts: DayFacts) -> list[CloseReason]:
    reasons: list[CloseReason] = []
    if facts.incomplete:
        keys = sorted({item.key for item in facts.incomplete})
        items = _listed(
            [
                (
                    f"{item.key} ({LACKS[item.lacks].vi})",
                    f"{item.key} ({LACKS[item.lacks].en})",
                )
                for item in facts.incomplete
            ]
        )
        reasons.append(
            CloseReason(INCOMPLETE, REASONS[INCOMPLETE], {"count": len(keys), "items": items})
        )
    missing = [gap for gap in facts.gaps if gap.explained_by is None]
    if missing:
        items = _listed([(gap.code, gap.code) for gap in missing])
        reasons.append(CloseReason(CODE_GAP, REASONS[CODE_GAP], {"items": items}))
    if facts.unsent:
        items = _listed(
            [
                (f"{op.key} ({STATES[op.state].vi})", f"{op.key} ({STATES[op.state].en})")
                for op in facts.unsent
            ]
        )
        reasons.append(
            CloseReason(
                NOT_AT_CENTRE, REASONS[NOT_AT_CENTRE], {"count": len(facts.unsent), "items": items}
            )
        )
    return reasons


def _listed(items: Sequence[tuple[str, str]]) -> Message:
    """The first few items, and how many more, in both languages."""
    unique = list(dict.fromkeys(items))
    shown = unique[:NAMED]
    vi, en = [item[0] for item in shown], [item[1] for item in shown]
    if len(unique) > NAMED:
        vi.append(AND_MORE.text("vi", count=len(unique) - NAMED))
        en.append(AND_MORE.text("en", count=len(unique) - NAMED))
    return Message(", ".join(vi), ", ".join(en))


def _connect(url: str) -> Connection:
    return connect(url, application_name="motcua-day-close")


def _at_centre(
    store: Store,
    facts: DayFacts,
    write: DayCloseWrite,
    reasons: list[CloseReason],
    connect_centre: ConnectCentre,
) -> str:
    """Compare with the centre and, when every check passed, record the close there."""
    url = local_sync_state(store).central_url
    assert url is not None
    use_for_connections(store)
    try:
        with connect_centre(url) as connection:
            check_compatible(connection, required=DAY_CLOSE_SCHEMA)
            count, digest = central_digest(connection, facts.day, facts.counter_number)
            if (count, digest) != (facts.dossier_count, facts.digest):
                reasons.append(_differs(count, facts.dossier_count))
            if reasons:
                raise DayNotClosable(facts.day, reasons)
            return record_central_close(connection, write, facts.device_id)
    except DigestDiffers as differs:
        raise DayNotClosable(
            facts.day, [*reasons, _differs(differs.centre_count, facts.dossier_count)]
        ) from differs
    except CENTRAL_ERRORS as error:
        unreachable = CloseReason(
            CENTRE_UNREACHABLE, REASONS[CENTRE_UNREACHABLE], {"reason": describe(error)}
        )
        if reasons:
            raise DayNotClosable(facts.day, [*reasons, unreachable]) from error
        raise CentralFailure(REASONS[CENTRE_UNREACHABLE], reason=describe(error)) from error


def _differs(centre: int, ours: int) -> CloseReason:
    return CloseReason(CENTRE_DIFFERS, REASONS[CENTRE_DIFFERS], {"centre": centre, "ours": ours})


def day_closed(store: Store, day: dt.date, counter_number: int) -> ClosedDay | None:
    """The close of ``day`` at counter ``counter_number``, or None while the day is open:
    what the window shows beside the day's summary."""
    return closed_day(store, day, counter_number)


# A close as recorded (``day_closed``, ``DayClosure.closed``), named for the window.
ClosedDayRecord = ClosedDay
