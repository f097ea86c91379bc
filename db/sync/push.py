"""Push: the outbox to the central database, one PostgreSQL transaction per batch.

Exactly once, whatever breaks:

- each operation's id goes into ``applied_operation`` in the batch's
  transaction, with the row it writes (the *claim*); one already there was
  applied by an earlier attempt whose commit we never heard of, and is
  skipped. The centre accepts a point's write only under a claim of the same
  transaction, and records the operation in the row's history;
- rows are upserts by their UUIDv7 key, applied only over an older write of
  the same counter (``origin_seq``), so a replayed or reordered write can never
  turn a row back;
- the local outbox marks a batch sent only after the centre's COMMIT returned.
  Any failure before that (backend terminated, connection cut, process killed)
  leaves the batch pending, and the next attempt finds what did commit.

A batch the centre refuses for its data is re-applied operation by operation,
each under a savepoint, to keep the good ones and reject only the culprits. A
dossier whose code the centre refused withdraws, for that day, the block its
serial came from: the counter never numbers from it again that day. A status change
the centre holds already from another counter (two counters handed the same dossier
back offline) is rejected with words saying so, and recorded as a clash in the audit
trail (``db.sync.clashes``): the counter keeps its row, nothing is merged. That rejection
holds nothing back: the dossier's later rows still go (``mark_rejected(alone=True)``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

import psycopg
from psycopg import sql
from sqlalchemy.orm import Session

from db.audit import station_of
from db.central.schema import SCHEMA
from db.store import Store
from db.sync.clashes import PUSH, ChangeSide, record_clash
from db.sync.connection import Connection
from db.sync.errors import (
    CODE_REFUSALS,
    STATUS_CLASH,
    Rejection,
    clash_reason,
    is_rejection,
    reason_of,
)
from db.sync.outbox import Limits, Operation, mark_rejected, mark_sent, next_batch
from db.sync.photos import PhotoSource
from db.sync.serials import withdraw_serial
from db.sync.server_time import server_now
from db.sync.tables import INSERT_ONLY_TABLES, PHOTO, STATUS_CHANGE, SYNCED_TABLES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusClash:
    """A status change of ours the centre holds from another counter (or the centre)."""

    seq: int
    dossier_id: str
    status: str
    ours: ChangeSide
    theirs: ChangeSide


@dataclass(frozen=True)
class BatchResult:
    sent: list[int]  # outbox seqs the centre committed (or had committed before)
    rejected: list[tuple[int, str]]  # seq, reason
    server_time: dt.datetime  # naive UTC
    code_refused: list[int] = field(default_factory=list)  # seqs of dossiers refused their code
    clashes: list[StatusClash] = field(default_factory=list)


@dataclass
class PushReport:
    sent: int = 0
    rejected: int = 0
    withdrawn: list[tuple[str, dt.date, int, int]] = field(default_factory=list)
    batches: list[tuple[int, int]] = field(default_factory=list)  # operations, bytes
    # Status changes of ours another counter made first (rejected, recorded as clashes).
    clashes: int = 0


def push(
    connection: Connection,
    store: Store,
    device_id: str,
    photos: PhotoSource,
    limits: Limits = Limits(),  # noqa: B008 (frozen)
    held_tables: Collection[str] = (),
) -> PushReport:
    """Send every sendable pending operation, but those of ``held_tables`` (tables the
    centre's schema lacks: they wait for its upgrade, holding nothing else back); raises
    (all still pending) when the link fails."""
    report = PushReport()
    while True:
        with store.reading() as session:
            batch = next_batch(session, limits, held_tables)
        if not batch:
            return report
        result = apply_batch(connection, device_id, batch, photos)
        # Only now, after the commit returned: an unknown outcome stays pending.
        with store.transaction() as session:
            mark_sent(session, result.sent, result.server_time)
            alone = {clash.seq for clash in result.clashes}
            for seq, reason in result.rejected:
                mark_rejected(session, seq, reason, result.server_time, alone=seq in alone)
            for op in batch:
                if op.seq in result.code_refused:
                    report.withdrawn += _withdraw(session, op, result.server_time)
            for clash in result.clashes:
                record_clash(
                    session,
                    station_of(store),
                    dossier_id=clash.dossier_id,
                    status=clash.status,
                    kept=clash.ours,
                    other=clash.theirs,
                    found_by=PUSH,
                )
        report.sent += len(result.sent)
        report.rejected += len(result.rejected)
        report.clashes += len(result.clashes)
        report.batches.append((len(batch), sum(op.byte_size for op in batch)))
        if result.rejected:
            log.warning("the centre rejected %d operation(s)", len(result.rejected))


def _withdraw(
    session: Session, op: Operation, at: dt.datetime
) -> list[tuple[str, dt.date, int, int]]:
    """Stop numbering from the block of a dossier whose code the centre refused."""
    row = json.loads(op.payload)
    agency, day_text, serial = row.get("code_agency"), row.get("code_day"), row.get("code_serial")
    if not (agency and day_text and serial):
        return []
    day = dt.date.fromisoformat(day_text)
    first, last = withdraw_serial(session, agency, day, serial, at)
    log.warning("serials %04d-%04d of %s withdrawn: the centre refused a code", first, last, day)
    return [(agency, day, first, last)]


def apply_batch(
    connection: Connection, device_id: str, batch: Sequence[Operation], photos: PhotoSource
) -> BatchResult:
    """Apply a batch in one transaction; on a data error, operation by operation."""
    try:
        with connection.transaction():
            server_time = server_now(connection)
            fresh = _claim(connection, batch)
            _apply(connection, device_id, [op for op in batch if op.op_id in fresh], photos)
        return BatchResult([op.seq for op in batch], [], server_time)
    except Rejection:
        pass
    except psycopg.Error as error:
        if not is_rejection(error):
            raise
    return _apply_one_by_one(connection, device_id, batch, photos)


def _apply_one_by_one(
    connection: Connection, device_id: str, batch: Sequence[Operation], photos: PhotoSource
) -> BatchResult:
    sent: list[int] = []
    rejected: list[tuple[int, str]] = []
    code_refused: list[int] = []
    clashes: list[StatusClash] = []
    refused_streams: set[str] = set()
    with connection.transaction():
        server_time = server_now(connection)
        for op in batch:
            if op.stream in refused_streams:
                continue  # held behind the rejected operation of its dossier
            try:
                with connection.transaction():  # a savepoint: a refusal undoes this op only
                    if _claim(connection, [op]):
                        _apply(connection, device_id, [op], photos)
            except Rejection as refusal:
                rejected.append((op.seq, refusal.reason))
            except psycopg.Error as error:
                if not is_rejection(error):
                    raise
                clash = None
                if op.table_name == STATUS_CHANGE and error.diag.constraint_name == STATUS_CLASH:
                    clash = _status_clash(connection, op)
                if clash is not None:
                    # Flagged, and it holds nothing back: the dossier's later rows still go.
                    clashes.append(clash)
                    reason = clash_reason(clash.status, clash.theirs.counter_number)
                    rejected.append((op.seq, reason))
                    continue
                rejected.append((op.seq, reason_of(error)))
                if op.table_name == "dossier" and error.diag.constraint_name in CODE_REFUSALS:
                    code_refused.append(op.seq)
            else:
                sent.append(op.seq)
                continue
            refused_streams.add(op.stream)
    return BatchResult(sent, rejected, server_time, code_refused, clashes)


def _status_clash(connection: Connection, op: Operation) -> StatusClash | None:
    """The change the centre holds for the dossier and status of ``op``'s row (this
    point's own dossier: row-level security shows it)."""
    row = json.loads(op.payload)
    found = connection.execute(
        f"SELECT id::text, counter_number FROM {SCHEMA}.dossier_status_change "
        "WHERE dossier_id = %s AND status = %s",
        [row["dossier_id"], row["status"]],
    ).fetchone()
    if found is None:
        return None
    ours = ChangeSide(str(row["id"]), row.get("counter_number"))
    dossier_id, status = str(row["dossier_id"]), str(row["status"])
    return StatusClash(op.seq, dossier_id, status, ours, ChangeSide(*found))


def _claim(connection: Connection, ops: Sequence[Operation]) -> set[str]:
    """Record the operations as applied, each with the row it writes; returns those that
    were not already."""
    rows = connection.execute(
        f"INSERT INTO {SCHEMA}.applied_operation (op_id, table_name, row_id, origin_seq) "
        "SELECT * FROM unnest(%s::uuid[], %s::name[], %s::uuid[], %s::bigint[]) "
        "ON CONFLICT DO NOTHING RETURNING op_id",
        [
            [op.op_id for op in ops],
            [op.table_name for op in ops],
            [op.row_id for op in ops],
            [op.seq for op in ops],
        ],
    ).fetchall()
    return {str(row[0]) for row in rows}


def _apply(
    connection: Connection, device_id: str, ops: Sequence[Operation], photos: PhotoSource
) -> None:
    # The newest write of each row wins inside a batch (a dossier inserted, then numbered).
    latest: dict[str, dict[str, Operation]] = {}
    for op in ops:
        rows = latest.setdefault(op.table_name, {})
        if op.row_id not in rows or rows[op.row_id].seq < op.seq:
            rows[op.row_id] = op
    for table in SYNCED_TABLES:
        rows = latest.pop(table, {})
        if not rows:
            continue
        if table == PHOTO:
            _insert_photos(connection, device_id, rows, photos)
        elif table in INSERT_ONLY_TABLES:
            _insert(connection, device_id, table, rows)
        else:
            _upsert(connection, device_id, table, rows)
    if latest:
        unknown = sorted(latest)
        seq = min(op.seq for rows in latest.values() for op in rows.values())
        raise Rejection(seq, f"this program does not sync table(s) {', '.join(unknown)}")


def _records(device_id: str, rows: dict[str, Operation]) -> str:
    """The rows as one JSON array, each payload with its origin added.

    Spliced as text: the payloads are JSON objects already, and parsing and
    re-encoding thousands of them would cost more than sending them.
    """
    origin = f',"origin_device":"{device_id}","origin_seq":'
    return "[" + ",".join(f"{op.payload[:-1]}{origin}{op.seq}}}" for op in rows.values()) + "]"


def _upsert(connection: Connection, device_id: str, table: str, rows: dict[str, Operation]) -> None:
    columns = list(json.loads(next(iter(rows.values())).payload))
    target = sql.Identifier(SCHEMA, table)
    names = sql.SQL(", ").join(sql.Identifier(name) for name in columns)
    updates = sql.SQL(", ").join(
        sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(name))
        for name in [*columns, "origin_device", "origin_seq"]
        if name != "id"
    )
    statement = sql.SQL(
        "INSERT INTO {target} ({names}, origin_device, origin_seq) "
        "SELECT {names}, origin_device, origin_seq "
        "FROM jsonb_populate_recordset(NULL::{target}, %s::jsonb) "
        "ON CONFLICT (id) DO UPDATE SET {updates} "
        # Only over an older write of the same counter: a replay never turns a row back.
        "WHERE {table}.origin_device = EXCLUDED.origin_device "
        "AND {table}.origin_seq < EXCLUDED.origin_seq "
        "RETURNING id"
    ).format(target=target, names=names, updates=updates, table=sql.Identifier(table))
    written = {
        str(row[0]) for row in connection.execute(statement, [_records(device_id, rows)]).fetchall()
    }
    untouched = [row_id for row_id in rows if row_id not in written]
    if untouched:
        _check_untouched(connection, device_id, table, untouched, rows)


