"""The receiving screen's live assessment, without the screen."""

from __future__ import annotations

import datetime as dt

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Verdict
from app.reception_draft import assess, extra_inputs
from tests.app.dossier.conftest import changed, example

TODAY = dt.date(2026, 11, 23)


def test_a_complete_request_gives_the_live_verdict(catalogue: Catalogue) -> None:
    assessment = assess(example("doi-gtvt"), catalogue, TODAY)
    assert assessment.complete and assessment.evaluation is not None
    assert assessment.evaluation.verdict is Verdict.ACCEPT
    assert [row.required for row in assessment.checklist] == [True, True, True, True]


def test_conditional_rows_follow_the_facts(catalogue: Catalogue) -> None:
    motorbike = changed(example("doi-gtvt"), {"licences.0.classes": ["A1"]})
    rows = {row.item.id: row.required for row in assess(motorbike, catalogue, TODAY).checklist}
    assert rows["giay-chung-nhan-suc-khoe"] is False


def test_a_bad_field_is_named_and_the_checklist_stays(catalogue: Catalogue) -> None:
    data = changed(example("doi-gtvt"), {"applicant.identity_document.number": "0790"})
    assessment = assess(data, catalogue, TODAY)
    assert assessment.field_errors == {
        "applicant.identity_document.number": "số căn cước công dân có 12 chữ số"
    }
    assert assessment.evaluation is None
    assert assessment.checklist[0].item.id == "don-de-nghi"
    conditional = [row for row in assessment.checklist if row.item.presence == "conditional"]
    assert [row.required for row in conditional] == [None]  # unknown until the data is valid


def test_facts_still_needed_are_not_mistakes(catalogue: Catalogue) -> None:
    data = changed(
        example("doi-gtvt"),
        {
            "applicant.sex": None,
            "applicant.date_of_birth": "1968-01-01",  # 58: the sex decides (55 men, 50 women)
            "licences.0.classes": ["E"],
            "requested_classes": ["D"],
        },
    )
    assessment = assess(data, catalogue, TODAY)
    assert assessment.field_errors == {}
    assert [p.field for p in assessment.missing_information] == ["applicant.sex"]


def test_only_the_inputs_a_procedure_uses_are_shown(catalogue: Catalogue) -> None:
    shown = {p.id: extra_inputs(p) for p in catalogue.procedures.values()}
    assert shown["doi-cong-an"] == ["service_end"]
    assert shown["doi-du-lich"] == []
    assert shown["doi-nuoc-ngoai"] == [
        "applicant.residence_permit_months",
        "applicant.months_abroad",
        "applicant.stay_abroad_covers_training",
    ]
