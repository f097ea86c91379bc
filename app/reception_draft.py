"""The receiving screen without the screen: what the officer typed, assessed as they type.

The window keeps its widgets' values as plain request data (the JSON form of
``docs/request-format.md``) and asks ``assess`` after every change. The answer
says which fields break which rule, which facts the rules still need, the
checklist rows to show (conditional rows come and go with the facts), and —
once the request is valid — the live verdict. Nothing here is stored; storing
is ``app.reception.receive``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from app.catalogue.model import Catalogue, DossierItem, Procedure
from app.catalogue.rules import AllOf, AnyOf, FactTest, NotOf, Predicate
from app.dossier.evaluation import Evaluation, evaluate
from app.dossier.problems import RequestError, RequestProblem, problems_from_validation
from app.dossier.request import DossierRequest

# The officer's inputs beyond the applicant and the licences, by the fact a rule
# tests: the screen shows an input only for a procedure whose rules use it.
EXTRA_INPUTS: dict[str, str] = {
    "applicant.permanent_residence_card": "applicant.permanent_residence_card",
    "applicant.residence_permit_months": "applicant.residence_permit_months",
    "applicant.months_abroad": "applicant.months_abroad",
    "applicant.stay_abroad_covers_training": "applicant.stay_abroad_covers_training",
    "applicant.qualification": "applicant.qualification",
    "service_end.kind": "service_end",
    "service_end.decision_date": "service_end",
    "instructor_certificate.held": "instructor_certificate",
    "request.separate_time_limited": "separate_time_limited",
}


@dataclass(frozen=True)
class ChecklistRow:
    item: DossierItem
    required: bool | None  # None: not known until the facts that decide it are filled in


@dataclass(frozen=True)
class Assessment:
    field_errors: dict[str, str]  # request path -> rule broken
    missing_information: list[RequestProblem]  # facts a rule needs to decide
    checklist: list[ChecklistRow]
    evaluation: Evaluation | None

    @property
    def complete(self) -> bool:
        return self.evaluation is not None


def extra_inputs(procedure: Procedure) -> list[str]:
    """The request fields (beyond applicant and licences) this procedure's rules read."""
    predicates: list[Predicate] = []
    for condition in procedure.conditions:
        predicates.append(condition.require)
        if condition.applies_when is not None:
            predicates.append(condition.applies_when)
    predicates.extend(i.required_when for i in procedure.all_items() if i.required_when)
    wanted = {EXTRA_INPUTS[fact] for fact in _facts(predicates) if fact in EXTRA_INPUTS}
    return [field for field in dict.fromkeys(EXTRA_INPUTS.values()) if field in wanted]


def assess(data: dict[str, Any], catalogue: Catalogue, today: dt.date) -> Assessment:
    procedure = catalogue.procedures.get(str(data.get("procedure", "")))
    items = _items(procedure, data.get("subcase"))
    try:
        request = DossierRequest.model_validate(data)
    except ValidationError as error:
        errors = {p.field: p.rule for p in problems_from_validation(error)}
        return Assessment(errors, [], [ChecklistRow(i, _static(i)) for i in items], None)
    try:
        evaluation = evaluate(request, catalogue, today)
    except RequestError as error:
        # Facts still to fill in are not mistakes: show them apart from bad fields.
        needed = [p for p in error.problems if p.needs_information]
        errors = {p.field: p.rule for p in error.problems if p not in needed}
        return Assessment(errors, needed, [ChecklistRow(i, _static(i)) for i in items], None)
    required = {check.item for check in evaluation.items}
    rows = [ChecklistRow(item, item.id in required) for item in items]
    return Assessment({}, [], rows, evaluation)


def _items(procedure: Procedure | None, subcase: object) -> list[DossierItem]:
    if procedure is None:
        return []
    if procedure.subcases is None:
        return procedure.items_for(None)
    known = procedure.subcase_ids()
    return procedure.items_for(
        subcase if isinstance(subcase, str) and subcase in known else known[0]
    )


def _static(item: DossierItem) -> bool | None:
    return {"required": True, "optional": False}.get(item.presence)


def _facts(predicates: list[Predicate]) -> set[str]:
    found: set[str] = set()
    pending = list(predicates)
    while pending:
        predicate = pending.pop()
        if isinstance(predicate, FactTest):
            found.add(predicate.fact)
        elif isinstance(predicate, NotOf):
            pending.append(predicate.not_)
        elif isinstance(predicate, AllOf):
            pending.extend(predicate.all)
        elif isinstance(predicate, AnyOf):
            pending.extend(predicate.any)
    return found
