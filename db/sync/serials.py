"""The serials a counter numbers from, as it holds them (no network here).

- leases: blocks of a day's serials the centre leased to the point (``db.sync.leases``);
- the offline reserve: with a central database configured, the block the centre allocated
  to this counter when it registered (``db.sync.registration``), never the settings'
  own arithmetic; a counter with no central database numbers from its settings' block;
- withdrawn serials: blocks of a day the counter no longer numbers from, because the
  centre refused a code among them (``db.sync.push``).

Receiving reads them inside its own transaction (``db.dossiers.store_reception``), through
``numbering_blocks`` only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, delete, func, select
from sqlalchemy.orm import Session

from db.compiled import CompiledSelect
from db.models import Dossier
from db.records import columns_of
from db.sync.local_models import CounterReserve, LeasedBlock, WithdrawnSerials
from db.sync.state import central_url

Block = tuple[int, int]  # first, last


@dataclass(frozen=True)
class Lease:
    id: str
    agency: str
    day: dt.date
    first: int
    last: int
    leased_at: dt.datetime  # server time, naive UTC


@dataclass(frozen=True)
class RegisteredReserve:
    """The offline reserve the centre allocated to this counter."""

    agency: str
    counter_number: int
    first: int
    last: int
    valid_from: dt.date | None  # the first day it may be numbered from; None: any day
    registered_at: dt.datetime  # server time, naive UTC

    @property
    def size(self) -> int:
        return self.last - self.first + 1


class ReserveUnavailable(Exception):
    """The counter may not number from its offline reserve (and its leases are used up).

    ``reason``: ``NOT_REGISTERED`` (a central database is configured and the centre has
    not allocated this counter's reserve yet, or for another agency),
    ``BEFORE_VALID`` (the day is before the first day the reserve may be used),
    ``WITHDRAWN`` (the centre refused a code of the reserve that day).
    """

    NOT_REGISTERED = "not-registered"
    BEFORE_VALID = "before-valid"
    WITHDRAWN = "withdrawn"

    def __init__(self, agency: str, day: dt.date, reason: str) -> None:
        super().__init__(f"no offline reserve for agency {agency} on {day:%d/%m/%Y}: {reason}")
        self.agency, self.day, self.reason = agency, day, reason


# Numbering runs these for every dossier received: built once, with bind parameters, on the
# tables (no ORM entity to load), a reused statement is neither rebuilt nor re-keyed.
_DOSSIER, _LEASES = Dossier.__table__, LeasedBlock.__table__
_WITHDRAWN_SERIALS = WithdrawnSerials.__table__
assert isinstance(_DOSSIER, Table) and isinstance(_LEASES, Table)
assert isinstance(_WITHDRAWN_SERIALS, Table)
# Compiled once: numbering runs them for every dossier received (issue 19).
_LEASED = CompiledSelect(
    select(_LEASES.c.first, _LEASES.c.last)
    .where(_LEASES.c.agency == bindparam("agency"), _LEASES.c.day == bindparam("day"))
    .order_by(_LEASES.c.first)
)
_LAST_USED = CompiledSelect(
    select(func.max(_DOSSIER.c.code_serial)).where(
        _DOSSIER.c.code_agency == bindparam("agency"),
        _DOSSIER.c.code_day == bindparam("day"),
        _DOSSIER.c.code_serial.between(bindparam("first"), bindparam("last")),
    )
)
_WITHDRAWN = CompiledSelect(
    select(_WITHDRAWN_SERIALS.c.first, _WITHDRAWN_SERIALS.c.last).where(
        _WITHDRAWN_SERIALS.c.agency == bindparam("agency"),
        _WITHDRAWN_SERIALS.c.day == bindparam("day"),
    )
)


def leased_blocks(session: Session, agency: str, day: dt.date) -> list[Block]:
    """The day's leased blocks, in the order they were given (for the receiving transaction)."""
    rows = _LEASED.all(session, {"agency": agency, "day": day})
    return [(first, last) for first, last in rows]


def numbering_blocks(
    session: Session, agency: str, day: dt.date, reserve: tuple[int, int]
) -> list[tuple[int, int]]:
    """The ranges a new dossier of ``day`` is numbered from, in the order to use them:
    the day's leased blocks, then the counter's offline reserve.

    ``reserve`` is the block the settings give; it is used only when no central database
    is configured. Withdrawn blocks are left out. Raises ``ReserveUnavailable`` when the
    offline reserve may not be used and no leased serial is left.
    """
    withdrawn = withdrawn_blocks(session, agency, day)
    leases = [
        block for block in leased_blocks(session, agency, day) if not _meets(block, withdrawn)
    ]
    offline, reason = _offline_reserve(session, agency, day, reserve)
    if offline is not None and _meets(offline, withdrawn):
        offline, reason = None, ReserveUnavailable.WITHDRAWN
    if offline is not None:
        return [*leases, offline]
    if any(_has_room(session, agency, day, block) for block in leases):
        return leases
    raise ReserveUnavailable(agency, day, reason or ReserveUnavailable.NOT_REGISTERED)


def _offline_reserve(
    session: Session, agency: str, day: dt.date, settings_block: Block
) -> tuple[Block | None, str | None]:
    if not central_url(session):
        return settings_block, None  # a counter on its own: nobody else allocates
    registered = registered_reserve(session)
    if registered is None or registered.agency != agency:
        return None, ReserveUnavailable.NOT_REGISTERED
    if registered.valid_from is not None and day < registered.valid_from:
        return None, ReserveUnavailable.BEFORE_VALID
    return (registered.first, registered.last), None


def _meets(block: Block, others: Sequence[Block]) -> bool:
    first, last = block
    return any(other_first <= last and other_last >= first for other_first, other_last in others)


def _has_room(session: Session, agency: str, day: dt.date, block: Block) -> bool:
    used = last_used_serial(session, agency, day, *block)
    return used is None or used < block[1]


def last_used_serial(
    session: Session, agency: str, day: dt.date, first: int, last: int
) -> int | None:
    """The highest serial of ``first``..``last`` this store gave on ``day``, if any."""
    params = {"agency": agency, "day": day, "first": first, "last": last}
    used: int | None = _LAST_USED.scalar(session, params)
    return used


def free_leased(session: Session, agency: str, day: dt.date) -> int:
    """Leased serials of the day this counter has not used yet (withdrawn ones excluded)."""
    withdrawn = withdrawn_blocks(session, agency, day)
    free = 0
    for first, last in leased_blocks(session, agency, day):
        if _meets((first, last), withdrawn):
            continue
        used = last_used_serial(session, agency, day, first, last)
        free += last - (first - 1 if used is None else used)
    return free


def store_lease(session: Session, lease: Lease) -> None:
    session.add(LeasedBlock(**columns_of(lease)))


# ---------------------------------------------------------------- the registered reserve


def registered_reserve(session: Session) -> RegisteredReserve | None:
    row = session.get(CounterReserve, 1)
    if row is None:
        return None
    return RegisteredReserve(
        row.agency, row.counter_number, row.first, row.last, row.valid_from, row.registered_at
    )


def save_registered_reserve(session: Session, reserve: RegisteredReserve) -> None:
    session.merge(CounterReserve(id=1, **columns_of(reserve)))


def forget_registered_reserve(session: Session) -> None:
    """The centre no longer holds this counter's reserve for it (or it is another centre)."""
    session.execute(delete(CounterReserve))


# ---------------------------------------------------------------- withdrawn serials


def withdrawn_blocks(session: Session, agency: str, day: dt.date) -> list[Block]:
    rows = _WITHDRAWN.all(session, {"agency": agency, "day": day})
    return [(first, last) for first, last in rows]


def withdraw_serial(
    session: Session, agency: str, day: dt.date, serial: int, at: dt.datetime
) -> Block:
    """Stop numbering, on ``day``, from the block ``serial`` came from (a lease, the reserve,
    or the serial alone): the centre refused its code. Returns the block withdrawn."""
    first, last = _block_of(session, agency, day, serial)
    held = session.get(WithdrawnSerials, (agency, day, first))
    if held is None:
        session.add(
            WithdrawnSerials(agency=agency, day=day, first=first, last=last, withdrawn_at=at)
        )
    elif held.last < last:
        held.last = last
    return first, last


def _block_of(session: Session, agency: str, day: dt.date, serial: int) -> Block:
    for first, last in leased_blocks(session, agency, day):
        if first <= serial <= last:
            return first, last
    registered = registered_reserve(session)
    if registered is not None and registered.first <= serial <= registered.last:
        return registered.first, registered.last
    return serial, serial
