"""The sync's named queries on the counter's own store: never any network.

What the window's status line and ``motcua sync --status`` read, the
configuration they set, and putting rejected operations back in the queue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from db.records import record_from
from db.store import Store
from db.sync import outbox
from db.sync.outbox import Counts, Rejected
from db.sync.state import configure, sync_state


@dataclass(frozen=True)
class LocalSyncState:
    central_url: str | None
    offline_warning_minutes: int
    last_success_at: dt.datetime | None  # server time (UTC)
    last_success_local: dt.datetime | None  # the counter's clock
    last_error: str | None
    last_error_local: dt.datetime | None
    counts: Counts
    rejected: tuple[Rejected, ...]


def configure_central(
    store: Store, *, url: str | None = None, offline_warning_minutes: int | None = None
) -> None:
    with store.transaction() as session:
        configure(session, url=url, offline_warning_minutes=offline_warning_minutes)


def local_sync_state(store: Store) -> LocalSyncState:
    with store.reading() as session:
        state = sync_state(session)
        return record_from(
            LocalSyncState,
            state,
            counts=outbox.counts(session),
            rejected=tuple(outbox.rejected_operations(session)),
        )


def retry_rejected_operations(store: Store, op_ids: Sequence[str] | None = None) -> int:
    """Put rejected operations (all, or those named) back in the queue; how many."""
    with store.transaction() as session:
        return outbox.retry_rejected(session, op_ids)
