"""The status model's rules: the moves, each refusal and its sentence, the 15:00 rule."""

from __future__ import annotations

import datetime as dt

import pytest

from app.dossier_status import (
    ALREADY_RETURNED,
    BM01_LOST_REASON,
    CANNOT_CHANGE,
    IDENTITY_MISMATCH,
    NOT_ACCEPTED,
    NOT_YET_READY,
    OTHER_POINT,
    POST_INCOMPLETE,
    PROXY_INCOMPLETE,
    TRANSITIONS,
    VOIDED,
    WITHDRAWN,
    Collector,
    DossierState,
    HandOver,
    HandOverRefused,
    Postal,
    Proxy,
    Returned,
    ReturnMethod,
    Status,
    StatusRefused,
    check_change,
    check_hand_over,
    forward_by,
    may_become,
)
from app.workdays import WorkCalendar

POINT = "252 Lý Chính Thắng"
ID = "079085001234"
AT = dt.datetime(2026, 11, 23, 9, 0)
DUE = dt.datetime(2026, 11, 27, 16, 0)
IN_PERSON = HandOver(ReturnMethod.IN_PERSON, Collector("Nguyễn Văn An", ID))
ALLOWED = {
    (Status.RECEIVED, Status.FORWARDED),
    (Status.RECEIVED, Status.WITHDRAWN),
    (Status.FORWARDED, Status.RESULT_READY),
    (Status.FORWARDED, Status.NOT_GRANTED),
    (Status.FORWARDED, Status.WITHDRAWN),
    (Status.RESULT_READY, Status.RETURNED),
    (Status.NOT_GRANTED, Status.RETURNED),
}


def state(status: Status = Status.RESULT_READY, **changes: object) -> DossierState:
    values: dict[str, object] = {
        "key": "000.17.22.H56-261123-0001",
        "accepted": True,
        "applicant_id_number": ID,
        "receiving_point": POINT,
        "due_at": DUE,
        "voided_at": None,
        "status": status,
        "changed_at": AT,
    }
    values.update(changes)
    return DossierState(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize("current", list(Status))
@pytest.mark.parametrize("wanted", [s for s in Status if s is not Status.RECEIVED])
def test_every_move_is_allowed_or_refused(current: Status, wanted: Status) -> None:
    assert may_become(current, wanted) == ((current, wanted) in ALLOWED)
    if wanted is Status.RETURNED:
        return  # a hand-over has its own check, below
    if (current, wanted) in ALLOWED:
        check_change(state(current), wanted)
        return
    with pytest.raises(StatusRefused) as refused:
        check_change(state(current), wanted)
    expected = WITHDRAWN if current is Status.WITHDRAWN else CANNOT_CHANGE
    assert refused.value.message == expected


def test_returned_and_withdrawn_are_final() -> None:
    assert TRANSITIONS[Status.RETURNED] == TRANSITIONS[Status.WITHDRAWN] == frozenset()


def test_a_ready_result_or_refusal_letter_is_handed_over() -> None:
    check_hand_over(state(Status.RESULT_READY), IN_PERSON, POINT)
    check_hand_over(state(Status.NOT_GRANTED), IN_PERSON, POINT)
    # The identity number as typed with spaces is the same document.
    spaced = HandOver(ReturnMethod.IN_PERSON, Collector("An", "079 085 001 234"))
    check_hand_over(state(), spaced, POINT)


@pytest.mark.parametrize("current", [Status.RECEIVED, Status.FORWARDED])
def test_not_yet_ready_shows_the_due_date(current: Status) -> None:
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(current), IN_PERSON, POINT)
    assert refused.value.message == NOT_YET_READY
    assert "16:00 27/11/2026" in refused.value.text("en")
    assert "16:00 27/11/2026" in refused.value.text("vi")


def test_already_returned_says_when_to_whom_and_where() -> None:
    returned = Returned(dt.datetime(2026, 11, 27, 10, 5), "Trần Thị Bình", POINT, 2)
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(Status.RETURNED, returned=returned), IN_PERSON, POINT)
    assert refused.value.message == ALREADY_RETURNED
    text = refused.value.text("en")
    for part in ("10:05 27/11/2026", "Trần Thị Bình", POINT, "counter 2"):
        assert part in text


def test_another_collector_without_a_proxy_is_refused() -> None:
    stranger = HandOver(ReturnMethod.IN_PERSON, Collector("Lê Văn C", "001099000111"))
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(), stranger, POINT)
    assert refused.value.message == IDENTITY_MISMATCH
    assert "001099000111" in refused.value.text("vi")
    proxy = HandOver(
        ReturnMethod.PROXY,
        Collector("Lê Văn C", "001099000111"),
        proxy=Proxy("UQ-12/2026", dt.date(2026, 11, 20), certified=True),
    )
    check_hand_over(state(), proxy, POINT)


