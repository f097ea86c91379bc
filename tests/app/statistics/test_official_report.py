"""The official report (Biểu 06) of a month of dossiers with known outcomes, in a real store.

Every dossier below is written down with the two cells it must fill, worked out by hand from
the conventions (received in the period or carried over; resolved early, on time or late,
withdrawn, or still in progress within the time limit or overdue). The report must show
exactly those numbers in every cell of every row, the codes behind each, the totals
identities, and next month's "carried over" equal to this month's "in progress".
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from app.catalogue.model import Catalogue
from app.dossier.request import DossierRequest
from app.dossier_status import Collector, HandOver, ReturnMethod
from app.reception import Receipt, Timetable, receive
from app.settings.options import Settings
from app.statistics.model import COLUMN_KEYS, ReportCounts
from app.statistics.official import official_report
from app.status_changes import forward, hand_over, not_granted, result_ready, withdraw
from app.voids import void_dossier
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store
from tests.accounts import SUPERVISOR
from tests.db.conftest import EXAMPLES, RECEIVING_OFFICER, counter

NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
DECEMBER = (dt.date(2026, 12, 1), dt.date(2026, 12, 31))
POINT = "252 Lý Chính Thắng, phường 9, quận 3"
OTHER_POINT = "Điểm tiếp nhận số 2"
TIMETABLE = Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS)
SETTINGS = Settings(agency_name="Sở Giao thông vận tải Thành phố Hồ Chí Minh")

# What becomes of a dossier, as a time computed from its due date (``None``: nothing).
When = Callable[[dt.datetime], dt.datetime]


def day_before(due: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(due.date() - dt.timedelta(days=1), dt.time(10, 0))


def due_day_early_hour(due: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(due.date(), dt.time(7, 0))


def due_day_after_the_hour(due: dt.datetime) -> dt.datetime:
    later = due + dt.timedelta(minutes=5)
    assert later.date() == due.date()
    return later


def two_days_late(due: dt.datetime) -> dt.datetime:
    return dt.datetime.combine(due.date() + dt.timedelta(days=2), dt.time(10, 0))


def at(moment: dt.datetime) -> When:
    return lambda _due: moment


@dataclass(frozen=True)
class Case:
    """One dossier of the month and the cells it must fill (by hand)."""

    name: str
    procedure: str
    channel: str
    received_at: dt.datetime
    ends: str | None = None  # result-ready | not-granted | withdrawn | returned
    when: When | None = None
    received: str = ""  # the column it is received in; "" when it is not in the report
    outcome: str = ""
    # the outcome when results are compared by timestamp, if it differs
    outcome_by_timestamp: str = ""
    voided: bool = False
    supplement_first: dt.datetime | None = None  # a BM 02 round before it was accepted
    point: str = POINT


OCT = dt.datetime(2026, 10, 1, 9, 0)
NOV = dt.datetime(2026, 11, 1, 9, 0)


def oct_(day: int, hour: int = 9) -> dt.datetime:
    return OCT.replace(day=day, hour=hour)


def nov(day: int, hour: int = 9) -> dt.datetime:
    return NOV.replace(day=day, hour=hour)


CASES = [
    # --- received in October
    Case("done in october", "doi-gtvt", "direct", oct_(20), "result-ready", at(oct_(26))),
    Case("withdrawn in october", "doi-gtvt", "direct", oct_(21), "withdrawn", at(oct_(22))),
    Case(
        "carried, still open",
        "doi-gtvt",
        "direct",
        oct_(28),
        received="carried_over",
        outcome="in_progress_overdue",
    ),
    Case(
        "carried, resolved on time",
        "doi-gtvt",
        "direct",
        oct_(29),
        "result-ready",
        due_day_early_hour,
        received="carried_over",
        outcome="resolved_on_time",
    ),
    Case(
        "carried, withdrawn",
        "doi-du-lich",
        "post",
        oct_(30),
        "withdrawn",
        at(nov(2)),
        received="carried_over",
        outcome="withdrawn",
    ),
    Case(
        "carried, late",
        "doi-du-lich",
        "direct",
        oct_(30, 10),
        "not-granted",
        two_days_late,
        received="carried_over",
        outcome="resolved_late",
    ),
    Case(
        "supplement in october, accepted in november",
        "doi-gtvt",
        "direct",
        nov(3),
        "result-ready",
        day_before,
        received="received_in_person",
        outcome="resolved_early",
        supplement_first=oct_(30, 14),
    ),
    # --- received in November
    Case(
        "early",
        "doi-gtvt",
        "direct",
        nov(2),
        "result-ready",
        day_before,
        received="received_in_person",
        outcome="resolved_early",
    ),
    Case(
        "on the due day after the due time",
        "doi-gtvt",
        "direct",
        nov(4),
        "result-ready",
        due_day_after_the_hour,
        received="received_in_person",
        outcome="resolved_on_time",
        outcome_by_timestamp="resolved_late",
    ),
    Case(
        "returned after its result",
        "doi-gtvt",
        "direct",
        nov(5),
        "returned",
        due_day_early_hour,
        received="received_in_person",
        outcome="resolved_on_time",
    ),
    Case(
        "online, same day",
        "doi-gtvt",
        "online",
        nov(9),
        "result-ready",
        at(nov(9, 15)),
        received="received_online",
        outcome="resolved_on_time",
    ),
    Case(
        "online, late",
        "doi-gtvt",
        "online",
        nov(10),
        "result-ready",
        two_days_late,
        received="received_online",
        outcome="resolved_late",
    ),
    Case(
        "online, still open",
        "doi-gtvt",
        "online",
        nov(11),
        received="received_online",
        outcome="in_progress_overdue",
    ),
    Case(
        "by post, early",
        "doi-du-lich",
        "post",
        nov(12),
        "result-ready",
        day_before,
        received="received_in_person",
        outcome="resolved_early",
    ),
    Case(
        "not granted on time",
        "doi-du-lich",
        "direct",
        nov(13),
        "not-granted",
        due_day_early_hour,
        received="received_in_person",
        outcome="resolved_on_time",
    ),
    Case(
        "overdue at the cut-off",
        "doi-du-lich",
        "direct",
        nov(16),
        received="received_in_person",
        outcome="in_progress_overdue",
    ),
    Case(
        "result after the cut-off",
        "doi-gtvt",
        "direct",
        nov(20),
        "result-ready",
        at(dt.datetime(2026, 12, 2, 10, 0)),
        received="received_in_person",
        outcome="in_progress_overdue",
    ),
    Case(
        "due in december",
        "doi-gtvt",
        "direct",
        nov(27),
        received="received_in_person",
        outcome="in_progress_within",
    ),
    Case(
        "due in december, by post",
        "doi-du-lich",
        "post",
        nov(30, 8),
        received="received_in_person",
        outcome="in_progress_within",
    ),
    Case(
        "withdrawn in november",
        "doi-gtvt",
        "direct",
        nov(17),
        "withdrawn",
        at(nov(18)),
        received="received_in_person",
        outcome="withdrawn",
    ),
    Case(
        "at another point",
        "doi-gtvt",
        "direct",
        nov(18),
        received="received_in_person",
        outcome="in_progress_overdue",
        point=OTHER_POINT,
    ),
    # --- left out
    Case("voided", "doi-gtvt", "direct", nov(6), "result-ready", day_before, voided=True),
    Case("received in december", "doi-gtvt", "direct", dt.datetime(2026, 12, 1, 9, 0)),
]


def _request(case: Case, **changes: object) -> DossierRequest:
    data = json.loads((EXAMPLES / f"{case.procedure}.json").read_text(encoding="utf-8"))
    data["channel"] = case.channel
    data.update(changes)
    return DossierRequest.model_validate(data)


def _incomplete(case: Case) -> DossierRequest:
    complete = _request(case)
    return complete.model_copy(
        update={"presented": {k: v for k, v in complete.presented.items() if k != "don-de-nghi"}}
    )


def _refused(case: Case) -> DossierRequest:
    data = json.loads((EXAMPLES / f"{case.procedure}.json").read_text(encoding="utf-8"))
    data["licences"][0]["expiry_date"] = "2020-01-01"
    return DossierRequest.model_validate(data)


@dataclass(frozen=True)
class Stored:
    case: Case
    code: str
    due_at: dt.datetime


def _store_case(store: Store, catalogue: Catalogue, case: Case) -> Stored:
    def at_counter(
        request: DossierRequest, when: dt.datetime, supplements: str | None = None
    ) -> Receipt:
        me = counter(1) if case.point == POINT else replace(counter(2), receiving_point=case.point)
        return receive(
            request,
            catalogue=catalogue,
            timetable=TIMETABLE,
            counter=me,
            store=store,
            received_at=when,
            supplements=supplements,
        )

    supplements = None
    if case.supplement_first is not None:
        first = at_counter(_incomplete(case), case.supplement_first)
        assert first.code is None
        supplements = first.dossier_id
    receipt = at_counter(_request(case), case.received_at, supplements)
    assert receipt.code is not None and receipt.due is not None
    due = receipt.due.due_at
    if case.ends is not None:
        assert case.when is not None
        moment = case.when(due)
        if case.ends == "withdrawn":
            withdraw(store, receipt.code, RECEIVING_OFFICER, moment)
        else:
            forward(store, [receipt.code], RECEIVING_OFFICER, case.received_at.replace(hour=11))
            if case.ends == "not-granted":
                not_granted(store, receipt.code, RECEIVING_OFFICER, moment)
            else:
                result_ready(store, receipt.code, RECEIVING_OFFICER, moment)
            if case.ends == "returned":
                given = HandOver(ReturnMethod.IN_PERSON, Collector("Nguyễn Văn An", "079080001234"))
                hand_over(
                    store,
                    receipt.code,
                    given,
                    RECEIVING_OFFICER,
                    moment + dt.timedelta(days=3),
                    case.point,
                )
    if case.voided:
        void_dossier(
            store, receipt.code, "nhập nhầm", SUPERVISOR, case.received_at.replace(hour=15)
        )
    return Stored(case, receipt.code, due)


@pytest.fixture(scope="module")
def month(
    tmp_path_factory: pytest.TempPathFactory, catalogue: Catalogue
) -> Iterator[tuple[Store, list[Stored]]]:
    store = Store.in_data_dir(Path(tmp_path_factory.mktemp("month")))
    stored = [_store_case(store, catalogue, case) for case in CASES]
    # Rounds that are no dossier of the report: a BM 02 never completed, a BM 03.
    lone = CASES[-1]
    assert at_least_one_round(store, catalogue, _incomplete(lone), nov(19)) is None
    assert at_least_one_round(store, catalogue, _refused(lone), nov(19, 10)) is None
    yield store, stored
    store.close()


def at_least_one_round(
    store: Store, catalogue: Catalogue, request: DossierRequest, when: dt.datetime
) -> str | None:
    return receive(
        request,
        catalogue=catalogue,
        timetable=TIMETABLE,
        counter=counter(1),
        store=store,
        received_at=when,
    ).code


def _expected(stored: list[Stored], by_timestamp: bool = False) -> dict[str, Counter[str]]:
    """procedure → column key → count, from the cells written by hand above."""
    found: dict[str, Counter[str]] = {}
    for each in stored:
        case = each.case
        if not case.received:
            continue
        outcome = (case.outcome_by_timestamp or case.outcome) if by_timestamp else case.outcome
        found.setdefault(case.procedure, Counter()).update([case.received, outcome])
    return found


def _codes(stored: list[Stored], procedure: str, key: str) -> tuple[str, ...]:
    return tuple(
        sorted(
            each.code
            for each in stored
            if each.case.procedure == procedure and key in (each.case.received, each.case.outcome)
        )
    )


def _check_identities(counts: ReportCounts) -> None:
    assert counts.received_total == (
        counts.received_online + counts.received_in_person + counts.carried_over
    )
    assert counts.resolved_total == (
        counts.resolved_early + counts.resolved_on_time + counts.resolved_late
    )
    assert counts.in_progress_total == counts.in_progress_within + counts.in_progress_overdue
    apart = 0 if counts.withdrawn_in_resolved else counts.withdrawn
    assert counts.received_total == counts.resolved_total + counts.in_progress_total + apart
    assert counts.residue == 0


def test_every_cell_of_the_month(month: tuple[Store, list[Stored]], catalogue: Catalogue) -> None:
    store, stored = month
    report = official_report(store, *NOVEMBER, SETTINGS, catalogue)

    assert (report.first_day, report.last_day) == NOVEMBER
    assert report.cut_off == dt.datetime(2026, 12, 1, 0, 0)
    assert report.unit == "Sở Giao thông vận tải Thành phố Hồ Chí Minh"
    assert report.points == tuple(sorted((POINT, OTHER_POINT)))
    # One row per procedure of the catalogue, in its order, under the decision's field.
    assert [row.procedure_id for row in report.rows] == list(catalogue.procedures)
    assert [row.procedure_name for row in report.rows] == [
        procedure.name for procedure in catalogue.procedures.values()
    ]
    assert [(field, len(rows)) for field, rows in report.by_field()] == [("Lĩnh vực đường bộ", 9)]

    expected = _expected(stored)
    assert expected["doi-gtvt"] == Counter(
        {
            "received_in_person": 8,
            "received_online": 3,
            "carried_over": 2,
            "resolved_early": 2,
            "resolved_on_time": 4,
            "resolved_late": 1,
            "in_progress_overdue": 4,
            "in_progress_within": 1,
            "withdrawn": 1,
        }
    )
    for row in report.rows:
        wanted = expected.get(row.procedure_id, Counter())
        for key in COLUMN_KEYS:
            assert getattr(row.counts, key) == wanted[key], (row.procedure_id, key)
            assert row.dossiers.get(key, ()) == _codes(stored, row.procedure_id, key), key
        _check_identities(row.counts)

    total = report.total
    for key in COLUMN_KEYS:
        assert getattr(total, key) == sum(c[key] for c in expected.values()), key
        assert report.dossiers(key) == tuple(
            sorted(code for row in report.rows for code in row.dossiers.get(key, ()))
        )
    _check_identities(total)
    assert (total.column(3), total.column(7), total.column(11)) == (19, 10, 7)
    assert total.withdrawn == 2  # 19 = 10 resolved + 7 in progress + 2 withdrawn
    # Nothing voided, received in December, refused or waiting for papers is counted.
    everything = {code for key in COLUMN_KEYS for code in report.dossiers(key)}
    assert everything == {each.code for each in stored if each.case.received}


def test_next_months_carried_over_is_this_months_in_progress(
    month: tuple[Store, list[Stored]], catalogue: Catalogue
) -> None:
    store, _ = month
    november = official_report(store, *NOVEMBER, SETTINGS, catalogue)
    december = official_report(store, *DECEMBER, SETTINGS, catalogue)
    for this, following in zip(november.rows, december.rows, strict=True):
        assert following.counts.carried_over == this.counts.in_progress_total
        assert following.dossiers.get("carried_over", ()) == tuple(
            sorted(
                this.dossiers.get("in_progress_within", ())
                + this.dossiers.get("in_progress_overdue", ())
            )
        )
        _check_identities(following.counts)
    # The dossier received on 1 December and the result of 2 December belong to December.
    assert december.total.received_in_person == 1
    assert december.total.resolved_total == 1


def test_one_point_only(month: tuple[Store, list[Stored]], catalogue: Catalogue) -> None:
    store, stored = month
    report = official_report(store, *NOVEMBER, SETTINGS, catalogue, points=[OTHER_POINT])
    assert report.points == (OTHER_POINT,)
    assert report.total == ReportCounts(received_in_person=1, in_progress_overdue=1)
    (other,) = [each.code for each in stored if each.case.point == OTHER_POINT]
    assert report.dossiers("in_progress_overdue") == (other,)


def test_results_compared_by_timestamp(
    month: tuple[Store, list[Stored]], catalogue: Catalogue
) -> None:
    store, stored = month
    settings = SETTINGS.model_copy(update={"report_compare_by": "timestamp"})
    report = official_report(store, *NOVEMBER, settings, catalogue)
    expected = _expected(stored, by_timestamp=True)
    for row in report.rows:
        wanted = expected.get(row.procedure_id, Counter())
        for key in COLUMN_KEYS:
            assert getattr(row.counts, key) == wanted[key], (row.procedure_id, key)
        _check_identities(row.counts)
    assert report.compare_by == "timestamp"


def test_withdrawn_counted_as_resolved(
    month: tuple[Store, list[Stored]], catalogue: Catalogue
) -> None:
    store, _ = month
    apart = official_report(store, *NOVEMBER, SETTINGS, catalogue).total
    settings = SETTINGS.model_copy(update={"report_withdrawn": "resolved"})
    counted = official_report(store, *NOVEMBER, settings, catalogue).total
    assert counted.withdrawn == apart.withdrawn == 2
    assert counted.resolved_on_time == apart.resolved_on_time + 2
    assert counted.resolved_total == apart.resolved_total + 2
    assert counted.received_total == counted.resolved_total + counted.in_progress_total
    _check_identities(counted)


def test_a_residue_is_shown_not_hidden() -> None:
    broken = ReportCounts(received_in_person=3, resolved_on_time=1)
    assert broken.residue == 2
    assert (broken + broken).residue == 4


def test_a_period_that_runs_backwards_is_refused(catalogue: Catalogue, tmp_path: Path) -> None:
    store = Store.in_data_dir(tmp_path)
    try:
        with pytest.raises(ValueError):
            official_report(store, dt.date(2026, 11, 30), dt.date(2026, 11, 1), SETTINGS, catalogue)
    finally:
        store.close()


def test_the_field_is_the_road_field_not_the_decisions_slip(catalogue: Catalogue) -> None:
    """The decision heads its nine driving-licence procedures "Lĩnh vực đường thủy nội
    địa", a slip (docs/catalogue.md): the report files them under the road field."""
    decision = (EXAMPLES.parent / "sources" / "qd-4225-2021.txt").read_text(encoding="utf-8")
    assert "\nLĩnh vực đường thủy nội địa |\n" in decision
    assert {procedure.field for procedure in catalogue.procedures.values()} == {"Lĩnh vực đường bộ"}
