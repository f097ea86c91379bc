"""Sync against a real PostgreSQL, each figure beside a baseline measured in the same run.

- push: a counter's outbox (a day of dossiers with their licences, rounds and
  checklist rows) pushed by ``db.sync.push`` — idempotency record, upserts under
  row-level security, one transaction per batch — in rows per second, against a
  raw psycopg ``COPY`` of the same rows into the same tables of a second,
  identical central database on the same server;
- pull: the time for a counter to pull 10,000 changes (applied to its store,
  with the cursor), against a plain SELECT of the same change-log rows.

PostgreSQL: ``MOTCUA_BENCH_POSTGRES_URL``, else ``MOTCUA_TEST_POSTGRES_URL``,
else ``postgresql://postgres@127.0.0.1:5432/test`` (an administrator). Without
one, the benchmark says so and reports nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import psycopg
from harness import emit
from psycopg import sql
from sqlalchemy import delete, select, update

from app.catalogue.loader import load_catalogue_for
from app.central_secret import CentralSecrets, use_for_connections
from app.dossier.request import DossierRequest
from app.dossier_code import counter_block
from app.officers.identity import Officer, Role
from app.permissions import Authority
from app.reception import Counter, Timetable, receive
from app.sync_ops import configure_sync
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.central.points import add_point
from db.central.schema import init_central
from db.central.urls import password_in, without_password
from db.models import Base, OutboxOperation
from db.store import Store
from db.sync.connection import connect
from db.sync.local_models import ReferenceItem
from db.sync.outbox import PENDING
from db.sync.photos import NoPhotos
from db.sync.pull import pull
from db.sync.push import push
from db.sync.registration import register_counter
from db.sync.state import Cursor, cursor, save_cursor, sync_state

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "doi-gtvt.json"
RECEIVING = Authority(Officer("lan", "Nguyễn Thị Lan", Role.OFFICER))
AGENCY = "000.17.22.H56"
DOSSIERS = 400
CHANGES = 10_000
REPEAT = 3
PULL_REPEAT = 5  # a pull takes a tenth of a second: more runs, a steadier median
DAY = dt.datetime(2026, 11, 23, 9, 0)
TABLES = ("dossier", "dossier_licence", "reception_round", "presented_item")


def _url(server: str, database: str, user: str | None = None, password: str = "") -> str:
    parts = urlsplit(server)
    host = f"{parts.hostname}:{parts.port}" if parts.port else str(parts.hostname)
    who = parts.netloc.rpartition("@")[0] if user is None else f"{quote(user)}:{quote(password)}"
    return urlunsplit(parts._replace(netloc=f"{who}@{host}" if who else host, path=f"/{database}"))


def _fill(store: Store) -> None:
    catalogue = load_catalogue_for(DAY.date())
    timetable = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
    counter = Counter(AGENCY, "252 Lý Chính Thắng", 1, RECEIVING, counter_block(1, 9999))
    request = DossierRequest.model_validate(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    for n in range(DOSSIERS):
        receive(
            request,
            catalogue=catalogue,
            timetable=timetable,
            counter=counter,
            store=store,
            received_at=DAY + dt.timedelta(seconds=n),
        )


def _truncate(admin: str) -> None:
    with psycopg.connect(admin) as connection, connection.transaction():
        # The audit trail refuses TRUNCATE by trigger; a bench's centre is emptied all the same.
        connection.execute("SET LOCAL session_replication_role = replica")
        connection.execute(
            "TRUNCATE motcua.presented_item, motcua.reception_round, motcua.dossier_licence, "
            "motcua.slip, motcua.reappointment, motcua.dossier_correction, motcua.photo, "
            "motcua.dossier, motcua.applied_operation, motcua.row_version, motcua.audit_record "
            # CASCADE: the tables that name a dossier (voids, status and card steps) go too.
            "CASCADE"
        )


def bench_push(store: Store, device: str, databases: dict[str, str]) -> None:
    point_url = databases["point"]
    with store.reading() as session:
        rows = {
            name: [tuple(row) for row in session.execute(select(Base.metadata.tables[name]))]
            for name in TABLES
        }
    count = sum(len(table_rows) for table_rows in rows.values())

    def through_the_program() -> float:
        _truncate(databases["admin"])
        with store.transaction() as session:
            session.execute(update(OutboxOperation).values(state=PENDING, settled_at=None))
        with connect(point_url) as connection:
            start = time.perf_counter()
            push(connection, store, device, NoPhotos())
            return time.perf_counter() - start

    def raw_copy() -> float:
        _truncate(databases["baseline"])
        with psycopg.connect(databases["baseline"]) as connection:
            start = time.perf_counter()
            with connection.transaction():
                # The baseline is the bare COPY: without the centre's checks and history triggers.
                connection.execute("SET LOCAL session_replication_role = replica")
                for name in TABLES:
                    columns = [c.name for c in Base.metadata.tables[name].columns]
                    statement = sql.SQL(
                        "COPY {} ({}, point_role, origin_device, origin_seq) FROM STDIN"
                    ).format(
                        sql.Identifier("motcua", name),
                        sql.SQL(", ").join(map(sql.Identifier, columns)),
                    )
                    with connection.cursor().copy(statement) as copy:
                        for seq, row in enumerate(rows[name]):
                            copy.write_row((*row, "bench", device, seq))
            return time.perf_counter() - start

    program = sorted(through_the_program() for _ in range(REPEAT))[REPEAT // 2]
    baseline = sorted(raw_copy() for _ in range(REPEAT))[REPEAT // 2]
    emit(f"push {count} rows (rows/s vs COPY)", count / program, "rows/s", count / baseline)


def bench_pull(store: Store, databases: dict[str, str]) -> None:
    with connect(databases["point"]) as connection:
        pull(connection, store)  # bootstrap: the cursor is now at the log's end
        with store.reading() as session:
            start_at = cursor(session)
        with psycopg.connect(databases["admin"], autocommit=True) as admin:
            admin.execute(
                # Items the counter keeps as they come (kind ``catalogue``): an ``officer`` item
                # without an account's fields is only warned about and left out, which measured
                # 10,000 log lines, not the pull.
                "INSERT INTO motcua.reference_item (kind, key, payload) "
                "SELECT 'catalogue', 'c' || n, jsonb_build_object('name', 'Thủ tục ' || n) "
                "FROM generate_series(1, %s) AS n",
                [CHANGES],
            )

        def through_the_program() -> float:
            with store.transaction() as session:
                session.execute(delete(ReferenceItem))
                save_cursor(session, Cursor(start_at.low, None, 0))
            begin = time.perf_counter()
            report = pull(connection, store)
            elapsed = time.perf_counter() - begin
            assert report.applied == CHANGES, report
            return elapsed

        def raw_select() -> float:
            begin = time.perf_counter()
            found = connection.execute(
                "SELECT id, entity, entity_key, version, payload FROM motcua.change_log"
            ).fetchall()
            assert len(found) == CHANGES
            return time.perf_counter() - begin

        # Each run beside a run of the baseline, so that a spell of load on the machine (the
        # server's CPU is the pull's too) weighs on both; the median of five of each.
        runs = [(through_the_program(), raw_select()) for _ in range(PULL_REPEAT)]
        program = sorted(run[0] for run in runs)[PULL_REPEAT // 2]
        baseline = sorted(run[1] for run in runs)[PULL_REPEAT // 2]
    emit(f"pull {CHANGES} changes", program * 1000, "ms", baseline * 1000)


def main() -> int:
    server = os.environ.get(
        "MOTCUA_BENCH_POSTGRES_URL",
        os.environ.get("MOTCUA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"),
    )
    try:
        psycopg.connect(server, connect_timeout=3).close()
    except psycopg.Error:
        print("bench_sync: no PostgreSQL reachable; set MOTCUA_BENCH_POSTGRES_URL", file=sys.stderr)
        return 0
    token = secrets.token_hex(4)
    prefix = f"bench{token}"
    names = {"admin": f"motcua_bench_{token}", "baseline": f"motcua_bench_{token}_copy"}
    with psycopg.connect(server, autocommit=True) as connection:
        for name in names.values():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    databases = {key: _url(server, name) for key, name in names.items()}
    try:
        for url in databases.values():
            init_central(url, prefix)
        password = secrets.token_hex(8)
        role = add_point(
            databases["admin"], "bench", agency_code=AGENCY, password=password, reserve_top=9999
        ).role
        databases["point"] = _url(server, names["admin"], role, password)
        with tempfile.TemporaryDirectory() as folder:
            store = Store(Path(folder) / "counter.sqlite3")
            # As IT staff set a counter up: the URL without its password, the password kept in
            # the data folder's password file and handed to each connection.
            kept = CentralSecrets(Path(folder), backend=None)
            configure_sync(
                store,
                url=without_password(databases["point"]),
                password=password_in(databases["point"]),
                secrets=kept,
            )
            use_for_connections(store, kept)
            databases["point"] = without_password(databases["point"])
            with store.reading() as session:
                device = sync_state(session).device_id
            with connect(databases["point"]) as connection:
                # The centre numbers only serials it allocated: the whole day is this counter's.
                register_counter(
                    connection, store, device_id=device, agency=AGENCY, counter_number=1, size=9999
                )
            _fill(store)
            bench_push(store, device, databases)
            bench_pull(store, databases)
            store.close()
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            for name in names.values():
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
                )
            for (role_name,) in connection.execute(
                "SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) "
                "ORDER BY rolcanlogin DESC",
                [f"{prefix}_"],
            ).fetchall():
                connection.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role_name)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
