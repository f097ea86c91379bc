"""What the officer records about an applicant: the input of the completeness check.

The same model reads ``motcua check REQUEST.json`` and is filled by the
counter window, so a bad value gets the same message in both places. The JSON
form is documented in ``docs/request-format.md``; ``schema_version`` lets later
versions stay backward compatible.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from app.catalogue.model import ChannelId
from app.dossier.problems import request_rule

REQUEST_SCHEMA_VERSION: Literal[1] = 1


def _nfc(text: str) -> str:
    """Vietnamese typed on different keyboards arrives composed or decomposed."""
    return unicodedata.normalize("NFC", text).strip()


Text = Annotated[str, AfterValidator(_nfc)]
NonEmptyText = Annotated[str, AfterValidator(_nfc), Field(min_length=1, max_length=300)]


def _licence_class(value: str) -> str:
    value = value.strip().upper()
    if not re.fullmatch(r"[A-Z][A-Z0-9]{0,3}", value):
        raise request_rule("licence_class")
    return value


LicenceClass = Annotated[str, AfterValidator(_licence_class)]


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"


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
    POLICE = "cong-an"  # ngành Công an
    MILITARY = "quan-su"  # Bộ Quốc phòng
    FOREIGN = "nuoc-ngoai"  # nước ngoài


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
    number: str
    issue_date: dt.date | None = None
    issued_by: Text | None = None

    @model_validator(mode="after")
    def _number_matches_type(self) -> IdentityDocument:
        rules = {
            IdentityType.CITIZEN_ID: (r"\d{12}", "citizen_id_number"),
            IdentityType.OLD_ID: (r"\d{9}|\d{12}", "old_id_number"),
            IdentityType.PASSPORT: (r"[A-Z0-9]{5,20}", "passport_number"),
        }
        pattern, rule = rules[self.type]
        if not re.fullmatch(pattern, self.number):
            raise request_rule(rule, "number")
        return self


class Applicant(_Strict):
    full_name: NonEmptyText
    date_of_birth: dt.date
    sex: Sex | None = None
    nationality: str = Field(default="VN", pattern=r"^[A-Z]{2}$", description="ISO 3166 alpha-2")
    identity_document: IdentityDocument
    residence_address: Text = ""
    phone: str = Field(default="", pattern=r"^(\+?[0-9 .-]{8,20})?$")
    email: str = Field(default="", pattern=r"^([^@\s]+@[^@\s]+\.[^@\s]+)?$")
    # Foreigners and Vietnamese who lived abroad (doi-nuoc-ngoai, idp-*).
    permanent_residence_card: bool | None = None
    residence_permit_months: int | None = Field(default=None, ge=0, le=1200)
    months_abroad: int | None = Field(default=None, ge=0, le=1200)
    stay_abroad_covers_training: bool | None = None
    # Instructor certificate (gv-*).
    qualification: Qualification | None = None


class HeldLicence(_Strict):
    number: str = Field(default="", max_length=40)
    classes: list[LicenceClass] = Field(min_length=1)
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = Field(default=None, description="None: no time limit")
    issuing_authority: Text = ""
    issuer: LicenceIssuer
    material: LicenceMaterial
    name_on_licence: Text | None = None
    birth_year_on_licence: int | None = Field(default=None, ge=1900, le=2100)
    damaged: bool = False  # bị hỏng, rách nát
    tampered: bool = False  # bị tẩy xóa, không còn đủ thông tin cần thiết
    identity_differs: bool = False  # có sự khác biệt về nhận dạng
    verified_in_register: bool | None = Field(
        default=None, description="Found in the issuing authority's records (sổ lưu, hệ thống)"
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> HeldLicence:
        if self.issue_date and self.expiry_date and self.expiry_date < self.issue_date:
            raise request_rule("expiry_before_issue", "expiry_date")
        return self


class ServiceEnd(_Strict):
    kind: ServiceEndKind
    decision_date: dt.date


class InstructorCertificate(_Strict):
    number: NonEmptyText
    issue_date: dt.date | None = None


class PresentedItem(_Strict):
    form: PresentedForm
    count: int = Field(default=1, ge=0, le=99)
    note: Text = ""


class DossierRequest(_Strict):
    schema_version: Literal[1] = REQUEST_SCHEMA_VERSION
    procedure: str = Field(min_length=1)
    subcase: str | None = None
    channel: ChannelId = ChannelId.DIRECT
    received_on: dt.date | None = Field(
        default=None, description="Day the dossier is received; today when absent"
    )
    applicant: Applicant
    licences: list[HeldLicence] = []
    requested_classes: list[LicenceClass] = []
    separate_time_limited: bool = False
    service_end: ServiceEnd | None = None
    instructor_certificate: InstructorCertificate | None = None
    presented: dict[str, PresentedItem] = {}

    @model_validator(mode="after")
    def _born_before_receipt(self) -> DossierRequest:
        received = self.received_on or dt.date.today()
        if self.applicant.date_of_birth > received:
            raise request_rule("born_after_receipt", "applicant.date_of_birth")
        return self
