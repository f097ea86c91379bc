"""Reading and settling the local outbox (writing it is ``capture``'s job).

A batch is the oldest pending operations, in order, bounded by a count and by
bytes (a photo weighs its content). Operations of a stream (a dossier) with a
rejected operation are held back: they would fail for the same reason, or
depend on the rejected row; every other stream goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, delete, func, select, update
from sqlalchemy.orm import Session

from db.models import OutboxOperation

PENDING, SENT, REJECTED = "pending", "sent", "rejected"


@dataclass(frozen=True)
class Operation:
    seq: int
    op_id: str
    table_name: str
    row_id: str
    stream: str
    payload: str
    byte_size: int


@dataclass(frozen=True)
class Limits:
    operations: int = 1000
    bytes: int = 4 * 1024 * 1024


@dataclass(frozen=True)
class Rejected:
    op_id: str
    table_name: str
    row_id: str
    stream: str
    reason: str
    rejected_at: dt.datetime | None  # server time


@dataclass(frozen=True)
class Counts:
    pending: int  # waiting to be sent, held ones included
    held: int  # waiting behind a rejected operation of the same dossier
    rejected: int


def _blocked_streams() -> Select[str]:
    return select(OutboxOperation.stream).where(OutboxOperation.state == REJECTED)


def next_batch(
    session: Session, limits: Limits, held_tables: Collection[str] = ()
) -> list[Operation]:
    """The next operations to send, oldest first; at least one if any is sendable.
    ``held_tables``: tables the centre does not have yet, whose operations wait."""
    outbox = OutboxOperation
    rows = session.execute(
        select(
            outbox.seq,
            outbox.op_id,
            outbox.table_name,
            outbox.row_id,
            outbox.stream,
            outbox.payload,
            outbox.byte_size,
        )
        .where(
            OutboxOperation.state == PENDING,
            OutboxOperation.stream.not_in(_blocked_streams()),
            OutboxOperation.table_name.not_in(list(held_tables)),
        )
        .order_by(OutboxOperation.seq)
        .limit(limits.operations)
    )
    batch: list[Operation] = []
    size = 0
    for row in rows:
        if batch and size + row.byte_size > limits.bytes:
            break
        size += row.byte_size
        batch.append(Operation(*row))
    return batch


def mark_sent(session: Session, seqs: Sequence[int], server_time: dt.datetime) -> None:
    session.execute(
        update(OutboxOperation)
        .where(OutboxOperation.seq.in_(seqs), OutboxOperation.state == PENDING)
        .values(state=SENT, settled_at=server_time, reason=None)
    )


def mark_rejected(
    session: Session, seq: int, reason: str, server_time: dt.datetime, *, alone: bool = False
) -> None:
    """``alone``: the rejection holds back no other operation of its dossier (its stream
    becomes its own): a status change another counter made first (``db.sync.clashes``)
    is flagged, and the dossier's later rows still go."""
    values: dict[str, object] = {"state": REJECTED, "reason": reason, "settled_at": server_time}
    if alone:
        values["stream"] = f"alone:{seq}"
    session.execute(update(OutboxOperation).where(OutboxOperation.seq == seq).values(**values))


def retry_rejected(session: Session, op_ids: Sequence[str] | None = None) -> int:
    """Put rejected operations back in the queue (after the cause was fixed); all when None."""
    statement = update(OutboxOperation).where(OutboxOperation.state == REJECTED)
    if op_ids is not None:
        statement = statement.where(OutboxOperation.op_id.in_(op_ids))
    result = session.execute(statement.values(state=PENDING, reason=None, settled_at=None))
    return int(result.rowcount)  # type: ignore[attr-defined]


def counts(session: Session) -> Counts:
    found = session.execute(
        select(OutboxOperation.state, func.count()).group_by(OutboxOperation.state)
    )
    by_state: dict[str, int] = dict(found.all())
    held = session.scalar(
        select(func.count()).where(
            OutboxOperation.state == PENDING, OutboxOperation.stream.in_(_blocked_streams())
        )
    )
    return Counts(by_state.get(PENDING, 0), held or 0, by_state.get(REJECTED, 0))


def rejected_operations(session: Session) -> list[Rejected]:
    rows = session.scalars(
        select(OutboxOperation)
        .where(OutboxOperation.state == REJECTED)
        .order_by(OutboxOperation.seq)
    )
    return [
        Rejected(
            row.op_id, row.table_name, row.row_id, row.stream, row.reason or "", row.settled_at
        )
        for row in rows
    ]


def prune_sent(session: Session, before: dt.datetime) -> int:
    """Forget operations the centre committed before ``before`` (server time)."""
    result = session.execute(
        delete(OutboxOperation).where(
            OutboxOperation.state == SENT, OutboxOperation.settled_at < before
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
