"""The card lifecycle at the centre (issue 16): batches and card states reach it, insert-only;
each counter's signing key is registered once, by the PC registered as that counter only;
a point sees its own batches and keys only; a centre older than schema 8 is told apart."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

import psycopg
import pytest
from alembic import command
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from app.card.states import (
    ExportedBatch,
    answer,
    chain_link,
    current_states,
    may_enter_a_batch,
    record_answer_file,
    record_export,
)
from db.audit import Station, identify_station
from db.central.points import release_counter
from db.central.roles import Roles
from db.central.schema import SCHEMA_VERSION, _config, init_central
from db.central.urls import sqlalchemy_url
from db.store import Store
from db.sync.round import CounterIdentity, sync_round
from db.sync.state import sync_state
from printing.card_batch import new_signing_key, public_key_hex
from tests.accounts import OFFICER
from tests.central.compare import assert_central_matches
from tests.central.conftest import AGENCY, Central, counter_store, point_at, pull_past
from tests.central.forge import as_point
from tests.central.workload import copy_counter, counter_day
from tests.db.workers import DAY

EXPORTED_AT = DAY + dt.timedelta(days=1)
COUNTER_1 = CounterIdentity(AGENCY, 1, 500)


def _counter(data_dir: Path, central: Central, point: str, number: int = 1) -> Store:
    """Counter ``number`` of a new point with two dossiers received, registered."""
    counter_day(data_dir, number, 2)
    store = counter_store(data_dir, central.add_point(point), number)
    identify_station(store, Station(AGENCY, point, number))
    return store


def _dossier_ids(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT id FROM dossier ORDER BY code").fetchall()
    return [str(row[0]) for row in rows]


def _codes(store: Store) -> list[str]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT code FROM dossier ORDER BY code").fetchall()
    return [str(row[0]) for row in rows]


def _export(
    store: Store, point: str, public_key: str, signature: str = "5a" * 64, number: int = 1
) -> str:
    """A batch of the store's dossiers, recorded as the exporter does; its id."""
    link = chain_link(store, EXPORTED_AT.date())
    batch = ExportedBatch(
        batch_name=f"GPLX_{point}_{EXPORTED_AT:%Y%m%d}_{link.sequence:03d}",
        agency=AGENCY,
        point=point,
        counter_number=number,
        day=EXPORTED_AT.date(),
        sequence=link.sequence,
        signature=signature,
        previous_signature=link.previous_signature,
        public_key=public_key,
    )
    return record_export(store, OFFICER, batch, _dossier_ids(store), EXPORTED_AT).id


def _new_key() -> str:
    return public_key_hex(new_signing_key().public_key())


def _device(store: Store) -> str:
    with store.reading() as session:
        return sync_state(session).device_id


def test_batches_and_states_reach_the_centre_and_the_key_is_registered_once(
    central: Central, tmp_path: Path
) -> None:
    store = _counter(tmp_path, central, "q3")
    key = _new_key()
    batch_id = _export(store, "q3", key)
    codes = _codes(store)
    record_answer_file(
        store,
        OFFICER,
        batch_id,
        [answer(codes[0], "acknowledged"), answer(codes[1], "rejected", "Ảnh mờ")],
        EXPORTED_AT,
    )
    first = sync_round(store, counter=COUNTER_1)
    assert (first.pushed.rejected, first.card_key_problem) == (0, None)
    assert first.card_keys_registered == (key,)
    # Sent once: the next round does not send it again.
    assert sync_round(store, counter=COUNTER_1).card_keys_registered == ()
    device = _device(store)
    store.close()
    assert_central_matches(central, [tmp_path])
    with central.admin() as connection:
        keys = connection.execute(
            "SELECT counter_number, device_id::text, public_key, released_at FROM motcua.card_key"
        ).fetchall()
        states = connection.execute(
            "SELECT d.code, s.state, s.reason FROM motcua.card_state_change s "
            "JOIN motcua.dossier d ON d.id = s.dossier_id ORDER BY d.code, s.state"
        ).fetchall()
    assert keys == [(1, device, key, None)]
    assert states == [
        (codes[0], "acknowledged", None),
        (codes[0], "exported", None),
        (codes[1], "exported", None),
        (codes[1], "rejected", "Ảnh mờ"),
    ]


