"""The store protects itself (issue 12): serials known to be issued, and the reserve's hold.

Revision ID: 0005
Revises: 0004

- ``known_serial``: serials issued already that this store may hold no dossier for
  (from the counter's record after a restore or a new store, or read back from the
  centre); numbering never gives one again;
- ``store_safety``: one row saying whether numbering from the counter's offline
  reserve waits for a catch-up (a restored or new store). A store upgraded here is
  the counter's own, with its whole history: nothing is held.

Neither table is synced, so the outbox gets no operation from this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "known_serial",
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.PrimaryKeyConstraint("agency", "day", "serial"),
    )
    op.create_table(
        "store_safety",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reserve_held", sa.Boolean(), nullable=False),
        sa.Column("catch_up_due", sa.Boolean(), nullable=False),
        sa.Column("restored_seq", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.Column("caught_up_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("id = 1", name="ck_store_safety_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO store_safety (id, reserve_held, catch_up_due) VALUES (1, 0, 0)")


def downgrade() -> None:
    op.drop_table("store_safety")
    op.drop_table("known_serial")
