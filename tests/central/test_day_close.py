"""Closing a counter's day against the real centre (c0007): it fails, naming why, while an
operation of the day has not reached the centre, while the day's codes have a gap, or while
the centre's count and digest of the day differ from the counter's; it succeeds otherwise,
and the centre keeps the close insert-only. A code the centre refused is a gap explained:
the day closes over the dossiers as the centre holds them, and says which it refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from psycopg import sql
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from app.appointments import reappoint_dossier
from app.catalogue.loader import load_catalogue_for
from app.day_close import CENTRE_DIFFERS, CODE_GAP, NOT_AT_CENTRE, DayNotClosable, close_day
from app.dossier.request import DossierRequest
from app.failures import CentralFailure
from app.i18n import choose_language
from app.reception import Receipt, Timetable, receive
from app.settings import Settings
from app.sync_ops import retry_rejected, sync_status
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
from tests.accounts import SUPERVISOR, add_officers, sign_in_args
from tests.app.cli.running import run_motcua
from tests.central.conftest import AGENCY, Central, counter_store
from tests.central.forge import as_point, insert_dossier
from tests.db.conftest import counter, example_request
from tests.db.workers import incomplete_request

DAY = dt.date(2026, 11, 23)
MORNING = dt.datetime(2026, 11, 23, 9, 0)
EVENING = dt.datetime(2026, 11, 23, 17, 30)
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
# Why the centre refuses a code another dossier of the point holds there (db.sync.errors).
CODE_TAKEN = "another dossier of this point at the centre has this dossier code"


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
        receipt = _round(store, example_request(), MORNING + dt.timedelta(minutes=10 * n))
        assert receipt.code is not None
        codes.append(receipt.code)
    return codes


def _round(
    store: Store, request: DossierRequest, at: dt.datetime, supplements: str | None = None
) -> Receipt:
    """A round received at counter 1 at ``at`` (a new dossier, or the one ``supplements``
    names back with its papers), with its paper printed: BM 01, or BM 02 asking for more."""
    receipt = receive(
        request,
        catalogue=load_catalogue_for(DAY),
        timetable=TIMETABLE,
        counter=counter(1, 500),
        store=store,
        received_at=at,
        supplements=supplements,
    )
    stored = dossier_by_key(store, DossierKey(id=receipt.dossier_id))
    assert stored is not None
    paper = "bm01" if stored.status == "accepted" else "bm02"
    with slip_book(store, writing=True) as book:
        record = SlipRecord(receipt.dossier_id, stored.rounds[-1].id, paper, at, 1, "Hoa")
        book.record(record, Actor("hoa.nt"))
    return receipt


def _sync(store: Store) -> None:
    assert sync_round(store).pushed.rejected == 0


def _taken_at_the_centre(central: Central, code: str) -> None:
    """Another dossier of the point at the centre has ``code`` already (written with the
    point's own login, bypassing the program: tests/central/forge.py; it has no round, so it
    is no dossier of the day there), so the centre refuses the counter's write that gives
    the code, as it refuses a copied store's."""
    with as_point(central, "q3") as connection:
        insert_dossier(connection, AGENCY, DAY, int(code[-4:]), code=code)


def _refused_writes(store: Store) -> list[tuple[str, str]]:
    """The table and reason of each operation the centre refused, as the status shows them."""
    return [(refused.table_name, refused.reason) for refused in sync_status(store).rejected]


def _digest(*lines: str) -> str:
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()


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


def test_a_dossier_whose_code_the_centre_refused_is_an_explained_gap_and_the_day_closes(
    central: Central, store: Store, settings: Settings
) -> None:
    codes = _receive(store, 3)
    _taken_at_the_centre(central, codes[1])
    assert sync_round(store).pushed.rejected == 1
    [(table, reason)] = _refused_writes(store)
    assert table == "dossier" and CODE_TAKEN in reason
    # The refusal stands for good: sent again, it is refused again.
    assert retry_rejected(store) == 1
    assert sync_round(store).pushed.rejected == 1
    # The day closes all the same, over the two dossiers the centre holds, and says which
    # code it refused.
    done = close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert done.refused_by_centre == (codes[1],)
    assert done.explained_gaps == ((codes[1], "refused-by-centre"),)
    ids = {code: _id_of(store, code) for code in codes}
    digest = _digest(*(f"{code}\t{ids[code]}\taccepted" for code in (codes[0], codes[2])))
    assert (done.closed.dossier_count, done.closed.digest) == (2, digest)
    assert _closes_at_the_centre(central) == [(DAY, 1, 2, digest, "hoa")]
    # The counter keeps the refused dossier in its book; it is no longer the day's to change.
    assert dossier_by_key(store, DossierKey(code=codes[1])) is not None
    assert closed_day(store, DAY, 1) == done.closed


