"""Typed model of a procedure catalogue version.

One catalogue version is a folder of TOML files: ``catalogue.toml`` (what the
version is, when it takes effect, the source it transcribes) and one file per
procedure named after its id. The field names below are the keys of those
files; ``docs/catalogue.md`` explains them for the reviewer who checks a file
against the decision.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from app.catalogue.rules import Predicate

Slug = str
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class RequiredForm(StrEnum):
    """The form in which the decision asks for a document."""

    ORIGINAL = "original"  # Bản chính
    COPY_WITH_ORIGINAL = "copy-with-original"  # Bản sao kèm bản chính để đối chiếu
    CERTIFIED_COPY = "certified-copy"  # Bản sao có chứng thực
    COPY = "copy"  # Bản sao


class ChannelId(StrEnum):
    DIRECT = "direct"  # nộp trực tiếp tại Bộ phận một cửa
    ONLINE = "online"  # đăng ký trực tuyến, đến chụp ảnh theo lịch hẹn
    POST = "post"  # nộp qua dịch vụ bưu chính công ích


class PhotoBackground(StrEnum):
    BLUE = "blue"
    WHITE = "white"


class CardKind(StrEnum):
    """The card a procedure's result is printed on, by the card-printing system."""

    PET = "pet"  # giấy phép lái xe bằng vật liệu PET: the national licence card


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DossierItem(_Strict):
    """One row of section I "Thành phần hồ sơ"."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    number: str = Field(pattern=r"^\d{2}$", description="STT as printed, e.g. 01")
    name: str = Field(min_length=1, description="Tên hồ sơ, exactly as in the decision")
    quantity: int = Field(ge=1)
    forms: list[RequiredForm] = Field(
        min_length=1, description="Accepted forms; several mean 'hoặc' (either)"
    )
    form_text: str = Field(min_length=1, description="Ghi chú column, exactly as in the decision")
    presence: Literal["required", "conditional", "optional"] = "required"
    required_when: Predicate | None = None
    condition_text: str | None = Field(
        default=None, description="The decision's words that make the item conditional"
    )

    @model_validator(mode="after")
    def _condition_matches_presence(self) -> DossierItem:
        if (self.presence == "conditional") != (self.required_when is not None):
            raise ValueError("required_when is given exactly when presence is 'conditional'")
        if self.presence != "required" and not self.condition_text:
            raise ValueError("a conditional or optional item needs condition_text")
        return self


class SubCase(_Strict):
    """A lettered case of section I (A., B., C.) with its own list of items."""

    id: str = Field(pattern=r"^[A-Z]$")
    name: str = Field(min_length=1)
    items: list[DossierItem] = Field(min_length=1)


class Condition(_Strict):
    """An eligibility condition; failing it refuses the dossier (BM 03)."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    source: str = Field(min_length=1, description="The sentence of the decision it comes from")
    applies_when: Predicate | None = None
    require: Predicate
    refusal_reason: str = Field(min_length=1, description="Reason as printed on BM 03")


class WorkflowStep(_Strict):
    """One row of section III "Trình tự xử lý công việc"."""

    id: str = Field(pattern=r"^(B\d+)?$", description="B1..Bn; empty for the unnumbered row")
    name: str = Field(min_length=1)
    responsible: str
    time: str = Field(description="Thời gian, as in the decision (e.g. '0,25 ngày làm việc')")
    documents: str = ""
    description: str = ""


class Channel(_Strict):
    """How a dossier arrives, and what follows from it (section II and III)."""

    id: ChannelId
    name: str = Field(min_length=1)
    receiving_unit: str = Field(min_length=1)
    receiving_points: list[str] = Field(min_length=1)
    processing_text: str = Field(min_length=1)
    working_days: int = Field(ge=0)
    same_day_return_at: dt.time | None = Field(
        default=None, description="Online exchange: result at this hour ('16 giờ cùng ngày')"
    )
    fee_vnd: int = Field(ge=0)
    fee_text: str = Field(min_length=1)
    steps: list[WorkflowStep] = Field(min_length=1)


class FormRef(_Strict):
    code: str = Field(pattern=r"^(BM \d{2})?$")
    name: str = Field(min_length=1)


class Photo(_Strict):
    at_counter: bool
    background: PhotoBackground
    note: str = ""


