"""The classes a new card carries for an exchange: the held classes, read in the law of the day.

A card follows the class system in force on the day the dossier is received
(``class_system_on``). The held licence's classes follow the system in force on the
day it was issued (``system_of_licence``). When both are the same law the card carries
the same classes; when they differ, the mapping between the two laws (data:
``law-36-2024-art-89.toml``) says what each held class becomes, with its restrictions
and the certificates that come with it.

Nothing is guessed and nothing is dropped: a held class that is no licence class any
more (A4), a choice the law leaves to the applicant and the request does not make
(B1/B2 → B or C1, FB2 → BE or C1E), a class of another law, or a class no law knows,
each comes back as a named ``ClassProblem``; the officer reads it, the card record
stays out until it is resolved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from app.i18n import Language, Message, current_language
from app.licence_classes.loader import ClassData, shipped_class_data
from app.licence_classes.model import ClassMapping, ClassSystem, MappingRow, Restriction
from app.licence_classes.systems import NoClassSystemInForce, class_system_on, system_of_licence

NO_CLASS_HELD = Message("giấy phép không ghi hạng nào", "the licence lists no class")
ISSUE_DATE_NEEDED = Message(
    "cần ngày cấp của giấy phép để biết hạng của giấy phép theo luật nào",
    "the licence's issue date is needed to know which law its classes follow",
)
NO_SYSTEM_FOR_LICENCE = Message(
    "không biết hệ thống hạng của giấy phép cấp ngày {day}",
    "no system of classes is known for a licence issued on {day}",
)
NO_MAPPING = Message(
    "không có quy định đổi hạng theo {from_system} sang hạng theo {to_system}",
    "no rule exchanges classes of {from_system} for classes of {to_system}",
)
OTHER_SYSTEM_CLASS = Message(
    "hạng {code} theo {other_system}; giấy phép này mang hạng theo {system}",
    "class {code} under {other_system}; this licence carries classes under {system}",
)
UNKNOWN_CLASS = Message(
    "hạng {code} không có trong {system} hay luật nào khác đã biết",
    "class {code} is not a class of {system} nor of any other known law",
)
NOT_A_LICENCE_CLASS = Message(
    "hạng {code} không còn là hạng giấy phép lái xe theo {system}: được đổi sang chứng chỉ,"
    " không in trên giấy phép",
    "class {code} is no longer a licence class under {system}: it becomes a certificate,"
    " not printed on the licence",
)
CHOICE_MISSING = Message(
    "hạng {code} được đổi sang hạng {options} theo lựa chọn của người đề nghị;"
    " hồ sơ chưa ghi hạng đã chọn",
    "class {code} is exchanged for class {options} as the applicant chooses;"
    " the request does not say which was chosen",
)
CHOICE_NOT_OFFERED = Message(
    "hạng {code} chỉ được đổi sang hạng {options}, không sang hạng {choice}",
    "class {code} can only be exchanged for class {options}, not for class {choice}",
)
CHOICE_FOR_CLASS_NOT_HELD = Message(
    "đã chọn hạng {choice} cho hạng {code}, nhưng giấy phép không có hạng {code}",
    "class {choice} was chosen for class {code}, but the licence has no class {code}",
)
CHOICE_NOT_APPLICABLE = Message(
    "giấy phép giữ nguyên hạng theo {system}: không có lựa chọn hạng cho hạng {code}",
    "the licence keeps its classes under {system}: there is no choice of class for class {code}",
)


@dataclass(frozen=True)
class CardClass:
    """One class to print, with the restrictions the law attaches to it."""

    code: str
    restrictions: tuple[Restriction, ...] = ()
    # The held classes it comes from, and the law's points that say so (empty: kept as held).
    from_classes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Certificate:
    """A certificate the exchange brings with (or instead of) a class; not printed as a class."""

    text: str
    from_classes: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ClassProblem:
    """A held class (its key; "" for the whole licence) and why no card class follows from it."""

    held_class: str
    message: Message
    values: Mapping[str, object] = dataclass_field(default_factory=dict)

    def text(self, language: Language | None = None) -> str:
        return self.message.text(language or current_language(), **self.values)

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class CardClasses:
    """What an exchange puts on the card, under ``system``, and what stops it."""

    system: ClassSystem
    classes: tuple[CardClass, ...]
    certificates: tuple[Certificate, ...] = ()
    problems: tuple[ClassProblem, ...] = ()

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(card_class.code for card_class in self.classes)


def classes_for_card(
    held_classes: Sequence[str],
    received_on: dt.date,
    choices: Mapping[str, str] | None = None,
    *,
    held_issued_on: dt.date | None,
    data: ClassData | None = None,
) -> CardClasses:
    """The classes to print for an exchange of a licence holding ``held_classes``.

    ``held_classes`` are keys of the held licence's system (``B1-automatic`` for the
    automatic-only B1); ``held_issued_on`` is that licence's issue date, which decides
    its system (None: a problem, since A1, B1, C and D mean different things in the two
    laws). ``choices`` maps a held class to the class the applicant chose where the law
    offers two. Raises ``NoClassSystemInForce`` only for a day of receipt no system covers.
    """
    data = data or shipped_class_data()
    card_system = class_system_on(received_on, data)
    choices = dict(choices or {})
    held = list(dict.fromkeys(held_classes))  # the same class twice is one class
    if not held:
        return CardClasses(card_system, (), problems=(ClassProblem("", NO_CLASS_HELD),))
    if held_issued_on is None:
        return CardClasses(card_system, (), problems=(ClassProblem("", ISSUE_DATE_NEEDED),))
    try:
        held_system = system_of_licence(held_issued_on, data)
    except NoClassSystemInForce:
        problem = ClassProblem("", NO_SYSTEM_FOR_LICENCE, {"day": f"{held_issued_on:%d/%m/%Y}"})
        return CardClasses(card_system, (), problems=(problem,))
    if held_system.id == card_system.id:
        return _kept(held, choices, card_system, data)
    mapping = data.mapping(held_system.id, card_system.id)
    if mapping is None:
        values = {
            "from_system": held_system.name.message(),
            "to_system": card_system.name.message(),
        }
        return CardClasses(card_system, (), problems=(ClassProblem("", NO_MAPPING, values),))
    return _mapped(held, choices, held_system, card_system, mapping, data)


def _kept(
    held: list[str], choices: dict[str, str], system: ClassSystem, data: ClassData
) -> CardClasses:
    """The card follows the held licence's own law: the same classes, no choice to make."""
    classes: list[CardClass] = []
    problems: list[ClassProblem] = []
    for key in held:
        entry = system.find(key)
        if entry is None:
            problems.append(_unknown(key, system, data))
        else:
            classes.append(CardClass(entry.code, from_classes=(key,)))
    problems.extend(
        ClassProblem(key, CHOICE_NOT_APPLICABLE, {"system": system.name.message(), "code": key})
        for key in choices
    )
    return CardClasses(system, _merged(classes), problems=tuple(problems))


