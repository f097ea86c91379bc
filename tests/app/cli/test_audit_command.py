"""``motcua audit verify`` and ``motcua audit show`` on a counter's store: exit 0 when the
trail is whole, 7 naming the record when one was tampered with; the list as JSON."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from db.store import STORE_FILE, Store
from tests.accounts import IT_ADMIN, OFFICER, SUPERVISOR, add_officers, sign_in_args
from tests.app.cli.running import run_motcua
from tests.app.dossier.conftest import EXAMPLES

AGENCY = "000.17.22.H56"
EXIT_BAD_INPUT, EXIT_REFUSED = 2, 7


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "counter"
    assert main(["settings", "set", "agency_code", AGENCY, "--data-dir", str(folder)]) == 0
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    for minute in (10, 11, 12):
        received = run_motcua(
            [
                "receive",
                str(EXAMPLES / "doi-gtvt.json"),
                *sign_in_args(tmp_path, OFFICER),
                "--at",
                f"2026-11-23 09:{minute:02d}",
                "--data-dir",
                str(folder),
            ]
        )
        assert received.code == 0, received.err
    return folder


def _at(data_dir: Path) -> list[str]:
    """The data folder, signed in as the supervisor (who may view the trail)."""
    return ["--data-dir", str(data_dir), *sign_in_args(data_dir.parent, SUPERVISOR)]


def _receive_seqs(data_dir: Path) -> list[int]:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        rows = connection.execute("SELECT seq FROM audit_record WHERE action = 'receive'")
        return [seq for (seq,) in rows]


def test_verify_a_whole_trail(data_dir: Path) -> None:
    done = run_motcua(["audit", "verify", *_at(data_dir), "--json"])
    assert done.code == 0, done.err
    # Each receive and this verify signed in: 3 sign-ins and 3 receipts, then this sign-in.
    assert json.loads(done.out) == {"records": 7, "central_records": None}


def test_verify_names_the_edited_record_and_exits_7(data_dir: Path) -> None:
    with sqlite3.connect(data_dir / STORE_FILE) as connection:
        connection.execute("DROP TRIGGER audit_record_no_update")
        seq = _receive_seqs(data_dir)[0]
        connection.execute("UPDATE audit_record SET action = 'print' WHERE seq = ?", (seq,))
        (record_id,) = connection.execute(
            "SELECT id FROM audit_record WHERE seq = ?", (seq,)
        ).fetchone()
    done = run_motcua(["audit", "verify", *_at(data_dir)])
    assert done.code == EXIT_REFUSED
    assert f"bản ghi số {seq} ({record_id})" in done.err
    assert "đã bị sửa" in done.err
    assert "Traceback" not in done.err


def test_show_lists_the_trail_as_json_filtered(data_dir: Path) -> None:
    done = run_motcua(
        ["audit", "show", "--actor", "lan", "--action", "receive", "--json", *_at(data_dir)]
    )
    assert done.code == 0, done.err
    records = json.loads(done.out)
    assert [r["seq"] for r in records] == _receive_seqs(data_dir)
    assert {r["action"] for r in records} == {"receive"}
    assert set(records[0]["subject"]) == {"code", "dossier_id", "round_id", "status"}
    none = run_motcua(["audit", "show", "--actor", "other", *_at(data_dir)])
    assert none.code == 0
    assert "không có bản ghi nào" in none.out


def test_show_refuses_an_unknown_action_and_reversed_days(data_dir: Path) -> None:
    unknown = run_motcua(["audit", "show", "--action", "dance", *_at(data_dir)])
    assert unknown.code == EXIT_BAD_INPUT
    assert "--action" in unknown.err and "receive" in unknown.err
    reversed_days = run_motcua(
        ["audit", "show", "--from", "2026-11-24", "--to", "2026-11-23", *_at(data_dir)]
    )
    assert reversed_days.code == EXIT_BAD_INPUT
    assert "--from" in reversed_days.err


def test_an_officer_may_not_view_the_trail_it_staff_may(data_dir: Path) -> None:
    folder = ["--data-dir", str(data_dir)]
    refused = run_motcua(["audit", "show", *folder, *sign_in_args(data_dir.parent, OFFICER)])
    assert refused.code == EXIT_REFUSED
    assert "chỉ cán bộ giám sát hoặc cán bộ IT được xem nhật ký thao tác" in refused.err
    allowed = run_motcua(["audit", "verify", *folder, *sign_in_args(data_dir.parent, IT_ADMIN)])
    assert allowed.code == 0, allowed.err
