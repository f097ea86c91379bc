"""Exchange of a police-issued licence (doi-cong-an): sub-cases A, B, C and their dates."""

from __future__ import annotations

from typing import Any

import pytest

from app.dossier.evaluation import Evaluation, Verdict
from tests.app.dossier.conftest import Evaluate

SUBCASE_A: dict[str, Any] = {
    "subcase": "A",
    "service_end": None,
    "licences.0.classes": ["A1"],
    "licences.0.issue_date": "1994-03-01",
    "licences.0.expiry_date": None,
    "licences.0.damaged": True,
    "requested_classes": ["A1"],
    "presented": {
        "don-de-nghi": {"form": "original"},
        "giay-phep-lai-xe": {"form": "copy-with-original"},
        "giay-to-tuy-than": {"form": "copy-with-original"},
    },
}
SUBCASE_C: dict[str, Any] = {
    "subcase": "C",
    "service_end": {"kind": "hoc-vien-dan-su", "decision_date": "2020-06-30"},
    "licences.0.issue_date": "2020-05-04",
    "licences.0.expiry_date": "2030-05-04",
    "presented": {
        "don-de-nghi": {"form": "original"},
        "giay-kham-suc-khoe": {"form": "original"},
        "giay-phep-lai-xe": {"form": "copy-with-original"},
        "giay-to-tuy-than": {"form": "copy-with-original"},
        "quyet-dinh-cong-nhan-tot-nghiep": {"form": "copy-with-original"},
        "ho-so-goc": {"form": "original"},
    },
}


def refused_by(evaluation: Evaluation) -> list[str]:
    return [refusal.condition for refusal in evaluation.refusals]


def test_b_complete_incomplete_ineligible(check: Evaluate) -> None:
    assert check("doi-cong-an").verdict is Verdict.ACCEPT
    incomplete = check("doi-cong-an", **{"presented.quyet-dinh-thoi-phuc-vu": None})
    assert [item.item for item in incomplete.missing] == ["quyet-dinh-thoi-phuc-vu"]
    assert incomplete.verdict is Verdict.SUPPLEMENT
    expired = check("doi-cong-an", **{"licences.0.expiry_date": "2026-11-22"})
    assert refused_by(expired) == ["khong-qua-thoi-han"]


@pytest.mark.parametrize(
    ("issued", "refused"), [("1995-08-01", []), ("1995-07-31", ["b-cap-sau-31-7-1995"])]
)
def test_b_licences_issued_from_1_august_1995(
    check: Evaluate, issued: str, refused: list[str]
) -> None:
    evaluation = check(
        "doi-cong-an", **{"licences.0.issue_date": issued, "licences.0.expiry_date": None}
    )
    assert refused_by(evaluation) == refused


def test_b_needs_a_leaving_decision(check: Evaluate) -> None:
    evaluation = check(
        "doi-cong-an", service_end={"kind": "quan-doi", "decision_date": "2026-09-01"}
    )
    assert refused_by(evaluation) == ["b-thoi-phuc-vu-trong-nganh-cong-an"]


def test_health_certificate_not_for_motorbike_classes(check: Evaluate) -> None:
    evaluation = check(
        "doi-cong-an",
        **{
            "licences.0.classes": ["A1"],
            "requested_classes": ["A1"],
            "presented.giay-kham-suc-khoe": None,
        },
    )
    assert evaluation.verdict is Verdict.ACCEPT
    assert "giay-kham-suc-khoe" not in [item.item for item in evaluation.items]


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({}, []),
        ({"licences.0.issue_date": "1995-08-01"}, ["a-mo-to-cap-truoc-01-8-1995"]),
        ({"licences.0.issue_date": "1995-07-31"}, []),
        ({"licences.0.damaged": False}, ["a-bi-hong"]),
        ({"licences.0.verified_in_register": False}, ["a-co-ten-trong-so-luu"]),
        (
            {"licences.0.classes": ["B2"], "requested_classes": ["B2"]},
            ["a-mo-to-cap-truoc-01-8-1995"],
        ),
    ],
)
def test_a_damaged_motorbike_licence_from_before_1_august_1995(
    check: Evaluate, changes: dict[str, Any], refused: list[str]
) -> None:
    evaluation = check("doi-cong-an", **{**SUBCASE_A, **changes})
    assert refused_by(evaluation) == refused


def test_a_original_file_is_optional(check: Evaluate) -> None:
    evaluation = check("doi-cong-an", **SUBCASE_A)
    assert "ho-so-goc" not in [item.item for item in evaluation.items]
    assert evaluation.verdict is Verdict.ACCEPT


@pytest.mark.parametrize(
    ("issued", "refused"), [("2020-07-30", []), ("2020-07-31", ["c-cap-truoc-31-7-2020"])]
)
def test_c_civil_students_licensed_before_31_july_2020(
    check: Evaluate, issued: str, refused: list[str]
) -> None:
    evaluation = check("doi-cong-an", **{**SUBCASE_C, "licences.0.issue_date": issued})
    assert refused_by(evaluation) == refused


def test_c_is_for_civil_students_only(check: Evaluate) -> None:
    changes = {**SUBCASE_C, "service_end": {"kind": "cong-an", "decision_date": "2020-06-30"}}
    assert refused_by(check("doi-cong-an", **changes)) == ["c-hoc-vien-he-dan-su"]


@pytest.mark.parametrize(
    ("expiry", "received", "refused"),
    [
        ("2021-03-14", "2021-07-31", []),  # expired before 15/3/2021, received on the last day
        ("2021-03-14", "2021-08-01", ["chuyen-tiep-het-han-truoc-15-3-2021"]),  # rule has lapsed
        ("2021-03-15", "2021-07-31", ["chuyen-tiep-het-han-truoc-15-3-2021"]),  # not before 15/3
        ("2020-12-31", "2021-07-31", []),  # exactly 7 months
        ("2020-12-30", "2021-07-31", ["chuyen-tiep-het-han-truoc-15-3-2021"]),  # over 7 months
    ],
)
def test_transitional_rule_for_licences_expired_before_15_march_2021(
    check: Evaluate, expiry: str, received: str, refused: list[str]
) -> None:
    evaluation = check(
        "doi-cong-an",
        **{
            "received_on": received,
            "service_end": {"kind": "hop-dong-cong-an", "decision_date": "2021-06-01"},
            "licences.0.expiry_date": expiry,
            "licences.0.issue_date": "2016-01-01",
            # The example's ID card is newer than these days of receipt.
            "applicant.identity_document.issue_date": "2019-05-10",
        },
    )
    assert refused_by(evaluation) == refused


@pytest.mark.parametrize(
    ("changes", "refused"),
    [
        ({"licences.0.tampered": True}, ["khong-tay-xoa-rach-nat"]),
        ({"licences.0.identity_differs": True}, ["khong-khac-biet-nhan-dang"]),
        ({"licences.0.issuer": "gtvt"}, ["do-nganh-cong-an-cap"]),
    ],
)
def test_licences_that_cannot_be_exchanged(
    check: Evaluate, changes: dict[str, Any], refused: list[str]
) -> None:
    assert refused_by(check("doi-cong-an", **changes)) == refused
