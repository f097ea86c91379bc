"""Processes that receive and correct dossiers, for the concurrency and crash tests."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from pathlib import Path

from app.catalogue.loader import load_catalogue_for
from app.catalogue.model import Catalogue
from app.corrections import correct_dossier
from app.dossier.request import DossierRequest
from app.reception import Timetable, receive
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store
from tests.accounts import SUPERVISOR
from tests.db.conftest import counter, example_request
from tests.faults import StatementCounter

DAY = dt.datetime(2026, 11, 23, 9, 0)
# A child that reached the end of its work without meeting its kill point.
NOT_KILLED = 3


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


def _receive_one(store: Store, request: DossierRequest, supplements: str | None = None) -> str:
    """One reception at counter 1 at ``DAY``; the dossier's id."""
    catalogue, timetable = prepared()
    receipt = receive(
        request,
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(1, 9999),
        store=store,
        received_at=DAY,
        supplements=supplements,
    )
    return receipt.dossier_id


def incomplete_request() -> DossierRequest:
    """The example request without its application form: the verdict asks for it (BM 02)."""
    complete = example_request()
    return complete.model_copy(
        update={"presented": {k: v for k, v in complete.presented.items() if k != "don-de-nghi"}}
    )


def receive_one_killed(data_dir: Path, kill_before: int | None, supplement: bool) -> int:
    """One reception, SIGKILLed just before its ``kill_before``-th SQLite statement.

    ``supplement``: the reception is the second round of a dossier that arrived
    incomplete (received first, in full, before the kill point is armed). The
    child receives a second dossier after the armed one, so that the point just
    after the armed reception's COMMIT (``N + 1``) is met too. Returns the
    armed reception's statement count; a child meant to be killed that reaches
    its end exits with ``NOT_KILLED``.
    """
    store = Store.in_data_dir(data_dir)
    statements = StatementCounter(store.engine)
    supplements = _receive_one(store, incomplete_request()) if supplement else None
    statements.arm(kill_before)
    _receive_one(store, example_request(), supplements)
    armed = statements.count
    _receive_one(store, example_request())
    store.close()
    if kill_before is not None:
        os._exit(NOT_KILLED)
    return armed


def corrected_request() -> DossierRequest:
    """The example request with the applicant's name and the licence's number corrected."""
    request = example_request()
    applicant = request.applicant.model_copy(update={"full_name": "Nguyễn Văn Ân"})
    licence = request.licences[0].model_copy(update={"number": "790123456788"})
    return request.model_copy(update={"applicant": applicant, "licences": [licence]})


def correct_one_killed(data_dir: Path, kill_before: int | None) -> int:
    """Receive a dossier, then correct it (its applicant and its licence), SIGKILLed just
    before the correction's ``kill_before``-th SQLite statement.

    As ``receive_one_killed``: a second dossier is received after the correction, so
    that the point just after its COMMIT is met too. Returns the correction's
    statement count; a child meant to be killed that reaches its end exits with
    ``NOT_KILLED``.
    """
    catalogue, _timetable = prepared()
    store = Store.in_data_dir(data_dir)
    statements = StatementCounter(store.engine)
    dossier_id = _receive_one(store, example_request())
    statements.arm(kill_before)
    correct_dossier(
        store,
        catalogue,
        dossier_id,
        corrected_request(),
        "Gõ sai dấu tên và số giấy phép",
        SUPERVISOR,
        DAY + dt.timedelta(hours=1),
    )
    armed = statements.count
    _receive_one(store, example_request())
    store.close()
    if kill_before is not None:
        os._exit(NOT_KILLED)
    return armed
