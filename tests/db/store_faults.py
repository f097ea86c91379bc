"""Faults of the store's file, made at a chosen point and the same on any machine.

- ``full_store``: every store connection opened meanwhile may not grow the file past
  its size when opened (SQLite's ``PRAGMA max_page_count``), so the first transaction
  that needs a new page fails with "database or disk is full", as on a full disk;
- ``read_only_store``: every store connection opened meanwhile refuses to write
  (``PRAGMA query_only``): "attempt to write a readonly database", as in a folder
  this account may not write to. (The tests run as root, whom the folder's
  permissions do not stop, so ``chmod`` would test nothing.)
- ``damage``: a page of the file overwritten with garbage (the dossier table's root
  page: "database disk image is malformed"), or its header ("file is not a database").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

GARBAGE = 0xA5


@contextmanager
def full_store() -> Iterator[None]:
    def no_growth(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        pages = cursor.execute("PRAGMA page_count").fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    with _on_every_connection(no_growth):
        yield


@contextmanager
def read_only_store() -> Iterator[None]:
    def query_only(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA query_only = ON")

    with _on_every_connection(query_only):
        yield


def damage(store: Path, *, header: bool = False) -> None:
    """Overwrite the dossier table's root page (or the file's header) with garbage."""
    with closing(sqlite3.connect(store)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'dossier'"
        ).fetchone()[0]
    offset, size = (0, 100) if header else ((root - 1) * page_size, page_size)
    with store.open("r+b") as stream:
        stream.seek(offset)
        stream.write(bytes([GARBAGE]) * size)


@contextmanager
def _on_every_connection(configure: Any) -> Iterator[None]:
    # On the Engine class: the engines a command opens after this point get it too.
    event.listen(Engine, "connect", configure)
    try:
        yield
    finally:
        event.remove(Engine, "connect", configure)
