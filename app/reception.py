"""Receiving a dossier at the counter: evaluate, date, number and store it in one go.

``receive`` is what "accept", "supplement" and "refuse" at the counter do. All
it writes — the dossier, its licences, the round with every checklist row,
and the code — goes into one transaction: a crash leaves either the whole
dossier or none of it, and a slip may be printed only once this returned.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Evaluation, Verdict, evaluate
from app.dossier.request import DossierRequest, HeldLicence
from app.dossier_code import SerialBlock, format_code
from app.workdays import DueDate, DueRule, OfficeHours, WorkCalendar, compute_due
from db.dossiers import (
    ItemRecord,
    LicenceRecord,
    RoundRecord,
    add_licences,
    add_round,
    next_serial,
)
from db.models import Dossier
from db.store import Store

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
) -> Receipt:
    """Evaluate and store a new dossier; raises RequestError before anything is written."""
    request = request.model_copy(update={"received_on": received_at.date()})
    evaluation = evaluate(request, catalogue, received_at.date())
    due = _due(evaluation, catalogue, timetable, received_at)
    with store.transaction() as session:
        dossier = Dossier(
            status=STATUS_BY_VERDICT[evaluation.verdict],
            procedure_id=evaluation.procedure,
            subcase=evaluation.subcase,
            channel=evaluation.channel,
            catalogue_version=evaluation.catalogue_version,
            applicant_name=request.applicant.full_name,
            applicant_id_number=request.applicant.identity_document.number,
            applicant_json=request.applicant.model_dump_json(),
            received_at=received_at,
            due_at=due.due_at if due else None,
            due_explanation_json=json.dumps(due.explanation.to_dict(), ensure_ascii=False)
            if due
            else None,
            fee_vnd=evaluation.fee_vnd,
            result_delivery=result_delivery,
            delivery_address=delivery_address,
            officer=counter.officer,
            receiving_point=counter.receiving_point,
            counter_number=counter.counter_number,
        )
        if evaluation.verdict is Verdict.ACCEPT:
            day = received_at.date()
            serial = next_serial(
                session, counter.agency_code, day, counter.serials.first, counter.serials.last
            )
            dossier.code_agency, dossier.code_day, dossier.code_serial = (
                counter.agency_code,
                day,
                serial,
            )
            dossier.code = format_code(counter.agency_code, day, serial)
        session.add(dossier)
        add_licences(session, dossier, [_licence(licence) for licence in request.licences])
        add_round(session, dossier, _round(request, evaluation, received_at, counter.officer))
        session.flush()
        dossier_id, code = dossier.id, dossier.code
    return Receipt(dossier_id, code, received_at, evaluation, due)


def _due(
    evaluation: Evaluation, catalogue: Catalogue, timetable: Timetable, received_at: dt.datetime
) -> DueDate | None:
    if evaluation.verdict is not Verdict.ACCEPT:
        return None
    channel = next(
        c for c in catalogue.procedure(evaluation.procedure).channels if c.id == evaluation.channel
    )
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
