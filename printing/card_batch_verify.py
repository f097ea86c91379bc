"""Checking a PET-card batch folder: whole, unchanged, signed by the counter and in its chain.

``verify_batch`` lists every problem of a batch written by ``printing.card_batch``, each
naming the file (its path inside the batch folder) and what is wrong, in a stable order
from the most basic to the most detailed, so that the first one is the one to act on:

1. the folder is a BagIt v1.0 bag (``bagit`` reads it), with exactly the batch's files;
2. every file the manifests list is there and every payload file is listed;
3. every checksum, the tag files' then the payload's;
4. the signature of the tag manifest against the counter's registered public key;
5. the chain: Previous-Batch-Signature is the previous batch's (GENESIS for the first);
6. bag-info.txt: every field of §7, Batch-Id the folder's name;
7. records.json: a list of records, dossier codes once each, text NFC without control
   characters, Record-Count its length;
8. records.csv says the same as records.json, cell by cell, under its own header;
9. every record's photo is there, named after the dossier, with the record's SHA-256, and
   no photo is without its record.

When none of these finds anything, the ``bagit`` library's own validation runs as well, so
that the batch is also a valid bag in the eyes of the reference implementation. The rules
of the records themselves (classes, validity, lengths) are the domain's: ``app/`` checks
them on top.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import bagit
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.i18n import Language, Message, current_language
from printing.card_batch import (
    BAG_INFO_TXT,
    BAGIT_TXT,
    BAGIT_VERSION,
    BATCH_ID,
    CHECKSUM,
    CODE_KEY,
    CODE_PATTERN,
    GENESIS_SIGNATURE,
    INFO_FIELDS,
    MANIFEST,
    PAYLOAD,
    PHOTO_FILE_KEY,
    PHOTO_KEY,
    PHOTO_SHA256_KEY,
    PHOTO_SUFFIX,
    PHOTOS,
    PREVIOUS_SIGNATURE,
    RECORD_COUNT,
    RECORDS_CSV,
    RECORDS_JSON,
    SIGNATURE_FILE,
    SIGNATURE_PATTERN,
    TAG_MANIFEST,
    TEXT_HAS_CONTROL,
    TEXT_NOT_NFC,
    JsonRecord,
    JsonValue,
    cell_text,
    leaves,
    photo_file,
    text_problem,
    value_at,
)

# More than any batch holds (500 records are about 1 MB): a bigger file is not read.
MAX_RECORDS_BYTES = 64 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1024
JSON_FILE = f"{PAYLOAD}/{RECORDS_JSON}"
CSV_FILE = f"{PAYLOAD}/{RECORDS_CSV}"
ROOT_FILES = (BAGIT_TXT, BAG_INFO_TXT, MANIFEST, TAG_MANIFEST, SIGNATURE_FILE)

NOT_A_BAG = Message(
    "{file}: không phải lô dữ liệu thẻ đọc được (thiếu hoặc hỏng bagit.txt hay bảng kê)",
    "{file}: not a readable card-data batch (bagit.txt or a manifest missing or damaged)",
)
WRONG_VERSION = Message(
    "{file}: phiên bản BagIt {found}, lô dữ liệu thẻ dùng phiên bản {expected}",
    "{file}: BagIt version {found}, card-data batches use version {expected}",
)
REQUIRED_FILE_MISSING = Message(
    "{file}: thiếu tệp bắt buộc của lô",
    "{file}: a required file of the batch is missing",
)
NOT_IN_LAYOUT = Message(
    "{file}: không thuộc cấu trúc của lô dữ liệu thẻ",
    "{file}: not part of the layout of a card-data batch",
)
LISTED_BUT_MISSING = Message(
    "{file}: có trong bảng kê nhưng không có trong lô (tệp đã bị xóa)",
    "{file}: listed in the manifest but not in the batch (the file was removed)",
)
NOT_LISTED = Message(
    "{file}: có trong lô nhưng không có trong bảng kê (tệp được thêm vào)",
    "{file}: in the batch but not listed in the manifest (the file was added)",
)
CHECKSUM_DIFFERS = Message(
    "{file}: mã SHA-256 khác bảng kê (tệp đã bị sửa)",
    "{file}: its SHA-256 differs from the manifest (the file was changed)",
)
SIGNATURE_MALFORMED = Message(
    "{file}: chữ ký phải là 128 chữ số hệ mười sáu",
    "{file}: the signature must be 128 hexadecimal digits",
)
SIGNATURE_WRONG = Message(
    "{file}: chữ ký không khớp khóa công khai đã đăng ký của quầy: lô không do quầy này ký "
    "hoặc bảng kê đã bị sửa",
    "{file}: the signature does not match the counter's registered public key: the batch "
    "was not signed by this counter, or the tag manifest was changed",
)
CHAIN_BROKEN = Message(
    "{file}: Previous-Batch-Signature không phải chữ ký của lô trước: chuỗi lô bị đứt (thiếu "
    "lô, sai thứ tự hoặc lô đã bị sửa)",
    "{file}: Previous-Batch-Signature is not the previous batch's signature: the chain is "
    "broken (a batch missing, out of order or changed)",
)
INFO_FIELD_MISSING = Message(
    "{file}: thiếu trường {field} (hoặc trường ghi nhiều lần)",
    "{file}: the field {field} is missing (or given more than once)",
)
BATCH_ID_DIFFERS = Message(
    "{file}: Batch-Id {found} khác tên thư mục lô {folder}",
    "{file}: Batch-Id {found} differs from the batch folder's name {folder}",
)
RECORD_COUNT_DIFFERS = Message(
    "{file}: Record-Count {found} nhưng records.json có {count} bản ghi",
    "{file}: Record-Count {found} but records.json holds {count} records",
)
TOO_LARGE = Message(
    "{file}: tệp quá lớn cho một lô (tối đa {limit} MB)",
    "{file}: too large for a batch (at most {limit} MB)",
)
JSON_UNREADABLE = Message(
    "{file}: không đọc được danh sách bản ghi JSON (UTF-8)",
    "{file}: not a readable JSON list of records (UTF-8)",
)
RECORD_CODE_INVALID = Message(
    "{file}: bản ghi thứ {index} không phải bản ghi hoặc thiếu mã hồ sơ hợp lệ",
    "{file}: record {index} is not a record or lacks a valid dossier code",
)
RECORD_REPEATED = Message(
    "{file}: hồ sơ {code} có hai lần trong lô",
    "{file}: dossier {code} is twice in the batch",
)
RECORD_TEXT_NOT_NFC = Message(
    "{file}: hồ sơ {code}, trường {field}: chữ không ở dạng chuẩn Unicode NFC",
    "{file}: dossier {code}, field {field}: the text is not in Unicode NFC",
)
RECORD_TEXT_HAS_CONTROL = Message(
    "{file}: hồ sơ {code}, trường {field}: có ký tự điều khiển",
    "{file}: dossier {code}, field {field}: holds a control character",
)
CSV_UNREADABLE = Message(
    "{file}: không đọc được bảng CSV (UTF-8 có BOM, một dòng tiêu đề không trùng cột)",
    "{file}: not a readable CSV table (UTF-8 with a BOM, one heading row, no column twice)",
)
CSV_COLUMN_MISSING = Message(
    "{file}: thiếu cột {column} mà records.json có",
    "{file}: the column {column} of records.json is missing",
)
CSV_ROW_COUNT_DIFFERS = Message(
    "{file}: {rows} dòng dữ liệu nhưng records.json có {count} bản ghi",
    "{file}: {rows} data rows but records.json holds {count} records",
)
CSV_CELL_DIFFERS = Message(
    "{file}: dòng {row} (hồ sơ {code}), cột {column} khác records.json",
    "{file}: row {row} (dossier {code}), column {column} differs from records.json",
)
PHOTO_ENTRY_DIFFERS = Message(
    "{file}: bản ghi hồ sơ {code} phải ghi tệp ảnh {expected}",
    "{file}: the record of dossier {code} must name the photo file {expected}",
)
PHOTO_MISSING = Message(
    "{file}: ảnh của hồ sơ {code} không có trong lô",
    "{file}: the photo of dossier {code} is not in the batch",
)
PHOTO_HASH_DIFFERS = Message(
    "{file}: mã SHA-256 của ảnh khác mã ghi trong bản ghi hồ sơ {code}",
    "{file}: the photo's SHA-256 differs from the one in the record of dossier {code}",
)
PHOTO_WITHOUT_RECORD = Message(
    "{file}: ảnh không thuộc bản ghi nào của records.json",
    "{file}: a photo of no record in records.json",
)
BAG_NOT_VALID = Message(
    "{file}: thư viện BagIt báo lô không hợp lệ",
    "{file}: the BagIt library finds the batch not valid",
)


@dataclass(frozen=True)
class BatchProblem:
    """One thing wrong with a batch: the file (its path inside the folder) and what."""

    file: str
    message: Message
    values: Mapping[str, object] = field(default_factory=dict)

    def text(self, language: Language) -> str:
        return self.message.text(language, file=self.file, **self.values)

    def __str__(self) -> str:
        return self.text(current_language())


def verify_batch(
    folder: Path, public_key: Ed25519PublicKey, previous_signature: str | None
) -> list[BatchProblem]:
    """Every problem of the batch in ``folder``, first problem first; [] for a good batch.

    ``previous_signature`` is the signature of the batch before it in the counter's
    chain, None when it is the counter's first.
    """
    folder = folder.resolve()  # "." has no name to compare with the Batch-Id
    try:
        bag = bagit.Bag(str(folder))
    except (bagit.BagError, OSError, ValueError):
        return [BatchProblem(folder.name, NOT_A_BAG)]
    digests = _Digests(folder)
    problems = [*_version(bag), *_root_layout(folder)]
    missing = {problem.file for problem in problems if problem.message is REQUIRED_FILE_MISSING}
    problems += _listing(bag, missing)
    problems += _checksums(bag, digests)
    problems += _signature(folder, public_key, missing)
    problems += _bag_info(folder.name, bag.info, previous_signature)
    records, record_problems = _records(folder)
    problems += record_problems
    if records is not None:
        problems += _record_count(bag.info, len(records))
        problems += _csv(folder, records)
        problems += _photos(folder, records, digests)
    if not problems:
        problems += _bagit_validation(folder.name, bag)
    return problems


# ------------------------------------------------------------------- bag and files


class _Digests:
    """SHA-256 of the batch's files, each read once however many checks ask."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.known: dict[str, str] = {}

    def of(self, file: str) -> str:
        if file not in self.known:
            with (self.folder / file).open("rb") as stream:
                self.known[file] = hashlib.file_digest(stream, CHECKSUM).hexdigest()
        return self.known[file]


