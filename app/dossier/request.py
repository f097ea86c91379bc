"""What the officer records about an applicant: the input of the completeness check.

The same model reads ``motcua check REQUEST.json`` and is filled by the
counter window, so a bad value gets the same message in both places. The JSON
form is documented in ``docs/request-format.md``; ``schema_version`` lets later
versions stay backward compatible.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    model_validator,
)

from app.catalogue.model import SLUG_PATTERN, ChannelId
from app.countries import is_country_code
from app.dates import FIRST_DAY, LAST_DAY, DateKind, parse_date
from app.dossier.problems import problems_from_validation, request_rule
from app.dossier.sex import Sex
from app.i18n import Message, Refusal

REQUEST_SCHEMA_VERSION: Literal[1] = 1


# The bounds of each kind of field, declared once: the command line's ``check`` and the
# window refuse the same values, with the words of ``app.dossier.problems``.
NAME_MAX = 100
TEXT_MAX = 300  # an address, an authority, a note
NUMBER_MAX = 40  # a licence or certificate number
EMAIL_MAX = 254
PHONE_MAX = 30
ID_NUMBER_MAX = 20
KEY_MAX = 60  # a procedure's or a paper's id
# Marks a name may carry besides letters and spaces: Nguyễn Thị Ngọc-Ánh, O'Brien, Jr.
NAME_MARKS = frozenset(" '’-.")

# A request read back from the store is read as it was stored (``stored_request``): the
# rules below are for input, and a dossier stored under older rules must still print.
_STORED = {"stored": True}


def _reading_stored(info: ValidationInfo) -> bool:
    return isinstance(info.context, dict) and info.context.get("stored") is True


def _kept_as_stored(
    value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> object:
    """A text that breaks a rule is refused at input, and kept as it is in a stored request
    (the papers clean and bound what they print, ``printing.printable``)."""
    try:
        return handler(value)
    except ValidationError:
        if _reading_stored(info) and isinstance(value, str):
            return value
        raise


def _day_as_stored(
    value: object, handler: ValidatorFunctionWrapHandler, info: ValidationInfo
) -> object:
    """A date out of today's bounds, kept as it is in a stored request (stored as ISO text)."""
    try:
        return handler(value)
    except ValidationError:
        if _reading_stored(info):
            if isinstance(value, dt.date):
                return value
            if isinstance(value, str):
                with contextlib.suppress(ValueError):
                    return dt.date.fromisoformat(value)
        raise


AS_STORED = WrapValidator(_kept_as_stored)


def _nfc(text: str) -> str:
    """Vietnamese typed on different keyboards arrives composed or decomposed."""
    return unicodedata.normalize("NFC", text).strip()


def _plain_text(text: str) -> str:
    text = _nfc(text)
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cs") for c in text):
        raise request_rule("control_characters")
    return text


def _name(text: str) -> str:
    name = " ".join(_nfc(text).split())
    allowed = all(c in NAME_MARKS or unicodedata.category(c)[0] in "LM" for c in name)
    if not allowed or not any(c.isalpha() for c in name):
        raise request_rule("name_characters")
    return name


def _item_key(text: str) -> str:
    """A paper's id as the catalogue writes it: the key of ``presented``."""
    if not re.fullmatch(SLUG_PATTERN, text):
        raise request_rule("item_key")
    return text


def _code_number(text: str) -> str:
    """A licence or certificate number: Latin letters, digits and the separators printed."""
    text = _nfc(text).upper()
    if text and not re.fullmatch(r"[A-Z0-9]+([ ./-][A-Z0-9]+)*", text):
        raise request_rule("code_number")
    return text


def _phone(text: str) -> str:
    text = " ".join(text.split())
    digits = sum(c in "0123456789" for c in text)
    if text and (not re.fullmatch(r"\+?[0-9][0-9 ]*", text) or not 8 <= digits <= 15):
        raise request_rule("phone")
    return text


def _country(code: str) -> str:
    if not is_country_code(code):
        raise request_rule("country")
    return code


def _day_reader(kind: DateKind) -> BeforeValidator:
    def read(value: object) -> object:
        if isinstance(value, str):
            day = parse_date(value, kind)
            if day is None:
                raise request_rule("not_a_date")
            return day
        return value

    return BeforeValidator(read)


def _exactly_a_version(value: object) -> object:
    """``schema_version`` is the number 1: pydantic's ``Literal[1]`` would also take
    ``true`` and ``1.0``, which no program writing this format writes."""
    if type(value) is not int:
        raise request_rule("schema_version")
    return value


