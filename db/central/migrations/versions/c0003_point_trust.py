"""Schema 3: the centre trusts a point only with what is its own (issue 12).

Revision ID: c0003
Revises: c0002
Create Date: 2026-12-02 15:00:00

- ``counter``: each counter of a point registered with its device and the offline reserve
  the centre allocated to it (``register_counter``), inside the agency's reserve zone
  ``1..reserve_top`` and never overlapping another counter's reserve or a current lease;
  ``reserve_top`` can no longer cut a reserve nor cover a current lease
  (``agency_reserve_top_checked``);
- dossier codes: ``code_agency`` must be the point's agency, ``code`` the code of agency,
  day and serial, and the serial one leased to the point that day or in one of its
  counters' reserves — checked before the unique keys, so a refusal says nothing about
  other points' codes; a code never changes once given (``dossier_code_checked``);
- a child row's parent must be the point's own, checked before the unique keys too
  (``<table>_<column>_checked``); a new photo must name its dossier;
- ``lease_serials`` bounded: per call and per point and day (``schema_info``), for the
  centre's today and tomorrow only;
- history: every version of every point-written row in ``row_version`` (who, when, which
  sync operation); a point writes a row only through an operation it claimed in the same
  transaction (``applied_operation`` now names the row it writes);
- timeouts: point roles get ``statement_timeout`` and ``idle_in_transaction_session_timeout``
  from ``schema_info``; ``end_stale_point_transactions`` (called by every pull) ends a point's
  transaction holding an xid for longer than ``point_transaction_limit``, so no point can
  hold back the pull watermark for longer than that;
- ``schema_info.schema_version`` 3, ``min_client_protocol`` 2: a counter must claim each
  operation with its row, which older counters do not.

Role names come from ``config.attributes["roles"]``, as in c0001.
"""

from __future__ import annotations

from alembic import context, op

from db.central.roles import Roles

revision = "c0003"
down_revision = "c0002"
branch_labels = None
depends_on = None

# Every table a point writes (c0001's and c0002's POINT_COLUMNS), in foreign-key order.
POINT_TABLES = (
    "dossier",
    "dossier_licence",
    "reception_round",
    "presented_item",
    "reappointment",
    "dossier_correction",
    "slip",
    "photo",
)
# A child's parents: (column, parent table). The foreign keys include the owner, but they are
# checked after the unique keys, whose errors would tell a point that another's row exists.
PARENTS = {
    "dossier_licence": (("dossier_id", "dossier"),),
    "reception_round": (("dossier_id", "dossier"),),
    "presented_item": (("round_id", "reception_round"),),
    "reappointment": (("dossier_id", "dossier"),),
    "dossier_correction": (("dossier_id", "dossier"), ("round_id", "reception_round")),
    "slip": (("dossier_id", "dossier"), ("round_id", "reception_round")),
    "photo": (("dossier_id", "dossier"),),
}

