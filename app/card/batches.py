"""The card data the counter hands to the card-printing system: which records are ready,
exporting a batch, taking in the operator's answers, and checking a batch (issue 16).

A record is a dossier accepted for a procedure whose result is a PET card (the catalogue's
``card = "pet"``), not voided. It is *ready* when it may enter a batch (never exported, the
operator rejected it, or a supervisor released it) and its preflight finds nothing; it is
*failing* with the preflight's reasons otherwise; the others stand where their last batch
left them (exported, acknowledged). A record the operator rejected is back on the list with
the operator's reason, ready again once its preflight passes.

Exporting writes the ready records as one batch through a format (``app.card.formats``;
the default is the signed BagIt folder of ``printing.card_batch``), signed with this data
folder's key (made at the first export if set-up did not), chained to this counter's last
batch, then records it in the store, the records as exported, in one transaction. A batch
the store refuses is removed from disk: a folder on disk is always a batch of the store.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from app.card.formats import DEFAULT_FORMAT, BatchFormat
from app.card.lines import FAILING, READY, CardLine
from app.card.preflight import Problem, preflight, rule_problems
from app.card.record import (
    CardRecord,
    StoredPortrait,
    card_record,
    issuing_authority_of,
    makes_card,
    record_fields,
)
from app.card.signing_key import signing_key
from app.card.states import (
    ExportedBatch,
    answer,
    chain_link,
    current_states,
    may_enter_a_batch,
    prepare_signing,
    record_answer_file,
    record_export,
)
from app.catalogue.model import Catalogue
from app.dossier_queries import look_up
from app.failures import NotFound
from app.i18n import Message, Refusal
from app.officers.identity import Officer
from app.permissions import Authority, Permission, require
from app.settings import Settings, option
from db.card_batches import GENESIS, AnswersRecorded, find_batch
from db.dossiers import accepted_of_procedures, with_history
from db.photos import StoredPortraitRow, portraits
from db.records import StoredDossier
from db.store import Store
from printing.card_batch import BatchInfo, CardRecordFile, public_key_from_hex
from printing.card_batch_verify import BatchProblem, verify_batch

MAX_ANSWER_BYTES = 8 << 20  # an answer file of some hundred thousand lines

NOTHING_READY = Message(
    "không có hồ sơ nào sẵn sàng để xuất dữ liệu in thẻ",
    "no record is ready for the card data",
)
NOTHING_READY_ON_DAY = Message(
    "không có hồ sơ nào tiếp nhận ngày {day} sẵn sàng để xuất dữ liệu in thẻ",
    "no record received on {day} is ready for the card data",
)
NO_SUCH_BATCH_FOLDER = Message(
    "{folder}: không phải thư mục lô dữ liệu in thẻ của quầy này (không có lô tên {name})",
    "{folder}: not a card data batch of this counter (no batch named {name})",
)
ANSWER_FILE_EMPTY = Message(
    "{path}: tệp trả lời không có dòng nào (cần: mã hồ sơ, kết quả, lý do)",
    "{path}: the answer file has no line (expected: dossier code, result, reason)",
)
ANSWER_LINE_SHORT = Message(
    "{path}, dòng {line}: cần ít nhất mã hồ sơ và kết quả (acknowledged hoặc rejected)",
    "{path}, line {line}: needs at least the dossier code and the result"
    " (acknowledged or rejected)",
)
ANSWER_BATCHES = Message(
    "{path}: các hồ sơ trong tệp thuộc {count} lô khác nhau ({batches}); mỗi tệp trả lời"
    " cho một lô, hoặc chọn lô bằng --batch",
    "{path}: the file's dossiers are in {count} different batches ({batches}); an answer"
    " file answers one batch, or name it with --batch",
)
ANSWER_NO_BATCH = Message(
    "{path}: không hồ sơ nào trong tệp đang ở một lô đã xuất của quầy này",
    "{path}: none of the file's dossiers is in an exported batch of this counter",
)
SETTING_NEEDED = Message(
    "{label} chưa được đặt; dữ liệu in thẻ cần nó. Cán bộ IT đặt bằng lệnh: motcua settings"
    " set {name} …",
    "{label} is not set; the card data needs it. IT staff set it with: motcua settings set"
    " {name} …",
)
# What names a batch and the card's issuing authority (``BatchInfo``, ``issuing_authority_of``).
CARD_SETTINGS = ("agency_code", "receiving_point", "agency_name")
RECORD_BREAKS_RULE = Message("Hồ sơ {code}: {problem}", "Dossier {code}: {problem}")
# The header line an answer file may start with (its first cell is no dossier code).
ANSWER_HEADER = ("code", "mã hồ sơ", "ma_ho_so", "dossier_code")


@dataclass(frozen=True)
class _Assessed:
    line: CardLine
    record: CardRecord | None  # built when the dossier may enter a batch
    portrait: StoredPortraitRow | None


@dataclass(frozen=True)
class BatchExported:
    folder: Path
    batch_name: str
    count: int
    left_out: tuple[CardLine, ...]  # failing records, with their reasons


def card_lines(
    store: Store, settings: Settings, catalogue: Catalogue, *, day: dt.date | None = None
) -> list[CardLine]:
    """The card-data list: every accepted dossier of a card procedure (received on ``day``,
    if given), oldest first, where it stands."""
    return [assessed.line for assessed in _assess(store, settings, catalogue, day)]


def export_batch(
    store: Store,
    data_dir: Path,
    settings: Settings,
    catalogue: Catalogue,
    who: Officer | Authority,
    parent: Path,
    now: dt.datetime,
    *,
    day: dt.date | None = None,
    output: BatchFormat = DEFAULT_FORMAT,
) -> BatchExported:
    """Write every ready record (received on ``day``, if given) as one batch under
    ``parent`` and record it; ``NotFound`` when none is ready."""
    authority = require(who, Permission.EXPORT_CARDS)
    check_card_settings(settings)
    assessed = _assess(store, settings, catalogue, day)
    ready = [a for a in assessed if a.line.state == READY]
    if not ready:
        if day is None:
            raise NotFound(NOTHING_READY)
        raise NotFound(NOTHING_READY_ON_DAY, day=f"{day:%d/%m/%Y}")
    public_key = prepare_signing(store, data_dir, now)
    link = chain_link(store, now.date())
    info = BatchInfo(
        agency=settings.agency_code,
        point=settings.receiving_point,
        day=now.date(),
        sequence=link.sequence,
        counter=settings.counter_number,
        officer=authority.actor.login,
        previous_signature=None if link.previous_signature == GENESIS else link.previous_signature,
    )
    files = [_record_file(a) for a in ready]
    written = output.write(parent, info, files, signing_key(data_dir))
    batch = ExportedBatch(
        batch_name=written.folder.name,
        agency=settings.agency_code,
        point=settings.receiving_point,
        counter_number=settings.counter_number,
        day=info.day,
        sequence=info.sequence,
        signature=written.signature,
        previous_signature=link.previous_signature,
        public_key=public_key,
    )
    try:
        record_export(store, authority, batch, [a.line.dossier_id for a in ready], now)
    except BaseException:
        # Not recorded, so not a batch: nothing on disk may say otherwise.
        shutil.rmtree(written.folder, ignore_errors=True)
        raise
    left_out = tuple(a.line for a in assessed if a.line.state == FAILING)
    return BatchExported(written.folder, written.folder.name, len(ready), left_out)


class CardSettingMissing(Refusal):
    """A setting the batch or the record needs is not set (bad input, exit 2)."""


def check_card_settings(settings: Settings) -> None:
    """Refuse, naming the setting by its label, before anything is read or written."""
    for name in CARD_SETTINGS:
        if not settings.value(name):
            declared = option(name)
            label = Message(declared.label_in("vi"), declared.label_in("en"))
            raise CardSettingMissing(SETTING_NEEDED, label=label, name=name)


def read_answer_file(path: Path, text: str) -> list[tuple[str, str, str | None]]:
    """The operator's answers: ``code,result[,reason]`` per line (UTF-8, a BOM and a header
    line allowed); ``AnswerFileRefused`` names the line that is not one."""
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and rows[0][0].strip().lower() in ANSWER_HEADER:
        rows = rows[1:]
    if not rows:
        raise AnswerFileRefused(ANSWER_FILE_EMPTY, path=path.name)
    answers = []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise AnswerFileRefused(ANSWER_LINE_SHORT, path=path.name, line=number)
        reason = row[2].strip() if len(row) > 2 and row[2].strip() else None
        answers.append((row[0], row[1], reason))
    return answers


class AnswerFileRefused(Refusal):
    """The answer file cannot be read as answers (bad input, exit 2); the message names the
    line."""


def import_answers(
    store: Store,
    who: Officer | Authority,
    path: Path,
    text: str,
    now: dt.datetime,
    *,
    batch: str | None = None,
) -> tuple[str, AnswersRecorded]:
    """Record the operator's answer file for ``batch`` (default: the one batch its
    dossiers are in); all its lines or none. Returns the batch's name and what was done."""
    answers = [
        answer(code, result, reason) for code, result, reason in read_answer_file(path, text)
    ]
    if batch is None:
        batch = _answered_batch(store, path, [a.code for a in answers])
    return batch, record_answer_file(store, who, batch, answers, now)


