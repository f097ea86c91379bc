"""Problems with a dossier request, each naming the field (by its label) and what is expected.

The officer never reads a library's validation text ("Field required") nor a
field path ("licences[0].number"): pydantic's error types are worded here as
rules, and every request field has a label in both languages (``FIELD_LABELS``,
checked against the model by a test). ``RequestProblem.field`` keeps the path,
for the window to put the rule next to the right input.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from app.catalogue.model import SLUG_PATTERN
from app.i18n import Language, Message, current_language

# ------------------------------------------------------------------ field labels

# Keyed by the request path without list indices or dictionary keys ("*").
FIELD_LABELS: dict[str, Message] = {
    "schema_version": Message("Phiên bản định dạng hồ sơ", "Request format version"),
    "procedure": Message("Thủ tục", "Procedure"),
    "subcase": Message("Trường hợp", "Case"),
    "channel": Message("Hình thức nộp hồ sơ", "How the dossier is handed in"),
    "received_on": Message("Ngày tiếp nhận", "Day of receipt"),
    "applicant": Message("Người nộp hồ sơ", "Applicant"),
    "applicant.full_name": Message("Họ và tên", "Full name"),
    "applicant.date_of_birth": Message("Ngày sinh", "Date of birth"),
    "applicant.sex": Message("Giới tính", "Sex"),
    "applicant.nationality": Message("Quốc tịch", "Nationality"),
    "applicant.identity_document": Message("Giấy tờ tùy thân", "Identity document"),
    "applicant.identity_document.type": Message(
        "Loại giấy tờ tùy thân", "Type of identity document"
    ),
    "applicant.identity_document.number": Message(
        "Số giấy tờ tùy thân", "Identity document number"
    ),
    "applicant.identity_document.issue_date": Message(
        "Ngày cấp giấy tờ tùy thân", "Identity document issue date"
    ),
    "applicant.identity_document.issued_by": Message(
        "Nơi cấp giấy tờ tùy thân", "Identity document issued by"
    ),
    "applicant.residence_address": Message("Nơi cư trú", "Residence address"),
    "applicant.phone": Message("Số điện thoại", "Phone number"),
    "applicant.email": Message("Thư điện tử", "Email"),
    "applicant.permanent_residence_card": Message(
        "Có thẻ thường trú tại Việt Nam", "Holds a Vietnamese permanent residence card"
    ),
    "applicant.residence_permit_months": Message(
        "Số tháng được phép cư trú tại Việt Nam", "Months of residence allowed in Viet Nam"
    ),
    "applicant.months_abroad": Message("Số tháng sống ở nước ngoài", "Months lived abroad"),
    "applicant.stay_abroad_covers_training": Message(
        "Thời gian ở nước ngoài đủ cho khóa đào tạo lái xe",
        "Stay abroad long enough for the driver training",
    ),
    "applicant.qualification": Message("Trình độ đào tạo", "Training level"),
    "licences": Message("Giấy phép lái xe", "Driving licences"),
    "licences.number": Message("Số giấy phép lái xe", "Licence number"),
    "licences.classes": Message("Hạng giấy phép lái xe", "Licence classes"),
    "licences.issue_date": Message("Ngày cấp giấy phép lái xe", "Licence issue date"),
    "licences.expiry_date": Message("Ngày hết hạn giấy phép lái xe", "Licence expiry date"),
    "licences.issuing_authority": Message("Cơ quan cấp giấy phép", "Issuing authority"),
    "licences.issuer": Message("Ngành cấp giấy phép", "Service that issued the licence"),
    "licences.country": Message("Nước cấp giấy phép", "Country that issued the licence"),
    "licences.material": Message("Chất liệu giấy phép", "Licence material"),
    "licences.name_on_licence": Message("Họ tên ghi trên giấy phép", "Name on the licence"),
    "licences.birth_year_on_licence": Message(
        "Năm sinh ghi trên giấy phép", "Birth year on the licence"
    ),
    "licences.automatic_only": Message(
        "Hạng B1 số tự động (chỉ lái xe số tự động)", "Class B1 for automatic cars only"
    ),
    "licences.damaged": Message("Giấy phép bị hỏng", "Licence damaged"),
    "licences.tampered": Message("Giấy phép bị tẩy xóa, rách nát", "Licence erased or torn"),
    "licences.identity_differs": Message(
        "Khác biệt về nhận dạng", "Holder does not look like the licence"
    ),
    "licences.verified_in_register": Message(
        "Đã đối chiếu với hồ sơ của cơ quan cấp", "Checked against the issuer's records"
    ),
    "requested_classes": Message("Hạng đề nghị", "Classes requested"),
    "separate_time_limited": Message(
        "Tách hạng có thời hạn và không thời hạn", "Separate time-limited and unlimited classes"
    ),
    "service_end": Message("Thôi phục vụ", "Leaving the service"),
    "service_end.kind": Message("Lý do thôi phục vụ", "Why the applicant left the service"),
    "service_end.decision_date": Message(
        "Ngày ký quyết định thôi phục vụ", "Date of the leaving decision"
    ),
    "instructor_certificate": Message(
        "Giấy chứng nhận giáo viên dạy thực hành lái xe", "Instructor certificate"
    ),
    "instructor_certificate.number": Message(
        "Số giấy chứng nhận giáo viên", "Instructor certificate number"
    ),
    "instructor_certificate.issue_date": Message(
        "Ngày cấp giấy chứng nhận giáo viên", "Instructor certificate issue date"
    ),
    "presented": Message("Giấy tờ đã nộp", "Papers handed in"),
    "presented.*": Message("Giấy tờ đã nộp", "Paper handed in"),
    "presented.*.form": Message("Hình thức giấy tờ đã nộp", "Form of the paper handed in"),
    "presented.*.count": Message("Số lượng giấy tờ đã nộp", "Number of copies handed in"),
    "presented.*.note": Message("Ghi chú giấy tờ đã nộp", "Note on the paper handed in"),
    "class_choices": Message("Hạng chọn khi đổi giấy phép", "Class chosen on exchange"),
    "class_choices.*": Message("Hạng chọn khi đổi giấy phép", "Class chosen on exchange"),
}
THE_REQUEST = Message("Hồ sơ", "The request")
OF_LICENCE = Message("{label} (giấy phép thứ {number})", "{label} (licence {number})")
OF_ITEM = Message("{label} ({item})", "{label} ({item})")

# Dictionaries keyed by data (item ids), not by field names.
_KEYED = ("presented", "class_choices")
# A key is named in a label only when it reads as an item id, never as whatever was typed.
_SHOWN_KEY_MAX = 60


def _label_key(path: str) -> tuple[str, int | None, str | None]:
    """``licences[1].number`` -> ("licences.number", 1, None); presented keys become "*"."""
    parts = re.findall(r"[^.\[\]]+", path)
    names: list[str] = []
    index: int | None = None
    key: str | None = None
    for part in parts:
        if part.isascii() and part.isdigit():
            if names == ["licences"] and index is None:
                index = int(part)
            continue
        if len(names) == 1 and names[0] in _KEYED and key is None:
            key = part
            names.append("*")
            continue
        names.append(part)
    return ".".join(names), index, key


def field_label(path: str, language: Language | None = None, numbered: bool = True) -> str:
    """The label the officer knows a request field by, in ``language`` (default: chosen).
    ``numbered=False`` leaves out which licence (a screen that shows only one)."""
    language = language or current_language()
    if not path:
        return THE_REQUEST.text(language)
    name, index, key = _label_key(path)
    label = FIELD_LABELS.get(name)
    if label is None:  # a field the model does not have (a typo in a JSON file)
        return f"«{path}»"
    text = label.text(language)
    if index is not None and numbered:
        text = OF_LICENCE.text(language, label=text, number=index + 1)
    if key is not None and len(key) <= _SHOWN_KEY_MAX and re.fullmatch(SLUG_PATTERN, key):
        text = OF_ITEM.text(language, label=text, item=key)
    return text


# ------------------------------------------------------------------ rules

REQUIRED = Message("bắt buộc, chưa điền", "required, not filled in")
NOT_A_FIELD = Message(
    "không có trong mẫu hồ sơ (kiểm tra lại tên trường)",
    "is not part of the request (check the field's name)",
)
# The command line also takes 1985-03-15; the officer is shown the way papers write it.
NOT_A_DATE = Message(
    "nhập ngày/tháng/năm, ví dụ 15/03/1985", "enter day/month/year, e.g. 15/03/1985"
)
NOT_A_WHOLE_NUMBER = Message("phải là một số nguyên", "must be a whole number")
NOT_YES_NO = Message("phải là có hoặc không (true/false)", "must be yes or no (true/false)")
NOT_TEXT = Message("phải là chữ", "must be text")
NOT_A_GROUP = Message(
    "phải là một nhóm thông tin (đối tượng JSON)", "must be a group of fields (a JSON object)"
)
NOT_A_LIST = Message("phải là một danh sách", "must be a list")
ONE_OF = Message("phải là một trong: {choices}", "must be one of: {choices}")
EMPTY_TEXT = Message("không được để trống", "must not be empty")
TEXT_TOO_LONG = Message("dài tối đa {limit} ký tự", "must be at most {limit} characters long")
TEXT_TOO_SHORT = Message("phải có ít nhất {limit} ký tự", "must be at least {limit} characters")
TOO_FEW = Message("cần ít nhất {limit} mục", "needs at least {limit} entries")
NONE_GIVEN = Message("cần ít nhất một mục", "needs at least one entry")
TOO_MANY = Message("tối đa {limit} mục", "takes at most {limit} entries")
AT_LEAST = Message("phải từ {limit} trở lên", "must be {limit} or more")
AT_MOST = Message("không được quá {limit}", "must be {limit} or less")
WRONG_FORM = Message("không đúng dạng", "is not in the expected form")
NOT_VALID = Message("không hợp lệ", "is not valid")
OTHER_PROCEDURE = Message(
    "hồ sơ đang bổ sung thuộc thủ tục {procedure}",
    "the dossier being completed is for {procedure}",
)
NOT_AN_OBJECT = Message("hồ sơ phải là một đối tượng JSON", "the request must be a JSON object")
NOT_JSON = Message(
    "không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column})",
    "is not valid JSON (error at line {line}, column {column})",
)

# What a field with a pattern expects, said in words.
PATTERN_RULES: dict[str, Message] = {
    "applicant.email": Message(
        "phải có dạng ten@mien, ví dụ an.nguyen@gmail.com",
        "must look like name@domain, e.g. an.nguyen@gmail.com",
    ),
}

# Rules the request model's own validators raise (``request_rule`` below).
MODEL_RULES: dict[str, Message] = {
    "citizen_id_number": Message(
        "số căn cước công dân có 12 chữ số", "a citizen ID number has 12 digits"
    ),
    "old_id_number": Message(
        "số chứng minh nhân dân có 9 hoặc 12 chữ số", "an old ID number has 9 or 12 digits"
    ),
    "passport_number": Message(
        "số hộ chiếu có 6 đến 9 chữ cái in hoa hoặc chữ số, ví dụ C1234567",
        "a passport number has 6 to 9 capital letters or digits, e.g. C1234567",
    ),
    "name_characters": Message(
        "chỉ gồm chữ cái, dấu cách và các dấu ' - .",
        "takes only letters, spaces and the marks ' - .",
    ),
    "code_number": Message(
        "chỉ gồm chữ cái không dấu, chữ số và các dấu - / . (ví dụ 790123456789)",
        "takes only Latin letters, digits and the marks - / . (e.g. 790123456789)",
    ),
    "control_characters": Message(
        "có ký tự không in được (xuống dòng, tab); nhập lại trên một dòng",
        "has characters that cannot be printed (line breaks, tabs); type it on one line",
    ),
    "phone": Message(
        "chỉ gồm chữ số, dấu cách và dấu + ở đầu; 8 đến 15 chữ số, ví dụ 0903 123 456",
        "takes only digits, spaces and a leading +; 8 to 15 digits, e.g. 0903 123 456",
    ),
    "country": Message(
        "chọn một nước trong danh sách (gõ tên hoặc mã 2 chữ cái, ví dụ Hàn Quốc hoặc KR)",
        "choose a country from the list (type its name or 2-letter code, e.g. Korea or KR)",
    ),
    "country_not_foreign": Message(
        "chỉ ghi nước cấp cho giấy phép do nước ngoài cấp",
        "only a licence issued abroad has an issuing country",
    ),
    "not_a_date": NOT_A_DATE,
    "day_out_of_range": Message(
        "phải trong khoảng 01/01/1900 đến 31/12/2100", "must be between 01/01/1900 and 31/12/2100"
    ),
    "licence_class": Message(
        "hạng giấy phép là một chữ cái, có thể theo sau tối đa 3 chữ cái hoặc chữ số"
        " (ví dụ B, C1, A1)",
        "a licence class is a letter followed by up to 3 letters or digits (e.g. B, C1, A1)",
    ),
    "expiry_before_issue": Message(
        "giấy phép không thể hết hạn trước ngày cấp",
        "a licence cannot expire before it was issued",
    ),
    # The date is that of Circular 12/2025/TT-BCA (request.NATIONAL_POLICE_FROM).
    "national_police_before_2025": Message(
        "Bộ Công an cấp giấy phép lái xe quốc gia từ ngày 01/03/2025 (Thông tư 12/2025/TT-BCA):"
        " kiểm tra lại ngày cấp hoặc ngành cấp giấy phép",
        "the Ministry of Public Security issues national licences from 01/03/2025"
        " (Circular 12/2025/TT-BCA): check the issue date or who issued the licence",
    ),
    "born_after_receipt": Message(
        "ngày sinh sau ngày tiếp nhận hồ sơ", "the date of birth is after the day of receipt"
    ),
    # A key of ``presented``: said of the whole dictionary, never repeating the key.
    "item_key": Message(
        "mã giấy tờ chỉ gồm chữ thường không dấu, chữ số và dấu - (ví dụ don-de-nghi)",
        "a paper's id takes only lower-case Latin letters, digits and - (e.g. don-de-nghi)",
    ),
    "after_receipt": Message(
        "không được sau ngày tiếp nhận hồ sơ", "cannot be after the day of receipt"
    ),
    "schema_version": Message(
        'phải là số 1 (viết 1, không phải true, 1.0 hay "1")',
        'must be the number 1 (written 1, not true, 1.0 or "1")',
    ),
}

# Fields whose pattern a validator also checks: one wording for both.
PATTERN_RULES["applicant.nationality"] = MODEL_RULES["country"]
PATTERN_RULES["licences.country"] = MODEL_RULES["country"]
PATTERN_RULES["applicant.phone"] = MODEL_RULES["phone"]

# pydantic's error types, worded for the officer.
_BY_TYPE: dict[str, Message] = {
    "missing": REQUIRED,
    "extra_forbidden": NOT_A_FIELD,
    "date_parsing": NOT_A_DATE,
    "date_from_datetime_parsing": NOT_A_DATE,
    "date_from_datetime_inexact": NOT_A_DATE,
    "date_type": NOT_A_DATE,
    "int_parsing": NOT_A_WHOLE_NUMBER,
    "int_type": NOT_A_WHOLE_NUMBER,
    "int_from_float": NOT_A_WHOLE_NUMBER,
    "bool_parsing": NOT_YES_NO,
    "bool_type": NOT_YES_NO,
    "string_type": NOT_TEXT,
    "string_unicode": NOT_TEXT,
    "dict_type": NOT_A_GROUP,
    "model_type": NOT_A_GROUP,
    "model_attributes_type": NOT_A_GROUP,
    "list_type": NOT_A_LIST,
    "enum": ONE_OF,
    "literal_error": ONE_OF,
    "string_too_long": TEXT_TOO_LONG,
    "string_too_short": TEXT_TOO_SHORT,
    "too_short": TOO_FEW,
    "too_long": TOO_MANY,
    "greater_than_equal": AT_LEAST,
    "greater_than": AT_LEAST,
    "less_than_equal": AT_MOST,
    "less_than": AT_MOST,
    "string_pattern_mismatch": WRONG_FORM,
}


def request_rule(rule: str, field: str = "") -> PydanticCustomError:
    """What a validator of the request model raises: a ``MODEL_RULES`` key and, when the
    validator checks a whole group, the field inside it that is wrong."""
    return PydanticCustomError("request_rule", MODEL_RULES[rule].en, {"rule": rule, "field": field})


@dataclass(frozen=True)
class RequestProblem:
    """One field (request path; "" for the whole request) and the rule it breaks."""

    field: str
    message: Message
    values: Mapping[str, object] = dataclass_field(default_factory=dict)
    # A fact a catalogue rule needs that was left empty: not a mistake, a question.
    needs_information: bool = False

    def text(self, language: Language | None = None) -> str:
        """The rule, in ``language`` (default: the one chosen for the process)."""
        return self.message.text(language or current_language(), **self.values)

    @property
    def rule(self) -> str:
        return self.text()

    def label(self, language: Language | None = None) -> str:
        return field_label(self.field, language)

    def sentence(self, language: Language | None = None) -> str:
        """``Label: rule``, what the officer reads."""
        return f"{self.label(language)}: {self.text(language)}"

    def __str__(self) -> str:
        return self.sentence()


class RequestError(Exception):
    """The request cannot be evaluated; ``problems`` lists every reason."""

    def __init__(self, problems: list[RequestProblem]) -> None:
        self.problems = problems
        super().__init__(problems)

    def __str__(self) -> str:
        return "; ".join(str(problem) for problem in self.problems)


def _path_parts(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """A bad dictionary key (pydantic's ``("presented", key, "[key]")``) is a problem of the
    dictionary: its path never repeats what was typed as the key."""
    if len(loc) >= 2 and loc[-1] == "[key]":
        return loc[:-2]
    return loc


def problems_from_validation(error: ValidationError) -> list[RequestProblem]:
    """pydantic's errors as the officer's words: which field (its path, for the window)
    and the rule, never pydantic's own text."""
    problems = []
    for detail in error.errors(include_url=False):
        path = ""
        for part in _path_parts(detail["loc"]):
            path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        ctx: dict[str, Any] = dict(detail.get("ctx") or {})
        kind = detail["type"]
        if kind == "request_rule":
            inner = str(ctx.get("field", ""))
            if inner:
                path = f"{path}.{inner}" if path else inner
            problems.append(RequestProblem(path, MODEL_RULES[str(ctx["rule"])]))
            continue
        message = _BY_TYPE.get(kind, NOT_VALID)
        values: dict[str, object] = {}
        if message is ONE_OF:
            choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
            values["choices"] = ", ".join(choices) if choices else str(ctx.get("expected", ""))
        elif message in (TEXT_TOO_LONG, TOO_MANY):
            values["limit"] = ctx.get("max_length", "")
        elif message in (TEXT_TOO_SHORT, TOO_FEW):
            limit = ctx.get("min_length", 1)
            if limit == 1:
                message = EMPTY_TEXT if message is TEXT_TOO_SHORT else NONE_GIVEN
            values["limit"] = limit
        elif message is AT_LEAST:
            values["limit"] = ctx.get("ge", ctx.get("gt", ""))
        elif message is AT_MOST:
            values["limit"] = ctx.get("le", ctx.get("lt", ""))
        elif message is WRONG_FORM:  # a pattern: what the field expects, in words
            message = PATTERN_RULES.get(_label_key(path)[0], WRONG_FORM)
        problems.append(RequestProblem(path, message, values))
    return problems
