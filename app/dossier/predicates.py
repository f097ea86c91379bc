"""Evaluating the catalogue's predicates against the facts of one dossier.

Missing information is handled as a third truth value: a fact whose field
was left empty only matters when it could change the outcome. ``any`` with one
true branch is true whatever the others lack; ``all`` with one false branch is
false. Otherwise the first missing field is reported, so the officer is asked
for exactly what decides the case.
"""

from __future__ import annotations

import calendar
import datetime as dt

from app.catalogue.rules import AnyOf, FactTest, FactValue, NotOf, Predicate
from app.dossier.facts import FACTS, Context, MissingInformation


class FactCache:
    """Computes each fact at most once per evaluation."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self._values: dict[str, FactValue | MissingInformation | None] = {}

    def value(self, name: str) -> FactValue | None:
        if name not in self._values:
            try:
                self._values[name] = FACTS[name].compute(self.context)
            except MissingInformation as missing:
                self._values[name] = missing
        found = self._values[name]
        if isinstance(found, MissingInformation):
            raise found
        return found


def holds(predicate: Predicate, facts: FactCache) -> bool:
    """Whether the predicate holds; raises MissingInformation when undecidable."""
    if isinstance(predicate, FactTest):
        return _test(predicate, facts)
    if isinstance(predicate, NotOf):
        return not holds(predicate.not_, facts)
    decisive = isinstance(predicate, AnyOf)  # the branch value that settles it
    children = predicate.any if isinstance(predicate, AnyOf) else predicate.all
    first_missing: MissingInformation | None = None
    for child in children:
        try:
            if holds(child, facts) == decisive:
                return decisive
        except MissingInformation as missing:
            first_missing = first_missing or missing
    if first_missing is not None:
        raise first_missing
    return not decisive


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later, clamped to the month's end (31/8 + 6 → 28/2).

    Written here because the standard library has no month arithmetic and
    this one function does not justify python-dateutil as a dependency.
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _test(test: FactTest, facts: FactCache) -> bool:
    value = facts.value(test.fact)
    if value is None:
        return False
    operand = test.operand
    match test.operator:
        case "equals":
            return bool(value == operand)
        case "one_of":
            return value in operand
        case "at_least":
            return bool(value >= operand)
        case "at_most":
            return bool(value <= operand)
        case "before":
            return bool(value < operand)
        case "after":
            return bool(value > operand)
        case "subset_of":
            return isinstance(value, frozenset) and value <= frozenset(operand)
        case "intersects":
            return isinstance(value, frozenset) and bool(value & frozenset(operand))
        case "is_empty":
            return isinstance(value, frozenset) and (len(value) == 0) == operand
        case "within_months":
            received = facts.context.received_on
            return isinstance(value, dt.date) and received <= add_months(value, operand)
    raise AssertionError(f"operator {test.operator} is checked when the catalogue loads")
