"""What the window uses: status without the network, background sync with back-off."""

from __future__ import annotations

import datetime as dt
import random
import socket
import time
from pathlib import Path

import pytest

from app.reception import receive
from app.settings import Settings
from app.sync_ops import BackgroundSync, configure_sync, sync_status
from db.central.urls import UrlError
from db.store import Store
from db.sync.worker import Backoff
from tests.central.conftest import AGENCY, Central, counter_store
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, prepared

SETTINGS = Settings.defaults().with_value("agency_code", AGENCY)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _receive(store: Store, n: int = 0) -> float:
    """Receive one dossier; returns how long it took."""
    catalogue, timetable = prepared()
    start = time.perf_counter()
    receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=DAY + dt.timedelta(minutes=n),
    )
    return time.perf_counter() - start


def _wait_for(condition: object, timeout: float = 15.0) -> bool:
    assert callable(condition)
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_counter_that_never_synced(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    status = sync_status(store)
    assert (status.configured, status.pending, status.offline_warning) == (False, 0, False)
    _receive(store)
    assert sync_status(store).pending == 7
    with pytest.raises(UrlError):
        configure_sync(store, url="mysql://centre/motcua")
    configure_sync(store, url="postgresql://point:secret@centre.example/motcua")
    status = sync_status(store)
    assert status.central == "postgresql://point:***@centre.example/motcua"
    assert status.offline_warning  # configured, work waiting, never reached the centre
    store.close()


def test_an_unreachable_centre_never_holds_up_the_counter(tmp_path: Path) -> None:
    store = counter_store(tmp_path, f"postgresql://point@127.0.0.1:{_closed_port()}/motcua")
    background = BackgroundSync(
        store, SETTINGS, interval=60, backoff=Backoff(first=0.02, ceiling=0.1)
    )
    background.start()
    try:
        prepared()
        slowest = max(_receive(store, n) for n in range(5))
        start = time.perf_counter()
        background.sync_now()
        assert time.perf_counter() - start < 0.01
        assert _wait_for(lambda: background.status().last_error is not None)
    finally:
        assert background.stop(timeout=5)
    status = sync_status(store)
    assert (
        status.last_error is not None and "cannot reach the central database" in status.last_error
    )
    assert status.pending == 35 and status.last_success_at is None
    assert slowest < 1.0
    store.close()


def test_background_sync_sends_what_the_counter_receives(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    rounds: list[int] = []
    background = BackgroundSync(store, SETTINGS, interval=60, on_round=lambda: rounds.append(1))
    background.start()
    try:
        assert _wait_for(lambda: len(rounds) >= 1)
        prepared()
        _receive(store)
        background.sync_now()
        assert _wait_for(lambda: background.status().pending == 0 and len(rounds) >= 2)
    finally:
        background.stop()
    status = sync_status(store)
    assert status.last_error is None and status.last_success_at is not None
    assert status.offline_for is not None and status.offline_for < dt.timedelta(minutes=1)
    assert not status.offline_warning
    later = sync_status(store, now=dt.datetime.now() + dt.timedelta(days=2))
    assert later.offline_warning  # past the default 24 hours
    with central.admin() as connection:
        assert connection.execute("SELECT count(*) FROM motcua.dossier").fetchone() == (1,)
    store.close()


def test_back_off_grows_to_its_ceiling_and_resets() -> None:
    backoff = Backoff(first=2.0, ceiling=300.0, rng=random.Random(1))
    waits = [backoff.next() for _ in range(12)]
    for n, wait in enumerate(waits):
        top = min(300.0, 2.0 * 2**n)
        assert top / 2 <= wait <= top
    backoff.reset()
    assert backoff.next() <= 2.0
