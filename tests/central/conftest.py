"""A real PostgreSQL for the sync tests: a fresh database and fresh roles per test.

``MOTCUA_TEST_POSTGRES_URL`` (default ``postgresql://postgres@127.0.0.1:5432/test``)
is an administrator's URL. Without a reachable server the tests are skipped —
except in CI (``CI=true``), where they fail: CI must never go green without
having tested sync against the database.

Each test gets its own database and its own role prefix (roles are
cluster-wide); both are dropped afterwards, login roles included.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

from app.central_secret import CentralSecrets, use_for_connections
from app.sync_ops import configure_sync
from db.central.points import add_point
from db.central.schema import init_central
from db.central.urls import password_in, redacted, without_password
from db.store import Store
from db.sync.connection import connect
from db.sync.registration import register_counter
from db.sync.round import CounterIdentity
from db.sync.serials import RegisteredReserve
from db.sync.state import cursor, sync_state
from tests.faults import HANG_GUARD_S

POSTGRES_ENV = "MOTCUA_TEST_POSTGRES_URL"
DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test"
AGENCY = "000.17.22.H56"

Connection = psycopg.Connection[tuple[Any, ...]]


def with_database(url: str, database: str, user: str | None = None, password: str = "") -> str:
    parts = urlsplit(url)
    host = parts.hostname or "127.0.0.1"
    netloc = f"{host}:{parts.port}" if parts.port else host
    if user is None:
        credentials = parts.netloc.rpartition("@")[0]
    else:
        credentials = quote(user) + (f":{quote(password)}" if password else "")
    return urlunsplit(
        parts._replace(
            netloc=f"{credentials}@{netloc}" if credentials else netloc, path=f"/{database}"
        )
    )


@pytest.fixture(scope="session")
def postgres_admin() -> str:
    """The administrator's URL, once the server answered."""
    url = os.environ.get(POSTGRES_ENV, DEFAULT_POSTGRES_URL)
    try:
        with psycopg.connect(url, connect_timeout=3) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        message = (
            f"no PostgreSQL for the sync tests at {redacted(url)} (set {POSTGRES_ENV}): "
            f"{str(error).strip().splitlines()[0] if str(error).strip() else error!r}"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must test sync against PostgreSQL: {message}", pytrace=False)
        pytest.skip(message)
    return url


@dataclass
class Central:
    """One test's central database, initialised, with helpers to add points."""

    server_url: str  # the administrator's URL the suite was given
    database: str
    prefix: str
    passwords: dict[str, str] = field(default_factory=dict)

    @property
    def admin_url(self) -> str:
        return with_database(self.server_url, self.database)

    def admin_options(self, folder: Path) -> list[str]:
        """``--url`` of ``motcua central …`` as IT staff give it: no password in the URL; the
        server's own, if it has one, from a file (``--admin-password-from``)."""
        password = password_in(self.admin_url)
        if password is None:
            return ["--url", self.admin_url]
        path = folder / "admin.password"
        path.write_text(password + "\n", encoding="utf-8")
        return ["--url", without_password(self.admin_url), "--admin-password-from", str(path)]

    def add_point(self, point: str, agency: str = AGENCY, reserve_top: int | None = None) -> str:
        """Create the point; returns the URL its counters connect with."""
        password = secrets.token_hex(8)
        created = add_point(
            self.admin_url, point, agency_code=agency, reserve_top=reserve_top, password=password
        )
        self.passwords[created.role] = password
        return self.point_url(created.role)

    def add_centre_login(self, name: str = "office") -> str:
        """A login of the central office (member of the centre group); returns its URL."""
        role, password = f"{self.prefix}_{name}", secrets.token_hex(8)
        with self.admin() as connection:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}").format(
                    sql.Identifier(role),
                    sql.Literal(password),
                    sql.Identifier(f"{self.prefix}_centre"),
                )
            )
        self.passwords[role] = password
        return self.point_url(role)

    def point_url(self, role: str) -> str:
        return with_database(self.server_url, self.database, role, self.passwords[role])

    def role(self, point: str) -> str:
        return f"{self.prefix}_point_{point}"

    def admin(self) -> Connection:
        return psycopg.connect(self.admin_url, autocommit=True)


