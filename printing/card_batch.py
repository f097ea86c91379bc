"""The PET-card batch: one signed, chained BagIt folder of card records and their photos.

What the counter hands to the card-printing system (card-data.md §7: the project's own
design, since no public input format exists). One folder per batch,
``GPLX_<agency>_<yyyymmdd>_Q<counter>_<seq>/``, in the BagIt layout of RFC 8493 (v1.0),
written by the Library of Congress's own ``bagit`` library rather than by hand::

    bagit.txt                    BagIt-Version: 1.0 / Tag-File-Character-Encoding: UTF-8
    bag-info.txt                 Batch-Id, Agency, Point, Counter, Officer, Record-Count,
                                 Previous-Batch-Signature, Bagging-Date, Payload-Oxum
    manifest-sha256.txt          SHA-256 of every payload file
    tagmanifest-sha256.txt       SHA-256 of the tag files above
    tagmanifest-sha256.txt.sig   Ed25519 signature of the tag manifest, 128 lowercase hex
                                 digits and a newline
    data/records.json            the records, UTF-8, NFC, ISO-8601 dates
    data/records.csv             the same records, one row each, UTF-8 with a BOM
    data/photos/<dossier code>.jpg

The tag manifest covers ``bag-info.txt``, so the signature also covers the link to the
previous batch: each batch names the previous one's signature (the first one
``GENESIS_SIGNATURE``), and a missing, reordered or altered batch breaks the chain.

A record is a JSON-ready mapping the caller (``app/``) builds. This module needs two of its
keys: ``dossier_code`` (the photo's file name) and ``photo`` with ``file``
(``photo_file(code)``) and ``sha256`` (the stored hash of the photo). Dates may be given as
``date``/``datetime`` and are written in ISO 8601. Text must already be NFC without control
characters (the preflight's rules): a record that breaks them is refused, not normalised,
so that the batch never says something other than the store.

The CSV header is a list of dotted paths into the records (``holder.full_name``,
``classes.0.expiry_date``: a number indexes a list), so a reader, and
``card_batch_verify``, can tell which value each cell holds. Checking a batch:
``printing.card_batch_verify.verify_batch``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeAlias

import bagit
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from app.i18n import Message, Refusal

# The files of a batch (card-data.md §7).
BAGIT_TXT = "bagit.txt"
BAG_INFO_TXT = "bag-info.txt"
MANIFEST = "manifest-sha256.txt"
TAG_MANIFEST = "tagmanifest-sha256.txt"
# bagit leaves every root file named tagmanifest-* out of the tag manifest when it saves,
# so the signature beside it is never listed in what it signs.
SIGNATURE_FILE = f"{TAG_MANIFEST}.sig"
PAYLOAD = "data"
RECORDS_JSON = "records.json"
RECORDS_CSV = "records.csv"
PHOTOS = "photos"
PHOTO_SUFFIX = ".jpg"
# bagit's make_bag still writes version 0.97; the batch is a v1.0 bag (RFC 8493).
BAGIT_DECLARATION = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
BAGIT_VERSION = "1.0"
CHECKSUM = "sha256"

# bag-info.txt, in the order of §7 (bagit writes them sorted by name).
BATCH_ID = "Batch-Id"
AGENCY = "Agency"
POINT = "Point"
COUNTER = "Counter"
OFFICER = "Officer"
RECORD_COUNT = "Record-Count"
PREVIOUS_SIGNATURE = "Previous-Batch-Signature"
BAGGING_DATE = "Bagging-Date"
PAYLOAD_OXUM = "Payload-Oxum"
INFO_FIELDS = (
    BATCH_ID,
    AGENCY,
    POINT,
    COUNTER,
    OFFICER,
    RECORD_COUNT,
    PREVIOUS_SIGNATURE,
    BAGGING_DATE,
    PAYLOAD_OXUM,
)

# The keys of a record this module relies on.
CODE_KEY = "dossier_code"
PHOTO_KEY = "photo"
PHOTO_FILE_KEY = "file"
PHOTO_SHA256_KEY = "sha256"

# What the first batch of a counter names as its previous signature: the shape of a
# signature, and no key can sign to it by chance.
GENESIS_SIGNATURE = "0" * 128
SIGNATURE_PATTERN = re.compile(r"[0-9a-f]{128}")
SHA256_PATTERN = re.compile(r"[0-9a-f]{64}")
# The agency's code as the dossier codes carry it (000.17.22.H56): the batch's name starts
# with it, as the issue names batches "by agency, date and sequence".
AGENCY_PATTERN = re.compile(r"[0-9A-Z]{1,12}(?:\.[0-9A-Z]{1,12}){0,5}")
# A dossier code names a file: letters, digits, dots and dashes (000.17.22.H56-260315-0001).
CODE_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{0,63}")
# Record keys are names, so that a dotted path into a record reads one way only.
KEY_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_SEQUENCE = 999
# Unicode's control characters (category Cc): C0, DEL and C1.
CONTROL_CHARACTER = re.compile("[\x00-\x1f\x7f-\x9f]")

# A record as the caller gives it, and as records.json holds it once dates are ISO text.
# No float: nothing on a card is measured, and a float would print differently in the two
# files.
RecordValue: TypeAlias = (
    str | int | bool | dt.date | Sequence["RecordValue"] | Mapping[str, "RecordValue"] | None
)
JsonValue: TypeAlias = str | int | bool | list["JsonValue"] | dict[str, "JsonValue"] | None
JsonRecord: TypeAlias = dict[str, JsonValue]

TEXT_NOT_NFC = Message(
    "Hồ sơ {code}, trường {field}: chữ không ở dạng chuẩn Unicode NFC",
    "Dossier {code}, field {field}: the text is not in Unicode NFC",
)
TEXT_HAS_CONTROL = Message(
    "Hồ sơ {code}, trường {field}: có ký tự điều khiển",
    "Dossier {code}, field {field}: holds a control character",
)
CODE_NOT_VALID = Message(
    "Bản ghi thứ {index}: thiếu mã hồ sơ hoặc mã hồ sơ không hợp lệ",
    "Record {index}: the dossier code is missing or not valid",
)
RECORD_TWICE = Message(
    "Hồ sơ {code} có hai lần trong lô",
    "Dossier {code} is twice in the batch",
)
PHOTO_ENTRY_WRONG = Message(
    "Hồ sơ {code}: mục ảnh phải ghi tệp {expected} và mã SHA-256 của ảnh",
    "Dossier {code}: the photo entry must name the file {expected} and the photo's SHA-256",
)
PHOTO_NOT_ITS_HASH = Message(
    "Hồ sơ {code}: ảnh không khớp mã SHA-256 ghi trong bản ghi",
    "Dossier {code}: the photo does not match the SHA-256 in its record",
)


class RecordRefused(Refusal, ValueError):
    """A record that may not enter a batch: the preflight should have kept it out."""


@dataclass(frozen=True)
class BatchInfo:
    """What names a batch and goes into its bag-info.txt."""

    agency: str  # the agency's code (000.17.22.H56)
    point: str  # the receiving point, as the settings name it (NFC, one line)
    day: dt.date  # the folder's date and the Bagging-Date
    sequence: int  # 1, 2, … within the counter and the day
    counter: int
    officer: str  # the officer's user name: an id, not a person's name
    previous_signature: str | None  # the previous batch's; None for the counter's first

    def __post_init__(self) -> None:
        if not AGENCY_PATTERN.fullmatch(self.agency):
            raise ValueError("the agency code must be capital letters and digits, in parts")
        if not self.point or text_problem(self.point) is not None:
            raise ValueError("the point must be named, in NFC, without control characters")
        if not 1 <= self.sequence <= MAX_SEQUENCE:
            raise ValueError(f"the sequence must be 1 to {MAX_SEQUENCE}")
        if self.counter < 1:
            raise ValueError("the counter number starts at 1")
        if not self.officer or _has_control(self.officer):
            raise ValueError("the officer must be named, without control characters")
        if self.previous_signature is not None and not SIGNATURE_PATTERN.fullmatch(
            self.previous_signature
        ):
            raise ValueError("the previous signature must be 128 lowercase hex digits")

    @property
    def batch_id(self) -> str:
        """The folder's name and the Batch-Id: GPLX_<agency>_<yyyymmdd>_Q<counter>_<seq>.
        The counter is in it: every counter of a point numbers its own batches of the day
        (offline too), and two of them never make one name."""
        return f"GPLX_{self.agency}_{self.day:%Y%m%d}_Q{self.counter:02d}_{self.sequence:03d}"

    @property
    def chain_link(self) -> str:
        return self.previous_signature or GENESIS_SIGNATURE


@dataclass(frozen=True)
class CardRecordFile:
    """One record of a batch: its JSON-ready fields and the photo's JPEG bytes."""

    fields: Mapping[str, RecordValue]
    photo_jpeg: bytes


