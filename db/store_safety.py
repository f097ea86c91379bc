"""What keeps a store from issuing a dossier code twice: its identity, the serials known to be
issued already, and the hold on the counter's reserve after a restore or a new store.

- the store's identity: ``sync_state.device_id``, a UUID created with the store
  (``db.store_file.examine`` reads it before the store is opened);
- known serials (``known_serial``): serials issued before that this store holds
  no dossier for — the counter's record of the last ones after a restore or a
  new store, or those the centre holds (``db.sync.recover``). ``next_serial``
  never gives one again;
- the reserve's hold (``store_safety``): a restored or new store numbers from the
  counter's offline reserve only once it has the counter's record or has caught
  up with the centre; freshly leased blocks are safe meanwhile, since the centre
  never leases a serial twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Table, bindparam, delete, func, select, text
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from db.compiled import CompiledSelect
from db.migrate import known_revision
from db.models import Dossier, KnownSerial, StoreSafety
from db.one_row import column_value
from db.store import Store
from db.store_file import StoreFile
from db.sync.local_models import LeasedBlock, SyncState

RECORD, CENTRE = "record", "centre"
OUTBOX_SEQUENCE = "sync_outbox"  # its AUTOINCREMENT counter in sqlite_sequence


@dataclass(frozen=True)
class IssuedSerial:
    agency: str
    day: dt.date
    serial: int


@dataclass(frozen=True)
class Safety:
    """The hold on the reserve and the catch-up, as ``motcua store check`` shows them."""

    reserve_held: bool
    catch_up_due: bool
    caught_up_at: dt.datetime | None
    known_serials: int


# ------------------------------------------------------------- named commands


def from_a_newer_program(found: StoreFile) -> bool:
    """Whether the store was written by a newer motcua (a schema this one does not know)."""
    return found.revision is not None and not known_revision(found.revision)


def identity_of(store: Store) -> str:
    with store.reading() as session:
        return _sync_state(session).device_id


def safety_of(store: Store) -> Safety:
    with store.reading() as session:
        row = _safety(session)
        known = session.scalar(select(func.count()).select_from(KnownSerial)) or 0
        return Safety(row.reserve_held, row.catch_up_due, row.caught_up_at, known)


def missing_issued(store: Store, issued: Sequence[IssuedSerial]) -> list[IssuedSerial]:
    """Those of ``issued`` (serials this counter gave) the store neither holds nor knows:
    a store missing one is older than the counter's record of what it issued."""
    with store.reading() as session:
        return [serial for serial in issued if not _holds(session, serial)]


def latest_issued(store: Store) -> list[IssuedSerial]:
    """The highest serial of each block this store used on the latest day it numbered
    (the leased blocks of that day, and the rest: the reserve). For a store adopted by
    the counter's record (one from before the record was kept)."""
    with store.reading() as session:
        latest = session.execute(
            select(Dossier.code_agency, Dossier.code_day)
            .where(Dossier.code_serial.is_not(None))
            .order_by(Dossier.code_day.desc(), Dossier.received_at.desc())
            .limit(1)
        ).first()
        agency, day = latest if latest is not None else (None, None)
        if agency is None or day is None:
            return []
        serials = session.scalars(
            select(Dossier.code_serial).where(
                Dossier.code_agency == agency, Dossier.code_day == day
            )
        ).all()
        leases = session.execute(
            select(LeasedBlock.first, LeasedBlock.last).where(
                LeasedBlock.agency == agency, LeasedBlock.day == day
            )
        ).all()
    used = [serial for serial in serials if serial is not None]
    highest: dict[tuple[int, int] | None, int] = {}
    for serial in used:
        block = next(((first, last) for first, last in leases if first <= serial <= last), None)
        highest[block] = max(serial, highest.get(block, 0))
    return [IssuedSerial(agency, day, serial) for serial in sorted(highest.values())]


def mark_restored(store: Store, record: Sequence[IssuedSerial] | None, now: dt.datetime) -> None:
    """A store just put back from a backup: it lacks whatever was done after the backup.

    - its leased blocks are forgotten: some of their serials may have been given
      after the backup; the sync leases fresh ones (a few serials are wasted,
      none is given twice);
    - its outbox sequence jumps to the time now in microseconds: the centre keeps
      a row's newest write by that sequence, and the operations made after the
      backup (unknown here while the centre is out of reach) were numbered below
      it — at most one per microsecond since the first restore's jump;
    - the settings' ``record`` of the last serials issued becomes known (when
      there is one, the reserve may be used at once), and a catch-up with the
      centre is due (``db.sync.recover``).
    """
    with store.transaction() as session:
        restored_seq = outbox_sequence(session)
        session.execute(delete(LeasedBlock))
        raise_outbox_sequence(session, int(now.timestamp() * 1_000_000))
        _hold(session, now, record, restored_seq=restored_seq)


