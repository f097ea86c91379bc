"""Re-appointing a dossier that cannot be settled on time: once, with a reason, recorded.

The rule (Decree 61/2018 art. 19) is checked by ``app.workdays.reappoint``;
here the decision is stored with the dossier and its due date moved, in one
transaction (``db.dossiers.reschedule``). The store's unique key on the
dossier is the backstop if two officers try at the same moment.
"""

from __future__ import annotations

import datetime as dt

from app.day_close import check_day_open
from app.dossier_queries import DOSSIER_VOIDED, dossier_key, voided_values
from app.i18n import Message
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.reception import Timetable, acting_officer, audit_actor, due_record
from app.workdays import DueDate, Reappointment, ReappointmentError, compute_due, reappoint
from app.workdays.reappointment import ALREADY_REAPPOINTED
from db.dossiers import DossierMissing, reschedule
from db.records import Rescheduled, StoredDossier
from db.store import Store

# The window offers at most this many working days (about three months) to add.
MOST_EXTRA_WORKING_DAYS = 60

NO_ACCEPTED_DOSSIER = Message(
    "không có hồ sơ đã tiếp nhận nào có mã {code}", "no accepted dossier with code {code}"
)


def reappoint_dossier(
    store: Store,
    code: str,
    *,
    extra_working_days: int,
    reason: str,
    officer: Officer | Authority,
    decided_at: dt.datetime,
    timetable: Timetable,
) -> Reappointment:
    """``code``: the dossier's code (or id), as ``dossier_key`` reads it. ``officer``
    decides: a supervisor, or an officer with a supervisor's approval (``RoleRefused``
    otherwise, before anything is read)."""
    authority = require(officer, Permission.REAPPOINT)
    check_day_open(store, decided_at.date())

    def decide(dossier: StoredDossier) -> tuple[Rescheduled, Reappointment]:
        if dossier.voided is not None:
            raise ReappointmentError(DOSSIER_VOIDED, **voided_values(dossier))
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
        return reschedule(
            store,
            dossier_key(code),
            acting_officer(authority).full_name,
            audit_actor(authority),
            decided_at,
            decide,
        )
    except DossierMissing as error:
        raise ReappointmentError(NO_ACCEPTED_DOSSIER, code=code) from error


def check_reappointable(dossier: StoredDossier) -> None:
    """Refuse at once, in the officer's words, what ``reappoint_dossier`` would refuse.

    The window asks before showing the re-appointment dialog; the transaction
    checks again (another counter may have re-appointed it meanwhile).
    """
    key = dossier.code or dossier.id
    if dossier.voided is not None:
        raise ReappointmentError(DOSSIER_VOIDED, **voided_values(dossier))
    if dossier.due_at is None or dossier.code is None:
        raise ReappointmentError(NO_ACCEPTED_DOSSIER, code=key)
    if dossier.reappointment is not None:
        raise ReappointmentError(
            ALREADY_REAPPOINTED, due=f"{dossier.reappointment.new_due_at:%H:%M %d/%m/%Y}"
        )


def new_due_date(
    original_due_at: dt.datetime,
    extra_working_days: int,
    decided_at: dt.datetime,
    timetable: Timetable,
) -> DueDate:
    """The due date ``reappoint_dossier`` would set, to show before the officer confirms."""
    start = max(original_due_at, decided_at)
    return compute_due(
        start, max(1, extra_working_days), timetable.calendar, timetable.hours, timetable.rule
    )


def working_days_until(
    original_due_at: dt.datetime,
    day: dt.date,
    decided_at: dt.datetime,
    timetable: Timetable,
    *,
    most: int = MOST_EXTRA_WORKING_DAYS,
) -> int | None:
    """The fewest working days to add for the new due date to fall on ``day`` or after it;
    None when ``day`` is further than ``most`` working days."""
    for days in range(1, most + 1):
        if new_due_date(original_due_at, days, decided_at, timetable).due_at.date() >= day:
            return days
    return None
