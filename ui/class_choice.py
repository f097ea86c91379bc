"""The class the applicant chooses where the law offers two on exchange (Law 36/2024 art. 89(3)).

A held class whose mapping row names several new classes (B1, B2 -> B or C1; FB2 -> BE or
C1E) is exchanged for the one the applicant chooses, and the request says which
(``DossierRequest.class_choices``). The window asks for it with one choice per such row of
the class data: the rows, their options and the law's words come from
``app/licence_classes`` (never a class list written here), and whether a held class needs
the choice on a day of receipt is what ``classes_for_card`` says is missing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from app.i18n import current_language
from app.licence_classes.exchange import CHOICE_MISSING, classes_for_card
from app.licence_classes.loader import ClassData, shipped_class_data
from app.licence_classes.model import ClassMapping, MappingRow
from app.licence_classes.systems import NoClassSystemInForce, system_of_licence
from ui.fields import ChoiceField


@dataclass(frozen=True)
class ChoiceRow:
    """A row of a mapping between two laws that leaves the new class to the applicant."""

    mapping: ClassMapping
    row: MappingRow

    @property
    def key(self) -> tuple[str, str]:
        """The row within the data: its mapping and its held class."""
        return self.mapping.id, self.row.from_class

    @property
    def held_class(self) -> str:
        return self.row.from_class

    @property
    def options(self) -> tuple[str, ...]:
        return self.row.to

    @property
    def law_words(self) -> str:
        """The article and its point, as the law words them (for the officer to read out)."""
        return f"{self.mapping.source} điểm {self.row.point}: {self.row.text}"


def rows_with_a_choice(data: ClassData | None = None) -> list[ChoiceRow]:
    """Every row of the class data that offers more than one new class, in the data's order."""
    data = data or shipped_class_data()
    return [
        ChoiceRow(mapping, row)
        for mapping in data.mappings
        for row in mapping.rows
        if len(row.to) > 1
    ]


def choices_asked(
    held_classes: Sequence[str],
    held_issued_on: dt.date | None,
    received_on: dt.date,
    data: ClassData | None = None,
) -> set[tuple[str, str]]:
    """The rows (``ChoiceRow.key``) whose choice a licence holding ``held_classes`` (keys
    of its law: ``B1-automatic``), issued on ``held_issued_on``, needs for a card of a
    dossier received on ``received_on``. None without an issue date: the law its classes
    follow is unknown then (A1, B1, C, D mean different things in the two laws)."""
    data = data or shipped_class_data()
    if not held_classes or held_issued_on is None:
        return set()
    try:
        found = classes_for_card(
            held_classes, received_on, None, held_issued_on=held_issued_on, data=data
        )
        held_system = system_of_licence(held_issued_on, data)
    except NoClassSystemInForce:
        return set()
    missing = {
        problem.held_class for problem in found.problems if problem.message is CHOICE_MISSING
    }
    mapping = data.mapping(held_system.id, found.system.id)
    if mapping is None:
        return set()
    return {(mapping.id, held_class) for held_class in missing}


def choice_law_name(choice: ChoiceRow, data: ClassData | None = None) -> str:
    """The short name of the law the chosen class belongs to ("Luật 36/2024"), in the
    window's language."""
    data = data or shipped_class_data()
    return data.system(choice.mapping.to_system).name.message().text(current_language())


class ClassChoiceField(ChoiceField):
    """The class chosen for one held class: nothing chosen at first (``not_chosen``), then
    one of the row's options. Its path is ``class_choices.<held class>``."""

    def __init__(self, choice: ChoiceRow, not_chosen: str) -> None:
        options = [(None, not_chosen)] + [(code, code) for code in choice.options]
        super().__init__(f"class_choices.{choice.held_class}", options)
        self.choice = choice
        self.combo.setObjectName(f"classChoice{choice.held_class}")
        self.combo.setToolTip(choice.law_words)

    def show_problem(self, sentence: str | None) -> None:
        super().show_problem(sentence)
        if not sentence:
            self.combo.setToolTip(self.choice.law_words)  # the law's words, when all is in order
