"""The PET card's batches and each dossier's card states: the store's side (issue 16).

A batch handed to the card-printing system is a ``card_batch`` row; each step of a
dossier's card is a ``card_state_change`` row: ``exported`` (in a batch), then
``acknowledged`` or ``rejected`` (the operator's answer, a rejection with its reason), and
``released`` (a supervisor lets the record be exported again, with the reason). Both are
synced and insert-only. A dossier's *current* state is the last step of the last batch it
entered (batches in the order they were made; within a batch: exported, then the answer,
then a release).

May a dossier enter a batch now (``exportable``)? When it has no state, when its last
batch rejected it, or when a supervisor released it after its last export: never while it
is exported or acknowledged. Each counter's batches form a chain: a new batch must name
the signature of this device's last batch (``CARD_GENESIS_SIGNATURE`` for its first), and
the store refuses a second batch naming the same one (the chain cannot fork).

The operator's answer: each code must be a record of that batch still waiting for its
answer there. **An answer given twice is idempotent**: the same result again (a file
imported twice) is skipped and reported as ``already``; a different result for a record
already answered is refused. One refused answer refuses the whole file (nothing written),
each problem named.

Every write and its audit record (``card-export``, ``card-answer``, ``card-release``) are
one transaction. Roles are the caller's to check (``app.card.states``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.audit import AuditAction, AuditEntry, record_action, station_of
from db.dossiers import DossierMissing
from db.models import (
    CARD_GENESIS_SIGNATURE,
    CardBatch,
    CardSigningKey,
    CardStateChange,
    Dossier,
)
from db.records import Actor, record_from
from db.store import Store, in_slices
from db.sync.state import sync_state

GENESIS = CARD_GENESIS_SIGNATURE  # what a counter's first batch names as its previous
EXPORTED, ACKNOWLEDGED, REJECTED, RELEASED = "exported", "acknowledged", "rejected", "released"
ANSWERS = (ACKNOWLEDGED, REJECTED)
# States that keep a dossier out of a new batch until a supervisor releases it.
HELD = frozenset({EXPORTED, ACKNOWLEDGED})
# The order of the steps within one batch.
_STEP = {EXPORTED: 0, ACKNOWLEDGED: 1, REJECTED: 1, RELEASED: 2}

# What can be wrong with one answer of the operator's file (``AnswerProblem.problem``).
NOT_IN_BATCH = "not-in-batch"  # no record of the batch has this code
NOT_WAITING = "not-waiting"  # released from that batch: it waits for no answer there
ANSWERED_OTHERWISE = "answered-otherwise"  # the record has the other answer already
TWICE_IN_FILE = "twice-in-file"  # the file answers the code twice, differently
NO_REASON = "no-reason"  # a rejection without its reason
UNKNOWN_RESULT = "unknown-result"  # neither acknowledged nor rejected


@dataclass(frozen=True)
class BatchWrite:
    """A batch written to its folder, to record: what names it, who made it, its signature
    and the previous batch's, and the public key that checks it (kept for the centre)."""

    batch_name: str
    agency: str | None
    point: str
    counter_number: int
    day: dt.date
    sequence: int
    officer: str  # the name, as on the papers
    actor: Actor
    signature: str
    previous_signature: str
    made_at: dt.datetime
    public_key: str | None = None


@dataclass(frozen=True)
class CardBatchRecord:
    id: str
    batch_name: str
    agency: str | None
    point: str
    counter_number: int
    day: dt.date
    sequence: int
    officer: str
    actor: str
    record_count: int
    signature: str
    previous_signature: str
    device_id: str
    made_at: dt.datetime  # the counter's clock


@dataclass(frozen=True)
class CardStateRecord:
    id: str
    dossier_id: str
    state: str
    batch_id: str | None
    reason: str | None
    changed_at: dt.datetime
    officer: str
    actor: str
    approved_by: str | None
    device_id: str


