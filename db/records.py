"""What the store's named queries take and give: frozen records, no ORM, no session.

The use cases in ``app/`` build these from the domain (requests, evaluations,
due dates) and read them back; the ORM rows in ``db.models`` never leave
``db/``. Statuses, verdicts and slip kinds are stored as the strings they are
given: what they mean is decided in ``app/`` (``app.verdicts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def record_from(kind: type[R], source: object, **given: Any) -> R:
    """A record of ``kind`` whose fields are ``source``'s like-named attributes, but for
    those ``given``: a row, a domain object, anything with the attributes."""
    taken = {
        field.name: getattr(source, field.name) for field in fields(kind) if field.name not in given
    }
    return kind(**taken, **given)


def columns_of(record: DataclassInstance, *leave_out: str) -> dict[str, Any]:
    """A record's fields (not nested records' fields) by name, for a row's constructor."""
    return {
        field.name: getattr(record, field.name)
        for field in fields(record)
        if field.name not in leave_out
    }


@dataclass(frozen=True)
class Actor:
    """Who an action's audit record names: the signed-in officer's login and, when a
    supervisor approved this one action at the officer's counter, the supervisor's login.
    Logins only: the name printed on the papers stays in the action's own ``officer`` column."""

    login: str
    approved_by: str | None = None

    def subject(self) -> dict[str, str]:
        """What the audit record's subject adds for this actor."""
        return {} if self.approved_by is None else {"approved_by": self.approved_by}


@dataclass(frozen=True)
class DossierKey:
    """How an officer names a dossier: by its code (typed, or scanned from BM 01) or its id."""

    code: str | None = None
    id: str | None = None


@dataclass(frozen=True)
class LicenceRecord:
    number: str
    classes: Sequence[str]
    issue_date: dt.date | None
    expiry_date: dt.date | None
    issuing_authority: str
    issuer: str
    material: str | None  # None: not recorded
    country: str | None  # a foreign licence's issuing country (ISO 3166-1 alpha-2)


@dataclass(frozen=True)
class ItemRecord:
    item_id: str
    item_name: str
    quantity: int
    presented_form: str
    presented_count: int
    status: str
    reason: str | None


@dataclass(frozen=True)
class RoundRecord:
    received_at: dt.datetime
    verdict: str
    request_json: str
    evaluation_json: str
    officer: str
    items: Sequence[ItemRecord]


@dataclass(frozen=True)
class StoredRound:
    """A round as stored: its record, with the id and number the store gave it."""

    id: str
    number: int
    record: RoundRecord


@dataclass(frozen=True)
class SlipPrint:
    kind: str
    printed_at: dt.datetime
    print_number: int


@dataclass(frozen=True)
class SlipRecord:
    """A print of a slip of one round, to record: the number it carries and who printed it."""

    dossier_id: str
    round_id: str
    kind: str
    printed_at: dt.datetime
    print_number: int
    officer: str


@dataclass(frozen=True)
class ReappointmentRecord:
    previous_due_at: dt.datetime
    new_due_at: dt.datetime
    reason: str
    decided_at: dt.datetime
    officer: str


@dataclass(frozen=True)
class CorrectionRecord:
    """A correction of a stored dossier, as stored: its revision (1, 2, … per dossier), the
    round whose request it corrected, the request paths it changed (``fields_json``, a JSON
    list) and the applicant and licences before and after (JSON)."""

    revision: int
    round_id: str
    corrected_at: dt.datetime
    officer: str
    reason: str
    fields_json: str
    before_json: str
    after_json: str


@dataclass(frozen=True)
class VoidRecord:
    """A stored dossier voided by a supervisor: it no longer counts, no paper is printed
    for it; ``officer`` is the name as on the papers, ``actor`` the login."""

    voided_at: dt.datetime
    officer: str
    actor: str
    reason: str


@dataclass(frozen=True)
class PhotoSummary:
    kind: str
    sha256: str
    width: int
    height: int
    taken_at: dt.datetime


@dataclass(frozen=True, kw_only=True)
class NewDossier:
    """The columns a dossier gets on its first round."""

    procedure_id: str
    subcase: str | None
    channel: str
    catalogue_version: str
    applicant_name: str
    applicant_id_number: str
    applicant_json: str
    received_at: dt.datetime
    fee_vnd: int
    officer: str
    receiving_point: str
    counter_number: int
    licences: Sequence[LicenceRecord] = ()


