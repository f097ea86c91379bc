"""The results to chase, the results coming in, and finding a dossier to hand back
(``app.late_results``), on a real store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.dossier_status import CANNOT_CHANGE, OTHER_POINT, Status, StatusRefused
from app.late_results import (
    NOT_THIS_POINT,
    NotThisPoint,
    find_for_hand_over,
    late_horizon,
    late_results,
    result_in,
)
from app.permissions import RoleRefused
from app.reception import receive
from app.status_changes import forward, history, result_ready, withdraw
from app.voids import void_dossier
from app.workdays import WorkCalendar
from db.store import Store
from tests.accounts import IT_ADMIN, OFFICER, SUPERVISOR
from tests.db.conftest import counter, example_request
from tests.db.workers import DAY, incomplete_request, prepared

POINT = counter().receiving_point
CALENDAR = WorkCalendar.default()
APPLICANT_ID = example_request().applicant.identity_document.number
FORWARDED_AT = DAY + dt.timedelta(hours=6)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.in_data_dir(tmp_path)
    yield opened
    opened.close()


def received(store: Store, at: dt.datetime = DAY, name: str = "doi-gtvt", **applicant: str) -> str:
    """A dossier received at ``at``; its code (due 5 working days later for doi-gtvt)."""
    catalogue, timetable = prepared()
    receipt = receive(
        example_request(name, **applicant),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(1, 9999),
        store=store,
        received_at=at,
    )
    assert receipt.code is not None
    return receipt.code


def test_the_horizon_is_the_end_of_the_next_working_day() -> None:
    # Friday 27/11/2026: the next working day is Monday 30/11.
    assert late_horizon(dt.datetime(2026, 11, 27, 10, 0), CALENDAR) == dt.datetime(2026, 12, 1)
    # Monday 23/11: Tuesday 24/11 is a holiday (Ngày Văn hóa Việt Nam), so Wednesday.
    assert late_horizon(dt.datetime(2026, 11, 23, 10, 0), CALENDAR) == dt.datetime(2026, 11, 26)


def test_a_result_due_soon_then_overdue_until_it_is_ready(store: Store) -> None:
    code = received(store)  # due 09:00 Tuesday 01/12/2026
    assert late_results(store, dt.datetime(2026, 11, 27, 10, 0), CALENDAR) == []
    (soon,) = late_results(store, dt.datetime(2026, 11, 30, 10, 0), CALENDAR)
    assert (soon.dossier.code, soon.status, soon.overdue) == (code, Status.RECEIVED, False)
    assert soon.due_at == dt.datetime(2026, 12, 1, 9, 0) and soon.may_reappoint
    assert soon.dossier.rounds  # with its history, for the re-appointment
    forward(store, [code], OFFICER, FORWARDED_AT)
    (late,) = late_results(store, dt.datetime(2026, 12, 1, 10, 0), CALENDAR)
    assert (late.status, late.overdue) == (Status.FORWARDED, True)
    result_ready(store, code, OFFICER, dt.datetime(2026, 12, 1, 11, 0))
    assert late_results(store, dt.datetime(2026, 12, 1, 12, 0), CALENDAR) == []


def test_voided_withdrawn_and_not_accepted_dossiers_are_not_chased(store: Store) -> None:
    first = received(store)
    second = received(store, DAY + dt.timedelta(minutes=5))
    third = received(store, DAY + dt.timedelta(minutes=10))
    catalogue, timetable = prepared()
    receive(  # sent back for a paper: no code, no due date
        incomplete_request(),
        catalogue=catalogue,
        timetable=timetable,
        counter=counter(1, 9999),
        store=store,
        received_at=DAY,
    )
    void_dossier(store, first, "nhập trùng", SUPERVISOR, DAY + dt.timedelta(hours=1))
    withdraw(store, second, OFFICER, DAY + dt.timedelta(hours=1), "không có nhu cầu")
    found = late_results(store, dt.datetime(2026, 12, 2, 8, 0), CALENDAR)
    assert [late.dossier.code for late in found] == [third]


def test_the_earliest_due_comes_first(store: Store) -> None:
    later = received(store, DAY + dt.timedelta(hours=2))
    earlier = received(store, DAY)
    found = late_results(store, dt.datetime(2026, 12, 2, 8, 0), CALENDAR)
    assert [late.dossier.code for late in found] == [earlier, later]


def test_a_dossier_is_found_by_what_the_applicant_brings(store: Store) -> None:
    code = received(store)
    other = received(store, name="idp-cap")
    (by_code,) = find_for_hand_over(store, f"  {code.lower()} ")
    assert by_code.code == code and by_code.rounds and by_code.licences
    spaced = " ".join([APPLICANT_ID[:3], APPLICANT_ID[3:6], APPLICANT_ID[6:]])
    assert [d.code for d in find_for_hand_over(store, spaced)] == [code]
    card = f"{APPLICANT_ID}|025123456|Nguyễn Văn An|04051980|Nam|12 Lý Tự Trọng|15062021"
    assert [d.code for d in find_for_hand_over(store, card)] == [code]
    assert other not in [d.code for d in find_for_hand_over(store, APPLICANT_ID)]
    assert find_for_hand_over(store, "") == []
    assert find_for_hand_over(store, "000.17.22.H56-261123-0999") == []
    assert find_for_hand_over(store, "001099000111") == []


def test_an_applicants_latest_dossier_comes_first(store: Store) -> None:
    older = received(store)
    newer = received(store, DAY + dt.timedelta(days=2))
    assert [d.code for d in find_for_hand_over(store, APPLICANT_ID)] == [newer, older]


def test_a_result_comes_in_for_a_forwarded_dossier_of_this_point(store: Store) -> None:
    code = received(store)
    at = DAY + dt.timedelta(days=2)
    with pytest.raises(StatusRefused) as not_forwarded:
        result_in(store, code, OFFICER, at, POINT)
    assert not_forwarded.value.message == CANNOT_CHANGE
    forward(store, [code], OFFICER, FORWARDED_AT)
    with pytest.raises(NotThisPoint) as elsewhere:
        result_in(store, code, OFFICER, at, "Điểm tiếp nhận khác")
    assert elsewhere.value.message == OTHER_POINT and POINT in elsewhere.value.text("vi")
    with pytest.raises(NotThisPoint) as unknown:
        result_in(store, "000.17.22.H56-261123-0999", OFFICER, at, POINT)
    assert unknown.value.message == NOT_THIS_POINT
    with pytest.raises(RoleRefused):
        result_in(store, code, IT_ADMIN, at, POINT)
    letter = result_in(store, code, OFFICER, at, POINT, granted=False, reference="15/TL")
    assert letter.status == Status.NOT_GRANTED
    assert [c.status for c in history(store, code).changes] == ["forwarded", "not-granted"]
