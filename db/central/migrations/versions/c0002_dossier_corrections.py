"""Schema 2: corrections of a stored dossier; a licence's material optional, its country kept.

Revision ID: c0002
Revises: c0001
Create Date: 2026-12-01 09:00:00

- ``dossier_licence``: ``material`` may be NULL (a counter records it only where a rule
  reads it); ``country``, the issuing country of a foreign licence (ISO 3166-1 alpha-2);
  ``replaced_in``, the revision of the correction that replaced the row (NULL while it is
  current: a correction never deletes a row, the dossier's licences are those not replaced);
- ``dossier_correction``: a point table like ``reappointment`` — the common columns, foreign
  keys that include the owner, row-level security, column grants and the version trigger.
  Like every point table it writes nothing to the change log (the counters pull only
  reference data and the centre's statuses);
- ``schema_info.schema_version`` 2. Counters that may push a NULL material, a country or a
  correction require it (``db.sync.compat.REQUIRED_SCHEMA``); older counters still fit.

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

revision = "c0002"
down_revision = "c0001"
branch_labels = None
depends_on = None

# What a point may insert and update that c0001 did not grant, table by table.
POINT_COLUMNS = {
    "dossier_licence": "country replaced_in",
    "dossier_correction": (
        "dossier_id round_id revision corrected_at officer reason fields_json before_json "
        "after_json"
    ),
}
NEW_TABLES = ("dossier_correction",)

CHANGES = """
ALTER TABLE motcua.dossier_licence
    ALTER COLUMN material DROP NOT NULL,
    ADD COLUMN country text CHECK (country ~ '^[A-Z]{2}$'),
    ADD COLUMN replaced_in integer CHECK (replaced_in >= 1);

CREATE TABLE motcua.dossier_correction (
    id uuid PRIMARY KEY,
    dossier_id uuid NOT NULL,
    round_id uuid NOT NULL,
    revision integer NOT NULL CHECK (revision >= 1),
    corrected_at timestamp NOT NULL,
    officer text NOT NULL,
    reason text NOT NULL,
    fields_json text NOT NULL,
    before_json text NOT NULL,
    after_json text NOT NULL,
    point_role name NOT NULL DEFAULT session_user,
    origin_device uuid NOT NULL,
    origin_seq bigint NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT dossier_correction_revision_key UNIQUE (dossier_id, revision),
    FOREIGN KEY (dossier_id, point_role) REFERENCES motcua.dossier (id, point_role),
    FOREIGN KEY (round_id, point_role) REFERENCES motcua.reception_round (id, point_role)
);
CREATE TRIGGER dossier_correction_versioned BEFORE UPDATE ON motcua.dossier_correction
    FOR EACH ROW EXECUTE FUNCTION motcua.bump_version();
"""


def _roles_sql(points: str, centre: str) -> str:
    """c0001's policies and grants for the new table; the added columns' grants for the others."""
    own = "point_role = session_user"
    statements = []
    for table, columns in POINT_COLUMNS.items():
        if table in NEW_TABLES:
            writable = ", ".join(["id", *columns.split(), "origin_device", "origin_seq"])
            updatable = ", ".join([*columns.split(), "origin_device", "origin_seq"])
            statements += [
                f"ALTER TABLE motcua.{table} ENABLE ROW LEVEL SECURITY;",
                f'CREATE POLICY {table}_point ON motcua.{table} TO "{points}" '
                f"USING ({own}) WITH CHECK ({own});",
                f'CREATE POLICY {table}_centre ON motcua.{table} TO "{centre}" USING (true);',
                f'GRANT SELECT ON motcua.{table} TO "{points}", "{centre}";',
            ]
        else:
            writable = updatable = ", ".join(columns.split())
        statements.append(
            f'GRANT INSERT ({writable}), UPDATE ({updatable}) ON motcua.{table} TO "{points}";'
        )
    return "\n".join(statements)


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(CHANGES)
    op.execute(_roles_sql(roles.points, roles.centre))
    op.execute("UPDATE motcua.schema_info SET schema_version = 2")


def downgrade() -> None:
    op.execute(
        """
        DROP TABLE motcua.dossier_correction;
        -- Schema 1 knows only current licences, each with its material.
        DELETE FROM motcua.dossier_licence WHERE replaced_in IS NOT NULL;
        UPDATE motcua.dossier_licence SET material = '' WHERE material IS NULL;
        ALTER TABLE motcua.dossier_licence
            DROP COLUMN replaced_in,
            DROP COLUMN country,
            ALTER COLUMN material SET NOT NULL;
        UPDATE motcua.schema_info SET schema_version = 1;
        """
    )
