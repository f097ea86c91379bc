"""The serials leased from the centre, as the counter holds them (no network here).

Receiving reads them inside its own transaction (``db.dossiers.store_reception``);
the sync thread adds them (``db.sync.leases``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Dossier
from db.records import columns_of
from db.sync.local_models import LeasedBlock


@dataclass(frozen=True)
class Lease:
    id: str
    agency: str
    day: dt.date
    first: int
    last: int
    leased_at: dt.datetime  # server time, naive UTC


def leased_blocks(session: Session, agency: str, day: dt.date) -> list[tuple[int, int]]:
    """The day's leased blocks, in the order they were given (for the receiving transaction)."""
    rows = session.execute(
        select(LeasedBlock.first, LeasedBlock.last)
        .where(LeasedBlock.agency == agency, LeasedBlock.day == day)
        .order_by(LeasedBlock.first)
    )
    return [(first, last) for first, last in rows]


def numbering_blocks(
    session: Session, agency: str, day: dt.date, reserve: tuple[int, int]
) -> list[tuple[int, int]]:
    """The ranges a new dossier of ``day`` is numbered from, in the order to use them:
    the day's leased blocks, then the counter's offline reserve."""
    return [*leased_blocks(session, agency, day), reserve]


def last_used_serial(
    session: Session, agency: str, day: dt.date, first: int, last: int
) -> int | None:
    """The highest serial of ``first``..``last`` this store gave on ``day``, if any."""
    return session.scalar(
        select(func.max(Dossier.code_serial)).where(
            Dossier.code_agency == agency,
            Dossier.code_day == day,
            Dossier.code_serial.between(first, last),
        )
    )


def free_leased(session: Session, agency: str, day: dt.date) -> int:
    """Leased serials of the day this counter has not used yet."""
    free = 0
    for first, last in leased_blocks(session, agency, day):
        used = last_used_serial(session, agency, day, first, last)
        free += last - (first - 1 if used is None else used)
    return free


def store_lease(session: Session, lease: Lease) -> None:
    session.add(LeasedBlock(**columns_of(lease)))
