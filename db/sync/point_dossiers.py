"""A dossier another counter of this point received, fetched from the centre on demand.

An applicant comes back to any counter of the point that received the dossier. A counter
asked for a code it does not hold reads the dossier from the centre (row-level security
shows it the point's own rows only): the dossier, its licences, rounds and checklists,
re-appointment, corrections, slips, void and status changes, in one snapshot. They are put
into the store as the centre holds them, parents first, *without* outbox operations
(Core statements, as ``db.sync.recover`` does): they are at the centre already, and the
counter that made them keeps sending its own. Photos stay at the centre. From then on the
pull brings the dossier's new status changes as it does for the counter's own.

A code of another point is not readable; ``motcua.dossier_point`` (c0006) tells only the
name of the point that received it, so the officer can say where to go.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from psycopg import sql
from sqlalchemy import Table
from sqlalchemy.dialects.sqlite import insert

from db.central.schema import SCHEMA
from db.models import Base
from db.store import Store
from db.sync.connection import Connection
from db.sync.tables import AUDIT, PASSWORD_CHANGE, PHOTO, SYNCED_TABLES

# The tables of a dossier, parents first; how each row finds its dossier at the centre.
DOSSIER_TABLES = tuple(t for t in SYNCED_TABLES if t not in (PHOTO, PASSWORD_CHANGE, AUDIT))
_WHERE = {
    "dossier": "id = %(dossier)s",
    "presented_item": (
        f"round_id IN (SELECT id FROM {SCHEMA}.reception_round WHERE dossier_id = %(dossier)s)"
    ),
    # The batches the dossier's card steps name (c0008), before the steps.
    "card_batch": (
        f"id IN (SELECT batch_id FROM {SCHEMA}.card_state_change WHERE dossier_id = %(dossier)s)"
    ),
}
_BY_DOSSIER = "dossier_id = %(dossier)s"


@dataclass(frozen=True)
class Fetched:
    """The dossier was read from the centre into the store."""

    dossier_id: str
    rows: dict[str, int] = field(default_factory=dict)  # rows put in the store, per table


@dataclass(frozen=True)
class OtherPoint:
    """The code is another point's dossier: only the point's name is told."""

    receiving_point: str


def fetch_dossier(connection: Connection, store: Store, code: str) -> Fetched | OtherPoint | None:
    """Put the dossier with ``code`` into the store from the centre (None: no dossier has
    this code at the centre). A dossier the store holds already is left as it is."""
    with connection.transaction():
        connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        found = connection.execute(
            f"SELECT id::text FROM {SCHEMA}.dossier WHERE code = %s", [code]
        ).fetchone()
        if found is None:
            row = connection.execute(f"SELECT {SCHEMA}.dossier_point(%s)", [code]).fetchone()
            name = None if row is None else row[0]
            return None if name is None else OtherPoint(str(name))
        dossier_id = str(found[0])
        rows = {table: _rows(connection, table, dossier_id) for table in DOSSIER_TABLES}
    with store.transaction() as session:
        for table in DOSSIER_TABLES:
            if rows[table]:
                # Nothing the store holds is replaced: its own rows are newer or the same.
                session.execute(insert(_local(table)).on_conflict_do_nothing(), rows[table])
    return Fetched(dossier_id, {table: len(found) for table, found in rows.items() if found})


def _rows(connection: Connection, table: str, dossier_id: str) -> list[dict[str, Any]]:
    columns = [column.name for column in _local(table).columns]
    query = sql.SQL("SELECT {columns} FROM {table} WHERE {where}").format(
        columns=sql.SQL(", ").join(sql.Identifier(name) for name in columns),
        table=sql.Identifier(SCHEMA, table),
        where=sql.SQL(_WHERE.get(table, _BY_DOSSIER)),
    )
    found = connection.execute(query, {"dossier": dossier_id}).fetchall()
    return [dict(zip(columns, map(_local_value, row), strict=True)) for row in found]


def _local(name: str) -> Table:
    return Base.metadata.tables[name]


def _local_value(value: Any) -> Any:
    # The centre's ids are uuid; the store keeps them as text.
    return str(value) if isinstance(value, uuid.UUID) else value
