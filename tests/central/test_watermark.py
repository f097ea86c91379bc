"""One point's transaction cannot freeze every counter's pull: the centre ends a point's
transaction that holds an xid for longer than ``schema_info.point_transaction_limit``,
whatever timeouts that point's session set for itself."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import psycopg

from db.sync.round import sync_round
from tests.central.conftest import Central, counter_store, pull_past
from tests.central.forge import as_point
from tests.faults import HANG_GUARD_S


def test_a_point_holding_a_transaction_open_cannot_hold_back_anothers_pull(
    central: Central, tmp_path: Path
) -> None:
    central.add_point("a")
    store = counter_store(tmp_path, central.add_point("b"))
    sync_round(store)  # B's first pull: its cursor stands
    with central.admin() as admin:
        admin.execute("UPDATE motcua.schema_info SET point_transaction_limit = '1 second'")

    holding = threading.Event()
    ended: list[BaseException] = []

    def hold_the_watermark() -> None:
        """Point A: a transaction with an xid, no statement timeout, sleeping past any guard."""
        try:
            with as_point(central, "a") as a, a.transaction():
                a.execute("SELECT pg_current_xact_id()")
                a.execute("SET LOCAL statement_timeout = 0")
                holding.set()
                a.execute("SELECT pg_sleep(%s)", [HANG_GUARD_S * 2])
        except psycopg.Error as error:
            ended.append(error)
        finally:
            holding.set()

    holder = threading.Thread(target=hold_the_watermark, daemon=True)
    holder.start()
    assert holding.wait(HANG_GUARD_S), "hang guard: point A never began"
    # Written after A took its xid: below no watermark until A's transaction has ended.
    with psycopg.connect(central.add_centre_login(), autocommit=True) as office:
        row = office.execute(
            "INSERT INTO motcua.reference_item (kind, key, payload) VALUES ('fee', 'x', %s) "
            "RETURNING pg_current_xact_id()::text",
            [json.dumps({"vnd": 135000})],
        ).fetchone()
    assert row is not None
    # B pulls until it has the change: only A's end lets it, and only the centre ends A.
    assert pull_past(store, int(row[0]), lambda: sync_round(store).pulled.applied) == 1
    store.close()
    holder.join(HANG_GUARD_S)
    assert not holder.is_alive()
    assert len(ended) == 1 and isinstance(ended[0], psycopg.OperationalError), ended
