"""A dossier's status after reception: the states, the moves between them, and what a
hand-over is refused for (issue 14; Decree 61/2018 arts. 18-20). Pure domain: no store.

received → forwarded → result ready | not granted → returned (in person, by proxy,
by post); withdrawn by the applicant before a result. "Not granted" is a result too:
the refusal letter (art. 19(8)), handed over like a licence. A voided dossier
(``app.voids``) takes no change at all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.i18n import Message, Refusal
from app.workdays import OfficeHours, WorkCalendar


class Status(StrEnum):
    RECEIVED = "received"  # no change stored yet
    FORWARDED = "forwarded"  # with the processing unit
    RESULT_READY = "result-ready"
    NOT_GRANTED = "not-granted"  # the result is a refusal letter
    RETURNED = "returned"
    WITHDRAWN = "withdrawn"


class ReturnMethod(StrEnum):
    IN_PERSON = "in-person"
    PROXY = "proxy"
    POST = "post"


STATUS_NAMES: Mapping[Status, Message] = {
    Status.RECEIVED: Message("đã tiếp nhận", "received"),
    Status.FORWARDED: Message("đã chuyển xử lý", "forwarded"),
    Status.RESULT_READY: Message("có kết quả", "result ready"),
    Status.NOT_GRANTED: Message("không được giải quyết", "not granted"),
    Status.RETURNED: Message("đã trả kết quả", "returned"),
    Status.WITHDRAWN: Message("đã rút hồ sơ", "withdrawn"),
}
METHOD_NAMES: Mapping[ReturnMethod, Message] = {
    ReturnMethod.IN_PERSON: Message("trực tiếp cho người nộp", "in person"),
    ReturnMethod.PROXY: Message("cho người được ủy quyền", "to a proxy"),
    ReturnMethod.POST: Message("qua bưu chính", "by post"),
}

# Where each state may go; returned and withdrawn are final.
TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.RECEIVED: frozenset({Status.FORWARDED, Status.WITHDRAWN}),
    Status.FORWARDED: frozenset({Status.RESULT_READY, Status.NOT_GRANTED, Status.WITHDRAWN}),
    Status.RESULT_READY: frozenset({Status.RETURNED}),
    Status.NOT_GRANTED: frozenset({Status.RETURNED}),
    Status.RETURNED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}
READY = frozenset({Status.RESULT_READY, Status.NOT_GRANTED})  # what a hand-over needs

# Art. 18(2)-(3): forwarded the same working day, or the next morning when received after this.
FORWARD_CUTOFF = dt.time(15, 0)
STANDARD_HOURS = OfficeHours()

CANNOT_CHANGE = Message(
    "hồ sơ {code} đang ở trạng thái «{current}», không thể chuyển sang «{wanted}»",
    "dossier {code} is {current}; it cannot become {wanted}",
)
VOIDED = Message(
    "hồ sơ {code} đã bị hủy lúc {at}; không thao tác thêm với hồ sơ đã hủy",
    "dossier {code} was voided at {at}; nothing more is done with a voided dossier",
)
NOT_ACCEPTED = Message(
    "hồ sơ {key} chưa được tiếp nhận đầy đủ (chưa có mã hồ sơ)",
    "dossier {key} was not accepted (it has no dossier code)",
)
NOT_YET_READY = Message(
    "hồ sơ {code} chưa có kết quả (trạng thái: {current}); hẹn trả lúc {due}",
    "the result of dossier {code} is not ready yet ({current}); it is due at {due}",
)
NO_DUE_DATE = Message("chưa hẹn ngày", "no due date")
ALREADY_RETURNED = Message(
    "kết quả hồ sơ {code} đã được trả lúc {at} cho {to}, tại {point}, quầy {counter}",
    "the result of dossier {code} was already handed over at {at} to {to}, "
    "at {point}, counter {counter}",
)
IDENTITY_MISMATCH = Message(
    "giấy tờ tùy thân số {given} không phải của người nộp hồ sơ {code}, "
    "và chưa ghi nhận người được ủy quyền",
    "identity document {given} is not that of dossier {code}'s applicant, and no proxy is recorded",
)
OTHER_POINT = Message(
    "hồ sơ {code} được tiếp nhận tại {point}; kết quả được trả tại đó",
    "dossier {code} was received at {point}; its result is handed over there",
)
WITHDRAWN = Message(
    "hồ sơ {code} đã được người nộp rút lúc {at}",
    "dossier {code} was withdrawn by the applicant at {at}",
)
PROXY_INCOMPLETE = Message(
    "trả cho người được ủy quyền: cần họ tên, số giấy tờ tùy thân và số giấy ủy quyền",
    "handing over to a proxy: the name, identity document number and authorisation are required",
)
POST_INCOMPLETE = Message(
    "trả qua bưu chính: cần người nhận, địa chỉ, dịch vụ bưu chính và số hiệu bưu gửi",
    "handing over by post: the recipient, address, postal service and item number are required",
)
BM01_LOST_REASON = Message(
    "không xuất trình giấy tiếp nhận (BM 01): cần ghi lý do",
    "the receipt (BM 01) is not presented: the reason is required",
)


class StatusRefused(Refusal):
    """A change the rules do not allow; nothing was written."""


class HandOverRefused(StatusRefused):
    """A hand-over the rules do not allow; the message says why and what to do."""


@dataclass(frozen=True)
class Returned:
    """What the officer sees of an earlier hand-over."""

    at: dt.datetime
    to: str  # the collector's name, or the postal recipient's
    point: str | None
    counter_number: int | None


@dataclass(frozen=True)
class DossierState:
    """What the rules need of a stored dossier: no store type, no personal data kept."""

    key: str  # the code (or the id of a dossier without one)
    accepted: bool
    applicant_id_number: str
    receiving_point: str
    due_at: dt.datetime | None
    voided_at: dt.datetime | None
    status: Status
    changed_at: dt.datetime | None  # when the current status was reached
    returned: Returned | None = None


@dataclass(frozen=True)
class Collector:
    """Who stands at the counter: the identity document read (QR) or typed."""

    name: str
    id_number: str
    id_type: str = "cccd"
    read_by: str = "typed"  # typed | qr


@dataclass(frozen=True)
class Proxy:
    """A proxy's written authorisation (Decree 61/2018 art. 6(2)(b))."""

    reference: str
    dated: dt.date | None = None
    certified: bool = False


