"""Does this program fit the central database? Checked before anything is pushed.

The centre's ``schema_info`` says which schema it has and the oldest sync
protocol it accepts; this program says which protocol it speaks and the oldest
schema it can write to. Pushing into a schema of another shape could store
rows wrongly, so a mismatch stops the push with a message for IT staff.
"""

from __future__ import annotations

import psycopg
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.central.schema import SCHEMA
from db.models import OutboxOperation
from db.sync.connection import Connection
from db.sync.errors import Incompatible
from db.sync.tables import CARD_BATCH, CARD_STATE_CHANGE

# 2: each operation is claimed with the row it writes (applied_operation.table_name, row_id).
SYNC_PROTOCOL = 2  # what this program sends
# 3: registered reserves, the centre's checks of codes, row history (c0003).
# 4: the audit trail, insert-only (c0004).
# 5: officers' password changes and voided dossiers, insert-only (c0005).
# 6: dossiers' status changes, insert-only, one per dossier and status (c0006).
REQUIRED_SCHEMA = 6  # the oldest central schema it can push to
# 8: card batches and card states, insert-only; the counters' signing keys (c0008). A counter
# that has made no batch still pushes to schema 6 and 7; one that has waits for 8.
CARD_SCHEMA = 8
# The synced tables an older centre does not have, and the schema that brings them.
NEWER_TABLES = {CARD_BATCH: CARD_SCHEMA, CARD_STATE_CHANGE: CARD_SCHEMA}


def check_compatible(
    connection: Connection, protocol: int = SYNC_PROTOCOL, required: int = REQUIRED_SCHEMA
) -> int:
    """The centre's schema version; Incompatible when this program must not push to it."""
    try:
        row = connection.execute(
            f"SELECT schema_version, min_client_protocol FROM {SCHEMA}.schema_info"
        ).fetchone()
    except (psycopg.errors.UndefinedTable, psycopg.errors.InvalidSchemaName):
        row = None
    if row is None:
        raise Incompatible("the central database is not initialised (motcua central init)")
    schema_version, min_protocol = int(row[0]), int(row[1])
    if protocol < min_protocol:
        raise Incompatible(
            f"this program (sync protocol {protocol}) is older than the central database "
            f"accepts (at least {min_protocol}): install the update"
        )
    if schema_version < required:
        raise Incompatible(
            f"the central database has schema {schema_version}; this program needs "
            f"{required} or newer: IT staff run motcua central init"
        )
    return schema_version


def tables_too_new(schema_version: int) -> list[str]:
    """The synced tables a centre of ``schema_version`` does not have: their operations wait
    for its upgrade (``push``'s ``held_tables``), and hold nothing else back."""
    return [table for table, needs in NEWER_TABLES.items() if schema_version < needs]


def waiting_for_upgrade(session: Session, schema_version: int) -> str | None:
    """What IT staff are told while operations wait for a newer central schema, or None."""
    held = tables_too_new(schema_version)
    if not held:
        return None
    waiting = session.scalar(
        select(func.count())
        .select_from(OutboxOperation)
        .where(OutboxOperation.state == "pending", OutboxOperation.table_name.in_(held))
    )
    if not waiting:
        return None
    needed = max(NEWER_TABLES[table] for table in held)
    return (
        f"the central database has schema {schema_version}; {waiting} card data operation(s)"
        f" wait for schema {needed}: IT staff run motcua central init"
    )
