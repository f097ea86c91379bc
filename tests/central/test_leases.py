"""Dossier-code serials leased from the centre, and the offline reserve under them.

Leases are only for the centre's today and tomorrow, so these counters receive on the
centre's day (``server_day``), not on the fixed day of the other tests.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import threading
from pathlib import Path

from app.sync_ops import sync_status
from db.store import STORE_FILE
from db.sync.connection import connect
from db.sync.leases import lease_block, top_up
from db.sync.round import CounterIdentity, sync_round
from db.sync.serials import Lease
from tests.central.compare import assert_central_matches
from tests.central.conftest import AGENCY, Central, counter_store
from tests.central.workload import receive_on, server_day


def _serials(data_dir: Path) -> list[int]:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        rows = connection.execute("SELECT code_serial FROM dossier ORDER BY received_at").fetchall()
    return [serial for (serial,) in rows]


def test_leased_serials_are_used_before_the_reserve(central: Central, tmp_path: Path) -> None:
    url = central.add_point("q3")
    store = counter_store(tmp_path, url)
    day = server_day(url)
    with connect(url) as connection:
        lease = top_up(connection, store, AGENCY, day, size=3, low_water=1)
        assert lease is not None and (lease.first, lease.last) == (2001, 2003)
        # Enough left: no second lease.
        assert top_up(connection, store, AGENCY, day, size=3, low_water=1) is None
    store.close()
    receive_on(tmp_path, day, 1, 5)
    assert _serials(tmp_path) == [2001, 2002, 2003, 1, 2]


def test_two_counters_of_one_agency_receiving_offline_on_the_same_day_issue_distinct_codes(
    central: Central, tmp_path: Path
) -> None:
    url = central.add_point("q3")
    day = server_day(url)
    folders = [tmp_path / "counter-1", tmp_path / "counter-2"]
    for number, folder in enumerate(folders, start=1):
        store = counter_store(folder, url, number)
        with connect(url) as connection:
            top_up(connection, store, AGENCY, day, size=10)
        store.close()
    # The line goes down: from now on both receive with no centre at all.
    for number, folder in enumerate(folders, start=1):
        receive_on(folder, day, number, 30)
    first, second = (_serials(folder) for folder in folders)
    assert first == [*range(2001, 2011), *range(1, 21)]
    assert second == [*range(2011, 2021), *range(501, 521)]
    # Back online: everything reaches the centre, no code refused as a duplicate.
    for folder in folders:
        store = counter_store(folder, url, None)  # registered above
        assert sync_round(store).pushed.rejected == 0
        store.close()
    assert_central_matches(central, folders)
    with central.admin() as connection:
        assert connection.execute(
            "SELECT count(DISTINCT code), count(*) FROM motcua.dossier"
        ).fetchone() == (60, 60)


def test_leases_taken_at_the_same_time_never_overlap(central: Central) -> None:
    urls = [central.add_point(f"p{n}") for n in range(4)]
    day = server_day(urls[0])
    leases: list[Lease] = []
    errors: list[BaseException] = []

    def lease_many(url: str, seed: int) -> None:
        rng = random.Random(seed)
        try:
            with connect(url) as connection:
                for _ in range(15):
                    lease = lease_block(connection, AGENCY, day, rng.randint(1, 300))
                    if lease is not None:
                        leases.append(lease)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=lease_many, args=(url, n)) for n, url in enumerate(urls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    blocks = sorted((lease.first, lease.last) for lease in leases)
    assert blocks[0][0] == 2001 and blocks[-1][1] <= 9999
    for (_, last), (first, _) in itertools.pairwise(blocks):
        assert first == last + 1, "neither a gap nor an overlap"
    # 60 leases of up to 300 overflow the 7,999 serials above the reserve: the rest is refused.
    # (Each point asks for fewer than the 3,000 a point may lease a day.)
    assert blocks[-1][1] == 9999 and len(blocks) < 60


def test_a_counter_set_up_unlike_its_point_is_told_why(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3", reserve_top=1000), None)
    report = sync_round(store, counter=CounterIdentity(AGENCY, 1, 1500))
    # No reserve of 1,500 fits under 1000; leases go on (numbering online from them).
    assert report.reserve is None and report.refused
    assert report.registration_problem is not None
    assert "no room for counter 1" in report.registration_problem
    assert report.leased is not None and report.lease_problem is None
    other = sync_round(store, counter=CounterIdentity("000.00.00.X01", 1, 500))
    assert other.registration_problem is not None and other.lease_problem is not None
    assert "belongs to 000.17.22.H56" in other.lease_problem
    assert "belongs to 000.17.22.H56" in other.registration_problem
    status = sync_status(store)
    assert status.last_success_at is not None and status.last_error == other.problem
    store.close()
