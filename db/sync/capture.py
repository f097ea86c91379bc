"""Writing outbox operations: every change of a synced table, in the flush that makes it.

``db.models`` registers ``record_insert`` and ``record_update`` as mapper
events of every model, so the operation is written on the same connection, in
the same SQLite transaction, as the row it records: a crash keeps both or
neither, and no writer (receiving, re-appointing, printing a slip) can forget
one. The payload is the row as the flush wrote it: the object's column values
(defaults included, the flush has set them), or the row read back on that
connection when an attribute is not loaded.

The operations of one flush are gathered as the flush writes its rows and
written together when it ends (``write_flushed``, a session ``after_flush``
event, still inside the flush's transaction): one executemany for the dossier,
its licences, its round and checklist rows instead of one INSERT each, which
was a fifth of receiving's CPU time (issue 19). They keep the order the flush
wrote the rows in, so the outbox's sequence still lists parents first.

A writer that bypasses the ORM for speed (receiving, ``db.dossiers.store_reception``)
holds its rows whole and makes their operations with ``new_operation``, then writes them
with ``write_operations``, in its transaction, as the flush would have.

This module must not import ``db.models`` (which imports it): it finds the
outbox table through the metadata of the table being written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table, inspect, select
from sqlalchemy.orm import Mapper, Session, UOWTransaction

from db.compiled import CompiledInsert
from db.ids import new_id
from db.sync.tables import SYNCED_TABLES, stream_of

OUTBOX_TABLE = "sync_outbox"
# Where a flush gathers its operations: the session's info, reset when a flush starts so a
# flush that failed (and was rolled back) leaves nothing for the next one.
_GATHERED = "motcua.outbox_gathered"
# The columns an operation is written with: the sequence is SQLite's, reason and settled_at
# come later (a push).
_WRITTEN = ("op_id", "table_name", "row_id", "stream", "payload", "byte_size", "state")


def record_insert(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    _record(mapper, connection, target)


def record_update(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    # after_update also fires for objects that were only marked dirty: skip those.
    state = inspect(target)
    if any(state.attrs[column.key].history.has_changes() for column in mapper.column_attrs):
        _record(mapper, connection, target)


def _record(mapper: Mapper[Any], connection: Connection, target: Any) -> None:
    table = mapper.local_table
    if not isinstance(table, Table) or table.name not in SYNCED_TABLES:
        return
    values = inspect(target).dict
    row: Mapping[Any, Any]
    if all(attribute.key in values for attribute in mapper.column_attrs):
        row = {
            attribute.columns[0].name: values[attribute.key] for attribute in mapper.column_attrs
        }
    else:
        key = mapper.primary_key_from_instance(target)[0]
        row = connection.execute(select(table).where(table.c.id == key)).mappings().one()
    operation = operation_values(connection, table.name, row, stream=_loaded_stream(values))
    gathered = inspect(target).session.info.setdefault(_GATHERED, [])
    gathered.append((table.metadata.tables[OUTBOX_TABLE], operation))


def forget_gathered(session: Session, *_: object) -> None:
    """``before_flush``: a new flush gathers afresh."""
    session.info.pop(_GATHERED, None)


def write_flushed(session: Session, _: UOWTransaction) -> None:
    """``after_flush``: the flush's operations in one statement, on its connection."""
    gathered: list[tuple[Table, dict[str, Any]]] = session.info.pop(_GATHERED, [])
    if gathered:
        _insert(gathered[0][0]).run(session, [values for _, values in gathered])


def write_operations(
    session: Session, outbox: Table, operations: Sequence[Mapping[str, Any]]
) -> None:
    """Operations made with ``new_operation``, in one statement, in the session's transaction."""
    _insert(outbox).run(session, operations)


@cache
def _insert(outbox: Table) -> CompiledInsert:
    return CompiledInsert(outbox, _WRITTEN)


def _loaded_stream(values: Mapping[str, Any]) -> str | None:
    """The dossier of a checklist row when its round is in memory (saves a query per row)."""
    parent = values.get("round")
    dossier_id = getattr(parent, "dossier_id", None)
    return str(dossier_id) if dossier_id is not None else None


def append_operation(
    connection: Connection,
    outbox: Table,
    table_name: str,
    row: Mapping[Any, Any],
    *,
    stream: str | None = None,
    extra_bytes: int = 0,
) -> None:
    """One pending operation carrying ``row``; ``extra_bytes``: content sent beside it (photos).

    ``stream``: the row's dossier when the caller knows it, else it is looked up.
    """
    connection.execute(
        outbox.insert(),
        operation_values(connection, table_name, row, stream=stream, extra_bytes=extra_bytes),
    )


def operation_values(
    connection: Connection,
    table_name: str,
    row: Mapping[Any, Any],
    *,
    stream: str | None = None,
    extra_bytes: int = 0,
) -> dict[str, Any]:
    """The outbox row of one pending operation carrying ``row`` (see ``append_operation``)."""
    return new_operation(
        table_name, row, stream or stream_of(connection, table_name, row), extra_bytes
    )


def new_operation(
    table_name: str, row: Mapping[Any, Any], stream: str, extra_bytes: int = 0
) -> dict[str, Any]:
    """The outbox row of one pending operation carrying ``row`` (every column, in the
    table's order) of ``stream`` (its dossier, ``db.sync.tables.stream_of``)."""
    payload = payload_json(row)
    return {
        "op_id": new_id(),
        "table_name": table_name,
        "row_id": str(row["id"]),
        "stream": stream,
        "payload": payload,
        "byte_size": len(payload.encode()) + extra_bytes,
        "state": "pending",
    }


def payload_json(row: Mapping[Any, Any]) -> str:
    return _PAYLOAD.encode(row if isinstance(row, dict) else dict(row))


def _iso(value: object) -> object:
    # PostgreSQL reads ISO dates and times into date and timestamp columns.
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a column value the outbox carries")


# One encoder for every payload (json.dumps with options builds one per call); dates and
# times, which JSON lacks, through ``default``.
_PAYLOAD = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso)
