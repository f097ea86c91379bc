"""The audit trail's store side: one record per officer action, chained by SHA-256.

``record_action`` writes a record inside the caller's transaction, so the record
and the action are committed together or not at all; the table is synced, so the
outbox carries the record to the centre in the same transaction too. Each record
holds the hash of the previous record of its device and of its own content
(``content_hash``), and the device's next sequence number.

A record names who (``actor``: the officer's login, later the officer's id), when
(the counter's clock; the centre stamps its own time when the record arrives),
which counter (agency, point, counter number and the store's device id), the
action and the ids and codes it touched. Never personal data: no applicant's
name, identity number or photo goes into ``subject``, only ids and codes.

Which counter this process acts as comes from the settings, which ``db`` never
reads: ``identify_station`` tells the store once (``app.audit.identify_counter``),
and every record written through that store carries it.

This device's chain as the centre holds it is read by ``db.central.audit_trail``: this
module, which every officer action imports, loads no PostgreSQL driver of its own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
import weakref
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from db.compiled import CompiledInsert, CompiledSelect, table_of
from db.ids import new_id
from db.models import AuditRecord, OutboxOperation
from db.store import Store
from db.sync.capture import new_operation, write_operations
from db.sync.state import device_id as this_device
from db.sync.state import sync_state
from db.sync.tables import AUDIT

GENESIS = "0" * 64  # the "previous hash" of a device's first record
SubjectValue = str | int


class AuditAction(StrEnum):
    """Every kind of action the trail records; the one list (docs/audit.md)."""

    SIGN_IN = "sign-in"
    SIGN_IN_FAILED = "sign-in-failed"
    SIGN_OUT = "sign-out"
    LOCK = "lock"
    UNLOCK = "unlock"
    RECEIVE = "receive"  # a new dossier
    NEW_ROUND = "new-round"  # the applicant back with what BM 02 asked for
    CORRECTION = "correction"
    VOID = "void"
    PRINT = "print"  # the first print of a paper
    REPRINT = "reprint"
    REAPPOINTMENT = "reappointment"
    HAND_OVER = "hand-over"
    STATUS_CHANGE = "status-change"  # forwarded, result ready, not granted, withdrawn
    HAND_OVER_CLASH = "hand-over-clash"  # sync met another counter's change of the same status
    CARD_EXPORT = "card-export"  # a batch of card records made (issue 16)
    CARD_ANSWER = "card-answer"  # the card-printing operator's answer file imported
    CARD_RELEASE = "card-release"  # a supervisor lets an exported record go out again
    DAY_CLOSE = "day-close"
    SETTINGS_CHANGE = "settings-change"
    OFFICER_CHANGE = "officer-change"
    SYNC_CONFIGURATION = "sync-configuration"


@dataclass(frozen=True)
class Station:
    """Which counter acts: from the settings (the device id is the store's own)."""

    agency: str | None
    point: str | None
    counter_number: int | None


UNKNOWN_STATION = Station(None, None, None)
_stations: weakref.WeakKeyDictionary[Store, Station] = weakref.WeakKeyDictionary()


def identify_station(store: Store, station: Station) -> None:
    """The counter every record written through ``store`` names from now on."""
    _stations[store] = station


def station_of(store: Store) -> Station:
    return _stations.get(store, UNKNOWN_STATION)


@dataclass(frozen=True)
class AuditEntry:
    """What the action is: its kind, who did it and the ids and codes it touched."""

    action: AuditAction
    actor: str
    subject: Mapping[str, SubjectValue]


@dataclass(frozen=True)
class AuditRow:
    """A stored record, as read back (locally or at the centre)."""

    id: str
    device_id: str
    seq: int
    recorded_at: dt.datetime
    actor: str
    action: str
    agency: str | None
    point: str | None
    counter_number: int | None
    subject_json: str
    prev_hash: str
    hash: str


def canonical_json(value: object) -> str:
    """RFC 8785 (JCS) text for what a record holds: keys sorted, no whitespace, UTF-8.

    ``json.dumps`` with these options gives exactly the JCS text for objects of
    ASCII keys and string, integer and null values, which is all a record holds
    (a time is hashed as its ISO text); a JCS library would add a dependency for
    the number formatting we never use.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(row: AuditRow) -> str:
    """SHA-256 of the previous hash and the record's own content.

    The sequence number is not in it: the order is what the links prove, and the
    number is the record's place, checked for gaps (``app.audit.check_chain``).
    """
    content = {
        "id": row.id,
        "device_id": row.device_id,
        "recorded_at": row.recorded_at.isoformat(),
        "actor": row.actor,
        "action": row.action,
        "agency": row.agency,
        "point": row.point,
        "counter_number": row.counter_number,
        "subject": row.subject_json,
        "prev_hash": row.prev_hash,
    }
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


# The head of a device's chain, read by every officer action, and the record's INSERT:
# compiled once and run on the driver (db.compiled), as the rest of receiving (issue 19).
_RECORDS = table_of(AuditRecord)
_HEAD = CompiledSelect(
    select(_RECORDS.c.seq, _RECORDS.c.hash)
    .where(_RECORDS.c.device_id == bindparam("device_id"))
    .order_by(_RECORDS.c.seq.desc())
    .limit(1)
)
_INSERT = CompiledInsert(_RECORDS)
_OUTBOX = table_of(OutboxOperation)


def record_action(
    session: Session,
    entry: AuditEntry,
    station: Station,
    *,
    at: dt.datetime | None = None,
) -> AuditRow:
    """Append the record of ``entry`` to this device's chain, in ``session``'s transaction
    (which holds the store's write lock: the sequence and the link cannot race), with its
    outbox operation."""
    # The action's own rows first (with their operations): the record's operation follows.
    session.flush()
    operations: list[dict[str, Any]] = []
    row = append_record(session, entry, station, operations, at=at)
    write_operations(session, _OUTBOX, operations)
    return row


def append_record(
    session: Session,
    entry: AuditEntry,
    station: Station,
    operations: list[dict[str, Any]],
    *,
    at: dt.datetime | None = None,
) -> AuditRow:
    """``record_action`` for a writer that writes its outbox operations itself, after the
    rows it wrote (``db.dossiers.store_reception``): the record is inserted, its operation
    appended to ``operations``, for the caller to write with its own in one statement."""
    device_id = this_device(session)
    head = _HEAD.first(session, {"device_id": device_id})
    seq, prev_hash = (head[0] + 1, head[1]) if head is not None else (1, GENESIS)
    unhashed = AuditRow(
        id=new_id(),
        device_id=device_id,
        seq=seq,
        recorded_at=at or dt.datetime.now(),
        actor=entry.actor,
        action=str(entry.action),
        agency=station.agency,
        point=station.point,
        counter_number=station.counter_number,
        subject_json=canonical_json(dict(entry.subject)),
        prev_hash=prev_hash,
        hash="",
    )
    row = replace(unhashed, hash=content_hash(unhashed))
    # The record's fields are the table's columns, in its order (``asdict`` would copy each).
    values = {name: getattr(row, name) for name in COLUMNS}
    _INSERT.run(session, [values])
    operations.append(new_operation(AUDIT, values, stream=device_id))
    return row


def record_in_store(store: Store, entry: AuditEntry, at: dt.datetime | None = None) -> AuditRow:
    """An action outside the store (settings file, sync configuration, sign-in): its record
    in a transaction of its own, right after the action."""
    with store.transaction() as session:
        return record_action(session, entry, station_of(store), at=at)


@dataclass(frozen=True)
class TrailFilter:
    start: dt.datetime | None = None  # recorded at or after
    end: dt.datetime | None = None  # recorded before
    actor: str | None = None
    action: str | None = None


def trail(store: Store, where: TrailFilter = TrailFilter()) -> list[AuditRow]:
    """The records, each device's in its order (a restored store may hold another's)."""
    query = select(AuditRecord).order_by(AuditRecord.device_id, AuditRecord.seq)
    if where.start is not None:
        query = query.where(AuditRecord.recorded_at >= where.start)
    if where.end is not None:
        query = query.where(AuditRecord.recorded_at < where.end)
    if where.actor is not None:
        query = query.where(AuditRecord.actor == where.actor)
    if where.action is not None:
        query = query.where(AuditRecord.action == where.action)
    with store.reading() as session:
        return [_row(record) for record in session.scalars(query)]


def chains(store: Store) -> dict[str, list[AuditRow]]:
    """Every device's records in sequence order, for checking."""
    found: dict[str, list[AuditRow]] = {}
    for row in trail(store):
        found.setdefault(row.device_id, []).append(row)
    return found


def device_of(store: Store) -> str:
    with store.reading() as session:
        return sync_state(session).device_id


def count_records(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(AuditRecord)) or 0)


COLUMNS = tuple(field.name for field in fields(AuditRow))  # the record's columns, in order


def row_of(values: Sequence[Any]) -> AuditRow:
    """A record from its ``COLUMNS`` values (read at the centre: ids as text)."""
    texts: list[Any] = [str(v) if isinstance(v, uuid.UUID) else v for v in values]
    return AuditRow(*texts)


def _row(record: AuditRecord) -> AuditRow:
    return row_of([getattr(record, name) for name in COLUMNS])
