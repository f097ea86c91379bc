"""The completeness and eligibility check of one dossier (step B1 of every procedure).

``evaluate`` answers what the officer must decide at the counter: which items
this applicant must hand in, what is missing or in the wrong form (worded for
BM 02), which conditions fail (worded for BM 03), and the verdict. A request
that cannot be evaluated raises ``RequestError`` naming each field and rule.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from app.catalogue.model import (
    Catalogue,
    Channel,
    DossierItem,
    PhotoBackground,
    Procedure,
    RequiredForm,
)
from app.dossier.facts import Context, MissingInformation
from app.dossier.predicates import FactCache, holds
from app.dossier.problems import RequestError, RequestProblem
from app.dossier.request import DossierRequest, PresentedForm, PresentedItem

EVALUATION_SCHEMA_VERSION: Literal[1] = 1

# Which requirement each presented form meets. An electronic certified copy has
# the legal value of a certified copy (Decree 23/2015/NĐ-CP as amended by
# Decree 45/2020/NĐ-CP); any copy will do where the decision asks for "Bản sao".
# An original alone is not a copy: the office keeps the copy and hands the
# original back, so "copy with the original shown" needs both.
SATISFIES: dict[PresentedForm, frozenset[RequiredForm]] = {
    PresentedForm.NOTHING: frozenset(),
    PresentedForm.ORIGINAL: frozenset({RequiredForm.ORIGINAL}),
    PresentedForm.COPY_WITH_ORIGINAL: frozenset(
        {RequiredForm.COPY_WITH_ORIGINAL, RequiredForm.COPY}
    ),
    PresentedForm.CERTIFIED_COPY: frozenset({RequiredForm.CERTIFIED_COPY, RequiredForm.COPY}),
    PresentedForm.ELECTRONIC_CERTIFIED_COPY: frozenset(
        {RequiredForm.CERTIFIED_COPY, RequiredForm.COPY}
    ),
    PresentedForm.PHOTOCOPY: frozenset({RequiredForm.COPY}),
}

PRESENTED_LABEL_VI: dict[PresentedForm, str] = {
    PresentedForm.NOTHING: "không có",
    PresentedForm.ORIGINAL: "bản chính",
    PresentedForm.COPY_WITH_ORIGINAL: "bản sao kèm bản chính để đối chiếu",
    PresentedForm.CERTIFIED_COPY: "bản sao có chứng thực",
    PresentedForm.ELECTRONIC_CERTIFIED_COPY: "bản sao điện tử có chứng thực",
    PresentedForm.PHOTOCOPY: "bản chụp",
}
PRESENTED_LABEL_EN: dict[PresentedForm, str] = {
    PresentedForm.NOTHING: "nothing",
    PresentedForm.ORIGINAL: "the original",
    PresentedForm.COPY_WITH_ORIGINAL: "a copy with the original shown",
    PresentedForm.CERTIFIED_COPY: "a certified copy",
    PresentedForm.ELECTRONIC_CERTIFIED_COPY: "an electronic certified copy",
    PresentedForm.PHOTOCOPY: "a photocopy",
}
REQUIRED_LABEL_EN: dict[RequiredForm, str] = {
    RequiredForm.ORIGINAL: "original",
    RequiredForm.COPY_WITH_ORIGINAL: "copy with the original shown",
    RequiredForm.CERTIFIED_COPY: "certified copy",
    RequiredForm.COPY: "copy",
}


class Verdict(StrEnum):
    ACCEPT = "accept"  # BM 01: receipt and appointment
    SUPPLEMENT = "supplement"  # BM 02: what to add
    REFUSE = "refuse"  # BM 03: refusal


class ItemStatus(StrEnum):
    OK = "ok"
    MISSING = "missing"
    WRONG_FORM = "wrong-form"
    TOO_FEW = "too-few"


class _Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class ItemCheck(_Result):
    item: str
    number: str
    name: str
    quantity: int
    forms: list[RequiredForm]
    form_text: str
    presence: Literal["required", "conditional", "optional"]
    presented_form: PresentedForm
    presented_count: int
    status: ItemStatus
    reason: str | None = None
    reason_en: str | None = None


class Refusal(_Result):
    condition: str
    reason: str
    source: str


class Evaluation(_Result):
    schema_version: Literal[1] = EVALUATION_SCHEMA_VERSION
    catalogue_version: str
    procedure: str
    procedure_name: str
    subcase: str | None
    channel: str
    received_on: dt.date
    verdict: Verdict
    items: list[ItemCheck]
    missing: list[ItemCheck]
    refusals: list[Refusal]
    processing_text: str
    working_days: int
    fee_vnd: int
    fee_text: str
    photo_at_counter: bool
    photo_background: PhotoBackground | None


def evaluate(request: DossierRequest, catalogue: Catalogue, today: dt.date) -> Evaluation:
    """Check one dossier; ``today`` is the day of receipt unless the request says."""
    procedure, channel = _resolve(request, catalogue)
    received_on = request.received_on or today
    facts = FactCache(Context(request=request, received_on=received_on))
    problems: list[RequestProblem] = []

    items: list[ItemCheck] = []
    for item in procedure.items_for(request.subcase):
        try:
            if _is_required(item, facts):
                items.append(_check_item(item, request.presented.get(item.id)))
        except MissingInformation as missing:
            problems.append(_missing_problem(missing, f"whether '{item.name}' is required"))

    refusals: list[Refusal] = []
    for condition in procedure.conditions:
        try:
            applies = condition.applies_when is None or holds(condition.applies_when, facts)
            if applies and not holds(condition.require, facts):
                refusals.append(
                    Refusal(
                        condition=condition.id,
                        reason=condition.refusal_reason,
                        source=condition.source,
                    )
                )
        except MissingInformation as missing:
            problems.append(_missing_problem(missing, f"condition '{condition.id}'"))
    if problems:
        raise RequestError(problems)

    missing_items = [check for check in items if check.status is not ItemStatus.OK]
    verdict = (
        Verdict.REFUSE if refusals else Verdict.SUPPLEMENT if missing_items else Verdict.ACCEPT
    )
    return Evaluation(
        catalogue_version=catalogue.version,
        procedure=procedure.id,
        procedure_name=procedure.name,
        subcase=request.subcase,
        channel=str(channel.id),
        received_on=received_on,
        verdict=verdict,
        items=items,
        missing=missing_items,
        refusals=refusals,
        processing_text=channel.processing_text,
        working_days=channel.working_days,
        fee_vnd=channel.fee_vnd,
        fee_text=channel.fee_text,
        photo_at_counter=bool(procedure.photo and procedure.photo.at_counter),
        photo_background=procedure.photo.background if procedure.photo else None,
    )


def _resolve(request: DossierRequest, catalogue: Catalogue) -> tuple[Procedure, Channel]:
    """The procedure and channel asked for, or every reason they cannot be used."""
    if request.procedure not in catalogue.procedures:
        known = ", ".join(catalogue.procedures)
        raise RequestError(
            [
                RequestProblem(
                    "procedure", f"unknown procedure '{request.procedure}'; known: {known}"
                )
            ]
        )
    procedure = catalogue.procedure(request.procedure)
    problems: list[RequestProblem] = []
    subcases = procedure.subcase_ids()
    if subcases and request.subcase not in subcases:
        problems.append(
            RequestProblem(
                "subcase", f"{procedure.id} needs one of the sub-cases {', '.join(subcases)}"
            )
        )
    elif not subcases and request.subcase is not None:
        problems.append(RequestProblem("subcase", f"{procedure.id} has no sub-cases"))
    offered = [str(channel.id) for channel in procedure.channels]
    if str(request.channel) not in offered:
        problems.append(
            RequestProblem("channel", f"{procedure.id} is received only by: {', '.join(offered)}")
        )
    if not problems:
        item_ids = {item.id for item in procedure.items_for(request.subcase)}
        problems.extend(
            RequestProblem(
                f"presented.{key}",
                f"no such item in {procedure.id}; items: {', '.join(sorted(item_ids))}",
            )
            for key in request.presented
            if key not in item_ids
        )
    classes = catalogue.manifest.licence_classes
    problems.extend(
        RequestProblem(
            f"requested_classes[{index}]",
            f"unknown class '{value}'; classes: {', '.join(classes)}",
        )
        for index, value in enumerate(request.requested_classes)
        if value not in classes
    )
    if problems:
        raise RequestError(problems)
    return procedure, procedure.channel(request.channel)


def _is_required(item: DossierItem, facts: FactCache) -> bool:
    if item.presence == "optional":
        return False
    return item.required_when is None or holds(item.required_when, facts)


def _check_item(item: DossierItem, presented: PresentedItem | None) -> ItemCheck:
    form = presented.form if presented else PresentedForm.NOTHING
    count = presented.count if presented and form is not PresentedForm.NOTHING else 0
    wanted = item.form_text[0].lower() + item.form_text[1:]
    wanted_en = " or ".join(REQUIRED_LABEL_EN[f] for f in item.forms)
    status, reason, reason_en = ItemStatus.OK, None, None
    if form is PresentedForm.NOTHING or count == 0:
        status = ItemStatus.MISSING
        reason = f"Chưa nộp; cần {item.quantity:02d} {wanted}."
        reason_en = f"Not handed in; {item.quantity} × {wanted_en} required."
    elif not SATISFIES[form] & set(item.forms):
        status = ItemStatus.WRONG_FORM
        reason = f"Đã nộp {PRESENTED_LABEL_VI[form]}; cần {wanted}."
        reason_en = f"Handed in {PRESENTED_LABEL_EN[form]}; {wanted_en} required."
    elif count < item.quantity:
        status = ItemStatus.TOO_FEW
        reason = f"Đã nộp {count:02d}; cần {item.quantity:02d} {wanted}."
        reason_en = f"Handed in {count}; {item.quantity} × {wanted_en} required."
    return ItemCheck(
        item=item.id,
        number=item.number,
        name=item.name,
        quantity=item.quantity,
        forms=item.forms,
        form_text=item.form_text,
        presence=item.presence,
        presented_form=form,
        presented_count=count,
        status=status,
        reason=reason,
        reason_en=reason_en,
    )


def _missing_problem(missing: MissingInformation, needed_for: str) -> RequestProblem:
    return RequestProblem(missing.field, f"required to decide {needed_for}")
