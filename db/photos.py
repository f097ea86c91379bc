"""Storing the photo taken at the counter with its dossier, and sending it to the centre."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.compiled import CompiledInsert, table_of
from db.ids import new_id
from db.models import DossierPhoto
from db.store import Store, in_slices
from db.sync.photos import PhotoRecord, TablePhotoSource, record_photo

PHOTO_TABLE = DossierPhoto.__tablename__


# Written with the receipt's other rows, by the compiled INSERT they use (db.compiled).
_INSERT = CompiledInsert(table_of(DossierPhoto))


def add_photo(
    session: Session,
    dossier_id: str,
    round_id: str,
    record: Mapping[str, Any],
    officer: str,
) -> None:
    """The crop and the original (``camera.capture.AcceptedPhoto.record()``), in the
    transaction that stores the dossier, with their outbox operations."""
    taken_at = dt.datetime.fromisoformat(str(record["captured_at"]))
    shared = {
        "dossier_id": dossier_id,
        "round_id": round_id,
        "source": record["source"],
        "background": record["background"],
        "checks_json": json.dumps(
            {"checks": record["checks"], "overridden": record["overridden_checks"]},
            ensure_ascii=False,
        ),
        "override_reason": record["override_reason"],
        "taken_at": taken_at,
        "officer": officer,
    }
    crop_height, crop_width = 472, 354  # 3×4 cm at 300 dpi: what the card printer takes
    photos = [
        {
            "id": new_id(),
            "kind": "portrait",
            "media_type": "image/jpeg",
            "content": record["photo_jpeg"],
            "sha256": record["photo_sha256"],
            "width": crop_width,
            "height": crop_height,
            **shared,
        },
        {
            "id": new_id(),
            "kind": "original",
            "media_type": record["original_media_type"],
            "content": record["original"],
            "sha256": record["original_sha256"],
            "width": record["original_width"],
            "height": record["original_height"],
            **shared,
        },
    ]
    _INSERT.run(session, photos)
    for photo in photos:
        record_photo(
            session,
            PhotoRecord(photo["id"], dossier_id, photo["kind"], taken_at, photo["content"]),
        )


@dataclass(frozen=True)
class StoredPortraitRow:
    """The portrait (the 354×472 crop) stored with a dossier, its bytes and hash as stored."""

    dossier_id: str
    content: bytes
    sha256: str
    taken_at: dt.datetime
    officer: str


def portraits(store: Store, dossier_ids: Sequence[str]) -> dict[str, StoredPortraitRow]:
    """Each dossier's latest portrait (a later round's photo replaces an earlier one)."""
    found: dict[str, StoredPortraitRow] = {}
    with store.reading() as session:
        for part in in_slices(list(dossier_ids)):
            rows = session.scalars(
                select(DossierPhoto)
                .where(DossierPhoto.dossier_id.in_(part), DossierPhoto.kind == "portrait")
                .order_by(DossierPhoto.taken_at)
            )
            for row in rows:
                found[row.dossier_id] = StoredPortraitRow(
                    row.dossier_id, row.content, row.sha256, row.taken_at, row.officer
                )
    return found


def photo_source(store: Store) -> TablePhotoSource:
    """Where the sync push reads a photo's bytes."""
    return TablePhotoSource(store, PHOTO_TABLE, "content")
