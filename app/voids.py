"""Voiding a stored dossier: a supervisor's decision, with its reason, recorded.

A dossier received by mistake (twice, for the wrong applicant…) is not deleted:
it is voided. The dossier and its history stay as they were, here and at the
centre; the void (when, by whom, why) is a row of its own, written with its audit
record in one transaction (``db.voids.store_void``). A voided dossier is shown as
voided wherever dossiers are shown, and nothing more is done with it: no paper is
printed for it (``app.papers.common.dossier_of``), no new round, no correction,
no re-appointment. A dossier is voided once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.day_close import check_day_open
from app.dossier.request import TextRefused, checked_text
from app.dossier_queries import NO_SUCH_DOSSIER, dossier_key
from app.i18n import Message, Refusal
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.reception import acting_officer, audit_actor
from db.dossiers import DossierMissing
from db.records import VoidWrite
from db.store import Store
from db.voids import AlreadyVoided, store_void

REASON = Message("Lý do hủy", "Reason")
REASON_REQUIRED = Message(
    "Lý do hủy: cần ghi lý do hủy hồ sơ", "Reason: the reason for voiding the dossier is required"
)
ALREADY_VOIDED = Message(
    "hồ sơ {key} đã bị hủy lúc {at}; một hồ sơ chỉ hủy một lần",
    "dossier {key} was already voided at {at}; a dossier is voided once",
)


class VoidRefused(Refusal):
    """A void the rules do not allow; nothing was written."""


class VoidedDossierMissing(VoidRefused):
    """No dossier has the code or id given."""


@dataclass(frozen=True)
class DossierVoid:
    """A void stored: the dossier, its code and the void's id."""

    dossier_id: str
    code: str | None
    void_id: str


def void_dossier(
    store: Store,
    key: str,
    reason: str,
    who: Officer | Authority,
    voided_at: dt.datetime,
) -> DossierVoid:
    """Void the dossier with this code or id (as ``dossier_key`` reads it), with its reason.

    ``who`` voids: a supervisor, or an officer with a supervisor's approval
    (``RoleRefused`` otherwise, before anything is read). ``VoidRefused`` (nothing
    written) without a reason or for a dossier voided before; ``VoidedDossierMissing``
    when there is no such dossier.
    """
    authority = require(who, Permission.VOID)
    check_day_open(store, voided_at.date())
    reason = _reason(reason)
    write = VoidWrite(
        voided_at=voided_at,
        officer=acting_officer(authority).full_name,
        actor=audit_actor(authority),
        reason=reason,
    )
    try:
        stored = store_void(store, dossier_key(key), write)
    except DossierMissing as error:
        raise VoidedDossierMissing(NO_SUCH_DOSSIER, key=key.strip()) from error
    except AlreadyVoided as error:
        check_voidable(error.code or error.dossier_id, error.void.voided_at)
        raise  # not reached: the dossier was voided
    return DossierVoid(stored.dossier_id, stored.code, stored.void_id)


def check_voidable(key: str, voided_at: dt.datetime | None) -> None:
    """``VoidRefused`` when the dossier ``key`` was voided already (at ``voided_at``): what
    the window checks before asking for a reason, and the store checks again when writing."""
    if voided_at is not None:
        raise VoidRefused(ALREADY_VOIDED, key=key, at=f"{voided_at:%H:%M %d/%m/%Y}")


def _reason(reason: str) -> str:
    """The reason is kept with the void: one line of printable text, bounded as the
    request's own text is, and not empty."""
    try:
        checked = checked_text(reason, REASON)
    except TextRefused as error:
        raise VoidRefused(error.message, **error.values) from error
    if not checked:
        raise VoidRefused(REASON_REQUIRED)
    return checked
