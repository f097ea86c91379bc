"""Dossiers received into a real store with a portrait taken through the real capture path,
and read back as the card record reads them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.card.record import StoredPortrait
from app.catalogue.model import Catalogue, PhotoBackground
from app.dossier.request import DossierRequest
from app.reception import Timetable, receive
from app.workdays import DueRule, OfficeHours, WorkCalendar
from camera.analysis import analyse_photo
from camera.capture import accept, capture
from db.dossiers import dossier_by_key
from db.models import DossierPhoto
from db.records import DossierKey, StoredDossier
from db.store import Store
from tests.camera.portraits import compose
from tests.db.conftest import EXAMPLES, counter

AGENCY_NAME = "Sở Giao thông vận tải Thành phố Hồ Chí Minh"
# Mondays 09:10: the day before the law of 1/1/2025, and one under it.
BEFORE_2025 = dt.datetime(2024, 12, 16, 9, 10)
AFTER_2025 = dt.datetime(2026, 11, 23, 9, 10)


@dataclass(frozen=True)
class Received:
    dossier: StoredDossier
    portrait: StoredPortrait | None


@pytest.fixture(scope="session")
def timetable() -> Timetable:
    return Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def photo_record() -> dict[str, Any]:
    """A portrait through the counter's capture path: frame, checks, crop, the officer's OK."""
    frame = compose()
    captured = capture(frame, analyse_photo(frame, PhotoBackground.BLUE))
    return accept(captured, officer_confirmed=True).record()


def exchange_request(**changes: Any) -> DossierRequest:
    """The doi-gtvt example (a B2 licence issued 10/01/2017), with top-level fields and
    ``licence`` (fields of its one licence) changed."""
    data = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    data["licences"][0].update(changes.pop("licence", {}))
    data.update(changes)
    return DossierRequest.model_validate(data)


def receive_exchange(
    store: Store,
    catalogue: Catalogue,
    timetable: Timetable,
    photo: dict[str, Any] | None,
    request: DossierRequest,
    received_at: dt.datetime = AFTER_2025,
) -> Received:
    receipt = receive(
        request,
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(),
        store=store,
        received_at=received_at,
        photo=photo,
    )
    dossier = dossier_by_key(store, DossierKey(id=receipt.dossier_id))
    assert dossier is not None
    return Received(dossier, stored_portrait(store, dossier.id))


def stored_portrait(store: Store, dossier_id: str) -> StoredPortrait | None:
    """The portrait row as stored (db/ has no query for its bytes yet)."""
    with store.reading() as session:
        row = session.scalars(
            select(DossierPhoto).where(
                DossierPhoto.dossier_id == dossier_id, DossierPhoto.kind == "portrait"
            )
        ).one_or_none()
        if row is None:
            return None
        return StoredPortrait(row.content, row.sha256, row.taken_at, row.officer)