def _day_in_range(day: dt.date) -> dt.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise request_rule("day_out_of_range")
    return day


# Every text type ends with AS_STORED: refused at input, kept as stored when read back.
Text = Annotated[str, Field(max_length=TEXT_MAX), AfterValidator(_plain_text), AS_STORED]
NonEmptyText = Annotated[
    str, Field(min_length=1, max_length=TEXT_MAX), AfterValidator(_plain_text), AS_STORED
]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX), AfterValidator(_name), AS_STORED]
CodeNumber = Annotated[str, Field(max_length=NUMBER_MAX), AfterValidator(_code_number), AS_STORED]
IdNumber = Annotated[str, Field(max_length=ID_NUMBER_MAX), AS_STORED]
Phone = Annotated[
    str,
    Field(max_length=PHONE_MAX, pattern=r"^(\+?[0-9 ]*)$"),
    AfterValidator(_phone),
    AS_STORED,
]
Email = Annotated[
    str,
    Field(max_length=EMAIL_MAX, pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$"),
    AfterValidator(_plain_text),
    AS_STORED,
]
CountryCode = Annotated[str, Field(pattern=r"^[A-Z]{2}$"), AfterValidator(_country), AS_STORED]
ProcedureId = Annotated[
    str, Field(min_length=1, max_length=KEY_MAX), AfterValidator(_plain_text), AS_STORED
]
SubcaseId = Annotated[str, Field(max_length=20), AfterValidator(_plain_text), AS_STORED]
ItemKey = Annotated[str, Field(max_length=KEY_MAX), AfterValidator(_item_key), AS_STORED]
# Birth, issue and decision dates (a two-digit year is in the past); expiry and receipt.
PastDay = Annotated[
    dt.date,
    _day_reader(DateKind.PAST),
    AfterValidator(_day_in_range),
    WrapValidator(_day_as_stored),
]
NearDay = Annotated[
    dt.date,
    _day_reader(DateKind.NEAR),
    AfterValidator(_day_in_range),
    WrapValidator(_day_as_stored),
]


def _licence_class(value: str) -> str:
    value = value.strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]{0,3}", value):
        raise request_rule("licence_class")
    return value


LicenceClass = Annotated[str, AfterValidator(_licence_class), AS_STORED]


class IdentityType(StrEnum):
    CITIZEN_ID = "cccd"  # thẻ căn cước / căn cước công dân, 12 digits
    OLD_ID = "cmnd"  # giấy chứng minh nhân dân, 9 or 12 digits
    PASSPORT = "passport"  # hộ chiếu


class Qualification(StrEnum):
    """Highest training level, for the instructor certificate."""

    PRIMARY_VOCATIONAL = "so-cap"
    INTERMEDIATE = "trung-cap"
    COLLEGE = "cao-dang"
    UNIVERSITY = "dai-hoc"
    POSTGRADUATE = "sau-dai-hoc"
    VOCATIONAL_SKILL_CERTIFICATE = "chung-chi-ky-nang-nghe"
    NONE = "khac"


class LicenceIssuer(StrEnum):
    TRANSPORT = "gtvt"  # ngành Giao thông vận tải
    # The People's Police's own licences (exchanged by doi-cong-an), not the national licence.
    POLICE = "cong-an"  # ngành Công an
    MILITARY = "quan-su"  # Bộ Quốc phòng
    FOREIGN = "nuoc-ngoai"  # nước ngoài
    # The national licence, issued by the Ministry of Public Security since 1/3/2025
    # (Circular 12/2025/TT-BCA): a Vietnamese national licence, as the transport sector's was.
    NATIONAL_POLICE = "bo-cong-an"  # Bộ Công an, GPLX quốc gia


# The first day the Ministry of Public Security issued national licences (Circular
# 12/2025/TT-BCA): a national licence it issued carries this day or a later one.
NATIONAL_POLICE_FROM = dt.date(2025, 3, 1)


class LicenceMaterial(StrEnum):
    PET = "pet"
    PAPER = "paper"


class ServiceEndKind(StrEnum):
    """Why the applicant left the service that issued the licence."""

    POLICE = "cong-an"  # ra khỏi ngành, nghỉ hưu, xuất ngũ, chuyển ngành
    POLICE_CONTRACT = "hop-dong-cong-an"  # hợp đồng lao động 12 tháng trở lên trong CAND
    COMMUNE_POLICE = "cong-an-xa"
    POLICE_CIVIL_STUDENT = "hoc-vien-dan-su"  # học viên hệ dân sự các trường CAND
    MILITARY = "quan-doi"  # phục viên, xuất ngũ, chuyển ngành, nghỉ hưu
    DEFENCE_ENTERPRISE_CONTRACT = "doanh-nghiep-quoc-phong"


