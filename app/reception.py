"""Receiving a dossier at the counter: evaluate, date, number and store it in one go.

``receive`` is what "accept", "supplement" and "refuse" at the counter do. All
it writes — the dossier, its licences, the round with every checklist row,
and the code — goes into one transaction: a crash leaves either the whole
dossier or none of it, and a slip may be printed only once this returned.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.catalogue.currency import check_receivable
from app.catalogue.model import Catalogue, ChannelId
from app.catalogue.not_current_policy import NotCurrentPolicy
from app.day_close import check_day_open
from app.dossier.checking import as_received_on
from app.dossier.evaluation import Evaluation, Verdict, evaluate
from app.dossier.problems import OTHER_PROCEDURE, RequestError, RequestProblem
from app.dossier.request import DossierRequest, HeldLicence, checked_text
from app.dossier.statuses import STATUS_LABELS
from app.dossier_code import SerialBlock, format_code
from app.dossier_queries import DOSSIER_VOIDED, voided_values
from app.i18n import Message, Refusal
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.sync_ops import numbering_refusal
from app.verdicts import awaits_supplement, status_for
from app.workdays import DueDate, DueRule, OfficeHours, WorkCalendar, compute_due
from db.audit import Station, identify_station
from db.dossiers import DossierMissing, SerialsExhausted, store_reception
from db.records import (
    Actor,
    DueRecord,
    ItemRecord,
    LicenceRecord,
    NewDossier,
    Numbering,
    ReceptionWrite,
    RoundRecord,
    StoredDossier,
    record_from,
)
from db.store import Store
from db.sync.serials import ReserveUnavailable


@dataclass(frozen=True)
class Counter:
    """Who and where: recorded on every dossier.

    ``authority`` is who receives (and the supervisor who approved, if any): the
    officer's full name is printed on the papers and kept with the dossier, the
    login is what the audit trail records.
    """

    agency_code: str
    receiving_point: str
    counter_number: int
    authority: Authority
    serials: SerialBlock
    # The department's setting for a day on which the catalogue version may no longer apply:
    # with REFUSE, ``receive`` stores nothing on such a day (app.catalogue.currency).
    not_current: NotCurrentPolicy = NotCurrentPolicy.WARN

    @property
    def officer(self) -> str:
        """The name printed on the papers and kept with the dossier."""
        return self.authority.actor.full_name


def audit_actor(who: Officer | Authority) -> Actor:
    """Who an action's audit record names: the officer's login and the approver's, never a
    name."""
    authority = who if isinstance(who, Authority) else Authority(who)
    approver = authority.approver
    return Actor(authority.actor.login, None if approver is None else approver.login)


def acting_officer(who: Officer | Authority) -> Officer:
    """The officer at the counter: the one whose name the action keeps."""
    return who.actor if isinstance(who, Authority) else who


@dataclass(frozen=True)
class Timetable:
    calendar: WorkCalendar
    hours: OfficeHours
    rule: DueRule


@dataclass(frozen=True)
class Receipt:
    dossier_id: str
    code: str | None
    received_at: dt.datetime
    evaluation: Evaluation
    due: DueDate | None


NO_DOSSIER_TO_COMPLETE = Message(
    "không có hồ sơ nào có mã số {dossier}", "no dossier with id {dossier}"
)
NOT_AWAITING_PAPERS = Message(
    "hồ sơ {dossier} đang ở trạng thái “{status}”, không phải hồ sơ chờ bổ sung giấy tờ",
    "dossier {dossier} is “{status}”, not awaiting papers",
)
CODES_EXHAUSTED = Message(
    "Mã hồ sơ: đã dùng hết các số {first:04d}–{last:04d} dành cho quầy này ngày {day}"
    " (cơ quan {agency}); chưa thể cấp mã cho hồ sơ nào cho đến khi cán bộ IT"
    " cấp cho quầy một dải số khác",
    "Dossier code: all numbers {first:04d}–{last:04d} reserved for this counter on {day}"
    " are used (agency {agency}); no dossier can be given a code until IT staff assign"
    " this counter another block",
)


# A time of receipt typed for a dossier received earlier (``motcua receive --at``) is in the
# past; the clocks of the machines involved may differ by this much, no more.
CLOCK_TOLERANCE = dt.timedelta(minutes=5)

RECEIVED_LATER_THAN_NOW = Message(
    "thời điểm tiếp nhận {at} ở sau thời điểm hiện tại ({now}); chỉ nhập được thời điểm đã qua",
    "the time of receipt {at} is later than now ({now}); only a time already past can be entered",
)
DELIVERY_ADDRESS = Message("Địa chỉ nhận kết quả", "Delivery address")


class ReceiptTimeRefused(Refusal):
    """The time of receipt given is one that has not come yet."""


def check_receipt_time(received_at: dt.datetime, now: dt.datetime) -> dt.datetime:
    """``received_at`` when it has already come (within ``CLOCK_TOLERANCE``); a dossier
    numbered for a later day would take that day's codes before the day comes."""
    if received_at > now + CLOCK_TOLERANCE:
        at, shown_now = f"{received_at:%H:%M %d/%m/%Y}", f"{now:%H:%M %d/%m/%Y}"
        raise ReceiptTimeRefused(RECEIVED_LATER_THAN_NOW, at=at, now=shown_now)
    return received_at


