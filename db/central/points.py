"""Receiving points: the login role of each, and the agency whose serials it leases.

A point logs in as its own role (``<prefix>_point_<id>``), a member of the
``<prefix>_points`` group that holds the grants; row-level security keys every
row to the login that wrote it. Creating one is a single transaction: the role,
its membership, its settings and its row in ``motcua.point``.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
from psycopg import sql

from db.central.roles import Roles, check_point_id
from db.central.schema import SCHEMA, first_line
from db.central.urls import check_url

DEFAULT_RESERVE_TOP = 2000
# A point's session that sits inside a transaction holds back every counter's pull
# watermark (and locks); the server ends it after this long.
IDLE_IN_TRANSACTION_TIMEOUT = "60s"


class PointError(Exception):
    """The point cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class Point:
    id: str
    role: str
    agency_code: str
    reserve_top: int


def add_point(
    url: str,
    point_id: str,
    *,
    agency_code: str,
    name: str = "",
    reserve_top: int | None = None,
    password: str | None = None,
) -> Point:
    """Create point ``point_id`` of ``agency_code``; ``reserve_top`` sets the agency's reserve.

    Without a password the role can log in only where ``pg_hba.conf`` allows it
    otherwise: client certificates (``cert``), the recommended way. The database's
    own failures are raised as ``PointError`` with its first line.
    """
    try:
        return _add_point(url, point_id, agency_code, name, reserve_top, password)
    except psycopg.Error as error:
        raise PointError(first_line(error)) from error


def _add_point(
    url: str,
    point_id: str,
    agency_code: str,
    name: str,
    reserve_top: int | None,
    password: str | None,
) -> Point:
    check_point_id(point_id)
    if reserve_top is not None and not 0 <= reserve_top <= 9999:
        raise PointError("--reserve-top: a serial from 0 to 9999")
    with psycopg.connect(check_url(url), autocommit=True) as connection, connection.transaction():
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
        connection.execute(
            sql.SQL("ALTER ROLE {} SET idle_in_transaction_session_timeout = {}").format(
                sql.Identifier(role), sql.Literal(IDLE_IN_TRANSACTION_TIMEOUT)
            )
        )
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
