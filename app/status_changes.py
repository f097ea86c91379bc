"""The status operations the window and the command line will share (issue 14).

Each checks who may do it (``require``) before anything is read, then the rules of
``app.dossier_status`` inside the store transaction that writes the change and its
audit record (``db.dossier_status``). Permissions: handing over is
``Permission.HAND_OVER``; taking a result in (ready / not granted) is the return
side's work, so ``HAND_OVER`` too; forwarding the day's dossiers and recording a
withdrawal are the reception's own follow-up, so ``RECEIVE``. Officers and
supervisors have both; IT staff neither.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.dossier_queries import NO_SUCH_DOSSIER, dossier_key
from app.dossier_status import (
    STANDARD_HOURS,
    DossierState,
    HandOver,
    Returned,
    Status,
    StatusRefused,
    check_change,
    check_hand_over,
    forward_by,
)
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.reception import acting_officer, audit_actor
from app.workdays import OfficeHours, WorkCalendar
from db.dossier_status import (
    latest_changes,
    status_history,
    still_received,
    store_status_change,
    store_status_changes,
)
from db.dossiers import DossierMissing
from db.records import DossierWithStatus, StatusChangeRecord, StatusWrite, StoredDossier
from db.store import Store


class StatusDossierMissing(StatusRefused):
    """No dossier has the code or id given."""


@dataclass(frozen=True)
class ToForward:
    """A dossier still to forward, and when it must be with the processing unit."""

    dossier: StoredDossier
    forward_by: dt.datetime
    late: bool


def state_of(found: DossierWithStatus) -> DossierState:
    """The rules' view of a stored dossier and its changes."""
    dossier, latest = found.dossier, found.latest
    returned = None
    if latest is not None and latest.status == Status.RETURNED:
        details = json.loads(latest.details_json)
        returned = Returned(
            latest.changed_at, str(details.get("receiver", "")), latest.point, latest.counter_number
        )
    return DossierState(
        key=dossier.code or dossier.id,
        accepted=dossier.code is not None and dossier.status == "accepted",
        applicant_id_number=dossier.applicant_id_number,
        receiving_point=dossier.receiving_point,
        due_at=dossier.due_at,
        voided_at=None if dossier.voided is None else dossier.voided.voided_at,
        status=Status(latest.status) if latest is not None else Status.RECEIVED,
        changed_at=latest.changed_at if latest is not None else dossier.received_at,
        returned=returned,
    )


def hand_over(
    store: Store,
    key: str,
    given: HandOver,
    who: Officer | Authority,
    at: dt.datetime,
    point: str,
) -> StatusChangeRecord:
    """Hand the result of the dossier ``key`` over at ``point`` (this counter's receiving
    point), as ``given`` records; ``HandOverRefused`` (nothing written) says why not."""
    authority = require(who, Permission.HAND_OVER)

    def check(found: DossierWithStatus) -> None:
        check_hand_over(state_of(found), given, point)

    details = json.dumps(given.details(), ensure_ascii=False, sort_keys=True)
    return _change(store, key, Status.RETURNED, authority, at, check, details)


def result_ready(
    store: Store, key: str, who: Officer | Authority, at: dt.datetime, reference: str = ""
) -> StatusChangeRecord:
    """The processing unit's result reached the counter (a scanned card, a list)."""
    return _simple(store, key, Status.RESULT_READY, Permission.HAND_OVER, who, at, reference)


def not_granted(
    store: Store, key: str, who: Officer | Authority, at: dt.datetime, reference: str = ""
) -> StatusChangeRecord:
    """The result is a refusal letter (``reference``: its number); handed over like any."""
    return _simple(store, key, Status.NOT_GRANTED, Permission.HAND_OVER, who, at, reference)


def withdraw(
    store: Store, key: str, who: Officer | Authority, at: dt.datetime, reason: str = ""
) -> StatusChangeRecord:
    """The applicant withdrew the dossier before its result."""
    return _simple(store, key, Status.WITHDRAWN, Permission.RECEIVE, who, at, reason)


def forward(
    store: Store, keys: Sequence[str], who: Officer | Authority, at: dt.datetime
) -> list[StatusChangeRecord]:
    """Mark these dossiers forwarded to the processing unit, all in one transaction
    (one refused: none is marked)."""
    authority = require(who, Permission.RECEIVE)

    def check(found: DossierWithStatus) -> None:
        check_change(state_of(found), Status.FORWARDED)

    write = _write(Status.FORWARDED, authority, at, "{}")
    try:
        return store_status_changes(store, [dossier_key(key) for key in keys], write, check)
    except DossierMissing as error:
        raise StatusDossierMissing(NO_SUCH_DOSSIER, key=str(error)) from error


def still_to_forward(
    store: Store,
    now: dt.datetime,
    calendar: WorkCalendar,
    hours: OfficeHours = STANDARD_HOURS,
) -> list[ToForward]:
    """Every accepted dossier received up to ``now`` and not forwarded yet, with the time
    it must be forwarded by (``late``: that time has passed)."""
    found = []
    for dossier in still_received(store, now + dt.timedelta(microseconds=1)):
        by = forward_by(dossier.received_at, calendar, hours)
        found.append(ToForward(dossier, by, by < now))
    return found


def history(store: Store, key: str) -> DossierWithStatus:
    """The dossier and its status changes, oldest first."""
    found = status_history(store, dossier_key(key))
    if found is None:
        raise StatusDossierMissing(NO_SUCH_DOSSIER, key=key.strip())
    return found


def current_statuses(store: Store, dossier_ids: Sequence[str]) -> dict[str, Status]:
    """Each dossier's current status (received when nothing changed it)."""
    latest = latest_changes(store, dossier_ids)
    return {
        dossier_id: Status(latest[dossier_id].status) if dossier_id in latest else Status.RECEIVED
        for dossier_id in dossier_ids
    }


def _simple(
    store: Store,
    key: str,
    status: Status,
    permission: Permission,
    who: Officer | Authority,
    at: dt.datetime,
    note: str,
) -> StatusChangeRecord:
    authority = require(who, permission)

    def check(found: DossierWithStatus) -> None:
        check_change(state_of(found), status)

    details = json.dumps({"note": note.strip()} if note.strip() else {}, ensure_ascii=False)
    return _change(store, key, status, authority, at, check, details)


def _change(
    store: Store,
    key: str,
    status: Status,
    authority: Authority,
    at: dt.datetime,
    check: Callable[[DossierWithStatus], None],
    details: str,
) -> StatusChangeRecord:
    write = _write(status, authority, at, details)
    try:
        return store_status_change(store, dossier_key(key), write, check)
    except DossierMissing as error:
        raise StatusDossierMissing(NO_SUCH_DOSSIER, key=key.strip()) from error


def _write(status: Status, authority: Authority, at: dt.datetime, details: str) -> StatusWrite:
    actor = audit_actor(authority)
    if actor.approved_by is not None:
        kept = json.loads(details)
        kept["approved_by"] = actor.approved_by
        details = json.dumps(kept, ensure_ascii=False, sort_keys=True)
    return StatusWrite(str(status), at, acting_officer(authority).full_name, actor, details)
