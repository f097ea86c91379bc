"""The day's counter summary of a day with known events, in a real store: who received
whom at which counter and with what verdict, by procedure, channel and hour; results handed
back, dossiers forwarded and withdrawn, reprints and re-appointments. The day before, the day
after, another point and a voided dossier must not count."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from app.appointments import reappoint_dossier
from app.catalogue.model import Catalogue
from app.dossier.request import DossierRequest
from app.dossier_status import Collector, HandOver, ReturnMethod
from app.officers.identity import Officer
from app.reception import Receipt, Timetable, audit_actor, receive
from app.settings.options import Settings
from app.statistics.day import day_summary
from app.statistics.model import PeopleLine, VerdictCounts
from app.status_changes import forward, hand_over, result_ready, withdraw
from app.voids import void_dossier
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.dossiers import dossier_by_key
from db.papers import slip_book
from db.records import DossierKey, SlipRecord
from db.store import Store
from tests.accounts import OFFICER, SUPERVISOR
from tests.db.conftest import EXAMPLES, RECEIVING_OFFICER, counter

DAY = dt.date(2026, 11, 4)
POINT = "252 Lý Chính Thắng, phường 9, quận 3"
OTHER_POINT = "Điểm tiếp nhận số 2"
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
SETTINGS = Settings(receiving_point=POINT)
HOA, LAN = RECEIVING_OFFICER, OFFICER


def _request(
    procedure: str, channel: str, *, missing: bool = False, refused: bool = False
) -> DossierRequest:
    data = json.loads((EXAMPLES / f"{procedure}.json").read_text(encoding="utf-8"))
    data["channel"] = channel
    if missing:
        del data["presented"]["don-de-nghi"]
    if refused:
        data["licences"][0]["expiry_date"] = "2020-01-01"
    return DossierRequest.model_validate(data)


def _at(hour: int, minute: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute))


class Desk:
    def __init__(self, store: Store, catalogue: Catalogue) -> None:
        self.store, self.catalogue = store, catalogue

    def receive(
        self,
        request: DossierRequest,
        when: dt.datetime,
        officer: Officer = HOA,
        number: int = 1,
        point: str = POINT,
        supplements: str | None = None,
    ) -> Receipt:
        return receive(
            request,
            catalogue=self.catalogue,
            timetable=TIMETABLE,
            counter=replace(counter(number, officer=officer), receiving_point=point),
            store=self.store,
            received_at=when,
            supplements=supplements,
        )


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Store:
    store = Store.in_data_dir(Path(tmp_path_factory.mktemp("day")))
    desk = Desk(store, catalogue)
    # The day before: dossiers whose later life happens on the day.
    to_hand_back = desk.receive(_request("doi-gtvt", "direct"), _at(9, day=DAY - dt.timedelta(1)))
    to_reappoint = desk.receive(_request("doi-gtvt", "direct"), _at(10, day=DAY - dt.timedelta(1)))
    to_withdraw = desk.receive(_request("doi-gtvt", "direct"), _at(11, day=DAY - dt.timedelta(1)))
    assert to_hand_back.code and to_reappoint.code and to_withdraw.code
    # The day, at counter 1 (Hoa).
    first = desk.receive(_request("doi-gtvt", "direct"), _at(7, 40))
    assert first.code is not None
    forward(store, [to_hand_back.code], HOA, _at(8))
    _print(store, first.code, 1, _at(7, 45))
    _print(store, first.code, 2, _at(8, 30))  # a reprint
    desk.receive(_request("doi-gtvt", "online"), _at(9, 10))
    waiting = desk.receive(_request("doi-du-lich", "direct", missing=True), _at(9, 30))
    assert waiting.code is None
    refused = desk.receive(_request("doi-gtvt", "direct", refused=True), _at(10, 5))
    assert refused.code is None
    withdraw(store, to_withdraw.code, HOA, _at(10, 30))
    reappoint_dossier(
        store,
        to_reappoint.code,
        extra_working_days=2,
        reason="Cần xác minh thêm",
        officer=SUPERVISOR,
        decided_at=_at(11),
        timetable=TIMETABLE,
    )
    voided = desk.receive(_request("doi-gtvt", "direct"), _at(11, 10))
    assert voided.code is not None
    void_dossier(store, voided.code, "nhập nhầm", SUPERVISOR, _at(11, 20))
    desk.receive(_request("doi-gtvt", "direct"), _at(11, 30), number=3, point=OTHER_POINT)
    result_ready(store, to_hand_back.code, HOA, _at(13))
    # Counter 2 (Lan), the afternoon.
    desk.receive(_request("doi-du-lich", "post"), _at(14, 20), LAN, 2)
    desk.receive(_request("doi-du-lich", "direct"), _at(15), LAN, 2, supplements=waiting.dossier_id)
    collector = Collector("Nguyễn Văn An", "079080001234")
    hand_over(
        store,
        to_hand_back.code,
        HandOver(ReturnMethod.IN_PERSON, collector),
        LAN,
        _at(15, 30),
        POINT,
    )
    desk.receive(_request("doi-gtvt", "direct"), _at(18, 10), LAN, 2)  # after hours: still shown
    # The day after.
    desk.receive(_request("doi-gtvt", "direct"), _at(9, day=DAY + dt.timedelta(1)))
    return store


def _print(store: Store, code: str, number: int, when: dt.datetime) -> None:
    found = dossier_by_key(store, DossierKey(code=code))
    assert found is not None
    slip = SlipRecord(found.id, found.rounds[-1].id, "bm01", when, number, HOA.full_name)
    with slip_book(store, writing=True) as book:
        book.record(slip, audit_actor(HOA))


def test_the_days_summary_at_this_point(day: Store, catalogue: Catalogue) -> None:
    summary = day_summary(day, DAY, SETTINGS, catalogue)

    assert (summary.day, summary.point) == (DAY, POINT)
    assert summary.per_officer == (
        PeopleLine(HOA.full_name, VerdictCounts(accepted=2, supplement=1, refused=1), 0),
        PeopleLine(LAN.full_name, VerdictCounts(accepted=3), 1),
    )
    # The supplement round counts at the counter it was made at (2), not the first round's.
    assert summary.per_counter == (
        PeopleLine("1", VerdictCounts(accepted=2, supplement=1, refused=1), 0),
        PeopleLine("2", VerdictCounts(accepted=3), 1),
    )
    assert summary.by_procedure == (
        ("doi-gtvt", catalogue.procedure("doi-gtvt").name, VerdictCounts(3, 0, 1)),
        ("doi-du-lich", catalogue.procedure("doi-du-lich").name, VerdictCounts(2, 1, 0)),
    )
    assert summary.by_channel == (
        ("direct", VerdictCounts(accepted=3, supplement=1, refused=1)),
        ("online", VerdictCounts(accepted=1)),
        ("post", VerdictCounts(accepted=1)),
    )
    assert summary.total == VerdictCounts(5, 1, 1)
    assert (summary.handed_back, summary.forwarded, summary.withdrawn) == (1, 1, 1)
    assert (summary.reprints, summary.reappointments) == (1, 1)
    hours = dict(summary.applicants_per_hour)
    assert list(hours) == list(range(7, 19))
    assert hours == {**dict.fromkeys(range(7, 18), 0), 7: 1, 9: 2, 10: 1, 14: 1, 15: 1, 18: 1}
    assert summary.applicants == 7
    assert summary.median_seconds is None and summary.p90_seconds is None


def test_every_point(day: Store, catalogue: Catalogue) -> None:
    summary = day_summary(day, DAY, SETTINGS, catalogue, point="")
    assert summary.point == ""
    assert summary.total == VerdictCounts(6, 1, 1)  # the other point's dossier too
    assert ("3", VerdictCounts(accepted=1)) in [
        (line.who, line.counts) for line in summary.per_counter
    ]


def test_a_day_without_work(day: Store, catalogue: Catalogue) -> None:
    summary = day_summary(day, dt.date(2026, 11, 8), SETTINGS, catalogue)
    assert summary.per_officer == summary.per_counter == ()
    assert summary.by_procedure == ()
    assert summary.by_channel == ()
    assert summary.applicants == 0
    assert (summary.handed_back, summary.forwarded, summary.reprints) == (0, 0, 0)
