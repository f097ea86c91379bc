"""Nothing lost, nothing duplicated: concurrent counters, and processes killed mid-write.

No test here depends on timing: the processes are killed at a named SQLite
statement (tests/faults.py), never after a random sleep.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import sys
from pathlib import Path

import pytest

from db.store import STORE_FILE, Store
from tests.db.workers import correct_one_killed, prepared, receive_many, receive_one_killed
from tests.faults import HANG_GUARD_S, killed_by_sigkill

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
        process.join(HANG_GUARD_S)
        assert process.exitcode == 0


def _codes(data_dir: Path) -> list[str]:
    with sqlite3.connect(data_dir / "motcua.sqlite3") as connection:
        return [row[0] for row in connection.execute("SELECT code FROM dossier")]


@pytest.mark.slow
def test_four_processes_into_one_store(tmp_path: Path) -> None:
    Store.in_data_dir(tmp_path).close()  # migrated once, before the race
    prepared()
    _run_all([(tmp_path, 1, 4 * PER_PROCESS)] * 4)
    codes = _codes(tmp_path)
    assert len(codes) == len(set(codes)) == 4 * PER_PROCESS
    serials = sorted(int(code[-4:]) for code in codes)
    assert serials == list(range(1, 4 * PER_PROCESS + 1))


@pytest.mark.slow
def test_four_counters_of_one_agency_offline(tmp_path: Path) -> None:
    prepared()
    stores = [tmp_path / f"counter-{n}" for n in range(1, 5)]
    for folder in stores:
        folder.mkdir()
    _run_all([(folder, number, PER_PROCESS) for number, folder in enumerate(stores, start=1)])
    codes = [code for folder in stores for code in _codes(folder)]
    assert len(codes) == len(set(codes)) == 4 * PER_PROCESS


def _store_state(data_dir: Path) -> tuple[int, int]:
    """(dossiers, dossiers with a code), after checking that nothing is half-saved.

    Whole means: every round of a dossier numbered 1..r with its checklist
    rows, one licence per dossier, every synced row with its outbox operation
    and every operation with its row, codes never twice, serials without a gap.
    """
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        broken = connection.execute(
            """SELECT d.id FROM dossier d
               WHERE (SELECT count(*) FROM dossier_licence l WHERE l.dossier_id = d.id) != 1
                  OR (SELECT count(*) FROM reception_round r WHERE r.dossier_id = d.id)
                     != (SELECT coalesce(max(number), 0) FROM reception_round r
                         WHERE r.dossier_id = d.id)
                  OR NOT EXISTS (SELECT 1 FROM reception_round r WHERE r.dossier_id = d.id)
                  OR EXISTS (SELECT 1 FROM reception_round r WHERE r.dossier_id = d.id
                             AND NOT EXISTS (SELECT 1 FROM presented_item i
                                             WHERE i.round_id = r.id))"""
        ).fetchall()
        assert broken == [], "dossiers half-saved"
        for table in ("dossier", "dossier_licence", "reception_round", "presented_item"):
            without_operation = connection.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "  # our own table names
                "(SELECT 1 FROM sync_outbox o WHERE o.table_name = ? AND o.row_id = t.id)",
                [table],
            ).fetchone()
            assert without_operation == (0,), f"{table} rows without their outbox operation"
            orphans = connection.execute(
                f"SELECT count(*) FROM sync_outbox o WHERE o.table_name = ? AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = o.row_id)",
                [table],
            ).fetchone()
            assert orphans == (0,), f"outbox operations of {table} rows that were never saved"
        codes = [row[0] for row in connection.execute("SELECT code FROM dossier")]
        (dossiers,) = connection.execute("SELECT count(*) FROM dossier").fetchone()
    connection.close()
    coded = [code for code in codes if code is not None]
    assert len(coded) == len(set(coded)), "a code used twice"
    assert sorted(int(code[-4:]) for code in coded) == list(range(1, len(coded) + 1))
    return int(dossiers), len(coded)


@pytest.mark.parametrize("supplement", [False, True], ids=["new-dossier", "supplement-round"])
def test_killing_the_receiving_process_never_half_writes(tmp_path: Path, supplement: bool) -> None:
    """SIGKILL before each statement of one reception in turn; every dossier stays whole.

    The cut points are statements, not moments (tests/faults.py): before the
    BEGIN, before each INSERT, before the COMMIT, and after the COMMIT
    returned. Only the last keeps the reception, and it keeps all of it.
    """
    assert fork is not None
    Store.in_data_dir(tmp_path).close()
    prepared()
    # A clean run first: how many statements one such reception is.
    statements = receive_one_killed(tmp_path, None, supplement)
    assert statements >= 5, statements
    dossiers, coded = _store_state(tmp_path)
    for kill_before in range(1, statements + 2):
        process = fork.Process(target=receive_one_killed, args=(tmp_path, kill_before, supplement))
        process.start()
        process.join(HANG_GUARD_S)
        assert killed_by_sigkill(process.exitcode), (kill_before, process.exitcode)
        kept = kill_before == statements + 1  # killed after the COMMIT returned
        # The incomplete first round of a supplement is committed before the kill point.
        dossiers += 1 if supplement else int(kept)
        coded += int(kept)
        assert _store_state(tmp_path) == (dossiers, coded), f"killed before statement {kill_before}"
    # The store reopens, and receives as before: the same statements, nothing in the way.
    assert receive_one_killed(tmp_path, None, supplement) == statements
    store = Store.in_data_dir(tmp_path)
    assert store.integrity_check() == "ok"
    store.close()


CORRECTED_NAME = "Nguyễn Văn Ân"


def _corrections_state(data_dir: Path) -> tuple[int, int]:
    """(dossiers, dossiers corrected), after checking that each is corrected wholly or not at all.

    Wholly: the correction row (revision 1), the dossier's name, the round's request, the
    licence replaced and its corrected row, and every one of those writes with its outbox
    operation (the dossier's last one carrying the corrected name). Not at all: none of it.
    """
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        dossiers = connection.execute(
            """SELECT d.id, d.applicant_name, r.request_json,
                      (SELECT group_concat(c.revision) FROM dossier_correction c
                       WHERE c.dossier_id = d.id),
                      (SELECT group_concat(l.number || ':' || coalesce(l.replaced_in, '-'), ' ')
                       FROM dossier_licence l WHERE l.dossier_id = d.id),
                      (SELECT o.payload FROM sync_outbox o WHERE o.table_name = 'dossier'
                       AND o.row_id = d.id ORDER BY o.seq DESC LIMIT 1)
               FROM dossier d JOIN reception_round r ON r.dossier_id = d.id"""
        ).fetchall()
        corrected = 0
        for dossier_id, name, request, revisions, listed, last_operation in dossiers:
            licences = " ".join(sorted(listed.split()))
            if revisions is None:
                assert (name, licences) == ("Nguyễn Văn An", "790123456789:-"), dossier_id
                assert CORRECTED_NAME not in request and CORRECTED_NAME not in last_operation
            else:
                assert revisions == "1", dossier_id
                assert (name, licences) == (CORRECTED_NAME, "790123456788:- 790123456789:1")
                assert CORRECTED_NAME in request and CORRECTED_NAME in last_operation
                corrected += 1
        for table in ("dossier_licence", "dossier_correction"):
            without_operation = connection.execute(
                f"SELECT count(*) FROM {table} t WHERE NOT EXISTS "  # our own table names
                "(SELECT 1 FROM sync_outbox o WHERE o.table_name = ? AND o.row_id = t.id)",
                [table],
            ).fetchone()
            assert without_operation == (0,), f"{table} rows without their outbox operation"
            orphans = connection.execute(
                f"SELECT count(*) FROM sync_outbox o WHERE o.table_name = ? AND NOT EXISTS "
                f"(SELECT 1 FROM {table} t WHERE t.id = o.row_id)",
                [table],
            ).fetchone()
            assert orphans == (0,), f"outbox operations of {table} rows that were never saved"
        replaced = connection.execute(
            "SELECT count(*) FROM dossier_licence l WHERE l.replaced_in IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM sync_outbox o WHERE o.table_name = 'dossier_licence' "
            "AND o.row_id = l.id AND o.payload LIKE '%\"replaced_in\":1%')"
        ).fetchone()
        assert replaced == (0,), "a licence marked replaced without its operation"
    connection.close()
    return len(dossiers), corrected


def test_killing_a_correction_never_half_writes(tmp_path: Path) -> None:
    """SIGKILL before each statement of one correction in turn: the dossier is corrected
    wholly (its correction, name, request, licences and their outbox operations) or not at
    all; only the cut after the COMMIT returned keeps the correction."""
    assert fork is not None
    Store.in_data_dir(tmp_path).close()
    prepared()
    statements = correct_one_killed(tmp_path, None)
    assert statements >= 5, statements
    dossiers, corrected = _corrections_state(tmp_path)
    assert (dossiers, corrected) == (2, 1)
    for kill_before in range(1, statements + 2):
        process = fork.Process(target=correct_one_killed, args=(tmp_path, kill_before))
        process.start()
        process.join(HANG_GUARD_S)
        assert killed_by_sigkill(process.exitcode), (kill_before, process.exitcode)
        dossiers += 1  # received and committed before the kill point was armed
        corrected += int(kill_before == statements + 1)
        state = _corrections_state(tmp_path)
        assert state == (dossiers, corrected), f"killed before statement {kill_before}"
    assert correct_one_killed(tmp_path, None) == statements
