"""This device's audit trail as the centre holds it, for ``motcua audit verify``.

Apart from ``db.audit``, which every officer action imports to write the local chain: the
counter window would otherwise load psycopg and the central schema before its first dossier
(issue 19). Imported where the check against the centre runs (``app.audit``).
"""

from __future__ import annotations

import psycopg
from psycopg import sql

from db.audit import COLUMNS, AuditRow, row_of
from db.central.schema import SCHEMA
from db.models import AuditRecord
from db.sync.compat import check_compatible
from db.sync.connection import connect
from db.sync.errors import SyncError, describe


class CentralTrailUnavailable(Exception):
    """The centre's copy could not be read; ``reason``: one line for IT staff, no data."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def central_chain(url: str, device_id: str) -> list[AuditRow]:
    """This device's records at the centre, in sequence order (the point sees its own)."""
    query = sql.SQL("SELECT {columns} FROM {table} WHERE device_id = %s ORDER BY seq").format(
        columns=sql.SQL(", ").join(sql.Identifier(name) for name in COLUMNS),
        table=sql.Identifier(SCHEMA, AuditRecord.__tablename__),
    )
    try:
        with connect(url, application_name="motcua-audit") as connection:
            check_compatible(connection)
            rows = connection.execute(query, [device_id]).fetchall()
    except (psycopg.Error, OSError, SyncError) as error:
        raise CentralTrailUnavailable(describe(error)) from error
    return [row_of(row) for row in rows]
