"""The transactional outbox and the sync tables; operations for the rows already stored.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:10:00

A store created before this revision holds dossiers the centre has never
seen: each of their rows gets its pending operation here, parents first, so
the first sync sends them like any other change.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.ids import new_id
from db.sync.capture import append_operation
from db.sync.tables import SYNCED_TABLES

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("stream", sa.String(length=36), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("byte_size", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("settled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("seq"),
        sa.UniqueConstraint("op_id"),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_sync_outbox_state_seq", "sync_outbox", ["state", "seq"])
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("central_url", sa.Text(), nullable=True),
        sa.Column("offline_warning_minutes", sa.Integer(), nullable=False),
        sa.Column("pull_low", sa.BigInteger(), nullable=True),
        sa.Column("pull_high", sa.BigInteger(), nullable=True),
        sa.Column("pull_after", sa.BigInteger(), nullable=False),
        sa.Column("last_success_at", sa.DateTime(), nullable=True),
        sa.Column("last_success_local", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_local", sa.DateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_sync_state_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_serial_lease",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("leased_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_sync_serial_lease_day", "sync_serial_lease", ["agency", "day"])
    op.create_table(
        "sync_reference_item",
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("withdrawn", sa.Boolean(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "key"),
    )
    op.create_table(
        "sync_central_status",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=40), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("dossier_id"),
    )
    bind = op.get_bind()
    bind.execute(
        sa.text(
            "INSERT INTO sync_state (id, device_id, offline_warning_minutes, pull_after) "
            "VALUES (1, :device, 1440, 0)"
        ),
        {"device": new_id()},
    )
    _operations_for_existing_rows(bind)


def _operations_for_existing_rows(bind: sa.Connection) -> None:
    metadata = sa.MetaData()
    outbox = sa.Table("sync_outbox", metadata, autoload_with=bind)
    for name in SYNCED_TABLES:
        if not sa.inspect(bind).has_table(name):
            continue  # photo: no local table yet
        table = sa.Table(name, metadata, autoload_with=bind)
        rows = bind.execute(sa.select(table).order_by(sa.text("rowid"))).mappings().all()
        for row in rows:
            append_operation(bind, outbox, name, row)


def downgrade() -> None:
    op.drop_table("sync_central_status")
    op.drop_table("sync_reference_item")
    op.drop_index("ix_sync_serial_lease_day", table_name="sync_serial_lease")
    op.drop_table("sync_serial_lease")
    op.drop_table("sync_state")
    op.drop_index("ix_sync_outbox_state_seq", table_name="sync_outbox")
    op.drop_table("sync_outbox")