class Procedure(_Strict):
    id: str
    name: str = Field(min_length=1)
    legal_name: str = Field(min_length=1, description="Heading of the procedure, as printed")
    field: str = Field(
        min_length=1,
        description="Lĩnh vực: the heading the decision lists the procedure under, as printed; "
        "the official report (Biểu 06) groups its rows by it",
    )
    items: list[DossierItem] | None = None
    subcases: list[SubCase] | None = None
    usual_subcase: str | None = Field(
        default=None,
        description="The case most dossiers are, chosen first at the counter (practice, not law)",
    )
    items_note: str = ""
    conditions: list[Condition] = []
    conditions_text: str = Field(
        default="", description="The decision's 'Điều kiện thực hiện' cell, verbatim"
    )
    channels: list[Channel] = Field(min_length=1)
    return_methods: str = ""
    photo: Photo | None = None
    card: CardKind | None = Field(
        default=None,
        description="The card its result is printed on (its data goes to the card-printing "
        "system); absent: the result is no card (an IDP booklet, a certificate)",
    )
    forms: list[FormRef] = Field(min_length=1)
    records_kept: list[FormRef] = []
    legal_basis: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _items_or_subcases(self) -> Procedure:
        if (self.items is None) == (self.subcases is None):
            raise ValueError("a procedure has either items or subcases, not both and not neither")
        if self.usual_subcase is not None and self.usual_subcase not in self.subcase_ids():
            raise ValueError(f"usual_subcase {self.usual_subcase!r} is not one of its subcases")
        return self

    def subcase_ids(self) -> list[str]:
        return [case.id for case in self.subcases or []]

    def first_subcase(self) -> str | None:
        """The case the counter shows first: the usual one, else the decision's first."""
        return self.usual_subcase or next(iter(self.subcase_ids()), None)

    def items_for(self, subcase: str | None) -> list[DossierItem]:
        if self.subcases is None:
            return list(self.items or [])
        for case in self.subcases:
            if case.id == subcase:
                return list(case.items)
        raise KeyError(subcase)

    def all_items(self) -> list[DossierItem]:
        if self.subcases is None:
            return list(self.items or [])
        return [item for case in self.subcases for item in case.items]

    def channel(self, channel_id: ChannelId) -> Channel:
        for channel in self.channels:
            if channel.id == channel_id:
                return channel
        raise KeyError(channel_id)


class LawChange(_Strict):
    """A change of the law after which this version may no longer apply to a day of receipt,
    as the department records it (``[[changes]]`` in ``catalogue.toml``)."""

    on: dt.date = Field(description="The first day the change applies")
    what: str = Field(min_length=1, description="What changed, in Vietnamese")
    what_en: str = Field(min_length=1, description="The same in English")
    source: str = Field(min_length=1, description="The legal text that made the change")


class CatalogueManifest(_Strict):
    """``catalogue.toml``: what this version is and where it comes from."""

    id: Slug = Field(pattern=SLUG_PATTERN)
    title: str = Field(min_length=1)
    source: str = Field(min_length=1, description="Reference of the legal text transcribed")
    name: str | None = Field(
        default=None,
        min_length=1,
        description="How a sentence names the version, short (a banner, a warning); absent: "
        "the source",
    )
    issued_on: dt.date
    valid_from: dt.date = Field(description="The first day of receipt this version applies to")
    valid_until: dt.date | None = Field(
        default=None, description="The last day it applies to; absent: no end is known"
    )
    replaced_by: str | None = Field(
        default=None, description="What replaced it (a legal text, or a catalogue version id)"
    )
    changes: list[LawChange] = Field(
        default=[],
        description="Changes of the law after which it may no longer apply, oldest first",
    )
    procedures: list[str] = Field(min_length=1, description="Procedure ids, one file each")
    # The one list of classes: the class system's data (app/licence_classes), not a copy here.
    class_system: str = Field(
        pattern=SLUG_PATTERN,
        description="The licence classes its rules are written in: a class system's id"
        " (app/licence_classes/data, e.g. law-23-2008)",
    )

    @field_validator("class_system")
    @classmethod
    def _known_class_system(cls, value: str) -> str:
        # Imported here: app.licence_classes reads its files with the catalogue's loader,
        # which imports this module.
        from app.licence_classes.loader import shipped_class_data

        known = [system.id for system in shipped_class_data().systems]
        if value not in known:
            raise ValueError(f"no class system '{value}'; the class systems: {', '.join(known)}")
        return value

    # The period is what tells the officer a version may no longer apply (app.catalogue.currency):
    # an end before the start or a change out of order would say it on the wrong days.
    @field_validator("valid_until")
    @classmethod
    def _ends_after_it_starts(cls, value: dt.date | None, info: ValidationInfo) -> dt.date | None:
        start = info.data.get("valid_from")
        if value is not None and start is not None and value < start:
            raise ValueError(
                f"the last day {value} is before valid_from {start}: a version ends on or after"
                " the day it starts"
            )
        return value

    @field_validator("changes")
    @classmethod
    def _changes_in_order(cls, value: list[LawChange], info: ValidationInfo) -> list[LawChange]:
        start = info.data.get("valid_from")
        for index, change in enumerate(value):
            if start is not None and change.on <= start:
                raise ValueError(
                    f"changes[{index}].on {change.on} is not after valid_from {start}: a change"
                    " recorded with a version comes after the day the version starts"
                )
            if index and change.on < value[index - 1].on:
                raise ValueError(
                    f"changes[{index}].on {change.on} is before changes[{index - 1}].on"
                    f" {value[index - 1].on}: list the changes oldest first"
                )
        return value


class CatalogueOrigin(StrEnum):
    """Where a catalogue version came from: shipped with the program, or published at the centre."""

    SHIPPED = "shipped"
    CENTRE = "centre"


class Catalogue(_Strict):
    manifest: CatalogueManifest
    procedures: dict[str, Procedure]
    # sha256 of the version's files (``app.catalogue.loader.content_hash``): stored with each
    # dossier, so that which text evaluated it is known even if two copies share an id.
    content_hash: str
    origin: CatalogueOrigin = CatalogueOrigin.SHIPPED

    @property
    def version(self) -> str:
        return self.manifest.id

    @property
    def short_hash(self) -> str:
        """The first 12 hex digits of ``content_hash``: enough for a person to compare."""
        return self.content_hash[:12]

    def procedure(self, procedure_id: str) -> Procedure:
        return self.procedures[procedure_id]
