"""The central schema: receiving points' dossiers under row-level security, reference data,
the change log the counters pull, serial leases and the applied-operation record.

Revision ID: c0001
Revises:
Create Date: 2026-11-22 04:00:00

Role names come from ``config.attributes["roles"]`` (``db.central.roles.Roles``):
roles are cluster-wide, so each central database names its own.
"""

from __future__ import annotations

from alembic import context, op

revision = "c0001"
down_revision = None
branch_labels = None
depends_on = None

# Columns every point-written table has; the point writes origin_device/origin_seq,
# the server the rest (point_role from the login, version and times from triggers).
_COMMON = """
    point_role name NOT NULL DEFAULT session_user,
    origin_device uuid NOT NULL,
    origin_seq bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
"""

# What a point may insert and update, table by table (the rest is the centre's or the server's).
POINT_COLUMNS = {
    "dossier": (
        "code code_agency code_day code_serial status procedure_id subcase channel "
        "catalogue_version applicant_name applicant_id_number applicant_json received_at due_at "
        "due_explanation_json fee_vnd result_delivery delivery_address officer receiving_point "
        "counter_number"
    ),
    "dossier_licence": (
        "dossier_id number classes issue_date expiry_date issuing_authority issuer material"
    ),
    "reception_round": (
        "dossier_id number received_at verdict request_json evaluation_json officer"
    ),
    "presented_item": (
        "round_id item_id item_name quantity presented_form presented_count status reason"
    ),
    "slip": "dossier_id round_id kind printed_at print_number officer",
    "reappointment": "dossier_id previous_due_at new_due_at reason decided_at officer",
    "photo": "dossier_id kind taken_at sha256 byte_size content",
}

