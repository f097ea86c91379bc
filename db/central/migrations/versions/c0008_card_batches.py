"""Schema 8: the PET card's batches, each dossier's card states, and the counters' signing
keys (issue 16).

Revision ID: c0008
Revises: c0007
Create Date: 2026-12-03 14:00:00

- ``card_batch``: a batch of card records a counter handed to the card-printing system, the
  counter's columns (``db.models.CardBatch``) and the common columns of a point table. A
  counter's batches chain (each names the previous one's signature): one batch per device
  and previous signature (``card_batch_chain_key``), so a chain cannot fork here either;
- ``card_state_change``: one step of a dossier's card (exported, acknowledged, rejected,
  released; ``db.models.CardStateChange``), once per dossier, batch and state
  (``card_state_change_step_key``); its dossier and its batch are the point's own
  (c0003's owner checks, before the unique keys);
- both insert-only, as c0005's tables: INSERT granted on the columns of ``POINT_COLUMNS``
  (the policies and grants are generated from it), ``<table>_append_only`` refuses an
  UPDATE, DELETE or TRUNCATE from any role, c0003's history through claimed operations;
  a row comes from its own device (``device_id`` = ``origin_device``, ``<table>_own_device``);
- ``card_state_change_logged``: every step goes to the change log for the counters of the
  dossier's point (entity ``card-state-change``: the row, and the batch it names under
  ``batch``), so a counter holding the dossier pulls the steps another counter made;
- ``card_key``: the public half of each counter's signing key. A point writes it only
  through ``register_card_key(counter, device, public_key)``, accepted only from the PC
  registered as that counter (``counter.device_id``, c0003; else ``insufficient_privilege``,
  ``card_key_own_counter``, as c0007's ``record_day_close``). A counter's key, once
  registered, is never replaced by a point: the same key again returns the registration,
  another is refused (``card_key_registered``). IT staff's ``release-counter`` marks the
  counter's key released (``released_at``), so the PC that takes the counter registers its
  own; the old key stays, for the batches it signed. The centre's logins read every key, a
  point its own point's (to check a batch another counter of the point made);
- ``schema_info.schema_version`` 8 (``db.sync.compat.CARD_SCHEMA``).

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

from db.central.roles import Roles

revision = "c0008"
down_revision = "c0007"
branch_labels = None
depends_on = None

STATES = ("exported", "acknowledged", "rejected", "released")
# What a point writes (with id, origin_device and origin_seq): the local columns.
POINT_COLUMNS = {
    "card_batch": (
        "batch_name agency point counter_number day sequence officer actor record_count "
        "signature previous_signature device_id made_at"
    ),
    "card_state_change": (
        "dossier_id state batch_id reason changed_at officer actor approved_by agency point "
        "counter_number device_id"
    ),
}
# The local columns, as the change log carries them to the counters (db/sync/pull.py).
STATE_COLUMNS = ("id", *POINT_COLUMNS["card_state_change"].split())
BATCH_COLUMNS = ("id", *POINT_COLUMNS["card_batch"].split())
# c0003's owner check: (table, column, parent).
PARENTS = (
    ("card_state_change", "dossier_id", "dossier"),
    ("card_state_change", "batch_id", "card_batch"),
)

_COMMON = """
    point_role name NOT NULL DEFAULT session_user,
    origin_device uuid NOT NULL,
    origin_seq bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
"""
_SIGNATURE = "'^[0-9a-f]{128}$'"


def _sql_list(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def _pairs(row: str, columns: tuple[str, ...]) -> str:
    """``'name', row.name, …``: the arguments of a jsonb_build_object of the columns."""
    return ", ".join(f"'{name}', {row}.{name}" for name in columns)


TABLES = rf"""
CREATE TABLE motcua.card_batch (
    id uuid PRIMARY KEY,
    batch_name text NOT NULL,
    agency text,
    point text NOT NULL,
    counter_number integer NOT NULL,
    day date NOT NULL,
    sequence integer NOT NULL CHECK (sequence BETWEEN 1 AND 999),
    officer text NOT NULL,
    actor text NOT NULL,
    record_count integer NOT NULL CHECK (record_count >= 1),
    signature text NOT NULL CHECK (signature ~ {_SIGNATURE}),
    previous_signature text NOT NULL CHECK (previous_signature ~ {_SIGNATURE}),
    device_id uuid NOT NULL,
    made_at timestamp NOT NULL,
    {_COMMON},
    CONSTRAINT card_batch_owner_key UNIQUE (id, point_role),
    CONSTRAINT card_batch_chain_key UNIQUE (device_id, previous_signature),
    CONSTRAINT card_batch_name_key UNIQUE (device_id, batch_name)
);

