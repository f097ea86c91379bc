"""A store's file read directly with SQLite, before (or without) opening it as the ``Store``.

Opening a ``Store`` creates a missing file and migrates an old one; checking a
store at start, verifying a backup or choosing one to restore must see the file
as it is. ``connected`` never creates a file, ``examine`` says what is there.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from db.store_failure import Fault, StoreFailure, failure_of


@dataclass(frozen=True)
class StoreFile:
    """A store's file as found."""

    path: Path
    exists: bool
    size: int  # bytes of the main file
    identity: str | None = None  # None: no file, an empty one, or older than schema 0002
    revision: str | None = None  # its schema (Alembic revision); None: not a store yet
    central_url: str | None = None  # the central database it syncs with, if set

    @property
    def empty(self) -> bool:
        return self.exists and self.size == 0


def examine(path: Path) -> StoreFile:
    """The file at ``path`` as it is; StoreFailure(DAMAGED) when it is no whole database
    (``PRAGMA quick_check``), or another StoreFailure when it cannot be opened."""
    if not path.exists():
        return StoreFile(path, exists=False, size=0)
    size = path.stat().st_size
    if size == 0:
        return StoreFile(path, exists=True, size=0)
    try:
        with connected(path) as connection:
            checked = connection.execute("PRAGMA quick_check").fetchone()
            if checked is None or checked[0] != "ok":
                raise StoreFailure(Fault.DAMAGED, path, "quick_check")
            return StoreFile(
                path,
                exists=True,
                size=size,
                identity=store_identity(connection),
                revision=read_value(connection, "SELECT version_num FROM alembic_version"),
                central_url=read_value(connection, "SELECT central_url FROM sync_state"),
            )
    except sqlite3.Error as error:
        failure = failure_of(error, path)
        if failure is None:
            raise
        raise failure from error


def identity_in(path: Path) -> str | None:
    """The identity of the store at ``path`` without checking it; None when it has none or
    cannot be read (to pick, among backups, those of one store)."""
    try:
        with connected(path) as connection:
            return store_identity(connection)
    except sqlite3.Error:
        return None


def has_accounts_in(path: Path) -> bool:
    """Whether the store at ``path`` holds an officer's account, read without opening it as
    the ``Store``: the window then shows the sign-in dialog while the store opens (issue 19).
    False when there is no file, no such table yet or the file cannot be read: the window
    opens the store first and says what is wrong with it."""
    try:
        with connected(path) as connection:
            return read_value(connection, "SELECT 1 FROM officer_account LIMIT 1") is not None
    except sqlite3.Error:
        return False


@contextlib.contextmanager
def connected(path: Path, *, create: bool = False) -> Iterator[sqlite3.Connection]:
    """A plain SQLite connection to ``path``; a missing file is an error unless ``create``."""
    mode = "rwc" if create else "rw"
    connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode={mode}", uri=True)
    try:
        yield connection
    finally:
        connection.close()


def store_identity(connection: sqlite3.Connection) -> str | None:
    """The store's identity, ``sync_state.device_id``: a UUID created with the store."""
    return read_value(connection, "SELECT device_id FROM sync_state WHERE id = 1")


def read_value(connection: sqlite3.Connection, query: str) -> str | None:
    """The first column of the first row as text; None for no row, NULL, or a table the
    store does not have yet (an older schema)."""
    try:
        row = connection.execute(query).fetchone()
    except sqlite3.OperationalError as error:
        if str(error).startswith("no such table"):
            return None
        raise
    return None if row is None or row[0] is None else str(row[0])
