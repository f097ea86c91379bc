"""The centre's publications read from a store file with SQLite alone, as ``db.store_file``
reads a store: for a command that does not open the store (``motcua due``, ``catalog``,
``check``), which then loads neither SQLAlchemy nor the models, most of such a command's
start (issue 19). The table is ``db.sync.local_models.ReferenceItem``; the pull is its one
writer (``db.sync.reference_items`` reads it through the open store)."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

_PUBLISHED = (
    "SELECT kind, key, payload, version, changed_at FROM sync_reference_item"
    " WHERE withdrawn = 0 AND kind IN ({kinds}) ORDER BY kind, key"
)


@dataclass(frozen=True)
class Publication:
    """One item the centre published, as pulled."""

    kind: str
    key: str
    payload: str  # JSON, as the centre sent it
    version: int  # the centre's
    changed_at: dt.datetime  # server time


def publications_in(path: Path, kinds: Collection[str]) -> list[Publication]:
    """The items of ``kinds`` the centre publishes now, by kind and key, from the store file
    at ``path``, read-only: none when there is no such file, it has no pulled items yet, or
    it cannot be read (the command then works with what the program ships; the store's own
    commands say what is wrong with it)."""
    if not path.is_file():
        return []
    ordered = sorted(kinds)
    query = _PUBLISHED.format(kinds=", ".join("?" * len(ordered)))
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(query, ordered).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:  # no such table yet, a damaged file: the shipped data serve
        # Not a warning: the command goes on to open the store, and says what is wrong with it
        # in one message for the officer (a second line here would only repeat it).
        log.info("the store's reference data could not be read: %s", type(error).__name__)
        return []
    return [
        Publication(kind, key, payload, int(version), dt.datetime.fromisoformat(changed_at))
        for kind, key, payload, version, changed_at in rows
    ]
