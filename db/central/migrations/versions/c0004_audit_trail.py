"""Schema 4: the audit trail, which points may only add to (issue 13).

Revision ID: c0004
Revises: c0003
Create Date: 2026-12-02 16:00:00

- ``audit_record``: the counters' audit records (``db.audit``), with the common columns
  of a point table; ``created_at`` is the centre's time of arrival. The point writes the
  columns of ``POINT_COLUMNS`` on INSERT only: no UPDATE is granted, and
  ``audit_record_append_only`` refuses an UPDATE, DELETE or TRUNCATE from any role (an
  administrator who disables it leaves traces that ``motcua audit verify`` finds);
- on insert, ``audit_record_chain_checked``: the record is of the pushing device, and it
  links to that device's previous record at the centre (or is its first), so a gap or a
  forged link is refused as it arrives;
- c0003's history (``audit_record_history_insert``, through a claimed operation only);
  it has no parent row (the ids it names are data, not foreign keys);
- ``schema_info.schema_version`` 4: a counter that writes the trail requires it
  (``db.sync.compat.REQUIRED_SCHEMA``).

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

from db.central.roles import Roles

revision = "c0004"
down_revision = "c0003"
branch_labels = None
depends_on = None

POINT_COLUMNS = {
    "audit_record": (
        "device_id seq recorded_at actor action agency point counter_number subject_json "
        "prev_hash hash"
    ),
}
GENESIS = "0" * 64  # db.audit.GENESIS

CHANGES = f"""
CREATE TABLE motcua.audit_record (
    id uuid PRIMARY KEY,
    device_id uuid NOT NULL,
    seq bigint NOT NULL CHECK (seq >= 1),
    recorded_at timestamp NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    agency text,
    point text,
    counter_number integer,
    subject_json text NOT NULL,
    prev_hash text NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{{64}}$'),
    hash text NOT NULL CHECK (hash ~ '^[0-9a-f]{{64}}$'),
    point_role name NOT NULL DEFAULT session_user,
    origin_device uuid NOT NULL,
    origin_seq bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT audit_record_device_seq_key UNIQUE (device_id, seq)
);

CREATE FUNCTION motcua.refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail only grows: a record is never changed or removed'
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- Runs before the unique key: a refusal never says what another point holds.
CREATE FUNCTION motcua.check_audit_chain() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    IF NEW.device_id IS DISTINCT FROM NEW.origin_device THEN
        RAISE EXCEPTION 'an audit record reaches the centre from its own device only'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'audit_record_own_device';
    END IF;
    IF NEW.seq = 1 AND NEW.prev_hash = '{GENESIS}' THEN
        RETURN NEW;
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM audit_record a
        WHERE a.device_id = NEW.device_id AND a.point_role = NEW.point_role
          AND a.seq = NEW.seq - 1 AND a.hash = NEW.prev_hash
    ) THEN
        RAISE EXCEPTION 'audit record % of this device does not follow its record %',
            NEW.seq, NEW.seq - 1
            USING ERRCODE = 'check_violation', CONSTRAINT = 'audit_record_chain';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_record_append_only BEFORE UPDATE OR DELETE ON motcua.audit_record
    FOR EACH ROW EXECUTE FUNCTION motcua.refuse_audit_change();
CREATE TRIGGER audit_record_not_truncated BEFORE TRUNCATE ON motcua.audit_record
    FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_audit_change();
CREATE TRIGGER audit_record_chain_checked BEFORE INSERT ON motcua.audit_record
    FOR EACH ROW EXECUTE FUNCTION motcua.check_audit_chain();
-- c0003's history: every record with the sync operation that brought it.
CREATE TRIGGER audit_record_history_insert AFTER INSERT ON motcua.audit_record
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION motcua.record_versions();
"""


def _roles_sql(roles: Roles) -> str:
    """Row-level security and grants as c0002's, with INSERT and no UPDATE."""
    points, centre = roles.points, roles.centre
    own = "point_role = session_user"
    statements = []
    for table, columns in POINT_COLUMNS.items():
        writable = ", ".join(["id", *columns.split(), "origin_device", "origin_seq"])
        statements += [
            f"ALTER TABLE motcua.{table} ENABLE ROW LEVEL SECURITY;",
            f'CREATE POLICY {table}_point ON motcua.{table} TO "{points}" '
            f"USING ({own}) WITH CHECK ({own});",
            f'CREATE POLICY {table}_centre ON motcua.{table} TO "{centre}" USING (true);',
            f'GRANT SELECT ON motcua.{table} TO "{points}", "{centre}";',
            f'GRANT INSERT ({writable}) ON motcua.{table} TO "{points}";',
        ]
    return "\n".join(statements)


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(CHANGES)
    op.execute(_roles_sql(roles))
    op.execute("UPDATE motcua.schema_info SET schema_version = 4")


def downgrade() -> None:
    op.execute(
        """
        DELETE FROM motcua.row_version WHERE table_name = 'audit_record';
        DROP TABLE motcua.audit_record;
        DROP FUNCTION motcua.check_audit_chain(), motcua.refuse_audit_change();
        UPDATE motcua.schema_info SET schema_version = 3;
        """
    )
