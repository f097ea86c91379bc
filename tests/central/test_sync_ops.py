"""What the window uses: status without the network, background sync with back-off."""

from __future__ import annotations

import datetime as dt
import random
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.reception import receive
from app.settings import Settings
from app.sync_ops import BackgroundSync, configure_sync, sync_status
from db.central.urls import UrlError
from db.store import Store
from db.sync.worker import Backoff
from tests.central.conftest import AGENCY, Central, counter_store, via
from tests.central.proxy import CuttingProxy
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, prepared
from tests.faults import HANG_GUARD_S

SETTINGS = Settings.defaults().with_value("agency_code", AGENCY)


def _receive(store: Store, n: int = 0) -> None:
    catalogue, timetable = prepared()
    receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=DAY + dt.timedelta(minutes=n),
    )


# No round comes by itself while a test runs: only start() and sync_now() bring one.
NEVER = 10 * HANG_GUARD_S


class Rounds:
    """What the rounds' ``on_round`` saw: the thread each ran on; one event per round.

    ``hold`` blocks round ``n`` (1-based) at its end, on the sync thread, until the
    test calls ``release``: the round is then still under way, deterministically.
    Made on the test's thread, which is then ``caller``: the thread ``sync_now`` is
    called on. A round run there is recorded, never held (the test would hang).
    """

    def __init__(self, hold: int | None = None) -> None:
        self.caller = threading.get_ident()
        self.threads: list[int] = []
        self._done: dict[int, threading.Event] = {}
        self._lock = threading.Lock()
        self._hold = hold
        self._held = threading.Event()
        self._released = threading.Event()

    def _event(self, n: int) -> threading.Event:
        with self._lock:
            return self._done.setdefault(n, threading.Event())

    def __call__(self) -> None:
        with self._lock:
            self.threads.append(threading.get_ident())
            n = len(self.threads)
        if n == self._hold and threading.get_ident() != self.caller:
            self._held.set()
            self._released.wait(HANG_GUARD_S)
        self._event(n).set()

    def wait_held(self) -> None:
        assert self._held.wait(HANG_GUARD_S), "hang guard: the round never came"

    def release(self) -> None:
        self._released.set()

    def wait(self, n: int) -> None:
        """Until round ``n`` has ended (its outcome recorded)."""
        assert self._event(n).wait(HANG_GUARD_S), f"hang guard: round {n} never ended"

    @property
    def count(self) -> int:
        with self._lock:
            return len(self.threads)


def test_a_counter_that_never_synced(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    status = sync_status(store)
    assert (status.configured, status.pending, status.offline_warning) == (False, 0, False)
    _receive(store)
    assert sync_status(store).pending == 8  # 7 rows and its audit record
    with pytest.raises(UrlError):
        configure_sync(store, url="mysql://centre/motcua")
    configure_sync(store, url="postgresql://point@centre.example/motcua?sslmode=verify-full")
    status = sync_status(store)
    assert status.central == "postgresql://point@centre.example/motcua?sslmode=verify-full"
    assert status.offline_warning  # configured, work waiting, never reached the centre
    store.close()


def test_an_unreachable_centre_never_holds_up_the_counter(central: Central, tmp_path: Path) -> None:
    server = urlsplit(central.server_url)
    url = central.add_point("q3")
    with CuttingProxy(server.hostname or "127.0.0.1", server.port or 5432) as proxy:
        # Registered through the proxy (its reserve is what it numbers from offline) ...
        store = counter_store(tmp_path, via(url, proxy.port))
    # ... which is closed now: the centre cannot be reached.
    rounds = Rounds(hold=1)
    background = BackgroundSync(
        store,
        SETTINGS,
        interval=NEVER,
        backoff=Backoff(first=NEVER, ceiling=NEVER),
        on_round=rounds,
    )
    prepared()
    background.start()
    try:
        # The first round has failed and is held on the sync thread, not yet ended.
        rounds.wait_held()
        failed = background.status().last_error
        assert failed is not None and "cannot reach the central database" in failed
        # Meanwhile the counter receives, and each dossier is queued for the centre.
        for n in range(5):
            _receive(store, n)
            assert sync_status(store).pending == 8 * (n + 1)
        # sync_now only wakes the thread: it returns while the round is still held (it
        # would hang here if it waited for the round or ran one on this thread).
        background.sync_now()
        assert rounds.count == 1
        rounds.release()
        rounds.wait(2)  # the round sync_now asked for (no other would come)
    finally:
        rounds.release()
        assert background.stop(timeout=HANG_GUARD_S)
    assert rounds.count == 2 and rounds.caller not in rounds.threads
    status = sync_status(store)
    assert (
        status.last_error is not None and "cannot reach the central database" in status.last_error
    )
    assert status.pending == 40 and status.last_success_at is None
    store.close()


def test_background_sync_sends_what_the_counter_receives(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    rounds = Rounds()
    background = BackgroundSync(store, SETTINGS, interval=NEVER, on_round=rounds)
    prepared()
    background.start()
    try:
        rounds.wait(1)
        _receive(store)
        assert sync_status(store).pending == 8  # 7 rows and its audit record
        before = dt.datetime.now()
        background.sync_now()
        rounds.wait(2)  # only sync_now brings it
        after = dt.datetime.now()
    finally:
        assert background.stop(timeout=HANG_GUARD_S)
    assert rounds.count == 2 and rounds.caller not in rounds.threads
    status = sync_status(store, now=after)
    assert status.pending == 0
    assert status.last_error is None and status.last_success_at is not None
    # The good round was recorded on the counter's clock while it ran.
    assert status.offline_for is not None and status.offline_for <= after - before
    assert not status.offline_warning
    synced_at = after - status.offline_for
    assert not sync_status(store, now=synced_at + dt.timedelta(hours=23)).offline_warning
    later = sync_status(store, now=synced_at + dt.timedelta(days=2))
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
