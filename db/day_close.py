"""Closing a counter's day: the store's side (the facts the checks read, the close written)
and the centre's (its count and digest of the same day, the close recorded there).

*The day's dossiers* are this counter's dossiers (``counter_number``) with a round received
that day: new dossiers and applicants back with papers alike. Days are calendar days of the
local naive times the store keeps (``received_at`` is the counter's local time, Vietnam time
at a counter; no time zone is stored), so a day is ``[day 00:00, day+1 00:00)``.

Each is a line ``code TAB id TAB status`` (no code yet: empty; voided: ``voided``); the
day's digest is the SHA-256 (hex) of the lines sorted and joined by newlines, the same the
centre computes over what it holds (``motcua.day_digest``, c0007).

A dossier whose code the centre refused (``refused_by_centre``) is counted as the centre
holds it: left out when the centre refused its insert (it has not got it); when it refused
a later write that gave the code (an applicant back with the papers, numbered then), as
the centre's copy stands, from the last write it took (``_as_the_centre_holds``). Its
serial is then an explained gap, and its operations held behind the refusal are not
"unsent". A refused write that did not change the code (a re-appointment, say) explains
nothing: it is an operation not at the centre. The outbox keeps sent operations 30 days
(``db.sync.round.KEEP_SENT``): a close within them tells the two refusals apart exactly.

A close is one ``day_close`` row per day and counter (insert-only, migration 0011, whose
triggers refuse any later receipt, round, re-appointment or void dated on a closed day:
``DAY_CLOSED_MARK``) and its audit record ``day-close``, written in one transaction after
the centre recorded the close (``record_central_close``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

import psycopg
from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from db.audit import AuditAction, AuditEntry, record_action, station_of
from db.central.schema import SCHEMA
from db.compiled import CompiledSelect
from db.models import (
    AuditRecord,
    DayClose,
    Dossier,
    DossierVoid,
    OutboxOperation,
    PresentedItemRow,
    ReceptionRound,
    Slip,
)
from db.records import Actor
from db.store import Store, in_slices
from db.sync.connection import Connection
from db.sync.outbox import PENDING, REJECTED, SENT
from db.sync.serials import leased_blocks, registered_reserve
from db.sync.state import sync_state

# The oldest central schema a close can be checked against (c0007's functions). A counter
# still pushes to schema 6 (db.sync.compat.REQUIRED_SCHEMA): it writes no new table.
DAY_CLOSE_SCHEMA = 7
# What the triggers of migration 0011 say when a write is dated on a closed day.
DAY_CLOSED_MARK = "motcua-day-closed"
VOIDED = "voided"
# Why a serial of the day has no dossier standing for it in the register.
BY_VOID, BY_CENTRE = "voided", "refused-by-centre"
# What a dossier of the day lacks.
NO_CODE, NO_DUE_DATE, NO_SLIP, NO_CHECKLIST = "no-code", "no-due-date", "no-slip", "no-checklist"


# ------------------------------------------------------------------ records


@dataclass(frozen=True)
class DayLine:
    code: str | None
    dossier_id: str
    status: str  # accepted | awaiting-supplement | refused | voided

    def text(self) -> str:
        return f"{self.code or ''}\t{self.dossier_id}\t{self.status}"


@dataclass(frozen=True)
class Incomplete:
    key: str  # the code, or the id of a dossier without one
    lacks: str  # NO_CODE | NO_DUE_DATE | NO_SLIP | NO_CHECKLIST


@dataclass(frozen=True)
class Gap:
    """A serial of the day with no valid dossier behind it in the register."""

    serial: int
    code: str
    explained_by: str | None  # BY_VOID | BY_CENTRE; None: unexplained


@dataclass(frozen=True)
class Unsent:
    """An operation of a dossier of the day that has not reached the centre."""

    key: str
    table: str
    state: str  # pending | rejected
    reason: str | None


@dataclass(frozen=True)
class ClosedDay:
    id: str
    day: dt.date
    counter_number: int
    closed_at: dt.datetime
    officer: str
    actor: str
    dossier_count: int
    digest: str
    central_id: str | None


@dataclass(frozen=True)
class DayFacts:
    """What the checks of a close read from the store, in one snapshot."""

    day: dt.date
    counter_number: int
    lines: tuple[DayLine, ...]  # the dossiers the centre should hold
    refused_by_centre: tuple[str, ...]  # codes (or ids) of dossiers the centre refused
    incomplete: tuple[Incomplete, ...]
    gaps: tuple[Gap, ...]
    unsent: tuple[Unsent, ...]
    central: bool  # a central database is configured
    device_id: str
    closed: ClosedDay | None

    @property
    def dossier_count(self) -> int:
        return len(self.lines)

    @property
    def digest(self) -> str:
        return digest_of(self.lines)


@dataclass(frozen=True)
class DayCloseWrite:
    day: dt.date
    agency: str
    counter_number: int
    closed_at: dt.datetime
    officer: str
    actor: Actor
    dossier_count: int
    digest: str


def digest_of(lines: Iterable[DayLine]) -> str:
    """SHA-256 (hex) of the lines sorted and joined by newlines (``motcua.day_digest``)."""
    joined = "\n".join(sorted(line.text() for line in lines))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()


def day_closed_refusal(error: BaseException) -> bool:
    """Whether ``error`` (or what it wraps) is migration 0011's refusal of a closed day."""
    seen: BaseException | None = error
    while seen is not None:
        if DAY_CLOSED_MARK in str(seen):
            return True
        seen = getattr(seen, "orig", None) or seen.__cause__
    return False