def mark_new(store: Store, record: Sequence[IssuedSerial] | None, now: dt.datetime) -> None:
    """A store started anew in place of a lost one: it knows no code issued before it."""
    with store.transaction() as session:
        _hold(session, now, record, restored_seq=None)


def record_known(session: Session, serials: Iterable[IssuedSerial], source: str) -> int:
    """Add serials known to be issued (those already known stay as they are); how many."""
    rows = [
        {"agency": s.agency, "day": s.day, "serial": s.serial, "source": source} for s in serials
    ]
    if rows:
        session.execute(insert(KnownSerial).on_conflict_do_nothing(), rows)
    return len(rows)


def finish_catch_up(session: Session, now: dt.datetime) -> None:
    """The store caught up with the centre: the reserve is free, no catch-up is due."""
    row = _safety(session)
    row.reserve_held = row.catch_up_due = False
    row.changed_at = row.caught_up_at = now


# ------------------------------------------------------- inside a transaction


def reserve_held(session: Session) -> bool:
    return bool(column_value(session, StoreSafety, "reserve_held"))


def catch_up_due(session: Session) -> bool:
    return bool(column_value(session, StoreSafety, "catch_up_due"))


def restored_seq(session: Session) -> int | None:
    return _safety(session).restored_seq


def highest_known_serial(
    session: Session, agency: str, day: dt.date, first: int, last: int
) -> int | None:
    """The highest serial of ``first``..``last`` known to be issued on ``day``, if any."""
    params = {"agency": agency, "day": day, "first": first, "last": last}
    highest: int | None = _HIGHEST_KNOWN.scalar(session, params)
    return highest


# Built once, with bind parameters: numbering runs it for every dossier received.
_KNOWN = KnownSerial.__table__
assert isinstance(_KNOWN, Table)
_HIGHEST_KNOWN = CompiledSelect(
    select(func.max(_KNOWN.c.serial)).where(
        _KNOWN.c.agency == bindparam("agency"),
        _KNOWN.c.day == bindparam("day"),
        _KNOWN.c.serial.between(bindparam("first"), bindparam("last")),
    )
)


def outbox_sequence(session: Session) -> int:
    """The outbox's sequence: the number of its last operation ever, pruned ones included."""
    value = session.execute(
        text("SELECT seq FROM sqlite_sequence WHERE name = :name"), {"name": OUTBOX_SEQUENCE}
    ).scalar()
    return int(value or 0)


def raise_outbox_sequence(session: Session, at_least: int) -> None:
    """Number the next outbox operation above ``at_least`` (never lower the sequence).

    SQLite keeps an AUTOINCREMENT table's counter as a row of ``sqlite_sequence``
    (none before the first operation), which may be written like any table."""
    if outbox_sequence(session) >= at_least:
        return
    names = {"name": OUTBOX_SEQUENCE, "seq": at_least}
    session.execute(text("DELETE FROM sqlite_sequence WHERE name = :name"), names)
    session.execute(text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"), names)


# ------------------------------------------------------------------- helpers


def _hold(
    session: Session,
    now: dt.datetime,
    record: Sequence[IssuedSerial] | None,
    *,
    restored_seq: int | None,
) -> None:
    if record is not None:
        record_known(session, record, RECORD)
    row = _safety(session)
    row.reserve_held = record is None
    row.catch_up_due = True
    row.restored_seq = restored_seq
    row.changed_at, row.caught_up_at = now, None


def _holds(session: Session, issued: IssuedSerial) -> bool:
    dossier = session.scalar(
        select(Dossier.id).where(
            Dossier.code_agency == issued.agency,
            Dossier.code_day == issued.day,
            Dossier.code_serial == issued.serial,
        )
    )
    if dossier is not None:
        return True
    known = session.get(KnownSerial, (issued.agency, issued.day, issued.serial))
    return known is not None


def _safety(session: Session) -> StoreSafety:
    row = session.get(StoreSafety, 1)
    assert row is not None, "migration 0005 creates the store safety row"
    return row


def _sync_state(session: Session) -> SyncState:
    row = session.get(SyncState, 1)
    assert row is not None, "migration 0002 creates the sync state row"
    return row
