"""Storing the photo taken at the counter with its dossier, and sending it to the centre."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from db.models import Dossier, DossierPhoto, ReceptionRound
from db.store import Store
from db.sync.photos import PhotoRecord, TablePhotoSource, record_photo

PHOTO_TABLE = DossierPhoto.__tablename__


def add_photo(
    session: Session,
    dossier: Dossier,
    reception: ReceptionRound,
    record: Mapping[str, Any],
    officer: str,
) -> None:
    """The crop and the original (``camera.capture.AcceptedPhoto.record()``), in the
    transaction that stores the dossier, with their outbox operations."""
    taken_at = dt.datetime.fromisoformat(str(record["captured_at"]))
    shared = {
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
        DossierPhoto(
            dossier=dossier,
            round=reception,
            kind="portrait",
            media_type="image/jpeg",
            content=record["photo_jpeg"],
            sha256=record["photo_sha256"],
            width=crop_width,
            height=crop_height,
            **shared,
        ),
        DossierPhoto(
            dossier=dossier,
            round=reception,
            kind="original",
            media_type=record["original_media_type"],
            content=record["original"],
            sha256=record["original_sha256"],
            width=record["original_width"],
            height=record["original_height"],
            **shared,
        ),
    ]
    session.add_all(photos)
    session.flush()
    for photo in photos:
        record_photo(
            session,
            PhotoRecord(photo.id, dossier.id, photo.kind, taken_at, photo.content),
        )


def photo_source(store: Store) -> TablePhotoSource:
    """Where the sync push reads a photo's bytes."""
    return TablePhotoSource(store, PHOTO_TABLE, "content")
