"""Exchange of a military licence (doi-quan-su)."""

from __future__ import annotations

from typing import Any

import pytest

from app.dossier.evaluation import Evaluation, Verdict
from tests.app.dossier.conftest import Evaluate


def refused_by(evaluation: Evaluation) -> list[str]:
    return [refusal.condition for refusal in evaluation.refusals]


def test_complete_incomplete_ineligible(check: Evaluate) -> None:
    assert check("doi-quan-su").verdict is Verdict.ACCEPT
    incomplete = check("doi-quan-su", **{"presented.giay-chung-nhan-suc-khoe": None})
    assert incomplete.verdict is Verdict.SUPPLEMENT
    assert [item.reason for item in incomplete.missing] == ["Chưa nộp; cần 01 bản chính."]
    expired = check("doi-quan-su", **{"licences.0.expiry_date": "2026-11-22"})
    assert refused_by(expired) == ["con-thoi-han-su-dung"]
    assert (
        check("doi-quan-su", **{"licences.0.expiry_date": "2026-11-23"}).verdict is Verdict.ACCEPT
    )


@pytest.mark.parametrize(
    ("decision", "refused"),
    [("2026-05-23", []), ("2026-05-22", ["doanh-nghiep-quoc-phong-6-thang"])],
)
def test_defence_enterprise_contracts_within_six_months(
    check: Evaluate, decision: str, refused: list[str]
) -> None:
    changes = {"service_end": {"kind": "doanh-nghiep-quoc-phong", "decision_date": decision}}
    assert refused_by(check("doi-quan-su", **changes)) == refused


def test_six_months_is_not_checked_for_soldiers(check: Evaluate) -> None:
    changes = {"service_end": {"kind": "quan-doi", "decision_date": "2020-01-01"}}
    assert check("doi-quan-su", **changes).verdict is Verdict.ACCEPT


@pytest.mark.parametrize(
    ("held", "requested", "refused"),
    [
        (["FC"], ["C"], []),  # Fx exchanges to C
        (["FC"], ["FC"], ["hang-tuong-ung"]),
        (["C"], ["D"], ["hang-tuong-ung"]),
        (["B2", "C"], ["B2", "C"], []),
    ],
)
def test_classes_correspond(
    check: Evaluate, held: list[str], requested: list[str], refused: list[str]
) -> None:
    changes: dict[str, Any] = {"licences.0.classes": held, "requested_classes": requested}
    assert refused_by(check("doi-quan-su", **changes)) == refused
