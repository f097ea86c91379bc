"""The sync's named queries on the counter's own store: never any network.

What the window's status line and ``motcua sync --status`` read, the
configuration they set, putting rejected operations back in the queue, and the
reserve the centre registered, read without opening the store for writing.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from db.records import record_from
from db.store import Store
from db.sync import outbox
from db.sync.clashes import Clash, clashes
from db.sync.local_models import CounterReserve
from db.sync.outbox import Counts, Rejected
from db.sync.serials import RegisteredReserve, registered_reserve
from db.sync.state import configure, sync_state


@dataclass(frozen=True)
class LocalSyncState:
    central_url: str | None  # never with a password
    unverified_host: str | None  # allowed by IT staff without sslmode=verify-full
    offline_warning_minutes: int
    last_success_at: dt.datetime | None  # server time (UTC)
    last_success_local: dt.datetime | None  # the counter's clock
    last_error: str | None
    last_error_local: dt.datetime | None
    counts: Counts
    rejected: tuple[Rejected, ...]
    reserve: RegisteredReserve | None
    clashes: tuple[Clash, ...] = ()  # status changes another counter made too (flagged)


def configure_central(
    store: Store,
    *,
    url: str | None = None,
    offline_warning_minutes: int | None = None,
    unverified_host: str | None = None,
) -> None:
    with store.transaction() as session:
        configure(
            session,
            url=url,
            offline_warning_minutes=offline_warning_minutes,
            unverified_host=unverified_host,
        )


def local_sync_state(store: Store, *, with_clashes: bool = False) -> LocalSyncState:
    """``with_clashes``: read the clashes too (they are found in the audit trail, which a
    frequent status refresh need not scan)."""
    with store.reading() as session:
        state = sync_state(session)
        return record_from(
            LocalSyncState,
            state,
            counts=outbox.counts(session),
            rejected=tuple(outbox.rejected_operations(session)),
            reserve=registered_reserve(session),
            clashes=tuple(clashes(session)) if with_clashes else (),
        )


def retry_rejected_operations(store: Store, op_ids: Sequence[str] | None = None) -> int:
    """Put rejected operations (all, or those named) back in the queue; how many."""
    with store.transaction() as session:
        return outbox.retry_rejected(session, op_ids)


def registered_reserve_in(path: Path) -> RegisteredReserve | None:
    """The reserve registered in the store file at ``path``, read-only; None when there is
    no such file, or it is from before registered reserves (migration 0006)."""
    if not path.is_file():
        return None
    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True),
        poolclass=NullPool,
        hide_parameters=True,  # no stored values in a log (db.engine)
    )
    try:
        with Session(engine) as session:
            if not inspect(session.connection()).has_table(CounterReserve.__tablename__):
                return None
            return registered_reserve(session)
    finally:
        engine.dispose()
