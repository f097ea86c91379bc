"""``motcua central`` and ``motcua sync`` as IT staff and scripts run them."""

from __future__ import annotations

import io
import json
import socket
from pathlib import Path

import pytest

from app.cli.main import main
from db.central.schema import SCHEMA_VERSION, head_revision
from db.central.urls import password_in, without_password
from db.store import Store
from db.sync.compat import SYNC_PROTOCOL
from tests.accounts import IT_ADMIN, OFFICER, add_officers, sign_in_args
from tests.app.dossier.conftest import EXAMPLES
from tests.central.conftest import AGENCY, Central, counter_store, with_database
from tests.central.workload import counter_day


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _url_and_password(url: str, folder: Path) -> list[str]:
    """``sync`` options setting ``url`` as IT staff do: its password from a file."""
    password_file = folder / "password.txt"
    password_file.write_text(f"{password_in(url)}\n", encoding="utf-8")
    return ["--url", without_password(url), "--password-from", str(password_file)]


def test_central_init_is_repeatable_and_keeps_its_role_prefix(
    central: Central, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    admin = central.admin_options(tmp_path)
    code, out, _ = _run(capsys, "central", "init", *admin, "--role-prefix", central.prefix)
    assert code == 0
    assert json.loads(out) == {
        "revision": head_revision(),
        "schema_version": SCHEMA_VERSION,
        "min_client_protocol": SYNC_PROTOCOL,
        "role_prefix": central.prefix,
    }
    code, _, err = _run(capsys, "central", "init", *admin, "--role-prefix", "other")
    assert code == 5 and f"uses the role prefix '{central.prefix}'" in err
    code, _, err = _run(capsys, "central", "init", "--url", "mysql://x/y")
    assert code == 2 and "postgresql://" in err


def test_central_add_point(
    central: Central,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret-Pw\n"))
    args = ["central", "add-point", "q3", *central.admin_options(tmp_path), "--agency", AGENCY]
    code, out, _ = _run(capsys, *args, "--reserve-top", "1000", "--point-password-from", "-")
    assert code == 0
    created = json.loads(out)
    assert (created["role"], created["reserve_top"]) == (central.role("q3"), 1000)
    assert created["pg_hba_line"].split()[2] == central.role("q3")
    code, _, err = _run(capsys, *args)
    assert code == 5 and "exists already" in err
    code, _, err = _run(capsys, "central", "add-point", "Q 3", *args[3:])
    assert code == 2 and "POINT: từ 1 đến 30 chữ cái thường" in err and "'Q 3'" in err
    with central.admin() as connection:
        assert connection.execute(
            "SELECT p.agency_code, a.reserve_top, r.rolcanlogin, r.rolconfig "
            "FROM motcua.point p JOIN motcua.agency a ON a.code = p.agency_code "
            "JOIN pg_roles r ON r.rolname = p.role_name"
        ).fetchone() == (
            AGENCY,
            1000,
            True,
            # schema_info's point_statement_timeout and point_idle_timeout
            ["statement_timeout=120000ms", "idle_in_transaction_session_timeout=60000ms"],
        )


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
    store = Store.in_data_dir(tmp_path)
    add_officers(store, OFFICER, IT_ADMIN)
    store.close()
    as_it = sign_in_args(tmp_path, IT_ADMIN)
    code, _, _ = _run(
        capsys,
        "receive",
        str(EXAMPLES / "doi-gtvt.json"),
        *sign_in_args(tmp_path, OFFICER),
        "--at",
        "2026-11-23 09:10",
        *data,
    )
    assert code == 0
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    code, out, err = _run(
        capsys,
        "sync",
        "--once",
        "--url",
        f"postgresql://x@127.0.0.1:{closed}/motcua",
        *as_it,
        *data,
    )
    assert code == 5 and "cannot reach the central database" in err
    # 7 rows, and the audit records of the receipt, a setting, the sync configuration and
    # the two sign-ins (the officer's for the receipt, IT's for the configuration).
    assert json.loads(out)["pending"] == 12

    url = central.add_point("q3")
    code, out, _ = _run(capsys, "sync", "--once", *_url_and_password(url, tmp_path), *as_it, *data)
    assert code == 0
    report = json.loads(out)
    # And the records of the second sync configuration and of IT's sign-in for it.
    assert (report["sent"], report["rejected"], report["status"]["pending"]) == (14, 0, 0)
    assert central.passwords[central.role("q3")] not in out
    code, out, _ = _run(capsys, "sync", "--status", "--offline-warning-minutes", "5", *as_it, *data)
    status = json.loads(out)
    assert status["last_error"] is None and status["offline_for_minutes"] == 0


def _refused_by_argparse(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main(list(args))
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_bad_values_for_the_centre_are_bad_input(
    central: Central, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    point = ["central", "add-point", "q3", *central.admin_options(tmp_path), "--agency", AGENCY]
    err = _refused_by_argparse(capsys, *point, "--reserve-top", "-1")
    assert "--reserve-top" in err and "từ 0 đến 9999" in err
    err = _refused_by_argparse(
        capsys, "sync", "--offline-warning-minutes", "9" * 30, "--data-dir", str(tmp_path)
    )
    assert "--offline-warning-minutes" in err and "43200" in err
    code, _, err = _run(capsys, *point[:-1], "000.17.22.h56;drop")
    assert code == 2 and "--agency" in err and "000.17.22.H56" in err
    for url in (
        "postgresql://x@[::1/motcua",
        "postgresql://x@h:99999/motcua",
        "postgresql://x@h/m?x=1",
    ):
        code, _, err = _run(capsys, "central", "init", "--url", url)
        assert code == 2 and "--url: cần một URL PostgreSQL" in err and "Traceback" not in err
        code, _, err = _run(capsys, "sync", "--url", url, "--data-dir", str(tmp_path))
        assert code == 2 and "--url: cần một URL PostgreSQL" in err


def test_sync_once_says_when_the_centre_refused(
    central: Central, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Two PCs set up as counter 1: the second is refused the counter, and its first two codes
    (the first PC's too) are rejected. Exit 7: IT staff must act."""
    url = central.add_point("q3")
    codes = []
    for name, dossiers in (("first", 2), ("second", 3)):
        data = ["--data-dir", str(tmp_path / name)]
        counter_day(tmp_path / name, 1, dossiers)
        assert _run(capsys, "settings", "set", "agency_code", AGENCY, *data)[0] == 0
        code, out, err = _run(capsys, "sync", "--once", *_url_and_password(url, tmp_path), *data)
        codes.append(code)
    report = json.loads(out)
    assert codes == [0, 7]
    assert (report["rejected"], len(report["status"]["rejected"])) == (2, 2)
    assert "counter 1 of this point is registered to another PC" in report["registration_problem"]
    assert "trung tâm từ chối 2 thao tác và không đăng ký quầy này" in err


def test_it_staff_move_the_reserve_zone_and_release_a_counter(
    central: Central, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    counter_store(tmp_path / "old", central.add_point("q3"), 2).close()
    central_url = central.admin_options(tmp_path)
    code, out, _ = _run(capsys, "central", "set-reserve-top", AGENCY, "3000", *central_url)
    assert code == 0 and json.loads(out) == {"agency": AGENCY, "reserve_top": 3000}
    code, _, err = _run(capsys, "central", "set-reserve-top", AGENCY, "900", *central_url)
    assert code == 5 and "reserve_top cannot be lower than 1000" in err
    code, _, err = _run(capsys, "central", "release-counter", "q3", "3", *central_url)
    assert code == 5 and "no registered counter 3" in err
    code, out, err = _run(capsys, "central", "release-counter", "q3", "2", *central_url)
    assert code == 0 and json.loads(out)["first"] == 501 and "đã được giải phóng" in err


def test_a_registered_counter_keeps_its_number_and_reserve_size(
    central: Central, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert _run(capsys, "settings", "set", "counter_number", "4", *data)[0] == 0
    counter_store(tmp_path, central.add_point("q3"), 4).close()
    code, _, err = _run(capsys, "settings", "set", "counter_number", "5", *data)
    assert code == 7 and "quầy 4 với dải số dự phòng 1501–2000 (500 số)" in err
    code, _, err = _run(capsys, "settings", "set", "serial_block_size", "400", *data)
    assert code == 7 and "(đã nhập 400)" in err
    assert _run(capsys, "settings", "set", "counter_number", "4", *data)[0] == 0


def test_central_commands_keep_the_password_off_the_command_line_and_need_tls(
    central: Central, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with_password = with_database(central.server_url, central.database, "postgres", "s3cret")
    for command in (
        ["init"],
        ["add-point", "q3", "--agency", AGENCY],
        ["set-reserve-top", AGENCY, "3000"],
        ["release-counter", "q3", "1"],
        ["officer", "list"],
    ):
        code, _, err = _run(capsys, "central", *command, "--url", with_password)
        assert code == 2 and "s3cret" not in err
        assert "--admin-password-from" in err and "PGPASSFILE" in err
    # A centre on another machine: TLS with its certificate checked, or IT staff's leave.
    remote = "postgresql://admin@db.sgtvt.invalid/motcua"
    code, _, err = _run(capsys, "central", "init", "--url", remote)
    assert code == 2 and "sslmode=verify-full" in err and "db.sgtvt.invalid" in err
    code, _, err = _run(
        capsys,
        "central",
        "init",
        "--url",
        remote,
        "--allow-unverified-host",
        "db.sgtvt.invalid",
    )
    assert code == 5  # allowed: it tried (and no such host answered)
    code, out, _ = _run(
        capsys, "central", "officer", "list", "--json", *central.admin_options(tmp_path)
    )
    assert code == 0 and json.loads(out) == []
