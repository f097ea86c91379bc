"""The preflight: every reason a card record may not enter a batch, in the officer's words.

A record that fails stays out of the batch and its reasons are listed for the officer
(issue 16). Each reason names the field by its label and says what is expected:

- every required field is there (``REQUIRED``; the others may be empty: the national
  code, the licence number the issuing system gives, a restriction's code not yet
  published, a class without a time limit, the old licence's issuer);
- text is Unicode NFC with no control character (what ``printing.card_batch`` refuses);
- text is within the card's limits (``app/card/data/limits.toml``: assumptions);
- the photo is a 354×472 baseline sRGB JPEG with no metadata (``app.card.portrait``)
  whose SHA-256 is the one stored with the dossier;
- the classes: what ``classes_for_card`` could not map (an A4 held, a choice the
  applicant did not make, …).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from app.card.limits import CardLimits, shipped_limits
from app.card.portrait import photo_problems
from app.card.record import CardRecord, record_fields
from app.i18n import Language, Message, current_language
from app.licence_classes.exchange import ClassProblem
from printing.card_batch import CONTROL_CHARACTER, RecordValue

# The fields a record must have, list entries as "*".
REQUIRED = frozenset(
    {
        "dossier_code",
        "procedure.id",
        "received_at",
        "catalogue_version",
        "holder.full_name",
        "holder.date_of_birth",
        "holder.sex",
        "holder.nationality",
        "holder.residence",
        "holder.identity_document.type",
        "holder.identity_document.number",
        "licence.issuing_authority",
        "licence.law",
        "licence.classes",
        "licence.classes.*.class",
        "licence.classes.*.planned_issue_date",
        "licence.classes.*.restrictions.*.text",
        "old_licences",
        "old_licences.*.number",
        "old_licences.*.classes",
        "photo",
        "photo.file",
        "photo.sha256",
        "photo.captured_at",
        "photo.officer",
    }
)

LABELS: dict[str, Message] = {
    "": Message("Bản ghi thẻ", "Card record"),
    "dossier_code": Message("Mã hồ sơ", "Dossier code"),
    "procedure": Message("Thủ tục", "Procedure"),
    "procedure.id": Message("Thủ tục", "Procedure"),
    "procedure.national_code": Message("Mã thủ tục quốc gia", "National procedure code"),
    "received_at": Message("Thời điểm tiếp nhận", "Time of receipt"),
    "catalogue_version": Message("Phiên bản danh mục thủ tục", "Catalogue version"),
    "holder": Message("Người được cấp", "Holder"),
    "holder.full_name": Message("Họ và tên", "Full name"),
    "holder.date_of_birth": Message("Ngày sinh", "Date of birth"),
    "holder.sex": Message("Giới tính", "Sex"),
    "holder.nationality": Message("Quốc tịch", "Nationality"),
    "holder.residence": Message("Nơi cư trú", "Residence"),
    "holder.identity_document": Message("Giấy tờ tùy thân", "Identity document"),
    "holder.identity_document.type": Message("Loại giấy tờ tùy thân", "Type of identity document"),
    "holder.identity_document.number": Message("Số giấy tờ tùy thân", "Identity document number"),
    "licence": Message("Giấy phép lái xe cấp mới", "Licence to print"),
    "licence.number": Message("Số giấy phép lái xe cấp mới", "Number of the licence to print"),
    "licence.issuing_authority": Message("Cơ quan cấp", "Issuing authority"),
    "licence.law": Message("Luật áp dụng cho hạng", "Law the classes follow"),
    "licence.classes": Message("Hạng giấy phép cấp mới", "Classes to print"),
    "licence.classes.*.class": Message("Hạng", "Class"),
    "licence.classes.*.planned_issue_date": Message(
        "Ngày cấp dự kiến (ngày hẹn trả kết quả)", "Planned issue date (the result's due date)"
    ),
    "licence.classes.*.planned_expiry_date": Message("Ngày hết hạn dự kiến", "Planned expiry"),
    "licence.classes.*.restrictions": Message("Điều kiện hạn chế", "Restrictions"),
    "licence.classes.*.restrictions.*.code": Message("Mã số điều kiện hạn chế", "Restriction code"),
    "licence.classes.*.restrictions.*.text": Message(
        "Nội dung điều kiện hạn chế", "Restriction's words"
    ),
    "old_licences": Message("Giấy phép lái xe cũ", "Old licence"),
    "old_licences.*.number": Message("Số giấy phép lái xe cũ", "Old licence number"),
    "old_licences.*.classes": Message("Hạng giấy phép lái xe cũ", "Old licence classes"),
    "old_licences.*.classes.*": Message("Hạng giấy phép lái xe cũ", "Old licence class"),
    "old_licences.*.issuer": Message("Cơ quan cấp giấy phép cũ", "Old licence issuer"),
    "photo": Message("Ảnh chân dung", "Portrait photo"),
    "photo.file": Message("Tệp ảnh chân dung", "Portrait file"),
    "photo.sha256": Message("Mã SHA-256 của ảnh", "Photo's SHA-256"),
    "photo.captured_at": Message("Thời điểm chụp ảnh", "Time the photo was taken"),
    "photo.officer": Message("Cán bộ chụp ảnh", "Officer who took the photo"),
}
OF_CLASS = Message("{label} (hạng thứ {number})", "{label} (class {number})")
OF_OLD_LICENCE = Message("{label} (giấy phép cũ thứ {number})", "{label} (old licence {number})")

LABELLED = Message("{label}: {rule}", "{label}: {rule}")
MISSING = Message("bắt buộc, chưa có", "required, missing")
NONE_GIVEN = Message("cần ít nhất một mục, chưa có", "needs at least one entry, has none")
NOT_NFC = Message(
    "chữ không ở dạng chuẩn Unicode NFC (chữ tổ hợp); nhập lại",
    "the text is not in Unicode NFC (decomposed letters); type it again",
)
CONTROL = Message(
    "có ký tự điều khiển (xuống dòng, tab …); nhập lại trên một dòng",
    "holds a control character (a line break, a tab …); type it again on one line",
)
TOO_LONG = Message(
    "dài {length} ký tự; thẻ nhận tối đa {limit} ký tự",
    "is {length} characters long; the card takes at most {limit}",
)
HASH_DIFFERS = Message(
    "không khớp mã SHA-256 lưu cùng hồ sơ; ảnh đã bị thay đổi sau khi lưu",
    "does not match the SHA-256 stored with the dossier; it changed after it was stored",
)
CLASS_PROBLEM = Message("{problem}", "{problem}")

_INDEX = re.compile(r"(?<=\.)\d+(?=\.|$)")


@dataclass(frozen=True)
class Problem:
    """One reason a record stays out of a batch: the field (a record path, "" for the
    whole record) and the rule it breaks. ``sentence()`` is ``Label: rule``."""

    field: str
    message: Message
    values: Mapping[str, object] = dataclass_field(default_factory=dict)

    def sentence(self) -> Message:
        """``Label: rule`` in both languages."""
        return Message(self.text("vi"), self.text("en"))

    def text(self, language: Language | None = None) -> str:
        language = language or current_language()
        rule = self.message.text(language, **self.values)
        return LABELLED.text(language, label=field_label(self.field, language), rule=rule)

    def __str__(self) -> str:
        return self.text()


def field_label(path: str, language: Language) -> str:
    """The label of a record path: ``licence.classes.1.class`` is "Class (class 2)"."""
    pattern = _INDEX.sub("*", path)
    label = LABELS.get(pattern, LABELS.get(pattern.rsplit(".", 1)[0], LABELS[""]))
    text = label.text(language)
    indices = [int(index) for index in _INDEX.findall(path)]
    if path.startswith("licence.classes.") and indices:
        text = OF_CLASS.text(language, label=text, number=indices[0] + 1)
    elif path.startswith("old_licences.") and indices:
        text = OF_OLD_LICENCE.text(language, label=text, number=indices[0] + 1)
    return text


def preflight(
    record: CardRecord, photo_bytes: bytes | None, limits: CardLimits | None = None
) -> list[Problem]:
    """Every reason ``record`` may not enter a batch (missing fields, text, the photo, the
    classes, each in the record's order); an empty list: it may enter.

    ``photo_bytes`` is the portrait as stored with the dossier (None: none stored)."""
    limits = limits or shipped_limits()
    fields = record_fields(record)
    problems = list(_missing(fields))
    problems += _text_problems(fields, limits)
    problems += _photo_problems(record, photo_bytes)
    problems += [
        Problem("licence.classes", CLASS_PROBLEM, {"problem": _in_both_languages(problem)})
        for problem in record.class_problems
    ]
    if record.class_problems:
        # The class problems say why there is no class: "none given" would say it again.
        problems = [p for p in problems if (p.field, p.message) != ("licence.classes", NONE_GIVEN)]
    return problems


def rule_problems(
    fields: Mapping[str, RecordValue], limits: CardLimits | None = None
) -> list[Problem]:
    """The record rules a written record is checked against again (``motcua card verify``):
    every required field present, text NFC without control characters and within the card's
    limits. ``fields`` is a record as ``record_fields`` gives it or records.json holds it."""
    limits = limits or shipped_limits()
    return [*_missing(fields), *_text_problems(fields, limits)]


def _in_both_languages(problem: ClassProblem) -> Message:
    return Message(problem.text("vi"), problem.text("en"))


# --------------------------------------------------------------------- the fields


def _walk(value: RecordValue, path: str = "") -> Iterator[tuple[str, RecordValue]]:
    """Every value of the record with its path, groups too (before what they hold)."""
    yield path, value
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else key)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}.{index}")


def _missing(fields: Mapping[str, RecordValue]) -> Iterator[Problem]:
    for path, value in _walk(dict(fields)):
        if _INDEX.sub("*", path) not in REQUIRED:
            continue
        if value is None or value == "":
            yield Problem(path, MISSING)
        elif isinstance(value, list | tuple) and not value:
            yield Problem(path, NONE_GIVEN)


def _text_problems(fields: Mapping[str, RecordValue], limits: CardLimits) -> Iterator[Problem]:
    for path, value in _walk(dict(fields)):
        if not isinstance(value, str):
            continue
        if not unicodedata.is_normalized("NFC", value):
            yield Problem(path, NOT_NFC)
        if CONTROL_CHARACTER.search(value):
            yield Problem(path, CONTROL)
        limit = limits.limit_of(_INDEX.sub("*", path))
        if limit is not None and len(value) > limit:
            yield Problem(path, TOO_LONG, {"length": len(value), "limit": limit})


def _photo_problems(record: CardRecord, photo_bytes: bytes | None) -> list[Problem]:
    if record.photo is None or photo_bytes is None:
        return [] if record.photo is None else [Problem("photo", MISSING)]
    problems = [Problem("photo", rule, values) for rule, values in photo_problems(photo_bytes)]
    if hashlib.sha256(photo_bytes).hexdigest() != record.photo.sha256:
        problems.append(Problem("photo", HASH_DIFFERS))
    return problems
