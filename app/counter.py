"""The counter the program runs as: its settings and the signed-in officer.

Both the command line and the window receive dossiers through this, so a
counter without an agency code is refused the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.catalogue.currency import DayNotice, day_notice
from app.catalogue.model import Catalogue
from app.catalogue.not_current_policy import NotCurrentPolicy
from app.i18n import Message, Refusal
from app.officers.identity import Officer
from app.permissions import Authority
from app.reception import Counter, Timetable
from app.reference_data import ReferenceData, reference_data_of
from app.settings import Settings, office_hours_and_rule, serial_block
from app.store_ops import open_store
from app.workdays import WorkCalendar

if TYPE_CHECKING:
    from db.store import Store

AGENCY_CODE_NOT_SET = Message(
    "agency_code: mã cơ quan của điểm tiếp nhận chưa được đặt; cán bộ IT đặt bằng lệnh:"
    " motcua settings set agency_code MÃ",
    "agency_code: the receiving point's agency code is not set; IT staff set it with:"
    " motcua settings set agency_code CODE",
)


class CounterNotConfigured(Refusal):
    """A setting every dossier needs is missing; the message names it."""


def check_configured(settings: Settings) -> None:
    """Refuse a counter whose settings cannot number a dossier (``CounterNotConfigured``)."""
    if not settings.agency_code:
        raise CounterNotConfigured(AGENCY_CODE_NOT_SET)


def not_current_policy(settings: Settings) -> NotCurrentPolicy:
    """The department's choice for a day on which the catalogue version may no longer apply."""
    return NotCurrentPolicy(settings.catalogue_not_current)


def counter_from_settings(settings: Settings, officer: Officer | Authority) -> Counter:
    """The counter of these settings, worked by ``officer`` (or with a supervisor's approval:
    an ``Authority``)."""
    check_configured(settings)
    return Counter(
        agency_code=settings.agency_code,
        receiving_point=settings.receiving_point,
        counter_number=settings.counter_number,
        authority=officer if isinstance(officer, Authority) else Authority(officer),
        serials=serial_block(settings),
        not_current=not_current_policy(settings),
    )


@dataclass
class CounterSession:
    """Everything an officer's session at the counter works with: ``officer`` is who signed
    in (their name is printed on the papers, their login recorded in the audit trail)."""

    data_dir: Path
    settings: Settings
    officer: Officer
    store: Store

    @classmethod
    def open(cls, data_dir: Path, settings: Settings, officer: Officer) -> CounterSession:
        """Open the counter's dossier store for the session: checked, migrated after an
        update, backed up on the first opening of the day (``app.store_ops.open_store``);
        ``StoreUnusable`` when it must not be used."""
        return cls(data_dir, settings, officer, open_store(data_dir, settings))

    def close(self) -> None:
        self.store.close()

    # What the session evaluates and counts days with; read again after each sync round
    # (``refresh_reference``), so the next dossier uses what the centre published.
    reference: ReferenceData | None = field(default=None, repr=False)

    def reference_data(self) -> ReferenceData:
        if self.reference is None:
            self.reference = reference_data_of(self.store)
        return self.reference

    def refresh_reference(self) -> ReferenceData:
        """Read the store's publications again (on the store's thread, after a sync round)."""
        self.reference = reference_data_of(self.store)
        return self.reference

    @property
    def calendar(self) -> WorkCalendar:
        return self.reference_data().calendar

    def timetable(self) -> Timetable:
        hours, rule = office_hours_and_rule(self.settings)
        return Timetable(self.calendar, hours, rule)

    def authority(self, given: Authority | None = None) -> Authority:
        """Who acts: ``given`` (the officer with a supervisor's approval), else the officer."""
        return Authority(self.officer) if given is None else given

    def counter(self, authority: Authority | None = None) -> Counter:
        return counter_from_settings(self.settings, self.authority(authority))

    def catalogue_notice(self, catalogue: Catalogue, day: dt.date) -> DayNotice:
        """What the receiving screen says of ``catalogue`` on ``day``: why it may no longer
        apply, and the refusal ``receive`` would raise under this counter's setting."""
        return day_notice(catalogue, day, not_current_policy(self.settings))
