"""Backups of the store: SQLite's online backup (the WAL included), verified before they
count, kept for the days asked and never the newest deleted."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import db.backup
import db.migrate
from app.catalogue.model import Catalogue
from app.reception import Timetable, receive
from db.backup import (
    DAILY,
    MANUAL,
    backups_in,
    prune,
    set_aside,
    take_backup,
    taken_on,
    verify_copy,
)
from db.migrate import head_revision
from db.store import Store
from db.store_failure import Fault, StoreFailure
from db.store_file import examine
from tests.db.conftest import counter, example_request
from tests.db.store_faults import damage
from tests.db.test_migrations import NEXT_REVISION

MORNING = dt.datetime(2026, 12, 2, 7, 30, 1)


def _receive(store: Store, catalogue: Catalogue, timetable: Timetable) -> str:
    receipt = receive(
        example_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=dt.datetime(2026, 11, 23, 9, 10),
    )
    assert receipt.code is not None
    return receipt.code


def _codes(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as connection:
        return [row[0] for row in connection.execute("SELECT code FROM dossier ORDER BY code")]


def test_a_backup_holds_what_is_still_in_the_wal_and_is_one_verified_file(
    store: Store, catalogue: Catalogue, timetable: Timetable, tmp_path: Path
) -> None:
    code = _receive(store, catalogue, timetable)
    # The store is open: the dossier is in the WAL, not yet in the main file.
    assert Path(f"{store.path}-wal").stat().st_size > 0
    folder = tmp_path / "backups"
    backup = take_backup(store.path, folder, DAILY, MORNING)
    assert backup == folder / "motcua.daily-20261202-073001.sqlite3"
    assert _codes(backup) == [code]
    assert not Path(f"{backup}-wal").exists()
    found = examine(backup)
    assert found.identity == examine(store.path).identity and found.revision == head_revision()
    assert [(b.kind, b.taken_at) for b in backups_in(folder)] == [(DAILY, MORNING)]
    assert taken_on(folder, MORNING.date()) and not taken_on(folder, dt.date(2026, 12, 3))
    # A second one in the same second gets its own name.
    again = take_backup(store.path, folder, MANUAL, MORNING)
    assert again.name == "motcua.manual-20261202-073001.sqlite3"
    assert take_backup(store.path, folder, MANUAL, MORNING).name.endswith("073001-1.sqlite3")


def test_a_copy_that_fails_its_check_is_not_kept(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "backups"

    def unverified(copy: Path, identity: str | None) -> None:
        raise StoreFailure(Fault.UNVERIFIED, copy, "integrity check")

    monkeypatch.setattr(db.backup, "verify_copy", unverified)
    with pytest.raises(StoreFailure) as failure:
        take_backup(store.path, folder, DAILY, MORNING)
    assert failure.value.fault is Fault.UNVERIFIED
    assert list(folder.iterdir()) == []  # neither the backup nor its partial copy


def test_verifying_finds_a_damaged_copy_and_a_copy_of_another_store(
    store: Store, tmp_path: Path
) -> None:
    backup = take_backup(store.path, tmp_path, MANUAL, MORNING)
    identity = examine(store.path).identity
    verify_copy(backup, identity)
    with pytest.raises(StoreFailure, match="identity"):
        verify_copy(backup, "another-store")
    damage(backup)
    with pytest.raises(StoreFailure) as failure:
        verify_copy(backup, identity)
    assert failure.value.fault is Fault.UNVERIFIED


def test_old_backups_go_but_never_the_newest(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    days = [MORNING - dt.timedelta(days=n) for n in (40, 31, 29, 1)]
    taken = [take_backup(store.path, folder, DAILY, day) for day in days]
    (folder / "notes.txt").write_text("IT staff's own file", encoding="utf-8")
    deleted = prune(folder, 30, MORNING)
    assert deleted == taken[:2]
    assert [b.path for b in backups_in(folder)] == taken[2:]
    assert (folder / "notes.txt").exists()  # only backups are ever deleted
    # Long after, the newest is still kept: it is the one to restore.
    assert prune(folder, 30, MORNING + dt.timedelta(days=365)) == taken[2:3]
    assert [b.path for b in backups_in(folder)] == taken[3:]


def test_the_copy_before_an_upgrade_is_a_backup_like_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    head = head_revision()
    Store.in_data_dir(data).close()
    migrations = tmp_path / "migrations"
    shutil.copytree(db.migrate.MIGRATIONS, migrations)
    (migrations / "versions" / "9999_next.py").write_text(
        NEXT_REVISION.format(head=head), encoding="utf-8"
    )
    monkeypatch.setattr(db.migrate, "MIGRATIONS", migrations)
    store = Store(data / "motcua.sqlite3", backups=tmp_path / "elsewhere")
    store.close()
    assert store.backup_taken is not None
    assert store.backup_taken.parent == tmp_path / "elsewhere"
    (backup,) = backups_in(tmp_path / "elsewhere")
    assert backup.kind == f"before-{head}" and backup.path == store.backup_taken
    assert examine(backup.path).revision == head


def test_a_store_of_a_newer_program_is_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "motcua.sqlite3"
    Store(path).close()
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("UPDATE alembic_version SET version_num = 'zz99'")
    with pytest.raises(StoreFailure) as failure:
        Store(path)
    assert failure.value.fault is Fault.NEWER
    assert backups_in(tmp_path / "backups") == []  # and nothing was upgraded


def test_setting_a_store_aside_keeps_its_wal_with_it(
    store: Store, catalogue: Catalogue, timetable: Timetable, tmp_path: Path
) -> None:
    code = _receive(store, catalogue, timetable)
    # A store left by a killed window: its last dossier only in the WAL beside it.
    crashed = tmp_path / "crashed" / "motcua.sqlite3"
    crashed.parent.mkdir()
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{store.path}{suffix}", f"{crashed}{suffix}")
    aside = set_aside(crashed, MORNING)
    assert aside is not None and aside.name == "motcua.set-aside-20261202-073001.sqlite3"
    assert not crashed.exists() and not Path(f"{crashed}-wal").exists()
    assert Path(f"{aside}-wal").exists()
    assert _codes(aside) == [code]
    assert set_aside(crashed, MORNING) is None  # nothing to set aside