def checked_delivery_address(address: str) -> str:
    """The postal address the result is sent to, as the request's text fields are held:
    one line of printable characters, bounded (``TextRefused`` otherwise)."""
    return checked_text(address, DELIVERY_ADDRESS)


class NotAwaitingSupplement(Refusal):
    """The dossier named as the one being completed cannot take another round."""


class CodesExhausted(Refusal):
    """Every serial the counter may use today is taken; no dossier can be numbered."""


def receive(
    request: DossierRequest,
    *,
    catalogue: Catalogue,
    timetable: Timetable,
    counter: Counter,
    store: Store,
    received_at: dt.datetime,
    result_delivery: str = "counter",
    delivery_address: str = "",
    supplements: str | None = None,
    photo: Mapping[str, Any] | None = None,
    started_at: dt.datetime | None = None,
) -> Receipt:
    """Evaluate and store a dossier; raises before anything is written when it cannot.

    With ``supplements`` (a dossier id), this is the applicant coming back with
    what BM 02 asked for: a new round of the same dossier, evaluated afresh,
    the earlier rounds kept as they were. ``photo`` is the photo taken at the
    counter (``camera.capture.AcceptedPhoto.record()``), stored with this round.
    ``started_at`` is when the window had the applicant's procedure picked: kept in the
    audit record's subject (``started_at``, ISO to the second) for the service times of the
    day summary (``app.statistics.day``); the command line gives none.
    Refused before anything is written: a counter whose officer may not receive
    (``RoleRefused``), a time of receipt still to come (``ReceiptTimeRefused``), a
    delivery address that breaks the rule of the request's text (``TextRefused``), a day on
    which the catalogue version may no longer apply when the counter's setting refuses such
    days (``CatalogueNotCurrent``).
    """
    require(counter.authority, Permission.RECEIVE)
    check_receipt_time(received_at, dt.datetime.now())
    check_day_open(store, received_at.date(), counter.counter_number)
    delivery_address = checked_delivery_address(delivery_address)
    # Checked again on the day of receipt: a date of issue after it is refused.
    request = as_received_on(request, received_at.date())
    evaluation = evaluate(request, catalogue, received_at.date())
    # Before the store is touched: a refused day gets neither a dossier nor a code.
    check_receivable(evaluation.catalogue_not_current, evaluation.received_on, counter.not_current)
    due = due_for(evaluation, catalogue, timetable, received_at)
    write = ReceptionWrite(
        round=_round(request, evaluation, received_at, counter.officer),
        status=status_for(evaluation.verdict),
        result_delivery=result_delivery,
        delivery_address=delivery_address,
        actor=audit_actor(counter.authority),
        started_at=None if started_at is None else started_at.replace(microsecond=0),
        dossier=_new_dossier(request, evaluation, counter, received_at)
        if supplements is None
        else None,
        supplements=supplements,
        check=lambda dossier: _check_awaiting_supplement(dossier, evaluation),
        due=None if due is None else due_record(due),
        numbering=None
        if due is None
        else Numbering(
            counter.agency_code,
            received_at.date(),
            (counter.serials.first, counter.serials.last),
            format_code,
        ),
        photo=photo,
    )
    # The receipt's audit record names this counter (db.audit).
    identify_station(
        store, Station(counter.agency_code, counter.receiving_point, counter.counter_number)
    )
    try:
        dossier_id, code = store_reception(store, write)
    except DossierMissing as error:
        raise NotAwaitingSupplement(NO_DOSSIER_TO_COMPLETE, dossier=supplements) from error
    except ReserveUnavailable as error:
        raise numbering_refusal(error) from error
    except SerialsExhausted as error:
        raise CodesExhausted(
            CODES_EXHAUSTED,
            first=error.first,
            last=error.last,
            day=f"{error.day:%d/%m/%Y}",
            agency=error.agency,
        ) from error
    return Receipt(dossier_id, code, received_at, evaluation, due)


