"""The expiry date of a class on a card, from the class system's validity rule.

The rules are data (``validity`` of each class); this module only reads them, with the
date readings of ``app.licence_classes.dates`` (N years from issue, reaching an age,
being over an age; 29 February and the birthday itself are decided there).
"""

from __future__ import annotations

import datetime as dt

from app.dossier.sex import Sex
from app.i18n import Message, Refusal
from app.licence_classes.dates import is_over_age, reaches_age_on, years_after
from app.licence_classes.model import ClassSystem, Validity

CLASS_NOT_IN_SYSTEM = Message(
    "không có hạng {code} trong {system}", "there is no class {code} in {system}"
)
ISSUED_BEFORE_BIRTH = Message(
    "ngày cấp {issue_date} trước ngày sinh {birth_date}",
    "the issue date {issue_date} is before the date of birth {birth_date}",
)


class ClassNotInSystem(Refusal):
    """A class asked about is not one of the system's."""

    def __init__(self, code: str, system: ClassSystem) -> None:
        self.code, self.system = code, system
        super().__init__(CLASS_NOT_IN_SYSTEM, code=code, system=system.name.message())


class IssuedBeforeBirth(Refusal):
    """The dates given cannot both be right."""

    def __init__(self, issue_date: dt.date, birth_date: dt.date) -> None:
        super().__init__(
            ISSUED_BEFORE_BIRTH,
            issue_date=f"{issue_date:%d/%m/%Y}",
            birth_date=f"{birth_date:%d/%m/%Y}",
        )


def expiry_of(
    card_class: str, issue_date: dt.date, birth_date: dt.date, sex: Sex, system: ClassSystem
) -> dt.date | None:
    """The last day ``card_class`` of ``system`` is valid when issued on ``issue_date`` to
    someone born on ``birth_date``; None when the class has no time limit.

    ``card_class`` is the class's key in the system (its code, or ``B1-automatic``).
    Birth date and sex matter only to an age rule (Law 23/2008 B1), but are asked for
    every class so a caller cannot forget them where they count.
    """
    entry = system.find(card_class)
    if entry is None:
        raise ClassNotInSystem(card_class, system)
    if issue_date < birth_date:
        raise IssuedBeforeBirth(issue_date, birth_date)
    rule = entry.validity
    if rule.kind == "unlimited":
        return None
    if rule.kind == "years":
        return years_after(issue_date, _years(rule))
    return _until_age(rule, issue_date, birth_date, sex)


def _until_age(rule: Validity, issue_date: dt.date, birth_date: dt.date, sex: Sex) -> dt.date:
    """Until the holder reaches the age; issued to someone already over the later-in-life
    age, ``rule.years`` from issue instead (Circular 12/2017/TT-BGTVT art. 17(2))."""
    assert rule.over_age is not None and rule.until_age is not None  # the model checks it
    if is_over_age(birth_date, rule.over_age.of(sex), issue_date):
        return years_after(issue_date, _years(rule))
    return reaches_age_on(birth_date, rule.until_age.of(sex))


def _years(rule: Validity) -> int:
    assert rule.years is not None  # the model checks it for these kinds
    return rule.years