TABLES = f"""
CREATE TABLE motcua.schema_info (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    schema_version integer NOT NULL,
    min_client_protocol integer NOT NULL,
    role_prefix text NOT NULL
);

CREATE TABLE motcua.agency (
    code text PRIMARY KEY,
    -- Serials 1..reserve_top of each day are the counters' offline reserves;
    -- leases are given above it.
    reserve_top integer NOT NULL CHECK (reserve_top BETWEEN 0 AND 9999)
);

CREATE TABLE motcua.point (
    id text PRIMARY KEY,
    role_name name NOT NULL UNIQUE,
    agency_code text NOT NULL REFERENCES motcua.agency,
    name text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE motcua.dossier (
    id uuid PRIMARY KEY,
    code text CONSTRAINT dossier_code_key UNIQUE,
    code_agency text,
    code_day date,
    code_serial integer,
    status text NOT NULL,
    procedure_id text NOT NULL,
    subcase text,
    channel text NOT NULL,
    catalogue_version text NOT NULL,
    applicant_name text NOT NULL,
    applicant_id_number text NOT NULL,
    applicant_json text NOT NULL,
    received_at timestamp NOT NULL,
    due_at timestamp,
    due_explanation_json text,
    fee_vnd integer NOT NULL,
    result_delivery text NOT NULL,
    delivery_address text NOT NULL,
    officer text NOT NULL,
    receiving_point text NOT NULL,
    counter_number integer NOT NULL,
    -- Owned by the centre: a point can neither insert nor update these.
    central_status text,
    central_note text,
    central_changed_at timestamptz,
    {_COMMON},
    CONSTRAINT dossier_serial_key UNIQUE (code_agency, code_day, code_serial),
    -- Children reference (id, point_role): a point can never hang a row under another's dossier.
    CONSTRAINT dossier_owner_key UNIQUE (id, point_role)
);

CREATE TABLE motcua.dossier_licence (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL,
    number text NOT NULL,
    classes text NOT NULL,
    issue_date date,
    expiry_date date,
    issuing_authority text NOT NULL,
    issuer text NOT NULL,
    material text NOT NULL,
    {_COMMON},
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role)
);
CREATE INDEX dossier_licence_dossier ON motcua.dossier_licence (dossier_id);

CREATE TABLE motcua.reception_round (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL,
    number integer NOT NULL,
    received_at timestamp NOT NULL,
    verdict text NOT NULL,
    request_json text NOT NULL,
    evaluation_json text NOT NULL,
    officer text NOT NULL,
    {_COMMON},
    CONSTRAINT reception_round_number_key UNIQUE (dossier_id, number),
    CONSTRAINT reception_round_owner_key UNIQUE (id, point_role),
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role)
);

CREATE TABLE motcua.presented_item (
    id uuid PRIMARY KEY,
    round_id uuid NOT NULL,
    item_id text NOT NULL,
    item_name text NOT NULL,
    quantity integer NOT NULL,
    presented_form text NOT NULL,
    presented_count integer NOT NULL,
    status text NOT NULL,
    reason text,
    {_COMMON},
    CONSTRAINT presented_item_item_key UNIQUE (round_id, item_id),
    FOREIGN KEY (round_id, point_role) REFERENCES motcua.reception_round (id, point_role)
);

CREATE TABLE motcua.slip (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL,
    round_id uuid,
    kind text NOT NULL,
    printed_at timestamp NOT NULL,
    print_number integer NOT NULL,
    officer text NOT NULL,
    {_COMMON},
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role),
    FOREIGN KEY (round_id, point_role) REFERENCES motcua.reception_round (id, point_role)
);
CREATE INDEX slip_dossier ON motcua.slip (dossier_id);

CREATE TABLE motcua.reappointment (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL CONSTRAINT reappointment_once_key UNIQUE,
    previous_due_at timestamp NOT NULL,
    new_due_at timestamp NOT NULL,
    reason text NOT NULL,
    decided_at timestamp NOT NULL,
    officer text NOT NULL,
    {_COMMON},
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role)
);

CREATE TABLE motcua.photo (
    id uuid PRIMARY KEY,
    dossier_id uuid,
    kind text NOT NULL,
    taken_at timestamp NOT NULL,
    sha256 bytea NOT NULL,
    byte_size integer NOT NULL,
    content bytea NOT NULL,
    {_COMMON},
    -- The server checks what arrived against the digest the counter computed.
    CONSTRAINT photo_digest_check CHECK (sha256 = sha256(content)),
    CONSTRAINT photo_size_check CHECK (byte_size = octet_length(content)),
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role)
);
-- JPEG is compressed already: store it out of line without trying to compress it again.
ALTER TABLE motcua.photo ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX photo_dossier ON motcua.photo (dossier_id);

CREATE TABLE motcua.applied_operation (
    op_id uuid PRIMARY KEY,
    point_role name NOT NULL DEFAULT session_user,
    applied_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE motcua.serial_lease (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    agency_code text NOT NULL REFERENCES motcua.agency,
    day date NOT NULL,
    first_serial integer NOT NULL,
    last_serial integer NOT NULL,
    point_role name NOT NULL,
    leased_at timestamptz NOT NULL DEFAULT now(),
    CHECK (first_serial BETWEEN 1 AND last_serial AND last_serial <= 9999)
);
CREATE INDEX serial_lease_day ON motcua.serial_lease (agency_code, day);

CREATE TABLE motcua.reference_item (
    kind text NOT NULL,
    key text NOT NULL,
    payload jsonb NOT NULL,
    withdrawn boolean NOT NULL DEFAULT false,
    version bigint NOT NULL DEFAULT 1,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
);

-- What the counters pull. xid is the writing transaction: a reader takes only rows
-- below its snapshot's xmin, whose transactions have all ended (db/sync/pull.py).
CREATE TABLE motcua.change_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
    point_role name,  -- NULL: for every point
    entity text NOT NULL,
    entity_key text NOT NULL,
    version bigint NOT NULL,
    payload jsonb NOT NULL,
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX change_log_xid ON motcua.change_log (xid, id);

-- Rows of transactions below this xid may have been pruned: a counter whose cursor is
-- older re-reads everything (re-bootstraps).
CREATE TABLE motcua.change_log_horizon (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    below xid8 NOT NULL
);
INSERT INTO motcua.change_log_horizon (below) VALUES ('0');
"""

