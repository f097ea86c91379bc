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
from app.dossier.problems import (
    RequestError,
    RequestProblem,
    field_label,
    problems_from_validation,
)
from app.dossier.request import DossierRequest, LicenceIssuer
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


def extra_inputs(procedure: Procedure) -> list[str]:
    """The request fields (beyond applicant and licences) this procedure's rules read."""
    wanted = {EXTRA_INPUTS[fact] for fact in _facts(_predicates(procedure)) if fact in EXTRA_INPUTS}
    return [field for field in dict.fromkeys(EXTRA_INPUTS.values()) if field in wanted]


def reads_register(procedure: Procedure | None) -> bool:
    """Whether the procedure's rules ask for the licence register look-up (doi-gtvt, idp-cap…):
    the screen asks the officer for its result only then."""
    return procedure is not None and REGISTER_FACT in _facts(_predicates(procedure))


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
    for condition in procedure.conditions if procedure else []:
        test = condition.require
        if (
            condition.applies_when is None
            and isinstance(test, FactTest)
            and test.fact == "licence.issuers"
            and test.subset_of is not None
            and len(test.subset_of) == 1
            and test.subset_of[0] in {str(issuer) for issuer in LicenceIssuer}
        ):
            return LicenceIssuer(test.subset_of[0])
    return LicenceIssuer.TRANSPORT


def assess(data: dict[str, Any], catalogue: Catalogue, today: dt.date) -> Assessment:
    procedure = catalogue.procedures.get(str(data.get("procedure", "")))
    items = _items(procedure, data.get("subcase"))
    # One licence on screen: "(licence 1)" would only be noise after its fields' labels.
    licences = data.get("licences")
    numbered = isinstance(licences, list) and len(licences) > 1
    try:
        request = DossierRequest.model_validate(data)
    except ValidationError as error:
        errors = _by_field(problems_from_validation(error), numbered)
        return Assessment(errors, [], [ChecklistRow(i, _static(i)) for i in items], None)
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
        subcase if isinstance(subcase, str) and subcase in known else known[0]
    )


def _static(item: DossierItem) -> bool | None:
    return {"required": True, "optional": False}.get(item.presence)


def _predicates(procedure: Procedure) -> list[Predicate]:
    predicates: list[Predicate] = []
    for condition in procedure.conditions:
        predicates.append(condition.require)
        if condition.applies_when is not None:
            predicates.append(condition.applies_when)
    predicates.extend(i.required_when for i in procedure.all_items() if i.required_when)
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