CHANGES = r"""
-- The limits a point works under, as data: raise or lower them with an UPDATE.
ALTER TABLE motcua.schema_info
    ADD COLUMN lease_max_serials integer NOT NULL DEFAULT 500
        CHECK (lease_max_serials BETWEEN 1 AND 9999),
    ADD COLUMN lease_daily_serials integer NOT NULL DEFAULT 3000
        CHECK (lease_daily_serials BETWEEN 1 AND 9999),
    ADD COLUMN time_zone text NOT NULL DEFAULT 'Asia/Ho_Chi_Minh',
    ADD COLUMN point_statement_timeout interval NOT NULL DEFAULT '2 minutes',
    ADD COLUMN point_idle_timeout interval NOT NULL DEFAULT '1 minute',
    ADD COLUMN point_transaction_limit interval NOT NULL DEFAULT '5 minutes';

-- The national agency-code form (app.dossier_code.AGENCY_CODE_PATTERN), for new agencies.
ALTER TABLE motcua.agency ADD CONSTRAINT agency_code_check
    CHECK (code ~ '^[0-9A-Z]+(\.[0-9A-Z]+)*$') NOT VALID;

CREATE TABLE motcua.counter (
    point_role name NOT NULL REFERENCES motcua.point (role_name),
    counter_number integer NOT NULL CHECK (counter_number BETWEEN 1 AND 99),
    agency_code text NOT NULL REFERENCES motcua.agency,
    -- The PC numbering as this counter; NULL once IT staff released it for a replacement.
    device_id uuid CONSTRAINT counter_device_key UNIQUE,
    first_serial integer NOT NULL,
    last_serial integer NOT NULL,
    -- The first day the reserve may be numbered from (NULL: any day): the day after the
    -- last lease that ever covered one of its serials.
    valid_from date,
    registered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (point_role, counter_number),
    CONSTRAINT counter_serials_check
        CHECK (first_serial BETWEEN 1 AND last_serial AND last_serial <= 9999)
);
CREATE INDEX counter_agency ON motcua.counter (agency_code);

-- Which row an operation writes, and in which transaction it was claimed: the history
-- trigger accepts a point's write only under a claim of the same transaction.
ALTER TABLE motcua.applied_operation
    ADD COLUMN table_name name,
    ADD COLUMN row_id uuid,
    ADD COLUMN origin_seq bigint,
    ADD COLUMN xid xid8,
    ADD CONSTRAINT applied_operation_row_check
        CHECK (xid IS NULL OR (table_name IS NOT NULL AND row_id IS NOT NULL
                               AND origin_seq IS NOT NULL));
ALTER TABLE motcua.applied_operation ALTER COLUMN xid SET DEFAULT pg_current_xact_id();
CREATE INDEX applied_operation_row ON motcua.applied_operation (row_id)
    WHERE row_id IS NOT NULL;

CREATE TABLE motcua.row_version (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name name NOT NULL,
    row_id uuid NOT NULL,
    version bigint NOT NULL,
    -- INSERT, UPDATE, DELETE; EXISTING: the row as it stood when schema 3 was installed.
    operation text NOT NULL,
    op_id uuid,  -- the sync operation that wrote it; NULL: not written by a point
    written_by name NOT NULL DEFAULT session_user,
    written_at timestamptz NOT NULL DEFAULT now(),
    row_data jsonb NOT NULL  -- the row; a photo without its content
);
CREATE INDEX row_version_row ON motcua.row_version (table_name, row_id, id);

-- New photos name their dossier (rows from before are left as they are).
ALTER TABLE motcua.photo ADD CONSTRAINT photo_dossier_needed
    CHECK (dossier_id IS NOT NULL) NOT VALID;
"""

