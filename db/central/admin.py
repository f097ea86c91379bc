"""How IT staff's commands (``motcua central …``) reach the central database.

As sync does (``db.sync.connection``): the password is never part of a URL that is
built, kept or logged. It comes apart (``AdminLogin.password``, read by the command
from a file or a prompt) and is given to libpq as its own parameter; without one,
libpq finds it itself in the pgpass file (``PGPASSFILE``, by default ``~/.pgpass``,
``%APPDATA%\\postgresql\\pgpass.conf`` on Windows) or uses a client certificate. A centre
that is not on this PC is reached only over TLS with its certificate and host name
checked (``sslmode=verify-full``) unless IT staff allowed that host unverified: the
same rule as sync (``check_transport``).

A password still written in the URL (a test's) is used the same way, as a parameter;
the commands refuse such a URL before they get here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import Engine, create_engine
from sqlalchemy.pool import NullPool

from db.central.urls import check_url, password_in, sqlalchemy_url, without_password
from db.sync.connection import CONNECT_TIMEOUT_S, check_transport

APPLICATION = "motcua-central"


@dataclass(frozen=True)
class AdminLogin:
    """A central database URL (without password) and what goes with it."""

    url: str
    password: str | None = None  # None: the pgpass file, or a certificate
    unverified_host: str | None = None  # the one host IT staff allow without TLS checks


Target = AdminLogin | str  # a bare URL: its own password, if any, and no allowance


def admin_login(target: Target) -> AdminLogin:
    return target if isinstance(target, AdminLogin) else AdminLogin(target)


def _parameters(target: Target) -> tuple[str, dict[str, Any]]:
    """The conninfo without password, and libpq's other parameters; refuses (``UrlError``,
    ``UnverifiedCentre``) before anything is sent."""
    login = admin_login(target)
    url = check_url(login.url)
    check_transport(url, login.unverified_host)
    password = login.password or password_in(url)
    extra: dict[str, Any] = {"connect_timeout": CONNECT_TIMEOUT_S}
    if password is not None:
        extra["password"] = password
    return without_password(url), extra


def connect_admin(target: Target) -> psycopg.Connection[tuple[Any, ...]]:
    """An autocommit connection (transactions are explicit)."""
    url, extra = _parameters(target)
    return psycopg.connect(url, autocommit=True, application_name=APPLICATION, **extra)


def admin_engine(target: Target) -> Engine:
    """For Alembic: one connection, closed with the engine (``dispose``)."""
    url, extra = _parameters(target)
    return create_engine(
        sqlalchemy_url(url),
        poolclass=NullPool,
        connect_args={"application_name": APPLICATION, **extra},
    )