def test_a_code_the_centre_refused_when_the_applicant_came_back_is_explained_too(
    central: Central, store: Store, settings: Settings
) -> None:
    """The dossier reached the centre waiting for papers; the return that numbered it did not:
    the centre holds it as it was, and the day closes over that."""
    waiting = _round(store, incomplete_request(), MORNING)
    assert waiting.code is None
    _sync(store)
    back = _round(store, example_request(), EVENING - dt.timedelta(hours=1), waiting.dossier_id)
    assert back.code is not None
    _taken_at_the_centre(central, back.code)
    assert sync_round(store).pushed.rejected == 1
    [(table, reason)] = _refused_writes(store)
    assert table == "dossier" and CODE_TAKEN in reason
    done = close_day(store, DAY, settings, SUPERVISOR, EVENING)
    assert done.refused_by_centre == (back.code,)
    assert done.explained_gaps == ((back.code, "refused-by-centre"),)
    digest = _digest(f"\t{waiting.dossier_id}\tawaiting-supplement")
    assert (done.closed.dossier_count, done.closed.digest) == (1, digest)
    assert _closes_at_the_centre(central) == [(DAY, 1, 1, digest, "hoa")]


def test_a_refused_change_that_left_the_code_alone_keeps_the_day_open_and_says_so(
    central: Central, store: Store, settings: Settings
) -> None:
    [code] = _receive(store, 1)
    _sync(store)
    # The centre refuses the dossier's next change for a rule of its own (here one its
    # administrator added: the due date may not move), not for its code.
    with central.admin() as connection:
        connection.execute(
            sql.SQL(
                "ALTER TABLE motcua.dossier ADD CONSTRAINT due_date_kept "
                "CHECK (due_at <= {}) NOT VALID"
            ).format(sql.Literal(_due_at_the_centre(central, code)))
        )
    reappoint_dossier(
        store,
        code,
        extra_working_days=2,
        reason="Chờ xác minh",
        officer=SUPERVISOR,
        decided_at=EVENING - dt.timedelta(hours=1),
        timetable=TIMETABLE,
    )
    assert sync_round(store).pushed.rejected == 1
    with pytest.raises(DayNotClosable) as refused:
        close_day(store, DAY, settings, SUPERVISOR, EVENING)
    # Its code and status are the centre's: the counts agree, the change is what is missing.
    assert refused.value.kinds == [NOT_AT_CENTRE]
    message = refused.value.text("en")
    assert f"{code} (refused by the centre)" in message
    assert "explain" not in message and closed_day(store, DAY, 1) is None
    assert _closes_at_the_centre(central) == []


def test_the_command_lists_the_codes_the_centre_refused(central: Central, tmp_path: Path) -> None:
    folder = tmp_path / "counter1"
    for name, value in (("agency_code", AGENCY), ("counter_number", "1")):
        assert run_motcua(["settings", "set", name, value, "--data-dir", str(folder)]).code == 0
    store = counter_store(folder, central.add_point("q3"), 1)
    add_officers(store, SUPERVISOR)
    codes = _receive(store, 2)
    _taken_at_the_centre(central, codes[0])
    assert sync_round(store).pushed.rejected == 1
    store.close()
    closing = ["day", "close", "--date", "2026-11-23", *sign_in_args(tmp_path, SUPERVISOR)]
    closed = run_motcua([*closing, "--data-dir", str(folder)])
    assert closed.code == 0, closed.err
    shown = json.loads(closed.out)
    assert shown["refused_by_centre"] == [codes[0]]
    assert shown["explained_gaps"] == [{"code": codes[0], "explained_by": "refused-by-centre"}]
    assert (shown["dossier_count"], shown["already"]) == (1, False)
    assert shown["central_id"] is not None


def _id_of(store: Store, code: str) -> str:
    stored = dossier_by_key(store, DossierKey(code=code))
    assert stored is not None
    return stored.id


def _due_at_the_centre(central: Central, code: str) -> dt.datetime:
    with central.admin() as connection:
        row = connection.execute(
            "SELECT due_at FROM motcua.dossier WHERE code = %s", [code]
        ).fetchone()
    assert row is not None
    due: dt.datetime = row[0]
    return due
