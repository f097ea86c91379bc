"""Officer accounts, password changes for the centre, and voided dossiers (issue 13).

Revision ID: 0009
Revises: 0008

- ``officer_account``: who may sign in here, with the argon2id hash of the password
  (``app.officers``); local accounts and those the centre publishes (sync);
- ``officer_password_change``: a password an officer of the centre chose at this
  counter, sent to the centre (a synced, insert-only table);
- ``dossier_void``: a stored dossier a supervisor voided, with the reason (synced).

Nothing is written to the new tables by the upgrade, so the outbox gets no operation.
The officer names of the old ``officers`` setting have no password: IT staff add
them as accounts (docs/officers.md).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "officer_account",
        sa.Column("login", sa.String(length=40), nullable=False),
        sa.Column("full_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("must_change", sa.Boolean(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("origin", sa.String(length=10), nullable=False),
        sa.Column("central_version", sa.BigInteger(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "role IN ('officer', 'supervisor', 'it')", name="ck_officer_account_role"
        ),
        sa.CheckConstraint("origin IN ('local', 'central')", name="ck_officer_account_origin"),
        sa.PrimaryKeyConstraint("login"),
    )
    op.create_table(
        "officer_password_change",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("login", sa.String(length=40), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("based_on_version", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_officer_password_change_login", "officer_password_change", ["login"])
    op.create_table(
        "dossier_void",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("voided_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id"),
    )


def downgrade() -> None:
    op.drop_table("dossier_void")
    op.drop_index("ix_officer_password_change_login", table_name="officer_password_change")
    op.drop_table("officer_password_change")
    op.drop_table("officer_account")