@dataclass(frozen=True)
class Postal:
    """A result sent by post (Decision 45/2016 art. 9): the Phiếu gửi's data."""

    service: str
    item_number: str
    recipient: str
    address: str
    phone: str = ""


@dataclass(frozen=True)
class Original:
    """An original taken in at reception: handed back, or kept with the reason."""

    document: str
    handed_back: bool
    kept_reason: str = ""


@dataclass(frozen=True)
class HandOver:
    """A hand-over as the officer records it."""

    method: ReturnMethod
    collector: Collector | None = None  # in person or by proxy
    proxy: Proxy | None = None
    post: Postal | None = None
    result: str = ""  # licence number / card serial, or the refusal letter's number
    bm01_presented: bool = True
    bm01_lost_reason: str = ""
    originals: tuple[Original, ...] = field(default=())

    @property
    def receiver(self) -> str:
        if self.method is ReturnMethod.POST:
            return "" if self.post is None else self.post.recipient
        return "" if self.collector is None else self.collector.name

    def details(self) -> dict[str, Any]:
        """What the status change keeps (the register, the receipt and the centre read it)."""
        kept: dict[str, Any] = {
            "method": str(self.method),
            "result": self.result,
            "receiver": self.receiver,
            "bm01": {"presented": self.bm01_presented, "lost_reason": self.bm01_lost_reason},
            "originals": [
                {"document": o.document, "handed_back": o.handed_back, "kept_reason": o.kept_reason}
                for o in self.originals
            ],
        }
        if self.collector is not None:
            c = self.collector
            kept["collector"] = {
                "name": c.name,
                "id_type": c.id_type,
                "id_number": c.id_number,
                "read_by": c.read_by,
            }
        if self.proxy is not None:
            kept["proxy"] = {
                "reference": self.proxy.reference,
                "dated": None if self.proxy.dated is None else self.proxy.dated.isoformat(),
                "certified": self.proxy.certified,
            }
        if self.post is not None:
            p = self.post
            kept["post"] = {
                "service": p.service,
                "item_number": p.item_number,
                "recipient": p.recipient,
                "address": p.address,
                "phone": p.phone,
            }
        return kept


def may_become(current: Status, wanted: Status) -> bool:
    return wanted in TRANSITIONS[current]


