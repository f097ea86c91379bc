"""Writing and finding dossiers: the named queries behind receiving, ``show``, ``list``,
re-appointing and the window's lists.

Callers pass a ``Store`` and plain values and get records (``db.records``)
back; the session, the SQL and the ORM rows stay in this module. The
``find_by_*`` helpers work inside a session for the other ``db`` modules.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, select, update
from sqlalchemy.orm import Session, object_session, selectinload

from db.audit import AuditAction, AuditEntry, append_record, record_action, station_of
from db.compiled import CompiledInsert, CompiledSelect, table_of
from db.ids import new_id
from db.models import (
    Dossier,
    DossierLicence,
    DossierPhoto,
    DossierVoid,
    OutboxOperation,
    PresentedItemRow,
    ReceptionRound,
)
from db.models import Reappointment as ReappointmentRow
from db.photos import add_photo
from db.records import (
    Actor,
    CorrectionRecord,
    DossierKey,
    ItemRecord,
    LicenceRecord,
    NewDossier,
    Numbering,
    PhotoSummary,
    ReappointmentRecord,
    ReceptionWrite,
    Rescheduled,
    RoundRecord,
    SlipPrint,
    StoredDossier,
    StoredRound,
    VoidRecord,
    columns_of,
    record_from,
)
from db.store import Numbered, Store, in_slices, note_numbered
from db.store_failure import ReserveHeld
from db.store_safety import highest_known_serial, reserve_held
from db.sync.capture import new_operation, write_operations
from db.sync.serials import (
    ReserveUnavailable,
    last_used_serial,
    leased_blocks,
    numbering_blocks,
)

T = TypeVar("T")


class SerialsExhausted(Exception):
    """Every serial of the counter's block for the day is used; never reuse one."""

    def __init__(self, agency: str, day: dt.date, first: int, last: int) -> None:
        super().__init__(
            f"all dossier numbers {first:04d}–{last:04d} reserved for this counter on "
            f"{day:%d/%m/%Y} are used (agency {agency}); no dossier can be given a code "
            "until IT staff assign this counter another block"
        )
        self.agency, self.day, self.first, self.last = agency, day, first, last


class DossierMissing(LookupError):
    """No dossier has the code or id asked for."""


# ------------------------------------------------------------------ named queries


def dossier_by_key(store: Store, key: DossierKey) -> StoredDossier | None:
    """The dossier with this code or id, with its whole history."""
    with store.reading() as session:
        return stored_by_key(session, key)


def dossiers_of_applicant(store: Store, id_number: str) -> list[StoredDossier]:
    with store.reading() as session:
        return summaries_of_applicant(session, id_number)


def dossiers_of_id_numbers(store: Store, id_numbers: Sequence[str]) -> list[StoredDossier]:
    """The dossiers of applicants with any of these identity document numbers."""
    with store.reading() as session:
        return summaries_where(session, _DOSSIER.c.applicant_id_number.in_(list(id_numbers)))


def dossiers_by_reference(store: Store, reference: str) -> list[StoredDossier]:
    """The dossier whose id is ``reference`` (lower-case), or whose id ends with it.

    BM 02 and BM 03 print the id as "Mã tham chiếu hồ sơ"; an officer may type
    only its last group of digits.
    """
    with store.reading() as session:
        return summaries_where(
            session,
            (_DOSSIER.c.id == reference) | _DOSSIER.c.id.endswith(reference, autoescape=True),
        )


def dossiers_received_between(
    store: Store, start: dt.datetime, end: dt.datetime
) -> list[StoredDossier]:
    with store.reading() as session:
        return summaries_where(
            session, (_DOSSIER.c.received_at >= start) & (_DOSSIER.c.received_at < end)
        )