@dataclass(frozen=True)
class CurrentCardState:
    """Where a dossier's card stands: its last step, the batch of it and the reason given."""

    dossier_id: str
    state: str
    batch_id: str | None
    batch_name: str | None
    reason: str | None
    changed_at: dt.datetime


@dataclass(frozen=True)
class Step:
    """Who records a step (an answer file, a release) and when."""

    changed_at: dt.datetime
    officer: str  # the name, as on the papers
    actor: Actor


@dataclass(frozen=True)
class CardAnswer:
    """One line of the operator's answer file."""

    code: str
    result: str  # acknowledged | rejected
    reason: str | None = None


@dataclass(frozen=True)
class AnswerProblem:
    code: str
    problem: str  # one of NOT_IN_BATCH … UNKNOWN_RESULT


@dataclass(frozen=True)
class AnswersRecorded:
    acknowledged: list[str] = field(default_factory=list)  # codes
    rejected: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)  # the same answer was recorded before


@dataclass(frozen=True)
class BatchEntry:
    """A record of a batch: its dossier and its state in that batch."""

    dossier_id: str
    code: str | None
    state: str
    reason: str | None


class CardRecordError(Exception):
    """The store refuses a card step; the subclass and its fields say why (``app`` words it)."""


class ChainBroken(CardRecordError):
    """The batch does not name this counter's last batch's signature."""

    def __init__(self, expected: str, given: str) -> None:
        super().__init__("the batch does not follow this counter's last batch")
        self.expected, self.given = expected, given


class NotExportable(CardRecordError):
    """Dossiers already exported or acknowledged, not released since (ids and states)."""

    def __init__(self, held: dict[str, CurrentCardState]) -> None:
        super().__init__(f"{len(held)} dossier(s) are exported already")
        self.held = held


class EmptyBatch(CardRecordError):
    """A batch without records, or naming a dossier twice."""


class BatchMissing(CardRecordError, LookupError):
    """No batch has this id or name."""


class AnswersRefused(CardRecordError):
    """The answer file cannot be recorded; every problem is listed (nothing was written)."""

    def __init__(self, problems: list[AnswerProblem]) -> None:
        super().__init__(f"{len(problems)} answer(s) refused")
        self.problems = problems


class NotReleasable(CardRecordError):
    """Only an exported or acknowledged record is released; ``current`` is what it is."""

    def __init__(self, dossier_id: str, current: CurrentCardState | None) -> None:
        super().__init__("the record is not exported")
        self.dossier_id, self.current = dossier_id, current


# ------------------------------------------------------------------------------ writes


def record_batch(store: Store, write: BatchWrite, dossier_ids: Sequence[str]) -> CardBatchRecord:
    """Record a batch and one ``exported`` step per dossier, with its ``card-export`` audit
    record, in one transaction. Refuses (nothing written): ``ChainBroken`` when
    ``write.previous_signature`` is not this device's last batch's signature,
    ``NotExportable`` for dossiers exported or acknowledged and not released since,
    ``DossierMissing``, ``EmptyBatch``."""
    if not dossier_ids or len(set(dossier_ids)) != len(dossier_ids):
        raise EmptyBatch("a batch names each of its dossiers once, and at least one")
    with store.transaction() as session:
        device_id = sync_state(session).device_id
        last = _last_batch(session, device_id)
        expected = CARD_GENESIS_SIGNATURE if last is None else last.signature
        if write.previous_signature != expected:
            raise ChainBroken(expected, write.previous_signature)
        _check_dossiers(session, dossier_ids)
        current = _current(session, list(dossier_ids))
        held = {key: state for key, state in current.items() if state.state in HELD}
        if held:
            raise NotExportable(held)
        station = station_of(store)
        batch = CardBatch(
            batch_name=write.batch_name,
            agency=write.agency,
            point=write.point,
            counter_number=write.counter_number,
            day=write.day,
            sequence=write.sequence,
            officer=write.officer,
            actor=write.actor.login,
            record_count=len(dossier_ids),
            signature=write.signature,
            previous_signature=write.previous_signature,
            device_id=device_id,
            made_at=write.made_at,
        )
        session.add(batch)
        session.flush()
        step = Step(write.made_at, write.officer, write.actor)
        for dossier_id in dossier_ids:
            session.add(_state_row(session, store, dossier_id, EXPORTED, batch.id, None, step))
        if write.public_key is not None:
            _remember_key(session, write.public_key, device_id, write.made_at)
        subject: dict[str, str | int] = {
            "batch_id": batch.id,
            "batch_name": batch.batch_name,
            "record_count": batch.record_count,
            **write.actor.subject(),
        }
        record_action(
            session,
            AuditEntry(AuditAction.CARD_EXPORT, write.actor.login, subject),
            station,
            at=write.made_at,
        )
        session.flush()
        return record_from(CardBatchRecord, batch)