# ------------------------------------------------------------------ the store


def day_facts(
    store: Store, day: dt.date, agency: str, counter_number: int, reserve: tuple[int, int]
) -> DayFacts:
    """The day's facts at counter ``counter_number``; ``reserve`` is the settings' block
    (used when no central database registered another)."""
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    with store.reading() as session:
        state = sync_state(session)
        dossiers = list(
            session.scalars(
                select(Dossier)
                .where(
                    Dossier.counter_number == counter_number,
                    Dossier.id.in_(
                        select(ReceptionRound.dossier_id).where(
                            ReceptionRound.received_at >= start, ReceptionRound.received_at < end
                        )
                    ),
                )
                .order_by(Dossier.received_at)
            )
        )
        ids = [dossier.id for dossier in dossiers]
        voided = _voided(session, ids)
        refused = _code_refusals(session, ids)
        lines = tuple(
            DayLine(d.code, d.id, VOIDED if d.id in voided else d.status)
            for d in dossiers
            if d.id not in refused
        )
        held_at_centre = (
            _as_the_centre_holds(session, dossier_id, copy, start, end)
            for dossier_id, copy in refused.items()
            if copy is not None
        )
        return DayFacts(
            day=day,
            counter_number=counter_number,
            lines=lines + tuple(line for line in held_at_centre if line is not None),
            refused_by_centre=tuple(d.code or d.id for d in dossiers if d.id in refused),
            incomplete=tuple(_incomplete(session, dossiers, start, end)),
            gaps=tuple(
                _gaps(session, day, agency, counter_number, reserve, bool(state.central_url))
            ),
            # With no central database the outbox only waits for one: nothing is unsent.
            unsent=tuple(_unsent(session, dossiers, set(refused))) if state.central_url else (),
            central=bool(state.central_url),
            device_id=state.device_id,
            closed=_closed(session, day, counter_number),
        )


def closed_day(store: Store, day: dt.date, counter_number: int | None) -> ClosedDay | None:
    """The close of ``day`` at the counter (None: at any counter of this store), if any."""
    with store.reading() as session:
        return _closed(session, day, counter_number)


def store_day_close(store: Store, write: DayCloseWrite, central_id: str | None) -> ClosedDay:
    """Record the close and its audit record in one transaction; a day closed before is
    returned as it was (nothing written)."""
    with store.transaction() as session:
        earlier = _closed(session, write.day, write.counter_number)
        if earlier is not None:
            return earlier
        row = DayClose(
            day=write.day,
            agency=write.agency,
            counter_number=write.counter_number,
            closed_at=write.closed_at,
            officer=write.officer,
            actor=write.actor.login,
            dossier_count=write.dossier_count,
            digest=write.digest,
            central_id=central_id,
        )
        session.add(row)
        session.flush()
        subject: dict[str, str | int] = {
            "day": write.day.isoformat(),
            "counter_number": write.counter_number,
            "day_close_id": row.id,
            "dossier_count": write.dossier_count,
            "digest": write.digest,
        }
        if central_id is not None:
            subject["central_id"] = central_id
        subject.update(write.actor.subject())
        record_action(
            session,
            AuditEntry(AuditAction.DAY_CLOSE, write.actor.login, subject),
            station_of(store),
        )
        return _record(row)


