"""The operations of an officer's session at the counter, as the window calls them.

Each one that writes returns ``Done``: its typed result and the ``Changes`` it
made, so the window can refresh every screen that shows that kind of data.
They run on the store worker thread; none of them knows Qt. The command line
calls the use cases underneath (``receive``, ``print_slip``, …) directly,
because it has no screens to refresh.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from app.appointments import reappoint_dossier
from app.catalogue.model import Catalogue
from app.changes import DOSSIER_STORED, SETTINGS_SAVED, SLIP_RECORDED, Done
from app.corrections import Correction, correct_dossier
from app.counter import CounterSession
from app.dossier.request import DossierRequest
from app.papers.common import office_of
from app.papers.slips import RenderedSlip, record_slip, render_current_slip, render_slip
from app.reception import Receipt, receive
from app.settings import Settings, save_settings
from app.verdicts import slip_for
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
) -> Done[ReceivedDossier]:
    """Evaluate and store the dossier on screen, then render the slip its verdict calls for.

    The slip is rendered after the commit, from the store, never from the
    screen: a slip exists only for a committed dossier. A counter whose papers
    cannot name the agency is refused before anything is stored: otherwise the
    dossier would be stored with no slip, and an F9 pressed again once the
    setting is fixed would store it twice.
    """
    office_of(session.settings)
    receipt = receive(
        request,
        catalogue=catalogue,
        timetable=session.timetable(),
        counter=session.counter(),
        store=session.store,
        received_at=received_at,
        supplements=supplements,
        photo=photo.record() if photo is not None else None,
    )
    kind = slip_for(receipt.evaluation.verdict)
    slip = render_slip(session.store, receipt.dossier_id, kind, session.settings)
    return Done(ReceivedDossier(receipt, slip), DOSSIER_STORED)


def record_print(
    session: CounterSession, slip: RenderedSlip, printed_at: dt.datetime
) -> Done[RenderedSlip]:
    """The slip went to the printer (or a file): record it, numbered as a print or reprint."""
    record_slip(session.store, slip, session.officer, printed_at)
    return Done(slip, SLIP_RECORDED)


def slip_to_reprint(session: CounterSession, key: str) -> RenderedSlip:
    """Read only: the slip the dossier's latest round called for, numbered as its next print.

    The window previews it and records it with ``record_print`` once printed.
    """
    return render_current_slip(session.store, key, session.settings)


def apology_to_reprint(session: CounterSession, key: str) -> RenderedSlip:
    """Read only: Mẫu 04 of a re-appointed dossier, numbered as its next print."""
    return render_slip(session.store, key, "mau04", session.settings)


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
) -> Done[Reappointed]:
    """Move the dossier's due date, once, with its reason; then render Mẫu 04 to print.

    A counter whose papers cannot name the agency is refused before anything
    is stored, so a re-appointment never lacks its letter.
    """
    office_of(session.settings)
    decision = reappoint_dossier(
        session.store,
        key,
        extra_working_days=extra_working_days,
        reason=reason,
        officer=session.officer,
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
) -> Done[Correction]:
    """Correct a stored dossier's applicant details and licences, as its next revision
    recorded with the reason and the officer of the session (``app.corrections``).

    Its papers are made afresh from the store when next printed (``slip_to_reprint``).
    """
    correction = correct_dossier(
        session.store, catalogue, key, corrected, reason, session.officer, corrected_at
    )
    return Done(correction, DOSSIER_STORED)


def change_settings(data_dir: Path, settings: Settings) -> Done[Settings]:
    """Save the counter's settings (the window then makes the session use them)."""
    save_settings(data_dir, settings)
    return Done(settings, SETTINGS_SAVED)
