"""The citizen-ID card's QR code: its text parsed, checked, and turned into the applicant's fields.

There is no published specification; the de facto payload is UTF-8 text in
fields separated by ``|``::

    number (12 digits)|old ID (9 digits, may be empty)|full name|date of birth
    (ddmmyyyy)|sex (Nam or Nữ)|address|issue date (ddmmyyyy)

Some cards and readers give six fields, without the old ID. The two are told
apart by the field count and confirmed by where the 8-digit date of birth sits.

A payload that breaks a rule raises ``PayloadError`` and fills nothing; one
that only disagrees with the hints in the number (sex and birth year, see
``number_hints``) is accepted with warnings, because the number's structure is
a convention, never a reason to refuse a card. Messages do not repeat the
number or the name: they may end up in a log.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from app.dossier.request import (
    NAME_MAX,
    TEXT_MAX,
    Applicant,
    IdentityDocument,
    IdentityType,
    Name,
    TextRefused,
    checked_text,
)
from app.dossier.sex import Sex
from app.i18n import Language, Message, Refusal, current_language

SEPARATOR = "|"
# ASCII digits only: "\d" and str.isdigit would also take Arabic-Indic or full-width ones.
DIGITS = "0123456789"
_DATE = re.compile(r"[0-9]{8}")
_SEXES = {"nam": Sex.MALE, "nữ": Sex.FEMALE}
SEX_WORDS = {
    Sex.MALE: Message("Nam", "male"),
    Sex.FEMALE: Message("Nữ", "female"),
}

EMPTY = Message("Mã QR trống.", "The QR code is empty.")
WRONG_FIELD_COUNT = Message(
    "Không phải mã QR của thẻ căn cước: có {count} trường thay vì 7 (hoặc 6).",
    "Not a citizen-ID QR code: it has 7 fields separated by '|' (or 6 without the old ID"
    " number); this one has {count}.",
)
BIRTH_DATE_MISPLACED = Message(
    "Không phải mã QR của thẻ căn cước: trường {position} phải là ngày sinh (8 chữ số ddmmyyyy).",
    "Not a citizen-ID QR code: field {position} must be the date of birth as 8 digits ddmmyyyy.",
)
ISSUED_BEFORE_BIRTH = Message(
    "Ngày cấp trước ngày sinh: mã QR không hợp lệ.",
    "The card cannot be issued before its holder was born: the QR code is invalid.",
)
BAD_ID_NUMBER = Message(
    "Số định danh phải có đúng 12 chữ số (trường này có {length} ký tự, {digits} chữ số).",
    "A citizen ID number is 12 digits (this field has {length} characters, {digits} digits).",
)
BAD_OLD_ID_NUMBER = Message(
    "Số CMND cũ phải có 9 hoặc 12 chữ số, hoặc để trống.",
    "An old ID number (CMND) is 9 or 12 digits, or empty.",
)
BAD_NAME = Message(
    "Họ tên trong mã QR chỉ được có chữ cái, dấu cách và các dấu ' - . (không có chữ số),"
    " tối đa {limit} ký tự.",
    "The full name in the QR code must be letters, spaces and the marks ' - . only"
    " (no digits), at most {limit} characters.",
)
BAD_ADDRESS = Message(
    "Địa chỉ trong mã QR có ký tự không in được hoặc dài quá {limit} ký tự: mã QR không hợp lệ.",
    "The address in the QR code has characters that cannot be printed or is longer than"
    " {limit} characters: the QR code is invalid.",
)
ADDRESS = Message("Nơi thường trú", "Permanent residence")
DATE_NOT_DIGITS = Message(
    "{label} phải có dạng ngày tháng năm (8 chữ số ddmmyyyy).",
    "{label} must be a date of 8 digits ddmmyyyy.",
)
DATE_NOT_REAL = Message(
    "{label}: {text} không phải ngày có thật.", "{label}: {text} is not a real date."
)
DATE_OUT_OF_RANGE = Message(
    "{label} phải nằm trong khoảng từ năm 1900 đến hôm nay.",
    "{label} must be between 1900 and today.",
)
BAD_SEX = Message(
    "Giới tính phải là {male} hoặc {female}.", "The sex must read {male} or {female}."
)
SEX_DIFFERS = Message(
    "Giới tính ghi {card} nhưng số định danh ứng với {number}.",
    "The sex reads {card} but the number indicates {number}.",
)
BIRTH_YEAR_DIFFERS = Message(
    "Năm sinh {card} khác năm sinh trong số định danh ({number}).",
    "The birth year {card} differs from the year in the number ({number}).",
)
FIELD_LABELS = {
    "date_of_birth": Message("Ngày sinh", "The date of birth"),
    "issue_date": Message("Ngày cấp", "The issue date"),
}


class PayloadError(Refusal, ValueError):
    """The payload is not a citizen-ID QR text; ``field`` and the message say why."""

    def __init__(self, field: str, message: Message, /, **values: object) -> None:
        super().__init__(message, **values)
        self.field = field

    @property
    def rule(self) -> str:
        return self.text("en")

    @property
    def message_vi(self) -> str:
        return self.text("vi")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IdCardWarning(_Frozen):
    code: str
    field: str
    message_vi: str
    message_en: str

    def text(self, language: Language | None = None) -> str:
        """The warning in ``language`` or the one chosen for the process."""
        return self.message_en if (language or current_language()) == "en" else self.message_vi


def _warning(code: str, field: str, message: Message, **values: object) -> IdCardWarning:
    return IdCardWarning(
        code=code,
        field=field,
        message_vi=message.text("vi", **values),
        message_en=message.text("en", **values),
    )


class CitizenIdCard(_Frozen):
    id_number: str
    old_id_number: str | None
    full_name: str
    date_of_birth: dt.date
    sex: Sex
    residence_address: str
    issue_date: dt.date


class IdCardReading(_Frozen):
    card: CitizenIdCard
    field_count: int
    warnings: list[IdCardWarning]


@dataclass(frozen=True)
class NumberHints:
    """What a 12-digit number says about its holder (Circular 59/2021/TT-BCA, art. 7)."""

    province_code: str
    sex: Sex
    birth_year: int


def number_hints(number: str) -> NumberHints:
    """Digit 4 gives the century and sex (0/1: 1900s male/female, 2/3: 2000s, … every
    hundred years), digits 5–6 the last two digits of the birth year."""
    century_sex = int(number[3])
    century = 1900 + 100 * (century_sex // 2)
    return NumberHints(
        province_code=number[:3],
        sex=Sex.MALE if century_sex % 2 == 0 else Sex.FEMALE,
        birth_year=century + int(number[4:6]),
    )


def parse_payload(payload: str, today: dt.date) -> IdCardReading:
    """The card in a QR text (scanned by the camera or typed by a handheld scanner)."""
    text = unicodedata.normalize("NFC", payload).strip().lstrip("\ufeff")
    if not text:
        raise PayloadError("payload", EMPTY)
    fields = [field.strip() for field in text.split(SEPARATOR)]
    # A reader that ends the text with the separator adds an empty last field.
    while len(fields) > 7 and not fields[-1]:
        fields.pop()
    if len(fields) == 7:
        number, old_number, name, born, sex, address, issued = fields
    elif len(fields) == 6:
        number, name, born, sex, address, issued = fields
        old_number = ""
    else:
        raise PayloadError("payload", WRONG_FIELD_COUNT, count=len(fields))
    if not _DATE.fullmatch(born):
        raise PayloadError("date_of_birth", BIRTH_DATE_MISPLACED, position=len(fields) - 3)
    card = CitizenIdCard(
        id_number=_id_number(number),
        old_id_number=_old_id_number(old_number),
        full_name=_name(name),
        date_of_birth=_date(born, "date_of_birth", today),
        sex=_sex(sex),
        residence_address=_address(address),
        issue_date=_date(issued, "issue_date", today),
    )
    if card.issue_date < card.date_of_birth:
        raise PayloadError("issue_date", ISSUED_BEFORE_BIRTH)
    return IdCardReading(card=card, field_count=len(fields), warnings=_warnings(card))


def _id_number(value: str) -> str:
    if not re.fullmatch(r"[0-9]{12}", value):
        digits = sum(c in DIGITS for c in value)
        raise PayloadError("id_number", BAD_ID_NUMBER, length=len(value), digits=digits)
    return value


def _old_id_number(value: str) -> str | None:
    if not value:
        return None
    if not re.fullmatch(r"[0-9]{9}|[0-9]{12}", value):
        raise PayloadError("old_id_number", BAD_OLD_ID_NUMBER)
    return value


_NAME = TypeAdapter(Name)


def _name(value: str) -> str:
    """The name by the request's own rule for names: what the form will accept."""
    try:
        return _NAME.validate_python(value)
    except ValidationError as error:
        raise PayloadError("full_name", BAD_NAME, limit=NAME_MAX) from error


