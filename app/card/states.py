"""The card lifecycle's operations the window and the command line share (issue 16).

Each checks who may do it (``require``) before anything is read, then calls the store
(``db.card_batches``), which writes the step and its audit record in one transaction and
refuses what the lifecycle does not allow. Making a batch and importing the operator's
answer file are ``Permission.EXPORT_CARDS`` (officers and supervisors); letting an exported
record be exported again is ``Permission.RELEASE_CARD`` (supervisors, or an officer with a
supervisor's approval). The store's refusals become messages here.

The order of an export: ``chain_link`` (the previous signature and the next sequence),
write the folder (``printing.card_batch.write_batch``), then ``record_export``. When the
record is refused (another export of this counter recorded meanwhile), the folder written
is not a batch of the chain: the exporter removes it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.card.signing_key import ensure_signing_key
from app.dossier.request import checked_text
from app.dossier_queries import NO_SUCH_DOSSIER, look_up
from app.failures import NotFound, PolicyRefusal
from app.i18n import Message
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.reception import acting_officer, audit_actor
from db.card_batches import (
    ACKNOWLEDGED,
    ANSWERED_OTHERWISE,
    GENESIS,
    NO_REASON,
    NOT_IN_BATCH,
    NOT_WAITING,
    REJECTED,
    TWICE_IN_FILE,
    AnswerProblem,
    AnswersRecorded,
    AnswersRefused,
    BatchEntry,
    BatchWrite,
    CardAnswer,
    CardBatchRecord,
    CardStateRecord,
    ChainBroken,
    CurrentCardState,
    NotExportable,
    NotReleasable,
    Step,
    batch_entries,
    card_states,
    exportable,
    find_batch,
    last_batch,
    next_sequence,
    record_answers,
    record_batch,
    release,
    remember_public_key,
)
from db.dossiers import DossierMissing
from db.store import Store

CHAIN_BROKEN = Message(
    "lô {batch} không nối tiếp lô trước của quầy này (một lô khác đã được ghi nhận); "
    "lô không được ghi nhận, hãy xuất lại",
    "batch {batch} does not follow this counter's last batch (another batch was recorded "
    "meanwhile); it was not recorded: export again",
)
ALREADY_EXPORTED = Message(
    "{count} hồ sơ đã xuất dữ liệu in thẻ và chưa được cho xuất lại: {codes}",
    "{count} dossier(s) were exported already and not released since: {codes}",
)
NO_SUCH_BATCH = Message("không có lô dữ liệu in thẻ '{batch}'", "no card data batch '{batch}'")
ANSWERS_REFUSED = Message(
    "tệp phản hồi của lô {batch} không được ghi nhận: {problems}",
    "the answer file of batch {batch} was not recorded: {problems}",
)
ANSWER_NOT_IN_BATCH = Message("{code} không có trong lô", "{code} is not in the batch")
ANSWER_NOT_WAITING = Message(
    "{code} đã được cho xuất lại, không chờ phản hồi của lô này",
    "{code} was released and waits for no answer from this batch",
)
ANSWER_OTHERWISE = Message(
    "{code} đã có phản hồi khác trước đó", "{code} already has the other answer"
)
ANSWER_TWICE = Message(
    "{code} có hai phản hồi khác nhau trong tệp", "{code} has two different answers in the file"
)
ANSWER_NO_REASON = Message(
    "{code} bị từ chối nhưng không ghi lý do", "{code} is rejected without a reason"
)
ANSWER_UNKNOWN = Message(
    "{code} có kết quả không rõ (chỉ nhận acknowledged hoặc rejected)",
    "{code} has an unknown result (acknowledged or rejected only)",
)
NOT_RELEASABLE = Message(
    "dữ liệu in thẻ của hồ sơ {key} không ở trạng thái đã xuất; không cần cho xuất lại",
    "the card data of dossier {key} is not exported; there is nothing to release",
)
RELEASE_REASON = Message("Lý do cho xuất lại", "Reason for exporting again")
LIST_SEPARATOR = Message("; ", "; ")
_PROBLEMS = {
    NOT_IN_BATCH: ANSWER_NOT_IN_BATCH,
    NOT_WAITING: ANSWER_NOT_WAITING,
    ANSWERED_OTHERWISE: ANSWER_OTHERWISE,
    TWICE_IN_FILE: ANSWER_TWICE,
    NO_REASON: ANSWER_NO_REASON,
}
# The results an answer file may give (``answer``).
RESULTS = (ACKNOWLEDGED, REJECTED)
# How many codes a refusal names before "…": a message, not a report.
CODES_SHOWN = 10


class CardStepRefused(PolicyRefusal):
    """The card lifecycle does not allow this step now; the message says why."""


class CardBatchNotFound(NotFound):
    """No batch has the id or folder name given."""


@dataclass(frozen=True)
class ChainLink:
    """What the next batch of this counter names: the previous signature, its sequence."""

    previous_signature: str
    sequence: int


@dataclass(frozen=True)
class ExportedBatch:
    """What a written batch is, to record: its folder's name and signature, and where."""

    batch_name: str
    agency: str | None
    point: str
    counter_number: int
    day: dt.date
    sequence: int
    signature: str
    previous_signature: str
    public_key: str


def chain_link(store: Store, day: dt.date) -> ChainLink:
    """The previous signature (the genesis value for the counter's first batch) and the
    sequence of the counter's next batch of ``day``."""
    last = last_batch(store)
    previous = GENESIS if last is None else last.signature
    return ChainLink(previous, next_sequence(store, day))


