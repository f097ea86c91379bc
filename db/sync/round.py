"""One sync round: check the centre fits, top up serial leases, push, pull; record the outcome.

Runs on the sync thread (or ``motcua sync``), never on the counter's: it holds
SQLite's write lock only for the short local transactions between network
steps, so receiving a dossier never waits for the network.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from db.store import Store
from db.sync.compat import check_compatible
from db.sync.connection import connect
from db.sync.errors import SyncError, describe
from db.sync.leases import server_today, top_up
from db.sync.outbox import Limits, prune_sent
from db.sync.photos import NoPhotos, PhotoSource
from db.sync.pull import PullReport, pull
from db.sync.push import PushReport, push
from db.sync.serials import Lease
from db.sync.server_time import server_now
from db.sync.state import record_error, record_success, sync_state

log = logging.getLogger(__name__)
# Sent operations are kept this long (server time) for the supervisor, then forgotten.
KEEP_SENT = dt.timedelta(days=30)


@dataclass(frozen=True)
class CounterIdentity:
    """What leasing needs from the counter's settings."""

    agency_code: str
    reserve_last: int  # the last serial of the counter's offline reserve


@dataclass(frozen=True)
class RoundReport:
    pushed: PushReport
    pulled: PullReport
    leased: Lease | None
    problem: str | None  # a step that failed without stopping the round (leasing)


class NotConfigured(SyncError):
    pass


def sync_round(
    store: Store,
    *,
    counter: CounterIdentity | None = None,
    photos: PhotoSource | None = None,
    limits: Limits = Limits(),  # noqa: B008 (frozen)
    clock: Callable[[], dt.datetime] = dt.datetime.now,
) -> RoundReport:
    """One round against the configured central database; raises (recorded) when it fails."""
    with store.reading() as session:
        state = sync_state(session)
        url, device = state.central_url, state.device_id
    try:
        if not url:
            raise NotConfigured("no central database configured (motcua sync --url URL)")
        with connect(url) as connection:
            check_compatible(connection)
            leased, problem = None, None
            if counter is not None and counter.agency_code:
                try:
                    leased = top_up(
                        connection,
                        store,
                        counter.agency_code,
                        counter.reserve_last,
                        server_today(connection),
                    )
                except SyncError as error:  # numbering goes on from the reserve
                    problem = str(error)
            pushed = push(connection, store, device, photos or NoPhotos(), limits)
            pulled = pull(connection, store)
            server_time = server_now(connection)
    except Exception as error:
        message = describe(error)
        log.warning("sync round failed: %s", message)
        with store.transaction() as session:
            record_error(session, message, clock())
        raise
    with store.transaction() as session:
        record_success(session, server_time, clock())
        if problem is not None:
            record_error(session, problem, clock())
        prune_sent(session, server_time - KEEP_SENT)
    log.info(
        "sync round: %d sent, %d rejected, %d pulled",
        pushed.sent,
        pushed.rejected,
        pulled.applied,
    )
    return RoundReport(pushed, pulled, leased, problem)
