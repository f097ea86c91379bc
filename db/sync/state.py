"""The counter's sync state: configuration, pull cursor and the outcome of the last round."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.orm import Session

from db.central.urls import password_in
from db.one_row import column_value
from db.sync.local_models import CounterReserve, SyncState


@dataclass(frozen=True)
class Cursor:
    """Where pulling stands: window [low, high) of transaction ids, after change ``after``."""

    low: int | None
    high: int | None
    after: int


def sync_state(session: Session) -> SyncState:
    state = session.get(SyncState, 1)
    assert state is not None, "migration 0002 creates the sync state row"
    return state


def device_id(session: Session) -> str:
    """This store's device id (hot: every audit record names it)."""
    return str(column_value(session, SyncState, "device_id"))


def central_url(session: Session) -> str | None:
    """The central database's URL without its password; None: a counter on its own."""
    found = column_value(session, SyncState, "central_url")
    return None if found is None else str(found)


def cursor(session: Session) -> Cursor:
    state = sync_state(session)
    return Cursor(state.pull_low, state.pull_high, state.pull_after)


def save_cursor(session: Session, position: Cursor) -> None:
    state = sync_state(session)
    state.pull_low, state.pull_high, state.pull_after = (
        position.low,
        position.high,
        position.after,
    )


def record_success(session: Session, server_time: dt.datetime, local_time: dt.datetime) -> None:
    state = sync_state(session)
    state.last_success_at, state.last_success_local = server_time, local_time
    state.last_error = state.last_error_local = None


def record_error(session: Session, message: str, local_time: dt.datetime) -> None:
    state = sync_state(session)
    state.last_error, state.last_error_local = message, local_time


def configure(
    session: Session,
    *,
    url: str | None = None,
    offline_warning_minutes: int | None = None,
    unverified_host: str | None = None,
) -> None:
    """Set what is given. The URL must hold no password (the caller stored it apart); an
    allowed unverified host replaces the one allowed before."""
    state = sync_state(session)
    if url is not None:
        if password_in(url) is not None:
            raise ValueError("the store never keeps the central password")
        if state.central_url not in (None, url):
            # Another central database: its change log and transaction ids are not this one's,
            # nor its allocation of reserves (the next round registers the counter again).
            state.pull_low = state.pull_high = None
            state.pull_after = 0
            session.execute(delete(CounterReserve))
        state.central_url = url
    if unverified_host is not None:
        state.unverified_host = unverified_host
    if offline_warning_minutes is not None:
        state.offline_warning_minutes = offline_warning_minutes
