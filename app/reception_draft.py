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

from app.catalogue.model import Catalogue, Condition, DossierItem, Procedure
from app.catalogue.rules import AllOf, AnyOf, FactTest, NotOf, Predicate
from app.dossier.evaluation import Evaluation, evaluate
from app.dossier.problems import (
    REQUIRED,
    RequestError,
    RequestProblem,
    field_label,
    problems_from_validation,
)
from app.dossier.request import DossierRequest, LicenceIssuer, ServiceEndKind
from app.i18n import Message

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

REGISTER_FACT = "licence.verified_in_register"

# The licence panel's inputs that only some procedures' rules read, by the fact they fill.
LICENCE_INPUTS: dict[str, str] = {
    "none_held": "licence.count",  # "holds no licence": gv-cap and gv-cap-lai refuse it
    "verified_in_register": REGISTER_FACT,
    "material": "licence.materials",
    "damaged": "licence.damaged",
    "tampered": "licence.tampered",
    "identity_differs": "licence.identity_differs",
}

# What the officer still has to fill in, once per field, in plain words: the rules
# that need it (six conditions may read the licence) are not listed one by one.
STILL_NEEDED = Message("chưa điền; cần để xét hồ sơ", "not filled in yet; needed to decide")
STILL_NEEDED_FOR: dict[str, Message] = {
    "licences": Message(
        "nhập số và hạng của giấy phép lái xe đang có",
        "type the number and classes of the licence held",
    ),
    "licences[0].verified_in_register": Message(
        "tra cứu hệ thống quản lý giấy phép lái xe và chọn kết quả",
        "look the licence up in the licence register and choose the result",
    ),
    "licences[0].issue_date": Message(
        "nhập ngày cấp ghi trên giấy phép", "type the issue date printed on the licence"
    ),
    "service_end": Message(
        "chọn diện thôi phục vụ và nhập ngày ký quyết định",
        "choose how the applicant left the service and type the decision's date",
    ),
    "instructor_certificate": Message(
        "nhập số giấy chứng nhận giáo viên đã được cấp",
        "type the number of the instructor certificate issued before",
    ),
}


@dataclass(frozen=True)
class ChecklistRow:
    item: DossierItem
    required: bool | None  # None: not known until the facts that decide it are filled in


@dataclass(frozen=True)
class Assessment:
    # request path -> "Label: what is expected", in the chosen language, one per field
    field_errors: dict[str, str]
    # the fields the rules still need, once per field, in plain words
    missing_information: list[RequestProblem]
    checklist: list[ChecklistRow]
    evaluation: Evaluation | None

    @property
    def complete(self) -> bool:
        return self.evaluation is not None


def extra_inputs(procedure: Procedure, subcase: str | None = None) -> list[str]:
    """The request fields (beyond applicant and licences) this procedure's rules read, in
    ``subcase`` when given (doi-cong-an's case C asks what case B does not)."""
    facts = _facts(_predicates(procedure, subcase))
    wanted = {EXTRA_INPUTS[fact] for fact in facts if fact in EXTRA_INPUTS}
    return [field for field in dict.fromkeys(EXTRA_INPUTS.values()) if field in wanted]


def reads_register(procedure: Procedure | None, subcase: str | None = None) -> bool:
    """Whether the procedure's rules ask for the licence register look-up (doi-gtvt, idp-cap…):
    the screen asks the officer for its result only then."""
    return procedure is not None and REGISTER_FACT in _facts(_predicates(procedure, subcase))


def licence_inputs(procedure: Procedure | None, subcase: str | None = None) -> set[str]:
    """The licence panel's optional inputs (``LICENCE_INPUTS``) that the rules of this
    procedure, in this case, read: the others are not shown, so never typed for nothing."""
    if procedure is None:
        return set()
    facts = _facts(_predicates(procedure, subcase))
    return {field for field, fact in LICENCE_INPUTS.items() if fact in facts}


def still_wanted(assessment: Assessment, path: str, empty: bool) -> bool:
    """Whether the input filling request ``path`` ("licences[0].issue_date") still wants the
    officer: its value breaks a rule, or the rules need it (alone or as part of a group, such
    as "service_end") and it is empty."""

    def within(inner: str, outer: str) -> bool:
        return inner == outer or inner.startswith((f"{outer}.", f"{outer}["))

    if any(within(key, path) for key in assessment.field_errors):
        return True
    return empty and any(
        within(path, problem.field) or within(problem.field, path)
        for problem in assessment.missing_information
    )


def default_issuer(procedure: Procedure | None) -> LicenceIssuer:
    """The issuer a procedure's licences must have, read from its conditions (doi-cong-an:
    police; doi-nuoc-ngoai: a foreign country); the transport sector when none says."""
    allowed = _first_allowed(procedure, None, "licence.issuers")
    return LicenceIssuer(allowed) if allowed in set(LicenceIssuer) else LicenceIssuer.TRANSPORT


