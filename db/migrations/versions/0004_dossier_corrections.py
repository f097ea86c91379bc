"""Corrections of a stored dossier; a licence's material may be unrecorded, its country kept.

Revision ID: 0004
Revises: 0003

- ``dossier_licence.material`` nullable: the window asks for it only where a rule reads it;
- ``dossier_licence.country``: the issuing country of a foreign licence (ISO alpha-2);
- ``dossier_licence.replaced_in``: the revision of the correction that replaced the row
  (NULL while current), so a correction never deletes a row here or at the centre;
- ``dossier_correction``: each correction with its revision, reason, officer and the
  applicant and licences before and after.

The rows already stored keep their values: nothing is rewritten, so the outbox
gets no operation from this upgrade.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_licence", schema=None) as batch_op:
        batch_op.alter_column("material", existing_type=sa.String(length=10), nullable=True)
        batch_op.add_column(sa.Column("country", sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column("replaced_in", sa.Integer(), nullable=True))

    op.create_table(
        "dossier_correction",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("corrected_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("fields_json", sa.Text(), nullable=False),
        sa.Column("before_json", sa.Text(), nullable=False),
        sa.Column("after_json", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossier.id"]),
        sa.ForeignKeyConstraint(["round_id"], ["reception_round.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "revision", name="uq_dossier_correction_revision"),
    )
    with op.batch_alter_table("dossier_correction", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_correction_dossier_id"), ["dossier_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("dossier_correction", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_correction_dossier_id"))
    op.drop_table("dossier_correction")
    # The older schema knows only current licences, each with its material.
    op.execute("DELETE FROM dossier_licence WHERE replaced_in IS NOT NULL")
    op.execute("UPDATE dossier_licence SET material = '' WHERE material IS NULL")
    with op.batch_alter_table("dossier_licence", schema=None) as batch_op:
        batch_op.drop_column("replaced_in")
        batch_op.drop_column("country")
        batch_op.alter_column("material", existing_type=sa.String(length=10), nullable=False)