def record_answers(
    store: Store, batch_id: str, answers: Sequence[CardAnswer], step: Step
) -> AnswersRecorded:
    """Record the operator's answers to the batch ``batch_id`` (acknowledged, or rejected
    with its reason), with one ``card-answer`` audit record, in one transaction.
    ``AnswersRefused`` lists every problem (nothing written); the same answer given again is
    skipped (``already``)."""
    with store.transaction() as session:
        batch = session.get(CardBatch, batch_id)
        if batch is None:
            raise BatchMissing(batch_id)
        entries = {entry.code: entry for entry in _entries(session, batch_id) if entry.code}
        problems, recorded, to_write = _sorted_answers(answers, entries)
        if problems:
            raise AnswersRefused(problems)
        for answer in to_write:
            entry = entries[answer.code]
            reason = answer.reason.strip() if answer.reason else None
            session.add(
                _state_row(session, store, entry.dossier_id, answer.result, batch_id, reason, step)
            )
        subject: dict[str, str | int] = {
            "batch_id": batch_id,
            "batch_name": batch.batch_name,
            "acknowledged": len(recorded.acknowledged),
            "rejected": len(recorded.rejected),
            "already": len(recorded.already),
            **step.actor.subject(),
        }
        record_action(
            session,
            AuditEntry(AuditAction.CARD_ANSWER, step.actor.login, subject),
            station_of(store),
            at=step.changed_at,
        )
        return recorded


def release(store: Store, dossier_id: str, reason: str, step: Step) -> CardStateRecord:
    """A supervisor lets the exported (or acknowledged) record of ``dossier_id`` be exported
    again, for ``reason``; its ``card-release`` audit record in the same transaction.
    ``NotReleasable`` when it is not exported; ``DossierMissing``."""
    if not reason.strip():
        raise ValueError("a release gives its reason")
    with store.transaction() as session:
        _check_dossiers(session, [dossier_id])
        current = _current(session, [dossier_id]).get(dossier_id)
        if current is None or current.state not in HELD:
            raise NotReleasable(dossier_id, current)
        row = _state_row(
            session, store, dossier_id, RELEASED, current.batch_id, reason.strip(), step
        )
        session.add(row)
        session.flush()
        code = session.scalar(select(Dossier.code).where(Dossier.id == dossier_id))
        subject: dict[str, str | int] = {
            "dossier_id": dossier_id,
            "card_state_change_id": row.id,
            "batch_id": current.batch_id or "",
            **step.actor.subject(),
        }
        if code is not None:
            subject["code"] = code
        record_action(
            session,
            AuditEntry(AuditAction.CARD_RELEASE, step.actor.login, subject),
            station_of(store),
            at=step.changed_at,
        )
        return record_from(CardStateRecord, row)


def remember_public_key(store: Store, public_key: str, at: dt.datetime) -> None:
    """Keep the public half of this counter's signing key for the centre (set-up calls it;
    recording a batch does too). The next sync round registers it, once."""
    with store.transaction() as session:
        _remember_key(session, public_key, sync_state(session).device_id, at)


# ----------------------------------------------------------------------------- queries


