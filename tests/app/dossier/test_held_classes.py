"""Held licences of Law 36/2024's classes, and national licences the police issue since
1/3/2025, read under the Decision 4225/2021 version (whose rules name Law 23/2008's classes)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from app.catalogue.model import Catalogue
from app.dossier.evaluation import Evaluation, Verdict, evaluate
from app.dossier.held_classes import held_class_problems
from app.dossier.problems import RequestError, RequestProblem, problems_from_validation
from app.dossier.request import DossierRequest
from tests.app.dossier.conftest import TODAY, changed, example

NEW_ONLY = ["B", "C1", "C1E", "D1", "D1E", "D2", "D2E", "BE"]
BOTH_LAWS = ["A1", "C", "D"]


def problems_of(catalogue: Catalogue, name: str, **changes: Any) -> list[RequestProblem]:
    request = DossierRequest.model_validate(changed(example(name), changes))
    with pytest.raises(RequestError) as raised:
        evaluate(request, catalogue, TODAY)
    return raised.value.problems


def evaluated(catalogue: Catalogue, name: str, **changes: Any) -> Evaluation:
    request = DossierRequest.model_validate(changed(example(name), changes))
    return evaluate(request, catalogue, TODAY)


@pytest.mark.parametrize("procedure", ["doi-gtvt"])
@pytest.mark.parametrize("code", NEW_ONLY)
def test_a_class_only_the_new_law_has_is_named_as_that_laws(
    catalogue: Catalogue, procedure: str, code: str
) -> None:
    # Issued in 2018 as the example says: B, C1 … are Law 36/2024's whatever the date.
    [problem] = problems_of(catalogue, procedure, **{"licences.0.classes": [code]})
    assert problem.sentence("vi") == (
        "Hạng giấy phép lái xe (giấy phép thứ 1): "
        f"hạng {code} theo Luật 36/2024; quy trình này áp dụng hạng của Luật 23/2008"
    )
    assert problem.text("en") == (
        f"class {code} under Law 36/2024; this procedure applies the classes of Law 23/2008"
    )
    assert problem.field == "licences[0].classes"
    assert not problem.needs_information


@pytest.mark.parametrize("procedure", ["doi-gtvt"])
@pytest.mark.parametrize("code", BOTH_LAWS)
def test_a_class_of_a_licence_issued_from_2025_is_the_new_laws(
    catalogue: Catalogue, procedure: str, code: str
) -> None:
    changes = {"licences.0.classes": [code], "licences.0.issue_date": "2025-01-02"}
    [problem] = problems_of(catalogue, procedure, **changes)
    assert problem.text("vi") == (
        f"hạng {code} theo Luật 36/2024; quy trình này áp dụng hạng của Luật 23/2008"
    )


@pytest.mark.parametrize("code", BOTH_LAWS)
def test_the_same_class_issued_before_2025_is_the_old_laws(catalogue: Catalogue, code: str) -> None:
    changes = {
        "licences.0.classes": [code],
        "requested_classes": [code],
        "licences.0.issue_date": "2024-12-31",
    }
    assert evaluated(catalogue, "doi-gtvt", **changes).verdict is Verdict.ACCEPT


def test_a_new_class_is_never_refused_for_a_reason_about_class_e(catalogue: Catalogue) -> None:
    # Before: held B, asked B2 -> "only a holder of class E … may exchange for D or below".
    changes = {"licences.0.classes": ["B"], "requested_classes": ["B2"]}
    problems = problems_of(catalogue, "doi-gtvt", **changes)
    assert [problem.text("vi") for problem in problems] == [
        "hạng B theo Luật 36/2024; quy trình này áp dụng hạng của Luật 23/2008"
    ]


def test_several_new_classes_are_named_together(catalogue: Catalogue) -> None:
    [problem] = problems_of(catalogue, "doi-gtvt", **{"licences.0.classes": ["B2", "C1", "D2"]})
    assert problem.text("en") == (
        "classes C1, D2 under Law 36/2024; this procedure applies the classes of Law 23/2008"
    )


def test_a_class_of_no_known_law_is_named(catalogue: Catalogue) -> None:
    [problem] = problems_of(catalogue, "doi-gtvt", **{"licences.0.classes": ["X9"]})
    assert problem.text("vi") == "hạng X9 không có trong Luật 23/2008 hay luật nào khác đã biết"


def test_an_old_class_licence_is_unchanged(catalogue: Catalogue) -> None:
    for procedure in ("doi-gtvt", "idp-cap", "gv-cap"):
        assert evaluated(catalogue, procedure).verdict is Verdict.ACCEPT


def test_the_second_licence_is_named(catalogue: Catalogue) -> None:
    data = example("doi-gtvt")
    second = dict(data["licences"][0], classes=["C1"], number="790123456780")
    [problem] = problems_of(catalogue, "doi-gtvt", licences=[data["licences"][0], second])
    assert problem.sentence("vi") == (
        "Hạng giấy phép lái xe (giấy phép thứ 2): "
        "hạng C1 theo Luật 36/2024; quy trình này áp dụng hạng của Luật 23/2008"
    )


@pytest.mark.parametrize(
    ("procedure", "classes"),
    [("doi-cong-an", ["A"]), ("doi-quan-su", ["FX", "B"]), ("doi-du-lich", ["B", "XYZ"])],
)
def test_the_polices_own_military_and_foreign_licences_keep_their_classes(
    catalogue: Catalogue, procedure: str, classes: list[str]
) -> None:
    # A police licence of before 1995 prints "A", a military one Fx, a foreign one its
    # country's classes: none is read as a national licence's.
    request = DossierRequest.model_validate(
        changed(example(procedure), {"licences.0.classes": classes})
    )
    assert held_class_problems(request, catalogue) == []
    assert evaluated(catalogue, "doi-du-lich").verdict is Verdict.ACCEPT  # a Korean "B"


def test_requested_classes_come_from_the_versions_class_system(catalogue: Catalogue) -> None:
    [problem] = problems_of(catalogue, "doi-gtvt", requested_classes=["C1"])
    assert problem.field == "requested_classes[0]"
    assert problem.text("en") == (
        "no class 'C1'; the classes: A1, A2, A3, A4, B1, B2, C, D, E, FB2, FC, FD, FE"
    )


# ------------------------------------------------------------------ police-issued national licences

POLICE_ISSUED = {
    "licences.0.issuer": "bo-cong-an",
    "licences.0.issuing_authority": "Cục Cảnh sát giao thông",
    "licences.0.issue_date": "2025-05-01",
    "licences.0.material": "pet",
}


@pytest.mark.parametrize("procedure", ["idp-cap", "idp-cap-lai"])
def test_a_police_issued_national_licence_is_vietnamese_for_an_idp(
    catalogue: Catalogue, procedure: str
) -> None:
    # Its classes here are the example's (B2): the issuer alone is what this test reads.
    evaluation = evaluated(catalogue, procedure, **POLICE_ISSUED)
    assert evaluation.refusals == []
    assert evaluation.verdict is Verdict.ACCEPT


@pytest.mark.parametrize("procedure", ["idp-cap", "idp-cap-lai"])
def test_an_idp_refusal_uses_the_decisions_words(catalogue: Catalogue, procedure: str) -> None:
    evaluation = evaluated(catalogue, procedure, **{"licences.0.issuer": "cong-an"})
    [refusal] = evaluation.refusals
    assert refusal.reason == (
        "Giấy phép lái xe không phải giấy phép lái xe quốc gia do Việt Nam cấp"
        " nên không được cấp Giấy phép lái xe quốc tế."
    )


@pytest.mark.parametrize("procedure", ["idp-cap", "idp-cap-lai"])
@pytest.mark.parametrize("code", [*NEW_ONLY, *BOTH_LAWS])
def test_an_idp_is_given_for_a_police_issued_licence_of_the_new_classes(
    catalogue: Catalogue, procedure: str, code: str
) -> None:
    # No rule of the IDP procedures reads the classes held: the permit copies them.
    evaluation = evaluated(catalogue, procedure, **POLICE_ISSUED, **{"licences.0.classes": [code]})
    assert evaluation.verdict is Verdict.ACCEPT


def test_a_police_issued_national_licence_is_refused_for_doi_gtvt_with_what_it_is(
    catalogue: Catalogue,
) -> None:
    evaluation = evaluated(catalogue, "doi-gtvt", **POLICE_ISSUED)
    assert evaluation.verdict is Verdict.REFUSE
    [refusal] = evaluation.refusals
    assert refusal.condition == "khong-do-bo-cong-an-cap"
    assert refusal.reason == (
        "Giấy phép lái xe do Bộ Công an cấp từ 01/03/2025 (Thông tư 12/2025/TT-BCA),"
        " không do ngành giao thông vận tải cấp, không thuộc thủ tục Đổi Giấy phép lái xe"
        " do ngành giao thông vận tải cấp."
    )


def test_another_issuer_keeps_the_transport_sector_refusal(catalogue: Catalogue) -> None:
    evaluation = evaluated(catalogue, "doi-gtvt", **{"licences.0.issuer": "quan-su"})
    assert [refusal.condition for refusal in evaluation.refusals] == ["do-nganh-gtvt-cap"]


def test_a_police_issued_national_licence_is_not_the_polices_own(catalogue: Catalogue) -> None:
    evaluation = evaluated(catalogue, "doi-cong-an", **POLICE_ISSUED)
    reasons = {refusal.condition: refusal.reason for refusal in evaluation.refusals}
    assert "do-nganh-cong-an-cap" not in reasons
    assert reasons["khong-phai-gplx-quoc-gia-bo-cong-an"].startswith(
        "Giấy phép lái xe quốc gia do Bộ Công an cấp từ 01/03/2025 (Thông tư 12/2025/TT-BCA)"
    )


@pytest.mark.parametrize(("day", "refused"), [("2025-02-28", True), ("2025-03-01", False)])
def test_a_police_issued_national_licence_dates_from_march_2025(day: str, refused: bool) -> None:
    data = changed(example("idp-cap"), {**POLICE_ISSUED, "licences.0.issue_date": day})
    if not refused:
        DossierRequest.model_validate(data)
        return
    with pytest.raises(ValidationError) as raised:
        DossierRequest.model_validate(data)
    [problem] = problems_from_validation(raised.value)
    assert problem.field == "licences[0].issue_date"
    assert problem.sentence("vi") == (
        "Ngày cấp giấy phép lái xe (giấy phép thứ 1): Bộ Công an cấp giấy phép lái xe quốc gia"
        " từ ngày 01/03/2025 (Thông tư 12/2025/TT-BCA): kiểm tra lại ngày cấp hoặc ngành cấp"
        " giấy phép"
    )