def record_export(
    store: Store,
    who: Officer | Authority,
    batch: ExportedBatch,
    dossier_ids: Sequence[str],
    at: dt.datetime,
) -> CardBatchRecord:
    """Record a batch written to its folder and its records as exported."""
    authority = require(who, Permission.EXPORT_CARDS)
    write = BatchWrite(
        batch_name=batch.batch_name,
        agency=batch.agency,
        point=batch.point,
        counter_number=batch.counter_number,
        day=batch.day,
        sequence=batch.sequence,
        officer=acting_officer(authority).full_name,
        actor=audit_actor(authority),
        signature=batch.signature,
        previous_signature=batch.previous_signature,
        made_at=at,
        public_key=batch.public_key,
    )
    try:
        return record_batch(store, write, dossier_ids)
    except ChainBroken:
        raise CardStepRefused(CHAIN_BROKEN, batch=batch.batch_name) from None
    except NotExportable as refused:
        codes = _codes(store, refused.held)
        raise CardStepRefused(
            ALREADY_EXPORTED, count=len(refused.held), codes=_shortened(codes)
        ) from None
    except DossierMissing as missing:
        raise NotFound(NO_SUCH_DOSSIER, key=str(missing.args[0])) from None


def record_answer_file(
    store: Store,
    who: Officer | Authority,
    batch: str,
    answers: Sequence[CardAnswer],
    at: dt.datetime,
) -> AnswersRecorded:
    """Record the operator's answers to ``batch`` (its id or folder name): all or none."""
    authority = require(who, Permission.EXPORT_CARDS)
    found = find_batch(store, batch)
    if found is None:
        raise CardBatchNotFound(NO_SUCH_BATCH, batch=batch)
    step = Step(at, acting_officer(authority).full_name, audit_actor(authority))
    try:
        return record_answers(store, found.id, answers, step)
    except AnswersRefused as refused:
        raise CardStepRefused(
            ANSWERS_REFUSED, batch=found.batch_name, problems=_problems(refused.problems)
        ) from None


def release_card(
    store: Store, who: Officer | Authority, key: str, reason: str, at: dt.datetime
) -> CardStateRecord:
    """Let the dossier ``key`` (code or id) be exported again, for ``reason``."""
    authority = require(who, Permission.RELEASE_CARD)
    kept = checked_text(reason, RELEASE_REASON)
    found = look_up(store, key)
    if found is None:
        raise NotFound(NO_SUCH_DOSSIER, key=key)
    step = Step(at, acting_officer(authority).full_name, audit_actor(authority))
    try:
        return release(store, found.id, kept, step)
    except NotReleasable:
        raise CardStepRefused(NOT_RELEASABLE, key=key) from None
    except DossierMissing:
        raise NotFound(NO_SUCH_DOSSIER, key=key) from None


def current_states(store: Store, dossier_ids: Iterable[str]) -> dict[str, CurrentCardState]:
    """Each dossier's card state (a dossier without one: ready, if it passes the preflight)."""
    return card_states(store, dossier_ids)


def may_enter_a_batch(store: Store, dossier_ids: Iterable[str]) -> list[str]:
    """Those that may enter a batch now: never exported, rejected, or released since."""
    return exportable(store, dossier_ids)


def entries_of(store: Store, batch: str) -> list[BatchEntry]:
    """The records of the batch with this id or folder name, with their states there."""
    found = find_batch(store, batch)
    if found is None:
        raise CardBatchNotFound(NO_SUCH_BATCH, batch=batch)
    return batch_entries(store, found.id)


def keep_public_key(store: Store, public_key: str, at: dt.datetime) -> None:
    """Keep the counter's public key for the centre (the next sync round registers it)."""
    remember_public_key(store, public_key, at)


def prepare_signing(store: Store, data_dir: Path, at: dt.datetime) -> str:
    """At set-up (or before the first export): the data folder's signing key, made if it has
    none, its public half kept for the centre; the public key (hex)."""
    public_key = ensure_signing_key(data_dir)
    remember_public_key(store, public_key, at)
    return public_key


def answer(code: str, result: str, reason: str | None = None) -> CardAnswer:
    """One answer of the operator's file (result: acknowledged or rejected)."""
    return CardAnswer(code.strip().upper(), result.strip().lower(), reason)


def _codes(store: Store, held: dict[str, CurrentCardState]) -> list[str]:
    # The officer knows dossiers by their codes; an id is shown for one without.
    codes = []
    for dossier_id in held:
        found = look_up(store, dossier_id)
        codes.append(found.code or dossier_id if found is not None else dossier_id)
    return sorted(codes)


def _shortened(codes: list[str]) -> str:
    shown = ", ".join(codes[:CODES_SHOWN])
    return shown + (", …" if len(codes) > CODES_SHOWN else "")


def _problems(problems: list[AnswerProblem]) -> Message:
    parts = [_PROBLEMS.get(problem.problem, ANSWER_UNKNOWN) for problem in problems[:CODES_SHOWN]]
    vi = LIST_SEPARATOR.vi.join(
        part.text("vi", code=problem.code) for part, problem in zip(parts, problems, strict=False)
    )
    en = LIST_SEPARATOR.en.join(
        part.text("en", code=problem.code) for part, problem in zip(parts, problems, strict=False)
    )
    more = len(problems) > CODES_SHOWN
    return Message(vi + ("; …" if more else ""), en + ("; …" if more else ""))
