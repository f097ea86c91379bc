"""Pushing the outbox: everything once, rejections kept and isolated, photos by bytes."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text

import db.sync.push
from app.sync_ops import retry_rejected, sync_status
from db.ids import new_id
from db.migrate import _config
from db.store import Store
from db.sync.compat import SYNC_PROTOCOL
from db.sync.errors import Incompatible
from db.sync.outbox import Limits
from db.sync.photos import PhotoRecord, TablePhotoSource, record_photo
from db.sync.round import sync_round
from tests.central.compare import assert_central_matches, outbox_states
from tests.central.conftest import Central, counter_store
from tests.central.workload import copy_counter, counter_day


def test_a_day_of_work_reaches_the_centre_exactly_once(central: Central, tmp_path: Path) -> None:
    counter_day(tmp_path, 1, 30)
    store = counter_store(tmp_path, central.add_point("q3"))
    first = sync_round(store)
    again = sync_round(store)
    store.close()
    assert first.pushed.sent > 30 * 7 and first.pushed.rejected == 0
    assert again.pushed.sent == 0
    assert assert_central_matches(central, [tmp_path]) > 30 * 7
    assert outbox_states(tmp_path) == {"sent": first.pushed.sent}


def test_a_commit_never_heard_of_is_retried_without_duplicates(
    central: Central, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The centre committed, the counter died before marking: the retry applies nothing twice."""
    counter_day(tmp_path, 1, 12)
    store = counter_store(tmp_path, central.add_point("q3"))

    def lost(*_args: object) -> None:
        raise ConnectionResetError("the acknowledgement was lost")

    monkeypatch.setattr(db.sync.push, "mark_sent", lost)
    with pytest.raises(ConnectionResetError):
        sync_round(store, limits=Limits(operations=40))
    assert outbox_states(tmp_path).get("sent") is None
    monkeypatch.undo()
    report = sync_round(store, limits=Limits(operations=40))
    store.close()
    assert report.pushed.rejected == 0
    assert_central_matches(central, [tmp_path])


def test_a_rejected_operation_is_kept_with_its_reason_and_holds_only_its_dossier(
    central: Central, tmp_path: Path
) -> None:
    """Two counters set up with the same counter number give the same codes offline."""
    first, second = tmp_path / "a", tmp_path / "b"
    counter_day(first, 1, 2)
    counter_day(second, 1, 4)  # 0001 and 0002 collide with the first counter's
    url = central.add_point("q3")
    # The second PC is refused counter 1 (the first holds it); its codes are the point's
    # serials all the same, so the centre takes the ones no dossier has.
    for folder, counter in ((first, 1), (second, None)):
        store = counter_store(folder, url, counter)
        sync_round(store)
        status = sync_status(store)
        store.close()
    assert len(status.rejected) == 2
    assert all(
        "another dossier of this point at the centre has this dossier code" in r.reason
        for r in status.rejected
    )
    assert {r.table_name for r in status.rejected} == {"dossier"}
    assert status.held > 0 and status.pending == status.held
    with central.admin() as connection:
        codes = connection.execute(
            "SELECT code, count(*) FROM motcua.dossier WHERE code IS NOT NULL "
            "GROUP BY code ORDER BY code"
        ).fetchall()
        orphans = connection.execute(
            "SELECT count(*) FROM motcua.reception_round r WHERE NOT EXISTS "
            "(SELECT 1 FROM motcua.dossier d WHERE d.id = r.dossier_id)"
        ).fetchone()
    assert [(code[-4:], count) for code, count in codes] == [
        ("0001", 1),
        ("0002", 1),
        ("0003", 1),
        ("0004", 1),
    ]
    assert orphans == (0,)
    store = Store.in_data_dir(second)
    assert retry_rejected(store) == 2
    sync_round(store)  # still colliding: rejected again, never dropped
    assert len(sync_status(store).rejected) == 2
    store.close()


