"""Which class system applies: to a card made on a day of receipt, to a licence issued on a day."""

from __future__ import annotations

import datetime as dt

from app.i18n import Message, Refusal
from app.licence_classes.loader import ClassData, shipped_class_data
from app.licence_classes.model import ClassSystem

NO_SYSTEM_IN_FORCE = Message(
    "không có hệ thống hạng giấy phép lái xe nào có hiệu lực vào ngày {day}",
    "no system of licence classes is in force on {day}",
)


class NoClassSystemInForce(Refusal):
    """No class system of the data covers the day asked about."""

    def __init__(self, day: dt.date) -> None:
        self.day = day
        super().__init__(NO_SYSTEM_IN_FORCE, day=f"{day:%d/%m/%Y}")


def class_system_on(day: dt.date, data: ClassData | None = None) -> ClassSystem:
    """The class system in force on ``day``: the one a card for a dossier received that day
    follows. Raises ``NoClassSystemInForce`` outside every system's period."""
    data = data or shipped_class_data()
    for system in data.systems:
        if system.in_force_on(day):
            return system
    raise NoClassSystemInForce(day)


def system_of_licence(issued_on: dt.date, data: ClassData | None = None) -> ClassSystem:
    """The class system a licence issued on ``issued_on`` prints its classes in.

    The system in force that day; a licence older than every system is read in the
    oldest one when its data says older licences print the same codes
    (``reads_older_licences``), and is otherwise ``NoClassSystemInForce``.
    """
    data = data or shipped_class_data()
    oldest = data.systems[0]
    if issued_on < oldest.valid_from and oldest.reads_older_licences:
        return oldest
    return class_system_on(issued_on, data)
