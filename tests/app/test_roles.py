"""Who may do what at the counter: the window's operations ask the permission table, a
supervisor's approval lends their role for one action, and the audit trail names logins.

An officer receives, prints and reprints once; a second reprint, a re-appointment, a
correction and a void need a supervisor (or an officer with a supervisor's approval);
the settings need IT staff. A refusal names the role that may, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.audit import show_trail
from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.counter_ops import (
    apology_to_reprint,
    change_settings,
    correct_stored_dossier,
    reappoint,
    record_print,
    slip_to_reprint,
    store_dossier,
    void_dossier,
)
from app.dossier.checking import parse_request
from app.dossier.request import DossierRequest
from app.dossier_queries import find_dossier, look_up, search_dossiers
from app.i18n import choose_language
from app.officers.identity import Officer
from app.officers.sign_in import approve
from app.papers import DossierVoided, print_permission
from app.permissions import Authority, Permission, RoleRefused
from app.reception import NotAwaitingSupplement, receive
from app.settings import Settings, load_settings, save_settings
from app.voids import VoidRefused
from db.audit import AuditAction
from db.store import Store
from tests.accounts import IT_ADMIN, OFFICER, PASSWORDS, SUPERVISOR, add_officers
from tests.app.dossier.conftest import EXAMPLES

RECEIVED = dt.datetime(2026, 11, 23, 9, 10)
LATER = dt.datetime(2026, 11, 24, 10, 0)
AGENCY = "000.17.22.H56"
SUPERVISOR_ONLY = "chỉ cán bộ giám sát được"


@pytest.fixture(autouse=True)
def vietnamese() -> Iterator[None]:
    choose_language("vi")
    yield
    choose_language("vi")


@pytest.fixture
def settings() -> Settings:
    return (
        Settings.defaults()
        .with_value("agency_code", AGENCY)
        .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
        .with_value("place_name", "Thành phố Hồ Chí Minh")
    )


@pytest.fixture
def store(tmp_path: Path, settings: Settings) -> Iterator[Store]:
    save_settings(tmp_path, settings)
    opened = Store.in_data_dir(tmp_path)
    add_officers(opened)
    yield opened
    opened.close()


def _session(tmp_path: Path, settings: Settings, store: Store, who: Officer) -> CounterSession:
    return CounterSession(tmp_path, settings, who, store)


def _request(name: str = "doi-gtvt") -> DossierRequest:
    return parse_request(json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8")))


def _received(session: CounterSession, catalogue: Catalogue) -> str:
    """A dossier accepted at the officer's counter, its BM 01 printed once."""
    done = store_dossier(session, catalogue, _request(), RECEIVED)
    record_print(session, done.result.slip, RECEIVED)
    code = done.result.receipt.code
    assert code is not None
    return code


def _trail(store: Store, action: AuditAction) -> list[tuple[str, dict[str, object]]]:
    return [(row.actor, json.loads(row.subject_json)) for row in show_trail(store, action=action)]


def test_the_print_number_says_what_it_needs() -> None:
    assert [print_permission(n) for n in (1, 2, 3, 9)] == [
        Permission.PRINT,
        Permission.REPRINT,
        Permission.REPRINT_AGAIN,
        Permission.REPRINT_AGAIN,
    ]