def verify_folder(
    store: Store, data_dir: Path, folder: Path, *, public_key: str | None = None
) -> list[str]:
    """Every problem of the batch in ``folder`` (empty: it is whole), in the officer's
    language: the bag, its signature against this counter's key (or ``public_key``), the
    chain link the store recorded, and every record against the record rules."""
    found = find_batch(store, folder.name)
    if found is None:
        raise NotFound(NO_SUCH_BATCH_FOLDER, folder=folder, name=folder.name)
    key = (
        public_key_from_hex(public_key)
        if public_key is not None
        else signing_key(data_dir).public_key()
    )
    previous = None if found.previous_signature == GENESIS else found.previous_signature
    problems: list[BatchProblem] = verify_batch(folder, key, previous)
    said = [str(problem) for problem in problems]
    if not said:
        said += _record_rule_problems(folder)
    return said


def _record_rule_problems(folder: Path) -> list[str]:
    records = json.loads((folder / "data" / "records.json").read_text(encoding="utf-8"))
    said = []
    for fields in records:
        for problem in rule_problems(fields):
            said.append(RECORD_BREAKS_RULE(code=fields.get("dossier_code"), problem=str(problem)))
    return said


def _answered_batch(store: Store, path: Path, codes: Sequence[str]) -> str:
    ids = [found.id for code in codes if (found := look_up(store, code)) is not None]
    batches = sorted(
        {state.batch_name for state in current_states(store, ids).values() if state.batch_name}
    )
    if not batches:
        raise AnswerFileRefused(ANSWER_NO_BATCH, path=path.name)
    if len(batches) > 1:
        raise AnswerFileRefused(
            ANSWER_BATCHES, path=path.name, count=len(batches), batches=", ".join(batches)
        )
    return batches[0]


