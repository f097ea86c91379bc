"""Every version of a point-written row at the centre, who wrote it, when, by which operation;
a point writes its rows only through sync operations."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select

from app.corrections import correct_dossier
from app.reception import receive
from db.models import OutboxOperation
from db.store import Store
from db.sync.round import sync_round
from tests.accounts import SUPERVISOR
from tests.central.conftest import Central, counter_store
from tests.central.forge import as_point, claim
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, corrected_request, prepared

Connection = psycopg.Connection[tuple[Any, ...]]


def _history(central: Central, dossier_id: str) -> list[tuple[Any, ...]]:
    with central.admin() as admin:
        return admin.execute(
            "SELECT version, operation, op_id::text, written_by, row_data ->> 'applicant_name' "
            "FROM motcua.row_version WHERE table_name = 'dossier' AND row_id = %s ORDER BY id",
            [dossier_id],
        ).fetchall()


def _sent_operations(store: Store, dossier_id: str) -> list[str]:
    with store.reading() as session:
        return list(
            session.scalars(
                select(OutboxOperation.op_id)
                .where(
                    OutboxOperation.table_name == "dossier", OutboxOperation.row_id == dossier_id
                )
                .order_by(OutboxOperation.seq)
            )
        )


def test_each_version_pushed_is_kept_with_its_operation(central: Central, tmp_path: Path) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    catalogue, timetable = prepared()
    receipt = receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=DAY,
    )
    assert sync_round(store).pushed.rejected == 0
    correct_dossier(
        store, catalogue, receipt.dossier_id, corrected_request(), "Gõ sai", SUPERVISOR,
        DAY + dt.timedelta(hours=1),
    )  # fmt: skip
    assert sync_round(store).pushed.rejected == 0
    operations = _sent_operations(store, receipt.dossier_id)
    store.close()
    point = central.role("q3")
    assert _history(central, receipt.dossier_id) == [
        (1, "INSERT", operations[0], point, "Nguyễn Văn An"),
        (2, "UPDATE", operations[-1], point, "Nguyễn Văn Ân"),
    ]


def test_a_point_cannot_rewrite_its_rows_outside_sync_and_a_forged_operation_is_kept(
    central: Central, tmp_path: Path
) -> None:
    store = counter_store(tmp_path, central.add_point("q3"))
    catalogue, timetable = prepared()
    receipt = receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=DAY,
    )
    sync_round(store)
    store.close()
    dossier = receipt.dossier_id
    with as_point(central, "q3") as point:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only through sync"):
            point.execute("UPDATE motcua.dossier SET applicant_name = 'x' WHERE id = %s", [dossier])
        # A point that claims an operation of its own making can write its own row: the
        # centre cannot tell, but keeps the version, with the operation and who wrote it.
        with point.transaction():
            forged = claim(point, "dossier", dossier, 10**9)
            point.execute(
                "UPDATE motcua.dossier SET applicant_name = 'x', origin_seq = %s WHERE id = %s",
                [10**9, dossier],
            )
    history = _history(central, dossier)
    assert [row[1:] for row in history[-1:]] == [("UPDATE", forged, central.role("q3"), "x")]
    assert history[0][4] == "Nguyễn Văn An"  # the version the counter sent is still there
