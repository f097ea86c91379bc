"""Whether the shipped catalogue version is still known to be current on a day of receipt,
said in both languages, and the manifest's period checked as a reviewer reads it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.catalogue.currency import (
    CatalogueNotCurrent,
    NotCurrentKind,
    check_receivable,
    day_notice,
    not_current,
)
from app.catalogue.loader import CatalogueError, load_catalogue
from app.catalogue.model import Catalogue
from app.catalogue.not_current_policy import NotCurrentPolicy
from app.i18n import choose_language

# The changes of the law recorded with Decision 4225's version (law-since-2021.md §3).
CHANGE_DAYS = [
    dt.date(2025, 1, 1),
    dt.date(2025, 3, 1),
    dt.date(2025, 7, 1),
    dt.date(2026, 1, 1),
    dt.date(2026, 7, 1),
]


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {file.name}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def _problems(folder: Path) -> list[str]:
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(folder)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("day", "changes"),
    [
        (dt.date(2024, 12, 31), 0),  # before Law 36/2024: current
        (dt.date(2025, 1, 1), 1),  # the first day of a change counts
        (dt.date(2025, 3, 5), 2),
        (dt.date(2026, 3, 10), 4),
        (dt.date(2026, 11, 23), 5),
    ],
)
def test_each_change_up_to_the_day_is_a_reason(
    catalogue: Catalogue, day: dt.date, changes: int
) -> None:
    reasons = not_current(catalogue, day)
    assert [reason.on for reason in reasons] == CHANGE_DAYS[:changes]
    assert {reason.kind for reason in reasons} <= {NotCurrentKind.CHANGED}
    assert {reason.version for reason in reasons} <= {"qd-4225-2021"}


def test_the_sentence_names_the_version_the_date_and_what_changed(catalogue: Catalogue) -> None:
    moved = not_current(catalogue, dt.date(2025, 3, 5))[1]
    assert moved.sentence(dt.date(2025, 3, 5), "vi") == (
        "Danh mục thủ tục Quyết định 4225/QĐ-UBND (2021) (qd-4225-2021) có thể không còn áp"
        " dụng cho hồ sơ"
        " nhận ngày 05/03/2025, vì từ ngày 01/03/2025: Việc đổi giấy phép lái xe và cấp giấy phép"
        " lái xe quốc tế chuyển sang Bộ Công an (Thông tư số 12/2025/TT-BCA)."
    )
    assert moved.sentence(dt.date(2025, 3, 5), "en") == (
        "The procedure catalogue Quyết định 4225/QĐ-UBND (2021) (qd-4225-2021) may no longer"
        " apply to a"
        " dossier received on 05/03/2025, because from 01/03/2025: Licence exchange and"
        " international driving permits move to the Ministry of Public Security (Thông tư số"
        " 12/2025/TT-BCA)."
    )


def test_a_day_past_the_version_s_end_names_what_replaced_it(catalogue_copy: Path) -> None:
    _edit(
        catalogue_copy / "catalogue.toml",
        "valid_from = 2021-12-17\n",
        'valid_from = 2021-12-17\nvalid_until = 2025-02-28\nreplaced_by = "qd-0001-2025"\n',
    )
    catalogue = load_catalogue(catalogue_copy)
    last_day = not_current(catalogue, dt.date(2025, 2, 28))
    assert [reason.kind for reason in last_day] == [NotCurrentKind.CHANGED]  # not ended yet
    reasons = not_current(catalogue, dt.date(2025, 3, 1))
    assert [(reason.kind, reason.on) for reason in reasons] == [
        (NotCurrentKind.ENDED, dt.date(2025, 2, 28)),
        (NotCurrentKind.CHANGED, dt.date(2025, 1, 1)),
        (NotCurrentKind.CHANGED, dt.date(2025, 3, 1)),
    ]
    ended = reasons[0].sentence(dt.date(2025, 3, 1), "en")
    assert ended.endswith(
        "(qd-4225-2021) ended after 28/02/2025, replaced by qd-0001-2025; it may no longer"
        " apply to a dossier received on 01/03/2025."
    )


def test_the_refuse_setting_refuses_with_the_version_and_each_reason(
    catalogue: Catalogue,
) -> None:
    day = dt.date(2026, 3, 10)
    reasons = not_current(catalogue, day)
    check_receivable(reasons, day, NotCurrentPolicy.WARN)  # receives, with the warning
    check_receivable([], day, NotCurrentPolicy.REFUSE)  # a current version is received
    with pytest.raises(CatalogueNotCurrent) as refused:
        check_receivable(reasons, day, NotCurrentPolicy.REFUSE)
    text = refused.value.text("vi")
    assert text.startswith(
        "Không tiếp nhận hồ sơ trong ngày này (cài đặt “Khi danh mục thủ tục có thể không còn"
        " áp dụng”: không tiếp nhận). Danh mục thủ tục Quyết định 4225/QĐ-UBND"
    )
    assert text.count("(qd-4225-2021)") == 4
    assert "từ ngày 01/01/2026: Mức thu lệ phí cấp giấy phép lái xe mới" in text


def test_the_banner_is_brief_and_says_the_refusal(catalogue: Catalogue) -> None:
    choose_language("en")
    try:
        warned = day_notice(catalogue, dt.date(2025, 3, 5), NotCurrentPolicy.WARN)
        refused = day_notice(catalogue, dt.date(2025, 3, 5), NotCurrentPolicy.REFUSE)
        current = day_notice(catalogue, dt.date(2024, 12, 31), NotCurrentPolicy.REFUSE)
    finally:
        choose_language("vi")
    assert warned.refusal is None
    assert warned.text.endswith(
        "(qd-4225-2021) may no longer apply to a dossier received on 05/03/2025: from 01/01/2025"
        " under Luật số 36/2024/QH15; from 01/03/2025 under Thông tư số 12/2025/TT-BCA."
    )
    assert refused.refusal is not None
    assert refused.text == (
        "No dossier is received on this day (setting “When the procedure catalogue may no longer"
        f" apply”: refuse). {warned.text}"
    )
    assert (current.text, current.refusal) == ("", None)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (
            "valid_from = 2021-12-17\n",
            "valid_from = 2021-12-17\nvalid_until = 2021-12-16\n",
            "valid_until: Value error, the last day 2021-12-16 is before valid_from 2021-12-17:"
            " a version ends on or after the day it starts",
        ),
        (
            "on = 2025-03-01",
            "on = 2024-12-01",
            "changes: Value error, changes[1].on 2024-12-01 is before changes[0].on 2025-01-01:"
            " list the changes oldest first",
        ),
        (
            "on = 2025-01-01",
            "on = 2021-12-17",
            "changes: Value error, changes[0].on 2021-12-17 is not after valid_from 2021-12-17:"
            " a change recorded with a version comes after the day the version starts",
        ),
    ],
)
def test_a_period_out_of_order_is_refused_naming_the_key(
    catalogue_copy: Path, old: str, new: str, problem: str
) -> None:
    _edit(catalogue_copy / "catalogue.toml", old, new)
    assert _problems(catalogue_copy) == [f"{catalogue_copy / 'catalogue.toml'}: {problem}"]
