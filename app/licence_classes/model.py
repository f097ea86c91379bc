"""Typed model of the licence-class data files.

The classes of a law and the mapping between two laws are data, like the procedure
catalogue: one TOML file per class system (``kind = "class-system"``) and one per
mapping (``kind = "class-mapping"``), in ``app/licence_classes/data/``. The field names
below are the keys of those files; ``docs/licence-classes.md`` explains them for the
reviewer who checks a file against the law.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from app.dossier.sex import Sex
from app.i18n import Message

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
# A class code as printed on the card: a capital letter, then capitals or digits (A1, C1E).
CODE_PATTERN = r"^[A-Z][A-Z0-9]{0,3}$"
# The key of a class within its system: its code, or the code and a variant (B1-automatic).
CLASS_ID_PATTERN = r"^[A-Z][A-Z0-9]{0,3}(-[a-z]+)?$"


class _Strict(BaseModel):
    # Numbers and yes/no fields use strict types: "55" written for 55 is a mistake in the
    # file, not a number.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class PerSex(_Strict):
    """An age that differs for women and men (the law's "đối với nữ … đối với nam")."""

    female: StrictInt = Field(ge=0, le=150)
    male: StrictInt = Field(ge=0, le=150)

    def of(self, sex: Sex) -> int:
        return self.female if sex is Sex.FEMALE else self.male


class Validity(_Strict):
    """A class's validity rule, one of three kinds (the keys each kind takes in brackets):

    - ``unlimited``: "không thời hạn", the class never expires;
    - ``years`` (``years``): "có thời hạn N năm kể từ ngày cấp";
    - ``until-age`` (``until_age``, ``over_age``, ``years``): Law 23/2008 class B1, valid
      until the holder reaches ``until_age``; issued to someone already over ``over_age``,
      valid ``years`` from the day of issue instead.

    One flat table rather than a union of three, so an error names the key as written
    in the file (``validity.years``), not the union member pydantic tried.
    """

    kind: Literal["unlimited", "years", "until-age"]
    years: StrictInt | None = Field(default=None, ge=1, le=100)
    until_age: PerSex | None = None
    over_age: PerSex | None = None

    @model_validator(mode="after")
    def _keys_of_the_kind(self) -> Validity:
        given = {
            key for key in ("years", "until_age", "over_age") if getattr(self, key) is not None
        }
        expected = _VALIDITY_KEYS[self.kind]
        if given != expected:
            needs = ", ".join(sorted(expected)) or "no other key"
            raise ValueError(f"a '{self.kind}' validity takes {needs}")
        over, until = self.over_age, self.until_age
        if over and until and (over.female >= until.female or over.male >= until.male):
            raise ValueError("over_age must be below until_age for each sex")
        return self


_VALIDITY_KEYS: dict[str, set[str]] = {
    "unlimited": set(),
    "years": {"years"},
    "until-age": {"years", "until_age", "over_age"},
}


class Name(_Strict):
    """A law's short name in both languages, said inside sentences ("hạng B theo Luật 36/2024")."""

    vi: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def message(self) -> Message:
        return Message(self.vi, self.en)


class LicenceClass(_Strict):
    """One class of a class system."""

    id: str | None = Field(
        default=None,
        pattern=CLASS_ID_PATTERN,
        description="Only for a variant printed with the same code (B1-automatic)",
    )
    code: str = Field(pattern=CODE_PATTERN, description="As printed on the card")
    label: Name | None = Field(default=None, description="How a variant is named in sentences")
    allows: str = Field(min_length=1, description="What it allows, the law's point verbatim")
    allows_source: str = Field(min_length=1)
    validity: Validity
    validity_source: str = Field(min_length=1)

    @property
    def key(self) -> str:
        """How the class is named in held classes, choices and mappings."""
        return self.id or self.code

    def said(self) -> Message | str:
        """The class inside a sentence: its label when it has one, else its code."""
        return self.label.message() if self.label else self.code


class ClassSystem(_Strict):
    """A file of ``kind = "class-system"``: the classes of one law and its period."""

    kind: Literal["class-system"]
    format: Literal[1]
    id: str = Field(pattern=SLUG_PATTERN)
    name: Name
    title: str = Field(min_length=1)
    source: str = Field(min_length=1)
    valid_from: dt.date
    valid_until: dt.date | None = Field(default=None, description="Last day; None: not known")
    replaced_by: str | None = Field(default=None, pattern=SLUG_PATTERN)
    reads_older_licences: StrictBool = Field(
        default=False,
        description="Licences issued before valid_from print the same codes and are read as these",
    )
    classes: tuple[LicenceClass, ...] = Field(alias="class", min_length=1)

    @model_validator(mode="after")
    def _period_in_order(self) -> ClassSystem:
        if self.valid_until is not None and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        return self

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)

    def find(self, key: str) -> LicenceClass | None:
        """The class named ``key`` (its id, or its code when it has no variant)."""
        return next((entry for entry in self.classes if entry.key == key), None)

    def class_keys(self) -> tuple[str, ...]:
        return tuple(entry.key for entry in self.classes)


class Restriction(_Strict):
    """A restriction the law attaches to a class given on exchange ("điều kiện hạn chế")."""

    id: str = Field(pattern=SLUG_PATTERN)
    text: str = Field(min_length=1, description="The law's words")
    code: str | None = Field(
        default=None, min_length=1, description="The code printed on the card, once known"
    )


class MappingRow(_Strict):
    """One point of the mapping: a class of the old law and what it becomes."""

    from_class: str = Field(alias="from", pattern=CLASS_ID_PATTERN)
    to: tuple[str, ...] = Field(
        description="New classes; two or more: the applicant chooses; none: no licence class"
    )
    restrictions: tuple[str, ...] = ()
    certificates: tuple[str, ...] = Field(
        default=(), description="Certificates given with (or instead of) the class, verbatim"
    )
    point: str = Field(min_length=1, description="The point of the article (a, b, đ …)")
    text: str = Field(min_length=1, description="The point verbatim")

    @model_validator(mode="after")
    def _no_class_names_what_instead(self) -> MappingRow:
        if not self.to and not self.certificates:
            raise ValueError("a row with no new class must name the certificates it becomes")
        if len(set(self.to)) != len(self.to):
            raise ValueError("a class is listed twice in 'to'")
        return self


class ClassMapping(_Strict):
    """A file of ``kind = "class-mapping"``: how classes of one law become another's."""

    kind: Literal["class-mapping"]
    format: Literal[1]
    id: str = Field(pattern=SLUG_PATTERN)
    from_system: str = Field(alias="from", pattern=SLUG_PATTERN)
    to_system: str = Field(alias="to", pattern=SLUG_PATTERN)
    source: str = Field(min_length=1, description="The article, e.g. Điều 89 khoản 3")
    restrictions: tuple[Restriction, ...] = Field(alias="restriction", default=())
    rows: tuple[MappingRow, ...] = Field(alias="row", min_length=1)

    def row_for(self, key: str) -> MappingRow | None:
        return next((row for row in self.rows if row.from_class == key), None)

    def restriction(self, restriction_id: str) -> Restriction:
        return next(entry for entry in self.restrictions if entry.id == restriction_id)