def store_reception(store: Store, write: ReceptionWrite) -> tuple[str, str | None]:
    """Store one receipt (a new dossier, or a new round of one) in one transaction: the
    dossier, its licences, the round with every checklist row, the photo, the code, the
    audit record, and the outbox operation of each row.
    Returns the dossier's id and code (None unless numbered).

    In Core, not through the ORM: the rows are built whole here and written with INSERTs
    compiled once (``db.compiled``), their outbox operations in one statement with the
    audit record's, as the flush's capture would write them (``db.sync.capture``). The
    unit of work was two thirds of receiving's CPU time (issue 19).
    """
    with store.transaction() as session:
        if write.dossier is not None:
            stored_row, rounds = None, 0
            dossier, licences = _new_rows(write.dossier)
        else:
            stored_row, rounds = _to_complete(session, write)
            dossier, licences = dict(stored_row), []
        dossier.update(
            status=write.status,
            result_delivery=write.result_delivery,
            delivery_address=write.delivery_address,
        )
        if write.due is not None:
            dossier.update(
                received_at=write.round.received_at,  # the time limit runs from here
                due_at=write.due.due_at,
                due_explanation_json=write.due.explanation_json,
            )
        if write.numbering is not None:
            dossier.update(_number(session, write.numbering))
        dossier_id = str(dossier["id"])
        operations: list[dict[str, Any]] = []
        if stored_row is None:
            _INSERT_DOSSIER.run(session, [dossier])
            operations.append(new_operation(_DOSSIER.name, dossier, dossier_id))
            _INSERT_LICENCE.run(session, licences)
            operations += [new_operation(_LICENCE.name, row, dossier_id) for row in licences]
        else:
            # As the flush did: the row updated, and its operation written, only when a
            # value changed (a second incomplete round may change nothing of the dossier).
            changed = {name: value for name, value in dossier.items() if value != stored_row[name]}
            if changed:
                session.execute(update(_DOSSIER).where(_DOSSIER.c.id == dossier_id).values(changed))
                operations.append(new_operation(_DOSSIER.name, dossier, dossier_id))
        reception = _row(
            _INSERT_ROUND,
            {"id": new_id(), "dossier_id": dossier_id, "number": rounds + 1}
            | columns_of(write.round, "items"),
        )
        items = [
            _row(_INSERT_ITEM, {"id": new_id(), "round_id": reception["id"]} | columns_of(item))
            for item in write.round.items
        ]
        _INSERT_ROUND.run(session, [reception])
        _INSERT_ITEM.run(session, items)
        operations.append(new_operation(_ROUND.name, reception, dossier_id))
        operations += [new_operation(_ITEM.name, row, dossier_id) for row in items]
        if write.photo is not None:
            # The photos' operations follow the rows' (db.sync.photos writes them).
            write_operations(session, _OUTBOX, operations)
            operations = []
            add_photo(session, dossier_id, reception["id"], write.photo, write.round.officer)
        action = AuditAction.RECEIVE if write.dossier is not None else AuditAction.NEW_ROUND
        subject = {"dossier_id": dossier_id, "round_id": reception["id"], "status": write.status}
        code = dossier["code"]
        if code is not None:
            subject["code"] = code
        if write.started_at is not None:
            subject["started_at"] = write.started_at.isoformat(timespec="seconds")
        subject.update(write.actor.subject())
        entry = AuditEntry(action, write.actor.login, subject)
        append_record(session, entry, station_of(store), operations)
        write_operations(session, _OUTBOX, operations)
        return dossier_id, code


def _new_rows(new: NewDossier) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """A new dossier's row (no code, no due date yet) and its licences' rows."""
    dossier = _row(
        _INSERT_DOSSIER,
        dict.fromkeys(_INSERT_DOSSIER.names) | columns_of(new, "licences") | {"id": new_id()},
    )
    licences = [
        _row(_INSERT_LICENCE, {"id": new_id(), "dossier_id": dossier["id"]} | columns)
        for columns in map(licence_columns, new.licences)
    ]
    return dossier, licences


def _to_complete(session: Session, write: ReceptionWrite) -> tuple[dict[str, Any], int]:
    """The row of the dossier a new round completes, once ``write.check`` accepted it, and
    how many rounds it has."""
    assert write.supplements is not None, "a new round names its dossier"
    found = _WITH_VOID_BY_ID.first(session, {"id": write.supplements})
    if found is None:
        raise DossierMissing(write.supplements)
    values = dict(zip(_WITH_VOID_BY_ID.names, found, strict=True))
    if write.check is not None:
        # The check reads the dossier's own columns and its void, not its history.
        write.check(_summary(values))
    rounds = int(_ROUNDS_OF.scalar(session, {"dossier_id": write.supplements}))
    return _row(_INSERT_DOSSIER, values), rounds