@dataclass(frozen=True)
class WrittenBatch:
    folder: Path
    signature: str  # hex, what the next batch names as Previous-Batch-Signature
    record_count: int


# ------------------------------------------------------------------------------ keys


def new_signing_key() -> Ed25519PrivateKey:
    """A counter's key pair, made at set-up; the caller keeps the private key secret."""
    return Ed25519PrivateKey.generate()


def public_key_hex(key: Ed25519PublicKey) -> str:
    """The public key as its raw 32 bytes in hex: what the centre registers."""
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def public_key_from_hex(text: str) -> Ed25519PublicKey:
    """A registered public key back from ``public_key_hex``; ValueError if it is not one."""
    if not re.fullmatch(r"[0-9a-fA-F]{64}", text.strip()):
        raise ValueError("an Ed25519 public key is 64 hex digits")
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(text.strip()))


# --------------------------------------------------------------------------- records


def photo_file(code: str) -> str:
    """The photo's path inside data/, as the record's photo entry names it."""
    return f"{PHOTOS}/{code}{PHOTO_SUFFIX}"


def text_problem(text: str) -> Message | None:
    """Why a text may not stand in a record (the preflight's rules), or None."""
    if not unicodedata.is_normalized("NFC", text):
        return TEXT_NOT_NFC
    if _has_control(text):
        return TEXT_HAS_CONTROL
    return None


