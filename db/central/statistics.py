"""The official report read from the centre: every counter's dossiers, not one store's.

A counter's store holds the dossiers it received (and those it fetched to hand back); the
point's other counters and the other points are at the centre. The report of a point, or
of the department, is therefore read there, with the same query as the store's
(``db.statistics.report_query``) over the centre's tables, which keep the same columns.

What a login sees is what the centre's row-level security shows it (c0001): a counter's
own point login sees every counter of its point, the central office's logins every point.
So "the points the user may see" is decided by the database, not by a filter here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Column, DateTime, MetaData, String, Table
from sqlalchemy.dialects import postgresql

from db.central.schema import SCHEMA
from db.statistics import CompareBy, FactTables, ReportCell, cells_of, report_query
from db.sync.connection import Connection

# Only the columns the report reads; the centre's migrations own the tables themselves.
_central = MetaData(schema=SCHEMA)
CENTRAL_TABLES = FactTables(
    dossier=Table(
        "dossier",
        _central,
        Column("id", String, primary_key=True),
        Column("code", String),
        Column("status", String),
        Column("procedure_id", String),
        Column("channel", String),
        Column("received_at", DateTime),
        Column("due_at", DateTime),
        Column("receiving_point", String),
    ),
    status_change=Table(
        "dossier_status_change",
        _central,
        Column("id", String, primary_key=True),
        Column("dossier_id", String),
        Column("status", String),
        Column("changed_at", DateTime),
    ),
    void=Table(
        "dossier_void",
        _central,
        Column("id", String, primary_key=True),
        Column("dossier_id", String),
    ),
)
_DIALECT = postgresql.psycopg.dialect()  # type: ignore[no-untyped-call]


def central_report_cells(
    connection: Connection,
    start: dt.datetime,
    end: dt.datetime,
    *,
    points: Sequence[str] | None = None,
    compare_by: CompareBy = "day",
) -> list[ReportCell]:
    """The official report's cells for ``[start, end)`` over the dossiers this login may see
    at the centre, read in one snapshot (one statement)."""
    query = report_query(CENTRAL_TABLES, start, end, points=points, compare_by=compare_by)
    # Compiled by SQLAlchemy for psycopg's own placeholders, run on the counter's connection
    # (it carries the TLS and password rules of ``db.sync.connection``).
    compiled = query.compile(dialect=_DIALECT, compile_kwargs={"render_postcompile": True})
    return cells_of(connection.execute(str(compiled), compiled.params).fetchall())


def visible_points(connection: Connection) -> list[str]:
    """The receiving points whose dossiers this login sees at the centre, by name."""
    rows = connection.execute(
        f"SELECT DISTINCT receiving_point FROM {SCHEMA}.dossier ORDER BY 1"
    ).fetchall()
    return [str(point) for (point,) in rows]
