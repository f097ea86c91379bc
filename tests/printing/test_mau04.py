"""Mẫu 04 (Circular 01/2018/TT-VPCP): the apology and new appointment of a re-appointed dossier."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from app.appointments import reappoint_dossier
from app.cli.main import main
from app.officers.identity import Officer, Role
from app.papers import PrintRefused, print_preferences, render_slip
from app.reception import Timetable
from app.settings import Settings
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store
from tests.accounts import OFFICER, sign_in_args
from tests.printing.conftest import AGENCY_NAME, Receive
from tests.printing.papers import A5, fonts, page_sizes, page_texts

REASON = "Chưa xác minh được giấy phép lái xe với cơ sở dữ liệu quốc gia"
DECIDED = dt.datetime(2026, 11, 30, 14, 30)
BINH = Officer("binh.lv", "Lê Văn Bình", Role.SUPERVISOR)


def _reappointed(store: Store, received: Receive) -> str:
    code = received("doi-gtvt").code
    assert code is not None
    reappoint_dossier(
        store,
        code,
        extra_working_days=3,
        reason=REASON,
        officer=BINH,
        decided_at=DECIDED,
        timetable=Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS),
    )
    return code


def test_mau04_says_what_was_promised_why_it_is_late_and_the_new_date(
    store: Store, settings: Settings, received: Receive
) -> None:
    code = _reappointed(store, received)
    rendered = render_slip(store, code, "mau04", settings)
    assert (rendered.kind, rendered.print_number) == ("mau04", 1)
    (page,) = page_texts(rendered.pdf)
    unit = f"Bộ phận tiếp nhận và trả kết quả {AGENCY_NAME}"
    for expected in (
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        "Thành phố Hồ Chí Minh, ngày 30 tháng 11 năm 2026",
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: ông/bà Nguyễn Văn An",
        f"Mã hồ sơ: {code}",
        "Nội dung yêu cầu giải quyết: Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
        f"Ngày 23 tháng 11 năm 2026, {unit} đã tiếp nhận hồ sơ của ông/bà và hẹn trả kết quả "
        "vào 09 giờ 10 phút, ngày 01 tháng 12 năm 2026.",
        f"Lý do chậm trễ: {REASON}.",
        f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {unit} thành thật xin lỗi ông/bà",
        "Thời gian hẹn trả kết quả mới: 09 giờ 10 phút, ngày 04 tháng 12 năm 2026",
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Lê Văn Bình",
    ):
        assert expected in page, expected
    assert "BẢN IN LẠI" not in page
    assert page_sizes(rendered.pdf) == [A5]
    assert all(font["emb"] == "yes" for font in fonts(rendered.pdf))
    # It goes to the printer as BM 01 does: the settings of the slip it stands beside.
    assert print_preferences(settings, "mau04") == print_preferences(settings, "bm01")


def test_mau04_only_for_a_reappointed_dossier(
    store: Store, settings: Settings, received: Receive
) -> None:
    code = received("doi-gtvt").code
    assert code is not None
    with pytest.raises(PrintRefused) as refused:
        render_slip(store, code, "mau04", settings)
    assert refused.value.reason == (
        f"hồ sơ {code} chưa được hẹn lại ngày trả kết quả; Mẫu 04 (Phiếu xin lỗi và hẹn lại "
        "ngày trả kết quả) chỉ được in sau khi hẹn lại"
    )


def test_print_mau04_records_each_print_and_marks_the_reprint(
    capsys: pytest.CaptureFixture[str],
    data_dir: Path,
    store: Store,
    received: Receive,
    tmp_path: Path,
) -> None:
    code = _reappointed(store, received)
    out = tmp_path / "mau04.pdf"
    args = ["print", "mau04", code, "-o", str(out), *sign_in_args(data_dir, OFFICER)]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    assert "BẢN IN LẠI" not in page_texts(out.read_bytes())[0]
    assert main([*args, "--data-dir", str(data_dir)]) == 0
    assert page_texts(out.read_bytes())[0].startswith("BẢN IN LẠI (lần in thứ 2)")
    capsys.readouterr()
    assert main(["show", code, "--data-dir", str(data_dir)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(s["kind"], s["print_number"]) for s in shown["slips"]] == [("mau04", 1), ("mau04", 2)]
