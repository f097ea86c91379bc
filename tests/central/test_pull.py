"""Pulling the centre's changes: reference data and statuses, never a change skipped."""

from __future__ import annotations

import json
import random
import threading
import time
from pathlib import Path

import psycopg
from sqlalchemy import select

from db.store import Store
from db.sync.connection import connect
from db.sync.local_models import CentralStatus, ReferenceItem
from db.sync.pull import Change, apply_changes, pull
from db.sync.round import sync_round
from tests.central.conftest import Central, counter_store, pull_past, watermark
from tests.central.workload import counter_day
from tests.faults import HANG_GUARD_S


def _references(store: Store) -> dict[tuple[str, str], tuple[int, object]]:
    with store.reading() as session:
        return {
            (item.kind, item.key): (item.version, json.loads(item.payload))
            for item in session.scalars(select(ReferenceItem))
        }


def _publish(url: str, kind: str, key: str, payload: object) -> int:
    """Write one reference item in its own transaction; returns that transaction's id."""
    with psycopg.connect(url, autocommit=True) as connection:
        row = connection.execute(
            "INSERT INTO motcua.reference_item (kind, key, payload) VALUES (%s, %s, %s) "
            "ON CONFLICT (kind, key) DO UPDATE SET payload = EXCLUDED.payload "
            "RETURNING pg_current_xact_id()::text",
            [kind, key, json.dumps(payload)],
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_reference_data_and_statuses_reach_their_counters_only(
    central: Central, tmp_path: Path
) -> None:
    counter_day(tmp_path / "a", 1, 2)
    first = counter_store(tmp_path / "a", central.add_point("q3"))
    second = counter_store(tmp_path / "b", central.add_point("q5"))
    sync_round(first)
    sync_round(second)
    office = central.add_centre_login()
    _publish(office, "fee", "doi-gtvt", {"vnd": 135000})
    with psycopg.connect(office, autocommit=True) as connection:
        updated = connection.execute(
            "UPDATE motcua.dossier SET central_status = 'result-ready' "
            "WHERE id = (SELECT id FROM motcua.dossier ORDER BY id LIMIT 1) "
            "RETURNING id::text, pg_current_xact_id()::text"
        ).fetchone()
    assert updated is not None
    dossier_id, last = updated[0], int(updated[1])
    assert pull_past(first, last, lambda: sync_round(first).pulled.applied) == 2
    assert pull_past(second, last, lambda: sync_round(second).pulled.applied) == 1
    assert _references(first) == _references(second) == {("fee", "doi-gtvt"): (1, {"vnd": 135000})}
    with first.reading() as session:
        [status] = session.scalars(select(CentralStatus))
        assert (status.dossier_id, status.status) == (dossier_id, "result-ready")
        assert status.changed_at is not None
    with second.reading() as session:
        assert session.scalars(select(CentralStatus)).all() == []

    changed = _publish(office, "fee", "doi-gtvt", {"vnd": 150000})
    pull_past(first, changed, lambda: sync_round(first).pulled.applied)
    assert _references(first) == {("fee", "doi-gtvt"): (2, {"vnd": 150000})}
    # A change read again (a page re-read after a crash) never turns an item back.
    stale = Change(
        1,
        "reference",
        "fee/doi-gtvt",
        1,
        {
            "kind": "fee",
            "key": "doi-gtvt",
            "payload": {"vnd": 1},
            "withdrawn": False,
            "changed_at": "2026-11-22T00:00:00+00:00",
        },
    )
    with first.transaction() as session:
        apply_changes(session, [stale])
    assert _references(first) == {("fee", "doi-gtvt"): (2, {"vnd": 150000})}
    first.close()
    second.close()


def test_a_transaction_that_commits_late_is_not_skipped(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    office = central.add_centre_login()
    with connect(store_url(store)) as counter:
        pull(counter, store)  # bootstrap
        with psycopg.connect(office) as late:
            row = late.execute(
                "INSERT INTO motcua.reference_item (kind, key, payload) "
                "VALUES ('fee', 'late', '1') RETURNING pg_current_xact_id()::text"
            ).fetchone()
            assert row is not None
            early = _publish(office, "fee", "early", 2)  # begins after "late", commits first
            assert int(row[0]) < early
            # Below the watermark only: "early" waits for "late" rather than step over it.
            # (The watermark is at most "late" while it is open, whatever else the server does.)
            assert pull(counter, store).applied == 0
            late.commit()
        assert pull_past(store, early, lambda: pull(counter, store).applied) == 2
    assert _references(store).keys() == {("fee", "early"), ("fee", "late")}
    with central.admin() as connection:
        ids: dict[str, int] = dict(
            connection.execute("SELECT entity_key, id FROM motcua.change_log").fetchall()
        )
    # A cursor on the log's id would have stepped over "late": it has the lower id.
    assert ids["fee/late"] < ids["fee/early"]
    store.close()


def store_url(store: Store) -> str:
    from db.sync.state import sync_state

    with store.reading() as session:
        url = sync_state(session).central_url
    assert url is not None
    return url


def test_a_counter_behind_the_pruned_log_bootstraps_again(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    office = central.add_centre_login()
    _publish(office, "fee", "a", 1)
    assert sync_round(store).pulled.bootstrapped
    for key in "bcd":
        _publish(office, "fee", key, 2)
    with central.admin() as connection:
        assert connection.execute("SELECT motcua.prune_change_log('0')").fetchone() == (4,)
    report = sync_round(store).pulled
    assert report.bootstrapped and report.applied == 4
    assert len(_references(store)) == 4
    store.close()


def test_several_writers_and_pulling_counters_never_skip_a_change(
    central: Central, tmp_path: Path
) -> None:
    """Writers whose transactions commit out of order while counters pull all the time.

    The random sleeps only vary the interleaving. The verdict does not depend on how far
    the pulls got by any moment: after the writers are done, each counter pulls until its
    watermark is above the last writer's transaction. How long that takes is not this
    test's business: xmin is cluster-wide, so any transaction open elsewhere on the server
    (another test's, another database's) holds every watermark back meanwhile; the pull
    must then wait, never skip. The only bound is the hang guard.
    """
    office = central.add_centre_login()
    urls = [central.add_point(f"p{n}") for n in range(3)]
    stores = [counter_store(tmp_path / f"c{n}", url) for n, url in enumerate(urls)]
    writers_done = threading.Event()
    last_writer_xid: list[int] = []  # set before writers_done
    failures: list[BaseException] = []

    def writer(number: int) -> None:
        rng = random.Random(number)
        try:
            with psycopg.connect(office) as connection:
                for n in range(50):
                    for item in range(rng.randint(1, 4)):
                        connection.execute(
                            "INSERT INTO motcua.reference_item (kind, key, payload) "
                            "VALUES ('holiday', %s, %s)",
                            [f"w{number}-{n}-{item}", json.dumps(n)],
                        )
                    if n % 5 == 4:  # and change one written earlier
                        connection.execute(
                            "UPDATE motcua.reference_item SET payload = '\"changed\"' "
                            "WHERE kind = 'holiday' AND key = %s",
                            [f"w{number}-{n - 3}-0"],
                        )
                    # Still in the transaction: it commits after others that began later,
                    # now and then much later.
                    time.sleep(rng.uniform(0, 0.02) + (0.1 if n % 16 == 0 else 0))
                    connection.commit()
        except BaseException as error:
            failures.append(error)

    def puller(store: Store, url: str) -> None:
        try:
            with connect(url) as connection:
                while not writers_done.is_set():
                    pull(connection, store, page_size=7)
                guard = time.monotonic() + HANG_GUARD_S  # only against a hang
                while last_writer_xid and watermark(store) <= last_writer_xid[0]:
                    assert time.monotonic() < guard, "the watermark never passed the writers"
                    if pull(connection, store, page_size=7).applied == 0:
                        time.sleep(0.01)  # held back by a transaction elsewhere: not a spin
        except BaseException as error:
            failures.append(error)

    writers = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    pullers = [
        threading.Thread(target=puller, args=pair) for pair in zip(stores, urls, strict=True)
    ]
    for thread in [*pullers, *writers]:
        thread.start()
    try:
        for thread in writers:
            thread.join(HANG_GUARD_S)
            assert not thread.is_alive(), "a writer hung"
        with central.admin() as connection:  # every writer has committed: the last xid
            row = connection.execute("SELECT max(xid)::text FROM motcua.change_log").fetchone()
        assert row is not None and row[0] is not None
        last_writer_xid.append(int(row[0]))
    finally:
        writers_done.set()  # the pullers end even when this failed (no target: at once)
    for thread in pullers:
        thread.join(HANG_GUARD_S)
        assert not thread.is_alive(), "a puller hung"
    assert not failures, failures
    with central.admin() as connection:
        expected = {
            (kind, key): (version, payload)
            for kind, key, version, payload in connection.execute(
                "SELECT kind, key, version, payload FROM motcua.reference_item"
            ).fetchall()
        }
    assert len(expected) > 200
    for store in stores:
        assert watermark(store) > last_writer_xid[0]
        assert _references(store) == expected
        store.close()