def card_states(store: Store, dossier_ids: Iterable[str]) -> dict[str, CurrentCardState]:
    """The current card state of each dossier that has one."""
    with store.reading() as session:
        return _current(session, list(dossier_ids))


def exportable(store: Store, dossier_ids: Iterable[str]) -> list[str]:
    """Those of ``dossier_ids`` that may enter a batch now, in the order given: no card state
    yet, rejected by their last batch, or released since their last export."""
    wanted = list(dossier_ids)
    with store.reading() as session:
        current = _current(session, wanted)
    return [key for key in wanted if key not in current or current[key].state not in HELD]


def last_batch(store: Store, device_id: str | None = None) -> CardBatchRecord | None:
    """The last batch of the device (default: this store's): the one the next batch names
    as its previous (None: the device has made none; the next names the genesis value)."""
    with store.reading() as session:
        device = device_id or sync_state(session).device_id
        found = _last_batch(session, device)
        return None if found is None else record_from(CardBatchRecord, found)


def next_sequence(store: Store, day: dt.date, device_id: str | None = None) -> int:
    """The sequence of the device's next batch of ``day`` (1 for the day's first)."""
    with store.reading() as session:
        device = device_id or sync_state(session).device_id
        highest = session.scalar(
            select(func.max(CardBatch.sequence)).where(
                CardBatch.device_id == device, CardBatch.day == day
            )
        )
    return 1 if highest is None else int(highest) + 1


def find_batch(store: Store, id_or_name: str) -> CardBatchRecord | None:
    """The batch with this id or folder name (this counter's, when another counter's batch
    in the store bears the same name)."""
    with store.reading() as session:
        device = sync_state(session).device_id
        found = session.scalar(
            select(CardBatch)
            .where((CardBatch.id == id_or_name) | (CardBatch.batch_name == id_or_name))
            .order_by(CardBatch.device_id != device, CardBatch.made_at.desc())
            .limit(1)
        )
        return None if found is None else record_from(CardBatchRecord, found)


def batch_entries(store: Store, batch_id: str) -> list[BatchEntry]:
    """The records of a batch, by code, each with its state in that batch."""
    with store.reading() as session:
        return _entries(session, batch_id)


def signing_keys_to_register(store: Store) -> list[str]:
    """Public keys of this device the centre has not registered yet, oldest first."""
    with store.reading() as session:
        device = sync_state(session).device_id
        return list(
            session.scalars(
                select(CardSigningKey.public_key)
                .where(CardSigningKey.device_id == device, CardSigningKey.registered_at.is_(None))
                .order_by(CardSigningKey.created_at)
            )
        )


def key_registered(store: Store, public_key: str, at: dt.datetime) -> None:
    """The centre registered ``public_key`` at ``at`` (its time): it is not sent again."""
    with store.transaction() as session:
        row = session.get(CardSigningKey, public_key)
        if row is not None and row.registered_at is None:
            row.registered_at = at


# ----------------------------------------------------------------------------- helpers


def _check_dossiers(session: Session, dossier_ids: Sequence[str]) -> None:
    found: set[str] = set()
    for part in in_slices(list(dossier_ids)):
        found.update(session.scalars(select(Dossier.id).where(Dossier.id.in_(part))))
    for dossier_id in dossier_ids:
        if dossier_id not in found:
            raise DossierMissing(dossier_id)


def _state_row(
    session: Session,
    store: Store,
    dossier_id: str,
    state: str,
    batch_id: str | None,
    reason: str | None,
    step: Step,
) -> CardStateChange:
    station = station_of(store)
    return CardStateChange(
        dossier_id=dossier_id,
        state=state,
        batch_id=batch_id,
        reason=reason,
        changed_at=step.changed_at,
        officer=step.officer,
        actor=step.actor.login,
        approved_by=step.actor.approved_by,
        agency=station.agency,
        point=station.point,
        counter_number=station.counter_number,
        device_id=sync_state(session).device_id,
    )


def _remember_key(session: Session, public_key: str, device_id: str, at: dt.datetime) -> None:
    if session.get(CardSigningKey, public_key) is None:
        session.add(CardSigningKey(public_key=public_key, device_id=device_id, created_at=at))


