"""The local store against raw SQLite doing the same work, in the same run.

- receive: ``app.reception.receive`` (evaluate, due date, serial, every row in
  one transaction) against sqlite3 inserting the same rows — the dossier, its
  licence, its round and its four checklist rows, the audit record and the eight
  outbox operations (AUTOINCREMENT's sequence row with them), copied from a receipt
  the program stored, same sizes, fresh ids — in one transaction each, with the same
  pragmas (WAL, synchronous=FULL, foreign keys);
- lookups in a store of 1,000,000 dossiers: by code and by ID number through
  the store against the same SELECT in sqlite3.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sqlite3
import tempfile
import uuid
from functools import partial
from pathlib import Path

from harness import emit, median_seconds

from app.catalogue.loader import load_catalogue_for
from app.dossier.request import DossierRequest
from app.dossier_code import counter_block, format_code
from app.officers.identity import Officer, Role
from app.permissions import Authority
from app.reception import Counter, Timetable, receive
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.dossiers import summaries_of_applicant, summary_by_code
from db.store import Store

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "doi-gtvt.json"
RECEIVING = Authority(Officer("lan", "Nguyễn Thị Lan", Role.OFFICER))
AGENCY = "000.17.22.H56"
RECEIPTS = 200
STORE_SIZE = 1_000_000
LOOKUPS = 2_000
DAY = dt.datetime(2026, 11, 23, 9, 0)


def _raw_connection(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON"):
        connection.execute(f"PRAGMA {pragma}")
    return connection


def _receipt_rows(connection: sqlite3.Connection) -> dict[str, list[dict[str, object]]]:
    """The rows of the first receipt the program stored, by table in the order written."""
    connection.row_factory = sqlite3.Row
    try:
        dossier = dict(connection.execute("SELECT * FROM dossier ORDER BY rowid").fetchone())
        audit = dict(connection.execute("SELECT * FROM audit_record ORDER BY rowid").fetchone())
        rows = {
            "dossier": [dossier],
            "dossier_licence": connection.execute(
                "SELECT * FROM dossier_licence WHERE dossier_id = ?", [dossier["id"]]
            ).fetchall(),
            "reception_round": connection.execute(
                "SELECT * FROM reception_round WHERE dossier_id = ?", [dossier["id"]]
            ).fetchall(),
            "presented_item": connection.execute(
                "SELECT i.* FROM presented_item i JOIN reception_round r ON r.id = i.round_id "
                "WHERE r.dossier_id = ? ORDER BY i.rowid",
                [dossier["id"]],
            ).fetchall(),
            "audit_record": [audit],
            # The sequence is SQLite's (AUTOINCREMENT), as the program leaves it.
            "sync_outbox": connection.execute(
                "SELECT op_id, table_name, row_id, stream, payload, byte_size, state "
                "FROM sync_outbox WHERE stream = ? OR row_id = ? ORDER BY seq",
                [dossier["id"], audit["id"]],
            ).fetchall(),
        }
    finally:
        connection.row_factory = None
    return {table: [dict(row) for row in found] for table, found in rows.items()}


def bench_receive(folder: Path) -> None:
    catalogue = load_catalogue_for(DAY.date())
    timetable = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
    counter = Counter(AGENCY, "252 Lý Chính Thắng", 1, RECEIVING, counter_block(1, 9999))
    request = DossierRequest.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    store = Store(folder / "receive.sqlite3")

    def through_the_program() -> None:
        for n in range(RECEIPTS):
            receive(
                request,
                catalogue=catalogue,
                timetable=timetable,
                counter=counter,
                store=store,
                received_at=DAY + dt.timedelta(seconds=n),
            )

    raw = _raw_connection(folder / "receive.sqlite3")
    serials = iter(range(5000, 10_000))
    device, sequence = str(uuid.uuid4()), iter(range(1, 10_000))

    def raw_inserts(template: dict[str, list[dict[str, object]]]) -> None:
        # What the program writes, byte for byte, but for the ids, the code and the audit
        # record's place, which each copy needs afresh.
        keys = {
            row[key]
            for rows in template.values()
            for row in rows
            for key in ("id", "op_id")
            if key in row
        }
        statements = {
            table: "INSERT INTO {} ({}) VALUES ({})".format(
                table, ", ".join(rows[0]), ", ".join("?" * len(rows[0]))
            )
            for table, rows in template.items()
        }
        for _ in range(RECEIPTS):
            ids: dict[object, str] = {}
            serial = next(serials)
            raw.execute("BEGIN IMMEDIATE")
            for table, rows in template.items():
                copies = []
                for row in rows:
                    # The ids the rows share (a round's dossier_id…) stay shared.
                    copy = {
                        name: ids.setdefault(value, str(uuid.uuid4())) if value in keys else value
                        for name, value in row.items()
                    }
                    if table == "dossier":
                        copy.update(code=f"raw-{serial}", code_serial=serial)
                    elif table == "audit_record":
                        copy.update(device_id=device, seq=next(sequence))
                    copies.append(tuple(copy.values()))
                raw.executemany(statements[table], copies)
            raw.execute("COMMIT")

    program = median_seconds(through_the_program, repeat=3, warmup=0)
    template = _receipt_rows(raw)
    baseline = median_seconds(partial(raw_inserts, template), repeat=3, warmup=0)
    emit("receive", RECEIPTS / program, "dossiers/s", RECEIPTS / baseline)
    store.close()


def bench_lookups(folder: Path) -> None:
    path = folder / "million.sqlite3"
    Store(path).close()  # the real schema and indexes
    rng = random.Random(1)
    raw = _raw_connection(path)
    raw.execute("PRAGMA synchronous = OFF")  # filling only; the lookups do not write
    raw.execute("BEGIN")
    days = [dt.date(2024, 1, 1) + dt.timedelta(days=d) for d in range(1000)]
    rows = []
    for n in range(STORE_SIZE):
        day, serial = days[n // 1000], n % 1000 + 1
        rows.append(
            (
                str(uuid.uuid4()),
                format_code(AGENCY, day, serial),
                AGENCY,
                day.isoformat(),
                serial,
                f"0790{n:08d}",
                f"{day} 09:00:00",
            )
        )
    raw.executemany(
        "INSERT INTO dossier (id, code, code_agency, code_day, code_serial, status, procedure_id, "
        "channel, catalogue_version, applicant_name, applicant_id_number, applicant_json, "
        "received_at, fee_vnd, result_delivery, delivery_address, officer, receiving_point, "
        "counter_number) VALUES (?, ?, ?, ?, ?, 'accepted', 'doi-gtvt', 'direct', 'qd-4225-2021', "
        "'Nguyễn Văn An', ?, '{}', ?, 135000, 'counter', '', 'officer', 'point', 1)",
        rows,
    )
    raw.execute("COMMIT")
    picks = rng.sample(rows, LOOKUPS)
    store = Store(path)

    def store_by(kind: str) -> None:
        with store.reading() as session:
            for row in picks:
                # The dossier's record (its void included), as the lists and search show it.
                found = (
                    summary_by_code(session, row[1])
                    if kind == "code"
                    else summaries_of_applicant(session, row[5])
                )
                assert found

    def raw_by(column: str, index: int) -> None:
        for row in picks:
            assert raw.execute(
                f"SELECT * FROM dossier WHERE {column} = ?", (row[index],)
            ).fetchall()

    for kind, column, index in (("code", "code", 1), ("ID number", "applicant_id_number", 5)):
        program = median_seconds(partial(store_by, kind), repeat=5)
        baseline = median_seconds(partial(raw_by, column, index), repeat=5)
        emit(
            f"lookup by {kind} in 1M dossiers",
            program / LOOKUPS * 1e6,
            "µs",
            baseline / LOOKUPS * 1e6,
        )
    store.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        bench_receive(Path(folder))
        bench_lookups(Path(folder))


if __name__ == "__main__":
    main()