def reschedule(
    store: Store,
    key: DossierKey,
    officer: str,
    actor: Actor,
    decided_at: dt.datetime,
    decide: Callable[[StoredDossier], tuple[Rescheduled, T]],
) -> T:
    """Move a dossier's due date once: ``decide`` sees the dossier (with any earlier
    re-appointment) and says the new due date and reason, or raises. ``officer`` is the
    name kept with the re-appointment, ``actor`` who the audit record names."""
    with store.transaction() as session:
        dossier = find_by_key(session, key, with_history=True)
        if dossier is None:
            raise DossierMissing(key.code or key.id or "")
        previous_due_at = dossier.due_at
        moved, result = decide(stored(dossier, with_history=True))
        assert previous_due_at is not None, "decide refuses a dossier without a due date"
        reappointment = ReappointmentRow(
            dossier_id=dossier.id,
            previous_due_at=previous_due_at,
            new_due_at=moved.due.due_at,
            reason=moved.reason,
            decided_at=decided_at,
            officer=officer,
        )
        session.add(reappointment)
        dossier.due_at = moved.due.due_at
        dossier.due_explanation_json = moved.due.explanation_json
        session.flush()
        subject = {"dossier_id": dossier.id, "reappointment_id": reappointment.id}
        if dossier.code is not None:
            subject["code"] = dossier.code
        subject.update(actor.subject())
        record_action(
            session,
            AuditEntry(AuditAction.REAPPOINTMENT, actor.login, subject),
            station_of(store),
        )
    return result


# ---------------------------------------------------------- inside a transaction


def next_serial(
    session: Session, agency: str, day: dt.date, blocks: Sequence[tuple[int, int]]
) -> int:
    """The lowest serial after those used or known to be issued today, in the first block
    with room.

    ``blocks`` are (first, last) ranges in the order to use them: the blocks
    leased from the centre for the day, then the counter's offline reserve,
    which is named when every block is full. A serial is never given again:
    the next one of a block is above both the highest this store gave and the
    highest known to be issued (after a restore or a new store,
    ``db.store_safety``). Runs inside the receiving transaction, which holds
    SQLite's write lock (BEGIN IMMEDIATE), so no other process can take the same
    serial meanwhile; the unique key on (agency, day, serial) is the last line of
    defence.
    """
    for first, last in blocks:
        issued = [
            serial
            for serial in (
                last_used_serial(session, agency, day, first, last),
                highest_known_serial(session, agency, day, first, last),
            )
            if serial is not None
        ]
        serial = max(issued) + 1 if issued else first
        if serial <= last:
            return serial
    first, last = blocks[-1]
    raise SerialsExhausted(agency, day, first, last)


def _number(session: Session, numbering: Numbering) -> dict[str, Any]:
    """The dossier's code columns, given inside the transaction that stores it.

    Serials leased from the centre for the day come first; the counter's own
    block is the reserve for when they run out offline (docs/dossier-codes.md).
    The leases are local rows (the sync thread takes them ahead of time), so
    numbering never waits for the network.
    """
    agency, day = numbering.agency, numbering.day
    if reserve_held(session):
        blocks = _leased_only(session, numbering)
        try:
            serial = next_serial(session, agency, day, blocks)
        except SerialsExhausted as exhausted:
            raise ReserveHeld(agency, day) from exhausted
    else:
        blocks = numbering_blocks(session, agency, day, numbering.reserve)
        serial = next_serial(session, agency, day, blocks)
    first, last = next(block for block in blocks if block[0] <= serial <= block[1])
    note_numbered(session, Numbered(agency, day, serial, first, last))
    return {
        "code": numbering.format_code(agency, day, serial),
        "code_agency": agency,
        "code_day": day,
        "code_serial": serial,
    }


def _leased_only(session: Session, numbering: Numbering) -> list[tuple[int, int]]:
    """The blocks of a restored or new store that holds its reserve back: those leased
    since it was put in place (the leases it had are forgotten, ``mark_restored``), never
    the reserve, which may hold codes issued after its backup. ``ReserveHeld`` if none."""
    agency, day = numbering.agency, numbering.day
    leases = set(leased_blocks(session, agency, day))
    try:
        blocks = numbering_blocks(session, agency, day, numbering.reserve)
    except ReserveUnavailable:  # no leased serial left either
        blocks = []
    leased = [block for block in blocks if block in leases]
    if not leased:
        raise ReserveHeld(agency, day)
    return leased


