"""Officers managed at the centre: the SQL of ``motcua central officer …``.

An officer is a ``reference_item`` of kind ``officer``, key the login, payload
``{"full_name", "role", "password_hash", "must_change", "disabled"}``: every change
bumps its version and is logged for the counters' pull (c0001's triggers), which turns
it into the counter's ``officer_account`` (``db.officers.apply_central_accounts``).
The hash is argon2id, made by the caller; nothing here ever sees a password, and
``list_officers`` never returns the hash.

A counter's password change arrives as an ``officer_password_change`` row, which the
centre applies only if IT has not changed the account since (c0005): a reset or a
disable here always wins over a change made at a counter with the older version.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from db.central.admin import Target, connect_admin
from db.central.schema import SCHEMA, first_line

KIND = "officer"


class OfficerError(Exception):
    """The database refused or failed: its first line."""


class OfficerExists(OfficerError):
    """``add_officer``: the login has an account at the centre already."""


class NoOfficer(OfficerError):
    """No officer of the centre has this login."""


@dataclass(frozen=True)
class CentralOfficer:
    """An officer as the centre holds it, without the hash."""

    login: str
    full_name: str
    role: str
    must_change: bool
    disabled: bool
    version: int
    changed_at: dt.datetime


@dataclass(frozen=True)
class PasswordChange:
    """A password change a counter sent, and whether the centre applied it."""

    login: str
    changed_at: dt.datetime  # the counter's clock
    based_on_version: int
    applied_version: int | None  # None: IT changed the account since; not applied
    point_role: str


def _officer(login: str, payload: dict[str, Any], version: int, at: dt.datetime) -> CentralOfficer:
    return CentralOfficer(
        login,
        str(payload.get("full_name", "")),
        str(payload.get("role", "")),
        bool(payload.get("must_change")),
        bool(payload.get("disabled")),
        version,
        at,
    )


def _run(target: Target, statement: str, params: list[Any]) -> list[tuple[Any, ...]]:
    try:
        with connect_admin(target) as connection:
            return connection.execute(statement, params).fetchall()
    except psycopg.Error as error:
        raise OfficerError(first_line(error)) from error


def add_officer(
    target: Target, login: str, full_name: str, role: str, password_hash: str
) -> CentralOfficer:
    """A new officer whose password (set by IT) must be changed at the first sign-in."""
    payload = {
        "full_name": full_name,
        "role": role,
        "password_hash": password_hash,
        "must_change": True,
        "disabled": False,
    }
    rows = _run(
        target,
        f"INSERT INTO {SCHEMA}.reference_item (kind, key, payload) VALUES (%s, %s, %s) "
        "ON CONFLICT (kind, key) DO NOTHING RETURNING version, updated_at",
        [KIND, login, Jsonb(payload)],
    )
    if not rows:
        raise OfficerExists(login)
    return _officer(login, payload, rows[0][0], rows[0][1])


def set_disabled(target: Target, login: str, disabled: bool) -> CentralOfficer:
    """The officer can (no longer) sign in at the counters, from their next sync."""
    return _change(target, login, {"disabled": disabled})


def reset_password(target: Target, login: str, password_hash: str) -> CentralOfficer:
    """A new password set by IT, to be changed at the next sign-in; it wins over any change
    a counter sends based on an older version."""
    return _change(target, login, {"password_hash": password_hash, "must_change": True})


def _change(target: Target, login: str, values: dict[str, Any]) -> CentralOfficer:
    rows = _run(
        target,
        f"UPDATE {SCHEMA}.reference_item SET payload = payload || %s "
        "WHERE kind = %s AND key = %s RETURNING payload, version, updated_at",
        [Jsonb(values), KIND, login],
    )
    if not rows:
        raise NoOfficer(login)
    payload, version, at = rows[0]
    return _officer(login, payload, version, at)


def list_officers(target: Target) -> list[CentralOfficer]:
    """Every officer of the centre, by login; never the hash."""
    rows = _run(
        target,
        "SELECT key, payload - 'password_hash', version, updated_at "
        f"FROM {SCHEMA}.reference_item WHERE kind = %s AND NOT withdrawn ORDER BY key",
        [KIND],
    )
    return [_officer(login, payload, version, at) for login, payload, version, at in rows]


def password_changes(target: Target, login: str) -> list[PasswordChange]:
    """The changes counters sent for ``login``, oldest first (what IT sees after a reset)."""
    rows = _run(
        target,
        "SELECT login, changed_at, based_on_version, applied_version, point_role "
        f"FROM {SCHEMA}.officer_password_change WHERE login = %s ORDER BY created_at, changed_at",
        [login],
    )
    return [PasswordChange(*row) for row in rows]
