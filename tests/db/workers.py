"""Processes that receive dossiers, for the concurrency and crash tests."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

from app.catalogue.loader import load_catalogue_for
from app.catalogue.model import Catalogue
from app.reception import Timetable, receive
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store
from tests.db.conftest import counter, example_request

DAY = dt.datetime(2026, 11, 23, 9, 0)


@cache
def prepared() -> tuple[Catalogue, Timetable]:
    """Loaded once; a forked child inherits it and starts receiving at once."""
    return (
        load_catalogue_for(DAY.date()),
        Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS),
    )


def receive_many(data_dir: Path, counter_number: int, block_size: int, count: int) -> None:
    """Receive ``count`` complete dossiers as one counter; forever when count is 0."""
    catalogue, timetable = prepared()
    store = Store.in_data_dir(data_dir)
    me = counter(counter_number, block_size)
    request = example_request()
    received = 0
    while count == 0 or received < count:
        receive(
            request,
            catalogue=catalogue,
            timetable=timetable,
            counter=me,
            store=store,
            received_at=DAY + dt.timedelta(seconds=received),
        )
        received += 1
    store.close()
