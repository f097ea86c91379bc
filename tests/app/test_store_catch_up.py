"""A restored or new store catches up with the real central database: the codes the counter
issued after the backup are never given again, the rows it sent come back without being
sent twice, and what it sends next is taken as the newest."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from app.appointments import reappoint_dossier
from app.catalogue.loader import load_catalogue_for
from app.reception import Timetable, receive
from app.settings import Settings, save_settings
from app.store_ops import back_up, new_store, open_store, restore_store
from app.store_record import RECORD_FILE
from app.sync_ops import sync_once, sync_status
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.dossiers import dossier_by_key
from db.records import DossierKey
from db.store import STORE_FILE
from db.store_safety import safety_of
from tests.accounts import SUPERVISOR
from tests.central.conftest import (  # noqa: F401 (fixtures)
    AGENCY,
    Central,
    central,
    counter_store,
    postgres_admin,
)
from tests.db.conftest import counter, example_request

TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
# Receipts a few minutes back from now, one a minute: always already past, never "later".
START = dt.datetime.now().replace(second=0, microsecond=0) - dt.timedelta(minutes=30)


@pytest.fixture
def data_dir(tmp_path: Path, central: Central) -> Path:  # noqa: F811
    """A counter of point q3, synced with the centre and registered as counter 1."""
    folder = tmp_path / "counter"
    folder.mkdir()
    save_settings(folder, Settings.defaults().with_value("agency_code", AGENCY))
    counter_store(folder, central.add_point("q3")).close()
    return folder


def _settings() -> Settings:
    return Settings.defaults().with_value("agency_code", AGENCY)


def _receive(data_dir: Path, minute: int) -> str:
    store = open_store(data_dir, _settings())
    try:
        at = START + dt.timedelta(minutes=minute)
        receipt = receive(
            example_request(),
            catalogue=load_catalogue_for(at.date()),
            timetable=TIMETABLE,
            counter=counter(),
            store=store,
            received_at=at,
        )
    finally:
        store.close()
    assert receipt.code is not None
    return receipt.code


def _sync(data_dir: Path) -> tuple[int, int]:
    store = open_store(data_dir, _settings())
    try:
        report = sync_once(store, _settings())
        return report.pushed.sent, report.pushed.rejected
    finally:
        store.close()


def _central_codes(central: Central) -> list[str]:  # noqa: F811
    with central.admin() as connection:
        rows = connection.execute(
            "SELECT code FROM motcua.dossier WHERE code IS NOT NULL ORDER BY code"
        ).fetchall()
    return [code for (code,) in rows]


def test_a_restored_backup_catches_up_and_resumes_numbering_without_reissuing(
    data_dir: Path,
    central: Central,  # noqa: F811
) -> None:
    issued = [_receive(data_dir, 0)]
    assert _sync(data_dir)[1] == 0
    backup = back_up(data_dir, _settings())
    issued += [_receive(data_dir, n) for n in (1, 2)]
    assert _sync(data_dir)[1] == 0
    assert _central_codes(central) == sorted(issued)

    # The store is lost, and the counter's record with it: only the centre knows.
    os.truncate(data_dir / STORE_FILE, 0)
    (data_dir / RECORD_FILE).unlink()
    restored = restore_store(data_dir, _settings(), backup)
    caught = restored.catch_up
    assert caught is not None and caught.done, caught
    assert caught.known_serials == 3
    assert caught.rows["dossier"] == 2 and caught.rows["reception_round"] == 2

    store = open_store(data_dir, _settings())
    try:
        assert not safety_of(store).reserve_held
        for code in issued[1:]:  # the dossiers received after the backup are back …
            assert dossier_by_key(store, DossierKey(code=code)) is not None
        assert sync_status(store).pending == 0  # … and not queued to be sent again
        # A dossier the lost store sent, changed here: the centre takes it as the newest.
        moved = reappoint_dossier(
            store,
            issued[2],
            extra_working_days=2,
            reason="Chờ xác minh giấy phép lái xe",
            officer=SUPERVISOR,
            decided_at=START + dt.timedelta(minutes=5),
            timetable=TIMETABLE,
        )
    finally:
        store.close()

    code = _receive(data_dir, 3)
    assert code not in issued
    sent, rejected = _sync(data_dir)
    assert rejected == 0 and sent >= 2
    assert _central_codes(central) == sorted([*issued, code])
    with central.admin() as connection:
        row = connection.execute(
            "SELECT due_at FROM motcua.dossier WHERE code = %s", [issued[2]]
        ).fetchone()
    assert row is not None and row[0] == moved.due.due_at


def test_a_new_store_learns_the_codes_the_centre_holds(
    data_dir: Path,
    central: Central,  # noqa: F811
) -> None:
    issued = [_receive(data_dir, n) for n in range(2)]
    assert _sync(data_dir)[1] == 0
    (data_dir / RECORD_FILE).unlink()  # nothing but the centre to learn from
    started = new_store(data_dir, _settings())
    caught = started.catch_up
    assert caught is not None and caught.done, caught
    assert caught.known_serials == len(issued)
    assert caught.rows == dict.fromkeys(caught.rows, 0)  # another identity: no rows
    store = open_store(data_dir, _settings())
    try:
        safety = safety_of(store)
        assert not safety.reserve_held and safety.known_serials == len(issued)
    finally:
        store.close()


def test_a_store_that_cannot_reach_the_centre_holds_its_reserve_and_catches_up_later(
    data_dir: Path,
    central: Central,  # noqa: F811
) -> None:
    _receive(data_dir, 0)
    assert _sync(data_dir)[1] == 0
    backup = back_up(data_dir, _settings())
    later = _receive(data_dir, 1)
    assert _sync(data_dir)[1] == 0
    (data_dir / RECORD_FILE).unlink()
    os.truncate(data_dir / STORE_FILE, 0)
    with central.admin() as connection:  # the centre is out of reach for this point
        connection.execute(f'ALTER ROLE "{central.role("q3")}" NOLOGIN')
    restored = restore_store(data_dir, _settings(), backup)
    assert restored.catch_up is not None and not restored.catch_up.done
    assert restored.catch_up.problem
    store = open_store(data_dir, _settings())
    try:
        assert safety_of(store).reserve_held
    finally:
        store.close()
    with central.admin() as connection:
        connection.execute(f'ALTER ROLE "{central.role("q3")}" LOGIN')
    store = open_store(data_dir, _settings())  # the next opening catches up
    try:
        assert not safety_of(store).reserve_held
        assert dossier_by_key(store, DossierKey(code=later)) is not None
    finally:
        store.close()
