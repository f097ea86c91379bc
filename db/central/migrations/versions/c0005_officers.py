"""Schema 5: officers managed at the centre, their password changes, and voided dossiers
(issue 13).

Revision ID: c0005
Revises: c0004
Create Date: 2026-12-03 09:00:00

- officers are ``reference_item`` rows of kind ``officer`` (key: the login; payload
  ``full_name``, ``role``, ``password_hash``, ``must_change``, ``disabled``), written by
  IT staff (``db.central.officers``) and pulled by every counter; nothing new for them;
- ``officer_password_change``: an officer of the centre chose a new password at a counter.
  ``officer_password_change_applied`` (before insert, as the table's owner) puts the new
  hash into the officer's reference item, ``must_change`` false, when IT has not changed
  the account since the version the counter held (``based_on_version``): every version
  after it was made by such a change. Otherwise IT's change (a reset, a disable) wins:
  the row is kept, with ``applied_version`` NULL. Applying it bumps the item's version,
  so every counter pulls the new hash;
- ``dossier_void``: a supervisor voided a stored dossier (the dossier stays);
- both: the common columns of a point table, written on INSERT only (no UPDATE granted;
  ``<table>_append_only`` refuses an UPDATE, DELETE or TRUNCATE from any role, as c0004
  does for the audit trail); c0003's history through claimed operations; a void's
  dossier must be the point's own (``dossier_void_dossier_id_checked``);
- ``schema_info.schema_version`` 5 (``db.sync.compat.REQUIRED_SCHEMA``).

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

from db.central.roles import Roles

revision = "c0005"
down_revision = "c0004"
branch_labels = None
depends_on = None

POINT_COLUMNS = {
    "officer_password_change": "login password_hash based_on_version changed_at",
    "dossier_void": "dossier_id voided_at officer actor reason",
}
# c0003's owner check: (table, column, parent).
PARENTS = (("dossier_void", "dossier_id", "dossier"),)

_COMMON = """
    point_role name NOT NULL DEFAULT session_user,
    origin_device uuid NOT NULL,
    origin_seq bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
"""

CHANGES = rf"""
CREATE TABLE motcua.officer_password_change (
    id uuid PRIMARY KEY,
    login text NOT NULL,
    -- An argon2id PHC string (app.officers.passwords), never a password.
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    based_on_version bigint NOT NULL,
    changed_at timestamp NOT NULL,
    -- The centre's: the officer's version this change made, NULL when IT's change won.
    applied_version bigint,
    {_COMMON}
);
CREATE INDEX officer_password_change_login
    ON motcua.officer_password_change (login, applied_version);

CREATE TABLE motcua.dossier_void (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL CONSTRAINT dossier_void_once_key UNIQUE,
    voided_at timestamp NOT NULL,
    officer text NOT NULL,
    actor text NOT NULL,
    reason text NOT NULL,
    {_COMMON},
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role)
);

CREATE FUNCTION motcua.refuse_record_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'a % row is only ever added: it is never changed or removed', TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

-- Before insert, as the owner: a point may not update reference items itself.
CREATE FUNCTION motcua.apply_password_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_current bigint;
    v_own bigint;
BEGIN
    NEW.applied_version := NULL;
    -- Locked: two changes of one officer (or IT's reset) are decided one after the other.
    SELECT r.version INTO v_current FROM reference_item r
    WHERE r.kind = 'officer' AND r.key = NEW.login AND NOT r.withdrawn
    FOR UPDATE;
    IF NOT FOUND OR NEW.based_on_version > v_current THEN
        RETURN NEW;
    END IF;
    -- The versions after the counter's: made by officers' own changes, or IT changed it.
    SELECT count(*) INTO v_own FROM officer_password_change c
    WHERE c.login = NEW.login
      AND c.applied_version > NEW.based_on_version AND c.applied_version <= v_current;
    IF v_own <> v_current - NEW.based_on_version THEN
        RETURN NEW;
    END IF;
    UPDATE reference_item r
    SET payload = r.payload || jsonb_build_object('password_hash', NEW.password_hash,
                                                  'must_change', false)
    WHERE r.kind = 'officer' AND r.key = NEW.login
    RETURNING r.version INTO NEW.applied_version;
    RETURN NEW;
END $$;

CREATE TRIGGER officer_password_change_applied BEFORE INSERT
    ON motcua.officer_password_change
    FOR EACH ROW EXECUTE FUNCTION motcua.apply_password_change();
"""


def _append_only(table: str) -> str:
    return f"""
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
    """Row-level security and grants as c0004's: INSERT, and no UPDATE."""
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
    statements.append("REVOKE EXECUTE ON FUNCTION motcua.apply_password_change() FROM PUBLIC;")
    return "\n".join(statements)


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(CHANGES)
    op.execute("".join(_append_only(table) for table in POINT_COLUMNS))
    op.execute("".join(_owner_check(*parent) for parent in PARENTS))
    op.execute(_roles_sql(roles))
    op.execute("UPDATE motcua.schema_info SET schema_version = 5")


def downgrade() -> None:
    checks = "".join(
        f"DROP FUNCTION motcua.{table}_{column}_checked();\n" for table, column, _ in PARENTS
    )
    op.execute(
        f"""
        DELETE FROM motcua.row_version
        WHERE table_name IN ('officer_password_change', 'dossier_void');
        DROP TABLE motcua.dossier_void, motcua.officer_password_change;
        {checks}
        DROP FUNCTION motcua.apply_password_change(), motcua.refuse_record_change();
        UPDATE motcua.schema_info SET schema_version = 4;
        """
    )