FUNCTIONS = r"""
-- The centre's day: leases, reserves and their checks never use a counter's clock.
CREATE FUNCTION motcua.today() RETURNS date
LANGUAGE sql STABLE SET search_path = motcua, pg_temp AS $$
    SELECT (now() AT TIME ZONE s.time_zone)::date FROM schema_info s
$$;

-- <agency>-<YYMMDD>-<NNNN>, as app.dossier_code.format_code writes it. Built-ins only, and no
-- SET clause: it is inlined where it is called (the code check of every dossier pushed).
CREATE FUNCTION motcua.dossier_code(p_agency text, p_day date, p_serial integer) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT p_agency || '-' || to_char(p_day, 'YYMMDD') || '-' || to_char(p_serial, 'FM0000')
$$;

-- A counter's reserve: inside the agency's zone, clear of other reserves and current leases.
CREATE FUNCTION motcua.check_counter_reserve() RETURNS trigger
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
DECLARE
    v_top integer;
    v_other integer;
BEGIN
    -- Serialised with leases, registrations and reserve_top changes of the agency.
    SELECT a.reserve_top INTO v_top FROM agency a WHERE a.code = NEW.agency_code FOR UPDATE;
    IF NEW.last_serial > v_top THEN
        RAISE EXCEPTION 'the reserve %–% of counter % lies above the agency''s reserve_top %',
            NEW.first_serial, NEW.last_serial, NEW.counter_number, v_top
            USING ERRCODE = 'check_violation', CONSTRAINT = 'counter_reserve_zone';
    END IF;
    SELECT c.counter_number INTO v_other FROM counter c
    WHERE c.agency_code = NEW.agency_code
      AND (c.point_role, c.counter_number) <> (NEW.point_role, NEW.counter_number)
      AND c.first_serial <= NEW.last_serial AND c.last_serial >= NEW.first_serial
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the reserve %–% overlaps another counter''s reserve of the agency',
            NEW.first_serial, NEW.last_serial
            USING ERRCODE = 'check_violation', CONSTRAINT = 'counter_reserve_overlap';
    END IF;
    IF EXISTS (SELECT 1 FROM serial_lease l
               WHERE l.agency_code = NEW.agency_code AND l.day >= today()
                 AND l.first_serial <= NEW.last_serial AND l.last_serial >= NEW.first_serial) THEN
        RAISE EXCEPTION 'the reserve %–% overlaps serials leased for today or tomorrow',
            NEW.first_serial, NEW.last_serial
            USING ERRCODE = 'check_violation', CONSTRAINT = 'counter_reserve_leased';
    END IF;
    RETURN NEW;
END $$;

-- reserve_top never cuts an allocated reserve, and never covers serials leased for a
-- day that is not over (a counter could number them offline from a new reserve).
CREATE FUNCTION motcua.check_reserve_top() RETURNS trigger
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
DECLARE
    v_last integer;
    v_leased integer;
    v_day date;
BEGIN
    SELECT max(c.last_serial) INTO v_last FROM counter c WHERE c.agency_code = NEW.code;
    IF v_last > NEW.reserve_top THEN
        RAISE EXCEPTION 'reserve_top cannot be lower than %: a counter''s reserve ends there',
            v_last USING ERRCODE = 'check_violation', CONSTRAINT = 'agency_reserve_top_reserves';
    END IF;
    SELECT l.first_serial, l.day INTO v_leased, v_day FROM serial_lease l
    WHERE l.agency_code = NEW.code AND l.day >= today() AND l.first_serial <= NEW.reserve_top
    ORDER BY l.first_serial LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'reserve_top cannot rise to %: serial % is leased for %; it can rise to '
            'at most % until that day is over', NEW.reserve_top, v_leased, v_day, v_leased - 1
            USING ERRCODE = 'check_violation', CONSTRAINT = 'agency_reserve_top_leases';
    END IF;
    RETURN NEW;
END $$;

-- The calling point's counter ``p_counter``, on the PC ``p_device``, with a reserve of
-- ``p_size`` serials: the reserve it holds, or a new one allocated. Two PCs never hold one
-- counter; a PC that replaces another takes its counter once IT staff released it.
CREATE FUNCTION motcua.register_counter(p_counter integer, p_device uuid, p_size integer)
RETURNS TABLE (agency_code text, counter_number integer, first_serial integer,
               last_serial integer, valid_from date)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_agency text;
    v_top integer;
    v_held counter%ROWTYPE;
    v_first integer;
    v_valid date;
BEGIN
    SELECT p.agency_code INTO v_agency FROM point p WHERE p.role_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % is not a receiving point', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_counter IS NULL OR p_counter NOT BETWEEN 1 AND 99 THEN
        RAISE EXCEPTION 'a counter number is 1 to 99' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_size IS NULL OR p_size NOT BETWEEN 1 AND 9999 THEN
        RAISE EXCEPTION 'a reserve holds 1 to 9999 serials'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_device IS NULL THEN
        RAISE EXCEPTION 'a counter registers with its device id'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Every round asks: the counter that holds its reserve already gets it back at once.
    RETURN QUERY SELECT c.agency_code, c.counter_number, c.first_serial, c.last_serial,
                        c.valid_from
                 FROM counter c
                 WHERE c.point_role = session_user AND c.counter_number = p_counter
                   AND c.device_id = p_device AND c.last_serial - c.first_serial + 1 = p_size;
    IF FOUND THEN
        RETURN;
    END IF;
    -- One registration at a time per agency: every reserve comes from the agency's zone.
    SELECT a.reserve_top INTO v_top FROM agency a WHERE a.code = v_agency FOR UPDATE;
    SELECT * INTO v_held FROM counter c
    WHERE c.point_role = session_user AND c.counter_number = p_counter;
    IF FOUND THEN
        IF v_held.device_id IS NOT NULL AND v_held.device_id <> p_device THEN
            RAISE EXCEPTION 'counter % of this point is registered to another PC: give this PC '
                'a counter_number of its own, or, if it replaces that PC, IT staff run '
                'motcua central release-counter first', p_counter
                USING ERRCODE = 'MT001';
        END IF;
        IF v_held.last_serial - v_held.first_serial + 1 <> p_size THEN
            RAISE EXCEPTION 'counter % has a reserve of % serials at the centre (%–%), not %: '
                'set serial_block_size to %', p_counter,
                v_held.last_serial - v_held.first_serial + 1, v_held.first_serial,
                v_held.last_serial, p_size, v_held.last_serial - v_held.first_serial + 1
                USING ERRCODE = 'MT003';
        END IF;
        IF v_held.device_id IS NULL THEN
            UPDATE counter c SET device_id = p_device
            WHERE c.point_role = session_user AND c.counter_number = p_counter;
        END IF;
    ELSE
        IF EXISTS (SELECT 1 FROM counter c WHERE c.device_id = p_device) THEN
            RAISE EXCEPTION 'this PC is registered as another counter: its counter_number '
                'cannot change while it holds that counter''s reserve'
                USING ERRCODE = 'MT001';
        END IF;
        -- The block counter_number would have had (n-1)·size+1 … n·size if it is free,
        -- else the lowest free run of the zone (first fit).
        WITH taken AS (
            SELECT c.first_serial AS f, c.last_serial AS l FROM counter c
            WHERE c.agency_code = v_agency
            UNION ALL
            SELECT s.first_serial, s.last_serial FROM serial_lease s
            WHERE s.agency_code = v_agency AND s.day >= today()
        ), candidate AS (
            SELECT (p_counter - 1) * p_size + 1 AS start, 0 AS preference
            UNION ALL SELECT 1, 1
            UNION ALL SELECT t.l + 1, 1 FROM taken t
        )
        SELECT k.start INTO v_first FROM candidate k
        WHERE k.start >= 1 AND k.start + p_size - 1 <= v_top
          AND NOT EXISTS (SELECT 1 FROM taken t
                          WHERE t.f <= k.start + p_size - 1 AND t.l >= k.start)
        ORDER BY k.preference, k.start
        LIMIT 1;
        IF v_first IS NULL THEN
            RAISE EXCEPTION 'no room for counter %: the agency''s reserve serials 1–% have no '
                'free run of %; IT staff raise reserve_top (motcua central set-reserve-top) '
                'or choose a smaller serial_block_size', p_counter, v_top, p_size
                USING ERRCODE = 'MT002';
        END IF;
        SELECT max(l.day) + 1 INTO v_valid FROM serial_lease l
        WHERE l.agency_code = v_agency
          AND l.first_serial <= v_first + p_size - 1 AND l.last_serial >= v_first;
        INSERT INTO counter (point_role, counter_number, agency_code, device_id, first_serial,
                             last_serial, valid_from)
        VALUES (session_user, p_counter, v_agency, p_device, v_first, v_first + p_size - 1,
                v_valid);
    END IF;
    RETURN QUERY SELECT c.agency_code, c.counter_number, c.first_serial, c.last_serial,
                        c.valid_from
                 FROM counter c
                 WHERE c.point_role = session_user AND c.counter_number = p_counter;
END $$;

-- A block of the day's serials for the calling point's agency, above the reserves; at most
-- lease_max_serials at a time and lease_daily_serials a day per point, for the centre's
-- today and tomorrow only.
CREATE OR REPLACE FUNCTION motcua.lease_serials(p_day date, p_size integer)
RETURNS TABLE (lease_id uuid, agency_code text, first_serial integer, last_serial integer,
               reserve_top integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_agency text;
    v_reserve integer;
    v_max integer;
    v_daily integer;
    v_today date;
    v_taken integer;
    v_first integer;
    v_last integer;
    v_id uuid;
BEGIN
    SELECT p.agency_code INTO v_agency FROM point p WHERE p.role_name = session_user;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'role % is not a receiving point', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT s.lease_max_serials, s.lease_daily_serials INTO v_max, v_daily FROM schema_info s;
    IF p_size IS NULL OR p_size NOT BETWEEN 1 AND v_max THEN
        RAISE EXCEPTION 'a lease holds 1 to % serials', v_max
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    v_today := today();
    IF p_day IS NULL OR p_day NOT BETWEEN v_today AND v_today + 1 THEN
        RAISE EXCEPTION 'serials are leased only for the centre''s today (%) and tomorrow',
            v_today USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- reserve_top cannot change under this lease (agency_reserve_top_checked reads leases).
    SELECT a.reserve_top INTO v_reserve FROM agency a WHERE a.code = v_agency FOR SHARE;
    -- One lease at a time per agency and day, so two blocks never overlap.
    PERFORM pg_advisory_xact_lock(hashtext('motcua.serial_lease'), hashtext(v_agency || p_day));
    SELECT coalesce(sum(l.last_serial - l.first_serial + 1), 0) INTO v_taken
    FROM serial_lease l
    WHERE l.point_role = session_user AND l.agency_code = v_agency AND l.day = p_day;
    IF v_taken >= v_daily THEN
        RAISE EXCEPTION 'this point has leased the % serials a point may lease for %',
            v_daily, p_day USING ERRCODE = 'program_limit_exceeded';
    END IF;
    SELECT greatest(coalesce(max(l.last_serial), 0), v_reserve) + 1 INTO v_first
    FROM serial_lease l WHERE l.agency_code = v_agency AND l.day = p_day;
    IF v_first > 9999 THEN
        RETURN;
    END IF;
    v_last := least(v_first + least(p_size, v_daily - v_taken) - 1, 9999);
    INSERT INTO serial_lease (agency_code, day, first_serial, last_serial, point_role)
    VALUES (v_agency, p_day, v_first, v_last, session_user) RETURNING id INTO v_id;
    RETURN QUERY SELECT v_id, v_agency, v_first, v_last, v_reserve;
END $$;

-- A dossier's code is the point's own: its agency, the day, and a serial leased to it that
-- day or in one of its counters' reserves (not covered by a lease that day). Runs before
-- the unique keys, so a refusal never tells whether another point holds the code.
CREATE FUNCTION motcua.check_dossier_code() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
DECLARE
    v_agency text;
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.code IS NOT NULL THEN
        IF (NEW.code, NEW.code_agency, NEW.code_day, NEW.code_serial) IS DISTINCT FROM
           (OLD.code, OLD.code_agency, OLD.code_day, OLD.code_serial) THEN
            RAISE EXCEPTION 'a dossier''s code never changes once given'
                USING ERRCODE = 'check_violation', CONSTRAINT = 'dossier_code_fixed';
        END IF;
        RETURN NEW;
    END IF;
    IF (NEW.code, NEW.code_agency, NEW.code_day, NEW.code_serial) IS NULL THEN
        RETURN NEW;  -- not numbered (yet)
    END IF;
    -- The upsert of a row already holding this code goes on to the UPDATE above.
    IF TG_OP = 'INSERT' AND EXISTS (
        SELECT 1 FROM dossier d
        WHERE d.id = NEW.id AND d.point_role = NEW.point_role
          AND (d.code, d.code_agency, d.code_day, d.code_serial) IS NOT DISTINCT FROM
              (NEW.code, NEW.code_agency, NEW.code_day, NEW.code_serial)) THEN
        RETURN NEW;
    END IF;
    SELECT p.agency_code INTO v_agency FROM point p WHERE p.role_name = NEW.point_role;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'only a receiving point numbers dossiers'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.code_agency IS DISTINCT FROM v_agency OR NEW.code_day IS NULL
       OR NEW.code_serial IS NULL
       OR NEW.code IS DISTINCT FROM dossier_code(v_agency, NEW.code_day, NEW.code_serial) THEN
        RAISE EXCEPTION 'a dossier code of this point is %-YYMMDD-NNNN: its agency, the day '
            'and the serial', v_agency
            USING ERRCODE = 'check_violation', CONSTRAINT = 'dossier_code_own';
    END IF;
    IF NOT EXISTS (
        SELECT 1 FROM serial_lease l
        WHERE l.point_role = NEW.point_role AND l.agency_code = v_agency
          AND l.day = NEW.code_day AND NEW.code_serial BETWEEN l.first_serial AND l.last_serial
    ) AND NOT EXISTS (
        SELECT 1 FROM counter c
        WHERE c.point_role = NEW.point_role AND c.agency_code = v_agency
          AND NEW.code_serial BETWEEN c.first_serial AND c.last_serial
          AND NOT EXISTS (
              SELECT 1 FROM serial_lease l
              WHERE l.agency_code = v_agency AND l.day = NEW.code_day
                AND NEW.code_serial BETWEEN l.first_serial AND l.last_serial)
    ) THEN
        RAISE EXCEPTION 'serial % of % was not leased to this point and is in none of its '
            'counters'' reserves', NEW.code_serial, NEW.code_day
            USING ERRCODE = 'check_violation', CONSTRAINT = 'dossier_serial_own';
    END IF;
    RETURN NEW;
END $$;

-- Every version of a point-written row, with who wrote it, when and by which operation.
-- A point's write must come with the claim of its operation in the same transaction.
-- Statement-level, over the statement's transition table: a pushed batch is recorded by one
-- INSERT … SELECT, not by a call and an INSERT per row. (A photo's version carries its
-- metadata; its bytes stay once, in its row.)
CREATE FUNCTION motcua.record_versions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        INSERT INTO row_version (table_name, row_id, version, operation, row_data)
        SELECT TG_TABLE_NAME, o.id, o.version, TG_OP, to_jsonb(o) - 'content' FROM old_rows o;
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM point p WHERE p.role_name = session_user) AND EXISTS (
        SELECT 1 FROM new_rows n
        WHERE NOT EXISTS (
            SELECT 1 FROM applied_operation a
            WHERE a.row_id = n.id AND a.table_name = TG_TABLE_NAME
              AND a.origin_seq = n.origin_seq AND a.point_role = session_user
              AND a.xid = pg_current_xact_id())) THEN
        RAISE EXCEPTION 'a receiving point writes its rows at the centre only through sync '
            'operations' USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO row_version (table_name, row_id, version, operation, op_id, row_data)
    SELECT TG_TABLE_NAME, n.id, n.version, TG_OP, a.op_id, to_jsonb(n) - 'content'
    FROM new_rows n
    LEFT JOIN applied_operation a
      ON a.row_id = n.id AND a.table_name = TG_TABLE_NAME AND a.origin_seq = n.origin_seq
     AND a.point_role = session_user AND a.xid = pg_current_xact_id();
    RETURN NULL;
END $$;

-- A point's session that holds a transaction id keeps every counter's pull watermark back.
-- A session can SET its own timeouts away, so every pull calls this: it ends a point's
-- transaction holding an xid longer than schema_info.point_transaction_limit.
CREATE FUNCTION motcua.end_stale_point_transactions() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_catalog, pg_temp AS $$
DECLARE
    v_limit interval;
    v_stale record;
    v_ended integer := 0;
BEGIN
    SELECT s.point_transaction_limit INTO v_limit FROM schema_info s;
    FOR v_stale IN
        SELECT a.pid, a.usename, a.xact_start FROM pg_stat_activity a
        JOIN point p ON p.role_name = a.usename
        WHERE a.datname = current_database() AND a.backend_xid IS NOT NULL
          AND a.xact_start < clock_timestamp() - v_limit AND a.pid <> pg_backend_pid()
    LOOP
        RAISE LOG 'motcua: ending the transaction of % open since %', v_stale.usename,
            v_stale.xact_start;
        -- Waits (up to 10 s) until the backend is gone and its xid with it.
        IF pg_terminate_backend(v_stale.pid, 10000) THEN
            v_ended := v_ended + 1;
        END IF;
    END LOOP;
    RETURN v_ended;
END $$;

-- A point role's server-side limits, from schema_info (run by the administrator).
CREATE FUNCTION motcua.set_point_limits(p_role name) RETURNS void
LANGUAGE plpgsql SET search_path = motcua, pg_temp AS $$
DECLARE
    v_statement interval;
    v_idle interval;
BEGIN
    SELECT s.point_statement_timeout, s.point_idle_timeout INTO v_statement, v_idle
    FROM schema_info s;
    EXECUTE format('ALTER ROLE %I SET statement_timeout = %L', p_role,
                   (extract(epoch FROM v_statement) * 1000)::bigint || 'ms');
    EXECUTE format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', p_role,
                   (extract(epoch FROM v_idle) * 1000)::bigint || 'ms');
END $$;
"""

