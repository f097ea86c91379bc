"""Type-ahead as the officer types: with or without diacritics."""

from __future__ import annotations

import pytest

from app.search import fold, matches, search

NAMES = {
    "doi-gtvt": "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
    "doi-cong-an": "Đổi Giấy phép lái xe do ngành Công an cấp",
    "idp-cap": "Cấp giấy phép lái xe quốc tế",
    "gv-cap-lai": "Cấp lại Giấy chứng nhận giáo viên dạy thực hành lái xe",
}


def test_fold_drops_every_mark_and_the_d_bar() -> None:
    assert fold("ĐỔI Giấy phép lái xe QUỐC TẾ") == "doi giay phep lai xe quoc te"
    assert fold("Nguyễn Thị Hoà") == "nguyen thi hoa"


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("doi", ["doi-gtvt", "doi-cong-an"]),
        ("đổi", ["doi-gtvt", "doi-cong-an"]),
        ("DOI cong an", ["doi-cong-an"]),
        ("quoc te", ["idp-cap"]),
        ("quốc tế", ["idp-cap"]),
        ("cap lai", ["gv-cap-lai", "doi-gtvt", "doi-cong-an", "idp-cap"]),  # the phrase first
        ("giao vien", ["gv-cap-lai"]),
        ("lái", list(NAMES)),
        ("xyz", []),
    ],
)
def test_procedures_found_by_what_is_typed(query: str, found: list[str]) -> None:
    assert search(query, [(key, [name, key]) for key, name in NAMES.items()]) == found


def test_typed_marks_are_respected() -> None:
    assert matches("đời", "đời sống") and not matches("đời", "Đổi giấy phép")
    assert matches("doi", "đời sống") and matches("doi", "Đổi giấy phép")
