"""``motcua central`` and ``motcua sync`` as IT staff and scripts run them."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest

from app.cli.main import main
from db.central.schema import SCHEMA_VERSION
from tests.app.dossier.conftest import EXAMPLES
from tests.central.conftest import AGENCY, Central


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_central_init_is_repeatable_and_keeps_its_role_prefix(
    central: Central, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "central", "init", "--url", central.admin_url, "--role-prefix", central.prefix
    )
    assert code == 0
    assert json.loads(out) == {
        "revision": "c0002",
        "schema_version": SCHEMA_VERSION,
        "min_client_protocol": 1,
        "role_prefix": central.prefix,
    }
    code, _, err = _run(
        capsys, "central", "init", "--url", central.admin_url, "--role-prefix", "other"
    )
    assert code == 5 and f"uses the role prefix '{central.prefix}'" in err
    code, _, err = _run(capsys, "central", "init", "--url", "mysql://x/y")
    assert code == 2 and "postgresql://" in err


def test_central_add_point(
    central: Central, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-Pw\n"))
    args = ["central", "add-point", "q3", "--url", central.admin_url, "--agency", AGENCY]
    code, out, _ = _run(capsys, *args, "--reserve-top", "1000", "--password-stdin")
    assert code == 0
    created = json.loads(out)
    assert (created["role"], created["reserve_top"]) == (central.role("q3"), 1000)
    assert created["pg_hba_line"].split()[2] == central.role("q3")
    code, _, err = _run(capsys, *args)
    assert code == 5 and "exists already" in err
    code, _, err = _run(
        capsys, "central", "add-point", "Q 3", "--url", central.admin_url, "--agency", AGENCY
    )
    assert code == 2 and "POINT: từ 1 đến 30 chữ cái thường" in err and "'Q 3'" in err
    with central.admin() as connection:
        assert connection.execute(
            "SELECT p.agency_code, a.reserve_top, r.rolcanlogin, r.rolconfig "
            "FROM motcua.point p JOIN motcua.agency a ON a.code = p.agency_code "
            "JOIN pg_roles r ON r.rolname = p.role_name"
        ).fetchone() == (AGENCY, 1000, True, ["idle_in_transaction_session_timeout=60s"])


def test_sync_from_the_command_line(
    central: Central, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    code, out, _ = _run(capsys, "sync", "--status", *data)
    assert code == 0 and json.loads(out)["configured"] is False
    code, _, err = _run(capsys, "sync", "--once", *data)
    assert (
        code == 2 and "chưa đặt cơ sở dữ liệu trung tâm" in err and "motcua sync --url URL" in err
    )

    assert _run(capsys, "settings", "set", "agency_code", AGENCY, *data)[0] == 0
    code, _, _ = _run(
        capsys,
        "receive",
        str(EXAMPLES / "doi-gtvt.json"),
        "--officer",
        "Hoa",
        "--at",
        "2026-11-23 09:10",
        *data,
    )
    assert code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    code, out, err = _run(
        capsys, "sync", "--once", "--url", f"postgresql://x@127.0.0.1:{closed}/motcua", *data
    )
    assert code == 5 and "cannot reach the central database" in err
    assert json.loads(out)["pending"] == 7

    url = central.add_point("q3")
    code, out, _ = _run(capsys, "sync", "--once", "--url", url, *data)
    assert code == 0
    report = json.loads(out)
    assert (report["sent"], report["rejected"], report["status"]["pending"]) == (7, 0, 0)
    assert "***" in report["status"]["central"] and central.passwords[central.role("q3")] not in out
    code, out, _ = _run(capsys, "sync", "--status", "--offline-warning-minutes", "5", *data)
    status = json.loads(out)
    assert status["last_error"] is None and status["offline_for_minutes"] == 0
