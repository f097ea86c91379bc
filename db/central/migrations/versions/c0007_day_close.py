"""Schema 7: closing a counter's day, checked against the centre's own dossiers (issue 15).

Revision ID: c0007
Revises: c0006
Create Date: 2026-12-03 09:00:00

- ``day_digest(day, counter)``: the calling point's dossiers of ``day`` received at counter
  ``counter`` (a dossier with a round received that day), as the centre holds them: how
  many, and the SHA-256 (hex) of their lines ``code TAB id TAB status`` (no code: empty;
  a voided dossier's status is ``voided``), sorted bytewise and joined by a newline. The
  counter computes the same over its store (``db.day_close.digest_of``); equal means every
  dossier of the day, with its code, status and void, reached the centre. SECURITY DEFINER
  and the point's own rows only (``session_user``), like ``dossier_point`` (c0006);
- ``day_close``: one row per point, counter and day closed: when (the counter's clock,
  local time), by whom (name and login), the count and digest the close agreed on, the
  store's device. Insert-only: the point has no grant on the table; it writes through
  ``record_day_close`` only, and ``refuse_record_change`` (c0005) refuses an UPDATE, DELETE
  or TRUNCATE from any role. The centre's logins read it;
- ``record_day_close(...)``: only from the PC registered as that counter of the calling point
  (``counter.device_id``, c0003; else ``insufficient_privilege``, ``day_close_own_counter``);
  computes the digest again in the same transaction and inserts
  the close only when the counter's count and digest equal the centre's (else
  ``check_violation``, constraint ``day_close_digest``, naming the centre's count); a
  close recorded before is returned as it was (a counter that lost the answer closes
  again and gets the same row);
- ``schema_info.schema_version`` 7 (``db.day_close.DAY_CLOSE_SCHEMA``: a close needs it; a
  counter still pushes to schema 6, as it writes no new table).

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

from db.central.roles import Roles

revision = "c0007"
down_revision = "c0006"
branch_labels = None
depends_on = None

TABLE = "day_close"

DAY_CLOSE = rf"""
CREATE TABLE motcua.{TABLE} (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    day date NOT NULL,
    counter_number integer NOT NULL,
    closed_at timestamp NOT NULL,
    officer text NOT NULL,
    actor text NOT NULL,
    dossier_count integer NOT NULL CHECK (dossier_count >= 0),
    digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{{64}}$'),
    device_id uuid NOT NULL,
    point_role name NOT NULL DEFAULT session_user,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT {TABLE}_key UNIQUE (point_role, counter_number, day)
);

-- The point's own dossiers of a day at a counter: count and digest (db.day_close.digest_of).
CREATE FUNCTION motcua.day_digest(p_day date, p_counter integer)
RETURNS TABLE (dossier_count integer, digest text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
    SELECT count(*)::integer,
           encode(sha256(convert_to(
               coalesce(string_agg(line, E'\n' ORDER BY line COLLATE "C"), ''), 'UTF8')), 'hex')
    FROM (
        SELECT coalesce(d.code, '') || E'\t' || d.id::text || E'\t' ||
               CASE WHEN EXISTS (SELECT 1 FROM dossier_void v WHERE v.dossier_id = d.id)
                    THEN 'voided' ELSE d.status END AS line
        FROM dossier d
        WHERE d.point_role = session_user
          AND d.counter_number = p_counter
          AND EXISTS (
              SELECT 1 FROM reception_round r
              WHERE r.dossier_id = d.id
                AND r.received_at >= p_day AND r.received_at < p_day + 1
          )
    ) lines
$$;

CREATE FUNCTION motcua.record_day_close(
    p_day date, p_counter integer, p_count integer, p_digest text, p_closed_at timestamp,
    p_officer text, p_actor text, p_device uuid
) RETURNS TABLE (close_id uuid, recorded_at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_count integer;
    v_digest text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM point p WHERE p.role_name = session_user) THEN
        RAISE EXCEPTION 'only a receiving point closes its day'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM counter c
        WHERE c.point_role = session_user AND c.counter_number = p_counter
          AND c.device_id = p_device
    ) THEN
        RAISE EXCEPTION 'only the PC registered as counter % of this point closes its day',
            p_counter USING ERRCODE = 'insufficient_privilege', CONSTRAINT = '{TABLE}_own_counter';
    END IF;
    SELECT g.dossier_count, g.digest INTO v_count, v_digest FROM day_digest(p_day, p_counter) g;
    IF v_count <> p_count OR v_digest <> p_digest THEN
        RAISE EXCEPTION 'the centre holds % dossier(s) of this day, not %', v_count, p_count
            USING ERRCODE = 'check_violation', CONSTRAINT = '{TABLE}_digest';
    END IF;
    INSERT INTO {TABLE} (day, counter_number, closed_at, officer, actor, dossier_count, digest,
                         device_id)
    VALUES (p_day, p_counter, p_closed_at, p_officer, p_actor, p_count, p_digest, p_device)
    ON CONFLICT (point_role, counter_number, day) DO NOTHING;
    RETURN QUERY
        SELECT c.id, c.recorded_at FROM {TABLE} c
        WHERE c.point_role = session_user AND c.counter_number = p_counter AND c.day = p_day;
END $$;

CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON motcua.{TABLE}
    FOR EACH ROW EXECUTE FUNCTION motcua.refuse_record_change();
CREATE TRIGGER {TABLE}_not_truncated BEFORE TRUNCATE ON motcua.{TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION motcua.refuse_record_change();
"""


def _roles_sql(roles: Roles) -> str:
    """The points reach the table through the two functions only; the centre reads it."""
    points, centre = roles.points, roles.centre
    return f"""
REVOKE ALL ON motcua.{TABLE} FROM PUBLIC;
GRANT SELECT ON motcua.{TABLE} TO "{centre}";
REVOKE EXECUTE ON FUNCTION motcua.day_digest(date, integer) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION motcua.record_day_close(
    date, integer, integer, text, timestamp, text, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.day_digest(date, integer) TO "{points}";
GRANT EXECUTE ON FUNCTION motcua.record_day_close(
    date, integer, integer, text, timestamp, text, text, uuid) TO "{points}";
"""


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(DAY_CLOSE)
    op.execute(_roles_sql(roles))
    op.execute("UPDATE motcua.schema_info SET schema_version = 7")


def downgrade() -> None:
    op.execute(
        f"""
        DROP FUNCTION motcua.record_day_close(
            date, integer, integer, text, timestamp, text, text, uuid);
        DROP FUNCTION motcua.day_digest(date, integer);
        DROP TABLE motcua.{TABLE};
        UPDATE motcua.schema_info SET schema_version = 6;
        """
    )
