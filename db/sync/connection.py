"""Connecting to the central database without ever waiting forever, and never unchecked.

The counter's sync thread may be on a flaky line: libpq's connect timeout, TCP
keepalives and ``tcp_user_timeout`` turn a dead link into an error within
seconds instead of a hang, and the server ends a session left inside a
transaction (which would hold back every counter's pull watermark).

The URL a connection is made from never holds the password: it is asked of the
program's secret store (``use_access``, installed by ``app.central_secret``) and
given to libpq as its own parameter, so no string that holds it is ever built
or logged. A centre that is not on this PC is reached only over TLS with its
certificate and host name checked (``sslmode=verify-full``), unless IT staff
allowed that host unverified (``motcua sync --allow-unverified-host``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import psycopg

from db.central.urls import check_url, password_in, unverified_host, without_password
from db.sync.errors import SyncError

Connection = psycopg.Connection[tuple[Any, ...]]

CONNECT_TIMEOUT_S = 10
# Server-side limits for this session (milliseconds).
STATEMENT_TIMEOUT_MS = 120_000
IDLE_IN_TRANSACTION_MS = 60_000


@dataclass(frozen=True)
class CentralAccess:
    """What the program holds for a central URL besides the URL itself."""

    password: str | None = None
    unverified_host: str | None = None  # the one host IT staff allowed without TLS checks


AccessSource = Callable[[str], CentralAccess]


def _nothing_held(url: str) -> CentralAccess:
    return CentralAccess()


_access: AccessSource = _nothing_held


def use_access(source: AccessSource | None) -> None:
    """Where ``connect`` finds the password and the allowance of a URL (None: nowhere).

    One source per process: the program syncs one data folder's store, and the sync
    engine's callers (a round, a catch-up) pass only the URL they read from it.
    """
    global _access
    _access = source or _nothing_held


class UnverifiedCentre(SyncError):
    """The centre is on another machine and the URL does not ask for its certificate to be
    checked; the message says what to add."""

    def __init__(self, host: str) -> None:
        super().__init__(
            f"the central database at {host} must be reached over TLS with its certificate "
            "checked: add ?sslmode=verify-full&sslrootcert=FILE to the URL, or IT staff "
            f"allow it unverified: motcua sync --allow-unverified-host {host}"
        )
        self.host = host


def check_transport(url: str, allowed_host: str | None) -> None:
    """Refuse a connection to a non-loopback host without ``sslmode=verify-full``, unless
    that very host is the one IT staff allowed."""
    host = unverified_host(url)
    if host is not None and host != allowed_host:
        raise UnverifiedCentre(host)


def connect(url: str, *, application_name: str = "motcua-sync") -> Connection:
    access = _access(without_password(url))
    check_transport(url, access.unverified_host)
    # A password still written in the URL (a test's, or IT staff's own command) is used as
    # libpq's parameter too, so the conninfo passed on has none.
    password = access.password or password_in(url)
    extra: dict[str, Any] = {} if password is None else {"password": password}
    return psycopg.connect(
        without_password(check_url(url)),
        autocommit=True,  # transactions are explicit: conn.transaction()
        connect_timeout=CONNECT_TIMEOUT_S,
        application_name=application_name,
        keepalives=1,
        keepalives_idle=10,
        keepalives_interval=5,
        keepalives_count=3,
        tcp_user_timeout=30_000,
        options=(
            f"-c statement_timeout={STATEMENT_TIMEOUT_MS} "
            f"-c idle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}"
        ),
        **extra,
    )