def _address(value: str) -> str:
    """The address by the rule of the request's text: one line, printable, bounded."""
    try:
        return checked_text(" ".join(value.split()), ADDRESS)
    except TextRefused as error:
        raise PayloadError("residence_address", BAD_ADDRESS, limit=TEXT_MAX) from error


def _date(value: str, field: str, today: dt.date) -> dt.date:
    label = FIELD_LABELS[field]
    if not _DATE.fullmatch(value):
        raise PayloadError(field, DATE_NOT_DIGITS, label=label)
    try:
        day = dt.date(int(value[4:]), int(value[2:4]), int(value[:2]))
    except ValueError as error:
        text = f"{value[:2]}/{value[2:4]}/{value[4:]}"
        raise PayloadError(field, DATE_NOT_REAL, label=label, text=text) from error
    if day > today or day.year < 1900:
        raise PayloadError(field, DATE_OUT_OF_RANGE, label=label)
    return day


def _sex(value: str) -> Sex:
    sex = _SEXES.get(value.casefold())
    if sex is None:
        raise PayloadError("sex", BAD_SEX, male='"Nam"', female='"Nữ"')
    return sex


def _warnings(card: CitizenIdCard) -> list[IdCardWarning]:
    hints = number_hints(card.id_number)
    warnings = []
    if hints.sex is not card.sex:
        card_sex, number_sex = SEX_WORDS[card.sex], SEX_WORDS[hints.sex]
        warnings.append(
            _warning(
                "sex-differs-from-number", "sex", SEX_DIFFERS, card=card_sex, number=number_sex
            )
        )
    if hints.birth_year != card.date_of_birth.year:
        warnings.append(
            _warning(
                "birth-year-differs-from-number",
                "date_of_birth",
                BIRTH_YEAR_DIFFERS,
                card=card.date_of_birth.year,
                number=hints.birth_year,
            )
        )
    return warnings


