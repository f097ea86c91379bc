"""Receiving points: the login role of each, the agency whose serials it leases, and what
IT staff change about them later (the agency's reserve zone, a counter's PC).

A point logs in as its own role (``<prefix>_point_<id>``), a member of the
``<prefix>_points`` group that holds the grants; row-level security keys every
row to the login that wrote it. Creating one is a single transaction: the role,
its membership, its server-side limits (``motcua.set_point_limits``, from
``schema_info``) and its row in ``motcua.point``.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from db.central.admin import Target, connect_admin
from db.central.roles import Roles, check_point_id
from db.central.schema import SCHEMA, first_line

DEFAULT_RESERVE_TOP = 2000
MAX_SERIAL = 9999


class PointError(Exception):
    """The point cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class Point:
    id: str
    role: str
    agency_code: str
    reserve_top: int


def add_point(
    target: Target,
    point_id: str,
    *,
    agency_code: str,
    name: str = "",
    reserve_top: int | None = None,
    password: str | None = None,
) -> Point:
    """Create point ``point_id`` of ``agency_code``; ``reserve_top`` sets the agency's reserve.
    ``target``: an administrator's URL, or ``AdminLogin`` (``db.central.admin``), as for
    every function here; ``password``: the point role's own.

    Without a password the role can log in only where ``pg_hba.conf`` allows it
    otherwise: client certificates (``cert``), the recommended way. The database's
    own failures are raised as ``PointError`` with its first line.
    """
    try:
        return _add_point(target, point_id, agency_code, name, reserve_top, password)
    except psycopg.Error as error:
        raise PointError(first_line(error)) from error


def _add_point(
    target: Target,
    point_id: str,
    agency_code: str,
    name: str,
    reserve_top: int | None,
    password: str | None,
) -> Point:
    check_point_id(point_id)
    if reserve_top is not None and not 0 <= reserve_top <= MAX_SERIAL:
        raise PointError("--reserve-top: a serial from 0 to 9999")
    with connect_admin(target) as connection, connection.transaction():
        prefix = connection.execute(f"SELECT role_prefix FROM {SCHEMA}.schema_info").fetchone()
        if prefix is None:
            raise PointError("the central schema is not initialised: run motcua central init")
        roles = Roles(prefix[0])
        role = roles.point(point_id)
        if connection.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
            raise PointError(f"role {role} exists already")
        top = _agency(connection, agency_code, reserve_top)
        statement = sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
            sql.Identifier(role), sql.Identifier(roles.points)
        )
        if password is not None:
            statement += sql.SQL(" PASSWORD {}").format(sql.Literal(password))
        connection.execute(statement)
        # statement_timeout and idle_in_transaction_session_timeout, as schema_info says.
        connection.execute(f"SELECT {SCHEMA}.set_point_limits(%s)", [role])
        connection.execute(
            f"INSERT INTO {SCHEMA}.point (id, role_name, agency_code, name) "
            "VALUES (%s, %s, %s, %s)",
            [point_id, role, agency_code, name],
        )
    return Point(point_id, role, agency_code, top)


def _agency(connection: psycopg.Connection[tuple[object, ...]], code: str, top: int | None) -> int:
    """The agency row, created (or its reserve changed) as asked; returns its reserve top."""
    row = connection.execute(
        f"INSERT INTO {SCHEMA}.agency (code, reserve_top) VALUES (%s, %s) "
        "ON CONFLICT (code) DO UPDATE SET reserve_top = coalesce(%s, agency.reserve_top) "
        "RETURNING reserve_top",
        [code, DEFAULT_RESERVE_TOP if top is None else top, top],
    ).fetchone()
    assert row is not None
    value = row[0]
    assert isinstance(value, int)
    return value


def set_reserve_top(target: Target, agency_code: str, reserve_top: int) -> int:
    """Move the agency's reserve zone to serials 1..``reserve_top``; the centre refuses to cut
    a counter's reserve or to cover serials leased for today or tomorrow (``PointError``)."""
    if not 0 <= reserve_top <= MAX_SERIAL:
        raise PointError("--reserve-top: a serial from 0 to 9999")
    try:
        with connect_admin(target) as connection:
            row = connection.execute(
                f"UPDATE {SCHEMA}.agency SET reserve_top = %s WHERE code = %s "
                "RETURNING reserve_top",
                [reserve_top, agency_code],
            ).fetchone()
    except psycopg.Error as error:
        raise PointError(first_line(error)) from error
    if row is None:
        raise PointError(f"no agency {agency_code} at the centre (motcua central add-point)")
    value: int = row[0]
    return value


def release_counter(target: Target, point_id: str, counter_number: int) -> tuple[int, int]:
    """Let another PC take counter ``counter_number`` of the point (one replacing a PC that is
    gone): its reserve stays the counter's, the next PC to register with that number takes
    it. Its card signing key (schema 8) is marked released, kept for the batches it signed:
    the next PC registers its own. Returns the reserve (first, last)."""
    check_point_id(point_id)
    try:
        with connect_admin(target) as connection:
            prefix = connection.execute(f"SELECT role_prefix FROM {SCHEMA}.schema_info").fetchone()
            if prefix is None:
                raise PointError("the central schema is not initialised: run motcua central init")
            role = Roles(prefix[0]).point(point_id)
            with connection.transaction():  # the counter and its card key, together
                row = connection.execute(
                    f"UPDATE {SCHEMA}.counter SET device_id = NULL WHERE point_role = %s "
                    "AND counter_number = %s RETURNING first_serial, last_serial",
                    [role, counter_number],
                ).fetchone()
                if row is not None:
                    _release_card_key(connection, role, counter_number)
    except psycopg.Error as error:
        raise PointError(first_line(error)) from error
    if row is None:
        raise PointError(f"point {point_id} has no registered counter {counter_number}")
    return row[0], row[1]


def _release_card_key(
    connection: psycopg.Connection[tuple[object, ...]], role: str, counter_number: int
) -> None:
    """The counter's card key in use, if any, is released (a centre before schema 8 has none)."""
    found = connection.execute(f"SELECT to_regclass('{SCHEMA}.card_key')").fetchone()
    if found is None or found[0] is None:
        return
    connection.execute(
        f"UPDATE {SCHEMA}.card_key SET released_at = now() "
        "WHERE point_role = %s AND counter_number = %s AND released_at IS NULL",
        [role, counter_number],
    )
