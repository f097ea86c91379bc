"""Every procedure: a complete, an incomplete and an ineligible applicant, with the reasons.

Each row starts from the procedure's documented example request
(``docs/examples/<id>.json``) and changes what the case is about.
"""

from __future__ import annotations

from typing import Any

import pytest

from app.dossier.evaluation import Verdict
from tests.app.dossier.conftest import NULL, Evaluate

NOTHING: dict[str, Any] = {}
CASES: list[tuple[str, str, dict[str, Any], Verdict, list[str]]] = [
    # (procedure, case, changes, verdict, missing items or refused conditions)
    ("gv-cap", "complete", NOTHING, Verdict.ACCEPT, []),
    (
        "gv-cap",
        "no teaching certificate",
        {"presented.chung-chi-nghiep-vu-su-pham": None},
        Verdict.SUPPLEMENT,
        ["chung-chi-nghiep-vu-su-pham"],
    ),
    (
        "gv-cap",
        "training below intermediate",
        {"applicant.qualification": "so-cap"},
        Verdict.REFUSE,
        ["trinh-do-trung-cap-tro-len"],
    ),
    (
        "gv-cap",
        "institution without the list",
        {"subcase": "B"},
        Verdict.SUPPLEMENT,
        ["danh-sach-hoc-vien"],
    ),
    ("gv-cap-lai", "complete", NOTHING, Verdict.ACCEPT, []),
    ("gv-cap-lai", "no photo", {"presented.anh-3x4": None}, Verdict.SUPPLEMENT, ["anh-3x4"]),
    (
        "gv-cap-lai",
        "never certified",
        {"instructor_certificate": NULL},
        Verdict.REFUSE,
        ["da-duoc-cap-giay-chung-nhan"],
    ),
    ("doi-nuoc-ngoai", "complete", NOTHING, Verdict.ACCEPT, []),
    (
        "doi-nuoc-ngoai",
        "no translation",
        {"presented.ban-dich-giay-phep-lai-xe": None},
        Verdict.SUPPLEMENT,
        ["ban-dich-giay-phep-lai-xe"],
    ),
    (
        "doi-nuoc-ngoai",
        "two-month permit",
        {"applicant.residence_permit_months": 2},
        Verdict.REFUSE,
        ["nguoi-nuoc-ngoai-cu-tru-tu-03-thang"],
    ),
    ("doi-du-lich", "complete", NOTHING, Verdict.ACCEPT, []),
    (
        "doi-du-lich",
        "passport photocopy",
        {"presented.danh-sach-xuat-nhap-canh-hoac-ho-chieu": {"form": "photocopy"}},
        Verdict.SUPPLEMENT,
        ["danh-sach-xuat-nhap-canh-hoac-ho-chieu"],
    ),
    (
        "doi-du-lich",
        "a Vietnamese licence",
        # A Vietnamese licence of 2012 carries Law 23/2008 classes (B is Law 36/2024's).
        {"licences.0.issuer": "gtvt", "licences.0.country": None, "licences.0.classes": ["B2"]},
        Verdict.REFUSE,
        ["do-nuoc-ngoai-cap"],
    ),
    ("idp-cap", "complete", NOTHING, Verdict.ACCEPT, []),
    (
        "idp-cap",
        "no application",
        {"presented.don-de-nghi": None},
        Verdict.SUPPLEMENT,
        ["don-de-nghi"],
    ),
    (
        "idp-cap",
        "paper licence",
        {"licences.0.material": "paper"},
        Verdict.REFUSE,
        ["gplx-bang-vat-lieu-pet"],
    ),
    ("idp-cap-lai", "complete", NOTHING, Verdict.ACCEPT, []),
    (
        "idp-cap-lai",
        "application as photocopy",
        {"presented.don-de-nghi": {"form": "photocopy"}},
        Verdict.SUPPLEMENT,
        ["don-de-nghi"],
    ),
    (
        "idp-cap-lai",
        "expired licence",
        {"licences.0.expiry_date": "2026-11-22"},
        Verdict.REFUSE,
        ["gplx-con-gia-tri"],
    ),
]


@pytest.mark.parametrize(
    ("procedure", "changes", "verdict", "reasons"),
    [pytest.param(p, c, v, r, id=f"{p}: {name}") for p, name, c, v, r in CASES],
)
def test_verdict_and_reasons(
    check: Evaluate, procedure: str, changes: dict[str, Any], verdict: Verdict, reasons: list[str]
) -> None:
    evaluation = check(procedure, **changes)
    assert evaluation.verdict is verdict
    if verdict is Verdict.SUPPLEMENT:
        assert [item.item for item in evaluation.missing] == reasons
        assert all(item.reason and item.reason_en for item in evaluation.missing)
    else:
        assert [refusal.condition for refusal in evaluation.refusals] == reasons
    assert all(refusal.reason and refusal.source for refusal in evaluation.refusals)


