"""The counter's record of its store: which store it is, and the last dossier serials it issued.

Kept beside the settings, in ``store-record.json`` of the data folder, so that a
store lost, emptied or replaced is noticed at the next start (``app.store_ops``)
and a store put back or started anew never issues a code twice:

- ``store_identity``: the identity of the store this counter uses
  (``sync_state.device_id``, a UUID created with the store);
- ``last_serials``: for the latest day this counter numbered a dossier, the
  agency and the highest serial issued in each block it used that day (a leased
  block, the reserve). Written after each numbering commits.

Not an option of ``settings.json``: the program writes it after every numbered
dossier, while the settings window saves the whole settings it loaded at start
(which would put an older record back), and nobody should type it. Written with
``app.files.write_atomically``, so a power cut leaves the old record or the new.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from app.failures import StoreUnusable
from app.files import write_atomically
from app.i18n import Message
from db.store import Numbered
from db.store_safety import IssuedSerial

log = logging.getLogger(__name__)

RECORD_FILE = "store-record.json"
RECORD_VERSION = 1

RECORD_UNREADABLE = Message(
    "{file}: không đọc được tệp ghi nhận kho hồ sơ của quầy ({problem}), nên không kiểm tra được "
    "kho hồ sơ {store}; chương trình không cấp mã hồ sơ nào. Cán bộ IT chép lại tệp này từ một "
    "bản sao, hoặc xoá nó sau khi chắc chắn {store} là kho của chính quầy này (chương trình sẽ "
    "ghi nhận lại kho đó)",
    "{file}: the counter's record of its dossier store cannot be read ({problem}), so the store "
    "{store} cannot be checked; no dossier code is given. IT staff copy the file back from a "
    "copy, or delete it once sure {store} is this counter's own store (the program then records "
    "that store again)",
)
CANNOT_READ = Message("không đọc được tệp", "the file cannot be read")
NOT_JSON = Message("không phải JSON hợp lệ", "not valid JSON")
NOT_A_RECORD = Message("không phải tệp ghi nhận do motcua ghi", "not a record written by motcua")
NEWER_RECORD = Message("do một phiên bản motcua mới hơn ghi", "written by a newer motcua")


class _LastSerialsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    agency: str
    day: str  # YYYY-MM-DD
    serials: list[int]


class _RecordFile(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    record_version: int
    store_identity: str
    last_serials: _LastSerialsFile | None = None


@dataclass(frozen=True)
class LastSerials:
    """The latest day this counter numbered, and the highest serial of each block it used."""

    agency: str
    day: dt.date
    serials: tuple[int, ...]

    def issued(self) -> list[IssuedSerial]:
        return [IssuedSerial(self.agency, self.day, serial) for serial in self.serials]


@dataclass(frozen=True)
class StoreRecord:
    identity: str
    last: LastSerials | None = None

    def issued(self) -> list[IssuedSerial]:
        """The serials recorded as issued (the highest of each block of the latest day)."""
        return [] if self.last is None else self.last.issued()

    def with_numbered(self, numbered: Numbered) -> StoreRecord:
        """The record once ``numbered`` is issued: a later day (or another agency) starts a
        new day's record; a day before the recorded one changes nothing."""
        last = self.last
        same_day = last is not None and (last.agency, last.day) == (numbered.agency, numbered.day)
        if last is not None and not same_day and numbered.day < last.day:
            return self
        earlier = last.serials if last is not None and same_day else ()
        in_block = [s for s in earlier if numbered.first <= s <= numbered.last]
        others = [s for s in earlier if not numbered.first <= s <= numbered.last]
        highest = max([numbered.serial, *in_block])
        serials = tuple(sorted([*others, highest]))
        return replace(self, last=LastSerials(numbered.agency, numbered.day, serials))


def record_path(data_dir: Path) -> Path:
    return data_dir / RECORD_FILE


def read_record(data_dir: Path, store: Path) -> StoreRecord | None:
    """The counter's record; None when none was ever written (a first start, or a counter
    from before this record). A record that cannot be read is refused, never ignored:
    ignoring it would accept any store."""
    file = record_path(data_dir)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise StoreUnusable(
            RECORD_UNREADABLE, file=file, store=store, problem=CANNOT_READ
        ) from error
    try:
        data = _RecordFile.model_validate(json.loads(text))
        last = data.last_serials
        record = StoreRecord(
            data.store_identity,
            None
            if last is None
            else LastSerials(last.agency, dt.date.fromisoformat(last.day), tuple(last.serials)),
        )
    except json.JSONDecodeError as error:
        raise StoreUnusable(RECORD_UNREADABLE, file=file, store=store, problem=NOT_JSON) from error
    except (ValidationError, ValueError) as error:
        raise StoreUnusable(
            RECORD_UNREADABLE, file=file, store=store, problem=NOT_A_RECORD
        ) from error
    if data.record_version > RECORD_VERSION:
        raise StoreUnusable(RECORD_UNREADABLE, file=file, store=store, problem=NEWER_RECORD)
    return record


def write_record(data_dir: Path, record: StoreRecord) -> Path:
    last = record.last
    data = _RecordFile(
        record_version=RECORD_VERSION,
        store_identity=record.identity,
        last_serials=None
        if last is None
        else _LastSerialsFile(
            agency=last.agency, day=last.day.isoformat(), serials=list(last.serials)
        ),
    )
    return write_atomically(record_path(data_dir), data.model_dump_json(indent=2) + "\n")


def record_numbered(data_dir: Path, store: Path, numbered: Numbered) -> None:
    """Add a serial just issued to the record (called once its dossier is committed).

    Read afresh first: another motcua of this counter may have numbered meanwhile. A
    record that cannot be written is logged, not raised: the dossier is stored and its
    code given, and a record behind the store only protects less.
    """
    try:
        record = read_record(data_dir, store)
        if record is None:
            return
        write_record(data_dir, record.with_numbered(numbered))
    except (StoreUnusable, OSError) as error:
        log.warning("the store record could not be updated: %s", type(error).__name__)
