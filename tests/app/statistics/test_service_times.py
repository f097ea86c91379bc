"""Service times of a day with known moments, in a real store: from the procedure picked in
the window (``started_at``, kept in the round's audit record) to the round's slip first
printed. The median and the 90th percentile are nearest-rank; a round received from the
command line (no start), one whose slip was never printed, a voided dossier, another point
and another day do not count."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select

from app.catalogue.model import Catalogue
from app.cli.stats_command import day_text
from app.dossier.request import DossierRequest
from app.reception import Receipt, Timetable, audit_actor, receive
from app.settings.options import Settings
from app.statistics.day import day_summary, nearest_rank
from app.verdicts import slip_for
from app.voids import void_dossier
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.dossiers import dossier_by_key
from db.models import AuditRecord
from db.papers import slip_book
from db.records import DossierKey, SlipRecord
from db.store import Store
from printing.day_summary_pdf import render_day_summary_pdf
from printing.model import Office
from tests.accounts import OFFICER, SUPERVISOR
from tests.db.conftest import EXAMPLES, RECEIVING_OFFICER, counter
from tests.printing.papers import text_of

DAY = dt.date(2026, 11, 4)
POINT = "252 Lý Chính Thắng, phường 9, quận 3"
OTHER_POINT = "Điểm tiếp nhận số 2"
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
SETTINGS = Settings(receiving_point=POINT)


def _request(procedure: str, *, missing: bool = False, refused: bool = False) -> DossierRequest:
    data = json.loads((EXAMPLES / f"{procedure}.json").read_text(encoding="utf-8"))
    data["channel"] = "direct"
    if missing:
        del data["presented"]["don-de-nghi"]
    if refused:
        data["licences"][0]["expiry_date"] = "2020-01-01"
    return DossierRequest.model_validate(data)


def _at(hour: int, minute: int = 0, second: int = 0, day: dt.date = DAY) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute, second))


class Window:
    """What the window does for one applicant: receive with the moment the procedure was
    picked, then print the slip (first print, maybe a reprint)."""

    def __init__(self, store: Store, catalogue: Catalogue) -> None:
        self.store, self.catalogue = store, catalogue

    def receive(
        self,
        request: DossierRequest,
        started: dt.datetime | None,
        received: dt.datetime,
        *,
        number: int = 1,
        point: str = POINT,
        supplements: str | None = None,
    ) -> Receipt:
        officer = RECEIVING_OFFICER if number == 1 else OFFICER
        return receive(
            request,
            catalogue=self.catalogue,
            timetable=TIMETABLE,
            counter=replace(counter(number, officer=officer), receiving_point=point),
            store=self.store,
            received_at=received,
            supplements=supplements,
            started_at=started,
        )

    def print(self, receipt: Receipt, when: dt.datetime, number: int = 1) -> None:
        found = dossier_by_key(self.store, DossierKey(id=receipt.dossier_id))
        assert found is not None
        kind = slip_for(receipt.evaluation.verdict)
        slip = SlipRecord(
            found.id, found.rounds[-1].id, kind, when, number, RECEIVING_OFFICER.full_name
        )
        with slip_book(self.store, writing=True) as book:
            book.record(slip, audit_actor(RECEIVING_OFFICER))


# (started, first printed) of the rounds that count at POINT on DAY, seconds apart:
EXPECTED_AT_POINT = {
    "accepted at 8:00": 390,  # 7:55:00 → 8:01:30
    "accepted at 8:14": 260,  # 8:10:00 → 8:14:20
    "accepted at 9:20": 1260,  # 9:00:00 → 9:21:00
    "BM 02 at 10:03": 250,  # 10:00:00 → 10:04:10
    "BM 03 at 10:31": 105,  # 10:30:00 → 10:31:45
    "completed at 14:00": 720,  # 13:50:00 → 14:02:00, at counter 2
}
OTHER_POINT_SECONDS = 600  # 11:00:00 → 11:10:00


@pytest.fixture(scope="module")
def day(tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue) -> Store:
    store = Store.in_data_dir(Path(tmp_path_factory.mktemp("service")))
    window = Window(store, catalogue)
    before = window.receive(
        _request("doi-gtvt"),
        _at(8, day=DAY - dt.timedelta(1)),
        _at(8, 5, day=DAY - dt.timedelta(1)),
    )
    window.print(before, _at(8, 6, day=DAY - dt.timedelta(1)))

    first = window.receive(_request("doi-gtvt"), _at(7, 55), _at(8))
    window.print(first, _at(8, 1, 30))
    window.print(first, _at(9, 0), number=2)  # a reprint: the first print counts
    second = window.receive(_request("doi-gtvt"), _at(8, 10), _at(8, 14))
    window.print(second, _at(8, 14, 20))
    third = window.receive(_request("doi-du-lich"), _at(9), _at(9, 20))
    window.print(third, _at(9, 21))
    waiting = window.receive(_request("doi-du-lich", missing=True), _at(10), _at(10, 3))
    assert waiting.code is None
    window.print(waiting, _at(10, 4, 10))
    refused = window.receive(_request("doi-gtvt", refused=True), _at(10, 30), _at(10, 31))
    assert refused.code is None
    window.print(refused, _at(10, 31, 45))
    # The command line gives no start: left out, printed or not.
    from_cli = window.receive(_request("doi-gtvt"), None, _at(10, 40))
    window.print(from_cli, _at(10, 41))
    # A slip never printed: no end, left out.
    window.receive(_request("doi-gtvt"), _at(10, 50), _at(10, 52))
    # Another point.
    elsewhere = window.receive(
        _request("doi-gtvt"), _at(11), _at(11, 9), number=3, point=OTHER_POINT
    )
    window.print(elsewhere, _at(11, 10))
    # Voided: left out.
    voided = window.receive(_request("doi-gtvt"), _at(11, 20), _at(11, 22))
    window.print(voided, _at(11, 23))
    assert voided.code is not None
    void_dossier(store, voided.code, "nhập nhầm", SUPERVISOR, _at(11, 30))
    # The applicant back with what BM 02 asked for, at counter 2.
    completed = window.receive(
        _request("doi-du-lich"), _at(13, 50), _at(14), number=2, supplements=waiting.dossier_id
    )
    window.print(completed, _at(14, 2))
    # The day after.
    after = window.receive(
        _request("doi-gtvt"),
        _at(8, day=DAY + dt.timedelta(1)),
        _at(8, 3, day=DAY + dt.timedelta(1)),
    )
    window.print(after, _at(8, 4, day=DAY + dt.timedelta(1)))
    return store


def _nearest_rank(values: list[int], percent: int) -> int:
    """Computed here on its own: the ⌈p·n/100⌉-th smallest value."""
    ordered = sorted(values)
    return ordered[math.ceil(percent * len(ordered) / 100) - 1]


def test_median_and_90th_percentile_at_this_point(day: Store, catalogue: Catalogue) -> None:
    summary = day_summary(day, DAY, SETTINGS, catalogue)

    seconds = list(EXPECTED_AT_POINT.values())
    assert summary.median_seconds == _nearest_rank(seconds, 50) == 260
    assert summary.p90_seconds == _nearest_rank(seconds, 90) == 1260


def test_every_point_counts_the_other_points_applicant(day: Store, catalogue: Catalogue) -> None:
    summary = day_summary(day, DAY, SETTINGS, catalogue, point="")

    seconds = [*EXPECTED_AT_POINT.values(), OTHER_POINT_SECONDS]
    assert summary.median_seconds == _nearest_rank(seconds, 50) == 390
    assert summary.p90_seconds == _nearest_rank(seconds, 90) == 1260


def test_a_day_without_recorded_times(day: Store, catalogue: Catalogue) -> None:
    summary = day_summary(day, DAY + dt.timedelta(2), SETTINGS, catalogue)
    assert summary.median_seconds is None and summary.p90_seconds is None


def test_the_start_is_in_the_receipts_audit_record(day: Store) -> None:
    with day.reading() as session:
        subjects = [
            (action, json.loads(text))
            for action, text in session.execute(
                select(AuditRecord.action, AuditRecord.subject_json).where(
                    AuditRecord.action.in_(("receive", "new-round"))
                )
            )
        ]
    started = sorted(
        (action, subject["started_at"]) for action, subject in subjects if "started_at" in subject
    )
    assert ("receive", "2026-11-04T07:55:00") in started
    assert ("new-round", "2026-11-04T13:50:00") in started
    # The command line's receipt has none; nothing else is added (ids, codes, a time).
    assert len(started) == len(subjects) - 1
    for _action, subject in subjects:
        assert set(subject) <= {"dossier_id", "round_id", "status", "code", "started_at"}


def test_nearest_rank() -> None:
    # The textbook example: 15, 20, 35, 40, 50.
    values = [50.0, 15.0, 40.0, 20.0, 35.0]
    assert [nearest_rank(values, p) for p in (5, 30, 40, 50, 100)] == [15, 20, 20, 35, 50]
    assert nearest_rank([7.0], 90) == 7
    assert nearest_rank([], 50) is None


def test_the_goal_goes_with_the_times_in_text_and_on_paper(
    day: Store, catalogue: Catalogue
) -> None:
    """The supervisor reads the median against the queue-speed goal wherever the day's
    summary is read: the terminal and the A4 summary, as the statistics tab shows it."""
    strict = SETTINGS.with_value("queue_goal_minutes", 4)
    summary = day_summary(day, DAY, strict, catalogue)
    assert (summary.goal_minutes, summary.within_goal) == (4, False)  # median 260 s > 240 s
    text = day_text(summary)
    assert "trung vị 4:20, 90% số người không quá 21:00" in text
    assert "Trung vị vượt mục tiêu không quá 4 phút một người" in text
    assert "  Quầy 1 " in text  # a counter by its name, not a bare number
    paper = text_of(
        render_day_summary_pdf(summary, Office("Sở Giao thông vận tải", place_name="Hà Nội"))
    )
    assert "Mục tiêu thời gian phục vụ một người không quá 4 phút – chưa đạt" in paper

    relaxed = day_summary(day, DAY, SETTINGS, catalogue)  # the default goal: 10 minutes
    assert relaxed.within_goal is True
    assert "Trung vị đạt mục tiêu không quá 10 phút một người" in day_text(relaxed)