def check_change(state: DossierState, wanted: Status) -> None:
    """``StatusRefused`` unless ``state`` may become ``wanted`` (hand-over: ``check_hand_over``)."""
    _check_common(state)
    if state.status is Status.WITHDRAWN:
        raise StatusRefused(WITHDRAWN, code=state.key, at=_moment(state.changed_at))
    if not may_become(state.status, wanted):
        raise StatusRefused(
            CANNOT_CHANGE,
            code=state.key,
            current=STATUS_NAMES[state.status],
            wanted=STATUS_NAMES[wanted],
        )


def check_hand_over(state: DossierState, hand_over: HandOver, point: str) -> None:
    """``HandOverRefused`` with the reason the officer reads, unless the result of
    ``state`` may be handed over at ``point`` as ``hand_over`` says."""
    check_returnable(state, point)
    check_collector(state, hand_over)


def check_returnable(state: DossierState, point: str) -> None:
    """``HandOverRefused`` unless the result of ``state`` may be handed over at ``point``
    to whoever is entitled (what the screen says as soon as it shows the dossier)."""
    _check_common(state, HandOverRefused)
    if state.receiving_point != point:
        raise HandOverRefused(OTHER_POINT, code=state.key, point=state.receiving_point)
    if state.status is Status.WITHDRAWN:
        raise HandOverRefused(WITHDRAWN, code=state.key, at=_moment(state.changed_at))
    if state.status is Status.RETURNED:
        returned = state.returned or Returned(state.changed_at or dt.datetime.min, "?", None, None)
        raise HandOverRefused(
            ALREADY_RETURNED,
            code=state.key,
            at=_moment(returned.at),
            to=returned.to or "?",
            point=returned.point or "?",
            counter="?" if returned.counter_number is None else returned.counter_number,
        )
    if state.status not in READY:
        due = NO_DUE_DATE if state.due_at is None else _moment(state.due_at)
        raise HandOverRefused(
            NOT_YET_READY, code=state.key, current=STATUS_NAMES[state.status], due=due
        )


def check_collector(state: DossierState, hand_over: HandOver) -> None:
    """The collector is the applicant, or a proxy with an authorisation, or the post."""
    if not hand_over.bm01_presented and not hand_over.bm01_lost_reason.strip():
        raise HandOverRefused(BM01_LOST_REASON)
    if hand_over.method is ReturnMethod.POST:
        post = hand_over.post
        if post is None or not all(
            text.strip() for text in (post.service, post.item_number, post.recipient, post.address)
        ):
            raise HandOverRefused(POST_INCOMPLETE)
        return
    collector = hand_over.collector
    if hand_over.method is ReturnMethod.PROXY:
        if (
            collector is None
            or hand_over.proxy is None
            or not collector.name.strip()
            or not collector.id_number.strip()
            or not hand_over.proxy.reference.strip()
        ):
            raise HandOverRefused(PROXY_INCOMPLETE)
        return
    given = "" if collector is None else collector.id_number
    if _id(given) != _id(state.applicant_id_number):
        raise HandOverRefused(IDENTITY_MISMATCH, given=given.strip() or "?", code=state.key)


def forward_by(
    received_at: dt.datetime,
    calendar: WorkCalendar,
    hours: OfficeHours = STANDARD_HOURS,
    cutoff: dt.time = FORWARD_CUTOFF,
) -> dt.datetime:
    """When a dossier received at ``received_at`` must be with the processing unit:
    the end of that working day, or, received after ``cutoff`` (or on a day the office
    is closed), the opening of the next working day (art. 18(2)-(3))."""
    day = received_at.date()
    if calendar.is_working_day(day) and received_at.time() <= cutoff:
        return dt.datetime.combine(day, hours.closing_time)
    following = calendar.next_working_day(day)
    return dt.datetime.combine(following, hours.weekday[0].start)


def _check_common(state: DossierState, refusal: type[StatusRefused] = StatusRefused) -> None:
    if state.voided_at is not None:
        raise refusal(VOIDED, code=state.key, at=_moment(state.voided_at))
    if not state.accepted:
        raise refusal(NOT_ACCEPTED, key=state.key)


def _id(number: str) -> str:
    return "".join(number.split()).upper()


def _moment(moment: dt.datetime | None) -> str:
    return "?" if moment is None else f"{moment:%H:%M %d/%m/%Y}"
