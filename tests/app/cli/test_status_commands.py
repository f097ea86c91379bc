"""After the counter on the command line (issue 14): receive → forward (with the hand-over
list) → results ready → hand back to the applicant, a proxy or the post (with their
papers, read back with pdftotext), each refusal, the late results, ``show --json`` and
the register's "received the result" columns."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.cli.main import main
from app.officers.identity import Officer
from db.store import Store
from tests.accounts import IT_ADMIN, OFFICER, add_officers, sign_in_args
from tests.app.cli.running import Ran, run_motcua
from tests.app.dossier.conftest import EXAMPLES
from tests.printing.papers import text_of

AGENCY = "000.17.22.H56"
POINT = "Điểm tiếp nhận 252 Lý Chính Thắng"
DAY = "2026-11-23"
APPLICANT_ID = "079080001234"  # the doi-gtvt example's applicant
SETTINGS = {
    "agency_code": AGENCY,
    "receiving_point": POINT,
    "agency_name": "Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    "place_name": "Thành phố Hồ Chí Minh",
    "processing_unit": "Phòng Quản lý phương tiện và người lái",
}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return counter_folder(tmp_path)


def counter_folder(tmp_path: Path) -> Path:
    """A counter's data folder with its settings (``SETTINGS``) and officers."""
    folder = tmp_path / "counter"
    folder.mkdir()
    for name, value in SETTINGS.items():
        assert main(["settings", "set", name, value, "--data-dir", str(folder)]) == 0
    store = Store.in_data_dir(folder)
    add_officers(store)
    store.close()
    return folder


def motcua(data_dir: Path, *args: str, stdin: bytes = b"") -> Ran:
    return run_motcua([*args, "--data-dir", str(data_dir)], stdin=stdin)


def signed(data_dir: Path, *args: str, who: Officer = OFFICER, stdin: bytes = b"") -> Ran:
    return motcua(data_dir, *args, *sign_in_args(data_dir, who), stdin=stdin)


def receive(data_dir: Path, example: str = "doi-gtvt", at: str = f"{DAY} 09:10") -> str:
    ran = signed(data_dir, "receive", str(EXAMPLES / f"{example}.json"), "--at", at)
    assert ran.code == 0, ran.err
    code: str = json.loads(ran.out)["code"]
    return code


def pdf_text(path: Path) -> str:
    """The paper's text as a reader takes it in (``tests.printing.papers.text_of``)."""
    return text_of(path.read_bytes())


def shown(data_dir: Path, code: str) -> dict:  # type: ignore[type-arg]
    ran = motcua(data_dir, "show", code, "--json")
    assert ran.code == 0, ran.err
    found: dict = json.loads(ran.out)  # type: ignore[type-arg]
    return found


def ready(data_dir: Path, *codes: str) -> None:
    assert signed(data_dir, "forward").code == 0
    ran = signed(data_dir, "results", "ready", *codes)
    assert ran.code == 0, ran.err


