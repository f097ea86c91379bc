"""The official report read at the real centre: the point's report counts every counter of
the point, the central office's counts every point, and the numbers are the ones worked out
by hand for the month of dossiers in ``tests.app.statistics.test_official_report``.

The month is received at two points: point q3's counter 1 takes the dossiers of the main
point, point q10's counter 2 the one of the other point, and q3's counter 3 two more dossiers
of its own. Each counter pushes to the centre; the report is then read with each login.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.catalogue.model import Catalogue
from app.cli.main import main
from app.failures import CentralFailure
from app.i18n import choose_language
from app.reception import receive
from app.statistics.centre import centre_report, counter_login, office_login
from app.statistics.model import COLUMN_KEYS, OfficialReport
from app.statistics.official import official_report
from db.central.admin import AdminLogin
from db.central.statuses import set_status
from db.central.urls import password_in, without_password
from db.store import Store
from db.sync.round import CounterIdentity, sync_round
from tests.app.statistics.test_official_report import (
    CASES,
    DECEMBER,
    NOVEMBER,
    OTHER_POINT,
    POINT,
    SETTINGS,
    TIMETABLE,
    Stored,
    _expected,
    _request,
    _store_case,
    nov,
)
from tests.central.conftest import AGENCY, Central, counter_store, register
from tests.db.conftest import counter


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    choose_language("en")
    yield
    choose_language("vi")


@dataclass
class Month:
    q3: Store  # point q3, counter 1: the main point's dossiers of the month
    q3_other: Store  # point q3, counter 3
    q10: Store  # point q10, counter 2: the other point's dossier
    stored: list[Stored]  # the month's cases, at q3 and q10
    extra: list[str]  # the codes q3's counter 3 received
    q3_url: str
    office_url: str


@pytest.fixture
def month(central: Central, catalogue: Catalogue, tmp_path: Path) -> Iterator[Month]:
    q3_url, q10_url = central.add_point("q3"), central.add_point("q10")
    q3 = counter_store(tmp_path / "q3-1", q3_url, 1)
    q3_other = counter_store(tmp_path / "q3-3", q3_url, 3)
    q10 = counter_store(tmp_path / "q10-2", q10_url, None)
    register(q10, CounterIdentity(AGENCY, 2, 500))
    stored = [_store_case(q3 if case.point == POINT else q10, catalogue, case) for case in CASES]
    extra = []
    for day in (24, 25):
        receipt = receive(
            _request(CASES[-1]),
            catalogue=catalogue,
            timetable=TIMETABLE,
            counter=counter(3),
            store=q3_other,
            received_at=nov(day, 10),
        )
        assert receipt.code is not None
        extra.append(receipt.code)
    for store in (q3, q3_other, q10):
        assert sync_round(store).pushed.rejected == 0
    try:
        yield Month(q3, q3_other, q10, stored, extra, q3_url, central.add_centre_login())
    finally:
        for store in (q3, q3_other, q10):
            store.close()


def _codes(report: OfficialReport) -> dict[str, set[str]]:
    return {key: set(report.dossiers(key)) for key in COLUMN_KEYS}


def _counts(report: OfficialReport) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {}
    for row in report.rows:
        values = Counter({key: getattr(row.counts, key) for key in COLUMN_KEYS})
        if +values:
            found[row.procedure_id] = +values
    return found


def _office(url: str) -> AdminLogin:
    return AdminLogin(without_password(url), password_in(url))


@pytest.mark.parametrize("compare_by", ["day", "timestamp"])
def test_the_office_sees_every_point_with_the_numbers_worked_out_by_hand(
    month: Month, catalogue: Catalogue, compare_by: str
) -> None:
    settings = SETTINGS.with_value("report_compare_by", compare_by)
    report = centre_report(office_login(_office(month.office_url)), *NOVEMBER, settings, catalogue)
    assert report.source == "centre"
    assert set(report.points) == {POINT, OTHER_POINT}
    expected = _expected(month.stored, by_timestamp=compare_by == "timestamp")
    # q3's counter 3 received two more dossiers of the same procedure, due in December.
    expected.setdefault(CASES[-1].procedure, Counter()).update(
        {"received_in_person": 2, "in_progress_within": 2}
    )
    assert _counts(report) == expected
    for row in report.rows:
        assert row.counts.residue == 0
    # The same cells as the counters' own stores count, code for code.
    at_counters: dict[str, set[str]] = {key: set() for key in COLUMN_KEYS}
    for store in (month.q3, month.q3_other, month.q10):
        for key, codes in _codes(official_report(store, *NOVEMBER, settings, catalogue)).items():
            at_counters[key] |= codes
    assert _codes(report) == at_counters


def test_a_counter_sees_every_counter_of_its_point_and_no_other_point(
    month: Month, catalogue: Catalogue
) -> None:
    at_counter_1 = official_report(month.q3, *NOVEMBER, SETTINGS, catalogue)
    of_the_point = centre_report(counter_login(month.q3), *NOVEMBER, SETTINGS, catalogue)
    assert of_the_point.points == (POINT,)
    # Counter 1's own store does not hold counter 3's dossiers; the point's report does.
    assert not set(month.extra) & set(at_counter_1.dossiers("received_in_person"))
    assert set(month.extra) <= set(of_the_point.dossiers("received_in_person"))
    assert of_the_point.total.received_total == at_counter_1.total.received_total + 2
    other_point = {each.code for each in month.stored if each.case.point == OTHER_POINT}
    every_code = {code for key in COLUMN_KEYS for code in of_the_point.dossiers(key)}
    assert other_point and not other_point & every_code
    # Asking for another point's numbers gives nothing: the centre shows this login none.
    asked = centre_report(
        counter_login(month.q3), *NOVEMBER, SETTINGS, catalogue, points=[OTHER_POINT]
    )
    assert asked.total.received_total == 0


def test_a_result_set_at_the_centre_counts_before_the_counter_pulls_it(
    month: Month, central: Central, catalogue: Catalogue
) -> None:
    """The processing unit marks the other point's overdue dossier ready at the centre in
    December: the centre's December report has it resolved late, the counter's store, which
    has not pulled yet, still in progress."""
    (late,) = [each.code for each in month.stored if each.case.point == OTHER_POINT]
    set_status(central.admin_url, [late], "result-ready")
    office = office_login(_office(month.office_url))
    december = centre_report(office, *DECEMBER, SETTINGS, catalogue, points=[OTHER_POINT])
    assert december.dossiers("carried_over") == (late,)
    assert december.dossiers("resolved_late") == (late,)
    at_counter = official_report(month.q10, *DECEMBER, SETTINGS, catalogue)
    assert at_counter.dossiers("in_progress_overdue") == (late,)


def test_a_counter_without_a_centre_is_told_so(tmp_path: Path, catalogue: Catalogue) -> None:
    store = Store.in_data_dir(tmp_path)
    try:
        with pytest.raises(CentralFailure, match="no central database set"):
            counter_login(store)
    finally:
        store.close()


def test_stats_report_from_the_centre_on_the_command_line(
    month: Month, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def report(*options: str) -> tuple[int, dict[str, object], str]:
        out = tmp_path / "report.json"
        code = main(
            [
                "stats", "report", "--from", "2026-11-01", "--to", "2026-11-30",
                *options, "-o", str(out),
            ]
        )  # fmt: skip
        err = capsys.readouterr().err
        return code, json.loads(out.read_text(encoding="utf-8")) if code == 0 else {}, err

    q3_data = ["--data-dir", str(month.q3.path.parent)]
    code, own, _ = report(*q3_data)
    assert code == 0 and own["source"] == "counter"
    code, point, _ = report("--centre", *q3_data)
    assert code == 0 and point["source"] == "centre" and point["points"] == [POINT]
    total = point["total"]
    assert isinstance(total, dict) and isinstance(own["total"], dict)
    assert total["received_total"] == own["total"]["received_total"] + 2
    password_file = tmp_path / "office.password"
    password_file.write_text(f"{password_in(month.office_url)}\n", encoding="utf-8")
    office = ["--url", without_password(month.office_url), "--admin-password-from"]
    code, everywhere, _ = report(*office, str(password_file), *q3_data)
    assert code == 0 and everywhere["points"] == sorted([POINT, OTHER_POINT])
    # No centre set on this PC: exit 5, saying so; a password in the URL: exit 2.
    code, _, err = report("--centre", "--data-dir", str(tmp_path / "alone"))
    assert code == 5 and "chưa được đặt cơ sở dữ liệu trung tâm" in err
    code, _, err = report("--url", month.office_url, *q3_data)
    assert code == 2 and "--admin-password-from" in err