def _has_control(text: str) -> bool:
    return CONTROL_CHARACTER.search(text) is not None


def json_ready(value: RecordValue, code: str, path: str) -> JsonValue:
    """The value as records.json holds it: dates in ISO 8601, text checked."""
    if isinstance(value, str):
        problem = text_problem(value)
        if problem is not None:
            raise RecordRefused(problem, code=code, field=path)
        return value
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {
            _key(key, path): json_ready(item, code, _join(path, key)) for key, item in value.items()
        }
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return [json_ready(item, code, _join(path, str(n))) for n, item in enumerate(value)]
    raise TypeError(f"{path}: a record holds text, whole numbers, dates, lists and mappings")


def _key(key: object, path: str) -> str:
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise ValueError(f"{path}: record keys are names (letters, digits, _)")
    return key


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


def leaves(value: JsonValue, path: str = "") -> Iterator[tuple[str, JsonValue]]:
    """Every plain value of a record with its dotted path, in the record's order."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, _join(path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, _join(path, str(index)))
    else:
        yield path, value


def value_at(record: JsonValue, path: str) -> JsonValue:
    """The value a dotted path names; None where the record has nothing there."""
    value = record
    for part in path.split("."):
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def csv_row(record: JsonRecord, columns: Sequence[str]) -> list[str]:
    """The record's cells under ``columns``; ValueError if a column names a group."""
    return [cell_text(value_at(record, column), column) for column in columns]


def cell_text(value: JsonValue, column: str) -> str:
    if isinstance(value, dict | list):
        raise ValueError(f"column {column} names a group of values, not one value")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def derived_columns(records: Sequence[JsonRecord]) -> list[str]:
    """Every path of every record, in the order they first appear."""
    return list(dict.fromkeys(path for record in records for path, _ in leaves(record)))


def _prepared(records: Sequence[CardRecordFile]) -> list[JsonRecord]:
    """The records as records.json will hold them, each checked; refused before any write."""
    prepared: list[JsonRecord] = []
    seen: set[str] = set()
    for index, record in enumerate(records, start=1):
        code = record.fields.get(CODE_KEY)
        if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
            raise RecordRefused(CODE_NOT_VALID, index=index)
        if code in seen:
            raise RecordRefused(RECORD_TWICE, code=code)
        seen.add(code)
        ready = json_ready(record.fields, code, "")
        assert isinstance(ready, dict)  # a Mapping stays a mapping
        _check_photo_entry(ready, code, record.photo_jpeg)
        prepared.append(ready)
    return prepared


def _check_photo_entry(record: JsonRecord, code: str, photo_jpeg: bytes) -> None:
    file = value_at(record, f"{PHOTO_KEY}.{PHOTO_FILE_KEY}")
    sha256 = value_at(record, f"{PHOTO_KEY}.{PHOTO_SHA256_KEY}")
    if file != photo_file(code) or not isinstance(sha256, str):
        raise RecordRefused(PHOTO_ENTRY_WRONG, code=code, expected=photo_file(code))
    if hashlib.sha256(photo_jpeg).hexdigest() != sha256:
        raise RecordRefused(PHOTO_NOT_ITS_HASH, code=code)


def _checked_columns(records: Sequence[JsonRecord], columns: Sequence[str] | None) -> list[str]:
    """The CSV header: the given columns, which must hold every value, or every path."""
    if columns is None:
        return derived_columns(records)
    header = list(columns)
    if len(set(header)) != len(header):
        raise ValueError("a CSV column is declared twice")
    declared = set(header)
    left_out = [path for path in derived_columns(records) if path not in declared]
    if left_out:
        # The CSV must say the same as records.json, not a part of it.
        raise ValueError(f"the CSV columns leave out {', '.join(left_out[:5])}")
    return header


# ---------------------------------------------------------------------------- writing