def test_receive_forward_ready_and_hand_back_to_the_applicant(
    data_dir: Path, tmp_path: Path
) -> None:
    exchange = receive(data_dir)
    permit = receive(data_dir, "idp-cap", f"{DAY} 15:30")
    assert shown(data_dir, exchange)["status"] == "received"

    forwarded = signed(data_dir, "forward", "--date", DAY, "-o", str(tmp_path / "list.pdf"))
    assert forwarded.code == 0, forwarded.err
    report = json.loads(forwarded.out)
    assert report["count"] == 2
    # Received before 15:00: by the end of that day; after it: the next working day's opening.
    by = {row["code"]: row["forward_by"] for row in report["dossiers"]}
    assert by == {exchange: f"{DAY}T17:00", permit: "2026-11-25T07:30"}
    listed = pdf_text(tmp_path / "list.pdf")
    for part in (
        "DANH SÁCH BÀN GIAO HỒ SƠ",
        exchange,
        permit,
        "Phòng Quản lý phương tiện và người lái",
        "Tổng số: 02 hồ sơ",
        "Nguyễn Thị Lan",
    ):
        assert part in listed
    assert shown(data_dir, exchange)["status"] == "forwarded"
    # Nothing is left to forward: a second run marks none and writes no list.
    again = signed(data_dir, "forward", "-o", str(tmp_path / "again.pdf"))
    assert (again.code, json.loads(again.out)["count"]) == (0, 0)
    assert not (tmp_path / "again.pdf").exists()

    taken = signed(data_dir, "results", "ready", exchange.lower(), permit)
    assert taken.code == 0, taken.err
    assert taken.out.splitlines()[:2] == [f"1\t{exchange}", f"2\t{permit}"]  # a running count
    assert shown(data_dir, permit)["status"] == "result-ready"

    out = tmp_path / "receipt.pdf"
    handed = signed(
        data_dir, "handover", exchange, "--to", "self", "--id-number", APPLICANT_ID, "-o", str(out)
    )
    assert handed.code == 0, handed.err
    result = json.loads(handed.out)
    assert (result["status"], result["method"], result["paper"]["kind"]) == (
        "returned",
        "in-person",
        "result-receipt",
    )
    receipt = pdf_text(out)
    for part in (
        "PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        exchange,
        "Nguyễn Văn An",
        "Giấy phép lái xe (vật liệu PET) hạng B2, đổi từ giấy phép số 790123456789",
        "Giấy phép lái xe số 790123456789 (bản chính)",
        "Đã trả lại",
        "Nguyễn Thị Lan",
    ):
        assert part in receipt
    assert "người được ủy quyền" not in receipt.split("Người nhận kết quả:")[1][:40]

    found = shown(data_dir, exchange)
    assert found["verdict"] == "accepted" and found["status"] == "returned"
    assert [change["status"] for change in found["status_history"]] == [
        "forwarded",
        "result-ready",
        "returned",
    ]
    assert found["status_history"][-1]["details"]["collector"]["id_number"] == APPLICANT_ID
    # The day's list says where each dossier stands.
    rows = json.loads(motcua(data_dir, "list", "--date", DAY, "--json").out)
    (listed,) = [row for row in rows if row["code"] == exchange]
    assert (listed["status"], listed["verdict"]) == ("returned", "accepted")
    assert "Đã trả kết quả" in motcua(data_dir, "list", "--date", DAY).out

    # The register: the time it was handed back, how, and who received it.
    book = tmp_path / "register.pdf"
    assert (
        motcua(data_dir, "print", "register", "--from", DAY, "--to", DAY, "-o", str(book)).code == 0
    )
    today = dt.date.today()
    line = pdf_text(book)
    assert f"{today:%d/%m/%Y}" in line
    assert "Người nhận kết quả: Nguyễn Văn An" in line


def test_hand_back_to_a_proxy_without_bm01(data_dir: Path, tmp_path: Path) -> None:
    code = receive(data_dir)
    ready(data_dir, code)
    out = tmp_path / "proxy.pdf"
    ran = signed(
        data_dir,
        "handover",
        code,
        "--to",
        "proxy",
        "--proxy-name",
        "Trần Văn Minh Khôi",
        "--proxy-id",
        "079095006789",
        "--authorisation",
        "125/2026/UQ",
        "--authorisation-date",
        "2026-11-26",
        "--certified",
        "--bm01-lost",
        "mất khi chuyển nhà",
        "--originals-kept",
        "giấy phép đã hết hạn",
        "-o",
        str(out),
    )
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["receiver"] == "Trần Văn Minh Khôi"
    receipt = pdf_text(out)
    for part in (
        "Trần Văn Minh Khôi (người được ủy quyền)",
        "079095006789",
        "Giấy ủy quyền: số 125/2026/UQ, ngày 26/11/2026, có chứng thực",
        "không xuất trình (lý do: mất khi chuyển nhà)",
        "Giấy phép lái xe số 790123456789 (bản chính) 01 Lưu tại cơ quan: giấy phép đã hết hạn",
    ):
        assert part in receipt
    details = shown(data_dir, code)["status_history"][-1]["details"]
    assert details["proxy"] == {
        "reference": "125/2026/UQ",
        "dated": "2026-11-26",
        "certified": True,
    }
    assert details["bm01"] == {"presented": False, "lost_reason": "mất khi chuyển nhà"}


