"""Copies of the store, taken with SQLite's online backup and verified before they count.

``sqlite3.Connection.backup`` copies the database page by page through SQLite
itself, so the copy includes what is still in the WAL and is consistent even
while the window is open (a file copy of ``motcua.sqlite3`` is neither). A copy
is written under a hidden ``.partial`` name, switched to the rollback journal
(one self-contained file), checked (``PRAGMA integrity_check`` and the store's
identity), and only then renamed to its final name: every file named like a
backup in the folder was verified when it was written.

Names say what and when: ``motcua.daily-20261202-073001.sqlite3`` (the first
opening of a day), ``motcua.manual-…`` (``motcua backup``),
``motcua.before-0004-…`` (before upgrading a store at schema 0004). Backups
older than the days to keep are deleted, never the newest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.private_files import private_database, private_folder
from db.store_failure import Fault, StoreFailure, failure_of
from db.store_file import connected, store_identity

DAILY, MANUAL = "daily", "manual"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(
    r"motcua\.(?P<kind>daily|manual|before-[0-9A-Za-z_]+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
    r"\.sqlite3"
)
# A partial copy left by a crash is removed once it is surely nobody's work in progress.
_STALE_PARTIAL = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str  # daily | manual | before-<revision>
    taken_at: dt.datetime  # the counter's clock, to the second
    number: int  # 0, or 1, 2, … for a second backup within the same second


def before_upgrade(revision: str) -> str:
    """The kind of a backup taken before upgrading a store at ``revision``."""
    return f"before-{revision}"


def take_backup(source: Path, folder: Path, kind: str, now: dt.datetime) -> Path:
    """A verified copy of the store ``source`` in ``folder``; StoreFailure when none could be
    written (nothing is left behind)."""
    try:
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
            private_folder(folder)
    except OSError as error:
        raise _failure(error, folder) from error
    target = _free_name(folder, kind, now)
    copy_store(source, target)
    return target


def verify_copy(copy: Path, identity: str | None) -> None:
    """The copy is a whole database of the same store, or StoreFailure(UNVERIFIED)."""
    try:
        with connected(copy) as connection:
            checked = connection.execute("PRAGMA integrity_check").fetchone()
            found = store_identity(connection)
    except sqlite3.Error as error:
        raise StoreFailure(Fault.UNVERIFIED, copy, type(error).__name__) from error
    if checked is None or checked[0] != "ok":
        raise StoreFailure(Fault.UNVERIFIED, copy, "integrity check")
    if found != identity:
        raise StoreFailure(Fault.UNVERIFIED, copy, "identity")


def backups_in(folder: Path) -> list[Backup]:
    """The verified backups in ``folder``, oldest first."""
    if not folder.is_dir():
        return []
    found: list[tuple[Backup, int]] = []
    for path in folder.iterdir():
        match = _NAME.fullmatch(path.name)
        if match is None:
            continue
        try:
            written = path.stat().st_mtime_ns
        except FileNotFoundError:  # pruned by another motcua meanwhile
            continue
        taken_at = dt.datetime.strptime(match["stamp"], _STAMP)
        found.append((Backup(path, match["kind"], taken_at, int(match["n"] or 0)), written))
    # Within one second (a daily backup, then ``motcua backup``), the file written last.
    found.sort(key=lambda item: (item[0].taken_at, item[1], item[0].number))
    return [backup for backup, _written in found]


def taken_on(folder: Path, day: dt.date) -> bool:
    """Whether a backup of any kind was taken on ``day``."""
    return any(backup.taken_at.date() == day for backup in backups_in(folder))


def prune(folder: Path, keep_days: int, now: dt.datetime) -> list[Path]:
    """Delete the backups older than ``keep_days`` days, never the newest; returns them."""
    backups = backups_in(folder)
    limit = now - dt.timedelta(days=keep_days)
    deleted = []
    for backup in backups[:-1]:
        if backup.taken_at < limit:
            with contextlib.suppress(FileNotFoundError):  # another process pruned it
                backup.path.unlink()
            deleted.append(backup.path)
    for partial in folder.glob(".motcua.*.partial") if folder.is_dir() else ():
        with contextlib.suppress(OSError):
            if dt.datetime.fromtimestamp(partial.stat().st_mtime) < now - _STALE_PARTIAL:
                partial.unlink()
    return deleted


def copy_store(source: Path, target: Path) -> None:
    """Write a verified copy of the store ``source`` at ``target`` (a backup, or the store
    a restore puts back); StoreFailure when it cannot, and no partial file is left."""
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        private_database(partial)  # a copy holds what the store holds: 0600 too
        with connected(source) as origin, connected(partial, create=True) as copy:
            identity = store_identity(origin)
            origin.backup(copy)
            # One self-contained file: no -wal beside a copy.
            copy.execute("PRAGMA journal_mode = DELETE")
        verify_copy(partial, identity)
        # The rename is not synced with its folder: a power cut may lose the copy's
        # name, never the store it was taken from.
        partial.replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        failure = failure_of(error, target)
        if failure is None or failure is error:
            raise
        if failure.fault is Fault.DAMAGED:  # the store read, not the copy written
            failure = StoreFailure(failure.fault, source, failure.detail)
        raise failure from error


def set_aside(store: Path, now: dt.datetime) -> Path | None:
    """Rename the store (with its -wal and -shm, which belong to it) out of the way:
    ``motcua.set-aside-<time>.sqlite3`` beside it. None when there was no file."""
    if not store.exists():
        return None
    target = store.with_name(f"{store.stem}.set-aside-{now:{_STAMP}}{store.suffix}")
    number = 0
    while target.exists():
        number += 1
        target = store.with_name(f"{store.stem}.set-aside-{now:{_STAMP}}-{number}{store.suffix}")
    try:
        for suffix in ("-wal", "-shm"):
            companion = store.with_name(store.name + suffix)
            if companion.exists():
                companion.replace(target.with_name(target.name + suffix))
        store.replace(target)
    except OSError as error:
        raise _failure(error, store) from error
    return target


def _free_name(folder: Path, kind: str, now: dt.datetime) -> Path:
    name = f"motcua.{kind}-{now:{_STAMP}}"
    target, number = folder / f"{name}.sqlite3", 0
    while target.exists():
        number += 1
        target = folder / f"{name}-{number}.sqlite3"
    return target


def _failure(error: OSError, path: Path) -> BaseException:
    return failure_of(error, path) or error