def write_batch(
    parent: Path,
    info: BatchInfo,
    records: Sequence[CardRecordFile],
    signing_key: Ed25519PrivateKey,
    *,
    columns: Sequence[str] | None = None,
) -> WrittenBatch:
    """Write, bag and sign the batch ``info.batch_id`` under ``parent``.

    ``columns`` is the CSV header for data-merge templates (dotted paths covering every
    value of the records); without it the header is every path of the records in the order
    they first appear. The batch is made in a hidden sibling folder and renamed to its name
    only when complete and synced, so a crash or a power cut never leaves half a batch
    under the final name. A folder of that name already there is never replaced:
    ``FileExistsError``. A record that breaks the rules: ``RecordRefused``, nothing
    written.
    """
    if not records:
        raise ValueError("a batch holds at least one record")
    prepared = _prepared(records)
    header = _checked_columns(prepared, columns)
    final = parent.resolve() / info.batch_id
    if final.exists():
        raise FileExistsError(f"{final.name}: a batch of that name exists; batches never change")
    work = Path(tempfile.mkdtemp(prefix=f".{info.batch_id}.", suffix=".partial", dir=final.parent))
    try:
        _write_payload(work, prepared, header, records)
        _bag(work, info, len(records))
        signature = _sign(work, signing_key)
        _sync_tree(work)
        work.rename(final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    _sync_folder(final.parent)
    return WrittenBatch(final, signature, len(records))


def _write_payload(
    folder: Path,
    prepared: Sequence[JsonRecord],
    header: Sequence[str],
    records: Sequence[CardRecordFile],
) -> None:
    """The payload at the folder's root: bagit moves it into data/ when it makes the bag."""
    (folder / RECORDS_JSON).write_bytes(records_json(prepared))
    (folder / RECORDS_CSV).write_bytes(records_csv(prepared, header))
    (folder / PHOTOS).mkdir()
    for ready, record in zip(prepared, records, strict=True):
        code = ready[CODE_KEY]
        assert isinstance(code, str)
        (folder / photo_file(code)).write_bytes(record.photo_jpeg)


def records_json(records: Sequence[JsonRecord]) -> bytes:
    """A JSON list with one record a line: a person can read and compare it line by line,
    and Python's fast encoder writes it (an indented dump takes its slow one)."""
    lines = ",\n".join(json.dumps(record, ensure_ascii=False) for record in records)
    return f"[\n{lines}\n]\n".encode()


def records_csv(records: Sequence[JsonRecord], header: Sequence[str]) -> bytes:
    """One row a record under the header, CRLF as RFC 4180 has it; UTF-8 with a BOM, which
    is how Excel and the data-merge tools of card printers recognise Vietnamese text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(csv_row(record, header) for record in records)
    return buffer.getvalue().encode("utf-8-sig")


def _bag(folder: Path, info: BatchInfo, record_count: int) -> None:
    """Make the folder a v1.0 bag: manifests, bag-info.txt and the tag manifest."""
    bag_info = {
        BATCH_ID: info.batch_id,
        AGENCY: info.agency,
        POINT: info.point,
        COUNTER: str(info.counter),
        OFFICER: info.officer,
        RECORD_COUNT: str(record_count),
        PREVIOUS_SIGNATURE: info.chain_link,
        BAGGING_DATE: info.day.isoformat(),
    }
    with _working_folder_kept():
        bag = bagit.make_bag(str(folder), bag_info, processes=1, checksums=[CHECKSUM])
        (folder / BAGIT_TXT).write_text(BAGIT_DECLARATION, encoding="utf-8", newline="\n")
        # The last save: it hashes the tag files again, the new bagit.txt with them, into
        # the tag manifest (it writes only bag-info.txt and the tag manifest, so that this
        # Bag still thinks itself 0.97 does not matter). Nothing saves the bag after the
        # signature is written: a save rewrites what the signature covers.
        bag.save()


@contextlib.contextmanager
def _working_folder_kept() -> Iterator[None]:
    """bagit works by changing the process's working folder, and Bag.save does not change
    it back when it fails: put it back whatever happens. (The working folder is the whole
    process's: the program uses absolute paths, so nothing else depends on it meanwhile.)"""
    before = Path.cwd()
    try:
        yield
    finally:
        os.chdir(before)


def _sign(folder: Path, signing_key: Ed25519PrivateKey) -> str:
    signature = signing_key.sign((folder / TAG_MANIFEST).read_bytes()).hex()
    (folder / SIGNATURE_FILE).write_text(f"{signature}\n", encoding="ascii", newline="\n")
    return signature


def _sync_tree(folder: Path) -> None:
    """Every file and folder of the batch on disk before the rename makes it visible."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
    for path in [folder, *(path for path in folder.rglob("*") if path.is_dir())]:
        _sync_folder(path)


def _sync_folder(folder: Path) -> None:
    """A new entry of a folder survives a power cut once the folder is synced (POSIX;
    Windows cannot open a folder this way and keeps renames itself)."""
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        with contextlib.suppress(OSError):  # some file systems refuse to sync a folder
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
