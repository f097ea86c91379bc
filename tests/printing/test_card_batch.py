"""The PET-card batch as the card-printing operator receives it: written, then checked.

Real folders, real 354×472 JPEGs, the bagit library reading them back. Each change a person
could make to a batch on its way (a photo byte, a record in either file, a file removed or
added, another counter's key, a batch left out of the chain, a bag re-saved after an edit)
is made to a fresh batch, and the check must name the file and what is wrong.
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import hashlib
import io
import json
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import cast

import bagit
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    KeySerializationEncryption,
    PrivateFormat,
)
from cryptography.utils import Buffer
from PIL import Image

from app.i18n import Message
from printing.card_batch import (
    GENESIS_SIGNATURE,
    PHOTO_NOT_ITS_HASH,
    RECORD_TWICE,
    TEXT_HAS_CONTROL,
    TEXT_NOT_NFC,
    BatchInfo,
    CardRecordFile,
    RecordRefused,
    RecordValue,
    WrittenBatch,
    json_ready,
    leaves,
    new_signing_key,
    photo_file,
    public_key_from_hex,
    public_key_hex,
    write_batch,
)
from printing.card_batch_verify import (
    CHAIN_BROKEN,
    CHECKSUM_DIFFERS,
    CSV_CELL_DIFFERS,
    LISTED_BUT_MISSING,
    NOT_A_BAG,
    NOT_IN_LAYOUT,
    NOT_LISTED,
    PHOTO_HASH_DIFFERS,
    PHOTO_MISSING,
    PHOTO_WITHOUT_RECORD,
    RECORD_TEXT_NOT_NFC,
    REQUIRED_FILE_MISSING,
    SIGNATURE_WRONG,
    BatchProblem,
    verify_batch,
)

DAY = dt.date(2026, 3, 15)
NAME = "Nguyễn Thị Ánh Tuyết"
OTHER_NAME = "Trần Văn Đức"
RESIDENCE = "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh"
AUTHORITY = "Sở Giao thông vận tải Thành phố Hồ Chí Minh"


def jpeg(shade: int) -> bytes:
    """A 354×472 sRGB JPEG like the counter's photo crop, different for each shade."""
    face = Image.radial_gradient("L").resize((354, 472))
    blue = Image.new("L", (354, 472), 180 + shade % 70)
    image = Image.merge("RGB", (face, face.point(lambda v: (v + shade) % 256), blue))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def code_of(number: int) -> str:
    return f"000.17.22.H56-260315-{number:04d}"


def card_record(number: int, name: str = NAME, photo: bytes | None = None) -> CardRecordFile:
    """A record as app/ builds it (card-data.md §7), with its photo."""
    photo = jpeg(number) if photo is None else photo
    code = code_of(number)
    fields: dict[str, RecordValue] = {
        "dossier_code": code,
        "procedure": {"id": "doi-gplx-nganh-gtvt", "national_code": "1.002804"},
        "received_at": dt.datetime(2026, 3, 15, 9, 10),
        "catalogue_version": "qd-4225-2021",
        "holder": {
            "full_name": name,
            "date_of_birth": dt.date(1985, 3, 15),
            "sex": "nữ",
            "nationality": "VNM",
            "residence": RESIDENCE,
            "identity_document": {"type": "CCCD", "number": f"0790850{number:05d}"},
        },
        "licence": {
            "number": None,
            "issuing_authority": AUTHORITY,
            "law": "36/2024/QH15",
            "classes": [
                {
                    "class": "B",
                    "issue_date": DAY,
                    "expiry_date": dt.date(2036, 3, 15),
                    "restrictions": [],
                }
            ],
        },
        "old_licence": {"number": f"7901{number:08d}", "classes": ["B2"], "issuer": AUTHORITY},
        "photo": {
            "file": photo_file(code),
            "sha256": hashlib.sha256(photo).hexdigest(),
            "captured_at": dt.datetime(2026, 3, 15, 9, 5),
            "officer": "lan",
        },
    }
    return CardRecordFile(fields, photo)


def batch_info(sequence: int = 1, previous: str | None = None) -> BatchInfo:
    return BatchInfo(
        "000.17.22.H56",
        "252 Lý Chính Thắng",
        DAY,
        sequence,
        counter=2,
        officer="lan",
        previous_signature=previous,
    )


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return new_signing_key()