# Receiving checks the day is open before every dossier: the close is read with a statement
# built once (bind parameters, columns of the table, no ORM object), not rebuilt each time.
_CLOSES = DayClose.__table__
assert isinstance(_CLOSES, Table)
# Compiled once: every receipt asks whether its day is closed before it is written.
_CLOSES_OF_DAY = (
    select(*(_CLOSES.c[field.name] for field in fields(ClosedDay)))
    .where(_CLOSES.c.day == bindparam("day"))
    .order_by(_CLOSES.c.closed_at)
)
_CLOSE_OF_DAY = CompiledSelect(_CLOSES_OF_DAY)
_CLOSE_AT_COUNTER = CompiledSelect(
    _CLOSES_OF_DAY.where(_CLOSES.c.counter_number == bindparam("counter_number"))
)


def _closed(session: Session, day: dt.date, counter_number: int | None) -> ClosedDay | None:
    if counter_number is None:
        row = _CLOSE_OF_DAY.first(session, {"day": day})
    else:
        row = _CLOSE_AT_COUNTER.first(session, {"day": day, "counter_number": counter_number})
    return None if row is None else ClosedDay(*row)


def _record(row: DayClose) -> ClosedDay:
    return ClosedDay(
        row.id,
        row.day,
        row.counter_number,
        row.closed_at,
        row.officer,
        row.actor,
        row.dossier_count,
        row.digest,
        row.central_id,
    )


