"""The counter's reserve as the centre registered it; serials withdrawn after a refusal.

Revision ID: 0006
Revises: 0005

- ``sync_counter_reserve``: the offline reserve the centre allocated to this counter
  (one row once registered). With a central database configured, numbering from the
  reserve needs it: the settings' block is only a request (issue 12);
- ``sync_withdrawn_serials``: blocks of a day the counter no longer numbers from, because
  the centre refused a code among them.

No synced table changes: the outbox gets no operation from this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_counter_reserve",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("registered_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_sync_counter_reserve_single_row"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "sync_withdrawn_serials",
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("first", sa.Integer(), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("agency", "day", "first"),
    )


def downgrade() -> None:
    op.drop_table("sync_withdrawn_serials")
    op.drop_table("sync_counter_reserve")
