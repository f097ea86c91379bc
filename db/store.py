"""The local store: one SQLite file in the data directory, migrated when opened."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from db.engine import create_store_engine
from db.migrate import migrate

STORE_FILE = "motcua.sqlite3"


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine: Engine = create_store_engine(path)
        self.backup_taken = migrate(self.engine, path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = create_store_engine(path, writer=False)
        self._reading_sessions = sessionmaker(self._reader)

    @classmethod
    def in_data_dir(cls, data_dir: Path) -> Store:
        return cls(data_dir / STORE_FILE)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One officer action: everything in it is committed together, or nothing is."""
        with self._sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Lookups and lists: a consistent snapshot that never waits for the writer."""
        with self._reading_sessions() as session:
            yield session

    def integrity_check(self) -> str:
        with self.engine.connect() as connection:
            return str(connection.execute(text("PRAGMA integrity_check")).scalar_one())

    def close(self) -> None:
        self.engine.dispose()
        self._reader.dispose()
