"""Schema 6: a dossier's status after reception, the same at the counter and the centre
(issue 14).

Revision ID: c0006
Revises: c0005
Create Date: 2026-12-03 08:00:00

- ``dossier_status_change``: one row per change of a dossier's status (forwarded, result
  ready, not granted, returned, withdrawn), the counter's columns (``db.models.
  DossierStatusChange``) and the common columns of a point table. Insert-only: no UPDATE
  is granted, and ``dossier_status_change_append_only`` refuses an UPDATE, DELETE or
  TRUNCATE from any role (c0005's ``refuse_record_change``); c0003's history through
  claimed operations;
- one row per dossier and status (``dossier_status_change_status_key``): two counters
  handing the same dossier back while offline collide here, and the second is told so
  (``db.sync.errors``), never merged;
- ``dossier_status_change_checked`` (before insert, before the unique key, so a refusal
  never tells what another point holds): a point's row must name a dossier of its own and
  carry its own device (``device_id`` = ``origin_device``). A row the centre writes (the
  processing unit marking a result ready or not granted: ``db.central.statuses``) takes the
  dossier's ``point_role``, the fixed ``origin_device`` ``CENTRE_DEVICE`` and a sequence
  number of its own; only those two statuses may be set there;
- ``dossier_status_change_logged``: every row is put in the change log for the counters of
  the dossier's point (entity ``status-change``, the row as payload), so every counter of
  that point pulls every change, whichever counter or the centre made it;
- ``dossier_point(code)``: the receiving point (as its dossier names it) of a dossier code,
  whichever point holds it, and nothing else: a counter asked to hand back a dossier another
  point received says where to go (``db.sync.point_dossiers``); NULL for an unknown code;
- ``schema_info.schema_version`` 6 (``db.sync.compat.REQUIRED_SCHEMA``).

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

from db.central.roles import Roles

revision = "c0006"
down_revision = "c0005"
branch_labels = None
depends_on = None

TABLE = "dossier_status_change"
# The origin of every row the centre itself writes (db.central.statuses.CENTRE_DEVICE).
CENTRE_DEVICE = "00000000-0000-7000-8000-00000000c0de"
STATUSES = ("forwarded", "result-ready", "not-granted", "returned", "withdrawn")
CENTRE_STATUSES = ("result-ready", "not-granted")
# What a point writes (with id, origin_device and origin_seq), and the centre.
POINT_COLUMNS = (
    "dossier_id status changed_at officer actor agency point counter_number device_id details_json"
)
CENTRE_COLUMNS = "id dossier_id status changed_at officer actor details_json"
# The local columns, as the change log carries them to the counters.
ROW_COLUMNS = ("id", *POINT_COLUMNS.split())


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


CHANGES = rf"""
CREATE TABLE motcua.{TABLE} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    dossier_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ({_sql_list(STATUSES)})),
    changed_at timestamp NOT NULL,
    officer text NOT NULL,
    actor text NOT NULL,
    agency text,
    point text,
    counter_number integer,
    device_id uuid NOT NULL,
    details_json text NOT NULL DEFAULT '{{}}',
    point_role name NOT NULL DEFAULT session_user,
    origin_device uuid NOT NULL,
    origin_seq bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT {TABLE}_status_key UNIQUE (dossier_id, status),
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role)
);
CREATE INDEX {TABLE}_changed_at ON motcua.{TABLE} (changed_at);

-- The centre's own rows are numbered apart from any counter's.
CREATE SEQUENCE motcua.centre_status_seq;

