"""Catching up with the centre after a restore or a new store: what was issued and sent since.

A store put back from a backup lacks what the counter did after that backup;
a new store lacks everything. What the counter sent meanwhile is at the centre,
so the catch-up reads it back (never writing there):

- the codes of this point's dossiers on recent days become known serials
  (``db.store_safety``): numbering never gives one of them again, whichever
  store of the counter gave it;
- the rows this store itself sent after its backup (origin ``device_id``, with
  an ``origin_seq`` above the outbox sequence the backup had reached) are put
  back as the centre holds them, parents first, *without* outbox operations:
  they are at the centre already. Photos are not: the centre keeps only their
  content, not the checks the counter recorded with them;
- the outbox sequence is raised above the highest ``origin_seq`` the centre holds
  from this store, so the centre takes the next writes as the newest;
- the reserve's hold is lifted.

A new store has another identity, so only the codes come back: its dossiers
start afresh, and the lost store's remain at the centre.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql
from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from db.central.schema import SCHEMA
from db.models import Base
from db.store import Store
from db.store_safety import (
    CENTRE,
    IssuedSerial,
    finish_catch_up,
    raise_outbox_sequence,
    record_known,
    restored_seq,
)
from db.sync.compat import check_compatible, tables_too_new
from db.sync.connection import Connection, connect
from db.sync.errors import SyncError
from db.sync.state import sync_state
from db.sync.tables import INSERT_ONLY_TABLES, PHOTO, SYNCED_TABLES

# Codes of this many days back become known: enough for a dossier entered late
# (``receive --at``) and for a backup a month old.
RECENT_DAYS = 31
# The synced tables whose local rows are exactly the centre's columns, parents first.
ROW_TABLES = tuple(table for table in SYNCED_TABLES if table != PHOTO)


class NoCentralDatabase(SyncError):
    """The store has no central database to catch up with."""


@dataclass
class CaughtUp:
    known_serials: int = 0  # codes of recent days recorded as issued
    rows: dict[str, int] = field(default_factory=dict)  # rows put back, per table
    outbox_sequence: int = 0  # the highest origin_seq the centre holds from this store


def catch_up(store: Store, today: dt.date, now: dt.datetime) -> CaughtUp:
    """Read back from the centre what this counter issued and sent; raises (nothing
    written here) when the centre cannot be reached or does not fit."""
    with store.reading() as session:
        state = sync_state(session)
        url, device, since = state.central_url, state.device_id, restored_seq(session)
    if not url:
        raise NoCentralDatabase("no central database configured (motcua sync --url URL)")
    with connect(url, application_name="motcua-catch-up") as connection:
        # A centre not yet upgraded has not got the newest tables: nothing of them to read.
        present = set(SYNCED_TABLES) - set(tables_too_new(check_compatible(connection)))
        with connection.transaction():
            # One snapshot: the codes, the rows and the highest sequence agree.
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            serials = _issued_codes(connection, today - dt.timedelta(days=RECENT_DAYS))
            highest = _highest_sequence(connection, device, present)
            rows = {} if since is None else _rows_sent_after(connection, device, since, present)
    report = CaughtUp(len(serials), {table: len(found) for table, found in rows.items()}, highest)
    with store.transaction() as session:
        record_known(session, serials, CENTRE)
        for table in ROW_TABLES:
            _put_back(session, _local_table(table), rows.get(table, []))
        raise_outbox_sequence(session, highest)
        finish_catch_up(session, now)
    return report


def _issued_codes(connection: Connection, since: dt.date) -> list[IssuedSerial]:
    # Row-level security shows a point its own dossiers only.
    found = connection.execute(
        f"SELECT code_agency, code_day, code_serial FROM {SCHEMA}.dossier "
        "WHERE code_serial IS NOT NULL AND code_day >= %s",
        [since],
    ).fetchall()
    return [IssuedSerial(agency, day, serial) for agency, day, serial in found]


def _highest_sequence(connection: Connection, device: str, present: set[str]) -> int:
    highest = 0
    for table in (table for table in SYNCED_TABLES if table in present):
        row = connection.execute(
            sql.SQL("SELECT max(origin_seq) FROM {} WHERE origin_device = %s").format(
                sql.Identifier(SCHEMA, table)
            ),
            [device],
        ).fetchone()
        if row is not None and row[0] is not None:
            highest = max(highest, int(row[0]))
    return highest


def _rows_sent_after(
    connection: Connection, device: str, since: int, present: set[str]
) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {}
    for table in (table for table in ROW_TABLES if table in present):
        columns = [column.name for column in _local_table(table).columns]
        query = sql.SQL(
            "SELECT {columns} FROM {table} WHERE origin_device = %s AND origin_seq > %s "
            "ORDER BY origin_seq"
        ).format(
            columns=sql.SQL(", ").join(sql.Identifier(name) for name in columns),
            table=sql.Identifier(SCHEMA, table),
        )
        found = connection.execute(query, [device, since]).fetchall()
        rows[table] = [dict(zip(columns, map(_local_value, row), strict=True)) for row in found]
    return rows


def _put_back(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert the rows, or replace the older local ones: Core statements, which the
    outbox's mapper events never see. A row of an insert-only table is never replaced
    (the store refuses an update of it): one the store holds already, or whose dossier
    and status it holds from another counter (pulled), stays as it is."""
    if not rows:
        return
    statement = insert(table)
    if table.name in INSERT_ONLY_TABLES:
        session.execute(statement.on_conflict_do_nothing(), list(rows))
        return
    statement = statement.on_conflict_do_update(
        index_elements=["id"],
        set_={name: statement.excluded[name] for name in rows[0] if name != "id"},
    )
    session.execute(statement, list(rows))


def _local_table(name: str) -> Table:
    return Base.metadata.tables[name]


def _local_value(value: Any) -> Any:
    # The centre's ids are uuid; the store keeps them as text.
    return str(value) if isinstance(value, uuid.UUID) else value
