"""Two readings of Decision 4225/2021 corrected (issue 17).

A certified copy meets an item asked as "bản sao kèm bản chính để đối chiếu"
(Decree 23/2015/NĐ-CP art. 3(2) and 6(2)); and a refusal that is already certain
does not wait for facts that cannot change it.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.catalogue.model import Catalogue, DossierItem, RequiredForm
from app.dossier.evaluation import (
    PRESENTED_LABELS,
    ItemStatus,
    Verdict,
    check_item,
    evaluate,
)
from app.dossier.problems import RequestError
from app.dossier.request import DossierRequest, PresentedForm, PresentedItem
from app.reception_draft import assess
from tests.app.dossier.conftest import PROCEDURE_IDS, TODAY, Evaluate, changed, example

CERTIFIED_COPIES = [PresentedForm.CERTIFIED_COPY, PresentedForm.ELECTRONIC_CERTIFIED_COPY]


def _copy_with_original_items(catalogue: Catalogue) -> list[tuple[str, DossierItem]]:
    """Every item of every procedure asked as "bản sao kèm bản chính để đối chiếu"."""
    return [
        (procedure.id, item)
        for procedure in catalogue.procedures.values()
        for item in procedure.all_items()
        if RequiredForm.COPY_WITH_ORIGINAL in item.forms
    ]


def test_a_certified_copy_meets_every_copy_with_original_item(catalogue: Catalogue) -> None:
    assert sorted(catalogue.procedures) == sorted(PROCEDURE_IDS)
    items = _copy_with_original_items(catalogue)
    assert len({procedure for procedure, _ in items}) >= 5  # gv-cap, the four exchanges …
    for procedure, item in items:
        for form in CERTIFIED_COPIES:
            check = check_item(item, PresentedItem(form=form, count=item.quantity))
            assert check.status is ItemStatus.OK, (procedure, item.id, form)
            assert check.reason is None and check.reason_en is None
            # BM 01 and the checklist name what was received, not what was asked.
            assert check.presented_form is form
        photocopy = check_item(item, PresentedItem(form=PresentedForm.PHOTOCOPY))
        if RequiredForm.COPY not in item.forms:  # "hoặc bản sao" would take any copy
            assert photocopy.status is ItemStatus.WRONG_FORM, (procedure, item.id)
            assert photocopy.reason is not None and "Đã nộp bản chụp" in photocopy.reason


@pytest.mark.parametrize("form", [f.value for f in CERTIFIED_COPIES])
def test_a_certified_copy_of_the_id_card_is_accepted(check: Evaluate, form: str) -> None:
    evaluation = check("doi-gtvt", **{"presented.giay-to-tuy-than": {"form": form}})
    assert evaluation.verdict is Verdict.ACCEPT
    (id_card,) = [item for item in evaluation.items if item.item == "giay-to-tuy-than"]
    label = PRESENTED_LABELS[id_card.presented_form].text("vi")
    assert label in ("bản sao có chứng thực", "bản sao điện tử có chứng thực")


def test_a_photocopy_of_the_id_card_still_is_not(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", **{"presented.giay-to-tuy-than": {"form": "photocopy"}})
    assert evaluation.verdict is Verdict.SUPPLEMENT
    assert [item.item for item in evaluation.missing] == ["giay-to-tuy-than"]


# An E-class holder asking for D: whether the exchange down is allowed depends on the sex,
# left empty here.
SEX_UNKNOWN = {
    "applicant.sex": None,
    "applicant.date_of_birth": "1960-01-01",
    "licences.0.classes": ["E"],
    "requested_classes": ["D"],
}
NOT_IN_REGISTER = {"licences.0.verified_in_register": False}


def test_a_certain_refusal_does_not_wait_for_the_unknown_facts(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", **SEX_UNKNOWN, **NOT_IN_REGISTER)
    assert evaluation.verdict is Verdict.REFUSE
    assert [refusal.condition for refusal in evaluation.refusals] == ["giay-phep-lai-xe-hop-le"]
    (sex,) = evaluation.not_needed
    assert sex.field == "applicant.sex"
    assert sex.reason_in("en") == (
        "not filled in; not needed to decide, the dossier already fails the condition:"
        " giay-phep-lai-xe-hop-le"
    )
    assert sex.reason_in("vi") == (
        "chưa điền; không cần để quyết định vì hồ sơ đã không đáp ứng điều kiện:"
        " giay-phep-lai-xe-hop-le"
    )


def test_without_a_failed_condition_the_unknown_fact_still_stops_it(check: Evaluate) -> None:
    with pytest.raises(RequestError) as raised:
        check("doi-gtvt", **SEX_UNKNOWN)
    (problem,) = raised.value.problems
    assert problem.field == "applicant.sex" and problem.needs_information


def test_the_certificate_left_out_is_not_needed_once_refused(catalogue: Catalogue) -> None:
    """gv-cap-lai: the certificate left out is asked, unless a condition already refuses."""
    data = changed(example("gv-cap-lai"), {"instructor_certificate": None})
    with pytest.raises(RequestError):
        evaluate(DossierRequest.model_validate(data), catalogue, TODAY)
    refused = changed(data, {"licences": []})  # holds no licence: certainly refused
    evaluation = evaluate(DossierRequest.model_validate(refused), catalogue, TODAY)
    assert evaluation.verdict is Verdict.REFUSE
    assert [fact.field for fact in evaluation.not_needed] == ["instructor_certificate"]


def test_the_window_shows_the_refusal_and_asks_for_nothing(catalogue: Catalogue) -> None:
    data = changed(example("doi-gtvt"), {**SEX_UNKNOWN, **NOT_IN_REGISTER})
    assessment = assess(data, catalogue, dt.date(2026, 11, 23))
    assert assessment.evaluation is not None
    assert assessment.evaluation.verdict is Verdict.REFUSE
    assert assessment.missing_information == [] and assessment.field_errors == {}
    still_open = assess(changed(example("doi-gtvt"), SEX_UNKNOWN), catalogue, TODAY)
    assert still_open.evaluation is None
    assert [p.field for p in still_open.missing_information] == ["applicant.sex"]