FUNCTIONS = """
CREATE FUNCTION motcua.bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    RETURN NEW;
END $$;

CREATE FUNCTION motcua.stamp_central_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.central_changed_at := now();
    RETURN NEW;
END $$;

CREATE FUNCTION motcua.log_reference_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    INSERT INTO change_log (point_role, entity, entity_key, version, payload)
    VALUES (NULL, 'reference', NEW.kind || '/' || NEW.key, NEW.version,
            jsonb_build_object('kind', NEW.kind, 'key', NEW.key, 'payload', NEW.payload,
                               'withdrawn', NEW.withdrawn, 'changed_at', NEW.updated_at));
    RETURN NULL;
END $$;

CREATE FUNCTION motcua.log_status_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    INSERT INTO change_log (point_role, entity, entity_key, version, payload)
    VALUES (NEW.point_role, 'dossier-status', NEW.id::text, NEW.version,
            jsonb_build_object('status', NEW.central_status, 'note', NEW.central_note,
                               'changed_at', NEW.central_changed_at));
    RETURN NULL;
END $$;

-- Deletes the log older than keep; a counter whose cursor is below the new horizon
-- re-bootstraps instead of silently missing what was deleted.
CREATE FUNCTION motcua.prune_change_log(keep interval) RETURNS bigint
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
DECLARE
    v_top xid8;
    v_count bigint;
BEGIN
    WITH gone AS (DELETE FROM change_log WHERE changed_at < now() - keep RETURNING xid)
    SELECT max(xid), count(*) INTO v_top, v_count FROM gone;
    IF v_top IS NOT NULL THEN
        UPDATE change_log_horizon
        SET below = greatest(below, ((v_top::text)::numeric + 1)::text::xid8);
    END IF;
    RETURN v_count;
END $$;

-- A block of the day's serials for the calling point's agency, above the offline reserves.
CREATE FUNCTION motcua.lease_serials(p_day date, p_size integer)
RETURNS TABLE (lease_id uuid, agency_code text, first_serial integer, last_serial integer,
               reserve_top integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_agency text;
    v_reserve integer;
    v_first integer;
    v_last integer;
    v_id uuid;
BEGIN
    SELECT p.agency_code, a.reserve_top INTO v_agency, v_reserve
    FROM point p JOIN agency a ON a.code = p.agency_code
    WHERE p.role_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % is not a receiving point', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_size NOT BETWEEN 1 AND 9999 THEN
        RAISE EXCEPTION 'a lease holds 1 to 9999 serials' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- One lease at a time per agency and day, so two blocks never overlap.
    PERFORM pg_advisory_xact_lock(hashtext('motcua.serial_lease'), hashtext(v_agency || p_day));
    SELECT greatest(coalesce(max(l.last_serial), 0), v_reserve) + 1 INTO v_first
    FROM serial_lease l WHERE l.agency_code = v_agency AND l.day = p_day;
    IF v_first > 9999 THEN
        RETURN;
    END IF;
    v_last := least(v_first + p_size - 1, 9999);
    INSERT INTO serial_lease (agency_code, day, first_serial, last_serial, point_role)
    VALUES (v_agency, p_day, v_first, v_last, session_user) RETURNING id INTO v_id;
    RETURN QUERY SELECT v_id, v_agency, v_first, v_last, v_reserve;
END $$;
"""

TRIGGERS = """
CREATE TRIGGER dossier_central_stamped BEFORE UPDATE OF central_status, central_note
    ON motcua.dossier FOR EACH ROW
    WHEN ((OLD.central_status, OLD.central_note) IS DISTINCT FROM
          (NEW.central_status, NEW.central_note))
    EXECUTE FUNCTION motcua.stamp_central_change();
CREATE TRIGGER reference_item_logged AFTER INSERT OR UPDATE ON motcua.reference_item
    FOR EACH ROW EXECUTE FUNCTION motcua.log_reference_change();
CREATE TRIGGER dossier_status_logged AFTER UPDATE OF central_status, central_note
    ON motcua.dossier FOR EACH ROW
    WHEN ((OLD.central_status, OLD.central_note) IS DISTINCT FROM
          (NEW.central_status, NEW.central_note))
    EXECUTE FUNCTION motcua.log_status_change();
"""

_VERSIONED = (*POINT_COLUMNS, "reference_item")