def test_a_proxy_without_an_authorisation_is_refused() -> None:
    bare = HandOver(ReturnMethod.PROXY, Collector("Lê Văn C", "001099000111"))
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(), bare, POINT)
    assert refused.value.message == PROXY_INCOMPLETE


def test_post_needs_its_item_number_and_address() -> None:
    post = Postal("VNPost", "EA123456789VN", "Nguyễn Văn An", "12 Lê Lợi, Quận 1", "0901234567")
    check_hand_over(state(), HandOver(ReturnMethod.POST, post=post), POINT)
    no_item = Postal("VNPost", " ", "Nguyễn Văn An", "12 Lê Lợi, Quận 1")
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(), HandOver(ReturnMethod.POST, post=no_item), POINT)
    assert refused.value.message == POST_INCOMPLETE


def test_a_lost_bm01_needs_a_reason() -> None:
    lost = HandOver(ReturnMethod.IN_PERSON, Collector("An", ID), bm01_presented=False)
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(), lost, POINT)
    assert refused.value.message == BM01_LOST_REASON
    explained = HandOver(
        ReturnMethod.IN_PERSON, Collector("An", ID), bm01_presented=False, bm01_lost_reason="Mất"
    )
    check_hand_over(state(), explained, POINT)


def test_a_dossier_of_another_point_says_which() -> None:
    with pytest.raises(HandOverRefused) as refused:
        check_hand_over(state(), IN_PERSON, "Điểm tiếp nhận khác")
    assert refused.value.message == OTHER_POINT
    assert POINT in refused.value.text("en")


def test_withdrawn_voided_and_unaccepted_dossiers_are_refused() -> None:
    cases = [
        (state(Status.WITHDRAWN), WITHDRAWN),
        (state(voided_at=dt.datetime(2026, 11, 23, 11, 0)), VOIDED),
        (state(accepted=False), NOT_ACCEPTED),
    ]
    for refused_state, message in cases:
        with pytest.raises(HandOverRefused) as refused:
            check_hand_over(refused_state, IN_PERSON, POINT)
        assert refused.value.message == message
        with pytest.raises(StatusRefused) as change:
            check_change(refused_state, Status.FORWARDED)
        assert change.value.message == message
    with pytest.raises(HandOverRefused) as voided:
        check_hand_over(state(voided_at=dt.datetime(2026, 11, 23, 11, 0)), IN_PERSON, POINT)
    assert "11:00 23/11/2026" in voided.value.text("en")


def test_the_details_keep_what_the_register_and_centre_need() -> None:
    given = HandOver(
        ReturnMethod.PROXY,
        Collector("Lê Văn C", "001099000111", read_by="qr"),
        proxy=Proxy("UQ-12/2026", dt.date(2026, 11, 20)),
        result="790123456789",
    )
    details = given.details()
    assert details["method"] == "proxy"
    assert details["receiver"] == "Lê Văn C"
    assert details["proxy"] == {
        "reference": "UQ-12/2026",
        "dated": "2026-11-20",
        "certified": False,
    }
    assert details["collector"]["read_by"] == "qr"


CALENDAR = WorkCalendar.default()


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (dt.datetime(2026, 11, 23, 9, 0), dt.datetime(2026, 11, 23, 17, 0)),
        (dt.datetime(2026, 11, 23, 15, 0), dt.datetime(2026, 11, 23, 17, 0)),  # at 15:00: same day
        (dt.datetime(2026, 11, 25, 15, 1), dt.datetime(2026, 11, 26, 7, 30)),  # after: next morning
        # 24/11 is Culture Day (a holiday from 2026): the next working morning is the 25th.
        (dt.datetime(2026, 11, 23, 15, 1), dt.datetime(2026, 11, 25, 7, 30)),
        # Friday after 15:00: Monday morning.
        (dt.datetime(2026, 11, 27, 16, 0), dt.datetime(2026, 11, 30, 7, 30)),
        # A Saturday: the next working day's morning.
        (dt.datetime(2026, 11, 28, 9, 0), dt.datetime(2026, 11, 30, 7, 30)),
    ],
)
def test_forward_same_day_or_next_morning_after_15(received: dt.datetime, due: dt.datetime) -> None:
    assert forward_by(received, CALENDAR) == due