def _last_batch(session: Session, device_id: str) -> CardBatch | None:
    # The head of the device's chain: the batch no other batch of the device names.
    named = select(CardBatch.previous_signature).where(CardBatch.device_id == device_id)
    return session.scalar(
        select(CardBatch)
        .where(CardBatch.device_id == device_id, CardBatch.signature.not_in(named))
        .order_by(CardBatch.made_at.desc(), CardBatch.id.desc())
        .limit(1)
    )


def _current(session: Session, dossier_ids: list[str]) -> dict[str, CurrentCardState]:
    steps: dict[str, tuple[tuple[dt.datetime, str, int], CurrentCardState]] = {}
    for part in in_slices(dossier_ids):
        rows = session.execute(
            select(CardStateChange, CardBatch.batch_name, CardBatch.made_at)
            .outerjoin(CardBatch, CardBatch.id == CardStateChange.batch_id)
            .where(CardStateChange.dossier_id.in_(part))
        )
        for change, batch_name, batch_made in rows:
            # Batches in the order they were made (UUIDv7 ids break a tie), then the step.
            order = (batch_made or change.changed_at, change.batch_id or "", _STEP[change.state])
            known = steps.get(change.dossier_id)
            if known is None or order > known[0]:
                steps[change.dossier_id] = (
                    order,
                    CurrentCardState(
                        change.dossier_id,
                        change.state,
                        change.batch_id,
                        batch_name,
                        change.reason,
                        change.changed_at,
                    ),
                )
    return {dossier_id: state for dossier_id, (_, state) in steps.items()}


def _entries(session: Session, batch_id: str) -> list[BatchEntry]:
    rows = session.execute(
        select(CardStateChange, Dossier.code)
        .join(Dossier, Dossier.id == CardStateChange.dossier_id)
        .where(CardStateChange.batch_id == batch_id)
    )
    latest: dict[str, tuple[int, BatchEntry]] = {}
    for change, code in rows:
        step = _STEP[change.state]
        known = latest.get(change.dossier_id)
        if known is None or step > known[0]:
            entry = BatchEntry(change.dossier_id, code, change.state, change.reason)
            latest[change.dossier_id] = (step, entry)
    return sorted((entry for _, entry in latest.values()), key=lambda e: e.code or "")


def _sorted_answers(
    answers: Sequence[CardAnswer], entries: dict[str, BatchEntry]
) -> tuple[list[AnswerProblem], AnswersRecorded, list[CardAnswer]]:
    """The problems, what each answer comes to, and the answers to write (new ones, once)."""
    problems: list[AnswerProblem] = []
    recorded = AnswersRecorded()
    to_write: list[CardAnswer] = []
    seen: dict[str, str] = {}
    for answer in answers:
        problem = _answer_problem(answer, entries.get(answer.code), seen.get(answer.code))
        if problem is not None:
            problems.append(AnswerProblem(answer.code, problem))
            continue
        entry = entries[answer.code]
        if answer.code in seen or entry.state == answer.result:
            recorded.already.append(answer.code)
        else:
            to_write.append(answer)
            chosen = recorded.acknowledged if answer.result == ACKNOWLEDGED else recorded.rejected
            chosen.append(answer.code)
        seen[answer.code] = answer.result
    return problems, recorded, to_write


def _answer_problem(
    answer: CardAnswer, entry: BatchEntry | None, earlier: str | None
) -> str | None:
    if answer.result not in ANSWERS:
        return UNKNOWN_RESULT
    if answer.result == REJECTED and not (answer.reason or "").strip():
        return NO_REASON
    if entry is None:
        return NOT_IN_BATCH
    if earlier is not None and earlier != answer.result:
        return TWICE_IN_FILE
    if entry.state == RELEASED:
        return NOT_WAITING
    if entry.state in ANSWERS and entry.state != answer.result:
        return ANSWERED_OTHERWISE
    return None
