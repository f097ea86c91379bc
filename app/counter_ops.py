"""The operations of an officer's session at the counter, as the window calls them.

Each one that writes returns ``Done``: its typed result and the ``Changes`` it
made, so the window can refresh every screen that shows that kind of data.
They run on the store worker thread; none of them knows Qt. The command line
calls the use cases underneath (``receive``, ``print_slip``, …) directly,
because it has no screens to refresh.

Each operation that only some roles may do takes ``authority`` (None: the session's
officer alone) and asks the permission table before it reads or writes anything;
``RoleRefused`` names the roles that may. The window then asks a supervisor to
approve (``app.officers.sign_in.approve``) and calls again with the authority it
returns. The use cases underneath ask again, so the window and the command line
cannot differ.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.appointments import reappoint_dossier
from app.audit import record_settings_change
from app.catalogue.model import Catalogue
from app.changes import DOSSIER_STORED, SETTINGS_SAVED, SLIP_RECORDED, Done
from app.corrections import Correction, correct_dossier
from app.counter import CounterSession
from app.dossier.request import DossierRequest
from app.papers.common import office_of
from app.papers.slips import (
    RenderedSlip,
    check_print,
    record_slip,
    render_current_slip,
    render_slip,
)
from app.permissions import Authority, Permission, require
from app.reception import Receipt, receive
from app.settings import Settings, save_settings
from app.verdicts import slip_for
from app.voids import DossierVoid
from app.voids import void_dossier as void_stored_dossier
from app.workdays import Reappointment
from camera.capture import AcceptedPhoto


@dataclass(frozen=True)
class ReceivedDossier:
    """A dossier just committed, and its slip rendered from what was committed."""

    receipt: Receipt
    slip: RenderedSlip


def store_dossier(
    session: CounterSession,
    catalogue: Catalogue,
    request: DossierRequest,
    received_at: dt.datetime,
    *,
    supplements: str | None = None,
    photo: AcceptedPhoto | None = None,
    authority: Authority | None = None,
    started_at: dt.datetime | None = None,
) -> Done[ReceivedDossier]:
    """Evaluate and store the dossier on screen, then render the slip its verdict calls for.

    The slip is rendered after the commit, from the store, never from the
    screen: a slip exists only for a committed dossier. A counter whose papers
    cannot name the agency is refused before anything is stored: otherwise the
    dossier would be stored with no slip, and an F9 pressed again once the
    setting is fixed would store it twice. ``started_at``: when the window had the
    applicant's procedure picked (``app.reception.receive`` keeps it for service times).
    """
    who = require(session.authority(authority), Permission.RECEIVE)
    office_of(session.settings)
    receipt = receive(
        request,
        catalogue=catalogue,
        timetable=session.timetable(),
        counter=session.counter(who),
        store=session.store,
        received_at=received_at,
        supplements=supplements,
        photo=photo.record() if photo is not None else None,
        started_at=started_at,
    )
    kind = slip_for(receipt.evaluation.verdict)
    slip = render_slip(session.store, receipt.dossier_id, kind, session.settings)
    return Done(ReceivedDossier(receipt, slip), DOSSIER_STORED)


def record_print(
    session: CounterSession,
    slip: RenderedSlip,
    printed_at: dt.datetime,
    *,
    authority: Authority | None = None,
) -> Done[RenderedSlip]:
    """The slip went to the printer (or a file): record it, numbered as a print or reprint.
    The first print needs PRINT, the first reprint REPRINT, any later one REPRINT_AGAIN."""
    who = check_print(session.authority(authority), slip)
    record_slip(session.store, slip, who, printed_at)
    return Done(slip, SLIP_RECORDED)


def slip_to_reprint(
    session: CounterSession, key: str, *, authority: Authority | None = None
) -> RenderedSlip:
    """Read only: the slip the dossier's latest round called for, numbered as its next print.

    The window previews it and records it with ``record_print`` once printed; a reprint
    the officer may not make is refused here, before the preview (``RoleRefused``).
    """
    return _reprint(
        session, authority, lambda: render_current_slip(session.store, key, session.settings)
    )


def apology_to_reprint(
    session: CounterSession, key: str, *, authority: Authority | None = None
) -> RenderedSlip:
    """Read only: Mẫu 04 of a re-appointed dossier, numbered as its next print."""
    return _reprint(
        session, authority, lambda: render_slip(session.store, key, "mau04", session.settings)
    )


def _reprint(
    session: CounterSession, authority: Authority | None, render: Callable[[], RenderedSlip]
) -> RenderedSlip:
    """A paper rendered as its next print, once the role may print at all, and refused by
    the number it got when that print needs more (REPRINT, REPRINT_AGAIN)."""
    who = require(session.authority(authority), Permission.PRINT)
    slip = render()
    check_print(who, slip)
    return slip


@dataclass(frozen=True)
class Reappointed:
    """A dossier given its new due date, and Mẫu 04 rendered from what was committed."""

    decision: Reappointment
    apology: RenderedSlip


def reappoint(
    session: CounterSession,
    key: str,
    extra_working_days: int,
    reason: str,
    decided_at: dt.datetime,
    *,
    authority: Authority | None = None,
) -> Done[Reappointed]:
    """Move the dossier's due date, once, with its reason; then render Mẫu 04 to print.

    A counter whose papers cannot name the agency is refused before anything
    is stored, so a re-appointment never lacks its letter.
    """
    who = require(session.authority(authority), Permission.REAPPOINT)
    office_of(session.settings)
    decision = reappoint_dossier(
        session.store,
        key,
        extra_working_days=extra_working_days,
        reason=reason,
        officer=who,
        decided_at=decided_at,
        timetable=session.timetable(),
    )
    apology = render_slip(session.store, key, "mau04", session.settings)
    return Done(Reappointed(decision, apology), DOSSIER_STORED)


def correct_stored_dossier(
    session: CounterSession,
    catalogue: Catalogue,
    key: str,
    corrected: DossierRequest,
    reason: str,
    corrected_at: dt.datetime,
    *,
    authority: Authority | None = None,
) -> Done[Correction]:
    """Correct a stored dossier's applicant details and licences, as its next revision
    recorded with the reason and the officer of the session (``app.corrections``).

    Its papers are made afresh from the store when next printed (``slip_to_reprint``).
    """
    who = require(session.authority(authority), Permission.CORRECT)
    correction = correct_dossier(
        session.store, catalogue, key, corrected, reason, who, corrected_at
    )
    return Done(correction, DOSSIER_STORED)


def void_dossier(
    session: CounterSession,
    key: str,
    reason: str,
    *,
    voided_at: dt.datetime | None = None,
    authority: Authority | None = None,
) -> Done[DossierVoid]:
    """Void a stored dossier, with its reason (``app.voids``): shown as voided from then on,
    no paper printed for it."""
    who = require(session.authority(authority), Permission.VOID)
    at = voided_at or dt.datetime.now().replace(microsecond=0)
    return Done(void_stored_dossier(session.store, key, reason, who, at), DOSSIER_STORED)


def change_settings(
    session: CounterSession, settings: Settings, *, authority: Authority | None = None
) -> Done[Settings]:
    """Save the counter's settings (the window then makes the session use them), and record
    the names of the options that changed (never their values) in the audit trail."""
    who = require(session.authority(authority), Permission.CHANGE_SETTINGS)
    before, after = session.settings.as_dict(), settings.as_dict()
    changed = [name for name, value in after.items() if before.get(name) != value]
    save_settings(session.data_dir, settings)
    if changed:
        record_settings_change(session.store, who.actor.login, changed)
    return Done(settings, SETTINGS_SAVED)