def test_every_procedure_has_its_three_cases() -> None:
    covered: dict[str, set[Verdict]] = {}
    for procedure, _name, _changes, verdict, _reasons in CASES:
        covered.setdefault(procedure, set()).add(verdict)
    covered.setdefault("doi-gtvt", set(Verdict))  # test_doi_gtvt.py
    covered.setdefault("doi-cong-an", set(Verdict))  # test_doi_cong_an.py
    covered.setdefault("doi-quan-su", set(Verdict))  # test_doi_quan_su.py
    assert covered == {p: set(Verdict) for p in covered}
    assert len(covered) == 9


@pytest.mark.parametrize(
    ("form", "verdict"),
    [
        ("certified-copy", Verdict.ACCEPT),
        ("electronic-certified-copy", Verdict.ACCEPT),
        ("copy-with-original", Verdict.SUPPLEMENT),
        ("photocopy", Verdict.SUPPLEMENT),
        ("original", Verdict.SUPPLEMENT),
    ],
)
def test_an_electronic_certified_copy_is_a_certified_copy(
    check: Evaluate, form: str, verdict: Verdict
) -> None:
    changes = {"presented.danh-sach-xuat-nhap-canh-hoac-ho-chieu": {"form": form}}
    assert check("doi-du-lich", **changes).verdict is verdict


@pytest.mark.parametrize(("months", "verdict"), [(3, Verdict.ACCEPT), (2, Verdict.REFUSE)])
def test_foreign_residents_need_three_months(
    check: Evaluate, months: int, verdict: Verdict
) -> None:
    changes = {"applicant.residence_permit_months": months}
    assert check("doi-nuoc-ngoai", **changes).verdict is verdict


@pytest.mark.parametrize(
    ("months_abroad", "covers_training", "verdict"),
    [(3, None, Verdict.ACCEPT), (2, True, Verdict.ACCEPT), (2, False, Verdict.REFUSE)],
)
def test_vietnamese_back_from_abroad(
    check: Evaluate, months_abroad: int, covers_training: bool | None, verdict: Verdict
) -> None:
    evaluation = check(
        "doi-nuoc-ngoai",
        **{
            "applicant.nationality": "VN",
            "applicant.identity_document": {"type": "cccd", "number": "079085001111"},
            "applicant.months_abroad": months_abroad,
            "applicant.stay_abroad_covers_training": covers_training,
        },
    )
    assert evaluation.verdict is verdict


@pytest.mark.parametrize(
    ("expiry", "verdict"), [("2026-11-23", Verdict.ACCEPT), ("2026-11-22", Verdict.REFUSE)]
)
def test_foreign_licence_valid_on_the_day_of_receipt(
    check: Evaluate, expiry: str, verdict: Verdict
) -> None:
    assert check("doi-nuoc-ngoai", **{"licences.0.expiry_date": expiry}).verdict is verdict


@pytest.mark.parametrize("procedure", ["idp-cap", "idp-cap-lai"])
@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({"licences.0.expiry_date": "2026-11-23"}, []),
        ({"licences.0.expiry_date": "2026-11-22"}, ["gplx-con-gia-tri"]),
        ({"licences.0.material": "pet"}, []),
        ({"licences.0.material": "paper"}, ["gplx-bang-vat-lieu-pet"]),
        ({"licences.0.tampered": True}, ["gplx-khong-tay-xoa-hu-hong"]),
        ({"licences.0.identity_differs": True}, ["khong-khac-biet-nhan-dang"]),
        ({"licences.0.verified_in_register": False}, ["gplx-do-co-quan-co-tham-quyen-cap"]),
        (
            {
                "applicant.nationality": "FR",
                "applicant.identity_document": {"type": "passport", "number": "18AV12345"},
                "applicant.permanent_residence_card": True,
            },
            [],
        ),
        (
            {
                "applicant.nationality": "FR",
                "applicant.identity_document": {"type": "passport", "number": "18AV12345"},
                "applicant.permanent_residence_card": False,
            },
            ["nguoi-viet-nam-hoac-co-the-thuong-tru"],
        ),
    ],
)
def test_international_permit_needs_a_valid_vietnamese_pet_licence(
    check: Evaluate, procedure: str, changes: dict[str, Any], refused: list[str]
) -> None:
    evaluation = check(procedure, **changes)
    assert [refusal.condition for refusal in evaluation.refusals] == refused
    assert evaluation.photo_background == "white"