class PresentedForm(StrEnum):
    """What the applicant actually handed over for one dossier item."""

    NOTHING = "none"
    ORIGINAL = "original"
    COPY_WITH_ORIGINAL = "copy-with-original"
    CERTIFIED_COPY = "certified-copy"
    ELECTRONIC_CERTIFIED_COPY = "electronic-certified-copy"
    PHOTOCOPY = "photocopy"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IdentityDocument(_Strict):
    type: IdentityType
    number: IdNumber
    issue_date: PastDay | None = None
    issued_by: Text | None = None

    @model_validator(mode="after")
    def _number_matches_type(self, info: ValidationInfo) -> IdentityDocument:
        if _reading_stored(info):
            return self
        # ASCII digits only: "\d" would let other scripts' digits through.
        rules = {
            IdentityType.CITIZEN_ID: (r"[0-9]{12}", "citizen_id_number"),
            IdentityType.OLD_ID: (r"[0-9]{9}|[0-9]{12}", "old_id_number"),
            IdentityType.PASSPORT: (r"[A-Z0-9]{6,9}", "passport_number"),
        }
        pattern, rule = rules[self.type]
        if not re.fullmatch(pattern, self.number):
            raise request_rule(rule, "number")
        return self


class Applicant(_Strict):
    full_name: Name
    date_of_birth: PastDay
    sex: Sex | None = None
    nationality: CountryCode = Field(default="VN", description="ISO 3166 alpha-2")
    identity_document: IdentityDocument
    residence_address: Text = ""
    phone: Phone = ""
    email: Email = ""
    # Foreigners and Vietnamese who lived abroad (doi-nuoc-ngoai, idp-*).
    permanent_residence_card: bool | None = None
    residence_permit_months: int | None = Field(default=None, ge=0, le=1200)
    months_abroad: int | None = Field(default=None, ge=0, le=1200)
    stay_abroad_covers_training: bool | None = None
    # Instructor certificate (gv-*).
    qualification: Qualification | None = None


class HeldLicence(_Strict):
    number: CodeNumber = ""
    classes: list[LicenceClass] = Field(min_length=1, max_length=20)
    issue_date: PastDay | None = None
    expiry_date: NearDay | None = Field(default=None, description="None: no time limit")
    issuing_authority: Text = ""
    issuer: LicenceIssuer
    # The issuing country of a foreign licence (ISO 3166-1 alpha-2).
    country: CountryCode | None = None
    # Absent: not recorded (asked only where a rule reads it: a paper licence's exchange).
    material: LicenceMaterial | None = None
    name_on_licence: Name | None = None
    birth_year_on_licence: int | None = Field(default=None, ge=1900, le=2100)
    # "B1 số tự động": the licence's class B1 allows automatic cars only (Circular 12/2017 art. 16).
    # On exchange from 1/1/2025 it becomes class B restricted to automatic cars (Law 36/2024
    # art. 89(3)), not B or C1 as a manual B1 does.
    automatic_only: bool = Field(
        default=False, description="Its class B1 is 'B1 số tự động': automatic cars only"
    )
    damaged: bool = False  # bị hỏng, rách nát
    tampered: bool = False  # bị tẩy xóa, không còn đủ thông tin cần thiết
    identity_differs: bool = False  # có sự khác biệt về nhận dạng
    verified_in_register: bool | None = Field(
        default=None, description="Found in the issuing authority's records (sổ lưu, hệ thống)"
    )

    @model_validator(mode="after")
    def _dates_in_order(self, info: ValidationInfo) -> HeldLicence:
        if _reading_stored(info):
            return self
        if self.issue_date and self.expiry_date and self.expiry_date < self.issue_date:
            raise request_rule("expiry_before_issue", "expiry_date")
        return self

    @model_validator(mode="after")
    def _national_police_since_2025(self, info: ValidationInfo) -> HeldLicence:
        if _reading_stored(info):
            return self
        issued = self.issue_date
        if (
            self.issuer is LicenceIssuer.NATIONAL_POLICE
            and issued
            and issued < NATIONAL_POLICE_FROM
        ):
            raise request_rule("national_police_before_2025", "issue_date")
        return self

    @model_validator(mode="after")
    def _country_of_a_foreign_licence(self, info: ValidationInfo) -> HeldLicence:
        if _reading_stored(info):
            return self
        if self.country is not None and self.issuer is not LicenceIssuer.FOREIGN:
            raise request_rule("country_not_foreign", "country")
        return self


