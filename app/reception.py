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

from sqlalchemy.orm import Session

from app.catalogue.model import Catalogue, ChannelId
from app.dossier.evaluation import Evaluation, Verdict, evaluate
from app.dossier.problems import RequestError, RequestProblem
from app.dossier.request import DossierRequest, HeldLicence
from app.dossier_code import SerialBlock, format_code
from app.workdays import DueDate, DueRule, OfficeHours, WorkCalendar, compute_due
from db.dossiers import (
    ItemRecord,
    LicenceRecord,
    RoundRecord,
    add_licences,
    add_round,
    find_by_id,
    next_serial,
)
from db.models import Dossier
from db.photos import add_photo
from db.store import Store
from db.sync.serials import leased_blocks

STATUS_BY_VERDICT = {
    Verdict.ACCEPT: "accepted",
    Verdict.SUPPLEMENT: "awaiting-supplement",
    Verdict.REFUSE: "refused",
}


@dataclass(frozen=True)
class Counter:
    """Who and where: recorded on every dossier."""

    agency_code: str
    receiving_point: str
    counter_number: int
    officer: str
    serials: SerialBlock


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


class NotAwaitingSupplement(Exception):
    """The dossier named as the one being completed cannot take another round."""


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
) -> Receipt:
    """Evaluate and store a dossier; raises before anything is written when it cannot.

    With ``supplements`` (a dossier id), this is the applicant coming back with
    what BM 02 asked for: a new round of the same dossier, evaluated afresh,
    the earlier rounds kept as they were. ``photo`` is the photo taken at the
    counter (``camera.capture.AcceptedPhoto.record()``), stored with this round.
    """
    request = request.model_copy(update={"received_on": received_at.date()})
    evaluation = evaluate(request, catalogue, received_at.date())
    due = due_for(evaluation, catalogue, timetable, received_at)
    with store.transaction() as session:
        if supplements is None:
            dossier = _new_dossier(request, evaluation, counter, received_at)
            session.add(dossier)
            add_licences(session, dossier, [_licence(licence) for licence in request.licences])
        else:
            dossier = _awaiting_supplement(session, supplements, evaluation)
        dossier.status = STATUS_BY_VERDICT[evaluation.verdict]
        dossier.result_delivery, dossier.delivery_address = result_delivery, delivery_address
        if due is not None:
            dossier.received_at = received_at  # the time limit runs from the complete dossier
            dossier.due_at = due.due_at
            dossier.due_explanation_json = json.dumps(due.explanation.to_dict(), ensure_ascii=False)
            _number(session, dossier, counter, received_at.date())
        reception = add_round(
            session, dossier, _round(request, evaluation, received_at, counter.officer)
        )
        if photo is not None:
            add_photo(session, dossier, reception, photo, counter.officer)
        session.flush()
        dossier_id, code = dossier.id, dossier.code
    return Receipt(dossier_id, code, received_at, evaluation, due)


def _new_dossier(
    request: DossierRequest, evaluation: Evaluation, counter: Counter, received_at: dt.datetime
) -> Dossier:
    return Dossier(
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
    )


def _awaiting_supplement(session: Session, dossier_id: str, evaluation: Evaluation) -> Dossier:
    dossier = find_by_id(session, dossier_id, with_history=True)
    if dossier is None:
        raise NotAwaitingSupplement(f"no dossier with id {dossier_id}")
    if dossier.status != STATUS_BY_VERDICT[Verdict.SUPPLEMENT]:
        raise NotAwaitingSupplement(
            f"dossier {dossier.code or dossier_id} is {dossier.status}, not awaiting papers"
        )
    if (dossier.procedure_id, dossier.subcase) != (evaluation.procedure, evaluation.subcase):
        case = f" {dossier.subcase}" if dossier.subcase else ""
        raise RequestError(
            [
                RequestProblem(
                    "procedure", f"the dossier being completed is {dossier.procedure_id}{case}"
                )
            ]
        )
    return dossier


def _number(session: Session, dossier: Dossier, counter: Counter, day: dt.date) -> None:
    """Give the dossier its code, inside the transaction that stores it.

    Serials leased from the centre for the day come first; the counter's own
    block is the reserve for when they run out offline (docs/dossier-codes.md).
    The leases are local rows (the sync thread takes them ahead of time), so
    numbering never waits for the network.
    """
    # No autoflush: the dossier is inserted once, with its code, not inserted then updated.
    with session.no_autoflush:
        blocks = leased_blocks(session, counter.agency_code, day)
        blocks.append((counter.serials.first, counter.serials.last))
        serial = next_serial(session, counter.agency_code, day, blocks)
    dossier.code_agency, dossier.code_day, dossier.code_serial = counter.agency_code, day, serial
    dossier.code = format_code(counter.agency_code, day, serial)


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


def _licence(licence: HeldLicence) -> LicenceRecord:
    return LicenceRecord(
        number=licence.number,
        classes=licence.classes,
        issue_date=licence.issue_date,
        expiry_date=licence.expiry_date,
        issuing_authority=licence.issuing_authority,
        issuer=str(licence.issuer),
        material=str(licence.material),
    )


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
