"""Results: those that will be late, those that came in, finding one to hand back (issue 14).

Decree 61/2018 art. 19(9): a result that will be late is announced at least a day
before its due date, with an apology and a new date (Mẫu 04, ``app.appointments``);
the date moves only once. ``late_results`` lists what the counter must chase: every
accepted dossier, not voided, whose result is neither ready nor handed over (nor the
dossier withdrawn), due by the end of the next working day, or already past due.

``result_in`` takes one result delivered by the processing unit ("nhận kết quả từ
phòng chuyên môn": one scan per card), refusing a code that is not one of this
receiving point's dossiers. ``find_for_hand_over`` is the hand-back screen's one
field: what the applicant brings (BM 01's barcode or QR, or its code typed) or their
identity document number (typed, or the citizen-ID card's QR).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.dossier_queries import dossier_key, look_up
from app.dossier_status import OTHER_POINT, HandOverRefused, Status, StatusRefused
from app.i18n import Message
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.status_changes import current_statuses, not_granted, result_ready
from app.workdays import WorkCalendar
from db.dossier_status import waiting_due_before
from db.dossiers import dossier_by_key, dossiers_of_id_numbers
from db.records import DossierKey, StatusChangeRecord, StoredDossier
from db.store import Store

NOT_THIS_POINT = Message(
    "{key} không phải mã hồ sơ của điểm tiếp nhận này (không có trong kho hồ sơ của quầy)",
    "{key} is not the code of a dossier of this receiving point (not in this counter's store)",
)


@dataclass(frozen=True)
class LateResult:
    """A dossier whose result is due soon (or overdue) and not ready."""

    dossier: StoredDossier  # with its history (its re-appointment, if any)
    status: Status  # received or forwarded
    due_at: dt.datetime
    overdue: bool  # the due time has passed

    @property
    def may_reappoint(self) -> bool:
        """The due date may still be moved (only once, art. 19(9))."""
        return self.dossier.reappointment is None


def late_horizon(now: dt.datetime, calendar: WorkCalendar) -> dt.datetime:
    """The end of the next working day after ``now``'s: what is due by then is listed."""
    following = calendar.next_working_day(now.date())
    return dt.datetime.combine(following + dt.timedelta(days=1), dt.time())


def late_results(store: Store, now: dt.datetime, calendar: WorkCalendar) -> list[LateResult]:
    """Accepted dossiers, not voided, not ready, returned or withdrawn, due by the end of
    the next working day (or past due), the earliest due first."""
    waiting = waiting_due_before(store, late_horizon(now, calendar))
    statuses = current_statuses(store, [dossier.id for dossier in waiting])
    found = []
    for dossier in waiting:
        full = dossier_by_key(store, DossierKey(id=dossier.id)) or dossier
        assert dossier.due_at is not None  # the query's condition
        found.append(LateResult(full, statuses[dossier.id], dossier.due_at, dossier.due_at < now))
    return sorted(found, key=lambda late: (late.due_at, late.dossier.code or ""))


def find_for_hand_over(store: Store, text: str) -> list[StoredDossier]:
    """The dossiers ``text`` names, each with its history, the latest received first:

    - a dossier code, typed or scanned from BM 01 (its barcode and QR hold the code);
    - an identity document number (citizen ID, old ID, passport; any case, spaces
      ignored), or the citizen-ID card's QR text (``number|old number|name|…``): that
      applicant's accepted dossiers (those given a code).
    """
    text = text.strip()
    if not text:
        return []
    if dossier_key(text).code is not None:
        found = look_up(store, text)
        return [] if found is None else [found]
    if "|" in text:  # the card's QR: the number, then the old ID number
        numbers = [part.strip().upper() for part in text.split("|")[:2] if part.strip()]
    else:
        numbers = ["".join(text.split()).upper()]
    matching = [
        dossier for dossier in dossiers_of_id_numbers(store, numbers) if dossier.code is not None
    ]
    matching.sort(key=lambda dossier: dossier.received_at, reverse=True)
    return [dossier_by_key(store, DossierKey(id=dossier.id)) or dossier for dossier in matching]


@dataclass(frozen=True)
class Located:
    """The dossiers found to hand back; ``fetched``: read from the centre just now."""

    dossiers: list[StoredDossier]
    fetched: bool = False


def locate_for_hand_over(store: Store, text: str) -> Located:
    """``find_for_hand_over``, and a code this store does not hold asked of the centre
    (``app.sync_ops.fetch_point_dossier``): another counter of this point received it
    (read into the store, then found), or another point did (``HandOverRefused`` naming
    it). No central database, or no such code there: nothing found. ``CentralFailure``
    when the centre cannot be reached. The window and ``motcua handover`` both ask here."""
    found = find_for_hand_over(store, text)
    code = dossier_key(text).code
    if found or code is None:
        return Located(found)
    # psycopg and the sync engine only when a code is not in the store.
    from app.sync_ops import fetch_point_dossier
    from db.sync.point_dossiers import OtherPoint

    fetched = fetch_point_dossier(store, code)
    if isinstance(fetched, OtherPoint):
        raise HandOverRefused(OTHER_POINT, code=code, point=fetched.receiving_point)
    if fetched is None:
        return Located([])
    return Located(find_for_hand_over(store, text), fetched=True)


class NotThisPoint(StatusRefused):
    """A result delivered for a code this receiving point does not hold (or another
    point's dossier): nothing was written."""


def result_in(
    store: Store,
    text: str,
    who: Officer | Authority,
    at: dt.datetime,
    point: str,
    *,
    granted: bool = True,
    reference: str = "",
) -> StatusChangeRecord:
    """The processing unit's result for the dossier ``text`` names (its code typed, or
    scanned from the card or BM 01) reached this counter: marked result ready, or not
    granted (the result is a refusal letter, ``reference`` its number). ``NotThisPoint``
    when this store holds no such dossier or it was received at another point; the
    status rules' ``StatusRefused`` otherwise (not forwarded, already ready, voided)."""
    authority = require(who, Permission.HAND_OVER)
    key = text.strip()
    found = look_up(store, key)
    if found is None:
        raise NotThisPoint(NOT_THIS_POINT, key=key)
    if found.receiving_point != point:
        raise NotThisPoint(OTHER_POINT, code=found.code or key, point=found.receiving_point)
    mark = result_ready if granted else not_granted
    return mark(store, found.id, authority, at, reference)
