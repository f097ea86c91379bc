"""The register (Sổ theo dõi hồ sơ) of a period, as a PDF to print and a workbook to keep."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import openpyxl
import pytest

from app.appointments import reappoint_dossier
from app.papers import PrintRefused, render_register
from app.reception import Timetable
from app.settings import Settings
from app.workdays import DueRule, OfficeHours, WorkCalendar
from db.store import Store
from tests.accounts import SUPERVISOR
from tests.printing.conftest import Receive, without
from tests.printing.papers import A4, fonts, page_sizes, page_texts

HEADINGS = [
    "TT",
    "Mã hồ sơ",
    "Tên thủ tục hành chính",
    "Tên cá nhân, tổ chức",
    "Địa chỉ, số điện thoại",
    "Cơ quan chủ trì giải quyết",
    "Ngày, tháng, năm nhận hồ sơ",
    "Ngày, tháng, năm hẹn trả kết quả",
    "Ngày, tháng, năm trả kết quả",
    "Hình thức trả kết quả (trực tiếp/bưu chính)",
    "Ký nhận trả kết quả",
    "Ghi chú",
]
FIRST, LAST = dt.date(2026, 11, 23), dt.date(2026, 11, 25)


@pytest.fixture
def codes(store: Store, received: Receive) -> list[str]:
    """Four dossiers accepted around the period, one sent back, one moved once."""
    received("idp-cap", at=dt.datetime(2026, 11, 20, 10, 0))  # before the period
    inside = [
        received("doi-gtvt", at=dt.datetime(2026, 11, 23, 9, 10)),
        received(
            "idp-cap",
            at=dt.datetime(2026, 11, 23, 14, 5),
            result_delivery="post",
            delivery_address="5 Nguyễn Huệ, phường Bến Nghé",
        ),
        received("gv-cap", at=dt.datetime(2026, 11, 25, 8, 0)),
    ]
    received(without("doi-gtvt", "giay-chung-nhan-suc-khoe"), at=dt.datetime(2026, 11, 24, 9, 0))
    received("idp-cap-lai", at=dt.datetime(2026, 11, 26, 9, 0))  # after the period
    codes = [receipt.code for receipt in inside]
    assert all(codes)
    reappoint_dossier(
        store,
        str(codes[2]),
        extra_working_days=2,
        reason="Chờ xác minh chứng chỉ sư phạm",
        officer=SUPERVISOR,
        decided_at=dt.datetime(2026, 11, 26, 10, 0),
        timetable=Timetable(WorkCalendar.default(), OfficeHours(), DueRule.HOURS),
    )
    return [str(code) for code in codes]


def test_the_workbook_has_one_row_per_accepted_dossier_with_the_registers_columns(
    store: Store, settings: Settings, codes: list[str]
) -> None:
    book = openpyxl.load_workbook(BytesIO(render_register(store, FIRST, LAST, settings, "xlsx")))
    sheet = book.active
    assert sheet.title == "Sổ theo dõi hồ sơ"
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "SỔ THEO DÕI HỒ SƠ"
    assert rows[1][0] == "Quyển số: 2026 – Từ ngày 23/11/2026 đến ngày 25/11/2026"
    heading = rows.index(tuple(HEADINGS))
    body = rows[heading + 1 :]
    assert [row[1] for row in body] == codes
    # The dossier of 20/11 is line 1 of the year's book.
    assert [row[0] for row in body] == [2, 3, 4]
    first, by_post, moved = (dict(zip(HEADINGS, row, strict=True)) for row in body)
    assert first["Tên thủ tục hành chính"] == "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"
    assert first["Tên cá nhân, tổ chức"] == "Nguyễn Văn An"
    assert first["Địa chỉ, số điện thoại"] == (
        "12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh; 0903 123 456"
    )
    assert first["Cơ quan chủ trì giải quyết"] == "Sở Giao thông vận tải Thành phố Hồ Chí Minh"
    assert first["Ngày, tháng, năm nhận hồ sơ"] == dt.datetime(2026, 11, 23, 9, 10)
    assert first["Ngày, tháng, năm hẹn trả kết quả"] == dt.datetime(2026, 12, 1, 9, 10)
    assert first["Ngày, tháng, năm trả kết quả"] is None
    assert first["Hình thức trả kết quả (trực tiếp/bưu chính)"] == "Trực tiếp"
    assert by_post["Hình thức trả kết quả (trực tiếp/bưu chính)"] == "Bưu chính công ích"
    assert by_post["Ghi chú"] == "Địa chỉ nhận kết quả: 5 Nguyễn Huệ, phường Bến Nghé"
    assert moved["Ghi chú"] == "Hẹn lại: Chờ xác minh chứng chỉ sư phạm"
    assert sheet.cell(heading + 2, 7).number_format == "dd/mm/yyyy hh:mm"


def test_the_pdf_is_a4_landscape_with_the_same_rows(
    store: Store, settings: Settings, codes: list[str]
) -> None:
    pdf = render_register(store, FIRST, LAST, settings)
    (page,) = page_texts(pdf)
    for expected in (
        "SỞ GIAO THÔNG VẬN TẢI THÀNH PHỐ HỒ CHÍ MINH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "SỔ THEO DÕI HỒ SƠ Quyển số: 2026 Từ ngày 23/11/2026 đến ngày 25/11/2026",
        "Số hồ sơ: 3",
        " ".join(HEADINGS),
        "Nguyễn Văn An",
        "23/11/2026 09:10 01/12/2026 09:10 Trực tiếp",
        "Hẹn lại: Chờ xác minh chứng chỉ sư phạm",
        "Trang 1",
    ):
        assert expected in page, expected
    for code in codes:
        assert code in page
    assert page_sizes(pdf) == [(A4[1], A4[0])]
    assert all(font["emb"] == "yes" for font in fonts(pdf))


def test_a_period_that_ends_before_it_starts_is_refused(store: Store, settings: Settings) -> None:
    with pytest.raises(PrintRefused, match=r"^--to: ") as refused:
        render_register(store, LAST, FIRST, settings)
    last, first = f"{FIRST:%d/%m/%Y}", f"{LAST:%d/%m/%Y}"
    assert str(refused.value) == (
        f"--to: ngày cuối {last} sớm hơn ngày đầu {first}; ngày cuối phải trùng hoặc sau ngày đầu"
    )