CREATE TABLE motcua.card_state_change (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL,
    state text NOT NULL CHECK (state IN ({_sql_list(STATES)})),
    batch_id uuid,
    reason text,
    changed_at timestamp NOT NULL,
    officer text NOT NULL,
    actor text NOT NULL,
    approved_by text,
    agency text,
    point text,
    counter_number integer,
    device_id uuid NOT NULL,
    {_COMMON},
    CONSTRAINT card_state_change_batch CHECK (state = 'released' OR batch_id IS NOT NULL),
    CONSTRAINT card_state_change_reason
        CHECK (state NOT IN ('rejected', 'released') OR length(btrim(coalesce(reason, ''))) > 0),
    CONSTRAINT card_state_change_step_key UNIQUE (dossier_id, batch_id, state),
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role),
    FOREIGN KEY (batch_id, point_role) REFERENCES motcua.card_batch (id, point_role)
);
CREATE INDEX card_state_change_batch ON motcua.card_state_change (batch_id);

-- Before the unique keys: a row reaches the centre from its own device only.
CREATE FUNCTION motcua.check_card_row_device() RETURNS trigger
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
BEGIN
    IF NEW.device_id IS DISTINCT FROM NEW.origin_device THEN
        RAISE EXCEPTION 'a % row reaches the centre from its own device only', TG_TABLE_NAME
            USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_own_device';
    END IF;
    RETURN NEW;
END $$;

-- Every counter of the dossier's point pulls every step, with the batch it names
-- (db/sync/pull.py): the store needs the batch before the step that names it.
CREATE FUNCTION motcua.log_card_state_change_row() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    INSERT INTO change_log (point_role, entity, entity_key, version, payload)
    SELECT NEW.point_role, 'card-state-change', NEW.id::text, NEW.version,
           jsonb_build_object({_pairs("NEW", STATE_COLUMNS)})
           || jsonb_build_object('batch', (
               SELECT jsonb_build_object({_pairs("b", BATCH_COLUMNS)})
               FROM card_batch b WHERE b.id = NEW.batch_id));
    RETURN NULL;
END $$;
CREATE TRIGGER card_state_change_logged AFTER INSERT ON motcua.card_state_change
    FOR EACH ROW EXECUTE FUNCTION motcua.log_card_state_change_row();

CREATE TABLE motcua.card_key (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    point_role name NOT NULL DEFAULT session_user,
    counter_number integer NOT NULL,
    device_id uuid NOT NULL,
    public_key text NOT NULL CHECK (public_key ~ '^[0-9a-f]{{64}}$'),
    registered_at timestamptz NOT NULL DEFAULT now(),
    -- Set by IT staff's release-counter: the counter's next PC registers a key of its own.
    released_at timestamptz,
    FOREIGN KEY (point_role, counter_number) REFERENCES motcua.counter (point_role, counter_number)
);
-- One key in use per counter of a point.
CREATE UNIQUE INDEX card_key_current ON motcua.card_key (point_role, counter_number)
    WHERE released_at IS NULL;

