"""The store protects itself: known serials are never given again, a restored or new store
holds its reserve back, and every fault of the file is one ``StoreFailure`` naming it,
with nothing committed lost."""

from __future__ import annotations

import datetime as dt
import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.catalogue.model import Catalogue
from app.reception import Receipt, Timetable, receive
from db.models import Dossier
from db.store import Numbered, Store
from db.store_failure import Fault, ReserveHeld, StoreFailure, failure_of
from db.store_file import examine
from db.store_safety import (
    IssuedSerial,
    latest_issued,
    mark_new,
    mark_restored,
    missing_issued,
    outbox_sequence,
    safety_of,
)
from db.sync.serials import Lease, leased_blocks, store_lease
from tests.db.conftest import AGENCY, counter, example_request
from tests.db.store_faults import damage, full_store, read_only_store

MONDAY = dt.date(2026, 11, 23)
MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)
NOW = dt.datetime(2026, 11, 23, 12, 0)


def _receive(store: Store, catalogue: Catalogue, timetable: Timetable, minute: int = 0) -> Receipt:
    return receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=MONDAY_0910 + dt.timedelta(minutes=minute),
    )


def _serial(receipt: Receipt) -> int:
    assert receipt.code is not None
    return int(receipt.code[-4:])


def _lease(store: Store, first: int, last: int) -> None:
    with store.transaction() as session:
        store_lease(session, Lease(f"lease-{first}", AGENCY, MONDAY, first, last, NOW))


def _dossiers(store: Store) -> int:
    with store.reading() as session:
        return session.scalar(select(func.count()).select_from(Dossier)) or 0


