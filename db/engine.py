"""Opening the local store: one SQLite file, made safe against crashes and power cuts.

- WAL with ``synchronous=FULL``: a committed dossier survives a power cut, and
  readers (the list of today's dossiers) never wait for the writer.
- Every writing transaction starts with ``BEGIN IMMEDIATE``: the write lock is
  taken at the start, so two processes never both read a serial and then both
  write it, and a busy store waits (``busy_timeout``) instead of failing
  half-way. Reading transactions begin deferred and never take that lock.
- Foreign keys on: an item row can never outlive its round.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_MS = 30_000


def _no_rows(record: logging.LogRecord) -> bool:
    """At DEBUG SQLAlchemy logs every row it reads: a dossier's applicant with it. Dropped
    here, on the logger itself, so no logging configuration can bring them back."""
    return not (isinstance(record.msg, str) and record.msg.startswith("Row "))


logging.getLogger("sqlalchemy.engine.Engine").addFilter(_no_rows)


def create_store_engine(path: Path, *, writer: bool = True) -> Engine:
    # hide_parameters: with its logger at INFO, SQLAlchemy would log every statement's
    # values (applicants' names, ID numbers, photos); the statements alone are enough.
    engine = create_engine(f"sqlite+pysqlite:///{path}", hide_parameters=True)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin_immediate if writer else _begin_deferred)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (pysqlite would defer it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_deferred(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")
