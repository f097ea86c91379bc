"""The status changes in the store: history, the audit record in the same transaction,
the outbox, the append-only table, the day's dossiers still to forward, permissions."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app.dossier_status import (
    ALREADY_RETURNED,
    CANNOT_CHANGE,
    Collector,
    HandOver,
    HandOverRefused,
    ReturnMethod,
    Status,
    StatusRefused,
)
from app.permissions import RoleRefused
from app.status_changes import (
    StatusDossierMissing,
    current_statuses,
    forward,
    hand_over,
    history,
    result_ready,
    still_to_forward,
    withdraw,
)
from app.voids import void_dossier
from app.workdays import WorkCalendar
from db.models import OutboxOperation
from db.store import STORE_FILE, Store
from tests.accounts import IT_ADMIN, OFFICER, SUPERVISOR
from tests.db.conftest import example_request
from tests.db.workers import DAY, NOT_KILLED, _receive_one, prepared
from tests.faults import HANG_GUARD_S, StatementCounter, killed_by_sigkill

POINT = "252 Lý Chính Thắng, phường 9, quận 3"  # the receiving point of tests.db.conftest.counter
FORWARDED_AT = DAY + dt.timedelta(hours=6)
READY_AT = DAY + dt.timedelta(days=2)
RETURNED_AT = DAY + dt.timedelta(days=3)
fork = multiprocessing.get_context("fork") if sys.platform != "win32" else None


def _applicant_id() -> str:
    return example_request().applicant.identity_document.number


def _in_person() -> HandOver:
    return HandOver(ReturnMethod.IN_PERSON, Collector("Người nộp", _applicant_id()))


def _to_ready(store: Store) -> str:
    dossier_id = _receive_one(store, example_request())
    forward(store, [dossier_id], OFFICER, FORWARDED_AT)
    result_ready(store, dossier_id, OFFICER, READY_AT, "790123456789")
    return dossier_id


def test_the_history_follows_the_states_not_the_clocks(store: Store) -> None:
    """The centre's "result ready" is stamped by its clock, the hand-over by the counter's:
    a counter running a few minutes behind still shows ready before returned."""
    dossier_id = _to_ready(store)
    hand_over(store, dossier_id, _in_person(), OFFICER, READY_AT - dt.timedelta(minutes=3), POINT)
    statuses = [change.status for change in history(store, dossier_id).changes]
    assert statuses == ["forwarded", "result-ready", "returned"]
    assert current_statuses(store, [dossier_id]) == {dossier_id: Status.RETURNED}


def _records(data_dir: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        return connection.execute(
            "SELECT action, subject_json FROM audit_record ORDER BY seq"
        ).fetchall()


def test_the_whole_way_and_its_history_in_order(store: Store, tmp_path: Path) -> None:
    dossier_id = _to_ready(store)
    returned = hand_over(store, dossier_id, _in_person(), OFFICER, RETURNED_AT, POINT)
    found = history(store, dossier_id)
    assert [change.status for change in found.changes] == ["forwarded", "result-ready", "returned"]
    assert [change.changed_at for change in found.changes] == [FORWARDED_AT, READY_AT, RETURNED_AT]
    assert found.latest == returned
    assert (returned.officer, returned.actor) == (OFFICER.full_name, OFFICER.login)
    assert json.loads(returned.details_json)["method"] == "in-person"
    assert current_statuses(store, [dossier_id]) == {dossier_id: Status.RETURNED}
    # One record per change: status changes, then the hand-over; ids only.
    kinds = [kind for kind, _ in _records(tmp_path)]
    assert kinds[-3:] == ["status-change", "status-change", "hand-over"]
    subject = json.loads(_records(tmp_path)[-1][1])
    assert subject["status_change_id"] == returned.id and subject["dossier_id"] == dossier_id
    assert _applicant_id() not in _records(tmp_path)[-1][1]


def test_a_second_hand_over_is_refused_and_nothing_written(store: Store, tmp_path: Path) -> None:
    dossier_id = _to_ready(store)
    hand_over(store, dossier_id, _in_person(), OFFICER, RETURNED_AT, POINT)
    before = _records(tmp_path)
    with pytest.raises(HandOverRefused) as refused:
        hand_over(store, dossier_id, _in_person(), OFFICER, RETURNED_AT, POINT)
    assert refused.value.message == ALREADY_RETURNED
    assert "Người nộp" in refused.value.text("en")
    assert _records(tmp_path) == before
    assert len(history(store, dossier_id).changes) == 3


def test_a_refused_move_and_a_missing_dossier(store: Store) -> None:
    dossier_id = _receive_one(store, example_request())
    with pytest.raises(StatusRefused) as refused:
        result_ready(store, dossier_id, OFFICER, READY_AT)
    assert refused.value.message == CANNOT_CHANGE
    with pytest.raises(StatusDossierMissing):
        forward(store, ["000.17.22.H56-261123-9999"], OFFICER, FORWARDED_AT)
    assert list(history(store, dossier_id).changes) == []


def test_who_may_do_what(store: Store) -> None:
    dossier_id = _receive_one(store, example_request())
    for action in (
        lambda: forward(store, [dossier_id], IT_ADMIN, FORWARDED_AT),
        lambda: withdraw(store, dossier_id, IT_ADMIN, FORWARDED_AT),
        lambda: result_ready(store, dossier_id, IT_ADMIN, READY_AT),
        lambda: hand_over(store, dossier_id, _in_person(), IT_ADMIN, RETURNED_AT, POINT),
    ):
        with pytest.raises(RoleRefused):
            action()
    withdraw(store, dossier_id, SUPERVISOR, FORWARDED_AT, "Người nộp xin rút")
    assert current_statuses(store, [dossier_id]) == {dossier_id: Status.WITHDRAWN}


def test_a_voided_dossier_takes_no_change(store: Store) -> None:
    dossier_id = _receive_one(store, example_request())
    void_dossier(store, dossier_id, "Tiếp nhận trùng", SUPERVISOR, DAY + dt.timedelta(hours=1))
    with pytest.raises(StatusRefused):
        forward(store, [dossier_id], OFFICER, FORWARDED_AT)
    assert still_to_forward(store, FORWARDED_AT, WorkCalendar.default()) == []


def test_the_outbox_carries_every_change(store: Store) -> None:
    dossier_id = _to_ready(store)
    with store.reading() as session:
        operations = session.scalars(
            select(OutboxOperation).where(OutboxOperation.table_name == "dossier_status_change")
        ).all()
        assert [json.loads(op.payload)["status"] for op in operations] == [
            "forwarded",
            "result-ready",
        ]
        assert {op.stream for op in operations} == {dossier_id}


def test_the_history_only_grows(store: Store, tmp_path: Path) -> None:
    _to_ready(store)
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        for statement in (
            "UPDATE dossier_status_change SET status = 'returned'",
            "DELETE FROM dossier_status_change",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="only grows"):
                connection.execute(statement)


def test_still_to_forward_and_one_batch(store: Store) -> None:
    early = _receive_one(store, example_request())  # DAY is 09:00, Monday 23/11/2026
    calendar = WorkCalendar.default()
    waiting = still_to_forward(store, DAY + dt.timedelta(hours=1), calendar)
    assert [(item.dossier.id, item.forward_by, item.late) for item in waiting] == [
        (early, dt.datetime(2026, 11, 23, 17, 0), False)
    ]
    late = still_to_forward(store, dt.datetime(2026, 11, 25, 9, 0), calendar)
    assert [item.late for item in late] == [True]
    second = _receive_one(store, example_request())
    forward(store, [early, second], OFFICER, FORWARDED_AT)
    assert still_to_forward(store, FORWARDED_AT, calendar) == []
    # Forwarded again: the whole batch is refused.
    with pytest.raises(StatusRefused):
        forward(store, [second], OFFICER, FORWARDED_AT)


class _KillBeforeCommit(StatementCounter):
    """SIGKILL at the COMMIT after the audit record's INSERT: the change is written by then."""

    def __init__(self, store: Store) -> None:
        super().__init__(store.engine)
        self._recorded = False

    def _on_statement(self, sql: str) -> None:
        statement = sql.lstrip().upper()
        if statement.startswith("INSERT INTO AUDIT_RECORD"):
            self._recorded = True
        elif self._recorded and statement.startswith("COMMIT"):
            os.kill(os.getpid(), signal.SIGKILL)
        super()._on_statement(sql)


def _child(data_dir: Path, dossier_id: str) -> None:
    store = Store.in_data_dir(data_dir)
    _KillBeforeCommit(store)
    forward(store, [dossier_id], OFFICER, FORWARDED_AT)
    os._exit(NOT_KILLED)


def _count(data_dir: Path, table: str) -> int:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.mark.skipif(fork is None, reason="uses fork(); the counters run Linux in CI")
def test_killed_before_the_commit_leaves_neither_change_nor_record(tmp_path: Path) -> None:
    assert fork is not None
    prepared()
    store = Store.in_data_dir(tmp_path)
    dossier_id = _receive_one(store, example_request())
    store.close()
    records = _count(tmp_path, "audit_record")
    process = fork.Process(target=_child, args=(tmp_path, dossier_id))
    process.start()
    process.join(HANG_GUARD_S)
    assert killed_by_sigkill(process.exitcode), process.exitcode
    assert _count(tmp_path, "dossier_status_change") == 0
    assert _count(tmp_path, "audit_record") == records