@pytest.fixture
def central(postgres_admin: str) -> Iterator[Central]:
    token = secrets.token_hex(5)
    database, prefix = f"motcua_test_{token}", f"t{token}"
    with psycopg.connect(postgres_admin, autocommit=True) as server:
        server.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
    made = Central(postgres_admin, database, prefix)
    try:
        init_central(made.admin_url, prefix)
        with made.admin() as connection:
            # The centre's day is the tests' own: a dossier received "today" on this machine
            # is numbered for the day the centre leases for.
            connection.execute("UPDATE motcua.schema_info SET time_zone = %s", [_local_time_zone()])
        yield made
    finally:
        with psycopg.connect(postgres_admin, autocommit=True) as server:
            server.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(database))
            )
            roles = server.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) "
                "ORDER BY rolcanlogin DESC",
                [f"{prefix}_"],
            ).fetchall()
            for (role,) in roles:
                server.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def watermark(store: Store) -> int:
    """The counter's pull cursor: every transaction below it has been read."""
    with store.reading() as session:
        low = cursor(session).low
    assert low is not None
    return low


def pull_past(store: Store, xid: int, pull_once: Callable[[], int]) -> int:
    """Pull until the counter's watermark is above ``xid``; returns the changes applied.

    The watermark is the snapshot's xmin, and xmin is cluster-wide: a transaction open
    anywhere on the server (another test's, in another database) holds it back, and the
    pull must then wait rather than skip. So "one pull after the commit gets it" is a
    race with the rest of the server; "pulls until the watermark passes the writer's
    transaction get it, exactly once" is not. The only bound is the hang guard.
    """
    applied = 0
    guard = time.monotonic() + HANG_GUARD_S
    while True:
        applied += pull_once()
        if watermark(store) > xid:
            return applied
        assert time.monotonic() < guard, f"the watermark never passed transaction {xid}"
        time.sleep(0.01)  # held back by a transaction elsewhere: poll, don't spin


def via(url: str, port: int) -> str:
    """``url`` through a local proxy listening on ``port``."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    return urlunsplit(parts._replace(netloc=f"{credentials}@127.0.0.1:{port}"))


def _local_time_zone() -> str:
    """This machine's offset from UTC now, as a POSIX time zone (its sign is west-positive)."""
    offset = dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes >= 0 else "+"
    hours, rest = divmod(abs(minutes), 60)
    return f"<LOCAL>{sign}{hours:02d}:{rest:02d}"


def counter_store(
    data_dir: Path,
    url: str,
    counter: int | None = 1,
    block_size: int = 500,
    agency: str = AGENCY,
) -> Store:
    """A counter's store in ``data_dir`` (created), set to sync with ``url``; registered at
    the centre as counter ``counter`` with a reserve of ``block_size`` (what the first round
    of a counter with those settings does), unless ``counter`` is None."""
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.in_data_dir(data_dir)
    point_at(store, url)
    if counter is not None:
        register(store, CounterIdentity(agency, counter, block_size))
    return store


def point_at(store: Store, url: str) -> None:
    """Set the store to sync with ``url`` as IT staff do: the URL without its password, the
    password in the data folder's password file (no credential store in the tests), and
    this store's secrets used for connecting from now on."""
    kept = CentralSecrets(store.path.parent, backend=None)
    configure_sync(store, url=without_password(url), password=password_in(url), secrets=kept)
    use_for_connections(store, kept)


def register(store: Store, counter: CounterIdentity) -> RegisteredReserve:
    """Register the store's counter at its centre, as a sync round does first."""
    with store.reading() as session:
        state = sync_state(session)
        url, device = state.central_url, state.device_id
    assert url is not None
    with connect(url) as connection:
        return register_counter(
            connection,
            store,
            device_id=device,
            agency=counter.agency_code,
            counter_number=counter.counter_number,
            size=counter.block_size,
        )
