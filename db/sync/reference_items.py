"""The centre's reference data as the counter's store holds it (``sync_reference_item``,
filled by the pull): read for the catalogue versions and the working-day overrides the
counter uses (``app.reference_data``). Reading only; the pull is the one writer."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.store import Store
from db.sync.local_models import ReferenceItem
from db.sync.reference_file import Publication, publications_in


def publications(store: Store, kinds: Collection[str]) -> list[Publication]:
    """The items of ``kinds`` the centre publishes now (a withdrawn one is not), by kind and
    key."""
    with store.reading() as session:
        return _read(session, kinds)


def _read(session: Session, kinds: Collection[str]) -> list[Publication]:
    rows = session.scalars(
        select(ReferenceItem)
        .where(ReferenceItem.kind.in_(sorted(kinds)), ReferenceItem.withdrawn.is_(False))
        .order_by(ReferenceItem.kind, ReferenceItem.key)
    )
    return [
        Publication(row.kind, row.key, row.payload, row.version, row.changed_at) for row in rows
    ]


__all__ = ["Publication", "publications", "publications_in"]