@pytest.fixture
def batch(tmp_path: Path, key: Ed25519PrivateKey) -> WrittenBatch:
    records = [card_record(1), card_record(2, OTHER_NAME), card_record(3)]
    return write_batch(tmp_path, batch_info(), records, key)


def check(
    written: WrittenBatch, key: Ed25519PrivateKey, previous: str | None = None
) -> list[BatchProblem]:
    return verify_batch(written.folder, key.public_key(), previous)


def said(problems: list[BatchProblem]) -> list[tuple[str, Message]]:
    return [(problem.file, problem.message) for problem in problems]


# ------------------------------------------------------------------------ writing


def test_a_fresh_batch_verifies_and_is_a_bagit_bag(
    batch: WrittenBatch, key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    assert check(batch, key) == []
    assert bagit.Bag(str(batch.folder)).is_valid()
    assert batch.folder == tmp_path / "GPLX_000.17.22.H56_20260315_Q02_001"
    assert sorted(
        path.relative_to(batch.folder).as_posix() for path in batch.folder.rglob("*")
    ) == [
        "bag-info.txt",
        "bagit.txt",
        "data",
        "data/photos",
        *(f"data/photos/{code_of(n)}.jpg" for n in (1, 2, 3)),
        "data/records.csv",
        "data/records.json",
        "manifest-sha256.txt",
        "tagmanifest-sha256.txt",
        "tagmanifest-sha256.txt.sig",
    ]
    # Nothing half-made is left beside it.
    assert [path.name for path in tmp_path.iterdir()] == ["GPLX_000.17.22.H56_20260315_Q02_001"]
    assert (batch.folder / "bagit.txt").read_text(encoding="utf-8") == (
        "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
    )
    assert batch.record_count == 3


def test_bag_info_names_the_batch_its_counter_and_the_previous_signature(
    batch: WrittenBatch,
) -> None:
    info = bagit.Bag(str(batch.folder)).info
    payload_bytes = sum(path.stat().st_size for path in (batch.folder / "data").rglob("*.*"))
    assert {name: info[name] for name in info if name != "Bag-Software-Agent"} == {
        "Batch-Id": "GPLX_000.17.22.H56_20260315_Q02_001",
        "Agency": "000.17.22.H56",
        "Point": "252 Lý Chính Thắng",
        "Counter": "2",
        "Officer": "lan",
        "Record-Count": "3",
        "Previous-Batch-Signature": GENESIS_SIGNATURE,
        "Bagging-Date": "2026-03-15",
        "Payload-Oxum": f"{payload_bytes}.5",
    }


def test_the_signature_is_hex_ed25519_over_the_tag_manifest(
    batch: WrittenBatch, key: Ed25519PrivateKey
) -> None:
    text = (batch.folder / "tagmanifest-sha256.txt.sig").read_text(encoding="ascii")
    assert text == f"{batch.signature}\n"
    assert len(batch.signature) == 128
    tag_manifest = (batch.folder / "tagmanifest-sha256.txt").read_text(encoding="utf-8")
    assert sorted(line.split()[1] for line in tag_manifest.splitlines()) == [
        "bag-info.txt",
        "bagit.txt",
        "manifest-sha256.txt",
    ]
    key.public_key().verify(bytes.fromhex(batch.signature), tag_manifest.encode("utf-8"))


def test_records_json_and_csv_hold_the_same_records_in_vietnamese(batch: WrittenBatch) -> None:
    json_bytes = (batch.folder / "data" / "records.json").read_bytes()
    records = json.loads(json_bytes.decode("utf-8"))
    assert [record["dossier_code"] for record in records] == [code_of(n) for n in (1, 2, 3)]
    assert [record["holder"]["full_name"] for record in records] == [NAME, OTHER_NAME, NAME]
    assert unicodedata.is_normalized("NFC", json_bytes.decode("utf-8"))
    assert records[0]["holder"]["date_of_birth"] == "1985-03-15"
    assert records[0]["received_at"] == "2026-03-15T09:10:00"
    assert records[0]["licence"]["classes"][0]["class"] == "B"
    assert records[0]["licence"]["number"] is None

    csv_bytes = (batch.folder / "data" / "records.csv").read_bytes()
    assert csv_bytes.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"), newline="")))
    assert [row["dossier_code"] for row in rows] == [code_of(n) for n in (1, 2, 3)]
    assert rows[1]["holder.full_name"] == OTHER_NAME
    assert rows[0]["holder.residence"] == RESIDENCE
    assert rows[0]["licence.classes.0.expiry_date"] == "2036-03-15"
    assert rows[0]["licence.number"] == ""
    assert rows[0]["photo.file"] == f"photos/{code_of(1)}.jpg"


def test_declared_csv_columns_make_the_header_and_must_hold_every_value(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    record = card_record(1)
    columns = [path for path, _ in _paths(record)]
    columns.insert(1, "licence.classes.1.class")  # a second class, empty for this record
    written = write_batch(tmp_path, batch_info(), [record], key, columns=columns)
    assert check(written, key) == []
    text = (written.folder / "data" / "records.csv").read_text(encoding="utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text, newline="")))
    assert header == columns
    assert row[1] == ""

    with pytest.raises(ValueError, match=r"leave out holder\.full_name"):
        write_batch(
            tmp_path,
            batch_info(2),
            [record],
            key,
            columns=[c for c in columns if c != "holder.full_name"],
        )


def _paths(record: CardRecordFile) -> list[tuple[str, object]]:
    return list(leaves(json_ready(record.fields, code_of(0), "")))


def test_batches_chain_by_the_previous_signature(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    first = write_batch(tmp_path, batch_info(1), [card_record(1)], key)
    second = write_batch(tmp_path, batch_info(2, first.signature), [card_record(2)], key)
    assert second.folder.name == "GPLX_000.17.22.H56_20260315_Q02_002"
    assert check(first, key, None) == []
    assert check(second, key, first.signature) == []
    # Verified as if it were the first batch, or after another batch: the chain is broken.
    assert said(check(second, key, None)) == [("bag-info.txt", CHAIN_BROKEN)]
    assert said(check(first, key, second.signature)) == [("bag-info.txt", CHAIN_BROKEN)]


def test_an_existing_batch_is_never_replaced(
    batch: WrittenBatch, tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    with pytest.raises(FileExistsError, match=re.escape("GPLX_000.17.22.H56_20260315_Q02_001")):
        write_batch(tmp_path, batch_info(), [card_record(4)], key)
    assert check(batch, key) == []
    assert len(list(tmp_path.iterdir())) == 1


class KeyOnAPulledDisk(Ed25519PrivateKey):
    """Signing fails as a disk pulled out would, after the bag is made and before the
    signature is written: a fixed point inside write_batch."""

    def __init__(self) -> None:
        self.real = Ed25519PrivateKey.generate()

    def public_key(self) -> Ed25519PublicKey:
        return self.real.public_key()

    def private_bytes(
        self,
        encoding: Encoding,
        format: PrivateFormat,  # the parameter's name in cryptography
        encryption_algorithm: KeySerializationEncryption,
    ) -> bytes:
        return self.real.private_bytes(encoding, format, encryption_algorithm)

    def private_bytes_raw(self) -> bytes:
        return self.real.private_bytes_raw()

    def sign(self, data: Buffer) -> bytes:
        raise OSError(errno.EIO, "Input/output error")

    def __copy__(self) -> Ed25519PrivateKey:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Ed25519PrivateKey:
        return self


def test_a_failure_while_writing_leaves_no_batch_and_no_leftovers(tmp_path: Path) -> None:
    with pytest.raises(OSError, match="Input/output error"):
        write_batch(tmp_path, batch_info(), [card_record(1)], KeyOnAPulledDisk())
    assert list(tmp_path.iterdir()) == []


def test_a_decomposed_name_is_refused_not_normalised(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    """The batch says what the store says; the preflight keeps such a record out."""
    decomposed = unicodedata.normalize("NFD", NAME)
    assert decomposed != NAME
    with pytest.raises(RecordRefused) as refused:
        write_batch(tmp_path, batch_info(), [card_record(1), card_record(2, decomposed)], key)
    assert refused.value.message is TEXT_NOT_NFC
    assert refused.value.text("en") == (
        f"Dossier {code_of(2)}, field holder.full_name: the text is not in Unicode NFC"
    )
    assert NAME not in str(refused.value)  # the code and the field, never the person
    assert list(tmp_path.iterdir()) == []


def test_a_control_character_is_refused(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    with pytest.raises(RecordRefused) as refused:
        write_batch(tmp_path, batch_info(), [card_record(1, f"{NAME}\x07")], key)
    assert refused.value.message is TEXT_HAS_CONTROL
    assert list(tmp_path.iterdir()) == []


def test_a_photo_other_than_the_recorded_one_is_refused(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    record = card_record(1)
    swapped = CardRecordFile(record.fields, jpeg(99))
    with pytest.raises(RecordRefused) as refused:
        write_batch(tmp_path, batch_info(), [swapped], key)
    assert refused.value.message is PHOTO_NOT_ITS_HASH
    assert code_of(1) in refused.value.text("vi")


def test_a_dossier_twice_is_refused(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    with pytest.raises(RecordRefused) as refused:
        write_batch(tmp_path, batch_info(), [card_record(1), card_record(1)], key)
    assert refused.value.message is RECORD_TWICE


def test_a_float_is_refused(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    """Nothing on a card is measured, and a float could print differently in the two files."""
    record = card_record(1)
    fee = cast(RecordValue, 1.5)  # mypy refuses it already; the check is for the run
    measured = CardRecordFile({**record.fields, "fee": fee}, record.photo_jpeg)
    with pytest.raises(TypeError, match="whole numbers"):
        write_batch(tmp_path, batch_info(), [measured], key)


def test_batch_names_are_checked() -> None:
    with pytest.raises(ValueError, match="agency code"):
        BatchInfo("h56", "252 Lý Chính Thắng", DAY, 1, 1, "lan", None)
    with pytest.raises(ValueError, match="point must be named"):
        BatchInfo("000.17.22.H56", "Điểm\n1", DAY, 1, 1, "lan", None)
    with pytest.raises(ValueError, match="previous signature"):
        BatchInfo("000.17.22.H56", "252 Lý Chính Thắng", DAY, 1, 1, "lan", "not-a-signature")


def test_the_public_key_is_registered_as_hex(key: Ed25519PrivateKey) -> None:
    text = public_key_hex(key.public_key())
    assert len(text) == 64
    assert public_key_from_hex(text) == key.public_key()
    with pytest.raises(ValueError, match="64 hex digits"):
        public_key_from_hex("xyz")


# ---------------------------------------------------------------------- tampering


def flip_a_byte(file: Path) -> None:
    data = bytearray(file.read_bytes())
    data[len(data) // 2] ^= 0x01
    file.write_bytes(bytes(data))


def replace_text(file: Path, old: str, new: str, encoding: str = "utf-8") -> None:
    text = file.read_text(encoding=encoding)
    assert old in text
    file.write_text(text.replace(old, new), encoding=encoding, newline="")


PHOTO_2 = f"data/photos/{code_of(2)}.jpg"
Tamper = Callable[[Path], None]


def change_photo(folder: Path) -> None:
    flip_a_byte(folder / PHOTO_2)


def change_json_record(folder: Path) -> None:
    replace_text(folder / "data" / "records.json", OTHER_NAME, "Trần Văn Đạt")


def change_csv_record(folder: Path) -> None:
    replace_text(folder / "data" / "records.csv", OTHER_NAME, "Trần Văn Đạt", "utf-8-sig")


def remove_photo(folder: Path) -> None:
    (folder / PHOTO_2).unlink()


def add_photo(folder: Path) -> None:
    shutil.copy(folder / PHOTO_2, folder / "data" / "photos" / "000.17.22.H56-260315-0009.jpg")


def add_root_file(folder: Path) -> None:
    (folder / "fetch.txt").write_text("https://example.invalid/a 1 data/a\n", encoding="utf-8")


def remove_signature(folder: Path) -> None:
    (folder / "tagmanifest-sha256.txt.sig").unlink()


# Each change, the problem verify names first, and another it names too.
CHANGES: list[tuple[Tamper, tuple[str, Message], tuple[str, Message] | None]] = [
    (change_photo, (PHOTO_2, CHECKSUM_DIFFERS), (PHOTO_2, PHOTO_HASH_DIFFERS)),
    (
        change_json_record,
        ("data/records.json", CHECKSUM_DIFFERS),
        ("data/records.csv", CSV_CELL_DIFFERS),
    ),
    (
        change_csv_record,
        ("data/records.csv", CHECKSUM_DIFFERS),
        ("data/records.csv", CSV_CELL_DIFFERS),
    ),
    (remove_photo, (PHOTO_2, LISTED_BUT_MISSING), (PHOTO_2, PHOTO_MISSING)),
    (
        add_photo,
        ("data/photos/000.17.22.H56-260315-0009.jpg", NOT_LISTED),
        ("data/photos/000.17.22.H56-260315-0009.jpg", PHOTO_WITHOUT_RECORD),
    ),
    (add_root_file, ("fetch.txt", NOT_IN_LAYOUT), None),
    (remove_signature, ("tagmanifest-sha256.txt.sig", REQUIRED_FILE_MISSING), None),
]


@pytest.mark.parametrize(
    ("tamper", "first", "also"),
    CHANGES,
    ids=[change[0].__name__ for change in CHANGES],
)
def test_a_changed_batch_fails_naming_the_file(
    batch: WrittenBatch,
    key: Ed25519PrivateKey,
    tamper: Tamper,
    first: tuple[str, Message],
    also: tuple[str, Message] | None,
) -> None:
    tamper(batch.folder)
    problems = check(batch, key)
    assert said(problems)[0] == first
    if also is not None:
        assert also in said(problems)
    for language in ("vi", "en"):
        assert problems[0].text(language).startswith(f"{first[0]}: ")


def test_a_changed_record_names_the_dossier_and_the_column(
    batch: WrittenBatch, key: Ed25519PrivateKey
) -> None:
    change_json_record(batch.folder)
    cell = next(p for p in check(batch, key) if p.message is CSV_CELL_DIFFERS)
    assert cell.text("en") == (
        f"data/records.csv: row 2 (dossier {code_of(2)}), column holder.full_name differs "
        "from records.json"
    )


def test_another_counters_key_is_named(batch: WrittenBatch) -> None:
    problems = verify_batch(batch.folder, new_signing_key().public_key(), None)
    assert said(problems) == [("tagmanifest-sha256.txt.sig", SIGNATURE_WRONG)]


def test_a_re_saved_bag_breaks_the_signature(batch: WrittenBatch, key: Ed25519PrivateKey) -> None:
    """bagit re-saves a bag with consistent checksums; only the signature tells."""
    bag = bagit.Bag(str(batch.folder))
    bag.info["Officer"] = "someone-else"
    bag.save()
    assert bag.is_valid()
    assert said(check(batch, key)) == [("tagmanifest-sha256.txt.sig", SIGNATURE_WRONG)]


def test_a_photo_swapped_and_re_saved_is_named(batch: WrittenBatch, key: Ed25519PrivateKey) -> None:
    change_photo(batch.folder)
    bagit.Bag(str(batch.folder)).save(manifests=True)
    assert said(check(batch, key)) == [
        ("tagmanifest-sha256.txt.sig", SIGNATURE_WRONG),
        (PHOTO_2, PHOTO_HASH_DIFFERS),
    ]


def test_a_decomposed_name_put_into_records_json_is_named(
    batch: WrittenBatch, key: Ed25519PrivateKey
) -> None:
    replace_text(
        batch.folder / "data" / "records.json", OTHER_NAME, unicodedata.normalize("NFD", OTHER_NAME)
    )
    problems = said(check(batch, key))
    assert problems[0] == ("data/records.json", CHECKSUM_DIFFERS)
    assert ("data/records.json", RECORD_TEXT_NOT_NFC) in problems


def test_a_folder_that_is_no_bag_is_named(tmp_path: Path, key: Ed25519PrivateKey) -> None:
    assert said(verify_batch(tmp_path, key.public_key(), None)) == [(tmp_path.name, NOT_A_BAG)]


# ------------------------------------------------------------------------- volume


def test_a_batch_of_500_records_with_photos_is_written_and_verified(
    tmp_path: Path, key: Ed25519PrivateKey
) -> None:
    records = [card_record(number) for number in range(1, 501)]
    written = write_batch(tmp_path, batch_info(), records, key)
    assert written.record_count == 500
    assert len(list((written.folder / "data" / "photos").iterdir())) == 500
    with Image.open(written.folder / PHOTO_2) as photo:
        assert (photo.format, photo.size, photo.mode) == ("JPEG", (354, 472), "RGB")
    assert check(written, key) == []
