"""Closing a counter's day against the real centre (c0007): it fails, naming why, while an
operation of the day has not reached the centre, while the day's codes have a gap, or while
the centre's count and digest of the day differ from the counter's; it succeeds otherwise,
and the centre keeps the close insert-only."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from app.catalogue.loader import load_catalogue_for
from app.day_close import CENTRE_DIFFERS, CODE_GAP, NOT_AT_CENTRE, DayNotClosable, close_day
from app.failures import CentralFailure
from app.i18n import choose_language
from app.reception import Timetable, receive
from app.settings import Settings
from app.voids import void_dossier
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.central.roles import Roles
from db.central.schema import _config
from db.central.urls import sqlalchemy_url
from db.day_close import closed_day
from db.dossiers import dossier_by_key
from db.models import KnownSerial
from db.papers import slip_book
from db.records import Actor, DossierKey, SlipRecord
from db.store import Store
from db.sync.round import sync_round
from db.sync.serials import registered_reserve
from tests.accounts import SUPERVISOR
from tests.central.conftest import AGENCY, Central, counter_store
from tests.db.conftest import counter, example_request

DAY = dt.date(2026, 11, 23)
MORNING = dt.datetime(2026, 11, 23, 9, 0)
EVENING = dt.datetime(2026, 11, 23, 17, 30)
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    choose_language("en")
    yield
    choose_language("vi")


@pytest.fixture
def settings() -> Settings:
    chosen = Settings.defaults()
    values: dict[str, str | int] = {"agency_code": AGENCY, "counter_number": 1}
    for name, value in values.items():
        chosen = chosen.with_value(name, value)
    return chosen


@pytest.fixture
def store(central: Central, tmp_path: Path) -> Iterator[Store]:
    opened = counter_store(tmp_path / "counter1", central.add_point("q3"), 1)
    yield opened
    opened.close()


def _receive(store: Store, count: int) -> list[str]:
    """``count`` dossiers accepted at counter 1 on ``DAY``, each with its BM 01 printed."""
    codes = []
    for n in range(count):
        at = MORNING + dt.timedelta(minutes=10 * n)
        receipt = receive(
            example_request(),
            catalogue=load_catalogue_for(DAY),
            timetable=TIMETABLE,
            counter=counter(1, 500),
            store=store,
            received_at=at,
        )
        stored = dossier_by_key(store, DossierKey(id=receipt.dossier_id))
        assert stored is not None and receipt.code is not None
        with slip_book(store, writing=True) as book:
            record = SlipRecord(receipt.dossier_id, stored.rounds[-1].id, "bm01", at, 1, "Hoa")
            book.record(record, Actor("hoa.nt"))
        codes.append(receipt.code)
    return codes


def _sync(store: Store) -> None:
    assert sync_round(store).pushed.rejected == 0


def _closes_at_the_centre(central: Central) -> list[tuple[object, ...]]:
    with central.admin() as connection:
        return connection.execute(
            "SELECT day, counter_number, dossier_count, digest, actor FROM motcua.day_close"
        ).fetchall()


def test_an_operation_not_yet_at_the_centre_keeps_the_day_open_until_it_arrives(
    central: Central, store: Store, settings: Settings
) -> None:
    codes = _receive(store, 3)
    with pytest.raises(DayNotClosable) as refused:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    # Not at the centre, hence the centre's count differs too (it holds none of them).
    assert refused.value.kinds == [NOT_AT_CENTRE, CENTRE_DIFFERS]
    message = refused.value.text("en")
    assert "operation(s) of the day's dossiers have not reached the centre: " in message
    assert f"{codes[0]} (waiting to be sent)" in message
    assert "the centre holds 0 dossier(s) of the day and the counter 3" in message
    assert _closes_at_the_centre(central) == []
    void_dossier(store, codes[2], "Tiếp nhận trùng", SUPERVISOR, MORNING + dt.timedelta(hours=1))
    _sync(store)
    done = close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert done.closed.dossier_count == 3 and done.closed.central_id is not None
    assert done.explained_gaps == ((codes[2], "voided"),)
    with store.engine.connect() as connection:
        rows = connection.execute(text("SELECT code, id FROM dossier"))
        ids: dict[str, str] = {row.code: row.id for row in rows}
    statuses = ["accepted", "accepted", "voided"]
    lines = sorted(
        f"{code}\t{ids[code]}\t{status}" for code, status in zip(codes, statuses, strict=True)
    )
    digest = hashlib.sha256("\n".join(lines).encode()).hexdigest()
    assert done.closed.digest == digest
    assert _closes_at_the_centre(central) == [(DAY, 1, 3, digest, "hoa")]
    # Insert-only at the centre: not even its administrator changes a close.
    with central.admin() as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("UPDATE motcua.day_close SET dossier_count = 2")
    # The point itself has no grant on the table: only the two functions.
    with (
        psycopg.connect(central.point_url(central.role("q3"))) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT * FROM motcua.day_close")


def test_a_gap_in_the_days_codes_keeps_the_day_open(
    central: Central, store: Store, settings: Settings
) -> None:
    # The counter's record says the reserve's first serial was given (a store put back
    # from a backup), but no dossier with it is in the store, nor at the centre.
    with store.transaction() as session:
        reserve = registered_reserve(session)
        assert reserve is not None
        session.add(KnownSerial(agency=AGENCY, day=DAY, serial=reserve.first, source="record"))
    codes = _receive(store, 2)
    assert [int(code[-4:]) for code in codes] == [reserve.first + 1, reserve.first + 2]
    _sync(store)
    with pytest.raises(DayNotClosable) as refused:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert refused.value.kinds == [CODE_GAP]
    assert refused.value.text("en") == (
        "day 23/11/2026: the working day cannot be closed: dossier codes missing with no void "
        f"or refusal by the centre to explain them: {AGENCY}-261123-{reserve.first:04d}"
    )
    assert _closes_at_the_centre(central) == []


def test_a_centre_count_that_differs_keeps_the_day_open(
    central: Central, store: Store, settings: Settings
) -> None:
    codes = _receive(store, 2)
    _sync(store)
    # The centre lost the second dossier's round (an administrator's slip, a bad restore).
    with central.admin() as connection:
        connection.execute("SET session_replication_role = replica")
        connection.execute(
            "DELETE FROM motcua.reception_round WHERE dossier_id = "
            "(SELECT id FROM motcua.dossier WHERE code = %s)",
            [codes[1]],
        )
    with pytest.raises(DayNotClosable) as refused:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert refused.value.kinds == [CENTRE_DIFFERS]
    assert refused.value.text("en") == (
        "day 23/11/2026: the working day cannot be closed: the centre holds 1 dossier(s) of "
        "the day and the counter 2, or their codes or statuses differ (the digests differ)"
    )
    assert _closes_at_the_centre(central) == []


def test_a_centre_not_yet_upgraded_is_told_apart(
    central: Central, store: Store, settings: Settings
) -> None:
    _receive(store, 1)
    _sync(store)
    engine = create_engine(sqlalchemy_url(central.admin_url), poolclass=NullPool)
    with engine.begin() as connection:
        config = _config(Roles(central.prefix))
        config.attributes["connection"] = connection
        command.downgrade(config, "c0006")  # the counter still pushes to it
    engine.dispose()
    with pytest.raises(CentralFailure) as failed:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert str(failed.value) == (
        "the centre could not be asked: the central database has schema 6; this program "
        "needs 7 or newer: IT staff run motcua central init"
    )
    assert closed_day(store, DAY, 1) is None


def test_only_the_pc_registered_as_the_counter_closes_its_day_at_the_centre(
    central: Central, store: Store, settings: Settings, tmp_path: Path
) -> None:
    # Another PC of the point, registered as counter 2, set up by mistake as counter 1.
    other = counter_store(tmp_path / "counter2", central.point_url(central.role("q3")), 2)
    try:
        with pytest.raises(CentralFailure) as failed:
            close_day(other, DAY, settings, SUPERVISOR, EVENING)
        assert "only the PC registered as counter 1 of this point closes its day" in str(
            failed.value
        )
        assert closed_day(other, DAY, 1) is None
    finally:
        other.close()
    assert _closes_at_the_centre(central) == []
    assert close_day(store, DAY, settings, SUPERVISOR, EVENING).closed.dossier_count == 0
