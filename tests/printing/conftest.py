"""Real stores filled by ``app.reception.receive`` from the documented example requests."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from app.catalogue.model import Catalogue
from app.dossier.request import DossierRequest
from app.reception import Receipt, Timetable, receive
from app.settings import Settings, save_settings
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store
from tests.accounts import add_officers
from tests.db.conftest import AGENCY, EXAMPLES, counter

AGENCY_NAME = "Sở Giao thông vận tải Thành phố Hồ Chí Minh"
PLACE = "Thành phố Hồ Chí Minh"
HELP_OFFICER = "Bộ phận tiếp nhận và trả kết quả"
HELP_PHONE = "028 3829 0000"
HELP_WEBSITE = "dichvucong.gov.vn"
MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)

Receive = Callable[..., Receipt]


def example(name: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    return data | changes


def without(name: str, *items: str) -> dict[str, Any]:
    """The example with some papers not handed in."""
    data = example(name)
    data["presented"] = {k: v for k, v in data["presented"].items() if k not in items}
    return data


@pytest.fixture
def settings() -> Settings:
    values = {
        "agency_code": AGENCY,
        "receiving_point": "252 Lý Chính Thắng, phường 9, quận 3",
        "agency_name": AGENCY_NAME,
        "place_name": PLACE,
        "help_officer": HELP_OFFICER,
        "help_phone": HELP_PHONE,
        "help_website": HELP_WEBSITE,
    }
    chosen = Settings.defaults()
    for name, value in values.items():
        chosen = chosen.with_value(name, value)
    return chosen


@pytest.fixture
def data_dir(tmp_path: Path, settings: Settings) -> Path:
    save_settings(tmp_path, settings)
    return tmp_path


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(data_dir)
    add_officers(opened)  # the commands sign in
    yield opened
    opened.close()


@pytest.fixture
def received(store: Store, catalogue: Catalogue) -> Receive:
    """Receive a request (a dict, or an example's name) at the counter, as the officer would."""
    timetable = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)

    def receive_one(
        request: dict[str, Any] | str,
        at: dt.datetime = MONDAY_0910,
        **options: Any,
    ) -> Receipt:
        data = example(request) if isinstance(request, str) else request
        return receive(
            DossierRequest.model_validate(data),
            catalogue=catalogue,
            timetable=timetable,
            counter=counter(),
            store=store,
            received_at=at,
            **options,
        )

    return receive_one