def _posix(path: str) -> str:
    """bagit gives paths with the system's separator; problems name them with /."""
    return path.replace(os.sep, "/")


def _version(bag: bagit.Bag) -> list[BatchProblem]:
    found = bag.tags.get("BagIt-Version")
    if found == BAGIT_VERSION:
        return []
    return [BatchProblem(BAGIT_TXT, WRONG_VERSION, {"found": found, "expected": BAGIT_VERSION})]


def _root_layout(folder: Path) -> Iterator[BatchProblem]:
    for name in ROOT_FILES:
        if not (folder / name).is_file():
            yield BatchProblem(name, REQUIRED_FILE_MISSING)
    if not (folder / PAYLOAD).is_dir():
        yield BatchProblem(f"{PAYLOAD}/", REQUIRED_FILE_MISSING)
    expected = {*ROOT_FILES, PAYLOAD}
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        if entry.name not in expected:
            yield BatchProblem(entry.name, NOT_IN_LAYOUT)


def _listing(bag: bagit.Bag, reported: set[str]) -> Iterator[BatchProblem]:
    only_listed, only_present = bag.compare_manifests_with_fs()
    for path in sorted(_posix(path) for path in only_listed):
        if path not in reported:
            yield BatchProblem(path, LISTED_BUT_MISSING)
    for path in sorted(_posix(path) for path in only_present):
        yield BatchProblem(path, NOT_LISTED)
    for path in sorted(_posix(path) for path in bag.payload_entries()):
        if not _in_payload_layout(path):
            yield BatchProblem(path, NOT_IN_LAYOUT)