def _mapped(
    held: list[str],
    choices: dict[str, str],
    held_system: ClassSystem,
    card_system: ClassSystem,
    mapping: ClassMapping,
    data: ClassData,
) -> CardClasses:
    classes: list[CardClass] = []
    certificates: list[Certificate] = []
    problems: list[ClassProblem] = []
    for key in held:
        entry = held_system.find(key)
        row = mapping.row_for(key)
        if entry is None or row is None:
            problems.append(_unknown(key, held_system, data))
            continue
        source = f"{mapping.source} điểm {row.point}"
        certificates.extend(Certificate(text, (key,), source) for text in row.certificates)
        target, problem = _target(key, entry.said(), row, choices.get(key), card_system)
        if problem is not None:
            problems.append(problem)
        if target is not None:
            restrictions = tuple(mapping.restriction(r) for r in row.restrictions)
            classes.append(CardClass(target, restrictions, (key,), (source,)))
    problems.extend(
        ClassProblem(key, CHOICE_FOR_CLASS_NOT_HELD, {"choice": choice, "code": key})
        for key, choice in choices.items()
        if key not in held
    )
    return CardClasses(
        card_system, _merged(classes), _merged_certificates(certificates), tuple(problems)
    )


def _target(
    key: str, said: Message | str, row: MappingRow, choice: str | None, card_system: ClassSystem
) -> tuple[str | None, ClassProblem | None]:
    """The new class for one held class, or the problem that stops it (or both: none)."""
    if not row.to:
        values = {"code": said, "system": card_system.name.message()}
        return None, ClassProblem(key, NOT_A_LICENCE_CLASS, values)
    options = Message(" hoặc ".join(row.to), " or ".join(row.to))
    if choice is not None and choice not in row.to:
        values = {"code": said, "options": options, "choice": choice}
        return None, ClassProblem(key, CHOICE_NOT_OFFERED, values)
    if len(row.to) == 1:
        return row.to[0], None
    if choice is None:
        return None, ClassProblem(key, CHOICE_MISSING, {"code": said, "options": options})
    return choice, None


def _unknown(key: str, system: ClassSystem, data: ClassData) -> ClassProblem:
    """A held class the licence's law does not have, named by the law that does, if any."""
    other = next((s for s in data.systems if s.id != system.id and s.find(key) is not None), None)
    if other is None:
        return ClassProblem(key, UNKNOWN_CLASS, {"code": key, "system": system.name.message()})
    values = {
        "code": key,
        "other_system": other.name.message(),
        "system": system.name.message(),
    }
    return ClassProblem(key, OTHER_SYSTEM_CLASS, values)


def _merged(classes: list[CardClass]) -> tuple[CardClass, ...]:
    """One line per class code, in the order first reached.

    Two held classes can give the same new class (A1 and A2 both give A). The holder
    then may drive what either allows, so a restriction stays only if every one of
    them carries it: A from A2 (none) wins over A from A1 (below 175 cm³).
    """
    by_code: dict[str, CardClass] = {}
    for card_class in classes:
        earlier = by_code.get(card_class.code)
        if earlier is None:
            by_code[card_class.code] = card_class
            continue
        by_code[card_class.code] = CardClass(
            card_class.code,
            tuple(r for r in earlier.restrictions if r in card_class.restrictions),
            earlier.from_classes + card_class.from_classes,
            tuple(dict.fromkeys(earlier.sources + card_class.sources)),
        )
    return tuple(by_code.values())


def _merged_certificates(certificates: list[Certificate]) -> tuple[Certificate, ...]:
    """One entry per certificate (B1 and B2 both bring the same one)."""
    by_text: dict[str, Certificate] = {}
    for certificate in certificates:
        earlier = by_text.get(certificate.text)
        by_text[certificate.text] = (
            certificate
            if earlier is None
            else Certificate(
                certificate.text, earlier.from_classes + certificate.from_classes, earlier.source
            )
        )
    return tuple(by_text.values())
