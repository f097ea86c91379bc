"""The store as IT staff meet it on the command line: a store emptied, damaged or full is one
message and exit code 6, never a traceback and never a code issued twice; ``motcua
backup``, ``restore``, ``store check`` and ``store new``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli.main import main
from db.store import STORE_FILE, Store
from tests.accounts import IT_ADMIN, OFFICER, add_officers, sign_in_args
from tests.app.dossier.conftest import EXAMPLES
from tests.db.store_faults import damage, full_store

AGENCY = "000.17.22.H56"
EXIT_NOT_FOUND, EXIT_STORE, EXIT_REFUSED = 4, 6, 7


def motcua(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, in its own process, as an IT script runs it."""
    command = shutil.which("motcua", path=str(Path(sys.executable).parent)) or "motcua"
    return subprocess.run(
        [command, *map(str, args)], capture_output=True, text=True, encoding="utf-8", check=False
    )


def set_up_counter(folder: Path) -> Path:
    """A counter as IT staff leave it: its agency code and its officers' accounts."""
    done = motcua("settings", "set", "agency_code", AGENCY, "--data-dir", folder)
    assert done.returncode == 0, done.stderr
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    return folder


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return set_up_counter(tmp_path / "counter")


def as_officer(data_dir: Path) -> list[str]:
    return sign_in_args(data_dir.parent, OFFICER)


def as_it(data_dir: Path) -> list[str]:
    return sign_in_args(data_dir.parent, IT_ADMIN)


def receive(data_dir: Path, minute: int) -> subprocess.CompletedProcess[str]:
    return motcua(
        "receive",
        EXAMPLES / "doi-gtvt.json",
        *as_officer(data_dir),
        "--at",
        f"2026-11-23 09:{minute:02d}",
        "--data-dir",
        data_dir,
    )


def code_of(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 0, done.stderr
    code: str = json.loads(done.stdout)["code"]
    return code


def refused_with_store(done: subprocess.CompletedProcess[str], command: str) -> str:
    """Exit 6, nothing on stdout, one line naming the store; the line."""
    assert (done.returncode, done.stdout) == (EXIT_STORE, ""), done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"motcua {command}: ") and done.stderr.count("\n") == 1
    return done.stderr


def test_an_emptied_store_refuses_to_number(data_dir: Path) -> None:
    """Finding 1: after ``truncate -s 0`` the next ``receive`` issued …-0001 again, exit 0."""
    first = code_of(receive(data_dir, 10))
    assert first == f"{AGENCY}-261123-0001"
    store = data_dir / STORE_FILE
    subprocess.run(["truncate", "-s", "0", str(store)], check=True)
    message = refused_with_store(receive(data_dir, 20), "receive")
    assert f"{store}: kho hồ sơ rỗng (0 byte)" in message
    assert "motcua restore " in message and "motcua store new --confirm" in message
    assert store.stat().st_size == 0
    refused_with_store(motcua("store", "check", "--data-dir", data_dir), "store")


def test_a_restored_backup_resumes_numbering_without_reissuing(data_dir: Path) -> None:
    issued = [code_of(receive(data_dir, 10))]
    backed_up = motcua("backup", *as_it(data_dir), "--data-dir", data_dir)
    assert backed_up.returncode == 0, backed_up.stderr
    backup = Path(backed_up.stdout.strip())
    assert backup.parent == data_dir / "backups" and backup.name.startswith("motcua.manual-")
    issued += [code_of(receive(data_dir, minute)) for minute in (20, 30)]
    restored = motcua("restore", backup, *as_it(data_dir), "--data-dir", data_dir)
    assert restored.returncode == 0, restored.stderr
    result = json.loads(restored.stdout)
    assert result["restored_from"] == str(backup) and Path(result["set_aside"]).exists()
    code = code_of(receive(data_dir, 40))
    assert code not in issued and code == f"{AGENCY}-261123-0004"


def test_a_backup_of_another_counter_is_refused(data_dir: Path, tmp_path: Path) -> None:
    code_of(receive(data_dir, 10))
    other = set_up_counter(tmp_path / "other")
    foreign = Path(motcua("backup", *as_it(other), "--data-dir", other).stdout.strip())
    done = motcua("restore", foreign, *as_it(data_dir), "--data-dir", data_dir)
    assert (done.returncode, done.stdout) == (EXIT_REFUSED, ""), done.stderr
    assert "không phải của kho" in done.stderr and "Traceback" not in done.stderr
    missing = motcua("restore", tmp_path / "none.sqlite3", *as_it(data_dir), "--data-dir", data_dir)
    assert missing.returncode == EXIT_NOT_FOUND, missing.stderr


def test_a_damaged_store_is_one_message_on_every_command(data_dir: Path) -> None:
    """Finding 2: "database disk image is malformed" / "file is not a database" tracebacks."""
    code_of(receive(data_dir, 10))
    store = data_dir / STORE_FILE
    damage(store)
    message = refused_with_store(receive(data_dir, 20), "receive")
    assert f"{store}: kho hồ sơ bị hỏng, không đọc được" in message
    damage(store, header=True)
    for command in (("list", "--date", "2026-11-23"), ("show", f"{AGENCY}-261123-0001")):
        refused_with_store(motcua(*command, "--data-dir", data_dir), command[0])
    refused_with_store(receive(data_dir, 30), "receive")


def test_a_full_store_while_receiving_keeps_the_earlier_dossiers(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    codes = [code_of(receive(data_dir, minute)) for minute in (10, 20)]
    args = [
        "receive",
        str(EXAMPLES / "doi-gtvt.json"),
        *as_officer(data_dir),
        "--at",
        "2026-11-23 09:30",
        "--data-dir",
        str(data_dir),
    ]
    with full_store():
        assert main(args) == EXIT_STORE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"motcua receive: {data_dir / STORE_FILE}: ổ đĩa đã đầy")
    listed = motcua("list", "--date", "2026-11-23", "--json", "--data-dir", data_dir)
    assert [row["code"] for row in json.loads(listed.stdout)] == codes
    assert code_of(receive(data_dir, 40)) == f"{AGENCY}-261123-0003"


def test_store_check_and_a_new_store_only_when_confirmed(data_dir: Path) -> None:
    issued = code_of(receive(data_dir, 10))
    checked = motcua("store", "check", "--data-dir", data_dir)
    assert checked.returncode == 0, checked.stderr
    state = json.loads(checked.stdout)
    assert state["identity"] == state["recorded_identity"] is not None
    assert state["last_serials"] == [issued] and state["backups"] >= 1
    unconfirmed = motcua("store", "new", *as_it(data_dir), "--data-dir", data_dir)
    assert unconfirmed.returncode == 2 and "--confirm" in unconfirmed.stderr
    os.truncate(data_dir / STORE_FILE, 0)
    started = motcua("store", "new", "--confirm", *as_it(data_dir), "--data-dir", data_dir)
    assert started.returncode == 0, started.stderr
    assert json.loads(started.stdout)["identity"] != state["identity"]
    code = code_of(receive(data_dir, 20))
    assert code != issued and code == f"{AGENCY}-261123-0002"
