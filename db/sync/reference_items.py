"""The centre's reference data as the counter's store holds it (``sync_reference_item``,
filled by the pull): read for the catalogue versions and the working-day overrides the
counter uses (``app.reference_data``). Reading only; the pull is the one writer."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from db.store import Store
from db.sync.local_models import ReferenceItem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Publication:
    """One item the centre published, as pulled."""

    kind: str
    key: str
    payload: str  # JSON, as the centre sent it
    version: int  # the centre's
    changed_at: dt.datetime  # server time


def publications(store: Store, kinds: Collection[str]) -> list[Publication]:
    """The items of ``kinds`` the centre publishes now (a withdrawn one is not), by kind and
    key."""
    with store.reading() as session:
        return _read(session, kinds)


def publications_in(path: Path, kinds: Collection[str]) -> list[Publication]:
    """The same from the store file at ``path``, read-only, for a command that does not open
    the store: none when there is no such file, it has no pulled items yet, or it cannot be
    read (the command then works with what the program ships; the store's own commands say
    what is wrong with it)."""
    if not path.is_file():
        return []
    uri = f"{path.resolve().as_uri()}?mode=ro"
    engine = create_engine(
        "sqlite+pysqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True),
        poolclass=NullPool,
        hide_parameters=True,  # no stored values in a log (db.engine)
    )
    try:
        with Session(engine) as session:
            if not inspect(session.connection()).has_table(ReferenceItem.__tablename__):
                return []
            return _read(session, kinds)
    except (SQLAlchemyError, sqlite3.Error) as error:  # the shipped data serve
        # Not a warning: the command goes on to open the store, and says what is wrong with it
        # in one message for the officer (a second line here would only repeat it).
        log.info("the store's reference data could not be read: %s", type(error).__name__)
        return []
    finally:
        engine.dispose()


def _read(session: Session, kinds: Collection[str]) -> list[Publication]:
    rows = session.scalars(
        select(ReferenceItem)
        .where(ReferenceItem.kind.in_(sorted(kinds)), ReferenceItem.withdrawn.is_(False))
        .order_by(ReferenceItem.kind, ReferenceItem.key)
    )
    return [
        Publication(row.kind, row.key, row.payload, row.version, row.changed_at) for row in rows
    ]
