"""The command line asks the same permission table as the window: an officer signs in for a
command, and what only a supervisor may do ends with exit 7 naming the role that may.

``motcua void`` voids a stored dossier (a supervisor, with a reason, once); ``show`` then
says so and no paper is printed for it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.audit import show_trail
from db.store import Store
from tests.accounts import OFFICER, SUPERVISOR, add_officers, sign_in_args
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES

AGENCY = "000.17.22.H56"
SUPERVISOR_ONLY = "chỉ cán bộ giám sát được"
AS_OFFICER = "lan đang đăng nhập với vai trò cán bộ tiếp nhận"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "counter"
    for name, value in (
        ("agency_code", AGENCY),
        ("agency_name", "Sở Giao thông vận tải"),
        ("place_name", "Hà Nội"),
    ):
        assert run_motcua(["settings", "set", name, value, "--data-dir", str(folder)]).code == 0
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    return folder


def _as(data_dir: Path, *args: str, officer: bool = True) -> Ran:
    who = OFFICER if officer else SUPERVISOR
    return run_motcua([*args, *sign_in_args(data_dir.parent, who), "--data-dir", str(data_dir)])


def _received(data_dir: Path) -> str:
    ran = _as(data_dir, "receive", str(EXAMPLES / "doi-gtvt.json"), "--at", "2026-11-23 09:10")
    assert ran.code == 0, ran.err
    code: str = json.loads(ran.out)["code"]
    return code


def _print(data_dir: Path, code: str, *, officer: bool = True) -> Ran:
    return _as(
        data_dir, "print", "bm01", code, "-o", str(data_dir.parent / "bm01.pdf"), officer=officer
    )


def _refused_by_role(ran: Ran, command: str, action: str) -> None:
    assert (ran.code, ran.out) == (7, "")
    assert ran.err == f"motcua {command}: {SUPERVISOR_ONLY} {action}; {AS_OFFICER}\n"


def test_an_officer_prints_and_reprints_once_then_needs_a_supervisor(data_dir: Path) -> None:
    code = _received(data_dir)
    assert _print(data_dir, code).code == 0
    assert _print(data_dir, code).code == 0
    _refused_by_role(_print(data_dir, code), "print", "in lại phiếu từ lần thứ hai")
    assert _print(data_dir, code, officer=False).code == 0
    shown = json.loads(run_motcua(["show", code, "--data-dir", str(data_dir)]).out)
    assert [slip["print_number"] for slip in shown["slips"]] == [1, 2, 3]


def test_an_officer_may_not_reappoint_correct_or_void(data_dir: Path, tmp_path: Path) -> None:
    code = _received(data_dir)
    request = json.loads((EXAMPLES / "doi-gtvt.json").read_text(encoding="utf-8"))
    request["applicant"]["phone"] = "0903 123 457"
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(request, ensure_ascii=False), encoding="utf-8")
    moving = ["reappoint", code, "--days", "2", "--reason", "Chờ xác minh"]
    correcting = ["correct", code, "--file", str(corrected), "--reason", "Số điện thoại ghi nhầm"]
    voiding = ["void", code, "--reason", "Tiếp nhận trùng"]
    _refused_by_role(_as(data_dir, *moving), "reappoint", "hẹn lại ngày trả kết quả")
    _refused_by_role(_as(data_dir, *correcting), "correct", "sửa hồ sơ đã lưu")
    _refused_by_role(_as(data_dir, *voiding), "void", "hủy hồ sơ đã lưu")
    shown = json.loads(run_motcua(["show", code, "--data-dir", str(data_dir)]).out)
    assert (shown["reappointment"], shown["corrections"], shown["voided"]) == (None, [], None)
    # A supervisor may, and each record names the supervisor's login.
    for args in (moving, correcting, voiding):
        ran = _as(data_dir, *args, officer=False)
        assert ran.code == 0, ran.err
    store = Store.in_data_dir(data_dir)
    try:
        actors = {
            row.action: row.actor for row in show_trail(store) if not row.action.startswith("sign")
        }
    finally:
        store.close()
    assert actors == {
        "receive": "lan",
        "reappointment": "hoa",
        "correction": "hoa",
        "void": "hoa",
    }


def test_a_voided_dossier_is_shown_voided_is_voided_once_and_prints_nothing(
    data_dir: Path,
) -> None:
    code = _received(data_dir)
    ran = _as(data_dir, "void", code.lower(), "--reason", "Tiếp nhận trùng", officer=False)
    assert ran.code == 0, ran.err
    voided = json.loads(ran.out)
    assert voided["code"] == code
    shown = json.loads(run_motcua(["show", code, "--data-dir", str(data_dir)]).out)
    assert shown["voided"]["reason"] == "Tiếp nhận trùng"
    listed = run_motcua(["list", "--date", "2026-11-23", "--json", "--data-dir", str(data_dir)])
    assert json.loads(listed.out)[0]["voided"] == shown["voided"]
    again = _as(data_dir, "void", code, "--reason", "Lần nữa", officer=False)
    assert (again.code, again.out) == (2, "")
    assert again.err.startswith(f"motcua void: hồ sơ {code} đã bị hủy lúc ")
    assert again.err.endswith("; một hồ sơ chỉ hủy một lần\n")
    printed = _print(data_dir, code, officer=False)
    assert (printed.code, printed.out) == (2, "")
    assert printed.err.startswith(f"motcua print: DOSSIER: hồ sơ {code} đã bị hủy lúc ")
    assert not (data_dir.parent / "bm01.pdf").exists()


def test_void_names_what_is_missing(data_dir: Path) -> None:
    unknown = _as(data_dir, "void", f"{AGENCY}-261123-0099", "--reason", "x", officer=False)
    assert (unknown.code, unknown.err) == (
        4,
        f"motcua void: không có hồ sơ nào có mã hoặc mã số '{AGENCY}-261123-0099'\n",
    )
    blank = _as(data_dir, "void", f"{AGENCY}-261123-0099", "--reason", " ", officer=False)
    assert (blank.code, blank.err) == (2, "motcua void: --reason: cần ghi lý do hủy hồ sơ\n")
    wrong = data_dir.parent / "wrong.password"
    wrong.write_text("not the password\n", encoding="utf-8")
    signing = ["--officer", "hoa", "--officer-password-from", str(wrong)]
    ran = run_motcua(
        ["void", f"{AGENCY}-261123-0099", "--reason", "x", *signing, "--data-dir", str(data_dir)]
    )
    assert (ran.code, ran.out) == (7, "")