def _in_payload_layout(path: str) -> bool:
    if path in (JSON_FILE, CSV_FILE):
        return True
    folder, _, name = path.rpartition("/")
    return folder == f"{PAYLOAD}/{PHOTOS}" and name.endswith(PHOTO_SUFFIX)


def _checksums(bag: bagit.Bag, digests: _Digests) -> Iterator[BatchProblem]:
    """Tag files first, then the payload, each in name order; absent files are named above."""
    entries = {_posix(path): hashes for path, hashes in bag.entries.items()}
    in_payload = f"{PAYLOAD}/"
    for path in sorted(entries, key=lambda path: (path.startswith(in_payload), path)):
        listed = entries[path].get(CHECKSUM)
        if listed is None or not (digests.folder / path).is_file():
            continue
        if digests.of(path) != str(listed).lower():
            yield BatchProblem(path, CHECKSUM_DIFFERS)


def _signature(folder: Path, public_key: Ed25519PublicKey, missing: set[str]) -> list[BatchProblem]:
    if SIGNATURE_FILE in missing or TAG_MANIFEST in missing:
        return []
    with (folder / SIGNATURE_FILE).open("rb") as stream:
        raw = stream.read(MAX_SIGNATURE_BYTES)
    text = raw.decode("ascii", errors="replace").removesuffix("\n")
    if not SIGNATURE_PATTERN.fullmatch(text):
        return [BatchProblem(SIGNATURE_FILE, SIGNATURE_MALFORMED)]
    try:
        public_key.verify(bytes.fromhex(text), (folder / TAG_MANIFEST).read_bytes())
    except InvalidSignature:
        return [BatchProblem(SIGNATURE_FILE, SIGNATURE_WRONG)]
    return []


