"""Photos: metadata through the outbox, content read at push time and sent as ``bytea``.

Photos are large, so the outbox operation holds only the metadata and the
SHA-256; its ``byte_size`` includes the content, which bounds the batch in
bytes. When it is pushed, the content is read from the counter's photo store
through a ``PhotoSource``, checked against the digest recorded, and the
centre checks it again (``CHECK (sha256 = sha256(content))``).

The capture code calls ``record_photo`` in the transaction that stores the
photo; ``TablePhotoSource`` reads a local table of photos (id, content).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Table, column, select, table
from sqlalchemy.orm import Session

from db.models import OutboxOperation
from db.store import Store
from db.sync.capture import append_operation
from db.sync.tables import PHOTO


class PhotoSource(Protocol):
    def photo_content(self, photo_id: str) -> bytes | None:
        """The photo's bytes, or None when the counter does not hold it."""


class NoPhotos:
    """A counter that stores no photos yet."""

    def photo_content(self, photo_id: str) -> bytes | None:
        return None


@dataclass(frozen=True)
class PhotoRecord:
    id: str
    dossier_id: str  # the centre refuses a photo that belongs to no dossier of the point
    kind: str  # e.g. "portrait"
    taken_at: dt.datetime
    content: bytes


def record_photo(session: Session, photo: PhotoRecord) -> None:
    """The outbox operation of a photo, in the session's (the storing) transaction."""
    outbox = OutboxOperation.__table__
    assert isinstance(outbox, Table)
    append_operation(
        session.connection(),
        outbox,
        PHOTO,
        {
            "id": photo.id,
            "dossier_id": photo.dossier_id,
            "kind": photo.kind,
            "taken_at": photo.taken_at,
            "sha256": hashlib.sha256(photo.content).hexdigest(),
            "byte_size": len(photo.content),
        },
        extra_bytes=len(photo.content),
    )


class TablePhotoSource:
    """Photo content from a table of the local store: ``id`` and a BLOB column."""

    def __init__(self, store: Store, table_name: str = PHOTO, content: str = "content") -> None:
        self._store = store
        self._table = table(table_name, column("id"), column(content))
        self._content = content

    def photo_content(self, photo_id: str) -> bytes | None:
        with self._store.reading() as session:
            value = session.execute(
                select(self._table.c[self._content]).where(self._table.c.id == photo_id)
            ).scalar()
        return bytes(value) if value is not None else None