class ServiceEnd(_Strict):
    kind: ServiceEndKind
    decision_date: PastDay


class InstructorCertificate(_Strict):
    number: Annotated[CodeNumber, Field(min_length=1)]
    issue_date: PastDay | None = None


class PresentedItem(_Strict):
    form: PresentedForm
    count: int = Field(default=1, ge=0, le=99)
    note: Text = ""


class DossierRequest(_Strict):
    schema_version: Annotated[Literal[1], BeforeValidator(_exactly_a_version)] = (
        REQUEST_SCHEMA_VERSION
    )
    procedure: ProcedureId
    subcase: SubcaseId | None = None
    channel: ChannelId = ChannelId.DIRECT
    received_on: NearDay | None = Field(
        default=None, description="Day the dossier is received; today when absent"
    )
    applicant: Applicant
    # Absent: not filled in yet (a rule on licences asks for them); [] says "none".
    licences: list[HeldLicence] = Field(default=[], max_length=10)
    requested_classes: list[LicenceClass] = Field(default=[], max_length=20)
    separate_time_limited: bool = False
    service_end: ServiceEnd | None = None
    # Absent: not filled in yet; null says the applicant was never issued one.
    instructor_certificate: InstructorCertificate | None = None
    presented: dict[ItemKey, PresentedItem] = Field(default={}, max_length=50)
    # Held class -> the class the applicant chose where the law offers two on exchange
    # (Law 36/2024 art. 89(3): B1, B2 -> B or C1; FB2 -> BE or C1E). Absent: no choice made.
    class_choices: dict[LicenceClass, LicenceClass] = Field(
        default={},
        max_length=20,
        description="Held class -> the class chosen on exchange where the law offers two",
    )

    @model_validator(mode="after")
    def _born_before_receipt(self, info: ValidationInfo) -> DossierRequest:
        if _reading_stored(info):
            return self
        if self.applicant.date_of_birth > self._receipt_day():
            raise request_rule("born_after_receipt", "applicant.date_of_birth")
        return self

    @model_validator(mode="after")
    def _issued_by_receipt(self, info: ValidationInfo) -> DossierRequest:
        """A paper handed in was issued (a decision signed) on the day of receipt or before."""
        if _reading_stored(info):
            return self
        for field, day in self._issue_days():
            if day is not None and day > self._receipt_day():
                raise request_rule("after_receipt", field)
        return self

    def _receipt_day(self) -> dt.date:
        return self.received_on or dt.date.today()

    def _issue_days(self) -> list[tuple[str, dt.date | None]]:
        """Every issue or decision date of the request, under its field path."""
        days = [
            ("applicant.identity_document.issue_date", self.applicant.identity_document.issue_date)
        ]
        days += [
            (f"licences[{index}].issue_date", licence.issue_date)
            for index, licence in enumerate(self.licences)
        ]
        if self.instructor_certificate is not None:
            days.append(
                ("instructor_certificate.issue_date", self.instructor_certificate.issue_date)
            )
        if self.service_end is not None:
            days.append(("service_end.decision_date", self.service_end.decision_date))
        return days


def stored_request(request_json: str) -> DossierRequest:
    """A request read back from the store, as it was stored: today's input rules are not
    applied again, so that a dossier stored under older rules still prints."""
    # Read by Python's JSON reader, which keeps what pydantic's refuses (a lone surrogate
    # escape): the papers leave it out.
    return DossierRequest.model_validate(json.loads(request_json), context=_STORED)


# ------------------------------------------------------------------ text outside a request

LABELLED_RULE = Message("{label}: {rule}", "{label}: {rule}")


class TextRefused(Refusal, ValueError):
    """Free text kept beside a request (a postal address, a reason) broke a rule of ``Text``;
    the message is ``label: rule``, in both languages."""


_TEXT = TypeAdapter(Text)


def checked_text(value: str, label: Message) -> str:
    """``value`` as a ``Text`` field of the request keeps it (NFC, trimmed), or
    ``TextRefused`` naming ``label`` and the rule it breaks: one line of printable
    characters, at most ``TEXT_MAX``. What the command line and the window check a
    postal address for the result or a reason with."""
    try:
        return _TEXT.validate_python(value)
    except ValidationError as error:
        (problem,) = problems_from_validation(error)[:1]
        rule = Message(problem.text("vi"), problem.text("en"))
        raise TextRefused(LABELLED_RULE, label=label, rule=rule) from None
