"""The receiving screen records when the applicant's procedure was picked, and the receipt
keeps it in its audit record (``started_at``): the start of the service time the day
summary measures up to the slip printed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from camera.sources import FrameSource
from db.models import AuditRecord
from tests.db.conftest import EXAMPLES
from tests.ui.conftest import MONDAY_0910
from tests.ui.test_statistics_page import (  # the hand-made day and its page
    language,  # noqa: F401 (the fixture)
    page,  # noqa: F401 (the fixture)
    sources,  # noqa: F401 (the fixture)
)
from ui.operations import Operations
from ui.qt import QApplication
from ui.reception_page import ReceptionPage
from ui.statistics_page import StatisticsPage
from ui.worker import Worker

PROCEDURE = "idp-cap"  # no photo at the counter: F9 right after every paper is in


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def wait(self, **elapsed: float) -> None:
        self.now += dt.timedelta(**elapsed)


def _page(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
    clock: Clock,
) -> ReceptionPage:
    screen = ReceptionPage(catalogue, session, Operations(worker), now=clock, camera=camera)
    qtbot.addWidget(screen)
    screen.resize(1400, 900)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    return screen


def _fill(screen: ReceptionPage) -> None:
    """The applicant's facts and every paper handed in, for the procedure already picked."""
    example: dict[str, Any] = json.loads(
        (EXAMPLES / f"{PROCEDURE}.json").read_text(encoding="utf-8")
    )
    for panel in (screen.applicant, screen.licence, screen.case):
        panel.load(example)
    screen.all_in.trigger()
    screen.reassess()
    assert screen.verdict.verdict is Verdict.ACCEPT, screen.verdict.details.toPlainText()


def _started(session: CounterSession) -> list[str | None]:
    """The receipts' ``started_at``, in the order they were recorded."""
    with session.store.reading() as reading:
        subjects = reading.scalars(
            select(AuditRecord.subject_json)
            .where(AuditRecord.action == "receive")
            .order_by(AuditRecord.seq)
        )
        return [json.loads(text).get("started_at") for text in subjects]


def test_the_pick_starts_the_applicants_time_and_reaches_the_audit_record(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> None:
    clock = Clock(MONDAY_0910 + dt.timedelta(seconds=17))
    screen = _page(qtbot, catalogue, session, worker, camera, clock)
    assert screen.started_at is None  # a fresh screen: no applicant yet

    screen.picker.choose(PROCEDURE)
    picked = clock.now
    assert screen.started_at == picked
    clock.wait(minutes=2)
    screen.picker.choose(PROCEDURE)  # picked again (Ctrl+P, Enter): the same applicant
    assert screen.started_at == picked
    clock.wait(minutes=3)
    _fill(screen)
    screen.accept.trigger()  # F9
    qtbot.waitUntil(lambda: screen.saved is not None)
    assert screen.saved is not None and screen.saved.code is not None
    assert _started(session) == [picked.isoformat(timespec="seconds")]

    # Ctrl+N: the next applicant, the same procedure kept; the time starts again there.
    clock.wait(minutes=1, seconds=4)
    screen.next_applicant()
    second = clock.now
    assert screen.started_at == second
    clock.wait(minutes=4)
    _fill(screen)
    screen.accept.trigger()
    qtbot.waitUntil(lambda: screen.saved is not None)
    assert _started(session) == [
        picked.isoformat(timespec="seconds"),
        second.isoformat(timespec="seconds"),
    ]


def test_a_cleared_screen_forgets_the_start(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> None:
    clock = Clock(MONDAY_0910)
    screen = _page(qtbot, catalogue, session, worker, camera, clock)
    screen.picker.choose(PROCEDURE)
    assert screen.started_at == MONDAY_0910
    screen.clear()
    assert screen.started_at is None


def test_the_goal_is_a_line_on_the_applicants_per_hour_chart(
    qtbot: QtBot,
    page: StatisticsPage,  # noqa: F811 (the fixture)
    session: CounterSession,
    catalogue: Catalogue,
) -> None:
    # The hand-made day: one counter, median 5:12, 90 % within 9:00; the goal by default
    # 10 minutes per applicant, so 6 applicants an hour at one counter.
    assert session.settings.queue_goal_minutes == 10
    summary = page.summary
    assert summary is not None and summary.median_seconds == 312
    page.views.setCurrentIndex(2)
    chart = page.hours_chart
    assert chart.goal == 6
    assert "6/giờ" in chart.goal_label and "10" in chart.goal_label
    assert chart.goal_label in chart.accessibleDescription()  # read out with the bars
    assert "5:12" in page.day_heading.text()
    assert "đạt mục tiêu 10 phút" in page.day_heading.text()
    assert chart.grab().toImage().width() > 0  # painted with its line, no Qt warning

    # Two counters, a goal of 4 minutes, a median of 7 minutes: 30 an hour, over the goal.
    session.settings = session.settings.with_value("queue_goal_minutes", 4)
    two = (summary.per_counter[0], replace(summary.per_counter[0], who="Quầy 2"))
    page.show_day(replace(summary, per_counter=two, median_seconds=420.0))
    assert chart.goal == 30
    assert "30/giờ" in chart.goal_label
    assert "vượt mục tiêu 4 phút" in page.day_heading.text()

    # A day with nothing: the chart says so; no goal over empty bars.
    empty = tuple((hour, 0) for hour, _ in summary.applicants_per_hour)
    page.show_day(replace(summary, applicants_per_hour=empty, median_seconds=None))
    assert "goal" not in page.day_heading.text()
    assert chart.accessibleDescription().endswith("0")  # the bars only, all zero
    assert chart.grab().toImage().width() > 0
