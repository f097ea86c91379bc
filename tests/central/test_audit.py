"""The audit trail at the centre: pushed through the outbox, insert-only for points (grants
and a trigger), checked by ``motcua audit verify`` there and against the counter's copy."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import psycopg
import pytest

from app.audit import AuditTrailBroken, BreakKind, Place, central_url_of, verify_trail
from app.reception import receive
from db.audit import GENESIS, chains
from db.store import STORE_FILE, Store
from db.sync.round import sync_round
from tests.central.conftest import Central, counter_store
from tests.central.forge import as_point
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, prepared


def _synced_store(central: Central, tmp_path: Path, dossiers: int = 3) -> Store:
    store = counter_store(tmp_path, central.add_point("q3"))
    catalogue, timetable = prepared()
    for n in range(dossiers):
        receive(
            example_request(),
            catalogue=catalogue,
            timetable=timetable,
            counter=counter(),
            store=store,
            received_at=DAY + dt.timedelta(minutes=n),
        )
    report = sync_round(store)
    assert (report.pushed.sent, report.pushed.rejected) >= (dossiers, 0)
    assert report.pushed.rejected == 0
    return store


def _broken(store: Store) -> AuditTrailBroken:
    with pytest.raises(AuditTrailBroken) as raised:
        verify_trail(store, central_url_of(store))
    return raised.value


def test_the_trail_reaches_the_centre_and_verifies_after_sync(
    central: Central, tmp_path: Path
) -> None:
    store = _synced_store(central, tmp_path)
    verified = verify_trail(store, central_url_of(store))
    assert (verified.records, verified.central_records) == (3, 3)
    with central.admin() as admin:
        rows = admin.execute(
            "SELECT seq, point_role, created_at IS NOT NULL FROM motcua.audit_record ORDER BY seq"
        ).fetchall()
    assert rows == [(n, central.role("q3"), True) for n in (1, 2, 3)]
    # And on: more records, another round, still whole.
    catalogue, timetable = prepared()
    receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=DAY + dt.timedelta(hours=1),
    )
    assert sync_round(store).pushed.rejected == 0
    assert verify_trail(store, central_url_of(store)).central_records == 4
    store.close()


@pytest.mark.parametrize(
    "statement",
    ["UPDATE motcua.audit_record SET actor = 'x'", "DELETE FROM motcua.audit_record"],
)
def test_the_centre_refuses_a_point_changing_a_record(
    central: Central, tmp_path: Path, statement: str
) -> None:
    _synced_store(central, tmp_path).close()
    with as_point(central, "q3") as point, pytest.raises(psycopg.errors.InsufficientPrivilege):
        point.execute(statement)
    # Not by grants only: the trigger refuses even a role that holds every grant.
    with central.admin() as admin, pytest.raises(psycopg.errors.InsufficientPrivilege):
        admin.execute(statement)
    with central.admin() as admin:
        assert admin.execute("SELECT count(*) FROM motcua.audit_record").fetchone() == (3,)


def test_the_centre_refuses_a_record_that_does_not_follow_the_chain(
    central: Central, tmp_path: Path
) -> None:
    store = _synced_store(central, tmp_path)
    (rows,) = chains(store).values()
    store.close()
    with as_point(central, "q3") as point, pytest.raises(psycopg.errors.CheckViolation):
        point.execute(
            "INSERT INTO motcua.audit_record (id, device_id, seq, recorded_at, actor, action, "
            "subject_json, prev_hash, hash, origin_device, origin_seq) "
            "VALUES (gen_random_uuid(), %s, 5, now(), 'x', 'sign-in', '{}', %s, %s, %s, 999)",
            [rows[0].device_id, GENESIS, GENESIS, rows[0].device_id],
        )


# Tampering at the centre, as an administrator who switched its triggers off.
TAMPERING = {
    "edited": (
        ["UPDATE motcua.audit_record SET actor = 'someone' WHERE seq = 2"],
        (BreakKind.EDITED, 2, True),
    ),
    "deleted": (["DELETE FROM motcua.audit_record WHERE seq = 2"], (BreakKind.DELETED, 2, False)),
    "reordered": (
        [
            "UPDATE motcua.audit_record SET seq = 1002 WHERE seq = 2",
            "UPDATE motcua.audit_record SET seq = 2 WHERE seq = 3",
            "UPDATE motcua.audit_record SET seq = 3 WHERE seq = 1002",
        ],
        (BreakKind.REORDERED, 2, True),
    ),
    "inserted": (
        [
            "INSERT INTO motcua.audit_record (id, device_id, seq, recorded_at, actor, action, "
            "subject_json, prev_hash, hash, point_role, origin_device, origin_seq) "
            "SELECT gen_random_uuid(), device_id, 4, recorded_at, actor, action, subject_json, "
            "hash, hash, point_role, origin_device, origin_seq FROM motcua.audit_record "
            "WHERE seq = 3"
        ],
        (BreakKind.EDITED, 4, True),
    ),
}


@pytest.mark.parametrize("name", list(TAMPERING))
def test_tampering_at_the_centre_is_named(central: Central, tmp_path: Path, name: str) -> None:
    store = _synced_store(central, tmp_path)
    statements, (kind, seq, named) = TAMPERING[name]
    with central.admin() as admin, admin.transaction():
        admin.execute("SET LOCAL session_replication_role = replica")
        for statement in statements:
            admin.execute(statement)
    found = _broken(store).found
    store.close()
    assert (found.kind, found.seq, found.place) == (kind, seq, Place.CENTRE)
    assert (found.record_id is not None) == named


def test_a_record_deleted_here_after_sync_is_found_at_the_centre(
    central: Central, tmp_path: Path
) -> None:
    store = _synced_store(central, tmp_path)
    assert verify_trail(store, None).records == 3  # the end of a chain can go unseen here
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        connection.execute("DROP TRIGGER audit_record_no_delete")
        connection.execute("DELETE FROM audit_record WHERE seq = 3")
    assert verify_trail(store, None).records == 2
    found = _broken(store).found
    store.close()
    assert (found.kind, found.seq, found.place) == (BreakKind.DELETED, 3, Place.HERE)