def test_photos_go_as_bytea_in_byte_bounded_batches(central: Central, tmp_path: Path) -> None:
    counter_day(tmp_path, 1, 1)
    store = counter_store(tmp_path, central.add_point("q3"))
    sync_round(store)
    with store.reading() as session:
        dossier_id = session.execute(text("SELECT id FROM dossier")).scalar_one()
    photos = {f"0190f000-0000-7000-8000-{n:012d}": os.urandom(300_000) for n in range(12)}
    with store.transaction() as session:
        # The capture engineer's table, in short: id and content.
        session.execute(text("CREATE TABLE photo (id TEXT PRIMARY KEY, content BLOB NOT NULL)"))
    for photo_id, content in photos.items():
        with store.transaction() as session:  # the photo and its operation together
            session.execute(
                text("INSERT INTO photo (id, content) VALUES (:id, :content)"),
                {"id": photo_id, "content": content},
            )
            record_photo(
                session,
                PhotoRecord(
                    photo_id, dossier_id, "portrait", dt.datetime(2026, 11, 23, 9), content
                ),
            )
    # The last one: a rejection holds the later operations of its dossier.
    damaged = list(photos)[-1]
    with store.transaction() as session:
        session.execute(text("UPDATE photo SET content = x'00' WHERE id = :id"), {"id": damaged})
    report = sync_round(store, photos=TablePhotoSource(store), limits=Limits(bytes=1_000_000))
    status = sync_status(store)
    store.close()
    assert [count for count, _ in report.pushed.batches] == [3, 3, 3, 3]
    assert all(size <= 1_000_000 for _, size in report.pushed.batches)
    assert [r.row_id for r in status.rejected] == [damaged]
    assert "changed on this counter" in status.rejected[0].reason
    with central.admin() as connection:
        stored = connection.execute(
            "SELECT id::text, content, sha256, byte_size FROM motcua.photo"
        ).fetchall()
    assert len(stored) == 11
    for photo_id, content, digest, size in stored:
        assert content == photos[photo_id] and size == 300_000
        assert digest == hashlib.sha256(photos[photo_id]).digest()


def test_nothing_is_pushed_to_a_centre_this_program_does_not_fit(
    central: Central, tmp_path: Path
) -> None:
    counter_day(tmp_path, 1, 2)
    store = counter_store(tmp_path, central.add_point("q3"))
    with central.admin() as connection:
        connection.execute(
            "UPDATE motcua.schema_info SET min_client_protocol = %s", [SYNC_PROTOCOL + 1]
        )
    with pytest.raises(Incompatible):
        sync_round(store)
    status = sync_status(store)
    store.close()
    assert status.last_error is not None and "install the update" in status.last_error
    assert outbox_states(tmp_path) == {"pending": status.pending}
    with central.admin() as connection:
        assert connection.execute("SELECT count(*) FROM motcua.dossier").fetchone() == (0,)


def test_a_store_from_before_sync_sends_everything_it_holds(
    central: Central, tmp_path: Path
) -> None:
    counter_day(tmp_path, 1, 5)
    store = Store.in_data_dir(tmp_path)
    config = _config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")  # a counter installed before sync existed
    store.close()
    store = counter_store(tmp_path, central.add_point("q3"))  # upgraded: operations backfilled
    assert sync_round(store).pushed.rejected == 0
    store.close()
    assert_central_matches(central, [tmp_path])


def test_a_row_another_counter_wrote_is_never_overwritten_but_listed(
    central: Central, tmp_path: Path
) -> None:
    """The rare real conflict: two counters holding the same rows (a store copied by hand)."""
    counter_day(tmp_path / "a", 1, 3)
    copy_counter(tmp_path / "a", tmp_path / "b")
    with sqlite3.connect(tmp_path / "b" / "motcua.sqlite3") as copy:
        for (seq,) in copy.execute("SELECT seq FROM sync_outbox").fetchall():
            copy.execute("UPDATE sync_outbox SET op_id = ? WHERE seq = ?", [new_id(), seq])
    copy.close()
    url = central.add_point("q3")
    first = counter_store(tmp_path / "a", url)
    sync_round(first)
    first.close()
    with central.admin() as connection:
        before = connection.execute(
            "SELECT id, origin_device, version FROM motcua.dossier ORDER BY id"
        ).fetchall()
    second = counter_store(tmp_path / "b", url, None)  # its counter 1 is the first PC's
    report = sync_round(second)
    status = sync_status(second)
    second.close()
    # The first operation of each dossier, and the copied store's first audit record (the
    # centre holds that device's chain already).
    assert report.pushed.rejected == 4
    assert all(
        "written at the centre by another counter" in r.reason
        for r in status.rejected
        if r.table_name != "audit_record"
    )
    assert status.pending == status.held > 0
    with central.admin() as connection:
        after = connection.execute(
            "SELECT id, origin_device, version FROM motcua.dossier ORDER BY id"
        ).fetchall()
    assert after == before
