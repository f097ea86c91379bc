"""Fault injection over thousands of operations: the centre ends equal to the counters.

Two counters push a day of work each (dossiers, supplement rounds,
re-appointments, slips: about 2,700 operations) while the network and the
processes fail under them: backends terminated by the server mid-batch, the
TCP connection cut by a proxy, the pushing process killed with SIGKILL. After
it all, every row is at the centre once, equal to the counter's, and every
operation was applied exactly once.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

from app.sync_ops import sync_status
from db.store import STORE_FILE
from db.sync.outbox import Limits
from db.sync.round import sync_round
from tests.central.compare import assert_central_matches, outbox_states
from tests.central.conftest import Central, counter_store
from tests.central.proxy import CuttingProxy
from tests.central.workload import copy_counter, counter_day
from tests.db.workers import prepared

DOSSIERS_PER_COUNTER = 150
SMALL_BATCHES = Limits(operations=50)
# Many commits per push, so that most kills land between two of them or inside one.
TINY_BATCHES = Limits(operations=10)
DEADLINE_S = 60.0
fork = multiprocessing.get_context("fork") if sys.platform != "win32" else None
pytestmark = pytest.mark.skipif(fork is None, reason="uses fork(); the counters run Linux in CI")


@pytest.fixture(scope="session")
def day_of_two_counters(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Two counters' stores, filled once in parallel; each test works on copies."""
    assert fork is not None
    root = tmp_path_factory.mktemp("counters")
    folders = [root / "counter-1", root / "counter-2"]
    prepared()
    processes = [
        fork.Process(target=counter_day, args=(folder, number, DOSSIERS_PER_COUNTER))
        for number, folder in enumerate(folders, start=1)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
        assert process.exitcode == 0
    return folders


@pytest.fixture
def counters(
    central: Central, day_of_two_counters: list[Path], tmp_path: Path
) -> list[tuple[Path, str]]:
    """Copies of the two counters, each at a point of its own: (data folder, URL)."""
    pairs = []
    for point, template in zip("ab", day_of_two_counters, strict=True):
        copy_counter(template, tmp_path / point)
        pairs.append((tmp_path / point, central.add_point(point)))
    return pairs


def push_until_done(
    folder: Path, url: str, limits: Limits = SMALL_BATCHES, deadline_s: float = DEADLINE_S
) -> int:
    """Sync rounds until nothing is pending, whatever fails in between; returns the failures."""
    store = counter_store(folder, url)
    failures = 0
    give_up = time.monotonic() + deadline_s
    try:
        while True:
            try:
                sync_round(store, limits=limits)
            except Exception:
                failures += 1
                if time.monotonic() > give_up:
                    raise
                continue
            if sync_status(store).pending == 0:
                return failures
    finally:
        store.close()


def _push_all_while(counters: list[tuple[Path, str]], fault: Callable[[], None]) -> list[int]:
    """Push every counter (a thread each) while ``fault`` runs; returns their failures."""
    failures: list[int] = []
    errors: list[BaseException] = []

    def push(folder: Path, url: str) -> None:
        try:
            failures.append(push_until_done(folder, url))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=push, args=pair) for pair in counters]
    for thread in threads:
        thread.start()
    fault_thread = threading.Thread(target=fault)
    fault_thread.start()
    for thread in threads:
        thread.join(DEADLINE_S + 30)
    done.set()
    fault_thread.join(10)
    assert not errors, errors
    return failures


done = threading.Event()


def _assert_everything_once(central: Central, counters: list[tuple[Path, str]]) -> None:
    folders = [folder for folder, _ in counters]
    rows = assert_central_matches(central, folders)
    assert rows > 2 * DOSSIERS_PER_COUNTER * 8
    for folder in folders:
        assert outbox_states(folder).keys() == {"sent"}


def test_backends_terminated_mid_batch(central: Central, counters: list[tuple[Path, str]]) -> None:
    done.clear()
    kills = {"all": 0, "in_transaction": 0}
    rng = random.Random(7)

    def terminate() -> None:
        with central.admin() as admin:
            while not done.is_set():
                for pid, in_transaction in admin.execute(
                    "SELECT pid, xact_start IS NOT NULL FROM pg_stat_activity "
                    "WHERE datname = current_database() AND starts_with(usename, %s)",
                    [f"{central.prefix}_point_"],
                ).fetchall():
                    if admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone() == (
                        True,
                    ):
                        kills["all"] += 1
                        kills["in_transaction"] += in_transaction
                time.sleep(rng.uniform(0.005, 0.06))

    failures = _push_all_while(counters, terminate)
    assert kills["in_transaction"] >= 10, kills
    assert sum(failures) >= 10
    _assert_everything_once(central, counters)


def test_connections_cut_by_the_network(central: Central, counters: list[tuple[Path, str]]) -> None:
    done.clear()
    server = urlsplit(central.server_url)
    with CuttingProxy(server.hostname or "127.0.0.1", server.port or 5432) as proxy:
        through = [
            (folder, urlunsplit(urlsplit(url)._replace(netloc=_via(url, proxy.port))))
            for folder, url in counters
        ]
        rng = random.Random(11)

        def cut() -> None:
            while not done.is_set():
                time.sleep(rng.uniform(0.01, 0.08))
                proxy.cut()

        failures = _push_all_while(through, cut)
    assert proxy.cuts >= 10 and sum(failures) >= 10, (proxy.cuts, failures)
    _assert_everything_once(central, counters)


def _via(url: str, port: int) -> str:
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    return f"{credentials}@127.0.0.1:{port}"


def _pending(folder: Path) -> int:
    with sqlite3.connect(folder / STORE_FILE) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM sync_outbox WHERE state = 'pending'"
        ).fetchone()
    connection.close()
    return int(count)


def test_pushing_processes_killed_mid_push(
    central: Central, counters: list[tuple[Path, str]]
) -> None:
    assert fork is not None
    rng = random.Random(13)
    left = sum(_pending(folder) for folder, _ in counters)
    mid_push = 0  # kills after some batches went and before the last
    longest = 0.1
    for _ in range(60):
        children = [
            fork.Process(target=push_until_done, args=(*pair, TINY_BATCHES)) for pair in counters
        ]
        for child in children:
            child.start()
        time.sleep(rng.uniform(0.02, longest))
        for child in children:
            assert child.pid is not None
            os.kill(child.pid, signal.SIGKILL)
        for child in children:
            child.join()
        now_left = sum(_pending(folder) for folder, _ in counters)
        if now_left == left:
            longest *= 1.5  # killed before the first batch: a slower machine, wait longer
        elif now_left > 0:
            mid_push += 1
        left = now_left
        if left == 0 or mid_push >= 8:
            break
    assert mid_push >= 5, (mid_push, left)
    for folder, url in counters:
        push_until_done(folder, url)
    _assert_everything_once(central, counters)
    with psycopg.connect(central.admin_url) as admin:
        # The killed clients' backends are gone, nothing left half-done at the centre.
        assert admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE starts_with(usename, %s) "
            "AND xact_start IS NOT NULL",
            [f"{central.prefix}_point_"],
        ).fetchone() == (0,)
