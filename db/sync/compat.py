"""Does this program fit the central database? Checked before anything is pushed.

The centre's ``schema_info`` says which schema it has and the oldest sync
protocol it accepts; this program says which protocol it speaks and the oldest
schema it can write to. Pushing into a schema of another shape could store
rows wrongly, so a mismatch stops the push with a message for IT staff.
"""

from __future__ import annotations

import psycopg

from db.central.schema import SCHEMA
from db.sync.connection import Connection
from db.sync.errors import Incompatible

# 2: each operation is claimed with the row it writes (applied_operation.table_name, row_id).
SYNC_PROTOCOL = 2  # what this program sends
# 3: registered reserves, the centre's checks of codes, row history (c0003).
# 4: the audit trail, insert-only (c0004).
# 5: officers' password changes and voided dossiers, insert-only (c0005).
# 6: dossiers' status changes, insert-only, one per dossier and status (c0006).
REQUIRED_SCHEMA = 6  # the oldest central schema it can push to


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