def _info_value(info: Mapping[str, object], name: str) -> str | None:
    """A field given once; bagit reads a field given twice as a list."""
    value = info.get(name)
    return value if isinstance(value, str) else None


def _bag_info(
    folder_name: str, info: Mapping[str, object], previous_signature: str | None
) -> Iterator[BatchProblem]:
    link = _info_value(info, PREVIOUS_SIGNATURE)
    if link is not None and link != (previous_signature or GENESIS_SIGNATURE):
        yield BatchProblem(BAG_INFO_TXT, CHAIN_BROKEN)
    for name in INFO_FIELDS:
        if _info_value(info, name) is None:
            yield BatchProblem(BAG_INFO_TXT, INFO_FIELD_MISSING, {"field": name})
    batch_id = _info_value(info, BATCH_ID)
    if batch_id is not None and batch_id != folder_name:
        yield BatchProblem(
            BAG_INFO_TXT, BATCH_ID_DIFFERS, {"found": batch_id, "folder": folder_name}
        )


def _record_count(info: Mapping[str, object], count: int) -> list[BatchProblem]:
    found = _info_value(info, RECORD_COUNT)
    if found is None or found == str(count):
        return []
    return [BatchProblem(BAG_INFO_TXT, RECORD_COUNT_DIFFERS, {"found": found, "count": count})]


def _bagit_validation(folder_name: str, bag: bagit.Bag) -> list[BatchProblem]:
    """The reference implementation's verdict, should it see what the checks above do not."""
    try:
        bag.validate(processes=1)
    except bagit.BagError:
        return [BatchProblem(folder_name, BAG_NOT_VALID)]
    return []


def _read_limited(folder: Path, file: str) -> tuple[bytes | None, list[BatchProblem]]:
    path = folder / file
    if not path.is_file():
        return None, []  # named by the listing or the layout
    if path.stat().st_size > MAX_RECORDS_BYTES:
        limit = MAX_RECORDS_BYTES // (1024 * 1024)
        return None, [BatchProblem(file, TOO_LARGE, {"limit": limit})]
    return path.read_bytes(), []


# ------------------------------------------------------------------------- records


def _records(folder: Path) -> tuple[list[tuple[str, JsonRecord]] | None, list[BatchProblem]]:
    """The records with their dossier codes, or None when records.json cannot be read."""
    raw, problems = _read_limited(folder, JSON_FILE)
    if raw is None:
        return None, problems
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None, [BatchProblem(JSON_FILE, JSON_UNREADABLE)]
    if not isinstance(data, list):
        return None, [BatchProblem(JSON_FILE, JSON_UNREADABLE)]
    records: list[tuple[str, JsonRecord]] = []
    seen: set[str] = set()
    for index, record in enumerate(data, start=1):
        code = record.get(CODE_KEY) if isinstance(record, dict) else None
        if not isinstance(code, str) or not CODE_PATTERN.fullmatch(code):
            problems.append(BatchProblem(JSON_FILE, RECORD_CODE_INVALID, {"index": index}))
            continue
        if code in seen:
            problems.append(BatchProblem(JSON_FILE, RECORD_REPEATED, {"code": code}))
        seen.add(code)
        problems += _record_text(code, record)
        records.append((code, record))
    return records, problems


