"""The card lifecycle in the store: batches chained per counter, each dossier's card states,
the operator's answers, a supervisor's release, the audit records written with them, the
outbox, the insert-only tables, and the upgrade from 0011."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.card.states import (
    ALREADY_EXPORTED,
    ANSWERS_REFUSED,
    CHAIN_BROKEN,
    NOT_RELEASABLE,
    CardBatchNotFound,
    CardStepRefused,
    ExportedBatch,
    answer,
    chain_link,
    current_states,
    entries_of,
    may_enter_a_batch,
    record_answer_file,
    record_export,
    release_card,
)
from app.failures import NotFound
from app.permissions import RoleRefused
from db.card_batches import GENESIS, signing_keys_to_register
from db.migrate import _config
from db.store import STORE_FILE, Store
from printing.card_batch import GENESIS_SIGNATURE
from tests.accounts import IT_ADMIN, OFFICER, SUPERVISOR
from tests.db.conftest import example_request
from tests.db.workers import DAY, _receive_one

EXPORTED_AT = DAY + dt.timedelta(days=1)
ANSWERED_AT = DAY + dt.timedelta(days=2)
PUBLIC_KEY = "ab" * 32


def _signature(n: int) -> str:
    return f"{n:02x}" * 64


def _batch(store: Store, n: int, previous: str | None = None) -> ExportedBatch:
    link = chain_link(store, EXPORTED_AT.date())
    return ExportedBatch(
        batch_name=f"GPLX_q3_{EXPORTED_AT:%Y%m%d}_{link.sequence:03d}",
        agency="000.17.22.H56",
        point="q3",
        counter_number=1,
        day=EXPORTED_AT.date(),
        sequence=link.sequence,
        signature=_signature(n),
        previous_signature=link.previous_signature if previous is None else previous,
        public_key=PUBLIC_KEY,
    )


def _dossiers(store: Store, count: int) -> list[str]:
    return [_receive_one(store, example_request()) for _ in range(count)]


def _code(store: Store, dossier_id: str) -> str:
    with sqlite3.connect(store.path) as connection:
        (code,) = connection.execute(
            "SELECT code FROM dossier WHERE id = ?", [dossier_id]
        ).fetchone()
    return str(code)


def _rows(data_dir: Path, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        return connection.execute(query).fetchall()


def _audit(data_dir: Path) -> list[tuple[str, dict[str, object]]]:
    rows = _rows(data_dir, "SELECT action, subject_json FROM audit_record ORDER BY seq")
    return [(str(action), json.loads(str(subject))) for action, subject in rows]


def test_the_genesis_value_is_the_batch_folders_own() -> None:
    assert GENESIS == GENESIS_SIGNATURE


def test_a_batch_exports_its_records_once_with_its_audit_record(
    store: Store, tmp_path: Path
) -> None:
    ids = _dossiers(store, 3)
    assert chain_link(store, EXPORTED_AT.date()).previous_signature == GENESIS
    batch = record_export(store, OFFICER, _batch(store, 1), ids, EXPORTED_AT)
    assert (batch.record_count, batch.officer, batch.actor) == (3, OFFICER.full_name, "lan")
    states = current_states(store, ids)
    assert {state.state for state in states.values()} == {"exported"}
    assert {state.batch_name for state in states.values()} == {"GPLX_q3_20261124_001"}
    assert may_enter_a_batch(store, ids) == []
    # The next batch follows this one: its signature, the day's next sequence.
    link = chain_link(store, EXPORTED_AT.date())
    assert (link.previous_signature, link.sequence) == (_signature(1), 2)
    action, subject = _audit(tmp_path)[-1]
    assert action == "card-export"
    assert subject == {
        "batch_id": batch.id,
        "batch_name": "GPLX_q3_20261124_001",
        "record_count": 3,
    }
    # The key the batch is checked with waits for the next sync round, once.
    assert signing_keys_to_register(store) == [PUBLIC_KEY]
    # Both tables go to the centre: the batch as its own stream, each step as its dossier's.
    operations = _rows(
        tmp_path,
        "SELECT table_name, stream FROM sync_outbox "
        "WHERE table_name IN ('card_batch', 'card_state_change') ORDER BY seq",
    )
    assert operations == [("card_batch", batch.id)] + [("card_state_change", i) for i in ids]


def test_a_dossier_exported_is_refused_in_another_batch_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    first, second = _dossiers(store, 2)
    record_export(store, OFFICER, _batch(store, 1), [first], EXPORTED_AT)
    before = _rows(tmp_path, "SELECT count(*) FROM card_state_change")
    audit_before = _audit(tmp_path)
    with pytest.raises(CardStepRefused) as refused:
        record_export(store, OFFICER, _batch(store, 2), [second, first], EXPORTED_AT)
    assert refused.value.message == ALREADY_EXPORTED
    assert refused.value.text("en") == (
        f"1 dossier(s) were exported already and not released since: {_code(store, first)}"
    )
    assert _rows(tmp_path, "SELECT count(*) FROM card_state_change") == before
    assert _rows(tmp_path, "SELECT count(*) FROM card_batch") == [(1,)]
    assert _audit(tmp_path) == audit_before
    assert may_enter_a_batch(store, [first, second]) == [second]
    with pytest.raises(NotFound):
        record_export(store, OFFICER, _batch(store, 2), [second, "no-such-id"], EXPORTED_AT)
    assert _rows(tmp_path, "SELECT count(*) FROM card_batch") == [(1,)]


def test_a_batch_that_does_not_follow_the_last_one_is_refused(store: Store) -> None:
    first, second, third = _dossiers(store, 3)
    record_export(store, OFFICER, _batch(store, 1), [first], EXPORTED_AT)
    # Made from the same link as the first (two exports at once): the chain would fork.
    with pytest.raises(CardStepRefused) as forked:
        record_export(store, OFFICER, _batch(store, 2, previous=GENESIS), [second], EXPORTED_AT)
    assert forked.value.message == CHAIN_BROKEN
    with pytest.raises(CardStepRefused):
        record_export(
            store, OFFICER, _batch(store, 3, previous=_signature(9)), [third], EXPORTED_AT
        )
    assert may_enter_a_batch(store, [second, third]) == [second, third]
    record_export(store, OFFICER, _batch(store, 2), [second], EXPORTED_AT)
    assert chain_link(store, EXPORTED_AT.date()).previous_signature == _signature(2)


def test_the_store_itself_refuses_a_fork_and_any_change(store: Store, tmp_path: Path) -> None:
    (dossier_id,) = _dossiers(store, 1)
    batch = record_export(store, OFFICER, _batch(store, 1), [dossier_id], EXPORTED_AT)
    store.close()
    with sqlite3.connect(tmp_path / STORE_FILE) as connection:
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            connection.execute(
                "INSERT INTO card_batch (id, batch_name, point, counter_number, day, sequence, "
                "officer, actor, record_count, signature, previous_signature, device_id, "
                "made_at) SELECT 'other', 'GPLX_q3_20261124_002', point, counter_number, "
                "day, 2, officer, actor, 1, ?, previous_signature, device_id, made_at "
                "FROM card_batch",
                [_signature(2)],
            )
        for statement in (
            "UPDATE card_batch SET record_count = 5",
            "DELETE FROM card_batch",
            "UPDATE card_state_change SET state = 'acknowledged'",
            "DELETE FROM card_state_change",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="only ever added"):
                connection.execute(statement)
        assert connection.execute("SELECT id FROM card_batch").fetchall() == [(batch.id,)]


def test_the_operators_answers_acknowledge_and_reject_and_a_rejected_record_comes_back(
    store: Store, tmp_path: Path
) -> None:
    ids = _dossiers(store, 3)
    batch = record_export(store, OFFICER, _batch(store, 1), ids, EXPORTED_AT)
    codes = [_code(store, dossier_id) for dossier_id in ids]
    answers = [
        answer(codes[0], "acknowledged"),
        answer(codes[1], "REJECTED", "Ảnh không rõ mặt"),
    ]
    recorded = record_answer_file(store, OFFICER, batch.batch_name, answers, ANSWERED_AT)
    assert (recorded.acknowledged, recorded.rejected, recorded.already) == (
        [codes[0]],
        [codes[1]],
        [],
    )
    states = current_states(store, ids)
    assert [states[i].state for i in ids] == ["acknowledged", "rejected", "exported"]
    assert states[ids[1]].reason == "Ảnh không rõ mặt"
    # The rejected record is back on the officer's list; the others are not.
    assert may_enter_a_batch(store, ids) == [ids[1]]
    action, subject = _audit(tmp_path)[-1]
    assert (action, subject["acknowledged"], subject["rejected"]) == ("card-answer", 1, 1)
    # The same file again changes nothing: each answer is known already.
    again = record_answer_file(store, OFFICER, batch.id, answers, ANSWERED_AT)
    assert (again.acknowledged, again.rejected, again.already) == ([], [], codes[:2])
    assert [entry.state for entry in entries_of(store, batch.id)] == [
        "acknowledged",
        "rejected",
        "exported",
    ]
    # Exported again in the next batch, it follows that batch.
    second = record_export(store, OFFICER, _batch(store, 2), [ids[1]], ANSWERED_AT)
    assert current_states(store, [ids[1]])[ids[1]].batch_id == second.id


def test_an_answer_file_with_a_problem_is_refused_whole(store: Store, tmp_path: Path) -> None:
    ids = _dossiers(store, 2)
    batch = record_export(store, OFFICER, _batch(store, 1), ids, EXPORTED_AT)
    codes = [_code(store, dossier_id) for dossier_id in ids]
    record_answer_file(store, OFFICER, batch.id, [answer(codes[0], "acknowledged")], ANSWERED_AT)
    before = _rows(tmp_path, "SELECT count(*) FROM card_state_change")
    bad = [
        answer(codes[1], "acknowledged"),
        answer("000.17.22.H56-261123-9999", "acknowledged"),
        answer(codes[0], "rejected", "trùng"),
        answer(codes[1], "rejected", "khác"),
    ]
    with pytest.raises(CardStepRefused) as refused:
        record_answer_file(store, OFFICER, batch.id, bad, ANSWERED_AT)
    assert refused.value.message == ANSWERS_REFUSED
    assert refused.value.text("en") == (
        "the answer file of batch GPLX_q3_20261124_001 was not recorded: "
        "000.17.22.H56-261123-9999 is not in the batch; "
        f"{codes[0]} already has the other answer; "
        f"{codes[1]} has two different answers in the file"
    )
    with pytest.raises(CardStepRefused) as no_reason:
        record_answer_file(store, OFFICER, batch.id, [answer(codes[1], "rejected")], ANSWERED_AT)
    assert "is rejected without a reason" in no_reason.value.text("en")
    assert _rows(tmp_path, "SELECT count(*) FROM card_state_change") == before
    with pytest.raises(CardBatchNotFound):
        record_answer_file(store, OFFICER, "GPLX_q3_20261124_009", [], ANSWERED_AT)


def test_a_supervisor_releases_an_exported_record_which_may_be_exported_again(
    store: Store, tmp_path: Path
) -> None:
    first, second = _dossiers(store, 2)
    batch = record_export(store, OFFICER, _batch(store, 1), [first], EXPORTED_AT)
    with pytest.raises(RoleRefused):
        release_card(store, OFFICER, _code(store, first), "Thẻ in hỏng", ANSWERED_AT)
    with pytest.raises(RoleRefused):
        record_export(store, IT_ADMIN, _batch(store, 2), [second], EXPORTED_AT)
    with pytest.raises(CardStepRefused) as not_exported:
        release_card(store, SUPERVISOR, _code(store, second), "Thẻ in hỏng", ANSWERED_AT)
    assert not_exported.value.message == NOT_RELEASABLE
    released = release_card(store, SUPERVISOR, _code(store, first), "Thẻ in hỏng", ANSWERED_AT)
    assert (released.state, released.batch_id, released.reason) == (
        "released",
        batch.id,
        "Thẻ in hỏng",
    )
    assert may_enter_a_batch(store, [first]) == [first]
    action, subject = _audit(tmp_path)[-1]
    assert action == "card-release"
    assert subject == {
        "dossier_id": first,
        "code": _code(store, first),
        "card_state_change_id": released.id,
        "batch_id": batch.id,
    }
    # Released once: the same release again is refused (it is exportable already).
    with pytest.raises(CardStepRefused):
        release_card(store, SUPERVISOR, first, "lần nữa", ANSWERED_AT)
    again = record_export(store, OFFICER, _batch(store, 2), [first], ANSWERED_AT)
    assert current_states(store, [first])[first].batch_id == again.id
    # The released record waits for no answer from its first batch any more.
    with pytest.raises(CardStepRefused) as not_waiting:
        record_answer_file(
            store, OFFICER, batch.id, [answer(_code(store, first), "acknowledged")], ANSWERED_AT
        )
    assert "was released and waits for no answer" in not_waiting.value.text("en")


def test_a_store_at_0011_upgrades_and_downgrades(store: Store, tmp_path: Path) -> None:
    (dossier_id,) = _dossiers(store, 1)
    config = _config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0011")
    store.close()
    tables = {row[0] for row in _rows(tmp_path, "SELECT name FROM sqlite_master")}
    assert not tables & {"card_batch", "card_state_change", "card_signing_key"}
    upgraded = Store.in_data_dir(tmp_path)
    try:
        assert upgraded.backup_taken is not None
        assert may_enter_a_batch(upgraded, [dossier_id]) == [dossier_id]
        record_export(upgraded, OFFICER, _batch(upgraded, 1), [dossier_id], EXPORTED_AT)
    finally:
        upgraded.close()
