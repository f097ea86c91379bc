"""The small rule language of the catalogue.

Eligibility conditions and conditional dossier items are written in the
catalogue files as predicate trees over named *facts* about the applicant
(``applicant.age``, ``licence.classes`` ...). The facts themselves are computed
in Python (``app.dossier.facts``); the law's thresholds, dates and class lists
stay in the data, so a new decision changes a file, not the program.

A predicate is one of::

    { all = [P, ...] }          every P holds
    { any = [P, ...] }          at least one P holds
    { not = P }                 P does not hold
    { fact = "name", OP = V }   a test of one fact, with exactly one operator

We wrote this rather than take a rules engine (json-logic and the like): those
evaluate untyped expressions, while here every test is checked against the
declared type of its fact when the catalogue loads, so a typo in a file stops
the program with its path instead of refusing an applicant at the counter.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, model_validator

FactValue = bool | int | str | dt.date | frozenset[str]
Scalar = bool | int | str | dt.date

# Operators and the fact kinds they apply to. Kept beside the models so the
# loader's type check and the evaluator read one table.
COMPARISON_OPERATORS = ("at_least", "at_most", "before", "after")
OPERATORS: dict[str, tuple[str, ...]] = {
    "equals": ("bool", "int", "text", "date"),
    "one_of": ("int", "text"),
    "at_least": ("int", "date"),
    "at_most": ("int", "date"),
    "before": ("date",),
    "after": ("date",),
    "subset_of": ("text-set",),
    "intersects": ("text-set",),
    "is_empty": ("text-set",),
    "within_months": ("date",),
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FactTest(_Strict):
    """A test of one fact. Exactly one operator field is set."""

    # No coercion: "55" written for 55 is a mistake in the file, not a number.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    fact: str = Field(pattern=r"^[a-z_]+(\.[a-z_]+)*$")
    equals: Scalar | None = None
    one_of: list[int | str] | None = Field(default=None, min_length=1)
    at_least: int | dt.date | None = None
    at_most: int | dt.date | None = None
    before: dt.date | None = None
    after: dt.date | None = None
    subset_of: list[str] | None = None
    intersects: list[str] | None = Field(default=None, min_length=1)
    is_empty: bool | None = None
    # The fact (a date) lies no more than this many calendar months before the
    # day of receipt: "không quá 06 tháng tính từ ngày ... ký".
    within_months: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _exactly_one_operator(self) -> FactTest:
        used = self.operators_used()
        if len(used) != 1:
            names = ", ".join(OPERATORS)
            raise ValueError(
                f"a fact test needs exactly one operator (one of: {names}); found {len(used)}"
            )
        return self

    def operators_used(self) -> list[str]:
        return [name for name in OPERATORS if getattr(self, name) is not None]

    @property
    def operator(self) -> str:
        return self.operators_used()[0]

    @property
    def operand(self) -> Any:
        return getattr(self, self.operator)


class AllOf(_Strict):
    all: list[Predicate] = Field(min_length=1)


class AnyOf(_Strict):
    any: list[Predicate] = Field(min_length=1)


class NotOf(_Strict):
    not_: Predicate = Field(alias="not")


def _predicate_kind(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        value = value.model_dump(by_alias=True, exclude_none=True)
    if not isinstance(value, dict):
        return None
    for key in ("all", "any", "not", "fact"):
        if key in value:
            return key
    return None


Predicate = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[FactTest, Tag("fact")],
    Discriminator(
        _predicate_kind,
        custom_error_type="predicate",
        custom_error_message="a predicate is a table with one of the keys all, any, not or fact",
    ),
]

AllOf.model_rebuild()
AnyOf.model_rebuild()
NotOf.model_rebuild()


def fact_tests(predicate: Predicate, path: str) -> list[tuple[str, FactTest]]:
    """Every fact test inside a predicate, with its path for error messages."""
    if isinstance(predicate, FactTest):
        return [(path, predicate)]
    if isinstance(predicate, NotOf):
        return fact_tests(predicate.not_, f"{path}.not")
    children = predicate.all if isinstance(predicate, AllOf) else predicate.any
    key = "all" if isinstance(predicate, AllOf) else "any"
    found: list[tuple[str, FactTest]] = []
    for index, child in enumerate(children):
        found.extend(fact_tests(child, f"{path}.{key}[{index}]"))
    return found
