"""One sync round: check the centre fits, register the counter, top up serial leases, push,
pull; record the outcome.

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
from db.sync.compat import CARD_SCHEMA, check_compatible, tables_too_new, waiting_for_upgrade
from db.sync.connection import connect
from db.sync.errors import SyncError, describe
from db.sync.leases import server_today, top_up
from db.sync.outbox import Limits, prune_sent
from db.sync.photos import NoPhotos, PhotoSource
from db.sync.pull import PullReport, pull
from db.sync.push import PushReport, push
from db.sync.registration import register_card_keys, register_counter
from db.sync.serials import Lease, RegisteredReserve
from db.sync.server_time import server_now
from db.sync.state import record_error, record_success, sync_state

log = logging.getLogger(__name__)
# Sent operations are kept this long (server time) for the supervisor, then forgotten.
KEEP_SENT = dt.timedelta(days=30)


@dataclass(frozen=True)
class CounterIdentity:
    """What registering and leasing need from the counter's settings."""

    agency_code: str
    counter_number: int
    block_size: int  # the size of offline reserve the counter asks the centre for


@dataclass(frozen=True)
class RoundReport:
    pushed: PushReport
    pulled: PullReport
    leased: Lease | None
    reserve: RegisteredReserve | None  # as the centre holds it for this counter
    # Steps that failed without stopping the round: numbering goes on as it can.
    registration_problem: str | None = None
    lease_problem: str | None = None
    card_key_problem: str | None = None  # the centre refused the card signing key
    card_keys_registered: tuple[str, ...] = ()  # public keys the centre registered now
    # Operations of tables the centre's schema lacks wait for its upgrade (the rest went).
    upgrade_needed: str | None = None

    @property
    def problem(self) -> str | None:
        found = [
            p
            for p in (
                self.registration_problem,
                self.lease_problem,
                self.card_key_problem,
                self.upgrade_needed,
            )
            if p is not None
        ]
        return "; ".join(found) or None

    @property
    def refused(self) -> bool:
        """The centre refused operations, this counter's registration or its card key: IT
        staff must act."""
        return (
            self.pushed.rejected > 0
            or self.registration_problem is not None
            or self.card_key_problem is not None
            or self.upgrade_needed is not None
        )


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
            schema_version = check_compatible(connection)
            reserve, leased = None, None
            registration_problem = lease_problem = card_key_problem = None
            card_keys: list[str] = []
            if counter is not None and counter.agency_code:
                try:
                    reserve = register_counter(
                        connection,
                        store,
                        device_id=device,
                        agency=counter.agency_code,
                        counter_number=counter.counter_number,
                        size=counter.block_size,
                    )
                except SyncError as error:  # numbering goes on from leases only
                    registration_problem = str(error)
                if reserve is not None and schema_version >= CARD_SCHEMA:
                    try:
                        card_keys = register_card_keys(
                            connection,
                            store,
                            device_id=device,
                            counter_number=counter.counter_number,
                        )
                    except SyncError as error:  # batches still go; checking them waits
                        card_key_problem = str(error)
                try:
                    leased = top_up(
                        connection, store, counter.agency_code, server_today(connection)
                    )
                except SyncError as error:  # numbering goes on from the reserve
                    lease_problem = str(error)
            pushed = push(
                connection,
                store,
                device,
                photos or NoPhotos(),
                limits,
                held_tables=tables_too_new(schema_version),
            )
            with store.reading() as session:
                upgrade_needed = waiting_for_upgrade(session, schema_version)
            pulled = pull(connection, store)
            server_time = server_now(connection)
    except Exception as error:
        message = describe(error)
        log.warning("sync round failed: %s", message)
        with store.transaction() as session:
            record_error(session, message, clock())
        raise
    report = RoundReport(
        pushed,
        pulled,
        leased,
        reserve,
        registration_problem,
        lease_problem,
        card_key_problem,
        tuple(card_keys),
        upgrade_needed,
    )
    with store.transaction() as session:
        record_success(session, server_time, clock())
        if report.problem is not None:
            record_error(session, report.problem, clock())
        prune_sent(session, server_time - KEEP_SENT)
    log.info(
        "sync round: %d sent, %d rejected, %d pulled",
        pushed.sent,
        pushed.rejected,
        pulled.applied,
    )
    return report
