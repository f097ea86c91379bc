"""``motcua officer …`` as IT staff and officers use it: the first IT account, adding,
listing (never a hash), disabling, resetting, and an officer changing their own password."""

from __future__ import annotations

import json
from pathlib import Path

from tests.accounts import IT_ADMIN, PASSWORDS, sign_in_args
from tests.app.cli.running import run_motcua


def _at(folder: Path) -> list[str]:
    return ["--data-dir", str(folder)]


def _first_it_account(folder: Path) -> None:
    """The counter's first account: IT staff chose its password themselves, so it is not
    asked to be changed."""
    added = run_motcua(
        ["officer", "add", "it.admin", "--name", "Trần Quốc Tuấn", "--role", "it", *_at(folder)],
        stdin=f"{PASSWORDS['it.admin']}\n".encode(),
    )
    assert added.code == 0, added.err


def test_the_first_account_needs_no_sign_in_and_must_be_it_staff(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    officer = run_motcua(
        ["officer", "add", "lan", "--name", "Nguyễn Thị Lan", "--role", "officer", *_at(folder)],
        stdin=b"lan receives dossiers all day\n",
    )
    assert officer.code == 2
    assert "cán bộ IT" in officer.err
    _first_it_account(folder)
    second = run_motcua(
        ["officer", "add", "it.two", "--name", "Phạm Văn Hai", "--role", "it", *_at(folder)],
        stdin=b"another long phrase here\n",
    )
    assert second.code == 7
    assert "đăng nhập" in second.err


def test_it_adds_an_officer_who_must_change_the_password_first(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    _first_it_account(folder)
    added = run_motcua(
        ["officer", "add", "lan", "--name", "Nguyễn Thị Lan", "--role", "officer",
         *sign_in_args(tmp_path, IT_ADMIN), *_at(folder)],
        stdin=b"set by it staff today\n",
    )  # fmt: skip
    assert added.code == 0, added.err
    listed = run_motcua(["officer", "list", "--json", *_at(folder)])
    assert listed.code == 0
    accounts = {row["login"]: row for row in json.loads(listed.out)}
    assert accounts["lan"] == {
        "login": "lan",
        "name": "Nguyễn Thị Lan",
        "role": "officer",
        "origin": "local",
        "disabled": False,
        "must_change": True,
    }
    assert "argon2" not in listed.out and "hash" not in listed.out
    # Signed in with the password IT set: only the password change is allowed.
    password_file = tmp_path / "lan-it.password"
    password_file.write_text("set by it staff today\n", encoding="utf-8")
    refused = run_motcua(
        ["audit", "show", "--officer", "lan", "--officer-password-from", str(password_file),
         *_at(folder)]
    )  # fmt: skip
    assert refused.code == 7
    assert "motcua officer password --officer lan" in refused.err
    common = run_motcua(
        ["officer", "password", "--officer", "lan", "--officer-password-from", str(password_file),
         *_at(folder)],
        stdin=b"123qweasdzxc\n",
    )  # fmt: skip
    assert common.code == 2
    assert "mật khẩu phổ biến" in common.err
    short = run_motcua(
        ["officer", "password", "--officer", "lan", "--officer-password-from", str(password_file),
         *_at(folder)],
        stdin=b"short one\n",
    )  # fmt: skip
    assert short.code == 2
    assert "ít nhất 12 ký tự" in short.err
    changed = run_motcua(
        ["officer", "password", "--officer", "lan", "--officer-password-from", str(password_file),
         *_at(folder)],
        stdin=b"lan receives dossiers all day\n",
    )  # fmt: skip
    assert changed.code == 0, changed.err
    listed = run_motcua(["officer", "list", "--json", *_at(folder)])
    assert {row["login"]: row for row in json.loads(listed.out)}["lan"]["must_change"] is False


def test_an_officer_cannot_manage_accounts_and_it_can_disable_one(tmp_path: Path) -> None:
    folder = tmp_path / "counter"
    _first_it_account(folder)
    run_motcua(
        ["officer", "add", "lan", "--name", "Nguyễn Thị Lan", "--role", "officer",
         *sign_in_args(tmp_path, IT_ADMIN), *_at(folder)],
        stdin=b"set by it staff today\n",
    )  # fmt: skip
    disabled = run_motcua(
        ["officer", "disable", "lan", *sign_in_args(tmp_path, IT_ADMIN), *_at(folder)]
    )
    assert disabled.code == 0, disabled.err
    listed = run_motcua(["officer", "list", *_at(folder)])
    assert listed.code == 0
    assert "Nguyễn Thị Lan" in listed.out and "argon2" not in listed.out
    password_file = tmp_path / "lan-it.password"
    password_file.write_text("set by it staff today\n", encoding="utf-8")
    refused = run_motcua(
        ["officer", "password", "--officer", "lan", "--officer-password-from", str(password_file),
         *_at(folder)],
        stdin=b"lan receives dossiers all day\n",
    )  # fmt: skip
    assert refused.code == 7
    assert "đã bị khóa" in refused.err
    reset = run_motcua(
        ["officer", "reset", "nobody", *sign_in_args(tmp_path, IT_ADMIN), *_at(folder)],
        stdin=b"a new password for nobody\n",
    )
    assert reset.code == 4
