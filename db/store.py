"""The local store: one SQLite file in the data directory, migrated when opened.

A fault of the file itself (damaged, disk full, disk failing, folder not
writable, held by another program) is raised as one ``StoreFailure`` naming the
file, from opening the store and from every transaction and read
(``db.store_failure``); the program above passes ``report_failure`` to turn it
into its own kind of error (``app.store_ops``). A transaction that fails rolls
back whole: what was committed before is untouched.

After a transaction that gave a dossier its code commits, the store tells
``on_numbered`` (the counter's record of the last serials issued,
``app.store_record``).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from db.engine import create_store_engine
from db.migrate import migrate
from db.private_files import private_database
from db.store_failure import StoreFailure, failure_of
from db.store_name import STORE_FILE as STORE_FILE  # named here too, where it always was

BACKUPS_FOLDER = "backups"  # in the data folder, unless the settings name another
_NUMBERED = "motcua.numbered"
# SQLite takes a bounded number of parameters per statement: an IN list goes in slices.
PARAMETER_SLICE = 500


@dataclass(frozen=True)
class Numbered:
    """A serial given inside a transaction, and the block it was taken from."""

    agency: str
    day: dt.date
    serial: int
    first: int
    last: int


def note_numbered(session: Session, numbered: Numbered) -> None:
    """Remember a serial given in this transaction, for ``on_numbered`` once it commits."""
    session.info.setdefault(_NUMBERED, []).append(numbered)


class Store:
    def __init__(
        self,
        path: Path,
        *,
        backups: Path | None = None,
        on_numbered: Callable[[Numbered], None] | None = None,
        report_failure: Callable[[StoreFailure], Exception] | None = None,
    ) -> None:
        self.path = path
        self.backups = path.parent / BACKUPS_FOLDER if backups is None else backups
        self.on_numbered = on_numbered
        self._report_failure = report_failure
        private_database(path)  # 0600 before SQLite creates it; its -wal and -shm follow
        self.engine: Engine = create_store_engine(path)
        self._reader = create_store_engine(path, writer=False)
        try:
            with self._faults_reported():
                self.backup_taken = migrate(self.engine, path, self.backups)
        except BaseException:
            self.close()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reading_sessions = sessionmaker(self._reader)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> Store:
        """The store of ``data_dir``, opened as it is (created when missing): for the tests.
        The program opens it checked, with ``app.store_ops.open_store``."""
        return cls(data_dir / STORE_FILE)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One officer action: everything in it is committed together, or nothing is."""
        with self._faults_reported(), self._sessions.begin() as session:
            yield session
            numbered: Sequence[Numbered] = session.info.pop(_NUMBERED, ())
        if self.on_numbered is not None:
            for each in numbered:
                self.on_numbered(each)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Lookups and lists: a consistent snapshot that never waits for the writer."""
        with self._faults_reported(), self._reading_sessions() as session:
            yield session

    def integrity_check(self) -> str:
        return self._check("PRAGMA integrity_check")

    def quick_check(self) -> str:
        """``ok``, or SQLite's first finding: the structure checks without the index contents."""
        return self._check("PRAGMA quick_check")

    def close(self) -> None:
        self.engine.dispose()
        self._reader.dispose()

    def _check(self, pragma: str) -> str:
        with self._faults_reported(), self.engine.connect() as connection:
            return str(connection.execute(text(pragma)).scalar_one())

    @contextmanager
    def _faults_reported(self) -> Iterator[None]:
        try:
            yield
        except (DBAPIError, sqlite3.Error, StoreFailure) as error:
            failure = failure_of(error, self.path)
            if failure is None:
                raise
            reported = failure if self._report_failure is None else self._report_failure(failure)
            if reported is error:
                raise
            raise reported from error


def in_slices(values: Sequence[str], size: int = PARAMETER_SLICE) -> Iterator[Sequence[str]]:
    """``values`` in slices short enough for one statement's parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
