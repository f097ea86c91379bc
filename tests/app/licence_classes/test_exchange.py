"""The classes an exchange puts on the card: every row of Law 36/2024 art. 89(3), the day of
receipt on both sides of 1/1/2025, and a named problem for every refusal."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from app.licence_classes.exchange import CardClasses, classes_for_card
from app.licence_classes.loader import load_class_data, shipped_class_dir
from app.licence_classes.systems import (
    NoClassSystemInForce,
    class_system_on,
    system_of_licence,
)

LAST_DAY_OF_THE_OLD_LAW = dt.date(2024, 12, 31)
FIRST_DAY_OF_THE_NEW_LAW = dt.date(2025, 1, 1)
OLD_LICENCE = dt.date(2015, 6, 15)
NEW_LICENCE = dt.date(2025, 3, 10)

BELOW_175 = (
    "chỉ được điều khiển xe mô tô hai bánh có dung tích xi-lanh đến dưới 175 cm³ hoặc có công"
    " suất động cơ điện đến dưới 14 kW"
)
AUTOMATIC_ONLY = "chỉ được điều khiển xe ô tô số tự động"
TRACTOR = "chứng chỉ điều khiển xe máy chuyên dùng cho người điều khiển máy kéo có trọng tải"
TRACTOR_UP_TO_3500 = f"{TRACTOR} đến 3.500 kg"
TRACTOR_OVER_3500 = f"{TRACTOR} trên 3.500 kg"
A4_BECOMES = (
    f"{TRACTOR} đến 1.000 kg",
    "chứng chỉ bồi dưỡng kiến thức pháp luật về giao thông đường bộ cho người điều khiển xe máy"
    " chuyên dùng",
)


def _exchange(
    held: list[str],
    choices: dict[str, str] | None = None,
    received_on: dt.date = FIRST_DAY_OF_THE_NEW_LAW,
    held_issued_on: dt.date | None = OLD_LICENCE,
) -> CardClasses:
    return classes_for_card(held, received_on, choices, held_issued_on=held_issued_on)


def _problems(result: CardClasses, language: str = "vi") -> list[str]:
    return [problem.text("en" if language == "en" else "vi") for problem in result.problems]


# Old class, the applicant's choice, the class printed, its restriction, the point, the
# certificates: Law 36/2024 art. 89(3), one line per case.
ROWS = [
    ("A1", None, "A", (BELOW_175,), "a", ()),
    ("A2", None, "A", (), "b", ()),
    ("A3", None, "B1", (), "c", ()),
    ("B1-automatic", None, "B", (AUTOMATIC_ONLY,), "đ", ()),
    ("B1", "B", "B", (), "e", (TRACTOR_UP_TO_3500,)),
    ("B1", "C1", "C1", (), "e", (TRACTOR_UP_TO_3500,)),
    ("B2", "B", "B", (), "e", (TRACTOR_UP_TO_3500,)),
    ("B2", "C1", "C1", (), "e", (TRACTOR_UP_TO_3500,)),
    ("C", None, "C", (), "g", (TRACTOR_OVER_3500,)),
    ("D", None, "D2", (), "h", (TRACTOR_OVER_3500,)),
    ("E", None, "D", (), "i", (TRACTOR_OVER_3500,)),
    ("FB2", "BE", "BE", (), "k", (TRACTOR_UP_TO_3500,)),
    ("FB2", "C1E", "C1E", (), "k", (TRACTOR_UP_TO_3500,)),
    ("FC", None, "CE", (), "l", (TRACTOR_OVER_3500,)),
    ("FD", None, "D2E", (), "m", (TRACTOR_OVER_3500,)),
    ("FE", None, "DE", (), "n", (TRACTOR_OVER_3500,)),
]


@pytest.mark.parametrize(
    ("held", "choice", "printed", "restrictions", "point", "certificates"),
    ROWS,
    ids=[f"{row[0]}-{row[1] or row[2]}" for row in ROWS],
)
def test_every_row_of_article_89(
    held: str,
    choice: str | None,
    printed: str,
    restrictions: tuple[str, ...],
    point: str,
    certificates: tuple[str, ...],
) -> None:
    result = _exchange([held], {held: choice} if choice else None)
    assert result.problems == ()
    assert result.system.id == "law-36-2024"
    (card_class,) = result.classes
    assert card_class.code == printed
    assert tuple(r.text for r in card_class.restrictions) == restrictions
    assert card_class.from_classes == (held,)
    assert card_class.sources == (f"Luật số 36/2024/QH15, Điều 89 khoản 3 điểm {point}",)
    assert tuple(c.text for c in result.certificates) == certificates


def test_a4_is_no_licence_class_and_says_so() -> None:
    result = _exchange(["A4"])
    assert result.classes == ()
    assert tuple(c.text for c in result.certificates) == A4_BECOMES
    assert _problems(result) == [
        "hạng A4 không còn là hạng giấy phép lái xe theo Luật 36/2024: được đổi sang chứng chỉ,"
        " không in trên giấy phép"
    ]
    assert _problems(result, "en") == [
        "class A4 is no longer a licence class under Law 36/2024: it becomes a certificate,"
        " not printed on the licence"
    ]


def test_a4_beside_other_classes_stops_nothing_else() -> None:
    result = _exchange(["A1", "A4", "C"])
    assert result.codes == ("A", "C")
    assert [problem.held_class for problem in result.problems] == ["A4"]


@pytest.mark.parametrize(
    ("held", "options"), [("B1", "B hoặc C1"), ("B2", "B hoặc C1"), ("FB2", "BE hoặc C1E")]
)
def test_a_choice_the_request_does_not_make_is_named(held: str, options: str) -> None:
    result = _exchange([held])
    assert result.classes == ()
    assert _problems(result) == [
        f"hạng {held} được đổi sang hạng {options} theo lựa chọn của người đề nghị;"
        " hồ sơ chưa ghi hạng đã chọn"
    ]


def test_the_missing_choice_in_english() -> None:
    assert _problems(_exchange(["FB2"]), "en") == [
        "class FB2 is exchanged for class BE or C1E as the applicant chooses;"
        " the request does not say which was chosen"
    ]


def test_a_choice_the_law_does_not_offer_is_refused() -> None:
    assert _problems(_exchange(["B2"], {"B2": "D"})) == [
        "hạng B2 chỉ được đổi sang hạng B hoặc C1, không sang hạng D"
    ]
    assert _problems(_exchange(["C"], {"C": "C1"})) == [
        "hạng C chỉ được đổi sang hạng C, không sang hạng C1"
    ]


def test_the_only_class_may_be_confirmed_as_a_choice() -> None:
    assert _exchange(["C"], {"C": "C"}).codes == ("C",)


def test_a_choice_for_a_class_not_held_is_named() -> None:
    result = _exchange(["C"], {"FB2": "BE"})
    assert result.codes == ("C",)
    assert _problems(result) == ["đã chọn hạng BE cho hạng FB2, nhưng giấy phép không có hạng FB2"]


def test_the_automatic_b1_is_named_by_its_label() -> None:
    result = _exchange(["B1-automatic"], {"B1-automatic": "C1"})
    assert _problems(result) == ["hạng B1 số tự động chỉ được đổi sang hạng B, không sang hạng C1"]
    assert _problems(result, "en") == [
        "class B1 automatic can only be exchanged for class B, not for class C1"
    ]


def test_receipt_on_the_last_day_of_the_old_law_keeps_the_classes() -> None:
    result = _exchange(["A1", "B2", "FB2"], received_on=LAST_DAY_OF_THE_OLD_LAW)
    assert result.system.id == "law-23-2008"
    assert result.codes == ("A1", "B2", "FB2")
    assert result.problems == () and result.certificates == ()
    assert all(card_class.restrictions == () for card_class in result.classes)


def test_receipt_on_the_first_day_of_the_new_law_maps_them() -> None:
    result = _exchange(["A1", "B2", "FB2"], {"B2": "C1", "FB2": "C1E"})
    assert result.system.id == "law-36-2024"
    assert result.codes == ("A", "C1", "C1E")
    assert tuple(c.text for c in result.certificates) == (TRACTOR_UP_TO_3500,)
    assert result.certificates[0].from_classes == ("B2", "FB2")


def test_before_2025_a4_and_b1_automatic_are_printed_as_held() -> None:
    result = _exchange(["A4", "B1-automatic"], received_on=LAST_DAY_OF_THE_OLD_LAW)
    assert result.codes == ("A4", "B1")
    assert result.problems == ()


def test_before_2025_there_is_no_choice_to_make() -> None:
    result = _exchange(["B2"], {"B2": "C1"}, received_on=LAST_DAY_OF_THE_OLD_LAW)
    assert result.codes == ("B2",)
    assert _problems(result) == [
        "giấy phép giữ nguyên hạng theo Luật 23/2008: không có lựa chọn hạng cho hạng B2"
    ]


def test_a_new_class_on_an_old_licence_is_named_by_its_law() -> None:
    result = _exchange(["B"])
    assert _problems(result) == [
        "hạng B theo Luật 36/2024; giấy phép này mang hạng theo Luật 23/2008"
    ]
    assert _problems(result, "en") == [
        "class B under Law 36/2024; this licence carries classes under Law 23/2008"
    ]


def test_an_old_class_on_a_new_licence_is_named_by_its_law() -> None:
    result = _exchange(["B2"], received_on=dt.date(2026, 3, 10), held_issued_on=NEW_LICENCE)
    assert _problems(result) == [
        "hạng B2 theo Luật 23/2008; giấy phép này mang hạng theo Luật 36/2024"
    ]


def test_a_licence_of_the_new_law_keeps_its_classes() -> None:
    result = _exchange(
        ["B", "C1", "A"], received_on=dt.date(2026, 3, 10), held_issued_on=NEW_LICENCE
    )
    assert result.codes == ("B", "C1", "A")
    assert result.problems == ()


def test_the_same_letters_mean_what_the_licence_date_says() -> None:
    """B1 on a 2015 card is a car class (→ B or C1); on a 2025 card a three-wheeler class."""
    old = _exchange(["B1"], {"B1": "B"}, received_on=dt.date(2026, 3, 10))
    new = _exchange(["B1"], received_on=dt.date(2026, 3, 10), held_issued_on=NEW_LICENCE)
    assert (old.codes, new.codes) == (("B",), ("B1",))


def test_a_class_no_law_knows_is_named() -> None:
    assert _problems(_exchange(["X9"])) == [
        "hạng X9 không có trong Luật 23/2008 hay luật nào khác đã biết"
    ]


def test_without_the_licence_issue_date_nothing_is_guessed() -> None:
    result = _exchange(["B2"], {"B2": "B"}, held_issued_on=None)
    assert result.classes == ()
    assert _problems(result) == [
        "cần ngày cấp của giấy phép để biết hạng của giấy phép theo luật nào"
    ]


def test_a_licence_listing_no_class_is_named() -> None:
    assert _problems(_exchange([])) == ["giấy phép không ghi hạng nào"]


def test_a_licence_older_than_law_23_2008_reads_its_codes() -> None:
    result = _exchange(["A1"], held_issued_on=dt.date(1998, 5, 4))
    assert result.codes == ("A",)
    assert system_of_licence(dt.date(1998, 5, 4)).id == "law-23-2008"


def test_an_unrestricted_grant_wins_over_a_restricted_one() -> None:
    assert [c.restrictions for c in _exchange(["A1", "A2"]).classes] == [()]
    both = _exchange(["B1-automatic", "B2"], {"B2": "B"})
    assert both.codes == ("B",)
    assert both.classes[0].restrictions == ()
    assert both.classes[0].from_classes == ("B1-automatic", "B2")


def test_a_restriction_stays_when_every_grant_carries_it() -> None:
    result = _exchange(["A1", "A1"])
    assert [tuple(r.text for r in c.restrictions) for c in result.classes] == [(BELOW_175,)]


def test_without_a_mapping_between_the_laws_the_card_waits(tmp_path: Path) -> None:
    folder = tmp_path / "classes"
    shutil.copytree(shipped_class_dir(), folder)
    (folder / "law-36-2024-art-89.toml").unlink()
    result = classes_for_card(
        ["A2"], FIRST_DAY_OF_THE_NEW_LAW, held_issued_on=OLD_LICENCE, data=load_class_data(folder)
    )
    assert _problems(result) == [
        "không có quy định đổi hạng theo Luật 23/2008 sang hạng theo Luật 36/2024"
    ]


def test_the_system_in_force_on_each_side_of_its_boundaries() -> None:
    assert class_system_on(dt.date(2009, 7, 1)).id == "law-23-2008"
    assert class_system_on(LAST_DAY_OF_THE_OLD_LAW).id == "law-23-2008"
    assert class_system_on(FIRST_DAY_OF_THE_NEW_LAW).id == "law-36-2024"
    assert class_system_on(dt.date(2100, 1, 1)).id == "law-36-2024"


def test_no_system_before_the_first_one() -> None:
    with pytest.raises(NoClassSystemInForce) as error:
        class_system_on(dt.date(2009, 6, 30))
    assert error.value.text("vi") == (
        "không có hệ thống hạng giấy phép lái xe nào có hiệu lực vào ngày 30/06/2009"
    )
    assert error.value.text("en") == "no system of licence classes is in force on 30/06/2009"