def _roles_sql(points: str, centre: str) -> str:
    statements = [
        f"""DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN
                CREATE ROLE "{role}" NOLOGIN;
            END IF;
        END $$;"""
        for role in (points, centre)
    ]
    statements.append(f'GRANT USAGE ON SCHEMA motcua TO "{points}", "{centre}";')
    statements.append(
        "GRANT SELECT ON motcua.schema_info, motcua.agency, motcua.point, motcua.reference_item, "
        f'motcua.change_log_horizon TO "{points}", "{centre}";'
    )
    own = "point_role = session_user"
    for table, columns in POINT_COLUMNS.items():
        writable = ", ".join(["id", *columns.split(), "origin_device", "origin_seq"])
        updatable = ", ".join([*columns.split(), "origin_device", "origin_seq"])
        statements += [
            f"ALTER TABLE motcua.{table} ENABLE ROW LEVEL SECURITY;",
            f'CREATE POLICY {table}_point ON motcua.{table} TO "{points}" '
            f"USING ({own}) WITH CHECK ({own});",
            f'CREATE POLICY {table}_centre ON motcua.{table} TO "{centre}" USING (true);',
            f'GRANT SELECT ON motcua.{table} TO "{points}", "{centre}";',
            f'GRANT INSERT ({writable}), UPDATE ({updatable}) ON motcua.{table} TO "{points}";',
        ]
    statements += [
        f'GRANT UPDATE (central_status, central_note) ON motcua.dossier TO "{centre}";',
        f'GRANT INSERT, UPDATE ON motcua.reference_item TO "{centre}";',
        "ALTER TABLE motcua.change_log ENABLE ROW LEVEL SECURITY;",
        f'CREATE POLICY change_log_point ON motcua.change_log TO "{points}" '
        f"USING (point_role IS NULL OR {own});",
        f'CREATE POLICY change_log_centre ON motcua.change_log TO "{centre}" USING (true);',
        f'GRANT SELECT ON motcua.change_log TO "{points}", "{centre}";',
        "ALTER TABLE motcua.applied_operation ENABLE ROW LEVEL SECURITY;",
        f'CREATE POLICY applied_operation_point ON motcua.applied_operation TO "{points}" '
        f"USING ({own}) WITH CHECK ({own});",
        f'GRANT SELECT, INSERT (op_id) ON motcua.applied_operation TO "{points}";',
        "ALTER TABLE motcua.serial_lease ENABLE ROW LEVEL SECURITY;",
        f'CREATE POLICY serial_lease_point ON motcua.serial_lease TO "{points}" USING ({own});',
        f'CREATE POLICY serial_lease_centre ON motcua.serial_lease TO "{centre}" USING (true);',
        f'GRANT SELECT ON motcua.serial_lease TO "{points}", "{centre}";',
        "REVOKE EXECUTE ON FUNCTION motcua.lease_serials(date, integer) FROM PUBLIC;",
        "REVOKE EXECUTE ON FUNCTION motcua.prune_change_log(interval) FROM PUBLIC;",
        f'GRANT EXECUTE ON FUNCTION motcua.lease_serials(date, integer) TO "{points}";',
    ]
    return "\n".join(statements)


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(TABLES)
    op.execute(FUNCTIONS)
    op.execute(
        "\n".join(
            f"CREATE TRIGGER {table}_versioned BEFORE UPDATE ON motcua.{table} "
            "FOR EACH ROW EXECUTE FUNCTION motcua.bump_version();"
            for table in _VERSIONED
        )
    )
    op.execute(TRIGGERS)
    op.execute(_roles_sql(roles.points, roles.centre))
    op.execute(
        "INSERT INTO motcua.schema_info (schema_version, min_client_protocol, role_prefix) "
        f"VALUES (1, 1, '{roles.prefix}')"
    )


def downgrade() -> None:
    tables = (
        "change_log_horizon change_log reference_item serial_lease applied_operation photo "
        "reappointment slip presented_item reception_round dossier_licence dossier point agency "
        "schema_info"
    )
    op.execute("".join(f"DROP TABLE motcua.{table};\n" for table in tables.split()))
    op.execute(
        "DROP FUNCTION motcua.bump_version(), motcua.stamp_central_change(), "
        "motcua.log_reference_change(), "
        "motcua.log_status_change(), motcua.prune_change_log(interval), "
        "motcua.lease_serials(date, integer);"
    )