def test_a_known_serial_is_never_given_again(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    assert _serial(_receive(store, catalogue, timetable)) == 1
    # The counter's record says serial 7 of the reserve was issued (after a backup, say).
    mark_new(store, [IssuedSerial(AGENCY, MONDAY, 7)], NOW)
    assert not safety_of(store).reserve_held  # the record is enough to use the reserve
    assert _serial(_receive(store, catalogue, timetable, 1)) == 8
    assert _serial(_receive(store, catalogue, timetable, 2)) == 9
    # In a leased block, the known serial counts the same way.
    _lease(store, 2001, 2100)
    mark_new(store, [IssuedSerial(AGENCY, MONDAY, 2050)], NOW)
    assert _serial(_receive(store, catalogue, timetable, 3)) == 2051


def test_a_store_without_the_record_holds_its_reserve_until_it_catches_up(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    mark_new(store, None, NOW)
    safety = safety_of(store)
    assert safety.reserve_held and safety.catch_up_due
    with pytest.raises(ReserveHeld) as held:
        _receive(store, catalogue, timetable)
    assert held.value.fault is Fault.HELD and held.value.path == store.path
    assert _dossiers(store) == 0  # refused whole: no dossier without its code
    # A block leased since is safe: the centre never leases a serial twice.
    _lease(store, 2001, 2002)
    assert [_serial(_receive(store, catalogue, timetable, n)) for n in (1, 2)] == [2001, 2002]
    with pytest.raises(ReserveHeld):
        _receive(store, catalogue, timetable, 3)  # the lease is used up; the reserve waits
    assert _dossiers(store) == 2


def test_a_restored_store_forgets_its_leases_and_numbers_its_operations_above_the_lost_ones(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    _lease(store, 2001, 2100)
    _receive(store, catalogue, timetable)
    with store.reading() as session:
        before = outbox_sequence(session)
    assert before > 0
    mark_restored(store, [IssuedSerial(AGENCY, MONDAY, 2030)], NOW)
    with store.reading() as session:
        assert leased_blocks(session, AGENCY, MONDAY) == []
        assert outbox_sequence(session) >= int(NOW.timestamp() * 1_000_000) > before
    # The reserve, above the record's serial of a lease that is gone.
    assert _serial(_receive(store, catalogue, timetable, 1)) == 1
    with store.reading() as session:
        assert outbox_sequence(session) > int(NOW.timestamp() * 1_000_000)


def test_the_store_knows_which_recorded_serials_it_lacks(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    _receive(store, catalogue, timetable)
    issued = [IssuedSerial(AGENCY, MONDAY, 1), IssuedSerial(AGENCY, MONDAY, 2)]
    assert missing_issued(store, issued) == [IssuedSerial(AGENCY, MONDAY, 2)]
    assert latest_issued(store) == [IssuedSerial(AGENCY, MONDAY, 1)]


def test_the_serial_given_is_told_after_its_transaction_commits_only(
    tmp_path: Path, catalogue: Catalogue, timetable: Timetable
) -> None:
    told: list[Numbered] = []
    store = Store(tmp_path / "motcua.sqlite3", on_numbered=told.append)
    try:
        _receive(store, catalogue, timetable)
        assert told == [Numbered(AGENCY, MONDAY, 1, 1, 500)]
        with full_store():
            full = Store(store.path, on_numbered=told.append)
            try:
                with pytest.raises(StoreFailure):
                    _receive(full, catalogue, timetable, 1)
            finally:
                full.close()
        assert len(told) == 1  # rolled back: nothing to tell
    finally:
        store.close()


def test_a_full_disk_fails_the_transaction_whole_and_keeps_what_was_committed(
    tmp_path: Path, catalogue: Catalogue, timetable: Timetable
) -> None:
    path = tmp_path / "motcua.sqlite3"
    store = Store(path)
    codes = [_receive(store, catalogue, timetable, n).code for n in range(3)]
    store.close()
    with full_store():
        full = Store(path)
        try:
            with pytest.raises(StoreFailure) as failure:
                _receive(full, catalogue, timetable, 3)
        finally:
            full.close()
    assert failure.value.fault is Fault.FULL and failure.value.path == path
    store = Store(path)
    try:
        assert store.integrity_check() == "ok"
        with store.reading() as session:
            stored = session.scalars(select(Dossier.code).order_by(Dossier.code)).all()
        assert stored == codes
        # Space again: numbering goes on after the last code committed.
        assert _serial(_receive(store, catalogue, timetable, 4)) == 4
    finally:
        store.close()


def test_a_store_that_may_not_be_written_says_so(tmp_path: Path) -> None:
    path = tmp_path / "motcua.sqlite3"
    Store(path).close()
    with read_only_store(), pytest.raises(StoreFailure) as failure:
        # Its first write (setting the journal up when it opens) is refused.
        store = Store(path)
        try:
            with store.transaction() as session:
                session.add(Dossier(**_minimal_dossier()))
        finally:
            store.close()
    assert failure.value.fault is Fault.UNWRITABLE and failure.value.path == path


def test_a_damaged_store_is_seen_before_it_is_used(
    tmp_path: Path, catalogue: Catalogue, timetable: Timetable
) -> None:
    path = tmp_path / "motcua.sqlite3"
    store = Store(path)
    _receive(store, catalogue, timetable)
    store.close()
    assert examine(path).identity is not None
    damage(path)
    with pytest.raises(StoreFailure) as malformed:
        examine(path)
    assert malformed.value.fault is Fault.DAMAGED
    damage(path, header=True)
    with pytest.raises(StoreFailure) as not_a_database:
        examine(path)
    assert not_a_database.value.fault is Fault.DAMAGED
    # Opened anyway, the store says the same from its first statement.
    with pytest.raises(StoreFailure) as opening:
        Store(path)
    assert opening.value.fault is Fault.DAMAGED and opening.value.path == path


def test_the_program_above_chooses_how_a_failure_is_raised(tmp_path: Path) -> None:
    class Told(Exception):
        pass

    path = tmp_path / "motcua.sqlite3"
    Store(path).close()
    damage(path, header=True)
    with pytest.raises(Told):
        Store(path, report_failure=lambda failure: Told(failure.fault))


def test_an_empty_or_missing_file_is_seen_as_such_and_not_created(tmp_path: Path) -> None:
    missing = examine(tmp_path / "none.sqlite3")
    assert (missing.exists, missing.identity) == (False, None)
    assert not (tmp_path / "none.sqlite3").exists()
    (tmp_path / "empty.sqlite3").touch()
    empty = examine(tmp_path / "empty.sqlite3")
    assert empty.empty and empty.identity is None


def _minimal_dossier() -> dict[str, object]:
    return {
        "status": "accepted",
        "procedure_id": "doi-gtvt",
        "channel": "direct",
        "catalogue_version": "qd-4225-2021",
        "applicant_name": "x",
        "applicant_id_number": "1",
        "applicant_json": "{}",
        "received_at": MONDAY_0910,
        "fee_vnd": 0,
        "result_delivery": "counter",
        "delivery_address": "",
        "officer": "o",
        "receiving_point": "p",
        "counter_number": 1,
    }


@pytest.mark.parametrize(
    ("code", "name", "fault"),
    [
        (11, "SQLITE_CORRUPT", Fault.DAMAGED),
        (26, "SQLITE_NOTADB", Fault.DAMAGED),
        (13, "SQLITE_FULL", Fault.FULL),
        (10 | (3 << 8), "SQLITE_IOERR_WRITE", Fault.DISK),
        (8, "SQLITE_READONLY", Fault.UNWRITABLE),
        (14, "SQLITE_CANTOPEN", Fault.UNWRITABLE),
        (5, "SQLITE_BUSY", Fault.BUSY),
    ],
)
def test_each_fault_of_the_file_is_told_apart_by_sqlites_result_code(
    code: int, name: str, fault: Fault
) -> None:
    error = sqlite3.OperationalError("as SQLite says it")
    error.sqlite_errorcode, error.sqlite_errorname = code, name
    failure = failure_of(error, Path("motcua.sqlite3"))
    assert failure is not None and failure.fault is fault and failure.detail == name


def test_other_errors_are_not_faults_of_the_file() -> None:
    unique = sqlite3.IntegrityError("UNIQUE constraint failed")
    unique.sqlite_errorcode = 2067  # SQLITE_CONSTRAINT_UNIQUE
    assert failure_of(unique, Path("motcua.sqlite3")) is None
    assert failure_of(ValueError("a bug"), Path("motcua.sqlite3")) is None
    full = failure_of(OSError(errno.ENOSPC, "No space left on device"), Path("x"))
    assert full is not None and full.fault is Fault.FULL
