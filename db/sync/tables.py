"""Which local tables reach the central database, and in which order they are applied.

The order is the foreign keys' order, so a batch's rows are inserted parents
first. Every row belongs to a *stream*, its dossier: an operation the centre
rejects holds back the later operations of its stream only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, text

PHOTO = "photo"
AUDIT = "audit_record"
PASSWORD_CHANGE = "officer_password_change"
STATUS_CHANGE = "dossier_status_change"
CARD_BATCH = "card_batch"
CARD_STATE_CHANGE = "card_state_change"
# Central apply order (parents before children).
SYNCED_TABLES: tuple[str, ...] = (
    "dossier",
    "dossier_licence",
    "reception_round",
    "presented_item",
    "reappointment",
    "dossier_correction",
    "slip",
    "dossier_void",
    STATUS_CHANGE,
    CARD_BATCH,  # before the state changes that name it
    CARD_STATE_CHANGE,
    PHOTO,
    PASSWORD_CHANGE,
    AUDIT,
)
# Rows a point only ever inserts: the centre grants no UPDATE on them, so a push
# inserts them plainly (a replay is skipped by its claim, never applied twice).
INSERT_ONLY_TABLES: frozenset[str] = frozenset(
    {AUDIT, PASSWORD_CHANGE, "dossier_void", STATUS_CHANGE, CARD_BATCH, CARD_STATE_CHANGE}
)


def stream_of(connection: Connection, table: str, row: Mapping[Any, Any]) -> str:
    """The dossier a row belongs to (the row itself when it has none)."""
    if table == AUDIT:
        # One stream per device: a refused record holds back the records after it, never
        # a dossier, and the chain reaches the centre in its order.
        return str(row["device_id"])
    if table == PASSWORD_CHANGE:
        # One stream per officer: an officer's changes reach the centre in their order. The
        # centre keeps every change and applies it only when IT has not changed the account
        # since (c0005), so none is refused and none holds back another officer's.
        return f"officer:{row['login']}"
    if table == CARD_BATCH:
        # A batch is its own stream (its id): it has no dossier of its own. Its records'
        # state changes are their dossiers' streams.
        return str(row["id"])
    if table == "dossier":
        return str(row["id"])
    if table == "presented_item":
        dossier = connection.execute(
            text("SELECT dossier_id FROM reception_round WHERE id = :id"), {"id": row["round_id"]}
        ).scalar_one()
        return str(dossier)
    return str(row.get("dossier_id") or row["id"])
