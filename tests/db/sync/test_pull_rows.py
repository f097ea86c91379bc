"""What a pulled page stores is what the changes' payloads say, to the byte (issue 19).

The pull reads reference items and dossiers' statuses as the columns of the store's rows,
made by PostgreSQL (jsonb's text, the time in the store's format), instead of decoding each
payload and encoding it again. These tests hold it to the rows the payloads give through
Python, as the pull stored them before: ``json.dumps(payload, ensure_ascii=False)``, the
time in UTC as SQLAlchemy writes a SQLite DATETIME. The bootstrap, which decodes the
payloads, must store the same rows as the pages.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from typing import Any

import psycopg

from db.store import Store
from db.sync.connection import connect
from db.sync.pull import pull
from db.sync.round import sync_round
from tests.central.conftest import Central, counter_store, pull_past
from tests.central.workload import counter_day

# Payloads as the centre's office writes them (jsonb literals): numbers with a fraction, which
# jsonb keeps as written and Python does not, escapes, nesting, text with a full stop.
PAYLOADS = {
    "fraction": '{"vnd": 135000.50, "rate": 0.0000001, "whole": 2.0}',
    "big": "[12345678901234567890123, -0, 1e3, 1.5e1]",
    "escapes": '{"t": "a\\"b\\\\c\\n\\t\\u0001\\u001f /é 😀", "": false, "aa": null}',
    "nested": '{"b": [1, {"a": null, "c": []}], "a": true, "d": {}}',
    "sentence": '{"s": "Nộp 1.50 triệu đồng."}',
    "plain": '{"name": "Thủ tục 1"}',
    "scalar": '"chỉ một chuỗi"',
}


def _write(url: str, statements: list[tuple[str, list[Any]]], zone: str) -> int:
    """Run ``statements`` in one transaction of a session in ``zone`` (the payloads' times
    carry its offset); returns the transaction's id."""
    with psycopg.connect(url) as connection:
        connection.execute(f"SET TIME ZONE '{zone}'")
        for statement, params in statements:
            connection.execute(statement, params)
        row = connection.execute("SELECT pg_current_xact_id()::text").fetchone()
    assert row is not None
    return int(row[0])


def _stored_time(text: str | None) -> str | None:
    """The payload's time as the store keeps it: UTC, SQLAlchemy's SQLite DATETIME format."""
    if text is None:
        return None
    moment = dt.datetime.fromisoformat(text).astimezone(dt.UTC)
    return f"{moment:%Y-%m-%d %H:%M:%S}.{moment.microsecond:06d}"


def _expected(central: Central) -> dict[str, set[tuple[Any, ...]]]:
    """The rows the log's changes give, each item and status at its newest version."""
    with central.admin() as connection:
        log = connection.execute(
            "SELECT entity, entity_key, version, payload FROM motcua.change_log ORDER BY id"
        ).fetchall()
    items: dict[str, tuple[Any, ...]] = {}
    statuses: dict[str, tuple[Any, ...]] = {}
    for entity, key, version, data in log:
        row: tuple[Any, ...]
        if entity == "reference":
            row = (
                data["kind"],
                data["key"],
                json.dumps(data["payload"], ensure_ascii=False),
                int(bool(data["withdrawn"])),
                version,
                _stored_time(data["changed_at"]),
            )
            if key not in items or items[key][4] < version:
                items[key] = row
        elif entity == "dossier-status":
            row = (key, data["status"], data["note"], version, _stored_time(data["changed_at"]))
            if key not in statuses or statuses[key][3] < version:
                statuses[key] = row
    return {"items": set(items.values()), "statuses": set(statuses.values())}