def _insert(connection: Connection, device_id: str, table: str, rows: dict[str, Operation]) -> None:
    """Rows a point may only insert (the audit trail): a row id already at the centre is
    a refusal of the data, never an update."""
    columns = list(json.loads(next(iter(rows.values())).payload))
    target = sql.Identifier(SCHEMA, table)
    names = sql.SQL(", ").join(sql.Identifier(name) for name in columns)
    statement = sql.SQL(
        "INSERT INTO {target} ({names}, origin_device, origin_seq) "
        "SELECT {names}, origin_device, origin_seq "
        "FROM jsonb_populate_recordset(NULL::{target}, %s::jsonb)"
    ).format(target=target, names=names)
    connection.execute(statement, [_records(device_id, rows)])


def _check_untouched(
    connection: Connection,
    device_id: str,
    table: str,
    untouched: list[str],
    rows: dict[str, Operation],
) -> None:
    """A row left as it was holds a newer write of ours (fine) or another counter's (refused)."""
    statement = sql.SQL("SELECT id, origin_device FROM {} WHERE id = ANY(%s::uuid[])").format(
        sql.Identifier(SCHEMA, table)
    )
    for row_id, origin in connection.execute(statement, [untouched]).fetchall():
        if str(origin) != device_id:
            raise Rejection(
                rows[str(row_id)].seq,
                f"this {table} row was written at the centre by another counter; "
                "it was not overwritten",
            )


def _insert_photos(
    connection: Connection,
    device_id: str,
    rows: dict[str, Operation],
    photos: PhotoSource,
) -> None:
    params = []
    for row_id, op in rows.items():
        seq, meta = op.seq, json.loads(op.payload)
        content = photos.photo_content(row_id)
        if content is None:
            raise Rejection(seq, "the photo's content is missing from this counter's store")
        digest = hashlib.sha256(content).digest()
        if digest.hex() != meta["sha256"]:
            raise Rejection(seq, "the photo changed on this counter after it was recorded")
        params.append(
            (
                row_id,
                meta["dossier_id"],
                meta["kind"],
                meta["taken_at"],
                digest,
                len(content),
                content,
                device_id,
                seq,
            )
        )
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {SCHEMA}.photo (id, dossier_id, kind, taken_at, sha256, byte_size, "
            "content, origin_device, origin_seq) "
            "VALUES (%s, %s, %s, %s, %b, %s, %b, %s, %s) ON CONFLICT (id) DO NOTHING",
            params,
        )