def _record_text(code: str, record: JsonRecord) -> Iterator[BatchProblem]:
    """The writer's text rules, said of records.json."""
    for path, value in leaves(record):
        problem = text_problem(value) if isinstance(value, str) else None
        if problem is not None:
            message = {TEXT_NOT_NFC: RECORD_TEXT_NOT_NFC, TEXT_HAS_CONTROL: RECORD_TEXT_HAS_CONTROL}
            yield BatchProblem(JSON_FILE, message[problem], {"code": code, "field": path})


def _csv(folder: Path, records: Sequence[tuple[str, JsonRecord]]) -> list[BatchProblem]:
    raw, problems = _read_limited(folder, CSV_FILE)
    if raw is None:
        return problems
    rows = _csv_rows(raw)
    if rows is None or not rows or not rows[0] or len(set(rows[0])) != len(rows[0]):
        return [BatchProblem(CSV_FILE, CSV_UNREADABLE)]
    header, body = rows[0], rows[1:]
    columns = set(header)
    paths = dict.fromkeys(path for _, record in records for path, _ in leaves(record))
    for path in paths:
        if path not in columns:
            problems.append(BatchProblem(CSV_FILE, CSV_COLUMN_MISSING, {"column": path}))
    if len(body) != len(records):
        counts = {"rows": len(body), "count": len(records)}
        problems.append(BatchProblem(CSV_FILE, CSV_ROW_COUNT_DIFFERS, counts))
    for number, ((code, record), row) in enumerate(zip(records, body, strict=False), start=1):
        column = _first_differing_column(record, header, row)
        if column is not None:
            where = {"row": number, "code": code, "column": column}
            problems.append(BatchProblem(CSV_FILE, CSV_CELL_DIFFERS, where))
    return problems


def _csv_rows(raw: bytes) -> list[list[str]] | None:
    """The table's rows; None unless it is UTF-8 with the BOM the writer puts first."""
    if not raw.startswith(codecs.BOM_UTF8):
        return None
    try:
        text = raw[len(codecs.BOM_UTF8) :].decode("utf-8")
        return list(csv.reader(io.StringIO(text, newline="")))
    except (UnicodeDecodeError, csv.Error):
        return None


def _first_differing_column(
    record: JsonRecord, header: Sequence[str], row: Sequence[str]
) -> str | None:
    for index, column in enumerate(header):
        cell = row[index] if index < len(row) else None
        if cell != _expected_cell(value_at(record, column), column):
            return column
    return None


def _expected_cell(value: JsonValue, column: str) -> str | None:
    """What the writer puts under the column; None (never equal to a cell) for a group."""
    try:
        return cell_text(value, column)
    except ValueError:
        return None


# -------------------------------------------------------------------------- photos


def _photos(
    folder: Path, records: Sequence[tuple[str, JsonRecord]], digests: _Digests
) -> Iterator[BatchProblem]:
    named: set[str] = set()
    for code, record in records:
        expected = f"{PAYLOAD}/{photo_file(code)}"
        named.add(expected)
        if value_at(record, f"{PHOTO_KEY}.{PHOTO_FILE_KEY}") != photo_file(code):
            values = {"code": code, "expected": photo_file(code)}
            yield BatchProblem(JSON_FILE, PHOTO_ENTRY_DIFFERS, values)
        if not (folder / expected).is_file():
            yield BatchProblem(expected, PHOTO_MISSING, {"code": code})
        elif digests.of(expected) != value_at(record, f"{PHOTO_KEY}.{PHOTO_SHA256_KEY}"):
            yield BatchProblem(expected, PHOTO_HASH_DIFFERS, {"code": code})
    photos = folder / PAYLOAD / PHOTOS
    present = sorted(path.relative_to(folder).as_posix() for path in photos.rglob("*"))
    for path in present:
        if path not in named and (folder / path).is_file():
            yield BatchProblem(path, PHOTO_WITHOUT_RECORD)