-- Before the unique key: a refusal never tells what another point holds.
CREATE FUNCTION motcua.check_status_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_owner name;
BEGIN
    IF EXISTS (SELECT 1 FROM point p WHERE p.role_name = session_user) THEN
        IF NOT EXISTS (
            SELECT 1 FROM dossier d WHERE d.id = NEW.dossier_id AND d.point_role = NEW.point_role
        ) THEN
            RAISE EXCEPTION 'the dossier this {TABLE} row belongs to is not one of this point''s'
                USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '{TABLE}_dossier_id_own';
        END IF;
        IF NEW.device_id IS DISTINCT FROM NEW.origin_device THEN
            RAISE EXCEPTION 'a status change reaches the centre from its own device only'
                USING ERRCODE = 'check_violation', CONSTRAINT = '{TABLE}_own_device';
        END IF;
        RETURN NEW;
    END IF;
    -- The centre (the processing unit): the row is the dossier's point's.
    IF NEW.status NOT IN ({_sql_list(CENTRE_STATUSES)}) THEN
        RAISE EXCEPTION 'the centre sets a result ready or not granted only, not %', NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = '{TABLE}_centre_status';
    END IF;
    SELECT d.point_role INTO v_owner FROM dossier d WHERE d.id = NEW.dossier_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no dossier has this id at the centre'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '{TABLE}_dossier_id_own';
    END IF;
    NEW.point_role := v_owner;
    NEW.origin_device := '{CENTRE_DEVICE}';
    NEW.device_id := '{CENTRE_DEVICE}';
    NEW.origin_seq := nextval('centre_status_seq');
    NEW.agency := NULL;
    NEW.point := NULL;
    NEW.counter_number := NULL;
    RETURN NEW;
END $$;

-- Every counter of the dossier's point pulls every change (db/sync/pull.py).
CREATE FUNCTION motcua.log_status_change_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    INSERT INTO change_log (point_role, entity, entity_key, version, payload)
    VALUES (NEW.point_role, 'status-change', NEW.id::text, NEW.version,
            jsonb_build_object({", ".join(f"'{name}', NEW.{name}" for name in ROW_COLUMNS)}));
    RETURN NULL;
END $$;

-- Only the receiving point's name of a code, for any point: where its result is handed over.
CREATE FUNCTION motcua.dossier_point(p_code text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
    SELECT d.receiving_point FROM dossier d WHERE d.code = p_code
$$;

CREATE TRIGGER {TABLE}_checked BEFORE INSERT ON motcua.{TABLE}
    FOR EACH ROW EXECUTE FUNCTION motcua.check_status_change();
CREATE TRIGGER {TABLE}_logged AFTER INSERT ON motcua.{TABLE}
    FOR EACH ROW EXECUTE FUNCTION motcua.log_status_change_row();
CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON motcua.{TABLE}
    FOR EACH ROW EXECUTE FUNCTION motcua.refuse_record_change();
CREATE TRIGGER {TABLE}_not_truncated BEFORE TRUNCATE ON motcua.{TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_record_change();
CREATE TRIGGER {TABLE}_history_insert AFTER INSERT ON motcua.{TABLE}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION motcua.record_versions();
"""


def _roles_sql(roles: Roles) -> str:
    """Row-level security and grants as c0005's (INSERT only); the centre inserts too."""
    points, centre = roles.points, roles.centre
    own = "point_role = session_user"
    writable = ", ".join(["id", *POINT_COLUMNS.split(), "origin_device", "origin_seq"])
    centre_writable = ", ".join(CENTRE_COLUMNS.split())
    return f"""
ALTER TABLE motcua.{TABLE} ENABLE ROW LEVEL SECURITY;
CREATE POLICY {TABLE}_point ON motcua.{TABLE} TO "{points}" USING ({own}) WITH CHECK ({own});
CREATE POLICY {TABLE}_centre ON motcua.{TABLE} TO "{centre}" USING (true) WITH CHECK (true);
GRANT SELECT ON motcua.{TABLE} TO "{points}", "{centre}";
GRANT INSERT ({writable}) ON motcua.{TABLE} TO "{points}";
GRANT INSERT ({centre_writable}) ON motcua.{TABLE} TO "{centre}";
REVOKE EXECUTE ON FUNCTION motcua.check_status_change() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION motcua.log_status_change_row() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION motcua.dossier_point(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.dossier_point(text) TO "{points}", "{centre}";
"""


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(CHANGES)
    op.execute(_roles_sql(roles))
    op.execute("UPDATE motcua.schema_info SET schema_version = 6")


def downgrade() -> None:
    op.execute(
        f"""
        DELETE FROM motcua.row_version WHERE table_name = '{TABLE}';
        DROP TABLE motcua.{TABLE};
        DROP SEQUENCE motcua.centre_status_seq;
        DROP FUNCTION motcua.check_status_change(), motcua.log_status_change_row(),
            motcua.dossier_point(text);
        UPDATE motcua.schema_info SET schema_version = 5;
        """
    )