def applicant_from_card(card: CitizenIdCard, base: Applicant | None = None) -> Applicant:
    """The applicant with the card's fields filled in; the rest (phone, email, …) kept from
    ``base``. The issuing authority is not in the QR: kept only for the same card."""
    kept = base.model_dump() if base is not None else {}
    same_card = base is not None and base.identity_document.number == card.id_number
    issued_by = base.identity_document.issued_by if same_card and base is not None else None
    return Applicant.model_validate(
        {
            **kept,
            "full_name": card.full_name,
            "date_of_birth": card.date_of_birth,
            "sex": card.sex,
            "nationality": "VN",
            "residence_address": card.residence_address,
            "identity_document": IdentityDocument(
                type=IdentityType.CITIZEN_ID,
                number=card.id_number,
                issue_date=card.issue_date,
                issued_by=issued_by,
            ),
        }
    )


def applicant_fields(card: CitizenIdCard) -> dict[str, object]:
    """The card's values under the request's field paths (``applicant.full_name``, …):
    what the receiving form fills in."""
    return {
        "applicant.full_name": card.full_name,
        "applicant.date_of_birth": card.date_of_birth,
        "applicant.sex": card.sex.value,
        "applicant.nationality": "VN",
        "applicant.identity_document.type": IdentityType.CITIZEN_ID.value,
        "applicant.identity_document.number": card.id_number,
        "applicant.identity_document.issue_date": card.issue_date,
        "applicant.residence_address": card.residence_address,
    }
