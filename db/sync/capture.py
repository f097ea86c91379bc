"""Writing outbox operations: every change of a synced table, in the flush that makes it.

``db.models`` registers ``record_insert`` and ``record_update`` as mapper
events of every model, so the operation is written on the same connection, in
the same SQLite transaction, as the row it records: a crash keeps both or
neither, and no writer (receiving, re-appointing, printing a slip) can forget
one. The payload is the row as the flush wrote it: the object's column values
(defaults included, the flush has set them), or the row read back on that
connection when an attribute is not loaded.

This module must not import ``db.models`` (which imports it): it finds the
outbox table through the metadata of the table being written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, Table, inspect, select
from sqlalchemy.orm import Mapper

from db.ids import new_id
from db.sync.tables import SYNCED_TABLES, stream_of

OUTBOX_TABLE = "sync_outbox"


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
    append_operation(
        connection,
        table.metadata.tables[OUTBOX_TABLE],
        table.name,
        row,
        stream=_loaded_stream(values),
    )


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
    payload = payload_json(row)
    connection.execute(
        outbox.insert(),
        {
            "op_id": new_id(),
            "table_name": table_name,
            "row_id": str(row["id"]),
            "stream": stream or stream_of(connection, table_name, row),
            "payload": payload,
            "byte_size": len(payload.encode()) + extra_bytes,
            "state": "pending",
        },
    )


def payload_json(row: Mapping[Any, Any]) -> str:
    return json.dumps(
        {name: _json_value(value) for name, value in row.items()},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _json_value(value: object) -> object:
    # PostgreSQL reads ISO dates and times into date and timestamp columns.
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value
