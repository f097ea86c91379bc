"""A dossier's status after reception: the store's side (issue 14).

Every change is a row of its own (``dossier_status_change``, synced, insert-only):
forwarded, result ready, not granted, returned, withdrawn; no row means the dossier
is still "received". The current status is the latest change. A change and its
audit record are written in one transaction; whether the change is allowed is the
caller's ``check`` (``app.status_changes``), run inside that transaction on what it
read, so two writers on this store cannot both pass it. The unique key (one row per
dossier and status) is the backstop, here and at the centre.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from db.audit import AuditAction, AuditEntry, record_action, station_of
from db.dossiers import DossierMissing, find_by_key, stored_all
from db.models import Dossier, DossierStatusChange, DossierVoid
from db.records import (
    DossierKey,
    DossierWithStatus,
    StatusChangeRecord,
    StatusWrite,
    StoredDossier,
    record_from,
)
from db.store import Store, in_slices
from db.sync.state import sync_state

RETURNED = "returned"
ACCEPTED = "accepted"  # the dossier's reception status that enters the status model
# Where each stored status comes in a dossier's life (``app.dossier_status.TRANSITIONS``).
# The statuses after which a dossier no longer waits for its result.
DONE_WAITING = ("result-ready", "not-granted", "returned", "withdrawn")
STATUS_RANK = {"forwarded": 1, "result-ready": 2, "not-granted": 2, "withdrawn": 2, "returned": 3}

Check = Callable[[DossierWithStatus], None]


def store_status_change(
    store: Store, key: DossierKey, write: StatusWrite, check: Check
) -> StatusChangeRecord:
    """Record ``write`` for the dossier with this code or id, after ``check`` (which
    raises to refuse; nothing is written then); ``DossierMissing`` when there is none."""
    (stored,) = store_status_changes(store, [key], write, check)
    return stored


def store_status_changes(
    store: Store, keys: Sequence[DossierKey], write: StatusWrite, check: Check
) -> list[StatusChangeRecord]:
    """The same change for several dossiers (the day's forwarding) in one transaction:
    every one is checked first; one refusal or missing dossier writes none."""
    with store.transaction() as session:
        found: list[DossierWithStatus] = []
        for key in keys:
            dossier = find_by_key(session, key)
            if dossier is None:
                raise DossierMissing(key.code or key.id or "")
            (record,) = stored_all(session, [dossier])
            found.append(DossierWithStatus(record, _history(session, [dossier.id])[dossier.id]))
        for current in found:
            check(current)
        station = station_of(store)
        device_id = sync_state(session).device_id
        written = []
        for current in found:
            row = DossierStatusChange(
                dossier_id=current.dossier.id,
                status=write.status,
                changed_at=write.changed_at,
                officer=write.officer,
                actor=write.actor.login,
                agency=station.agency,
                point=station.point,
                counter_number=station.counter_number,
                device_id=device_id,
                details_json=write.details_json,
            )
            session.add(row)
            session.flush()
            subject: dict[str, str | int] = {
                "dossier_id": current.dossier.id,
                "status_change_id": row.id,
                "status": write.status,
            }
            if current.dossier.code is not None:
                subject["code"] = current.dossier.code
            subject.update(write.actor.subject())
            action = (
                AuditAction.HAND_OVER if write.status == RETURNED else AuditAction.STATUS_CHANGE
            )
            record_action(
                session,
                AuditEntry(action, write.actor.login, subject),
                station,
                at=write.changed_at,
            )
            written.append(record_from(StatusChangeRecord, row))
        return written


def status_history(store: Store, key: DossierKey) -> DossierWithStatus | None:
    """The dossier with this code or id and its changes, oldest first (None: no dossier)."""
    with store.reading() as session:
        dossier = find_by_key(session, key)
        if dossier is None:
            return None
        (record,) = stored_all(session, [dossier])
        return DossierWithStatus(record, _history(session, [dossier.id])[dossier.id])


def latest_changes(store: Store, dossier_ids: Iterable[str]) -> dict[str, StatusChangeRecord]:
    """The latest change of each dossier that has one (a dossier without: still received)."""
    with store.reading() as session:
        histories = _history(session, list(dossier_ids))
    return {dossier_id: changes[-1] for dossier_id, changes in histories.items() if changes}


def still_received(store: Store, received_before: dt.datetime) -> list[StoredDossier]:
    """Accepted dossiers received before ``received_before``, neither voided nor changed
    since: those still to forward, oldest first."""
    query = (
        select(Dossier)
        .where(
            Dossier.code.is_not(None),
            Dossier.status == ACCEPTED,
            Dossier.received_at < received_before,
            ~exists().where(DossierStatusChange.dossier_id == Dossier.id),
            ~exists().where(DossierVoid.dossier_id == Dossier.id),
        )
        .order_by(Dossier.received_at, Dossier.code)
    )
    with store.reading() as session:
        return stored_all(session, session.scalars(query))


def waiting_due_before(store: Store, due_before: dt.datetime) -> list[StoredDossier]:
    """Accepted dossiers, not voided, due before ``due_before`` and still waiting for their
    result (no result ready, not granted, returned or withdrawn): the late results' list,
    in one query whatever the size of the store (the due date is indexed by nothing else)."""
    done = DossierStatusChange.status.in_(DONE_WAITING)
    query = (
        select(Dossier)
        .where(
            Dossier.code.is_not(None),
            Dossier.status == ACCEPTED,
            Dossier.due_at < due_before,
            ~exists().where(DossierStatusChange.dossier_id == Dossier.id, done),
            ~exists().where(DossierVoid.dossier_id == Dossier.id),
        )
        .order_by(Dossier.due_at, Dossier.code)
    )
    with store.reading() as session:
        return stored_all(session, session.scalars(query))


def _history(session: Session, dossier_ids: list[str]) -> dict[str, list[StatusChangeRecord]]:
    found: dict[str, list[StatusChangeRecord]] = {dossier_id: [] for dossier_id in dossier_ids}
    for part in in_slices(dossier_ids):
        rows = session.scalars(
            select(DossierStatusChange)
            .where(DossierStatusChange.dossier_id.in_(part))
            .order_by(DossierStatusChange.changed_at, DossierStatusChange.id)
        )
        for row in rows:
            found[row.dossier_id].append(record_from(StatusChangeRecord, row))
    for changes in found.values():
        # In the order the states follow each other, not by the writers' clocks: the
        # centre's "result ready" and a counter's hand-over come from different clocks,
        # and each status is reached once per dossier (the unique key). Sorting is stable,
        # so the times order what the rank does not (ready / withdrawn, an old clash).
        changes.sort(key=lambda change: STATUS_RANK.get(change.status, len(STATUS_RANK)))
    return found
