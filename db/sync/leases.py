"""Dossier-code serials leased from the centre, on top of each counter's offline reserve.

The centre hands out blocks of a day's serials per agency, above the serials
the agency keeps for its counters' reserves (``agency.reserve_top``), one lease
at a time (an advisory lock), so two blocks never overlap and never touch a
reserve. A lease is bounded: at most ``schema_info.lease_max_serials`` at a time
and ``lease_daily_serials`` a day per point, for the centre's today and
tomorrow only. The sync thread tops the counter up ahead of need; receiving then
numbers from the local copy of the leases inside its own transaction, with no
network in the way (``db.dossiers._number``).

A lease committed at the centre but lost before the counter stored it (a crash
in between) only wastes serials: a serial is never handed out twice.
"""

from __future__ import annotations

import datetime as dt

import psycopg

from db.central.schema import SCHEMA
from db.store import Store
from db.sync.connection import Connection
from db.sync.errors import SyncError
from db.sync.serials import Lease, free_leased, store_lease
from db.sync.server_time import naive_utc

DEFAULT_LEASE_SIZE = 100
DEFAULT_LOW_WATER = 25


# SQLSTATEs of lease_serials' refusals: a size or day out of bounds, the day's bound reached.
_LEASE_REFUSALS = ("22023", "54000")


def server_today(connection: Connection) -> dt.date:
    """The day at the centre (its time zone): leases are for the server's day, not the PC's."""
    row = connection.execute(f"SELECT {SCHEMA}.today()").fetchone()
    assert row is not None
    day: dt.date = row[0]
    return day


def lease_block(connection: Connection, agency: str, day: dt.date, size: int) -> Lease | None:
    """A new block for ``day`` from the centre (committed there); None when the day is full."""
    try:
        with connection.transaction():
            row = connection.execute(
                f"SELECT agency_code FROM {SCHEMA}.point WHERE role_name = session_user"
            ).fetchone()
            if row is None:
                raise SyncError("this login is not a receiving point of the central database")
            if row[0] != agency:
                raise SyncError(
                    f"this counter's agency_code is {agency} but its point belongs to {row[0]} "
                    "at the centre: no serials are leased"
                )
            leased = connection.execute(
                f"SELECT lease_id, first_serial, last_serial, now() "
                f"FROM {SCHEMA}.lease_serials(%s, %s)",
                [day, size],
            ).fetchone()
    except psycopg.Error as error:
        if error.sqlstate not in _LEASE_REFUSALS:
            raise
        raise SyncError(
            f"no serials leased: {error.diag.message_primary or type(error).__name__}"
        ) from error
    if leased is None:
        return None
    moment: dt.datetime = leased[3]
    return Lease(str(leased[0]), agency, day, leased[1], leased[2], naive_utc(moment))


def top_up(
    connection: Connection,
    store: Store,
    agency: str,
    day: dt.date,
    *,
    size: int = DEFAULT_LEASE_SIZE,
    low_water: int = DEFAULT_LOW_WATER,
) -> Lease | None:
    """Lease a block when fewer than ``low_water`` leased serials are left for ``day``."""
    with store.reading() as session:
        if free_leased(session, agency, day) >= low_water:
            return None
    lease = lease_block(connection, agency, day, size)
    if lease is not None:
        with store.transaction() as session:
            store_lease(session, lease)
    return lease