def test_only_the_counters_pc_registers_its_key_and_never_replaces_it(
    central: Central, tmp_path: Path
) -> None:
    store = _counter(tmp_path / "c1", central, "q3")
    key = _new_key()
    _export(store, "q3", key)
    assert sync_round(store, counter=COUNTER_1).card_keys_registered == (key,)
    # Another PC of the point, registered as counter 2, asks for counter 1's key.
    other = counter_store(tmp_path / "c2", central.point_url(central.role("q3")), 2)
    with as_point(central, "q3") as connection, pytest.raises(psycopg.Error) as refused:
        connection.execute(
            "SELECT * FROM motcua.register_card_key(1, %s, %s)", [_device(other), _new_key()]
        )
    assert refused.value.diag.constraint_name == "card_key_own_counter"
    other.close()
    # The counter's own PC with another key (its data folder's key lost): refused, kept.
    with as_point(central, "q3") as connection, pytest.raises(psycopg.Error) as replaced:
        connection.execute(
            "SELECT * FROM motcua.register_card_key(1, %s, %s)", [_device(store), _new_key()]
        )
    assert replaced.value.diag.constraint_name == "card_key_registered"
    # IT staff release the counter: the key stays, released; the next PC registers its own.
    store.close()
    release_counter(central.admin_url, "q3", 1)
    replacement = counter_store(tmp_path / "new", central.point_url(central.role("q3")), 1)
    identify_station(replacement, Station(AGENCY, "q3", 1))
    counter_day(tmp_path / "new", 1, 1)
    new_key = _new_key()
    _export(replacement, "q3", new_key, signature="6b" * 64)
    report = sync_round(replacement, counter=COUNTER_1)
    replacement.close()
    assert report.card_keys_registered == (new_key,) and report.card_key_problem is None
    with central.admin() as connection:
        keys = connection.execute(
            "SELECT public_key, released_at IS NOT NULL FROM motcua.card_key ORDER BY registered_at"
        ).fetchall()
    assert keys == [(key, True), (new_key, False)]


def test_a_point_sees_only_its_own_batches_and_keys(central: Central, tmp_path: Path) -> None:
    # Two points of one agency: their counters number from reserves of their own.
    for number, point in ((1, "q3"), (2, "q5")):
        store = _counter(tmp_path / point, central, point, number)
        _export(store, point, _new_key(), number=number)
        report = sync_round(store, counter=CounterIdentity(AGENCY, number, 500))
        assert report.pushed.rejected == 0 and len(report.card_keys_registered) == 1
        store.close()
    with as_point(central, "q5") as connection:
        assert connection.execute("SELECT point FROM motcua.card_batch").fetchall() == [("q5",)]
        assert connection.execute("SELECT count(*) FROM motcua.card_key").fetchone() == (1,)
        assert connection.execute("SELECT count(*) FROM motcua.card_state_change").fetchone() == (
            2,
        )
    with central.admin() as connection:
        row = connection.execute("SELECT id FROM motcua.card_batch WHERE point = 'q3'").fetchone()
        assert row is not None
        q3_batch = row[0]
    # A state change naming q3's batch, sent by q5, reveals nothing and is refused.
    with (
        as_point(central, "q5") as connection,
        pytest.raises(psycopg.Error) as refused,
        connection.transaction(),
    ):
        dossier = connection.execute("SELECT id FROM motcua.dossier LIMIT 1").fetchone()
        assert dossier is not None
        row_id = str(uuid.uuid4())
        connection.execute(
            "INSERT INTO motcua.applied_operation (op_id, table_name, row_id, origin_seq) "
            "VALUES (%s, 'card_state_change', %s, 999999)",
            [str(uuid.uuid4()), row_id],
        )
        device = uuid.uuid4()
        connection.execute(
            "INSERT INTO motcua.card_state_change (id, dossier_id, state, batch_id, "
            "changed_at, officer, actor, device_id, origin_device, origin_seq) "
            "VALUES (%s, %s, 'acknowledged', %s, now(), 'x', 'x', %s, %s, 999999)",
            [row_id, dossier[0], q3_batch, device, device],
        )
    assert refused.value.diag.constraint_name == "card_state_change_batch_id_own"


