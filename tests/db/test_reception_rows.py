"""What receiving writes through its Core path (``db.dossiers.store_reception``): every row
with its outbox operation carrying the row as stored, in the order a flush wrote them, and
values bound as SQLAlchemy binds them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from sqlalchemy import select

from app.catalogue.model import Catalogue
from app.reception import Timetable, receive
from db.compiled import CompiledInsert, table_of
from db.models import Dossier, DossierLicence
from db.store import STORE_FILE, Store
from db.sync.capture import payload_json
from tests.db.conftest import counter, example_request
from tests.db.workers import incomplete_request

DAY = dt.datetime(2026, 11, 23, 9, 10)
PHOTO = {
    "captured_at": "2026-11-23T09:12:05",
    "source": "camera",
    "background": "blue",
    "checks": [{"name": "face", "ok": True}],
    "overridden_checks": [],
    "override_reason": None,
    "photo_jpeg": b"\xff\xd8portrait",
    "photo_sha256": "a" * 64,
    "original_media_type": "image/png",
    "original": b"\x89PNGoriginal",
    "original_sha256": "b" * 64,
    "original_width": 1280,
    "original_height": 720,
}
ROW_TABLES = ("dossier", "dossier_licence", "reception_round", "presented_item", "audit_record")


def _receive(store: Store, catalogue: Catalogue, timetable: Timetable, **given: Any) -> str:
    request = given.pop("request", None) or example_request()
    receipt = receive(
        request,
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=given.pop("received_at", DAY),
        **given,
    )
    return receipt.dossier_id


def _operations(store: Store) -> list[tuple[str, str, str, str]]:
    with sqlite3.connect(store.path) as connection:
        rows = connection.execute(
            "SELECT table_name, row_id, stream, payload FROM sync_outbox ORDER BY seq"
        ).fetchall()
    connection.close()
    return rows


def _stream(table_name: str, row: Any, round_dossier: dict[str, str]) -> str:
    """The stream of a row's operation: the device for the audit trail, else its dossier."""
    if table_name == "audit_record":
        return str(row["device_id"])
    if table_name == "dossier":
        return str(row["id"])
    if table_name == "presented_item":
        return round_dossier[row["round_id"]]
    return str(row["dossier_id"])


def test_each_operation_carries_its_row_as_stored(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    first = _receive(store, catalogue, timetable, request=incomplete_request())
    _receive(store, catalogue, timetable, supplements=first, photo=PHOTO)
    _receive(store, catalogue, timetable, result_delivery="post", delivery_address="1 Đường A")
    operations = _operations(store)
    assert [table for table, *_ in operations if table in ROW_TABLES]
    with sqlite3.connect(store.path) as connection:
        round_dossier = dict(connection.execute("SELECT id, dossier_id FROM reception_round"))
    connection.close()
    with store.reading() as session:
        for table_name, row_id, stream, payload in operations:
            if table_name not in ROW_TABLES:
                continue
            table = Dossier.metadata.tables[table_name]
            stored = session.execute(select(table).where(table.c.id == row_id)).mappings().one()
            if table_name != "dossier":  # a dossier's later operation carries its later row
                assert payload == payload_json(stored), table_name
            assert json.loads(payload).keys() == stored.keys()
            assert stream == _stream(table_name, stored, round_dossier), table_name
    # The dossier's last operation carries the dossier as it is now.
    dossier_payloads = [p for table, row_id, _, p in operations if row_id == first]
    with store.reading() as session:
        table = table_of(Dossier)
        stored = session.execute(select(table).where(table.c.id == first)).mappings().one()
    assert dossier_payloads[-1] == payload_json(stored)


def test_a_receipt_writes_parents_first_and_its_audit_record_last(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    first = _receive(store, catalogue, timetable, request=incomplete_request())
    _receive(store, catalogue, timetable, supplements=first, photo=PHOTO)
    tables = [table for table, *_ in _operations(store)]
    items = ["presented_item"] * 4
    assert tables == [
        "dossier",
        "dossier_licence",
        "reception_round",
        *items,
        "audit_record",
        # The second round accepts: the dossier changed (status, code, due date).
        "dossier",
        "reception_round",
        *items,
        "photo",
        "photo",
        "audit_record",
    ]


def test_a_round_that_changes_nothing_of_the_dossier_writes_no_operation_of_it(
    store: Store, catalogue: Catalogue, timetable: Timetable
) -> None:
    first = _receive(store, catalogue, timetable, request=incomplete_request())
    before = len(_operations(store))
    _receive(store, catalogue, timetable, request=incomplete_request(), supplements=first)
    tables = [table for table, *_ in _operations(store)[before:]]
    assert tables == ["reception_round", *["presented_item"] * 4, "audit_record"]


def test_compiled_inserts_bind_values_as_sqlalchemy_does(store: Store) -> None:
    licence = {
        "number": "790123456789",
        "classes": "B2",
        "issue_date": dt.date(2017, 1, 10),
        "expiry_date": None,
        "issuing_authority": "Sở GTVT",
        "issuer": "gtvt",
        "material": "pet",
        "country": None,
        "replaced_in": None,
    }
    dossier = {
        "id": "d-1",
        "code": None,
        "code_agency": None,
        "code_day": dt.date(2026, 11, 23),
        "code_serial": None,
        "status": "refused",
        "procedure_id": "doi-gtvt",
        "subcase": None,
        "channel": "direct",
        "catalogue_version": "qd-4225-2021",
        "applicant_name": "Nguyễn Văn An",
        "applicant_id_number": "079080001234",
        "applicant_json": "{}",
        "received_at": dt.datetime(2026, 11, 23, 9, 10, 5, 7),
        "due_at": None,
        "due_explanation_json": None,
        "fee_vnd": 0,
        "result_delivery": "counter",
        "delivery_address": "",
        "officer": "Hoa",
        "receiving_point": "252",
        "counter_number": 1,
    }
    with store.transaction() as session:
        CompiledInsert(table_of(Dossier)).run(session, [dossier])
        CompiledInsert(table_of(DossierLicence)).run(
            session,
            [
                {"id": "l-1", "dossier_id": "d-1", **licence},
                {"id": "l-2", "dossier_id": "d-1"} | licence,
            ],
        )
        session.add(DossierLicence(id="l-3", dossier_id="d-1", **licence))
    with sqlite3.connect(store.path.parent / STORE_FILE) as connection:
        stored = connection.execute(
            "SELECT id, issue_date, typeof(expiry_date) FROM dossier_licence ORDER BY id"
        ).fetchall()
        received = connection.execute("SELECT received_at, code_day FROM dossier").fetchone()
    connection.close()
    assert stored == [
        ("l-1", "2017-01-10", "null"),
        ("l-2", "2017-01-10", "null"),
        ("l-3", "2017-01-10", "null"),
    ]
    assert received == ("2026-11-23 09:10:05.000007", "2026-11-23")