def _new_dossier(
    request: DossierRequest, evaluation: Evaluation, counter: Counter, received_at: dt.datetime
) -> NewDossier:
    return NewDossier(
        procedure_id=evaluation.procedure,
        subcase=evaluation.subcase,
        channel=evaluation.channel,
        catalogue_version=evaluation.catalogue_version,
        applicant_name=request.applicant.full_name,
        applicant_id_number=request.applicant.identity_document.number,
        applicant_json=request.applicant.model_dump_json(),
        received_at=received_at,
        fee_vnd=evaluation.fee_vnd,
        officer=counter.officer,
        receiving_point=counter.receiving_point,
        counter_number=counter.counter_number,
        licences=[licence_record(licence) for licence in request.licences],
    )


def _check_awaiting_supplement(dossier: StoredDossier, evaluation: Evaluation) -> None:
    """The dossier being completed must be waiting for papers, of the same procedure."""
    if dossier.voided is not None:
        raise NotAwaitingSupplement(DOSSIER_VOIDED, **voided_values(dossier))
    if not awaits_supplement(dossier.status):
        raise NotAwaitingSupplement(
            NOT_AWAITING_PAPERS,
            dossier=dossier.code or dossier.id,
            status=STATUS_LABELS.get(dossier.status, dossier.status),
        )
    if (dossier.procedure_id, dossier.subcase) != (evaluation.procedure, evaluation.subcase):
        case = f" {dossier.subcase}" if dossier.subcase else ""
        values = {"procedure": f"{dossier.procedure_id}{case}"}
        raise RequestError([RequestProblem("procedure", OTHER_PROCEDURE, values)])


def due_record(due: DueDate) -> DueRecord:
    """A due date as the store keeps it: the moment and how it was computed (JSON)."""
    return DueRecord(due.due_at, json.dumps(due.explanation.to_dict(), ensure_ascii=False))


def due_for(
    evaluation: Evaluation, catalogue: Catalogue, timetable: Timetable, received_at: dt.datetime
) -> DueDate | None:
    """The appointment an accepted dossier gets (None for any other verdict): what the
    receiving screen previews and what ``receive`` stores."""
    if evaluation.verdict is not Verdict.ACCEPT:
        return None
    procedure = catalogue.procedure(evaluation.procedure)
    channel = procedure.channel(ChannelId(evaluation.channel))
    return compute_due(
        received_at,
        channel.working_days,
        timetable.calendar,
        timetable.hours,
        timetable.rule,
        channel.same_day_return_at,
    )


def licence_record(licence: HeldLicence) -> LicenceRecord:
    """A held licence as the store keeps it (receiving, and a correction's licences)."""
    material = None if licence.material is None else str(licence.material)
    return record_from(LicenceRecord, licence, issuer=str(licence.issuer), material=material)


def _round(
    request: DossierRequest, evaluation: Evaluation, received_at: dt.datetime, officer: str
) -> RoundRecord:
    return RoundRecord(
        received_at=received_at,
        verdict=str(evaluation.verdict),
        request_json=request.model_dump_json(),
        evaluation_json=evaluation.model_dump_json(),
        officer=officer,
        items=[
            ItemRecord(
                item_id=item.item,
                item_name=item.name,
                quantity=item.quantity,
                presented_form=str(item.presented_form),
                presented_count=item.presented_count,
                status=str(item.status),
                reason=item.reason,
            )
            for item in evaluation.items
        ],
    )
