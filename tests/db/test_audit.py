"""Each action leaves exactly one audit record, written in the action's own transaction:
a process killed after the action's rows but before the COMMIT leaves neither."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app.appointments import reappoint_dossier
from app.corrections import correct_dossier
from app.papers.slips import print_slip
from app.settings import Settings
from app.voids import void_dossier
from db.audit import AuditAction, chains
from db.store import STORE_FILE, Store
from tests.accounts import SUPERVISOR
from tests.db.conftest import AGENCY, RECEIVING_OFFICER, example_request
from tests.db.workers import (
    DAY,
    NOT_KILLED,
    _receive_one,
    corrected_request,
    incomplete_request,
    prepared,
)
from tests.faults import HANG_GUARD_S, StatementCounter, killed_by_sigkill

AUDIT_INSERT = "INSERT INTO AUDIT_RECORD"
SETTINGS = (
    Settings.defaults()
    .with_value("agency_code", AGENCY)
    .with_value("receiving_point", "252 Lý Chính Thắng, phường 9, quận 3")
    .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
    .with_value("place_name", "Thành phố Hồ Chí Minh")
)
fork = multiprocessing.get_context("fork") if sys.platform != "win32" else None


def _records(data_dir: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        return connection.execute(
            "SELECT action, subject_json FROM audit_record ORDER BY seq"
        ).fetchall()


def _count(data_dir: Path, table: str) -> int:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        found = connection.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(found[0])


def _correct(store: Store, dossier_id: str) -> None:
    catalogue, _ = prepared()
    correct_dossier(
        store, catalogue, dossier_id, corrected_request(), "Gõ sai tên", SUPERVISOR, DAY
    )


def _reappoint(store: Store, dossier_id: str) -> None:
    _, timetable = prepared()
    reappoint_dossier(
        store,
        dossier_id,
        extra_working_days=3,
        reason="Chờ xác minh giấy phép",
        officer=SUPERVISOR,
        decided_at=DAY + dt.timedelta(hours=2),
        timetable=timetable,
    )


def _print(store: Store, dossier_id: str) -> None:
    out = store.path.parent / "bm01.pdf"
    print_slip(store, dossier_id, "bm01", SUPERVISOR, out, settings=SETTINGS, printed_at=DAY)


def _void(store: Store, dossier_id: str) -> None:
    void_dossier(store, dossier_id, "Tiếp nhận trùng", SUPERVISOR, DAY + dt.timedelta(hours=3))


def _new_round(store: Store, dossier_id: str) -> None:
    _receive_one(store, example_request(), dossier_id)


def _received_incomplete(store: Store) -> str:
    return _receive_one(store, incomplete_request())


def _received(store: Store) -> str:
    return _receive_one(store, example_request())


# action, the table its own row goes to, how the dossier is first made, the action itself
ACTIONS: dict[
    str, tuple[AuditAction, str, Callable[[Store], str], Callable[[Store, str], None]]
] = {
    "receive": (AuditAction.RECEIVE, "dossier", lambda store: "", lambda s, _: None),
    "new-round": (AuditAction.NEW_ROUND, "reception_round", _received_incomplete, _new_round),
    "correction": (AuditAction.CORRECTION, "dossier_correction", _received, _correct),
    "print": (AuditAction.PRINT, "slip", _received, _print),
    "reappointment": (AuditAction.REAPPOINTMENT, "reappointment", _received, _reappoint),
    "void": (AuditAction.VOID, "dossier_void", _received, _void),
}


def _act(name: str, store: Store, dossier_id: str) -> None:
    if name == "receive":
        _received(store)
    else:
        ACTIONS[name][3](store, dossier_id)


@pytest.mark.parametrize("name", list(ACTIONS))
def test_an_action_leaves_exactly_one_record_with_ids_only(name: str, tmp_path: Path) -> None:
    action, _table, prepare, _ = ACTIONS[name]
    store = Store.in_data_dir(tmp_path)
    dossier_id = prepare(store)
    before = _records(tmp_path)
    _act(name, store, dossier_id)
    store.close()
    after = _records(tmp_path)
    assert len(after) == len(before) + 1
    kind, subject = after[-1]
    assert kind == action
    assert dossier_id in subject or name == "receive"
    request = example_request()
    for personal in (request.applicant.full_name, request.applicant.identity_document.number):
        assert personal not in subject


def test_a_reprint_is_recorded_as_one(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    dossier_id = _received(store)
    _print(store, dossier_id)
    _print(store, dossier_id)
    store.close()
    assert [kind for kind, _ in _records(tmp_path)] == ["receive", "print", "reprint"]


def test_the_records_name_the_counter_and_chain_on(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    dossier_id = _received(store)
    _correct(store, dossier_id)
    (rows,) = chains(store).values()
    store.close()
    assert [row.seq for row in rows] == [1, 2]
    assert rows[1].prev_hash == rows[0].hash
    assert (rows[0].agency, rows[0].counter_number) == (AGENCY, 1)
    # The actor is the officer's login, never the name.
    assert (rows[0].actor, rows[1].actor) == (RECEIVING_OFFICER.login, SUPERVISOR.login)


def test_the_store_refuses_to_change_a_record(tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    _received(store)
    store.close()
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        for statement in ("UPDATE audit_record SET actor = 'x'", "DELETE FROM audit_record"):
            with pytest.raises(sqlite3.IntegrityError, match="only grows"):
                connection.execute(statement)


class _KillAt(StatementCounter):
    """SIGKILL just before the audit record's INSERT, or just before the COMMIT that
    follows it: the action's own rows are written by then, nothing is committed."""

    def __init__(self, store: Store, point: str) -> None:
        super().__init__(store.engine)
        self._point = point
        self._recorded = False

    def _on_statement(self, sql: str) -> None:
        statement = sql.lstrip().upper()
        if statement.startswith(AUDIT_INSERT):
            if self._point == AUDIT_INSERT:
                os.kill(os.getpid(), signal.SIGKILL)
            self._recorded = True
        elif self._recorded and statement.startswith("COMMIT"):
            os.kill(os.getpid(), signal.SIGKILL)
        super()._on_statement(sql)


def _child(data_dir: Path, name: str, dossier_id: str, prefix: str) -> None:
    store = Store.in_data_dir(data_dir)
    _KillAt(store, prefix)
    _act(name, store, dossier_id)
    os._exit(NOT_KILLED)


@pytest.mark.skipif(fork is None, reason="uses fork(); the counters run Linux in CI")
@pytest.mark.parametrize("name", list(ACTIONS))
@pytest.mark.parametrize("prefix", [AUDIT_INSERT, "COMMIT"])
def test_killed_before_the_commit_leaves_neither_action_nor_record(
    name: str, prefix: str, tmp_path: Path
) -> None:
    assert fork is not None
    _, table, prepare, _ = ACTIONS[name]
    prepared()
    store = Store.in_data_dir(tmp_path)
    dossier_id = prepare(store)
    store.close()
    rows, records = _count(tmp_path, table), _count(tmp_path, "audit_record")
    process = fork.Process(target=_child, args=(tmp_path, name, dossier_id, prefix))
    process.start()
    process.join(HANG_GUARD_S)
    assert killed_by_sigkill(process.exitcode), process.exitcode
    assert (_count(tmp_path, table), _count(tmp_path, "audit_record")) == (rows, records)
    # Done again in full, both are there.
    store = Store.in_data_dir(tmp_path)
    _act(name, store, dossier_id)
    store.close()
    assert _count(tmp_path, table) > rows
    assert _count(tmp_path, "audit_record") == records + 1
