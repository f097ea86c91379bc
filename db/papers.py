"""The store's side of the papers: the prints of each slip and the register's lines.

``slip_book`` opens a ``SlipBook`` on a reading snapshot or, to record a
print, on a writing transaction (which holds the store's write lock, so two
windows reprinting at once cannot both get the same print number). What to
print and whether a print may be recorded is decided in ``app.papers``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from db.audit import (
    UNKNOWN_STATION,
    AuditAction,
    AuditEntry,
    Station,
    record_action,
    station_of,
)
from db.dossiers import history_query, stored, stored_by_key
from db.models import Dossier, Slip
from db.records import Actor, DossierKey, RegisterEntry, SlipRecord, StoredDossier, columns_of
from db.store import Store


class SlipBook:
    """The named queries of printing, inside one snapshot or transaction."""

    def __init__(self, session: Session, station: Station = UNKNOWN_STATION) -> None:
        self._session = session
        self._station = station  # the counter that records a print (db.audit)

    def dossier(self, key: DossierKey) -> StoredDossier | None:
        """The dossier with its whole history."""
        return stored_by_key(self._session, key)

    def printed(self, dossier_id: str, round_id: str, kind: str) -> int:
        """How many prints of this slip of this round are recorded."""
        count = self._session.scalar(
            select(func.count())
            .select_from(Slip)
            .where(Slip.dossier_id == dossier_id, Slip.round_id == round_id, Slip.kind == kind)
        )
        return int(count or 0)

    def register_serial(self, dossier: StoredDossier) -> int:
        return register_serial(self._session, dossier.received_at, dossier.code)

    def record(self, slip: SlipRecord, actor: Actor) -> None:
        """Record a print, and its audit record (naming ``actor``), in the book's transaction;
        the slip's ``officer`` is the name kept with the print."""
        row = Slip(**columns_of(slip))
        self._session.add(row)
        self._session.flush()
        action = AuditAction.PRINT if slip.print_number == 1 else AuditAction.REPRINT
        subject: dict[str, str | int] = {
            "dossier_id": slip.dossier_id,
            "round_id": slip.round_id,
            "slip_id": row.id,
            "paper": slip.kind,
            "print_number": slip.print_number,
            **actor.subject(),
        }
        entry = AuditEntry(action, actor.login, subject)
        record_action(self._session, entry, self._station)


@contextmanager
def slip_book(store: Store, *, writing: bool = False) -> Iterator[SlipBook]:
    """A reading snapshot, or (``writing``) one transaction committed when the block ends."""
    if writing:
        with store.transaction() as session:
            yield SlipBook(session, station_of(store))
    else:
        with store.reading() as session:
            yield SlipBook(session)


def register_serial(session: Session, received_at: dt.datetime, code: str | None) -> int:
    """The dossier's line in the year's book: the accepted dossiers before it, plus one.

    One book a year, numbered on without gaps in the order the dossiers were
    received (the code breaks ties between dossiers of the same minute).
    """
    earlier = session.scalar(
        select(func.count())
        .select_from(Dossier)
        .where(
            Dossier.code.is_not(None),
            Dossier.received_at >= dt.datetime(received_at.year, 1, 1),
            or_(
                Dossier.received_at < received_at,
                and_(Dossier.received_at == received_at, Dossier.code < code),
            ),
        )
    )
    return int(earlier or 0) + 1


def register_entries(store: Store, start: dt.datetime, end: dt.datetime) -> list[RegisterEntry]:
    """The dossiers given a code and received in [start, end), in the book's order, each
    with its history and its line in its year's book."""
    with store.reading() as session:
        dossiers = session.scalars(
            history_query(
                and_(
                    Dossier.code.is_not(None),
                    Dossier.received_at >= start,
                    Dossier.received_at < end,
                ),
                with_history=True,
            ).order_by(Dossier.received_at, Dossier.code)
        ).all()
        serials: dict[int, int] = {}
        entries = []
        for dossier in dossiers:
            year = dossier.received_at.year
            if year not in serials:
                serials[year] = register_serial(session, dossier.received_at, dossier.code) - 1
            serials[year] += 1
            entries.append(RegisterEntry(stored(dossier, with_history=True), serials[year]))
    return entries