-- A key is kept as registered; only its release is ever written after.
CREATE FUNCTION motcua.keep_card_key() RETURNS trigger
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL AND NEW.released_at IS NOT NULL
       AND (NEW.id, NEW.point_role, NEW.counter_number, NEW.device_id, NEW.public_key,
            NEW.registered_at)
           IS NOT DISTINCT FROM (OLD.id, OLD.point_role, OLD.counter_number, OLD.device_id,
                                 OLD.public_key, OLD.registered_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a registered card key is never changed or removed, only released'
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION motcua.register_card_key(p_counter integer, p_device uuid, p_public_key text)
RETURNS TABLE (public_key text, registered_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_held card_key%ROWTYPE;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM point p WHERE p.role_name = session_user) THEN
        RAISE EXCEPTION 'only a receiving point registers a card key'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_public_key IS NULL OR p_public_key !~ '^[0-9a-f]{{64}}$' THEN
        RAISE EXCEPTION 'an Ed25519 public key is 64 lowercase hex digits'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Locked: two registrations of one counter are decided one after the other.
    PERFORM 1 FROM counter c
    WHERE c.point_role = session_user AND c.counter_number = p_counter
      AND c.device_id = p_device
    FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only the PC registered as counter % of this point registers its '
            'card key', p_counter
            USING ERRCODE = 'insufficient_privilege', CONSTRAINT = 'card_key_own_counter';
    END IF;
    SELECT * INTO v_held FROM card_key k
    WHERE k.point_role = session_user AND k.counter_number = p_counter
      AND k.released_at IS NULL;
    IF FOUND THEN
        IF v_held.public_key = p_public_key AND v_held.device_id = p_device THEN
            RETURN QUERY SELECT v_held.public_key, v_held.registered_at;
            RETURN;
        END IF;
        RAISE EXCEPTION 'counter % of this point has another card key registered: IT staff '
            'release the counter (motcua central release-counter) before another is taken',
            p_counter
            USING ERRCODE = 'unique_violation', CONSTRAINT = 'card_key_registered';
    END IF;
    RETURN QUERY
        INSERT INTO card_key AS k (point_role, counter_number, device_id, public_key)
        VALUES (session_user, p_counter, p_device, p_public_key)
        RETURNING k.public_key, k.registered_at;
END $$;

CREATE TRIGGER card_key_kept BEFORE UPDATE OR DELETE ON motcua.card_key
    FOR EACH ROW EXECUTE FUNCTION motcua.keep_card_key();
CREATE TRIGGER card_key_not_truncated BEFORE TRUNCATE ON motcua.card_key
    FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_record_change();
"""


def _append_only(table: str) -> str:
    """c0005's: insert-only for every role, history through claimed operations."""
    return f"""
CREATE TRIGGER {table}_own_device BEFORE INSERT ON motcua.{table}
    FOR EACH ROW EXECUTE FUNCTION motcua.check_card_row_device();
CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON motcua.{table}
    FOR EACH ROW EXECUTE FUNCTION motcua.refuse_record_change();
CREATE TRIGGER {table}_not_truncated BEFORE TRUNCATE ON motcua.{table}
    FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_record_change();
CREATE TRIGGER {table}_history_insert AFTER INSERT ON motcua.{table}
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
    EXECUTE FUNCTION motcua.record_versions();
"""


def _owner_check(table: str, column: str, parent: str) -> str:
    """c0003's check that the parent a row names is the row owner's (before the unique keys,
    so a refusal never tells what another point holds)."""
    name = f"{table}_{column}_checked"
    return f"""
CREATE FUNCTION motcua.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    IF NEW.{column} IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {parent} p WHERE p.id = NEW.{column} AND p.point_role = NEW.point_role
    ) THEN
        RAISE EXCEPTION 'the {parent} this {table} row belongs to is not one of this point''s'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = '{table}_{column}_own';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OF {column} ON motcua.{table}
    FOR EACH ROW EXECUTE FUNCTION motcua.{name}();
"""


def _roles_sql(roles: Roles) -> str:
    """Row-level security and grants as c0005's: INSERT, and no UPDATE; the keys read only."""
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
    statements += [
        "ALTER TABLE motcua.card_key ENABLE ROW LEVEL SECURITY;",
        f'CREATE POLICY card_key_point ON motcua.card_key TO "{points}" USING ({own});',
        f'CREATE POLICY card_key_centre ON motcua.card_key TO "{centre}" USING (true);',
        "REVOKE ALL ON motcua.card_key FROM PUBLIC;",
        f'GRANT SELECT ON motcua.card_key TO "{points}", "{centre}";',
        "REVOKE EXECUTE ON FUNCTION motcua.check_card_row_device() FROM PUBLIC;",
        "REVOKE EXECUTE ON FUNCTION motcua.keep_card_key() FROM PUBLIC;",
        "REVOKE EXECUTE ON FUNCTION motcua.log_card_state_change_row() FROM PUBLIC;",
        "REVOKE EXECUTE ON FUNCTION motcua.register_card_key(integer, uuid, text) FROM PUBLIC;",
        f'GRANT EXECUTE ON FUNCTION motcua.register_card_key(integer, uuid, text) TO "{points}";',
    ]
    return "\n".join(statements)


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(TABLES)
    op.execute("".join(_append_only(table) for table in POINT_COLUMNS))
    op.execute("".join(_owner_check(*parent) for parent in PARENTS))
    op.execute(_roles_sql(roles))
    op.execute("UPDATE motcua.schema_info SET schema_version = 8")


def downgrade() -> None:
    checks = "".join(
        f"DROP FUNCTION motcua.{table}_{column}_checked();\n" for table, column, _ in PARENTS
    )
    op.execute(
        f"""
        DELETE FROM motcua.row_version WHERE table_name IN ('card_batch', 'card_state_change');
        DROP TABLE motcua.card_state_change, motcua.card_batch, motcua.card_key;
        {checks}
        DROP FUNCTION motcua.register_card_key(integer, uuid, text), motcua.keep_card_key(),
            motcua.check_card_row_device(), motcua.log_card_state_change_row();
        DELETE FROM motcua.change_log WHERE entity = 'card-state-change';
        UPDATE motcua.schema_info SET schema_version = 7;
        """
    )
