"""The data folder is 0700 and the store, its companions and its copies 0600, whatever the
umask (POSIX; on Windows the user's profile folder keeps other users out)."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.datadir import resolve_data_dir
from db.backup import take_backup
from db.store import STORE_FILE, Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The most permissive umask: the modes must not depend on it."""
    previous = os.umask(0)
    yield
    os.umask(previous)


def test_the_data_folder_and_the_store_are_private(tmp_path: Path) -> None:
    folder = resolve_data_dir(tmp_path / "new" / "motcua")
    assert _mode(folder) == 0o700
    store = Store.in_data_dir(folder)
    with store.transaction():
        pass  # the -wal and -shm exist while the store is open
    for name in (STORE_FILE, f"{STORE_FILE}-wal", f"{STORE_FILE}-shm"):
        assert _mode(folder / name) == 0o600, name
    backup = take_backup(folder / STORE_FILE, folder / "backups", "manual", dt.datetime.now())
    store.close()
    assert _mode(backup) == 0o600 and _mode(folder / "backups") == 0o700


def test_a_store_left_readable_by_an_older_version_is_narrowed(tmp_path: Path) -> None:
    Store.in_data_dir(tmp_path).close()
    (tmp_path / STORE_FILE).chmod(0o644)
    Store.in_data_dir(tmp_path).close()
    assert _mode(tmp_path / STORE_FILE) == 0o600