def test_hand_back_by_post_prints_the_phieu_gui(data_dir: Path, tmp_path: Path) -> None:
    code = receive(data_dir)
    ready(data_dir, code)
    out = tmp_path / "post.pdf"
    ran = signed(
        data_dir,
        "handover",
        code,
        "--to",
        "post",
        "--post-item",
        "EA123456789VN",
        "--postal-service",
        "Bưu điện Thành phố Hồ Chí Minh",
        "--address",
        "12 Lý Tự Trọng, phường Bến Nghé, Quận 1",
        "--phone",
        "0903123456",
        "-o",
        str(out),
    )
    assert ran.code == 0, ran.err
    assert json.loads(ran.out)["paper"]["kind"] == "postal-slip"
    slip = pdf_text(out)
    for part in (
        "PHIẾU GỬI HỒ SƠ",
        "EA123456789VN",
        "Bưu điện Thành phố Hồ Chí Minh",
        "12 Lý Tự Trọng, phường Bến Nghé, Quận 1",
        "Nguyễn Văn An",
        "Giấy phép lái xe số 790123456789 (bản chính)",
    ):
        assert part in slip
    book = tmp_path / "register.xlsx"
    assert (
        motcua(data_dir, "print", "register", "--from", DAY, "--to", DAY, "-o", str(book)).code == 0
    )
    sheet = load_workbook(book).active
    assert sheet is not None
    headings = [cell.value for cell in sheet[5]]
    row = {heading: cell.value for heading, cell in zip(headings, sheet[6], strict=True)}
    assert isinstance(row["Ngày, tháng, năm trả kết quả"], dt.datetime)
    assert row["Hình thức trả kết quả (trực tiếp/bưu chính)"] == "Bưu chính công ích"
    assert "Số hiệu bưu gửi: EA123456789VN" in str(row["Ghi chú"])


def test_each_refusal_of_a_hand_over(data_dir: Path) -> None:
    code = receive(data_dir)
    # Not ready yet: the due date is said.
    early = signed(data_dir, "handover", code, "--to", "self", "--id-number", APPLICANT_ID)
    assert early.code == 2
    assert "chưa có kết quả" in early.err and "09:10 01/12/2026" in early.err
    ready(data_dir, code)
    # Someone else's identity document, and no proxy recorded.
    stranger = signed(data_dir, "handover", code, "--to", "self", "--id-number", "001099000111")
    assert stranger.code == 2
    assert "001099000111" in stranger.err and "người được ủy quyền" in stranger.err
    # Handed back once; the second time says when, to whom and where.
    assert signed(data_dir, "handover", code, "--to", "self", "--id-number", APPLICANT_ID).code == 0
    twice = signed(data_dir, "handover", code, "--to", "self", "--id-number", APPLICANT_ID)
    assert twice.code == 2
    assert "đã được trả lúc" in twice.err and "Nguyễn Văn An" in twice.err and POINT in twice.err
    # Withdrawn by the applicant.
    other = receive(data_dir, "idp-cap")
    assert signed(data_dir, "withdraw", other, "--reason", " ").code == 2  # a reason is required
    withdrawn = signed(data_dir, "withdraw", other, "--reason", "không có nhu cầu")
    assert withdrawn.code == 0 and json.loads(withdrawn.out)["status"] == "withdrawn"
    assert shown(data_dir, other)["status_history"][-1]["details"] == {"note": "không có nhu cầu"}
    gone = signed(data_dir, "handover", other, "--to", "self", "--id-number", APPLICANT_ID)
    assert gone.code == 2 and "đã được người nộp rút" in gone.err
    # No such dossier; a role that may not hand over.
    assert (
        signed(
            data_dir,
            "handover",
            f"{AGENCY}-261123-0999",
            "--to",
            "self",
            "--id-number",
            APPLICANT_ID,
        ).code
        == 4
    )
    it = signed(
        data_dir, "handover", code, "--to", "self", "--id-number", APPLICANT_ID, who=IT_ADMIN
    )
    assert it.code == 7


