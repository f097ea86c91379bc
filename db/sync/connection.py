"""Connecting to the central database without ever waiting forever.

The counter's sync thread may be on a flaky line: libpq's connect timeout, TCP
keepalives and ``tcp_user_timeout`` turn a dead link into an error within
seconds instead of a hang, and the server ends a session left inside a
transaction (which would hold back every counter's pull watermark).
"""

from __future__ import annotations

from typing import Any

import psycopg

from db.central.urls import check_url

Connection = psycopg.Connection[tuple[Any, ...]]

CONNECT_TIMEOUT_S = 10
# Server-side limits for this session (milliseconds).
STATEMENT_TIMEOUT_MS = 120_000
IDLE_IN_TRANSACTION_MS = 60_000


def connect(url: str, *, application_name: str = "motcua-sync") -> Connection:
    return psycopg.connect(
        check_url(url),
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
    )