def default_service_end(procedure: Procedure | None, subcase: str | None) -> ServiceEndKind | None:
    """How the applicant left the service, as the case's condition asks it (doi-cong-an B:
    the police; C: a civil student; doi-quan-su: the army), so that the first verdict shown
    is not a refusal the officer did not cause; None where no condition says."""
    allowed = _first_allowed(procedure, subcase, "service_end.kind")
    return ServiceEndKind(allowed) if allowed in set(ServiceEndKind) else None


def _first_allowed(procedure: Procedure | None, subcase: str | None, fact: str) -> str | None:
    """The first value a condition of this case requires ``fact`` to have, if one does:
    a condition that holds always, or for this case, not one that holds only when another
    fact has some value."""
    for condition in procedure.conditions if procedure else []:
        case = _case_of(condition)
        if condition.applies_when is not None and (case is None or case != subcase):
            continue
        test = condition.require
        if isinstance(test, FactTest) and test.fact == fact:
            allowed = test.subset_of or test.one_of or [test.equals]
            return str(allowed[0]) if allowed and allowed[0] is not None else None
    return None


def assess(data: dict[str, Any], catalogue: Catalogue, today: dt.date) -> Assessment:
    procedure = catalogue.procedures.get(str(data.get("procedure", "")))
    items = _items(procedure, data.get("subcase"))
    # One licence on screen: "(licence 1)" would only be noise after its fields' labels.
    licences = data.get("licences")
    numbered = isinstance(licences, list) and len(licences) > 1
    try:
        request = DossierRequest.model_validate(data)
    except ValidationError as error:
        # An empty field the request needs (the name before the card is read, the
        # decision's date once the kind of service end is known) is still to fill in, not
        # a mistake: listed as needed, never shown in red.
        problems = problems_from_validation(error)
        to_fill = [p for p in problems if p.message is REQUIRED]
        needed = _still_needed(to_fill)
        errors = _by_field([p for p in problems if p not in to_fill], numbered)
        return Assessment(errors, needed, [ChecklistRow(i, _static(i)) for i in items], None)
    try:
        evaluation = evaluate(request, catalogue, today)
    except RequestError as error:
        # Facts still to fill in are not mistakes: show them apart from bad fields.
        needed = _still_needed([p for p in error.problems if p.needs_information])
        errors = _by_field([p for p in error.problems if not p.needs_information], numbered)
        return Assessment(errors, needed, [ChecklistRow(i, _static(i)) for i in items], None)
    required = {check.item for check in evaluation.items}
    rows = [ChecklistRow(item, item.id in required) for item in items]
    return Assessment({}, [], rows, evaluation)


def _by_field(problems: list[RequestProblem], numbered: bool) -> dict[str, str]:
    """The first rule each field breaks, as the officer reads it: "Label: what is expected"."""
    errors: dict[str, str] = {}
    for problem in problems:
        if problem.field not in errors:
            label = field_label(problem.field, numbered=numbered)
            errors[problem.field] = f"{label}: {problem.text()}"
    return errors


def _still_needed(problems: list[RequestProblem]) -> list[RequestProblem]:
    """Each field the rules need, once, with what to do about it."""
    fields = dict.fromkeys(problem.field for problem in problems)
    return [
        RequestProblem(field, STILL_NEEDED_FOR.get(field, STILL_NEEDED), needs_information=True)
        for field in fields
    ]


def _items(procedure: Procedure | None, subcase: object) -> list[DossierItem]:
    if procedure is None:
        return []
    if procedure.subcases is None:
        return procedure.items_for(None)
    known = procedure.subcase_ids()
    return procedure.items_for(
        subcase if isinstance(subcase, str) and subcase in known else procedure.first_subcase()
    )


def _static(item: DossierItem) -> bool | None:
    return {"required": True, "optional": False}.get(item.presence)


def _conditions(procedure: Procedure, subcase: str | None) -> list[Condition]:
    """The conditions that can apply: all of them, less those of another case than
    ``subcase`` when one is given ("applies_when dossier.subcase equals A")."""
    return [c for c in procedure.conditions if subcase is None or _case_of(c) in (None, subcase)]


def _case_of(condition: Condition) -> str | None:
    test = condition.applies_when
    if isinstance(test, FactTest) and test.fact == "dossier.subcase" and test.equals is not None:
        return str(test.equals)
    return None


def _predicates(procedure: Procedure, subcase: str | None = None) -> list[Predicate]:
    predicates: list[Predicate] = []
    for condition in _conditions(procedure, subcase):
        predicates.append(condition.require)
        if condition.applies_when is not None:
            predicates.append(condition.applies_when)
    items = procedure.all_items() if subcase is None else _items(procedure, subcase)
    predicates.extend(i.required_when for i in items if i.required_when)
    return predicates


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
