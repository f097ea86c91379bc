"""A dossier's status after reception: forwarded, result ready, returned… (issue 14).

Revision ID: 0010
Revises: 0009

- ``dossier_status_change``: one row per change of an accepted dossier's status, with
  when, who (name and login), which counter and device, and the change's details
  (``db.dossier_status``); synced and insert-only. No row: the dossier is "received".
- two triggers refuse an UPDATE or DELETE: the history only grows.

Nothing is written to the new table by the upgrade, so the outbox gets no operation.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

STATUSES = ("forwarded", "result-ready", "not-granted", "returned", "withdrawn")
APPEND_ONLY = """
CREATE TRIGGER dossier_status_change_no_{event} BEFORE {EVENT} ON dossier_status_change
BEGIN
    SELECT RAISE(ABORT, 'a dossier''s status history only grows: a change is never altered');
END
"""


def upgrade() -> None:
    op.create_table(
        "dossier_status_change",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=True),
        sa.Column("point", sa.String(length=300), nullable=True),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("details_json", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "status IN ({})".format(", ".join(f"'{status}'" for status in STATUSES)),
            name="ck_dossier_status_change_status",
        ),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "status", name="uq_dossier_status_change_status"),
    )
    op.create_index("ix_dossier_status_change_dossier_id", "dossier_status_change", ["dossier_id"])
    op.create_index("ix_dossier_status_change_changed_at", "dossier_status_change", ["changed_at"])
    for event in ("update", "delete"):
        op.execute(APPEND_ONLY.format(event=event, EVENT=event.upper()))


def downgrade() -> None:
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER dossier_status_change_no_{event}")
    op.drop_index("ix_dossier_status_change_changed_at", table_name="dossier_status_change")
    op.drop_index("ix_dossier_status_change_dossier_id", table_name="dossier_status_change")
    op.drop_table("dossier_status_change")
