"""Fault injection over thousands of operations: the centre ends equal to the counters.

Two counters push a day of work each (dossiers, supplement rounds,
re-appointments, slips: about 2,700 operations) while the network and the
processes fail under them: backends terminated by the server mid-batch, the
TCP connection cut, the reply to a request (a COMMIT among them) lost, the
pushing process killed with SIGKILL. After it all, every row is at the centre
once, equal to the counter's, and every operation was applied exactly once.

No timing decides anything: each fault lands at a named point (tests/central/proxy.py
counts the requests of each connection; tests/faults.py counts the local SQLite
statements), and the n-th connection is broken at its n-th request, so the
sweep walks through the start of a round and the first batches request by
request. The same faults happen, in the same places, on a fast machine and on
a loaded one.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from app.sync_ops import sync_status
from db.store import STORE_FILE
from db.sync.outbox import Limits
from db.sync.round import sync_round
from tests.central.compare import assert_central_matches, outbox_states
from tests.central.conftest import Central, counter_store, point_at, via
from tests.central.proxy import CuttingProxy, Fault, FaultPoint, Injected, Plan
from tests.central.workload import copy_counter, counter_day
from tests.db.workers import NOT_KILLED, prepared
from tests.faults import HANG_GUARD_S, StatementCounter, killed_by_sigkill

DOSSIERS_PER_COUNTER = 150
SMALL_BATCHES = Limits(operations=50)
# Many commits per push: the sweep below never reaches the end of the work.
TINY_BATCHES = Limits(operations=10)
# Connections broken one request later each: the start of a round and its first batches.
SWEEP = 30
# Local statements of the push (marking batches sent) to kill the process before, in turn.
LOCAL_SWEEP = 12
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
        process.join(HANG_GUARD_S)
        assert process.exitcode == 0
    return folders


@pytest.fixture
def counters(
    central: Central, day_of_two_counters: list[Path], tmp_path: Path
) -> list[tuple[Path, str]]:
    """Copies of the two counters, each at a point of its own: (data folder, URL)."""
    pairs = []
    for number, (point, template) in enumerate(zip("ab", day_of_two_counters, strict=True), 1):
        # Each test has a centre of its own: the copy is the template's PC, audit trail and all.
        copy_counter(template, tmp_path / point, own_device=False)
        url = central.add_point(point)
        counter_store(tmp_path / point, url, number).close()  # its reserve, as it numbered
        pairs.append((tmp_path / point, url))
    return pairs


class TooManyFailures(AssertionError):
    pass


def push_until_done(
    folder: Path, url: str, limits: Limits = SMALL_BATCHES, *, max_failures: int = 0
) -> int:
    """Sync rounds until nothing is pending; returns how many failed.

    The faults are counted, not timed: more failed rounds than ``max_failures``
    (the faults the test injects) is a failure of the test.
    """
    store = counter_store(folder, url, None)  # registered by the fixture
    failures = 0
    try:
        while True:
            try:
                sync_round(store, limits=limits)
            except Exception as error:
                failures += 1
                if failures > max_failures:
                    raise TooManyFailures(f"{failures} failed rounds: {error!r}") from error
                continue
            if sync_status(store).pending == 0:
                return failures
    finally:
        store.close()


def _sweep(*faults: Fault) -> Plan:
    """Connection n breaks at its request n % SWEEP + 1, with faults[n // SWEEP]; then none."""

    def plan(connection: int) -> FaultPoint | None:
        if connection >= SWEEP * len(faults):
            return None
        return FaultPoint(connection % SWEEP + 1, faults[connection // SWEEP])

    return plan


def _push_all_through(
    central: Central,
    counters: list[tuple[Path, str]],
    plan: Plan,
    faults: int,
    terminate: Callable[[int], None] | None = None,
) -> list[list[Injected]]:
    """Push every counter (a thread each, a proxy each) through its faults; what was injected."""
    server = urlsplit(central.server_url)
    errors: list[BaseException] = []
    failures: list[int] = []
    proxies = [
        CuttingProxy(server.hostname or "127.0.0.1", server.port or 5432, plan, terminate=terminate)
        for _ in counters
    ]

    def push(folder: Path, url: str) -> None:
        try:
            failures.append(push_until_done(folder, url, TINY_BATCHES, max_failures=faults))
        except BaseException as error:
            errors.append(error)

    threads = [
        threading.Thread(target=push, args=(folder, via(url, proxy.port)))
        for (folder, url), proxy in zip(counters, proxies, strict=True)
    ]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(HANG_GUARD_S)
            assert not thread.is_alive(), "a push hung"
    finally:
        for proxy in proxies:
            proxy.close()
    assert not errors, errors
    # Every planned fault happened (the work outlasts the sweep), each failed one round.
    assert failures == [faults] * len(counters), failures
    injected = [proxy.injected for proxy in proxies]
    for one in injected:
        assert [(f.connection, f.request, f.fault) for f in one] == [
            (n, point.request, point.fault) for n in range(faults) if (point := plan(n))
        ]
    return injected


def _assert_everything_once(central: Central, counters: list[tuple[Path, str]]) -> None:
    folders = [folder for folder, _ in counters]
    rows = assert_central_matches(central, folders)
    assert rows > 2 * DOSSIERS_PER_COUNTER * 8
    for folder in folders:
        assert outbox_states(folder).keys() == {"sent"}


def test_backends_terminated_mid_batch(central: Central, counters: list[tuple[Path, str]]) -> None:
    def terminate(pid: int) -> None:
        with central.admin() as admin:
            # Returns once the backend is gone (the timeout is only against a hang).
            (ended,) = admin.execute(
                "SELECT pg_terminate_backend(%s, %s)", [pid, int(HANG_GUARD_S * 1000)]
            ).fetchone() or (None,)
            assert ended is True, pid

    injected = _push_all_through(
        central, counters, _sweep(Fault.TERMINATE), SWEEP, terminate=terminate
    )
    for faults in injected:
        # Inside a batch's transaction, and just before its COMMIT.
        assert sum(f.in_transaction for f in faults) >= SWEEP // 2, faults
        assert any(f.in_transaction and f.sql == "COMMIT" for f in faults), faults
    _assert_everything_once(central, counters)


def test_connections_cut_by_the_network(central: Central, counters: list[tuple[Path, str]]) -> None:
    injected = _push_all_through(central, counters, _sweep(Fault.CUT, Fault.LOSE_REPLY), 2 * SWEEP)
    for faults in injected:
        assert sum(f.in_transaction for f in faults) >= SWEEP, faults
        assert any(f.fault is Fault.CUT and f.sql == "COMMIT" for f in faults), faults
        # Committed at the centre, never heard of at the counter: replayed, skipped.
        assert any(f.lost_commit for f in faults), faults
    _assert_everything_once(central, counters)


def _pending(folder: Path) -> int:
    with sqlite3.connect(folder / STORE_FILE) as connection:
        (count,) = connection.execute(
            "SELECT count(*) FROM sync_outbox WHERE state = 'pending'"
        ).fetchone()
    connection.close()
    return int(count)


def push_killed(
    folder: Path, url: str, server_port: int, point: FaultPoint | None, local: int | None
) -> None:
    """A child: push, and SIGKILL itself at the fault point (its first connection's
    request, or the local statement ``local`` of the push); never reaches the end."""
    store = counter_store(folder, url, None)
    statements = StatementCounter(store.engine)

    def die() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with CuttingProxy(
        "127.0.0.1", server_port, lambda n: point if n == 0 else None, before_fault=die
    ) as proxy:
        point_at(store, via(url, proxy.port))
        statements.arm(local)
        sync_round(store, limits=TINY_BATCHES)
    os._exit(NOT_KILLED)


def _kill_points() -> list[tuple[FaultPoint | None, int | None]]:
    """Before each request of the first connection, after each reply, at each local write."""
    return [
        *[(FaultPoint(k, Fault.CUT), None) for k in range(1, SWEEP + 1)],
        *[(FaultPoint(k, Fault.LOSE_REPLY), None) for k in range(1, SWEEP + 1)],
        *[(None, k) for k in range(1, LOCAL_SWEEP + 1)],
    ]


@pytest.mark.slow
def test_pushing_processes_killed_mid_push(
    central: Central, counters: list[tuple[Path, str]]
) -> None:
    assert fork is not None
    port = urlsplit(central.server_url).port or 5432
    left = sum(_pending(folder) for folder, _ in counters)
    for point, local in _kill_points():
        children = [
            fork.Process(target=push_killed, args=(folder, url, port, point, local))
            for folder, url in counters
        ]
        for child in children:
            child.start()
        for child in children:
            child.join(HANG_GUARD_S)
            assert killed_by_sigkill(child.exitcode), (point, local, child.exitcode)
        now_left = sum(_pending(folder) for folder, _ in counters)
        assert 0 < now_left <= left, (point, local, now_left, left)
        left = now_left
    for folder, url in counters:
        push_until_done(folder, url)
    _assert_everything_once(central, counters)
    with psycopg.connect(central.admin_url) as admin:
        # The killed clients' backends end when they read the end of their connection;
        # wait for that (the bound is only against a hang), then nothing is left half-done.
        give_up = time.monotonic() + HANG_GUARD_S
        while admin.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE starts_with(usename, %s) "
            "AND xact_start IS NOT NULL",
            [f"{central.prefix}_point_"],
        ).fetchone() != (0,):
            assert time.monotonic() < give_up, "backends of killed clients never ended"
            time.sleep(0.05)
