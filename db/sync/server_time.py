"""The centre's clock: what orders and stamps sync, never the counter's.

Stored in the counter's SQLite as naive UTC (SQLite keeps no time zone).
"""

from __future__ import annotations

import datetime as dt

from db.sync.connection import Connection


def naive_utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def server_now(connection: Connection) -> dt.datetime:
    """The start of the current transaction at the centre (or now, outside one)."""
    row = connection.execute("SELECT now()").fetchone()
    assert row is not None
    return naive_utc(row[0])
