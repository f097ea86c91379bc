"""A bad request is told in the officer's words: the field's label and what is expected."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from app.dossier.checking import parse_request
from app.dossier.problems import FIELD_LABELS, RequestError, RequestProblem, field_label
from app.dossier.request import DossierRequest
from app.i18n import LANGUAGES

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "doi-gtvt.json"
# pydantic's own wording, and a path as the model spells it, must never reach the officer.
LIBRARY_WORDS = ("Field required", "Input should", "String should", "Value error", "List should")


def _model_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    paths = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        paths.append(path)
        for kind in _inner_models(info.annotation):
            key = ".*." if name == "presented" else "."
            paths.extend(_model_paths(kind, f"{path}{key}"))
    return paths


def _inner_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()):
        found.extend(_inner_models(argument))
    return found


def test_every_request_field_has_a_label_in_both_languages() -> None:
    paths = _model_paths(DossierRequest)
    assert "licences.expiry_date" in paths and "presented.*.form" in paths
    assert [path for path in paths if path not in FIELD_LABELS] == []


def _problems(changes: dict[str, Any]) -> list[RequestProblem]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[last]
        else:
            target[int(last) if last.isdigit() else last] = copy.deepcopy(value)
    with pytest.raises(RequestError) as raised:
        parse_request(data)
    return raised.value.problems


BAD: dict[str, tuple[dict[str, Any], str, str]] = {
    "missing name": ({"applicant.full_name": KeyError}, "Họ và tên", "Full name: required"),
    "not a date": (
        {"applicant.date_of_birth": "1980-02-30"},
        "Ngày sinh: nhập ngày/tháng/năm, ví dụ 15/03/1985",
        "Date of birth: enter day/month/year, e.g. 15/03/1985",
    ),
    "phone pattern": (
        {"applicant.phone": "12ab"},
        "Số điện thoại: chỉ gồm chữ số, dấu cách và dấu + ở đầu",
        "Phone number: takes only digits, spaces and a leading +",
    ),
    "licence number too long": (
        {"licences.0.number": "9" * 41},
        "Số giấy phép lái xe (giấy phép thứ 1): dài tối đa 40 ký tự",
        "Licence number (licence 1): must be at most 40 characters long",
    ),
    "unknown sex": (
        {"applicant.sex": "x"},
        "Giới tính: phải là một trong: male, female",
        "Sex: must be one of: male, female",
    ),
    "no classes": (
        {"licences.0.classes": []},
        "Hạng giấy phép lái xe (giấy phép thứ 1): cần ít nhất một mục",
        "Licence classes (licence 1): needs at least one entry",
    ),
    "bad class": (
        {"licences.0.classes": ["1B"]},
        "Hạng giấy phép lái xe (giấy phép thứ 1): hạng giấy phép là một chữ cái",
        "Licence classes (licence 1): a licence class is a letter",
    ),
    "a typo in a field name": (
        {"applicant.fullname": "An"},
        "«applicant.fullname»: không có trong mẫu hồ sơ",
        "«applicant.fullname»: is not part of the request",
    ),
    "count not a number": (
        {"presented.don-de-nghi": {"form": "original", "count": "hai"}},
        "Số lượng giấy tờ đã nộp (don-de-nghi): phải là một số nguyên",
        "Number of copies handed in (don-de-nghi): must be a whole number",
    ),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_value_names_the_label_and_the_rule(case: str) -> None:
    changes, vi, en = BAD[case]
    (problem,) = _problems(changes)
    assert problem.sentence("vi").startswith(vi)
    assert problem.sentence("en").startswith(en)
    for language in LANGUAGES:
        sentence = problem.sentence(language)
        assert not any(words in sentence for words in LIBRARY_WORDS)
        assert "[0]" not in sentence


def test_a_rule_of_a_whole_group_names_the_field_inside_it() -> None:
    (problem,) = _problems({"applicant.identity_document.number": "123"})
    assert problem.field == "applicant.identity_document.number"
    assert problem.sentence("en") == "Identity document number: a citizen ID number has 12 digits"


def test_the_whole_request_and_unknown_paths_have_a_label() -> None:
    assert field_label("", "vi") == "Hồ sơ"
    assert field_label("licences[2].expiry_date", "en") == "Licence expiry date (licence 3)"
    assert field_label("presented.don-de-nghi.count", "vi") == (
        "Số lượng giấy tờ đã nộp (don-de-nghi)"
    )
