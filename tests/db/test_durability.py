"""Nothing lost, nothing duplicated: concurrent counters, and processes killed mid-write."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from db.store import Store
from tests.db.workers import prepared, receive_many

PER_PROCESS = 500
# fork: the children start with the catalogue and SQLAlchemy already imported.
fork = multiprocessing.get_context("fork") if sys.platform != "win32" else None
pytestmark = pytest.mark.skipif(fork is None, reason="uses fork(); the counters run Linux in CI")


def _run_all(jobs: list[tuple[Path, int, int]]) -> None:
    assert fork is not None
    processes = [fork.Process(target=receive_many, args=(*job, PER_PROCESS)) for job in jobs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=600)
        assert process.exitcode == 0


def _codes(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "motcua.sqlite3") as connection:
        return [row[0] for row in connection.execute("SELECT code FROM dossier")]


def test_four_processes_into_one_store(tmp_path: Path) -> None:
    Store.in_data_dir(tmp_path).close()  # migrated once, before the race
    prepared()
    _run_all([(tmp_path, 1, 4 * PER_PROCESS)] * 4)
    codes = _codes(tmp_path)
    assert len(codes) == len(set(codes)) == 4 * PER_PROCESS
    serials = sorted(int(code[-4:]) for code in codes)
    assert serials == list(range(1, 4 * PER_PROCESS + 1))


def test_four_counters_of_one_agency_offline(tmp_path: Path) -> None:
    prepared()
    stores = [tmp_path / f"counter-{n}" for n in range(1, 5)]
    for folder in stores:
        folder.mkdir()
    _run_all([(folder, number, PER_PROCESS) for number, folder in enumerate(stores, start=1)])
    codes = [code for folder in stores for code in _codes(folder)]
    assert len(codes) == len(set(codes)) == 4 * PER_PROCESS


def test_killing_the_receiving_process_never_half_writes(tmp_path: Path) -> None:
    """Kill -9 at random moments, a few hundred times; every dossier stays whole."""
    assert fork is not None
    Store.in_data_dir(tmp_path).close()
    prepared()
    rng = random.Random(20261123)
    for _ in range(300):
        process = fork.Process(target=receive_many, args=(tmp_path, 1, 9999, 0))
        process.start()
        time.sleep(rng.uniform(0.0, 0.1))
        assert process.pid is not None
        os.kill(process.pid, signal.SIGKILL)
        process.join()
    with sqlite3.connect(tmp_path / "motcua.sqlite3") as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        dossiers = connection.execute(
            "SELECT count(*), count(DISTINCT code) FROM dossier"
        ).fetchone()
        incomplete = connection.execute(
            """SELECT count(*) FROM dossier d
               WHERE (SELECT count(*) FROM reception_round r WHERE r.dossier_id = d.id) != 1
                  OR (SELECT count(*) FROM presented_item i JOIN reception_round r
                      ON i.round_id = r.id WHERE r.dossier_id = d.id) != 4
                  OR (SELECT count(*) FROM dossier_licence l WHERE l.dossier_id = d.id) != 1"""
        ).fetchone()
    assert dossiers[0] > 0, "some dossiers were committed between the kills"
    assert dossiers[0] == dossiers[1], "no code used twice"
    assert incomplete == (0,)