def test_an_officer_reprints_once_and_a_supervisor_again(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    officer = _session(tmp_path, settings, store, OFFICER)
    code = _received(officer, catalogue)
    reprint = slip_to_reprint(officer, code)
    assert reprint.print_number == 2
    record_print(officer, reprint, LATER)
    with pytest.raises(RoleRefused) as refused:
        slip_to_reprint(officer, code)
    assert str(refused.value) == (
        "chỉ cán bộ giám sát được in lại phiếu từ lần thứ hai;"
        " lan đang đăng nhập với vai trò cán bộ tiếp nhận"
    )
    assert refused.value.text("en") == (
        "only supervisor may reprint a paper a second time or more;"
        " lan is signed in as counter officer"
    )
    # A third print made elsewhere cannot be recorded by the officer either.
    supervisor = _session(tmp_path, settings, store, SUPERVISOR)
    third = slip_to_reprint(supervisor, code)
    with pytest.raises(RoleRefused):
        record_print(officer, third, LATER)
    record_print(supervisor, third, LATER)
    shown = find_dossier(store, code)
    assert shown is not None
    assert [slip["print_number"] for slip in shown["slips"]] == [1, 2, 3]
    actors = [
        (actor, subject["print_number"]) for actor, subject in _trail(store, AuditAction.REPRINT)
    ]
    assert actors == [("lan", 2), ("hoa", 3)]


def test_an_officer_may_not_reappoint_correct_or_void_and_nothing_is_written(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    officer = _session(tmp_path, settings, store, OFFICER)
    code = _received(officer, catalogue)
    corrected = _request().model_copy(
        update={"applicant": _request().applicant.model_copy(update={"phone": "0903 123 457"})}
    )
    attempts: dict[str, Callable[[], object]] = {
        "hẹn lại ngày trả kết quả": lambda: reappoint(officer, code, 2, "Chờ xác minh", LATER),
        "sửa hồ sơ đã lưu": lambda: correct_stored_dossier(
            officer, catalogue, code, corrected, "Số điện thoại ghi nhầm", LATER
        ),
        "hủy hồ sơ đã lưu": lambda: void_dossier(officer, code, "Tiếp nhận trùng", voided_at=LATER),
    }
    for action, attempt in attempts.items():
        with pytest.raises(RoleRefused) as refused:
            attempt()
        assert str(refused.value).startswith(f"{SUPERVISOR_ONLY} {action};")
    dossier = look_up(store, code)
    assert dossier is not None
    assert (dossier.reappointment, dossier.corrections, dossier.voided) == (None, (), None)
    assert [row.action for row in show_trail(store)][-2:] == ["receive", "print"]


def test_a_supervisor_reappoints_corrects_and_voids(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    code = _received(_session(tmp_path, settings, store, OFFICER), catalogue)
    supervisor = _session(tmp_path, settings, store, SUPERVISOR)
    moved = reappoint(supervisor, code, 2, "Chờ xác minh", LATER)
    assert moved.result.apology.print_number == 1
    request = _request()
    corrected = request.model_copy(
        update={"applicant": request.applicant.model_copy(update={"phone": "0903 123 457"})}
    )
    correct_stored_dossier(supervisor, catalogue, code, corrected, "Số điện thoại ghi nhầm", LATER)
    void_dossier(supervisor, code, "Tiếp nhận trùng", voided_at=LATER)
    dossier = look_up(store, code)
    assert dossier is not None and dossier.reappointment is not None
    assert dossier.reappointment.officer == SUPERVISOR.full_name
    assert dossier.corrections[0].officer == SUPERVISOR.full_name
    assert dossier.voided is not None and dossier.voided.actor == "hoa"
    for action in (AuditAction.REAPPOINTMENT, AuditAction.CORRECTION, AuditAction.VOID):
        [(actor, subject)] = _trail(store, action)
        assert actor == "hoa" and "approved_by" not in subject


def test_an_officer_with_a_supervisors_approval_may_and_the_record_names_both(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    officer = _session(tmp_path, settings, store, OFFICER)
    code = _received(officer, catalogue)
    with pytest.raises(RoleRefused):
        reappoint(officer, code, 2, "Chờ xác minh", LATER)
    # The window asks a supervisor to sign in for this action only, then calls again.
    lent = approve(store, OFFICER, "hoa", PASSWORDS["hoa"], Permission.REAPPOINT, now=LATER)
    assert lent == Authority(OFFICER, SUPERVISOR)
    reappoint(officer, code, 2, "Chờ xác minh", LATER, authority=lent)
    dossier = look_up(store, code)
    assert dossier is not None and dossier.reappointment is not None
    # The name kept is the officer's at the counter; the record names both logins.
    assert dossier.reappointment.officer == OFFICER.full_name
    [(actor, subject)] = _trail(store, AuditAction.REAPPOINTMENT)
    assert (actor, subject["approved_by"], subject["code"]) == ("lan", "hoa", code)
    # Approved for one action only: the next one is refused again.
    with pytest.raises(RoleRefused):
        void_dossier(officer, code, "Tiếp nhận trùng", voided_at=LATER)
    # Reprints after the first, and a void, with an approval each.
    record_print(officer, apology_to_reprint(officer, code), LATER)
    record_print(officer, apology_to_reprint(officer, code), LATER)
    again = approve(store, OFFICER, "hoa", PASSWORDS["hoa"], Permission.REPRINT_AGAIN, now=LATER)
    third = apology_to_reprint(officer, code, authority=again)
    record_print(officer, third, LATER, authority=again)
    assert _trail(store, AuditAction.REPRINT)[-1][1]["approved_by"] == "hoa"
    allowed = approve(store, OFFICER, "hoa", PASSWORDS["hoa"], Permission.VOID, now=LATER)
    void_dossier(officer, code, "Tiếp nhận trùng", voided_at=LATER, authority=allowed)
    [(actor, subject)] = _trail(store, AuditAction.VOID)
    assert (actor, subject["approved_by"]) == ("lan", "hoa")


def test_the_audit_trail_names_logins_never_names(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    officer = _session(tmp_path, settings, store, OFFICER)
    code = _received(officer, catalogue)
    record_print(officer, slip_to_reprint(officer, code), LATER)
    supervisor = _session(tmp_path, settings, store, SUPERVISOR)
    reappoint(supervisor, code, 2, "Chờ xác minh", LATER)
    void_dossier(supervisor, code, "Tiếp nhận trùng", voided_at=LATER)
    rows = show_trail(store)
    assert {row.actor for row in rows} == {"lan", "hoa"}
    for row in rows:
        for name in (OFFICER.full_name, SUPERVISOR.full_name, "Nguyễn Văn An"):
            assert name not in row.actor and name not in row.subject_json
    # The papers and the dossier keep the names.
    dossier = look_up(store, code)
    assert dossier is not None and dossier.officer == OFFICER.full_name


def test_a_void_is_refused_twice_and_stops_every_paper(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    officer = _session(tmp_path, settings, store, OFFICER)
    code = _received(officer, catalogue)
    supervisor = _session(tmp_path, settings, store, SUPERVISOR)
    with pytest.raises(VoidRefused, match="cần ghi lý do hủy hồ sơ"):
        void_dossier(supervisor, code, "  ", voided_at=LATER)
    void_dossier(supervisor, code, "Tiếp nhận trùng", voided_at=LATER)
    with pytest.raises(VoidRefused) as twice:
        void_dossier(supervisor, code, "Lần nữa", voided_at=LATER)
    assert str(twice.value) == (
        f"hồ sơ {code} đã bị hủy lúc 10:00 24/11/2026; một hồ sơ chỉ hủy một lần"
    )
    assert len(_trail(store, AuditAction.VOID)) == 1
    with pytest.raises(DossierVoided) as no_paper:
        slip_to_reprint(officer, code)
    assert no_paper.value.reason == (
        f"hồ sơ {code} đã bị hủy lúc 10:00 24/11/2026; không làm thêm được gì với hồ sơ đã hủy"
    )
    with pytest.raises(DossierVoided):
        slip_to_reprint(supervisor, code)
    # Shown as voided wherever dossiers are shown.
    shown = find_dossier(store, code)
    assert shown is not None
    assert shown["voided"] == {"at": "2026-11-24T10:00", "reason": "Tiếp nhận trùng"}
    [found] = search_dossiers(store, code, RECEIVED.date())
    assert found.voided is not None
    [listed] = search_dossiers(store, "", RECEIVED.date())
    assert listed.voided is not None and listed.voided.reason == "Tiếp nhận trùng"


def test_a_voided_dossier_awaiting_papers_takes_no_new_round(
    tmp_path: Path, settings: Settings, store: Store, catalogue: Catalogue
) -> None:
    officer = _session(tmp_path, settings, store, OFFICER)
    data = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    del data["presented"]["giay-chung-nhan-suc-khoe"]
    first = store_dossier(officer, catalogue, parse_request(data), RECEIVED).result.receipt
    void_dossier(
        _session(tmp_path, settings, store, SUPERVISOR),
        first.dossier_id,
        "Nộp nhầm",
        voided_at=LATER,
    )
    with pytest.raises(NotAwaitingSupplement, match="đã bị hủy"):
        receive(
            _request(),
            catalogue=catalogue,
            timetable=officer.timetable(),
            counter=officer.counter(),
            store=store,
            received_at=LATER,
            supplements=first.dossier_id,
        )


def test_only_it_staff_change_the_settings_and_the_names_are_recorded(
    tmp_path: Path, settings: Settings, store: Store
) -> None:
    changed = settings.with_value("counter_number", 2).with_value("agency_name", "Sở GTVT")
    for who in (OFFICER, SUPERVISOR):
        with pytest.raises(RoleRefused, match="chỉ cán bộ IT được thay đổi cài đặt"):
            change_settings(_session(tmp_path, settings, store, who), changed)
    assert load_settings(tmp_path) == settings
    assert _trail(store, AuditAction.SETTINGS_CHANGE) == []
    done = change_settings(_session(tmp_path, settings, store, IT_ADMIN), changed)
    assert done.result == changed and load_settings(tmp_path) == changed
    assert _trail(store, AuditAction.SETTINGS_CHANGE) == [
        ("it.admin", {"options": "agency_name,counter_number"})
    ]
