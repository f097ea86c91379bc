"""The audit trail's chain: an untouched trail verifies; editing, deleting, inserting or
reordering one record in the store is found, naming that record."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.audit import (
    AuditTrailBroken,
    BreakKind,
    Place,
    check_chain,
    identify_counter,
    record,
    record_settings_change,
    show_trail,
    verify_trail,
)
from app.i18n import choose_language
from app.settings import Settings
from db.audit import AuditAction, AuditRow, canonical_json, chains, content_hash
from db.ids import new_id
from db.store import STORE_FILE, Store

OFFICER = "hoa.nt"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    identify_counter(opened, Settings.defaults().with_value("agency_code", "000.17.22.H56"))
    for n in range(1, 6):
        record(opened, AuditAction.SIGN_IN, OFFICER, {"attempt": n})
    yield opened
    opened.close()


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    choose_language("en")
    yield
    choose_language("vi")


def _rows(store: Store) -> list[AuditRow]:
    (rows,) = chains(store).values()
    return rows


def _tampered(store: Store, *statements: str, params: tuple[object, ...] = ()) -> None:
    """As someone with the file would: the append-only triggers dropped first."""
    with sqlite3.connect(store.path) as connection:
        connection.execute("DROP TRIGGER audit_record_no_update")
        connection.execute("DROP TRIGGER audit_record_no_delete")
        for statement in statements:
            connection.execute(statement, params if "?" in statement else ())


def _broken(store: Store) -> AuditTrailBroken:
    with pytest.raises(AuditTrailBroken) as raised:
        verify_trail(store, None)
    return raised.value


def test_an_untouched_trail_verifies(store: Store) -> None:
    verified = verify_trail(store, None)
    assert (verified.records, verified.central_records) == (5, None)
    rows = _rows(store)
    assert [row.seq for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0].agency == "000.17.22.H56"


def test_an_edited_record_is_named(store: Store) -> None:
    third = _rows(store)[2]
    _tampered(store, f"UPDATE audit_record SET actor = 'someone' WHERE id = '{third.id}'")
    found = _broken(store).found
    assert (found.kind, found.seq, found.record_id, found.place) == (
        BreakKind.EDITED,
        3,
        third.id,
        Place.HERE,
    )
    assert f"record 3 ({third.id})" in str(_broken(store))
    assert "was edited (at this counter)" in str(_broken(store))


def test_a_deleted_record_is_named_by_its_place(store: Store) -> None:
    third = _rows(store)[2]
    _tampered(store, f"DELETE FROM audit_record WHERE id = '{third.id}'")
    found = _broken(store).found
    assert (found.kind, found.seq, found.record_id) == (BreakKind.DELETED, 3, None)


def test_a_deleted_record_is_found_even_when_the_rest_are_renumbered(store: Store) -> None:
    third = _rows(store)[2]
    _tampered(
        store,
        f"DELETE FROM audit_record WHERE id = '{third.id}'",
        "UPDATE audit_record SET seq = seq + 1000 WHERE seq > 3",
        "UPDATE audit_record SET seq = seq - 1001 WHERE seq > 1000",
    )
    found = _broken(store).found
    assert (found.kind, found.seq) == (BreakKind.DELETED, 3)


def test_an_inserted_record_is_named(store: Store) -> None:
    second = _rows(store)[1]
    forged = dataclasses.replace(
        second,
        id=new_id(),
        seq=3,
        subject_json=canonical_json({"attempt": 99}),
        prev_hash=second.hash,
        hash="",
    )
    forged = dataclasses.replace(forged, hash=content_hash(forged))
    _tampered(
        store,
        "UPDATE audit_record SET seq = seq + 1000 WHERE seq >= 3",
        "UPDATE audit_record SET seq = seq - 999 WHERE seq > 1000",
        "INSERT INTO audit_record (id, device_id, seq, recorded_at, actor, action, agency, "
        "point, counter_number, subject_json, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params=(
            forged.id,
            forged.device_id,
            forged.seq,
            forged.recorded_at.isoformat(sep=" "),
            forged.actor,
            forged.action,
            forged.agency,
            forged.point,
            forged.counter_number,
            forged.subject_json,
            forged.prev_hash,
            forged.hash,
        ),
    )
    found = _broken(store).found
    assert (found.kind, found.seq, found.record_id) == (BreakKind.INSERTED, 3, forged.id)


def test_a_record_added_at_the_end_without_its_hash_is_named(store: Store) -> None:
    last = _rows(store)[-1]
    _tampered(
        store,
        "INSERT INTO audit_record SELECT 'forged', device_id, 6, recorded_at, actor, action, "
        f"agency, point, counter_number, subject_json, hash, hash FROM audit_record "
        f"WHERE id = '{last.id}'",
    )
    found = _broken(store).found
    assert (found.kind, found.seq, found.record_id) == (BreakKind.EDITED, 6, "forged")


def test_a_reordered_record_is_named(store: Store) -> None:
    rows = _rows(store)
    third, fourth = rows[2], rows[3]
    _tampered(
        store,
        f"UPDATE audit_record SET seq = 1003 WHERE id = '{third.id}'",
        f"UPDATE audit_record SET seq = 3 WHERE id = '{fourth.id}'",
        f"UPDATE audit_record SET seq = 4 WHERE id = '{third.id}'",
    )
    found = _broken(store).found
    assert (found.kind, found.seq, found.record_id) == (BreakKind.REORDERED, 3, fourth.id)


def test_check_chain_of_nothing_is_whole() -> None:
    assert check_chain([]) is None


def test_show_filters_by_officer_and_action(store: Store) -> None:
    record_settings_change(store, "it.admin", ["agency_code", "counter_number"])
    assert len(show_trail(store, actor=OFFICER)) == 5
    (change,) = show_trail(store, action=AuditAction.SETTINGS_CHANGE)
    assert change.actor == "it.admin"
    assert change.subject_json == '{"options":"agency_code,counter_number"}'
    assert show_trail(store, start=change.recorded_at.date(), end=change.recorded_at.date())


def test_the_file_holds_the_hash_of_its_canonical_content(store: Store) -> None:
    with sqlite3.connect(store.path.parent / STORE_FILE) as connection:
        (stored,) = connection.execute("SELECT hash FROM audit_record WHERE seq = 1").fetchone()
    assert stored == content_hash(_rows(store)[0])