def _row(insert: CompiledInsert, values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` of the columns ``insert`` writes (all of its table's), in the table's
    order, as the outbox's payload lists them; a column missing is a ``KeyError``."""
    return {name: values[name] for name in insert.names}


def licence_columns(licence: LicenceRecord) -> dict[str, Any]:
    """A licence row's columns but its id and dossier: its classes as one text, current."""
    return columns_of(licence, "classes") | {
        "classes": " ".join(licence.classes),
        "replaced_in": None,  # current; set, so the outbox has the whole row without a read
    }


def add_licences(session: Session, dossier: Dossier, licences: Sequence[LicenceRecord]) -> None:
    session.add_all(
        DossierLicence(dossier=dossier, **licence_columns(licence)) for licence in licences
    )


def stored_by_key(session: Session, key: DossierKey) -> StoredDossier | None:
    """The record of the dossier with this code or id, with its whole history."""
    found = find_by_key(session, key, with_history=True)
    return None if found is None else stored(found, with_history=True)


def find_by_key(session: Session, key: DossierKey, *, with_history: bool = False) -> Dossier | None:
    if key.code is not None:
        return find_by_code(session, key.code, with_history=with_history)
    if key.id is not None:
        return find_by_id(session, key.id, with_history=with_history)
    return None


def find_by_code(session: Session, code: str, *, with_history: bool = False) -> Dossier | None:
    """The dossier with this code; its rounds, licences and slips only when asked for."""
    return session.scalar(history_query(Dossier.code == code, with_history))


def find_by_id(session: Session, dossier_id: str, *, with_history: bool = False) -> Dossier | None:
    return session.scalar(history_query(Dossier.id == dossier_id, with_history))


# ------------------------------------------------- records without history, in Core

# A dossier's record without its history is one row of ``dossier`` and its void: read with one
# Core select and built straight from the rows. Through the ORM the same read cost ×10–20 of
# the bare SELECT on a store of 1M dossiers (issue 19): the session's per-query work (identity
# map, object loading, a second query for the voids), not the index, was the cost.
_DOSSIER, _VOID = table_of(Dossier), table_of(DossierVoid)
_HISTORY = ("licences", "rounds", "slips", "reappointment", "photos", "corrections", "voided")
_OWN_FIELDS = tuple(field.name for field in fields(StoredDossier) if field.name not in _HISTORY)
_VOID_FIELDS = tuple(field.name for field in fields(VoidRecord))
# A dossier and its void, if any: the void's columns named void_…, as ``_summary`` reads them.
_WITH_VOID = _DOSSIER.outerjoin(_VOID, _VOID.c.dossier_id == _DOSSIER.c.id)
_VOID_COLUMNS = tuple(_VOID.c[name].label(f"void_{name}") for name in _VOID_FIELDS)
_SUMMARY = select(*(_DOSSIER.c[name] for name in _OWN_FIELDS), *_VOID_COLUMNS).select_from(
    _WITH_VOID
)
_BY_CODE = CompiledSelect(_SUMMARY.where(_DOSSIER.c.code == bindparam("code")))

# Receiving (``store_reception``): the rows it writes, and what a new round reads first.
_LICENCE, _ROUND = table_of(DossierLicence), table_of(ReceptionRound)
_ITEM, _OUTBOX = table_of(PresentedItemRow), table_of(OutboxOperation)
_INSERT_DOSSIER, _INSERT_LICENCE = CompiledInsert(_DOSSIER), CompiledInsert(_LICENCE)
_INSERT_ROUND, _INSERT_ITEM = CompiledInsert(_ROUND), CompiledInsert(_ITEM)
_WITH_VOID_BY_ID = CompiledSelect(
    select(*_DOSSIER.c, *_VOID_COLUMNS)
    .select_from(_WITH_VOID)
    .where(_DOSSIER.c.id == bindparam("id"))
)
_ROUNDS_OF = CompiledSelect(
    select(func.count()).where(_ROUND.c.dossier_id == bindparam("dossier_id"))
)


def summary_by_code(session: Session, code: str) -> StoredDossier | None:
    """The record of the dossier with this code, without its history (its void included)."""
    row = _BY_CODE.first(session, {"code": code})
    return None if row is None else _summary(dict(zip(_BY_CODE.names, row, strict=True)))


def summaries_of_applicant(session: Session, id_number: str) -> list[StoredDossier]:
    """The records of the dossiers of the applicant with this identity document number."""
    return summaries_where(session, _DOSSIER.c.applicant_id_number == id_number)


def summaries_where(session: Session, where: ColumnElement[bool]) -> list[StoredDossier]:
    """The records of the dossiers ``where`` selects, oldest first, without their history."""
    query = _SUMMARY.where(where).order_by(_DOSSIER.c.received_at)
    return [_summary(row._mapping) for row in session.connection().execute(query)]


def _summary(values: Mapping[Any, Any]) -> StoredDossier:
    voided = (
        None
        if values["void_voided_at"] is None
        else VoidRecord(*(values[f"void_{name}"] for name in _VOID_FIELDS))
    )
    return StoredDossier(**{name: values[name] for name in _OWN_FIELDS}, voided=voided)


def find_by_id_number(session: Session, id_number: str) -> list[Dossier]:
    query = select(Dossier).where(Dossier.applicant_id_number == id_number)
    return list(session.scalars(query.order_by(Dossier.received_at)))


def accepted_of_procedures(
    store: Store,
    procedure_ids: Sequence[str],
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
) -> list[StoredDossier]:
    """Accepted dossiers (a code given) of ``procedure_ids``, not voided, received in
    ``[start, end)`` when given, oldest first, without their history: the candidates of a
    result paper such as the PET card (``with_history`` reads the few that need more)."""
    where = [
        Dossier.code.is_not(None),
        Dossier.procedure_id.in_(list(procedure_ids)),
        ~exists().where(DossierVoid.dossier_id == Dossier.id),
    ]
    if start is not None:
        where.append(Dossier.received_at >= start)
    if end is not None:
        where.append(Dossier.received_at < end)
    query = select(Dossier).where(*where).order_by(Dossier.received_at)
    with store.reading() as session:
        return stored_all(session, session.scalars(query))


def with_history(store: Store, dossier_ids: Sequence[str]) -> list[StoredDossier]:
    """The dossiers of ``dossier_ids`` with their history (rounds, licences, photos' hashes…),
    in the order given; an id the store does not hold is left out."""
    found: dict[str, StoredDossier] = {}
    with store.reading() as session:
        for part in in_slices(list(dossier_ids)):
            query = history_query(Dossier.id.in_(part), with_history=True)
            for dossier in session.scalars(query):
                found[dossier.id] = stored(dossier, with_history=True)
    return [found[dossier_id] for dossier_id in dossier_ids if dossier_id in found]


def received_between(session: Session, start: dt.datetime, end: dt.datetime) -> list[Dossier]:
    query = select(Dossier).where(Dossier.received_at >= start, Dossier.received_at < end)
    return list(session.scalars(query.order_by(Dossier.received_at)))


def history_query(where: ColumnElement[bool], with_history: bool) -> Select[Dossier]:
    query = select(Dossier).where(where)
    if not with_history:
        return query
    return query.options(
        selectinload(Dossier.rounds).selectinload(ReceptionRound.items),
        selectinload(Dossier.licences),
        selectinload(Dossier.slips),
        selectinload(Dossier.reappointment),
        selectinload(Dossier.corrections),
        # The photos' bytes stay in the store: a dossier's record names them by hash.
        selectinload(Dossier.photos).defer(DossierPhoto.content),
    )


# ---------------------------------------------------------------- ORM → records


def void_of(session: Session, dossier_id: str) -> VoidRecord | None:
    """The dossier's void, if a supervisor voided it."""
    row = session.scalar(select(DossierVoid).where(DossierVoid.dossier_id == dossier_id))
    return None if row is None else record_from(VoidRecord, row)


def stored_all(session: Session, dossiers: Iterable[Dossier]) -> list[StoredDossier]:
    """The records of dossiers (without history), each with its void: read in one query."""
    found = list(dossiers)
    voids: dict[str, VoidRecord] = {}
    ids = [dossier.id for dossier in found]
    for part in in_slices(ids):
        rows = session.scalars(select(DossierVoid).where(DossierVoid.dossier_id.in_(part)))
        voids.update((row.dossier_id, record_from(VoidRecord, row)) for row in rows)
    return [stored(dossier, voided=voids.get(dossier.id)) for dossier in found]


def stored(
    dossier: Dossier, *, with_history: bool = False, voided: VoidRecord | None = None
) -> StoredDossier:
    """The record of a dossier; its history only when it was loaded with it (its void read
    then too), else ``voided`` as the caller read it."""
    if not with_history:
        return record_from(
            StoredDossier,
            dossier,
            rounds=(),
            licences=(),
            slips=(),
            reappointment=None,
            photos=(),
            corrections=(),
            voided=voided,
        )
    reappointment = dossier.reappointment
    session = object_session(dossier)
    if voided is None and session is not None:
        voided = void_of(session, dossier.id)
    return record_from(
        StoredDossier,
        dossier,
        voided=voided,
        rounds=tuple(_round(reception) for reception in dossier.rounds),
        # The current licences: those a correction replaced are kept, but no longer the dossier's.
        licences=tuple(
            record_from(LicenceRecord, licence, classes=tuple(licence.classes.split()))
            for licence in dossier.licences
            if licence.replaced_in is None
        ),
        slips=tuple(record_from(SlipPrint, slip) for slip in dossier.slips),
        reappointment=None
        if reappointment is None
        else record_from(ReappointmentRecord, reappointment),
        photos=tuple(record_from(PhotoSummary, photo) for photo in dossier.photos),
        corrections=tuple(
            record_from(CorrectionRecord, correction) for correction in dossier.corrections
        ),
    )


def _round(reception: ReceptionRound) -> StoredRound:
    items = tuple(record_from(ItemRecord, item) for item in reception.items)
    return StoredRound(
        reception.id, reception.number, record_from(RoundRecord, reception, items=items)
    )
