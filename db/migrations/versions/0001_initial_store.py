"""The initial local store: dossiers, rounds, presented items, licences, slips, re-appointments.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 02:48:17.936911
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossier",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=60), nullable=True),
        sa.Column("code_agency", sa.String(length=40), nullable=True),
        sa.Column("code_day", sa.Date(), nullable=True),
        sa.Column("code_serial", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("procedure_id", sa.String(length=40), nullable=False),
        sa.Column("subcase", sa.String(length=4), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("catalogue_version", sa.String(length=60), nullable=False),
        sa.Column("applicant_name", sa.String(length=300), nullable=False),
        sa.Column("applicant_id_number", sa.String(length=20), nullable=False),
        sa.Column("applicant_json", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("due_at", sa.DateTime(), nullable=True),
        sa.Column("due_explanation_json", sa.Text(), nullable=True),
        sa.Column("fee_vnd", sa.Integer(), nullable=False),
        sa.Column("result_delivery", sa.String(length=10), nullable=False),
        sa.Column("delivery_address", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("receiving_point", sa.String(length=300), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("code_agency", "code_day", "code_serial", name="uq_dossier_serial"),
    )
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.create_index("ix_dossier_id_number", ["applicant_id_number"], unique=False)
        batch_op.create_index("ix_dossier_received_at", ["received_at"], unique=False)

    op.create_table(
        "dossier_licence",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("classes", sa.String(length=100), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("issuing_authority", sa.Text(), nullable=False),
        sa.Column("issuer", sa.String(length=20), nullable=False),
        sa.Column("material", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_licence", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_licence_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "reappointment",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("previous_due_at", sa.DateTime(), nullable=False),
        sa.Column("new_due_at", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id"),
    )
    op.create_table(
        "reception_round",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("verdict", sa.String(length=12), nullable=False),
        sa.Column("request_json", sa.Text(), nullable=False),
        sa.Column("evaluation_json", sa.Text(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("dossier_id", "number"),
    )
    with op.batch_alter_table("reception_round", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reception_round_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "presented_item",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=False),
        sa.Column("item_id", sa.String(length=60), nullable=False),
        sa.Column("item_name", sa.Text(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("presented_form", sa.String(length=30), nullable=False),
        sa.Column("presented_count", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reception_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("round_id", "item_id"),
    )
    with op.batch_alter_table("presented_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_presented_item_round_id"), ["round_id"], unique=False)

    op.create_table(
        "slip",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("round_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("printed_at", sa.DateTime(), nullable=False),
        sa.Column("print_number", sa.Integer(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossier.id"],
        ),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["reception_round.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("slip", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_slip_dossier_id"), ["dossier_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("slip", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_slip_dossier_id"))

    op.drop_table("slip")
    with op.batch_alter_table("presented_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_presented_item_round_id"))

    op.drop_table("presented_item")
    with op.batch_alter_table("reception_round", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reception_round_dossier_id"))

    op.drop_table("reception_round")
    op.drop_table("reappointment")
    with op.batch_alter_table("dossier_licence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_licence_dossier_id"))

    op.drop_table("dossier_licence")
    with op.batch_alter_table("dossier", schema=None) as batch_op:
        batch_op.drop_index("ix_dossier_received_at")
        batch_op.drop_index("ix_dossier_id_number")

    op.drop_table("dossier")
