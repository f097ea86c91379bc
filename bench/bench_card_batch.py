"""The PET-card batch of issue 16 against the bare work, in the same run.

- write: ``printing.card_batch.write_batch`` for 500 records with their 354×472 JPEG photos
  (about 36 KB each, read from disk as the export reads them from the store): records.json,
  records.csv, the photos, the SHA-256 manifests, bag-info.txt, the Ed25519 signature, every
  file synced and the folder renamed into place; against copying the same photo files with
  ``shutil.copy`` and writing the same records as JSON;
- verify: ``printing.card_batch_verify.verify_batch`` on that batch (every checksum, the
  signature, the chain, records.json against records.csv, every photo against its record,
  then bagit's own validation); against reading the copied files back and hashing each one
  with SHA-256 once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harness import emit
from PIL import Image, ImageChops

from printing.card_batch import (
    BatchInfo,
    CardRecordFile,
    RecordValue,
    new_signing_key,
    photo_file,
    write_batch,
)
from printing.card_batch_verify import verify_batch

RECORDS = 500
DAY = dt.date(2026, 3, 15)
SIZE = (354, 472)


def side_by_side(
    program: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median seconds of each, their runs taking turns, so a burst of load on a shared
    machine slows both sides alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for func, taken in zip((program, baseline), times, strict=True):
            start = time.perf_counter()
            func()
            taken.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


def photo(number: int) -> bytes:
    """A photo-like JPEG: a soft gradient with sensor noise on a blue background."""
    face = Image.radial_gradient("L").resize(SIZE)
    grain = ImageChops.add(face, Image.effect_noise(SIZE, 24), scale=2)
    blue = Image.new("L", SIZE, 150 + number % 100)
    buffer = io.BytesIO()
    Image.merge("RGB", (grain, face, blue)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def record_fields(number: int, photo_sha256: str) -> dict[str, RecordValue]:
    code = f"000.17.22.H56-260315-{number:04d}"
    return {
        "dossier_code": code,
        "procedure": {"id": "doi-gplx-nganh-gtvt", "national_code": "1.002804"},
        "received_at": dt.datetime(2026, 3, 15, 9, 10),
        "holder": {
            "full_name": "Nguyễn Thị Ánh Tuyết",
            "date_of_birth": dt.date(1985, 3, 15),
            "sex": "nữ",
            "nationality": "VNM",
            "residence": "Phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
            "identity_document": {"type": "CCCD", "number": f"0790850{number:05d}"},
        },
        "licence": {
            "number": None,
            "issuing_authority": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
            "law": "36/2024/QH15",
            "classes": [
                {"class": "B", "issue_date": DAY, "expiry_date": dt.date(2036, 3, 15)},
                {"class": "C1", "issue_date": DAY, "expiry_date": dt.date(2036, 3, 15)},
            ],
        },
        "old_licence": {"number": f"7901{number:08d}", "classes": ["B2"], "issuer": "Sở GTVT"},
        "photo": {"file": photo_file(code), "sha256": photo_sha256, "officer": "lan"},
    }


def main() -> None:
    key = new_signing_key()
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp)
        sources = root / "store"
        sources.mkdir()
        fields = []
        for number in range(1, RECORDS + 1):
            data = photo(number)
            record = record_fields(number, hashlib.sha256(data).hexdigest())
            fields.append(record)
            (sources / f"{record['dossier_code']}.jpg").write_bytes(data)
        runs = itertools.count(1)
        written: list[Path] = []

        def through_the_program() -> None:
            records = [
                CardRecordFile(record, (sources / f"{record['dossier_code']}.jpg").read_bytes())
                for record in fields
            ]
            parent = root / f"program-{next(runs)}"
            parent.mkdir()
            info = BatchInfo("000.17.22.H56", "252 Lý Chính Thắng", DAY, 1, 1, "lan", None)
            written.append(write_batch(parent, info, records, key).folder)

        def copying() -> None:
            target = root / f"copy-{next(runs)}"
            (target / "photos").mkdir(parents=True)
            for record in fields:
                name = f"{record['dossier_code']}.jpg"
                shutil.copy(sources / name, target / "photos" / name)
            text = json.dumps(fields, ensure_ascii=False, indent=2, default=str)
            (target / "records.json").write_text(text, encoding="utf-8")
            written.append(target)

        program_s, copy_s = side_by_side(through_the_program, copying, repeat=5)
        emit(f"card batch, {RECORDS} records with photos: write", program_s, "s", copy_s)

        batch = next(folder for folder in written if folder.name.startswith("GPLX_"))
        copy = next(folder for folder in written if folder.name.startswith("copy-"))

        def verifying() -> None:
            assert verify_batch(batch, key.public_key(), None) == []

        def hashing() -> None:
            for file in sorted(copy.rglob("*.*")):
                with file.open("rb") as stream:
                    hashlib.file_digest(stream, "sha256")

        verify_s, hash_s = side_by_side(verifying, hashing, repeat=5)
        emit(f"card batch, {RECORDS} records with photos: verify", verify_s, "s", hash_s)


if __name__ == "__main__":
    main()
