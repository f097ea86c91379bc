"""Exchange of a licence issued by the transport sector (doi-gtvt), condition by condition."""

from __future__ import annotations

import pytest

from app.dossier.evaluation import Evaluation, ItemStatus, Verdict
from app.dossier.problems import RequestError
from tests.app.dossier.conftest import Evaluate

HEALTH = "giay-chung-nhan-suc-khoe"


def refused_by(evaluation: Evaluation) -> list[str]:
    return [refusal.condition for refusal in evaluation.refusals]


def test_a_complete_dossier_is_accepted(check: Evaluate) -> None:
    evaluation = check("doi-gtvt")
    assert evaluation.verdict is Verdict.ACCEPT
    assert [item.item for item in evaluation.items] == [
        "don-de-nghi",
        HEALTH,
        "giay-phep-lai-xe",
        "giay-to-tuy-than",
    ]
    assert evaluation.missing == [] and evaluation.refusals == []
    assert (evaluation.working_days, evaluation.fee_vnd) == (5, 135000)
    assert evaluation.photo_at_counter and evaluation.photo_background == "blue"


def test_a_missing_health_certificate_asks_for_it(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", **{f"presented.{HEALTH}": None})
    assert evaluation.verdict is Verdict.SUPPLEMENT
    [missing] = evaluation.missing
    assert missing.item == HEALTH and missing.status is ItemStatus.MISSING
    assert missing.reason == "Chưa nộp; cần 01 bản chính."


def test_a_photocopy_of_the_id_card_is_not_enough(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", **{"presented.giay-to-tuy-than": {"form": "photocopy"}})
    [missing] = evaluation.missing
    assert missing.status is ItemStatus.WRONG_FORM
    assert missing.reason == "Đã nộp bản chụp; cần bản sao kèm bản chính đối chiếu."


@pytest.mark.parametrize(
    ("expiry", "verdict"),
    [("2026-11-23", Verdict.ACCEPT), ("2026-11-22", Verdict.REFUSE)],
)
def test_a_time_limited_licence_is_exchanged_before_it_expires(
    check: Evaluate, expiry: str, verdict: Verdict
) -> None:
    evaluation = check("doi-gtvt", **{"licences.0.expiry_date": expiry})
    assert evaluation.verdict is verdict
    if verdict is Verdict.REFUSE:
        assert refused_by(evaluation) == ["doi-truoc-khi-het-han"]
        assert evaluation.refusals[0].source.startswith("Người có Giấy phép lái xe có thời hạn")


@pytest.mark.parametrize(
    ("classes", "separate", "health_required"),
    [
        (["A1"], False, False),
        (["A1", "A2", "A3"], False, False),
        (["A1", "B2"], False, True),
        (["A1", "B2"], True, False),
        (["B2"], False, True),
    ],
)
def test_health_certificate_except_motorbike_classes_and_separation(
    check: Evaluate, classes: list[str], separate: bool, health_required: bool
) -> None:
    evaluation = check(
        "doi-gtvt",
        **{
            "licences.0.classes": classes,
            "requested_classes": classes,
            "separate_time_limited": separate,
            f"presented.{HEALTH}": None,
        },
    )
    assert (HEALTH in [item.item for item in evaluation.items]) is health_required
    assert evaluation.verdict is (Verdict.SUPPLEMENT if health_required else Verdict.ACCEPT)


def _e_holder_asking_for_d(check: Evaluate, sex: str | None, born: str) -> Evaluation:
    return check(
        "doi-gtvt",
        **{
            "applicant.sex": sex,
            "applicant.date_of_birth": born,
            "licences.0.classes": ["E"],
            "requested_classes": ["D"],
        },
    )


@pytest.mark.parametrize(
    ("sex", "born", "accepted"),
    [
        ("male", "1971-11-23", True),  # 55 on the day of receipt
        ("male", "1971-11-24", False),  # 55 tomorrow
        ("female", "1976-11-23", True),  # 50 on the day
        ("female", "1976-11-24", False),
    ],
)
def test_e_class_holders_exchange_down_to_d_at_55_men_50_women(
    check: Evaluate, sex: str, born: str, accepted: bool
) -> None:
    evaluation = _e_holder_asking_for_d(check, sex, born)
    assert evaluation.verdict is (Verdict.ACCEPT if accepted else Verdict.REFUSE)
    if not accepted:
        assert refused_by(evaluation) == ["hang-e-doi-xuong-hang-d"]


def test_a_class_not_held_is_refused(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", requested_classes=["C"])
    assert refused_by(evaluation) == ["hang-e-doi-xuong-hang-d"]


def test_the_sex_is_asked_for_only_when_it_decides(check: Evaluate) -> None:
    assert check("doi-gtvt", **{"applicant.sex": None}).verdict is Verdict.ACCEPT
    with pytest.raises(RequestError) as raised:
        _e_holder_asking_for_d(check, None, "1960-01-01")
    (problem,) = raised.value.problems
    assert problem.field == "applicant.sex" and problem.needs_information
    assert problem.sentence("en") == (
        "Sex: needed to decide the procedure's condition 'hang-e-doi-xuong-hang-d'"
    )
    assert problem.sentence("vi") == (
        "Giới tính: cần điền để xét điều kiện 'hang-e-doi-xuong-hang-d' của thủ tục"
    )


@pytest.mark.parametrize(
    ("changes", "accepted"),
    [
        ({"licences.0.material": "paper"}, True),
        (
            {
                "licences.0.classes": ["A1"],
                "requested_classes": ["A1"],
                "licences.0.expiry_date": None,
            },
            False,
        ),
        (
            {
                "licences.0.classes": ["A1"],
                "requested_classes": ["A1"],
                "licences.0.expiry_date": None,
                "licences.0.damaged": True,
            },
            True,
        ),
        (
            {
                "licences.0.classes": ["A1"],
                "requested_classes": ["A1"],
                "licences.0.expiry_date": None,
                "licences.0.name_on_licence": "Nguyễn Văn Ân",
            },
            True,
        ),
        (
            {
                "licences.0.classes": ["A1"],
                "requested_classes": ["A1"],
                "licences.0.expiry_date": None,
                "licences.0.name_on_licence": "NGUYỄN VĂN AN",
            },
            False,
        ),
        (
            {
                "licences.0.classes": ["A1"],
                "requested_classes": ["A1"],
                "licences.0.expiry_date": None,
                "licences.0.birth_year_on_licence": 1981,
            },
            True,
        ),
    ],
)
def test_grounds_for_an_exchange(
    check: Evaluate, changes: dict[str, object], accepted: bool
) -> None:
    evaluation = check("doi-gtvt", **changes)
    assert evaluation.verdict is (Verdict.ACCEPT if accepted else Verdict.REFUSE)
    if not accepted:
        assert refused_by(evaluation) == ["thuoc-truong-hop-duoc-doi"]


@pytest.mark.parametrize(
    ("expiry", "verdict"), [("2026-11-23", Verdict.ACCEPT), ("2026-11-22", Verdict.REFUSE)]
)
def test_a_paper_licence_is_exchanged_while_valid(
    check: Evaluate, expiry: str, verdict: Verdict
) -> None:
    evaluation = check(
        "doi-gtvt", **{"licences.0.material": "paper", "licences.0.expiry_date": expiry}
    )
    assert evaluation.verdict is verdict
    if verdict is Verdict.REFUSE:
        assert "giay-bia-con-han" in refused_by(evaluation)


def test_a_licence_not_in_the_register_is_refused(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", **{"licences.0.verified_in_register": False})
    assert refused_by(evaluation) == ["giay-phep-lai-xe-hop-le"]


def test_a_police_licence_belongs_to_another_procedure(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", **{"licences.0.issuer": "cong-an"})
    assert refused_by(evaluation) == ["do-nganh-gtvt-cap"]


def test_refusal_wins_over_missing_papers(check: Evaluate) -> None:
    evaluation = check(
        "doi-gtvt", **{"licences.0.verified_in_register": False, "presented.don-de-nghi": None}
    )
    assert evaluation.verdict is Verdict.REFUSE
    assert [item.item for item in evaluation.missing] == ["don-de-nghi"]


def test_the_online_channel_takes_one_working_day(check: Evaluate) -> None:
    evaluation = check("doi-gtvt", channel="online")
    assert (evaluation.channel, evaluation.working_days) == ("online", 1)
