"""What counters write all day, for the sync tests: dossiers, rounds, re-appointments, slips."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import replace
from pathlib import Path

from app.appointments import reappoint_dossier
from app.reception import receive
from db.ids import new_id
from db.models import Slip
from db.store import STORE_FILE, Store
from db.sync.connection import connect
from db.sync.leases import server_today
from tests.accounts import SUPERVISOR
from tests.db.conftest import AGENCY, counter, example_request
from tests.db.workers import DAY, prepared


def counter_day(data_dir: Path, counter_number: int, dossiers: int, block_size: int = 500) -> None:
    """``dossiers`` dossiers of one counter, every kind of change among them.

    Every tenth arrives incomplete and is completed in a second round (the dossier
    row is updated); every seventh is re-appointed (updated again, plus a
    re-appointment); each gets a BM 01 slip.
    """
    catalogue, timetable = prepared()
    data_dir.mkdir(parents=True, exist_ok=True)
    store = Store.in_data_dir(data_dir)
    me = counter(counter_number, block_size)
    complete = example_request()
    incomplete = complete.model_copy(
        update={"presented": {k: v for k, v in complete.presented.items() if k != "don-de-nghi"}}
    )
    for n in range(dossiers):
        at = DAY + dt.timedelta(seconds=n)
        supplements = None
        if n % 10 == 0:
            first = receive(
                incomplete,
                catalogue=catalogue,
                timetable=timetable,
                counter=me,
                store=store,
                received_at=at,
            )
            supplements = first.dossier_id
        receipt = receive(
            complete,
            catalogue=catalogue,
            timetable=timetable,
            counter=me,
            store=store,
            received_at=at,
            supplements=supplements,
        )
        assert receipt.code is not None
        if n % 7 == 3:
            reappoint_dossier(
                store,
                receipt.code,
                extra_working_days=2,
                reason="Chờ xác minh",
                officer=SUPERVISOR,
                decided_at=at + dt.timedelta(days=1),
                timetable=timetable,
            )
        with store.transaction() as session:
            session.add(
                Slip(
                    dossier_id=receipt.dossier_id,
                    kind="BM01",
                    printed_at=at,
                    print_number=1,
                    officer=SUPERVISOR.full_name,
                )
            )
    store.close()


def server_day(url: str) -> dt.date:
    with connect(url) as connection:
        return server_today(connection)


def receive_on(
    data_dir: Path, day: dt.date, counter_number: int, count: int, agency: str = AGENCY
) -> list[str]:
    """``count`` complete dossiers received at one counter on ``day`` (from its midnight, a
    second apart: a receipt is never later than now); their codes."""
    catalogue, timetable = prepared()
    me = replace(counter(counter_number), agency_code=agency)
    store = Store.in_data_dir(data_dir)
    codes = []
    try:
        for n in range(count):
            receipt = receive(
                example_request(),
                catalogue=catalogue,
                timetable=timetable,
                counter=me,
                store=store,
                received_at=dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=n),
            )
            assert receipt.code is not None
            codes.append(receipt.code)
    finally:
        store.close()
    return codes


def copy_counter(template: Path, data_dir: Path, *, own_device: bool = True) -> None:
    """A copy of a filled counter, as another PC: with a device id of its own, its audit
    trail still names the template's device, so the centre refuses that trail from it.
    ``own_device=False`` keeps the template's id: for a copy that is the only one to meet
    its centre (a test with a central database of its own)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (
        sqlite3.connect(template / STORE_FILE) as origin,
        sqlite3.connect(data_dir / STORE_FILE) as copy,
    ):
        origin.backup(copy)
        if own_device:
            copy.execute("UPDATE sync_state SET device_id = ?", [new_id()])
    origin.close()
    copy.close()
