"""The audit trail: one record per officer action, chained by SHA-256 (issue 13).

Revision ID: 0008
Revises: 0007

- ``audit_record``: who, when, which counter, the action and the ids it touched, with
  the device's sequence number and the hash chain (``db.audit``); a synced table;
- two triggers refuse an UPDATE or DELETE of a record: the trail only grows. Someone
  who drops them can still change the file, which ``motcua audit verify`` then finds.

Nothing is written to the new table by the upgrade, so the outbox gets no operation.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

APPEND_ONLY = """
CREATE TRIGGER audit_record_no_{event} BEFORE {EVENT} ON audit_record
BEGIN
    SELECT RAISE(ABORT, 'the audit trail only grows: a record is never changed or removed');
END
"""


def upgrade() -> None:
    op.create_table(
        "audit_record",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=100), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=True),
        sa.Column("point", sa.String(length=300), nullable=True),
        sa.Column("counter_number", sa.Integer(), nullable=True),
        sa.Column("subject_json", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("device_id", "seq", name="uq_audit_record_device_seq"),
    )
    op.create_index("ix_audit_record_recorded_at", "audit_record", ["recorded_at"])
    for event in ("update", "delete"):
        op.execute(APPEND_ONLY.format(event=event, EVENT=event.upper()))


def downgrade() -> None:
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER audit_record_no_{event}")
    op.drop_index("ix_audit_record_recorded_at", table_name="audit_record")
    op.drop_table("audit_record")
