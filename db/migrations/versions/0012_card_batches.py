"""The PET card's batches and each dossier's card states (issue 16).

Revision ID: 0012
Revises: 0011

- ``card_batch``: one row per batch handed to the card-printing system (``db.card_batches``):
  its folder's name, agency, point, counter, day and sequence, who made it, how many
  records, its Ed25519 signature and the previous batch's (the chain: one batch per device
  and previous signature, so a counter's chain cannot fork). Synced, insert-only;
- ``card_state_change``: one row per step of a dossier's card: exported (in a batch),
  acknowledged or rejected by the operator (rejected: with the reason), released by a
  supervisor so it may be exported again (with the reason). Synced, insert-only; a dossier
  reaches each state once per batch;
- ``card_signing_key``: the public half of the counter's signing key and when the centre
  registered it (not synced as a row: ``motcua.register_card_key``, c0008);
- triggers refuse an UPDATE or DELETE of a batch or a state change: both only grow. The
  key's row is updated once, when the centre registered it.

Nothing is written to the new tables by the upgrade, so the outbox gets no operation.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

STATES = ("exported", "acknowledged", "rejected", "released")
APPEND_ONLY = """
CREATE TRIGGER {table}_no_{event} BEFORE {EVENT} ON {table}
BEGIN
    SELECT RAISE(ABORT, 'a {what} is only ever added: it is never altered or removed');
END
"""
APPEND_ONLY_TABLES = {"card_batch": "card batch", "card_state_change": "card state change"}


def upgrade() -> None:
    op.create_table(
        "card_batch",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("batch_name", sa.String(length=80), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=True),
        sa.Column("point", sa.String(length=300), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("signature", sa.String(length=128), nullable=False),
        sa.Column("previous_signature", sa.String(length=128), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("record_count >= 1", name="ck_card_batch_record_count"),
        sa.CheckConstraint("sequence BETWEEN 1 AND 999", name="ck_card_batch_sequence"),
        sa.CheckConstraint(
            "length(signature) = 128 AND length(previous_signature) = 128",
            name="ck_card_batch_signatures",
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("device_id", "batch_name", name="uq_card_batch_name"),
        sa.UniqueConstraint("device_id", "previous_signature", name="uq_card_batch_chain"),
        sa.UniqueConstraint("device_id", "day", "sequence", name="uq_card_batch_sequence"),
    )
    op.create_table(
        "card_state_change",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("approved_by", sa.String(length=40), nullable=True),
        sa.Column("agency", sa.String(length=40), nullable=True),
        sa.Column("point", sa.String(length=300), nullable=True),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.CheckConstraint(
            "state IN ({})".format(", ".join(f"'{state}'" for state in STATES)),
            name="ck_card_state_change_state",
        ),
        sa.CheckConstraint(
            "state = 'released' OR batch_id IS NOT NULL", name="ck_card_state_change_batch"
        ),
        sa.CheckConstraint(
            "state NOT IN ('rejected', 'released') OR length(trim(coalesce(reason, ''))) > 0",
            name="ck_card_state_change_reason",
        ),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"]),
        sa.ForeignKeyConstraint(["batch_id"], ["card_batch.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "batch_id", "state", name="uq_card_state_change_step"),
    )
    op.create_index("ix_card_state_change_dossier_id", "card_state_change", ["dossier_id"])
    op.create_index("ix_card_state_change_batch_id", "card_state_change", ["batch_id"])
    op.create_table(
        "card_signing_key",
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("registered_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("public_key"),
    )
    for table, what in APPEND_ONLY_TABLES.items():
        for event in ("update", "delete"):
            op.execute(APPEND_ONLY.format(table=table, what=what, event=event, EVENT=event.upper()))


def downgrade() -> None:
    for table in APPEND_ONLY_TABLES:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{event}")
    op.drop_table("card_signing_key")
    op.drop_index("ix_card_state_change_batch_id", table_name="card_state_change")
    op.drop_index("ix_card_state_change_dossier_id", table_name="card_state_change")
    op.drop_table("card_state_change")
    op.drop_table("card_batch")