def _assess(
    store: Store, settings: Settings, catalogue: Catalogue, day: dt.date | None
) -> list[_Assessed]:
    """Every candidate where it stands. Only those that may enter a batch now are read in
    full and checked (their history, their portrait's bytes): a year's acknowledged cards
    are listed from their rows alone."""
    procedures = [p.id for p in catalogue.procedures.values() if makes_card(p)]
    start = None if day is None else dt.datetime.combine(day, dt.time())
    end = None if start is None else start + dt.timedelta(days=1)
    candidates = accepted_of_procedures(store, procedures, start=start, end=end)
    ids = [dossier.id for dossier in candidates]
    states = current_states(store, ids)
    open_ids = may_enter_a_batch(store, ids)
    full = {dossier.id: dossier for dossier in with_history(store, open_ids)}
    photos = portraits(store, open_ids)
    authority = issuing_authority_of(settings)
    assessed = []
    for dossier in candidates:
        state = states.get(dossier.id)
        if dossier.id not in full:
            assert state is not None  # only a dossier with a state is kept out
            line = _line(dossier, state.state, state.batch_name, state.reason)
            assessed.append(_Assessed(line, None, None))
            continue
        portrait = photos.get(dossier.id)
        record = card_record(full[dossier.id], _portrait(portrait), issuing_authority=authority)
        problems = tuple(preflight(record, None if portrait is None else portrait.content))
        rejected = state is not None and state.state == "rejected"
        line = _line(
            dossier,
            FAILING if problems else READY,
            state.batch_name if rejected and state else None,
            state.reason if state else None,
            problems,
        )
        assessed.append(_Assessed(line, record, portrait))
    return assessed


def _line(
    dossier: StoredDossier,
    state: str,
    batch: str | None,
    reason: str | None,
    problems: tuple[Problem, ...] = (),
) -> CardLine:
    assert dossier.code is not None  # accepted dossiers only
    return CardLine(
        dossier.id,
        dossier.code,
        dossier.applicant_name,
        dossier.procedure_id,
        dossier.received_at,
        state,
        batch,
        reason,
        problems,
    )


def _portrait(row: StoredPortraitRow | None) -> StoredPortrait | None:
    if row is None:
        return None
    return StoredPortrait(row.content, row.sha256, row.taken_at, row.officer)


def _record_file(assessed: _Assessed) -> CardRecordFile:
    assert assessed.record is not None and assessed.portrait is not None  # ready records
    return CardRecordFile(record_fields(assessed.record), assessed.portrait.content)
