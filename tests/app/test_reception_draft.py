"""The receiving screen's live assessment, without the screen."""

from __future__ import annotations

import datetime as dt

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Verdict
from app.dossier.request import LicenceIssuer
from app.reception_draft import assess, default_issuer, extra_inputs
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
        "applicant.identity_document.number": (
            "Số giấy tờ tùy thân: số căn cước công dân có 12 chữ số"
        )
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


def test_empty_fields_the_request_needs_are_still_needed_not_mistakes(
    catalogue: Catalogue,
) -> None:
    """The screen before the card is read: nothing in red, the verdict lists what to fill."""
    data = changed(example("doi-gtvt"), {"applicant.full_name": None, "applicant.sex": None})
    assessment = assess(data, catalogue, TODAY)
    assert assessment.field_errors == {}
    assert "applicant.full_name" in [p.field for p in assessment.missing_information]
    # Only spaces typed are no name: refused, in words.
    blank = changed(example("doi-gtvt"), {"applicant.full_name": "  "})
    assert (
        assess(blank, catalogue, TODAY)
        .field_errors["applicant.full_name"]
        .startswith("Họ và tên: ")
    )


def test_only_the_inputs_a_procedure_uses_are_shown(catalogue: Catalogue) -> None:
    shown = {p.id: extra_inputs(p) for p in catalogue.procedures.values()}
    assert shown["doi-cong-an"] == ["service_end"]
    assert shown["doi-du-lich"] == []
    assert shown["doi-nuoc-ngoai"] == [
        "applicant.residence_permit_months",
        "applicant.months_abroad",
        "applicant.stay_abroad_covers_training",
    ]


def _card_only(procedure: str) -> dict[str, object]:
    """What the window holds once the ID card's QR is read: the applicant, nothing else."""
    return {
        "schema_version": 1,
        "procedure": procedure,
        "channel": "direct",
        "applicant": {
            "full_name": "Nguyễn Văn An",
            "date_of_birth": "1980-05-04",
            "sex": "male",
            "nationality": "VN",
            "identity_document": {"type": "cccd", "number": "079080001234"},
        },
        "presented": {},
    }


def test_what_is_still_needed_is_said_once_per_field(catalogue: Catalogue) -> None:
    assessment = assess(_card_only("doi-cong-an") | {"subcase": "A"}, catalogue, TODAY)
    fields = [p.field for p in assessment.missing_information]
    assert fields == ["licences"]  # eight conditions read it; said once
    (needed,) = assessment.missing_information
    assert needed.sentence("vi") == (
        "Giấy phép lái xe: nhập số và hạng của giấy phép lái xe đang có"
    )


def test_each_procedure_defaults_the_issuer_it_requires(catalogue: Catalogue) -> None:
    issuers = {p.id: str(default_issuer(p)) for p in catalogue.procedures.values()}
    assert issuers == {
        "gv-cap": "gtvt",
        "gv-cap-lai": "gtvt",
        "doi-gtvt": "gtvt",
        "doi-cong-an": "cong-an",
        "doi-quan-su": "quan-su",
        "doi-nuoc-ngoai": "nuoc-ngoai",
        "doi-du-lich": "nuoc-ngoai",
        "idp-cap": "gtvt",
        "idp-cap-lai": "gtvt",
    }
    assert default_issuer(None) is LicenceIssuer.TRANSPORT


def test_with_only_the_card_read_no_procedure_refuses(catalogue: Catalogue) -> None:
    for procedure in catalogue.procedures.values():
        data = _card_only(procedure.id)
        if procedure.subcases:
            data["subcase"] = procedure.subcase_ids()[0]
        assessment = assess(data, catalogue, TODAY)
        assert assessment.field_errors == {}, procedure.id
        verdict = assessment.evaluation.verdict if assessment.evaluation else None
        assert verdict in (None, Verdict.SUPPLEMENT), procedure.id
        assert verdict is not None or assessment.missing_information, procedure.id