TRIGGERS = """
CREATE TRIGGER counter_reserve_checked
    BEFORE INSERT OR UPDATE OF agency_code, first_serial, last_serial ON motcua.counter
    FOR EACH ROW EXECUTE FUNCTION motcua.check_counter_reserve();
CREATE TRIGGER agency_reserve_top_checked BEFORE UPDATE OF reserve_top ON motcua.agency
    FOR EACH ROW WHEN (NEW.reserve_top IS DISTINCT FROM OLD.reserve_top)
    EXECUTE FUNCTION motcua.check_reserve_top();
CREATE TRIGGER dossier_code_checked
    BEFORE INSERT OR UPDATE OF code, code_agency, code_day, code_serial ON motcua.dossier
    FOR EACH ROW EXECUTE FUNCTION motcua.check_dossier_code();
"""


HISTORY_EVENTS = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}


def _owner_check(table: str, column: str, parent: str) -> str:
    """The trigger (and its function) checking that the ``parent`` a row names in ``column``
    is the row owner's. One per column, with static SQL: a generic function would plan a
    dynamic query for every row pushed."""
    name = f"{table}_{column}_checked"
    return f"""
CREATE FUNCTION motcua.{name}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = motcua, pg_temp AS $$
BEGIN
    -- NULL: the column's own constraints decide.
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


def _generic_triggers() -> str:
    statements = [
        _owner_check(table, column, parent)
        for table, parents in PARENTS.items()
        for column, parent in parents
    ]
    for table in POINT_TABLES:
        # A trigger with a transition table takes one event: three of them.
        for event, rows in HISTORY_EVENTS.items():
            statements.append(
                f"CREATE TRIGGER {table}_history_{event.lower()} AFTER {event} "
                f"ON motcua.{table} REFERENCING {rows} FOR EACH STATEMENT "
                "EXECUTE FUNCTION motcua.record_versions();"
            )
        # The rows already held are their first version here.
        statements.append(
            "INSERT INTO motcua.row_version (table_name, row_id, version, operation, "
            "written_by, written_at, row_data) "
            f"SELECT '{table}', t.id, t.version, 'EXISTING', t.point_role, t.updated_at, "
            f"to_jsonb(t) - 'content' FROM motcua.{table} t;"
        )
    return "\n".join(statements)


def _roles_sql(roles: Roles) -> str:
    points, centre, watchman = roles.points, roles.centre, roles.watchman
    own = "point_role = session_user"
    stale = "motcua.end_stale_point_transactions()"
    return f"""