def _voided(session: Session, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for part in in_slices(ids):
        found.update(
            session.scalars(select(DossierVoid.dossier_id).where(DossierVoid.dossier_id.in_(part)))
        )
    return found


def _code_refusals(session: Session, ids: Sequence[str]) -> dict[str, dict[str, object] | None]:
    """Dossiers of ``ids`` whose code the centre refused with the write of their row that
    gave it, each with the row as the centre holds it (its last write the centre took), or
    None when the refused write was the insert: the centre has not got the dossier. A
    dossier whose refused write left the code as the centre holds it is not here."""
    refusals: dict[str, dict[str, object] | None] = {}
    for dossier_id, seq, payload in _first_refused_writes(session, ids):
        taken = session.scalar(
            select(OutboxOperation.payload)
            .where(
                OutboxOperation.table_name == "dossier",
                OutboxOperation.row_id == dossier_id,
                OutboxOperation.state == SENT,
                OutboxOperation.seq < seq,
            )
            .order_by(OutboxOperation.seq.desc())
            .limit(1)
        )
        if taken is None:
            refusals[dossier_id] = None
            continue
        copy: dict[str, object] = json.loads(taken)
        if copy.get("code") != json.loads(payload).get("code"):
            refusals[dossier_id] = copy
    return refusals


def _first_refused_writes(session: Session, ids: Sequence[str]) -> Iterable[tuple[str, int, str]]:
    """(dossier id, seq, payload) of the first refused write of each dossier row of ``ids``:
    the dossier's later writes wait behind it, so it is the one that tells why."""
    seen: set[str] = set()
    for part in in_slices(ids):
        found = session.execute(
            select(OutboxOperation.row_id, OutboxOperation.seq, OutboxOperation.payload)
            .where(
                OutboxOperation.table_name == "dossier",
                OutboxOperation.state == REJECTED,
                OutboxOperation.row_id.in_(part),
            )
            .order_by(OutboxOperation.seq)
        )
        for dossier_id, seq, payload in found:
            if dossier_id not in seen:
                seen.add(dossier_id)
                yield dossier_id, seq, payload


def _as_the_centre_holds(
    session: Session,
    dossier_id: str,
    copy: dict[str, object],
    start: dt.datetime,
    end: dt.datetime,
) -> DayLine | None:
    """The line ``motcua.day_digest`` makes of a dossier the centre holds as ``copy``: none
    when none of its rounds of the day reached the centre (it is not the centre's dossier
    of the day), voided only when its void reached the centre."""
    rounds = session.scalars(
        select(ReceptionRound.id).where(
            ReceptionRound.dossier_id == dossier_id,
            ReceptionRound.received_at >= start,
            ReceptionRound.received_at < end,
        )
    ).all()
    if not _reached(session, "reception_round", rounds):
        return None
    void = session.scalars(select(DossierVoid.id).where(DossierVoid.dossier_id == dossier_id)).all()
    code = copy.get("code")
    status = VOIDED if _reached(session, "dossier_void", void) else str(copy["status"])
    return DayLine(code if isinstance(code, str) else None, dossier_id, status)


def _reached(session: Session, table: str, row_ids: Sequence[str]) -> set[str]:
    """The rows of ``table`` among ``row_ids`` with no write still pending or refused: the
    centre took them (their sent operations may have been forgotten since)."""
    waiting = set(
        session.scalars(
            select(OutboxOperation.row_id).where(
                OutboxOperation.table_name == table,
                OutboxOperation.row_id.in_(row_ids),
                OutboxOperation.state.in_((PENDING, REJECTED)),
            )
        )
    )
    return set(row_ids) - waiting


def _incomplete(
    session: Session, dossiers: Sequence[Dossier], start: dt.datetime, end: dt.datetime
) -> Iterable[Incomplete]:
    """What a dossier of the day lacks: an accepted one its code or due date; each round of
    the day its checklist or the first print of its paper (BM 01, 02 or 03)."""
    by_id = {dossier.id: dossier for dossier in dossiers}
    rounds: list[tuple[str, str]] = []
    for part in in_slices(list(by_id)):
        rounds.extend(
            (round_id, dossier_id)
            for round_id, dossier_id in session.execute(
                select(ReceptionRound.id, ReceptionRound.dossier_id).where(
                    ReceptionRound.dossier_id.in_(part),
                    ReceptionRound.received_at >= start,
                    ReceptionRound.received_at < end,
                )
            ).all()
        )
    round_ids = [round_id for round_id, _ in rounds]
    printed: set[str] = set()
    listed: set[str] = set()
    for part in in_slices(round_ids):
        printed.update(
            session.scalars(
                select(Slip.round_id).where(Slip.round_id.in_(part), Slip.print_number == 1)
            )
        )
        listed.update(
            session.scalars(
                select(PresentedItemRow.round_id).where(PresentedItemRow.round_id.in_(part))
            )
        )
    for dossier in dossiers:
        key = dossier.code or dossier.id
        if dossier.status == "accepted" and dossier.code is None:
            yield Incomplete(key, NO_CODE)
        if dossier.status == "accepted" and dossier.due_at is None:
            yield Incomplete(key, NO_DUE_DATE)
    for round_id, dossier_id in rounds:
        key = by_id[dossier_id].code or dossier_id
        if round_id not in listed:
            yield Incomplete(key, NO_CHECKLIST)
        if round_id not in printed:
            yield Incomplete(key, NO_SLIP)


def _gaps(
    session: Session,
    day: dt.date,
    agency: str,
    counter_number: int,
    reserve: tuple[int, int],
    central: bool,
) -> Iterable[Gap]:
    """Serials of the day's blocks, up to the highest this counter gave in each, with no
    valid dossier: missing from the store, voided, or refused by the centre. A missing one
    is explained when the trail records its void or the outbox the centre's refusal."""
    rows = session.execute(
        select(Dossier.code_serial, Dossier.code, Dossier.id).where(
            Dossier.code_agency == agency,
            Dossier.code_day == day,
            Dossier.counter_number == counter_number,
        )
    ).all()
    if not rows:
        return
    held = {serial: (code, dossier_id) for serial, code, dossier_id in rows if serial is not None}
    ids = [dossier_id for _, dossier_id in held.values()]
    voided, refused = _voided(session, ids), set(_code_refusals(session, ids))
    blocks = list(leased_blocks(session, agency, day))
    registered = registered_reserve(session) if central else None
    if registered is not None:
        blocks.append((registered.first, registered.last))
    elif not central:
        blocks.append(reserve)
    seen: set[int] = set()
    for first, last in blocks:
        inside = [serial for serial in held if first <= serial <= last]
        if not inside:
            continue
        for serial in range(first, max(inside) + 1):
            seen.add(serial)
            yield from _gap(session, serial, held, voided, refused, agency, day)
    for serial in sorted(set(held) - seen):  # a serial of no block known now: itself only
        yield from _gap(session, serial, held, voided, refused, agency, day)


def _gap(
    session: Session,
    serial: int,
    held: dict[int, tuple[str | None, str]],
    voided: set[str],
    refused: set[str],
    agency: str,
    day: dt.date,
) -> Iterable[Gap]:
    if serial in held:
        code, dossier_id = held[serial]
        shown = code or f"{serial:04d}"
        if dossier_id in refused:
            yield Gap(serial, shown, BY_CENTRE)
        elif dossier_id in voided:
            yield Gap(serial, shown, BY_VOID)
        return
    code = f"{agency}-{day:%y%m%d}-{serial:04d}"  # app.dossier_code.format_code's form
    yield Gap(serial, code, _explanation(session, code))


def _explanation(session: Session, code: str) -> str | None:
    """A serial missing from the store: its void in the trail, or the centre's refusal of a
    dossier with its code in the outbox."""
    for (subject,) in session.execute(
        select(AuditRecord.subject_json).where(
            AuditRecord.action == AuditAction.VOID.value,
            AuditRecord.subject_json.contains(f'"{code}"'),
        )
    ):
        if json.loads(subject).get("code") == code:
            return BY_VOID
    for (payload,) in session.execute(
        select(OutboxOperation.payload).where(
            OutboxOperation.table_name == "dossier",
            OutboxOperation.state == REJECTED,
            OutboxOperation.payload.contains(f'"{code}"'),
        )
    ):
        if json.loads(payload).get("code") == code:
            return BY_CENTRE
    return None


def _unsent(session: Session, dossiers: Sequence[Dossier], refused: set[str]) -> Iterable[Unsent]:
    """Operations of the day's dossiers still pending or rejected; those of a dossier whose
    code the centre refused are explained by that refusal and not listed."""
    keys = {dossier.id: dossier.code or dossier.id for dossier in dossiers}
    streams = [dossier_id for dossier_id in keys if dossier_id not in refused]
    for part in in_slices(streams):
        found = session.execute(
            select(
                OutboxOperation.stream,
                OutboxOperation.table_name,
                OutboxOperation.state,
                OutboxOperation.reason,
            )
            .where(
                OutboxOperation.stream.in_(part),
                OutboxOperation.state.in_((PENDING, REJECTED)),
            )
            .order_by(OutboxOperation.seq)
        )
        for stream, table, state, reason in found:
            yield Unsent(keys[stream], table, state, reason)


# ------------------------------------------------------------------ the centre


class DigestDiffers(Exception):
    """The centre's count or digest of the day is not the counter's; nothing recorded."""

    def __init__(self, centre_count: int, centre_digest: str) -> None:
        super().__init__(f"the centre holds {centre_count} dossier(s) of the day")
        self.centre_count, self.centre_digest = centre_count, centre_digest


def central_digest(connection: Connection, day: dt.date, counter_number: int) -> tuple[int, str]:
    """The centre's count and digest of this point's dossiers of ``day`` at the counter."""
    row = connection.execute(
        f"SELECT dossier_count, digest FROM {SCHEMA}.day_digest(%s, %s)", [day, counter_number]
    ).fetchone()
    assert row is not None
    return int(row[0]), str(row[1])


def record_central_close(connection: Connection, write: DayCloseWrite, device_id: str) -> str:
    """Record the close at the centre, which checks the count and digest again in the same
    transaction (``DigestDiffers`` otherwise); the id of the centre's row."""
    try:
        with connection.transaction():
            row = connection.execute(
                f"SELECT close_id FROM {SCHEMA}.record_day_close(%s, %s, %s, %s, %s, %s, %s, %s)",
                [
                    write.day,
                    write.counter_number,
                    write.dossier_count,
                    write.digest,
                    write.closed_at,
                    write.officer,
                    write.actor.login,
                    device_id,
                ],
            ).fetchone()
    except psycopg.errors.CheckViolation as error:
        if error.diag.constraint_name != "day_close_digest":
            raise
        count, digest = central_digest(connection, write.day, write.counter_number)
        raise DigestDiffers(count, digest) from error
    assert row is not None
    return str(row[0])