def test_a_dossier_of_another_point_is_refused_naming_it(data_dir: Path) -> None:
    code = receive(data_dir)
    ready(data_dir, code)
    moved = signed(data_dir, "settings", "set", "receiving_point", "Điểm khác", who=IT_ADMIN)
    assert moved.code == 0, moved.err
    ran = signed(data_dir, "handover", code, "--to", "self", "--id-number", APPLICANT_ID)
    assert ran.code == 2 and f"được tiếp nhận tại {POINT}" in ran.err


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (["--to", "self"], "--id-number: cần khi chọn --to self"),
        (["--to", "proxy", "--proxy-name", "A", "--proxy-id", "1"], "--authorisation: cần"),
        (["--to", "self", "--id-number", "1", "--post-item", "X"], "--post-item: chỉ dùng"),
        (["--to", "post", "--post-item", "X"], "--postal-service: cần"),
        (["--to", "self", "--id-number", "1", "-o", "paper.txt"], "-o: tên tệp phải có đuôi"),
    ],
)
def test_the_options_of_each_way_are_named(data_dir: Path, options: list[str], named: str) -> None:
    ran = signed(data_dir, "handover", f"{AGENCY}-261123-0001", *options)
    assert ran.code == 2 and named in ran.err


def test_results_list_the_codes_not_taken_and_read_stdin(data_dir: Path) -> None:
    forwarded = receive(data_dir)
    assert signed(data_dir, "forward").code == 0
    waiting = receive(data_dir, "idp-cap")  # received, not forwarded
    unknown = f"{AGENCY}-261123-0999"
    codes = f"{forwarded}\n{unknown}\n  {waiting}\n".encode()
    ran = signed(data_dir, "results", "ready", "-", "--json", stdin=codes)
    assert ran.code == 2
    report = json.loads(ran.out)
    assert [row["code"] for row in report["marked"]] == [forwarded]
    refused = {row["code"]: row["reason"] for row in report["refused"]}
    assert "không phải mã hồ sơ của điểm tiếp nhận này" in refused[unknown]
    assert "không thể chuyển sang" in refused[waiting]
    assert shown(data_dir, forwarded)["status"] == "result-ready"
    # A refusal letter: not granted, with its number, handed over like a licence.
    assert signed(data_dir, "forward").code == 0
    letter = signed(data_dir, "results", "not-granted", waiting, "--reference", "15/TL")
    assert letter.code == 0, letter.err
    assert shown(data_dir, waiting)["status"] == "not-granted"
    nothing = signed(data_dir, "results", "ready")
    assert nothing.code == 2 and "CODE: cần ít nhất một mã hồ sơ" in nothing.err


def test_overdue_lists_what_is_due_soon_and_not_ready(data_dir: Path) -> None:
    code = receive(data_dir)  # due 09:10 01/12/2026
    soon = motcua(data_dir, "overdue", "--at", "2026-11-30 10:00", "--json")
    assert soon.code == 0, soon.err
    (row,) = json.loads(soon.out)
    assert (row["code"], row["status"], row["overdue"]) == (code, "received", False)
    assert json.loads(motcua(data_dir, "overdue", "--at", f"{DAY} 10:00", "--json").out) == []
    late = json.loads(motcua(data_dir, "overdue", "--at", "2026-12-02 08:00", "--json").out)
    assert [(row["code"], row["overdue"]) for row in late] == [(code, True)]
    text = motcua(data_dir, "overdue", "--at", "2026-12-02 08:00")
    assert "QUÁ HẠN" in text.out and code in text.out
    ready(data_dir, code)
    assert json.loads(motcua(data_dir, "overdue", "--at", "2026-12-02 08:00", "--json").out) == []
