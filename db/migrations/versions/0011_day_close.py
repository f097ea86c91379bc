"""Closing a counter's day (issue 15).

Revision ID: 0011
Revises: 0010

- ``day_close``: one row per day and counter closed (``db.day_close``): when (the counter's
  clock, local time), by whom, the count and digest of the day's dossiers the centre agreed
  with, and the id the centre gave the close. Insert-only (two triggers refuse an UPDATE
  or DELETE). Not in the outbox: the centre records the close itself, in the call that
  checks it (``motcua.record_day_close``, c0007); the audit record ``day-close`` goes the
  audit trail's way.
- triggers that keep a closed day's facts as they were closed: a dossier, a round (a
  receipt or a return with papers), a re-appointment or a void dated on a closed day of
  the dossier's counter is refused (``RAISE(ABORT, 'motcua-day-closed …')``). Dated by the
  local times the store keeps (``received_at``, ``decided_at``, ``voided_at``). A
  supervisor's correction (``dossier_correction``) stays possible: it is recorded apart.
  A dossier of another counter brought from the centre is not concerned (another
  counter_number).

Nothing is written to the new table by the upgrade, so the outbox gets no operation.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The text every refusal starts with: db.day_close.DAY_CLOSED_MARK.
MARK = "motcua-day-closed"
APPEND_ONLY = """
CREATE TRIGGER day_close_no_{event} BEFORE {EVENT} ON day_close
BEGIN
    SELECT RAISE(ABORT, 'a day''s close is never altered');
END
"""
# (trigger, table, the dossier's counter, the day the row is dated on)
GUARDS = (
    ("dossier", "dossier", "NEW.counter_number", "date(NEW.received_at)"),
    (
        "round",
        "reception_round",
        "(SELECT d.counter_number FROM dossier d WHERE d.id = NEW.dossier_id)",
        "date(NEW.received_at)",
    ),
    (
        "reappointment",
        "reappointment",
        "(SELECT d.counter_number FROM dossier d WHERE d.id = NEW.dossier_id)",
        "date(NEW.decided_at)",
    ),
    (
        "void",
        "dossier_void",
        "(SELECT d.counter_number FROM dossier d WHERE d.id = NEW.dossier_id)",
        "date(NEW.voided_at)",
    ),
)
GUARD = """
CREATE TRIGGER day_closed_{name} BEFORE INSERT ON {table}
WHEN EXISTS (
    SELECT 1 FROM day_close c WHERE c.day = {day} AND c.counter_number = {counter}
)
BEGIN
    SELECT RAISE(ABORT, '{mark}: {table}');
END
"""


def upgrade() -> None:
    op.create_table(
        "day_close",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("agency", sa.String(length=40), nullable=False),
        sa.Column("counter_number", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=False),
        sa.Column("officer", sa.String(length=100), nullable=False),
        sa.Column("actor", sa.String(length=40), nullable=False),
        sa.Column("dossier_count", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("central_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("day", "counter_number", name="uq_day_close_day_counter"),
    )
    for event in ("update", "delete"):
        op.execute(APPEND_ONLY.format(event=event, EVENT=event.upper()))
    for name, table, counter, day in GUARDS:
        op.execute(GUARD.format(name=name, table=table, counter=counter, day=day, mark=MARK))


def downgrade() -> None:
    for name, _table, _counter, _day in GUARDS:
        op.execute(f"DROP TRIGGER day_closed_{name}")
    for event in ("update", "delete"):
        op.execute(f"DROP TRIGGER day_close_no_{event}")
    op.drop_table("day_close")