def test_batches_states_and_keys_are_never_changed_at_the_centre(
    central: Central, tmp_path: Path
) -> None:
    store = _counter(tmp_path, central, "q3")
    _export(store, "q3", _new_key())
    assert sync_round(store, counter=COUNTER_1).pushed.rejected == 0
    store.close()
    with as_point(central, "q3") as connection:
        for statement in (
            "UPDATE motcua.card_batch SET record_count = 9",
            "DELETE FROM motcua.card_state_change",
            "UPDATE motcua.card_key SET public_key = repeat('0', 64)",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)
    with central.admin() as connection:  # not even the administrator
        for statement in (
            "UPDATE motcua.card_batch SET record_count = 9",
            "DELETE FROM motcua.card_batch",
            "UPDATE motcua.card_state_change SET reason = 'x'",
            "TRUNCATE motcua.card_state_change CASCADE",
            "UPDATE motcua.card_key SET public_key = repeat('0', 64)",
            "DELETE FROM motcua.card_key",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(statement)


def test_a_centre_before_schema_8_takes_everything_but_the_cards(
    central: Central, tmp_path: Path
) -> None:
    store = _counter(tmp_path, central, "q3")
    engine = create_engine(sqlalchemy_url(central.admin_url), poolclass=NullPool)
    with engine.begin() as connection:
        config = _config(Roles(central.prefix))
        config.attributes["connection"] = connection
        command.downgrade(config, "c0007")
    engine.dispose()
    # No batch made: the counter pushes to schema 7 as before.
    assert sync_round(store, counter=COUNTER_1).pushed.rejected == 0
    _export(store, "q3", _new_key())
    # A batch made: its rows wait for the upgrade, nothing else does; IT staff are told.
    report = sync_round(store, counter=COUNTER_1)
    assert report.pushed.rejected == 0 and report.refused
    assert report.upgrade_needed == (
        "the central database has schema 7; 3 card data operation(s) wait for schema 8: "
        "IT staff run motcua central init"
    )
    with store.engine.connect() as connection:
        waiting = connection.exec_driver_sql(
            "SELECT DISTINCT table_name FROM sync_outbox WHERE state = 'pending'"
        ).fetchall()
    assert sorted(row[0] for row in waiting) == ["card_batch", "card_state_change"]
    assert init_central(central.admin_url, central.prefix).schema_version == SCHEMA_VERSION == 8
    report = sync_round(store, counter=COUNTER_1)
    assert report.pushed.rejected == 0 and len(report.card_keys_registered) == 1
    store.close()
    assert_central_matches(central, [tmp_path])


def _last_logged(central: Central) -> int:
    """The newest transaction in the centre's change log: what a pull must get past."""
    with central.admin() as connection:
        row = connection.execute(
            "SELECT xid::text FROM motcua.change_log ORDER BY xid DESC LIMIT 1"
        ).fetchone()
    assert row is not None
    return int(row[0])


def test_another_counter_of_the_point_pulls_the_card_steps_of_dossiers_it_holds(
    central: Central, tmp_path: Path
) -> None:
    first = _counter(tmp_path / "a", central, "q3")
    assert sync_round(first).pushed.rejected == 0
    first.close()
    # The second counter of the point holds the same dossiers (a copy, a device of its own).
    copy_counter(tmp_path / "a", tmp_path / "b")
    first, second = Store.in_data_dir(tmp_path / "a"), Store.in_data_dir(tmp_path / "b")
    for store, number in ((first, 1), (second, 2)):
        point_at(store, central.point_url(central.role("q3")))
        identify_station(store, Station(AGENCY, "q3", number))
    batch_id = _export(first, "q3", _new_key())
    codes = _codes(first)
    record_answer_file(
        first, OFFICER, batch_id, [answer(codes[1], "rejected", "Sai ngày sinh")], EXPORTED_AT
    )
    assert sync_round(first, counter=COUNTER_1).pushed.rejected == 0
    pull_past(second, _last_logged(central), lambda: sync_round(second).pulled.applied)
    ids = _dossier_ids(second)
    states = current_states(second, ids)
    assert [(states[i].state, states[i].reason) for i in ids] == [
        ("exported", None),
        ("rejected", "Sai ngày sinh"),
    ]
    assert {states[i].batch_name for i in ids} == {"GPLX_q3_20261124_001"}
    # The rejected record is back on the list at every counter of the point.
    assert may_enter_a_batch(second, ids) == [ids[1]]
    # Pulled rows are the centre's already: nothing goes back from the second counter.
    with second.engine.connect() as connection:
        waiting = connection.exec_driver_sql(
            "SELECT count(*) FROM sync_outbox WHERE table_name LIKE 'card%' AND state = 'pending'"
        ).fetchone()
    assert waiting == (0,)
    first.close()
    second.close()
