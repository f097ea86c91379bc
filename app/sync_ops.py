"""Sync as the window and the command line use it: status, sync now, background sync.

``sync_status`` reads only the local store, so the window can call it as often
as it likes without touching the network. ``BackgroundSync`` runs rounds on its
own thread with back-off; ``sync_now`` only wakes it. Rejected operations are
listed with the centre's reason for the supervisor, who can put them back in
the queue once the cause is fixed (``retry_rejected``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from app.i18n import Message, Refusal
from app.settings import Settings, serial_block
from db.central.urls import check_url, redacted
from db.photos import photo_source
from db.store import Store
from db.sync.local import configure_central, local_sync_state, retry_rejected_operations
from db.sync.outbox import Rejected
from db.sync.photos import PhotoSource
from db.sync.round import CounterIdentity, RoundReport, sync_round
from db.sync.worker import Backoff, SyncWorker

DEFAULT_INTERVAL_S = 60.0

OFFLINE_WARNING_TOO_SHORT = Message(
    "số phút mất kết nối trước khi cảnh báo: phải từ 1 phút trở lên (đã nhập {value})",
    "minutes offline before the warning: must be 1 minute or more (got {value})",
)


class SyncSettingRefused(Refusal, ValueError):
    """A sync setting the counter cannot use; the message names it and what is expected."""


@dataclass(frozen=True)
class SyncStatus:
    configured: bool
    central: str | None  # the central database's URL, password hidden
    pending: int  # operations not yet at the centre
    held: int  # of those, waiting behind a rejected operation of the same dossier
    rejected: tuple[Rejected, ...]  # refused by the centre, with its reason
    last_success_at: dt.datetime | None  # server time (UTC) of the last good round
    last_error: str | None
    last_error_at: dt.datetime | None  # the counter's clock
    offline_for: dt.timedelta | None  # since the last good round; None: never synced
    offline_warning: bool  # offline longer than offline_warning_minutes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["offline_for_minutes"] = (
            None if self.offline_for is None else int(self.offline_for.total_seconds() // 60)
        )
        del data["offline_for"]
        return data


def configure_sync(
    store: Store, *, url: str | None = None, offline_warning_minutes: int | None = None
) -> None:
    """Set the central database (a ``postgresql://`` URL) and the offline warning threshold."""
    if url is not None:
        check_url(url)
    if offline_warning_minutes is not None and offline_warning_minutes < 1:
        raise SyncSettingRefused(OFFLINE_WARNING_TOO_SHORT, value=offline_warning_minutes)
    configure_central(store, url=url, offline_warning_minutes=offline_warning_minutes)


def sync_status(store: Store, now: dt.datetime | None = None) -> SyncStatus:
    """Local only: never waits for the network."""
    now = now or dt.datetime.now()
    state = local_sync_state(store)
    offline_for = (
        max(now - state.last_success_local, dt.timedelta()) if state.last_success_local else None
    )
    threshold = dt.timedelta(minutes=state.offline_warning_minutes)
    configured = bool(state.central_url)
    warning = configured and (
        offline_for > threshold if offline_for is not None else state.counts.pending > 0
    )
    return SyncStatus(
        configured=configured,
        central=redacted(state.central_url) if state.central_url else None,
        pending=state.counts.pending,
        held=state.counts.held,
        rejected=state.rejected,
        last_success_at=state.last_success_at,
        last_error=state.last_error,
        last_error_at=state.last_error_local,
        offline_for=offline_for,
        offline_warning=warning,
    )


def counter_identity(settings: Settings) -> CounterIdentity:
    return CounterIdentity(settings.agency_code, serial_block(settings).last)


def sync_once(store: Store, settings: Settings, photos: PhotoSource | None = None) -> RoundReport:
    """One round now (the command line's ``--once``); raises when it fails, recorded."""
    return sync_round(
        store, counter=counter_identity(settings), photos=photos or photo_source(store)
    )


def retry_rejected(store: Store, op_ids: Sequence[str] | None = None) -> int:
    return retry_rejected_operations(store, op_ids)


class BackgroundSync:
    """Rounds on a daemon thread: at start, every ``interval`` seconds, and on ``sync_now``."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        *,
        photos: PhotoSource | None = None,
        interval: float = DEFAULT_INTERVAL_S,
        backoff: Backoff | None = None,
        on_round: Callable[[], None] | None = None,
    ) -> None:
        self.store = store
        identity = counter_identity(settings)
        source = photos or photo_source(store)

        def run() -> None:
            try:
                sync_round(store, counter=identity, photos=source)
            finally:
                if on_round is not None:
                    on_round()  # e.g. the window refreshes its status line

        self._worker = SyncWorker(run, interval=interval, backoff=backoff)

    def start(self) -> None:
        self._worker.start()

    def sync_now(self) -> None:
        self._worker.sync_now()

    def status(self) -> SyncStatus:
        return sync_status(self.store)

    def stop(self, timeout: float | None = 5.0) -> bool:
        return self._worker.stop(timeout)