def _stored(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """The store's rows as SQLite holds them (text, not as SQLAlchemy reads them back)."""
    connection = sqlite3.connect(store.path)
    try:
        items = connection.execute(
            "SELECT kind, key, payload, withdrawn, version, changed_at FROM sync_reference_item"
        ).fetchall()
        statuses = connection.execute(
            "SELECT dossier_id, status, note, version, changed_at FROM sync_central_status"
        ).fetchall()
    finally:
        connection.close()
    return {"items": set(items), "statuses": set(statuses)}


def test_pages_and_the_bootstrap_store_the_rows_the_payloads_give(
    central: Central, tmp_path: Path
) -> None:
    counter_day(tmp_path / "a", 1, 3)
    url = central.add_point("q3")
    paging = counter_store(tmp_path / "a", url)
    sync_round(paging)  # its dossiers reach the centre; its cursor is at the log's end
    office = central.add_centre_login()
    insert = "INSERT INTO motcua.reference_item (kind, key, payload) VALUES ('fee', %s, %s::jsonb)"
    _write(office, [(insert, [key, text]) for key, text in PAYLOADS.items()], "UTC")
    # Later versions, some in another time zone; one item withdrawn; statuses with and
    # without a note (a page may hold several versions of one item: the newest is kept).
    _write(
        office,
        [
            (
                "UPDATE motcua.reference_item SET payload = '{\"vnd\": 150000.00}' "
                "WHERE kind = 'fee' AND key = 'fraction'",
                [],
            ),
            (
                "UPDATE motcua.reference_item SET withdrawn = true "
                "WHERE kind = 'fee' AND key = 'scalar'",
                [],
            ),
            (
                "UPDATE motcua.dossier SET central_status = 'result-ready' "
                "WHERE id = (SELECT id FROM motcua.dossier ORDER BY id LIMIT 1)",
                [],
            ),
        ],
        "Asia/Ho_Chi_Minh",
    )
    last = _write(
        office,
        [
            (
                "UPDATE motcua.dossier SET central_note = 'Chờ ký. \"Phòng\" 2' "
                "WHERE id = (SELECT id FROM motcua.dossier ORDER BY id DESC LIMIT 1)",
                [],
            ),
            (
                "UPDATE motcua.reference_item SET payload = '[1.10, \"x\"]' "
                "WHERE kind = 'fee' AND key = 'plain'",
                [],
            ),
        ],
        "America/Sao_Paulo",
    )
    with connect(url) as connection:
        # Pages of three: an item's versions fall in one page or in several.
        applied = pull_past(paging, last, lambda: pull(connection, paging, page_size=3).applied)
    expected = _expected(central)
    assert applied == len(PAYLOADS) + 5
    assert len(expected["items"]) == len(PAYLOADS) and len(expected["statuses"]) == 2
    assert _stored(paging) == expected

    bootstrapped = counter_store(tmp_path / "b", url, counter=None)
    assert sync_round(bootstrapped).pulled.bootstrapped
    assert _stored(bootstrapped) == expected
    paging.close()
    bootstrapped.close()


def test_a_window_that_ends_with_a_page_takes_no_further_page(
    central: Central, tmp_path: Path
) -> None:
    url = central.add_point("q3")
    store = counter_store(tmp_path, url)
    office = central.add_centre_login()
    size = 2
    with connect(url) as connection:
        pull(connection, store)  # bootstrap
        insert = "INSERT INTO motcua.reference_item (kind, key, payload) VALUES ('fee', %s, '1')"
        last = _write(office, [(insert, [f"k{n}"]) for n in range(2 * size)], "UTC")
        pages: list[int] = []
        execute = connection.execute

        def counted(query: Any, params: Any = None, **options: Any) -> Any:
            if "FROM motcua.change_log " in str(query):
                pages[-1] += 1
            return execute(query, params, **options)

        def pull_once() -> int:
            pages.append(0)
            applied = pull(connection, store, page_size=size).applied
            # As many pages as the changes fill, one when there were none: a page one
            # change longer is read to know whether the window goes on.
            assert pages[-1] == max(1, -(-applied // size)), (applied, pages)
            return applied

        connection.execute = counted  # type: ignore[method-assign]
        assert pull_past(store, last, pull_once) == 2 * size
    assert {(row[1], row[2]) for row in _stored(store)["items"]} == {
        (f"k{n}", "1") for n in range(2 * size)
    }
    store.close()