ALTER TABLE motcua.counter ENABLE ROW LEVEL SECURITY;
CREATE POLICY counter_point ON motcua.counter TO "{points}" USING ({own});
CREATE POLICY counter_centre ON motcua.counter TO "{centre}" USING (true);
GRANT SELECT ON motcua.counter TO "{points}", "{centre}";
GRANT SELECT ON motcua.row_version TO "{centre}";
GRANT INSERT (op_id, table_name, row_id, origin_seq) ON motcua.applied_operation TO "{points}";
REVOKE EXECUTE ON FUNCTION motcua.register_counter(integer, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.register_counter(integer, uuid, integer) TO "{points}";
REVOKE EXECUTE ON FUNCTION motcua.set_point_limits(name) FROM PUBLIC;
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{watchman}') THEN
        CREATE ROLE "{watchman}" NOLOGIN;
    END IF;
END $$;
GRANT pg_read_all_stats, pg_signal_backend TO "{watchman}";
GRANT SELECT ON motcua.schema_info, motcua.point TO "{watchman}";
-- A function's new owner needs CREATE on its schema at that moment only.
GRANT USAGE, CREATE ON SCHEMA motcua TO "{watchman}";
ALTER FUNCTION {stale} OWNER TO "{watchman}";
REVOKE CREATE ON SCHEMA motcua FROM "{watchman}";
REVOKE EXECUTE ON FUNCTION {stale} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION {stale} TO "{points}";
"""


def upgrade() -> None:
    roles = context.config.attributes["roles"]
    op.execute(CHANGES)
    op.execute(FUNCTIONS)
    op.execute(TRIGGERS)
    op.execute(_generic_triggers())
    op.execute(_roles_sql(roles))
    op.execute("SELECT motcua.set_point_limits(role_name) FROM motcua.point")
    op.execute("UPDATE motcua.schema_info SET schema_version = 3, min_client_protocol = 2")


# c0001's lease_serials, for a downgrade: unbounded, any day.
C0001_LEASE_SERIALS = """
CREATE OR REPLACE FUNCTION motcua.lease_serials(p_day date, p_size integer)
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


def downgrade() -> None:
    roles = context.config.attributes["roles"]
    triggers = [
        f"DROP TRIGGER {table}_{column}_checked ON motcua.{table}; "
        f"DROP FUNCTION motcua.{table}_{column}_checked();"
        for table, parents in PARENTS.items()
        for column, _ in parents
    ]
    triggers += [
        f"DROP TRIGGER {table}_history_{event.lower()} ON motcua.{table};"
        for table in POINT_TABLES
        for event in HISTORY_EVENTS
    ]
    op.execute("\n".join(triggers))
    op.execute(
        f"""
        DROP TRIGGER dossier_code_checked ON motcua.dossier;
        DROP TRIGGER agency_reserve_top_checked ON motcua.agency;
        DROP TABLE motcua.row_version, motcua.counter;
        DROP FUNCTION motcua.end_stale_point_transactions(), motcua.set_point_limits(name),
            motcua.record_versions(), motcua.check_dossier_code(),
            motcua.register_counter(integer, uuid, integer), motcua.check_reserve_top(),
            motcua.check_counter_reserve();
        {C0001_LEASE_SERIALS}
        DROP FUNCTION motcua.dossier_code(text, date, integer), motcua.today();
        ALTER TABLE motcua.photo DROP CONSTRAINT photo_dossier_needed;
        ALTER TABLE motcua.agency DROP CONSTRAINT agency_code_check;
        DROP INDEX motcua.applied_operation_row;
        ALTER TABLE motcua.applied_operation
            DROP COLUMN xid, DROP COLUMN origin_seq, DROP COLUMN row_id, DROP COLUMN table_name;
        ALTER TABLE motcua.schema_info
            DROP COLUMN point_transaction_limit, DROP COLUMN point_idle_timeout,
            DROP COLUMN point_statement_timeout, DROP COLUMN time_zone,
            DROP COLUMN lease_daily_serials, DROP COLUMN lease_max_serials;
        UPDATE motcua.schema_info SET schema_version = 2, min_client_protocol = 1;
        REVOKE pg_read_all_stats, pg_signal_backend FROM "{roles.watchman}";
        REVOKE SELECT ON motcua.schema_info, motcua.point FROM "{roles.watchman}";
        REVOKE ALL ON SCHEMA motcua FROM "{roles.watchman}";
        """
    )
