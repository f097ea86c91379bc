"""Each field's bounds, declared once in the request model: ``check`` and the window
refuse the same values, each with the field's label and what is expected."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from app.catalogue.model import Catalogue
from app.countries import find_country
from app.dossier.checking import parse_request
from app.dossier.evaluation import Verdict, evaluate
from app.dossier.problems import RequestError, RequestProblem
from app.dossier.request import DossierRequest, TextRefused, checked_text, stored_request
from app.i18n import LANGUAGES, Message
from tests.app.dossier.conftest import NULL, TODAY, changed, example

LIBRARY_WORDS = (
    "Field required",
    "Input should",
    "String should",
    "Value should",
    "Value error",
    "List should",
)


def _problems(name: str, changes: dict[str, Any]) -> list[RequestProblem]:
    with pytest.raises(RequestError) as raised:
        parse_request(changed(example(name), changes))
    return raised.value.problems


REFUSED: list[tuple[str, Any, str]] = [
    # (field, value, the Vietnamese sentence begins)
    ("applicant.full_name", "Nguyễn Văn 3", "Họ và tên: chỉ gồm chữ cái"),
    ("applicant.full_name", "An <script>", "Họ và tên: chỉ gồm chữ cái"),
    ("applicant.full_name", "Nguyễn " * 20, "Họ và tên: dài tối đa 100 ký tự"),
    ("applicant.full_name", " - ", "Họ và tên: chỉ gồm chữ cái"),
    ("applicant.date_of_birth", "31/02/1985", "Ngày sinh: nhập ngày/tháng/năm, ví dụ 15/03/1985"),
    ("applicant.date_of_birth", "01/01/1850", "Ngày sinh: phải trong khoảng 01/01/1900"),
    ("applicant.date_of_birth", "01/01/2030", "Ngày sinh: ngày sinh sau ngày tiếp nhận"),
    ("applicant.identity_document.number", "07908000123", "Số giấy tờ tùy thân: số căn cước"),
    ("applicant.identity_document.number", "٠٧٩٠٨٠٠٠١٢٣٤", "Số giấy tờ tùy thân: số căn cước"),
    ("applicant.identity_document.number", "٠٧٩٠٨٠٠٠١٢٣٤", "Số giấy tờ tùy thân: số căn cước"),
    (
        "applicant.identity_document.number",
        "０７９０８０００１２３４",
        "Số giấy tờ tùy thân: số căn cước",
    ),
    ("applicant.identity_document.number", "0" * 40, "Số giấy tờ tùy thân: dài tối đa 20"),
    (
        "applicant.identity_document.issue_date",
        "9999-12-31",
        "Ngày cấp giấy tờ tùy thân: phải trong khoảng 01/01/1900 đến 31/12/2100",
    ),
    (
        "applicant.identity_document.issue_date",
        "24/11/2026",  # the day after the example's day of receipt
        "Ngày cấp giấy tờ tùy thân: không được sau ngày tiếp nhận hồ sơ",
    ),
    ("licences.0.issue_date", "2026-11-24", "Ngày cấp giấy phép lái xe: không được sau ngày"),
    ("applicant.full_name", "Nguyễn\x00Văn An", "Họ và tên: chỉ gồm chữ cái"),
    ("applicant.residence_address", "x" * 301, "Nơi cư trú: dài tối đa 300 ký tự"),
    ("applicant.residence_address", "x" * 100_000, "Nơi cư trú: dài tối đa 300 ký tự"),
    ("applicant.residence_address", "12 Lý Tự Trọng\x00", "Nơi cư trú: có ký tự không in"),
    ("applicant.residence_address", "12 Lý Tự Trọng\u202e", "Nơi cư trú: có ký tự không in"),
    ("applicant.email", "an\x00@gmail.com", "Thư điện tử: có ký tự không in"),
    ("applicant.phone", "٠٩٠٣ ١٢٣ ٤٥٦", "Số điện thoại: chỉ gồm chữ số"),
    ("applicant.phone", "０９０３ １２３ ４５６", "Số điện thoại: chỉ gồm chữ số"),
    ("licences.0.number", "٧٩٠١٢٣", "Số giấy phép lái xe: chỉ gồm chữ cái không dấu"),
    ("licences.0.birth_year_on_licence", "١٩٨٠", "Năm sinh ghi trên giấy phép: phải là một số"),
    ("schema_version", True, "Phiên bản định dạng hồ sơ: phải là số 1"),
    ("schema_version", 1.0, "Phiên bản định dạng hồ sơ: phải là số 1"),
    ("schema_version", "1", "Phiên bản định dạng hồ sơ: phải là số 1"),
    ("procedure", "doi-gtvt\x00", "Thủ tục: có ký tự không in"),
    ("presented.don-de-nghi\x00", {"form": "original"}, "Giấy tờ đã nộp: mã giấy tờ chỉ gồm"),
    ("presented." + "a" * 100_000, {"form": "original"}, "Giấy tờ đã nộp: dài tối đa 60"),
    ("applicant.residence_address", "12 Lý Tự Trọng\nQuận 1", "Nơi cư trú: có ký tự không in"),
    ("applicant.phone", "0903-123-456", "Số điện thoại: chỉ gồm chữ số"),
    ("applicant.phone", "0903", "Số điện thoại: chỉ gồm chữ số"),
    ("applicant.phone", "9" * 31, "Số điện thoại: dài tối đa 30 ký tự"),
    ("applicant.email", "an@@gmail.com", "Thư điện tử: phải có dạng ten@mien"),
    ("applicant.email", "a" * 250 + "@x.vn", "Thư điện tử: dài tối đa 254 ký tự"),
    ("applicant.nationality", "XX", "Quốc tịch: chọn một nước trong danh sách"),
    ("applicant.nationality", "vn", "Quốc tịch: chọn một nước trong danh sách"),
    ("licences.0.number", "79 0123 456 789 ✓", "Số giấy phép lái xe: chỉ gồm chữ cái không dấu"),
    ("licences.0.number", "9" * 41, "Số giấy phép lái xe: dài tối đa 40 ký tự"),
    ("licences.0.expiry_date", "30/02/2030", "Ngày hết hạn giấy phép lái xe: nhập ngày/tháng/năm"),
    ("licences.0.classes", ["B"] * 21, "Hạng giấy phép lái xe: tối đa 20 mục"),
    ("licences.0.issuing_authority", "S" * 301, "Cơ quan cấp giấy phép: dài tối đa 300"),
    ("licences.0.country", "KR", "Nước cấp giấy phép: chỉ ghi nước cấp cho giấy phép"),
]


@pytest.mark.parametrize(("field", "value", "sentence"), REFUSED)
def test_a_value_out_of_bounds_is_refused_in_words(field: str, value: Any, sentence: str) -> None:
    problems = _problems("doi-gtvt", {field: value})
    assert len(problems) == 1
    (problem,) = problems
    assert problem.sentence("vi").replace(" (giấy phép thứ 1)", "").startswith(sentence)
    for language in LANGUAGES:
        text = problem.sentence(language)
        assert not any(words in text for words in LIBRARY_WORDS), text
        assert "[0]" not in text and "applicant." not in text and "licences." not in text


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("applicant.full_name", "  Nguyễn   Thị Ngọc-Ánh ", "Nguyễn Thị Ngọc-Ánh"),
        ("applicant.full_name", "O'Brien Jr.", "O'Brien Jr."),
        ("applicant.date_of_birth", "04.05.80", dt.date(1980, 5, 4)),
        ("applicant.date_of_birth", "04051980", dt.date(1980, 5, 4)),
        ("applicant.phone", "+84 903 123 456", "+84 903 123 456"),
        ("licences.0.expiry_date", "10/1/27", dt.date(2027, 1, 10)),
        ("licences.0.number", "ab-123/45", "AB-123/45"),
    ],
)
def test_what_officers_type_is_accepted_and_kept_clean(field: str, value: Any, stored: Any) -> None:
    request = parse_request(changed(example("doi-gtvt"), {field: value}))
    node: Any = request.model_dump()
    for key in field.split("."):
        node = node[int(key)] if key.isdigit() else node[key]
    assert node == stored


@pytest.mark.parametrize(
    ("kind", "number", "ok"),
    [
        ("cccd", "079080001234", True),
        ("cccd", "07908000123", False),
        ("cmnd", "025123456", True),
        ("cmnd", "0251234567", False),
        ("cmnd", "079080001234", True),
        ("passport", "C1234567", True),
        ("passport", "C12345", True),
        ("passport", "C12345678", True),
        ("passport", "C1234", False),
        ("passport", "C123456789", False),
        ("passport", "c1234567", False),
    ],
)
def test_identity_numbers_by_document(kind: str, number: str, ok: bool) -> None:
    data = changed(
        example("doi-gtvt"), {"applicant.identity_document": {"type": kind, "number": number}}
    )
    if ok:
        parse_request(data)
    else:
        (problem,) = _problems(
            "doi-gtvt", {"applicant.identity_document": data["applicant"]["identity_document"]}
        )
        assert problem.field == "applicant.identity_document.number"


def test_a_foreign_licence_keeps_its_issuing_country() -> None:
    request = parse_request(changed(example("doi-nuoc-ngoai"), {"licences.0.country": "KR"}))
    assert request.licences[0].country == "KR"
    (problem,) = _problems("doi-nuoc-ngoai", {"licences.0.country": "ZZ"})
    assert problem.sentence("en").startswith("Country that issued the licence (licence 1): choose")


def test_countries_are_found_by_code_or_name_in_either_language() -> None:
    for text in ("KR", "kr", "Hàn Quốc", "han quoc", "South Korea", "Hàn Quốc (KR)"):
        country = find_country(text)
        assert country is not None and country.code == "KR", text
    assert find_country("Atlantis") is None
    vietnam = find_country("viet nam")
    assert vietnam is not None and vietnam.code == "VN"


def test_left_out_is_asked_but_null_says_none(catalogue: Catalogue) -> None:
    """A request that says nothing of the certificate (the window's draft) is asked for
    it; ``null`` says the applicant never had one, and that is refused."""
    left_out = DossierRequest.model_validate(
        changed(example("gv-cap-lai"), {"instructor_certificate": None})
    )
    with pytest.raises(RequestError) as raised:
        evaluate(left_out, catalogue, TODAY)
    assert [p.field for p in raised.value.problems] == ["instructor_certificate"]
    assert all(p.needs_information for p in raised.value.problems)
    never = DossierRequest.model_validate(
        changed(example("gv-cap-lai"), {"instructor_certificate": NULL})
    )
    assert evaluate(never, catalogue, TODAY).verdict is Verdict.REFUSE


def test_no_licences_given_is_asked_an_empty_list_is_none(catalogue: Catalogue) -> None:
    without = DossierRequest.model_validate(changed(example("gv-cap"), {"licences": None}))
    with pytest.raises(RequestError) as raised:
        evaluate(without, catalogue, TODAY)
    assert {p.field for p in raised.value.problems} == {"licences"}
    empty = DossierRequest.model_validate(changed(example("gv-cap"), {"licences": []}))
    assert evaluate(empty, catalogue, TODAY).verdict is Verdict.REFUSE


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        ("5 Nguyễn Huệ\x00", "có ký tự không in được", "has characters that cannot be printed"),
        ("5 Nguyễn Huệ\nQuận 1", "có ký tự không in được", "has characters that cannot be printed"),
        ("x" * 100_000, "dài tối đa 300 ký tự", "must be at most 300 characters long"),
    ],
)
def test_text_kept_beside_a_request_is_checked_as_the_requests_text(
    value: str, vi: str, en: str
) -> None:
    """A postal address for the result, a reason: what ``Text`` refuses, named by its label."""
    label = Message("Địa chỉ nhận kết quả", "Postal address for the result")
    with pytest.raises(TextRefused) as refused:
        checked_text(value, label)
    assert refused.value.text("vi").startswith(f"Địa chỉ nhận kết quả: {vi}")
    assert refused.value.text("en").startswith(f"Postal address for the result: {en}")
    assert checked_text(" 5 Nguye\u0302\u0303n Huệ ", label) == "5 Nguyễn Huệ"


def test_a_stored_request_is_read_as_stored_where_input_is_refused() -> None:
    """Papers read a dossier stored under older rules as it was stored; input is refused."""
    data = changed(
        example("doi-gtvt"),
        {"applicant.full_name": "Nguyễn\x00Văn 3", "applicant.residence_address": "x" * 100_000},
    )
    with pytest.raises(RequestError):
        parse_request(data)
    request = stored_request(json.dumps(data))
    assert request.applicant.full_name == "Nguyễn\x00Văn 3"
    assert len(request.applicant.residence_address) == 100_000
