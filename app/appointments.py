"""Re-appointing a dossier that cannot be settled on time: once, with a reason, recorded.

The rule (Decree 61/2018 art. 19) is checked by ``app.workdays.reappoint``;
here the decision is stored with the dossier and its due date moved, in one
transaction (``db.dossiers.reschedule``). The store's unique key on the
dossier is the backstop if two officers try at the same moment.
"""

from __future__ import annotations

import datetime as dt

from app.dossier_queries import dossier_key
from app.i18n import Message
from app.reception import Timetable, due_record
from app.workdays import Reappointment, ReappointmentError, reappoint
from db.dossiers import DossierMissing, reschedule
from db.records import Rescheduled, StoredDossier
from db.store import Store

NO_ACCEPTED_DOSSIER = Message(
    "không có hồ sơ đã tiếp nhận nào có mã {code}", "no accepted dossier with code {code}"
)


def reappoint_dossier(
    store: Store,
    code: str,
    *,
    extra_working_days: int,
    reason: str,
    officer: str,
    decided_at: dt.datetime,
    timetable: Timetable,
) -> Reappointment:
    """``code``: the dossier's code (or id), as ``dossier_key`` reads it."""

    def decide(dossier: StoredDossier) -> tuple[Rescheduled, Reappointment]:
        if dossier.due_at is None:
            raise ReappointmentError(NO_ACCEPTED_DOSSIER, code=code)
        earlier = dossier.reappointment
        decision = reappoint(
            dossier.due_at,
            extra_working_days,
            reason,
            decided_at,
            timetable.calendar,
            timetable.hours,
            timetable.rule,
            previous_due_at=earlier.new_due_at if earlier else None,
        )
        return Rescheduled(due_record(decision.due), decision.reason), decision

    try:
        return reschedule(store, dossier_key(code), officer, decided_at, decide)
    except DossierMissing as error:
        raise ReappointmentError(NO_ACCEPTED_DOSSIER, code=code) from error