@dataclass(frozen=True, kw_only=True)
class StoredDossier(NewDossier):
    """A dossier as stored; its history (rounds, licences, slips, …) only when asked for."""

    id: str
    code: str | None
    status: str
    due_at: dt.datetime | None
    due_explanation_json: str | None
    result_delivery: str
    delivery_address: str
    rounds: Sequence[StoredRound] = ()
    slips: Sequence[SlipPrint] = ()
    reappointment: ReappointmentRecord | None = None
    photos: Sequence[PhotoSummary] = ()
    corrections: Sequence[CorrectionRecord] = ()
    voided: VoidRecord | None = None


@dataclass(frozen=True)
class DueRecord:
    due_at: dt.datetime
    explanation_json: str


@dataclass(frozen=True)
class Numbering:
    """Where an accepted dossier's code comes from: the day's leased blocks first, then
    the counter's own reserve; ``format_code`` writes agency, day and serial as a code."""

    agency: str
    day: dt.date
    reserve: tuple[int, int]
    format_code: Callable[[str, dt.date, int], str]


@dataclass(frozen=True)
class ReceptionWrite:
    """Everything one receipt at the counter writes, in one transaction.

    ``dossier`` for a first round; otherwise ``supplements`` names the dossier that
    gets the new round, and ``check`` may refuse it (it raises) before anything is
    written. ``due`` and ``numbering`` only for an accepted dossier. ``photo`` is
    ``camera.capture.AcceptedPhoto.record()``.
    """

    round: RoundRecord
    status: str
    result_delivery: str
    delivery_address: str
    actor: Actor  # the audit record's actor; the round's ``officer`` is the name printed
    dossier: NewDossier | None = None
    supplements: str | None = None
    check: Callable[[StoredDossier], None] | None = None
    due: DueRecord | None = None
    numbering: Numbering | None = None
    photo: Mapping[str, Any] | None = None
    # When the window began serving the applicant (the procedure picked): kept in the audit
    # record, for the day's service times; None from the command line.
    started_at: dt.datetime | None = None


@dataclass(frozen=True)
class Rescheduled:
    """A due date moved once, with its reason (Decree 61/2018 art. 19)."""

    due: DueRecord
    reason: str


@dataclass(frozen=True, kw_only=True)
class CorrectionWrite:
    """Everything one correction writes, in one transaction: the correction (its revision is
    the store's to number), the dossier's applicant columns, the corrected round's request
    and, when they changed, the licences that replace the current ones."""

    round_id: str
    corrected_at: dt.datetime
    officer: str
    reason: str
    fields_json: str
    before_json: str
    after_json: str
    applicant_name: str
    applicant_id_number: str
    applicant_json: str
    request_json: str
    licences: Sequence[LicenceRecord] | None = None  # None: unchanged
    actor: Actor  # the audit record's actor; ``officer`` is the name kept with the revision


@dataclass(frozen=True)
class Corrected:
    """A correction stored: the dossier and the revision it got."""

    dossier_id: str
    code: str | None
    revision: int


@dataclass(frozen=True, kw_only=True)
class VoidWrite:
    """A void to store: when, the name kept with it, the audit actor and the reason."""

    voided_at: dt.datetime
    officer: str
    actor: Actor
    reason: str


@dataclass(frozen=True)
class Voided:
    """A void stored: the dossier, its code, and the void's id."""

    dossier_id: str
    code: str | None
    void_id: str


@dataclass(frozen=True)
class StatusChangeRecord:
    """One stored change of a dossier's status (``dossier_status_change``)."""

    id: str
    dossier_id: str
    status: str
    changed_at: dt.datetime
    officer: str
    actor: str
    agency: str | None
    point: str | None
    counter_number: int | None
    device_id: str
    details_json: str


@dataclass(frozen=True)
class StatusWrite:
    """A change to store: the status reached, when, the name kept with it, the audit
    actor and the change's details (JSON text)."""

    status: str
    changed_at: dt.datetime
    officer: str
    actor: Actor
    details_json: str = "{}"


@dataclass(frozen=True)
class DossierWithStatus:
    """A dossier (without history, with its void) and its status changes, oldest first."""

    dossier: StoredDossier
    changes: Sequence[StatusChangeRecord]

    @property
    def latest(self) -> StatusChangeRecord | None:
        return self.changes[-1] if self.changes else None


@dataclass(frozen=True)
class RegisterEntry:
    """An accepted dossier (rounds and re-appointment loaded) and its line in the year's book."""

    dossier: StoredDossier
    serial: int
