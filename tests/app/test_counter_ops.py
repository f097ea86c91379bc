"""The window's operations on a real store: what is refused is refused before anything is stored."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import store_dossier
from app.dossier.checking import parse_request
from app.dossier_queries import dossiers_received_on
from app.papers.common import PrintRefused
from app.settings import Settings, save_settings
from db.store import Store
from tests.accounts import OFFICER

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
RECEIVED = dt.datetime(2026, 11, 23, 9, 10)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[CounterSession]:
    """A counter with its agency code but without the agency's name for the papers."""
    settings = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    save_settings(tmp_path, settings)
    store = Store.in_data_dir(tmp_path)
    yield CounterSession(tmp_path, settings, OFFICER, store)
    store.close()


def test_a_dossier_whose_slip_cannot_be_made_is_not_stored(
    session: CounterSession, catalogue: Catalogue
) -> None:
    """Stored without its BM 01, it would be stored again at the next F9 once IT set the name."""
    data = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    with pytest.raises(PrintRefused) as refused:
        store_dossier(session, catalogue, parse_request(data), RECEIVED)
    assert refused.value.field == "agency_name"
    assert "tên cơ quan in ở đầu giấy chưa được đặt" in str(refused.value)
    assert dossiers_received_on(session.store, RECEIVED.date()) == []
