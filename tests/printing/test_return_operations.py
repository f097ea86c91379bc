"""The papers of a result's return made from the store (``app.papers.returns``): the
hand-over list of a forwarding, the hand-over receipt and the Phiếu gửi of a stored
hand-over, what is handed back, and the settings they print with. Read back with
pdftotext as the officer checking them would."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from app.dossier_queries import look_up
from app.dossier_status import Collector, HandOver, Original, Postal, Proxy, ReturnMethod
from app.papers import PrintRefused, print_preferences
from app.papers.returns import (
    REFUSAL_LETTER,
    hand_back_items,
    handover_list_pdf,
    receipt_wanted,
    return_paper_pdf,
)
from app.settings import Settings
from app.status_changes import forward, hand_over, history, not_granted, result_ready
from db.records import StatusChangeRecord
from db.store import Store
from tests.accounts import OFFICER
from tests.printing.conftest import MONDAY_0910, Receive
from tests.printing.papers import A4, A5, page_sizes, page_texts, text_of

POINT = "252 Lý Chính Thắng, phường 9, quận 3"
UNIT = "Phòng Quản lý phương tiện và người lái"
FORWARDED_AT = dt.datetime(2026, 11, 23, 16, 30)
READY_AT = dt.datetime(2026, 11, 30, 14, 0)
RETURNED_AT = dt.datetime(2026, 12, 1, 9, 45)
APPLICANT_ID = "079080001234"
NEW_LICENCE = "Giấy phép lái xe (vật liệu PET) hạng B2, đổi từ giấy phép số 790123456789"
OLD_LICENCE = "Giấy phép lái xe số 790123456789 (bản chính)"


def ready_code(store: Store, received: Receive, name: str = "doi-gtvt", **options: object) -> str:
    code = received(name, **options).code
    assert code is not None
    forward(store, [code], OFFICER, FORWARDED_AT)
    result_ready(store, code, OFFICER, READY_AT)
    return code


def handed(store: Store, code: str, given: HandOver) -> StatusChangeRecord:
    dossier = look_up(store, code)
    assert dossier is not None
    items = hand_back_items(dossier, history(store, code).changes)
    given = dataclasses.replace(given, result=given.result or items.result)
    if not given.originals:
        given = dataclasses.replace(given, originals=items.originals)
    return hand_over(store, code, given, OFFICER, RETURNED_AT, POINT)


def test_the_hand_over_list_of_a_forwarding(
    store: Store, received: Receive, settings: Settings
) -> None:
    codes = [
        received("doi-gtvt").code,
        received("idp-cap", at=MONDAY_0910 + dt.timedelta(minutes=20)).code,
    ]
    changes = forward(store, [c for c in codes if c], OFFICER, FORWARDED_AT)
    pdf = handover_list_pdf(store, changes, settings.with_value("processing_unit", UNIT))
    assert page_sizes(pdf) == [A4]
    text = text_of(pdf)
    for part in (
        "DANH SÁCH BÀN GIAO HỒ SƠ",
        f"bàn giao cho {UNIT}",
        *[c for c in codes if c],
        "Nguyễn Văn An",
        "Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
        "Cấp giấy phép lái xe quốc tế",
        "Tổng số: 02 hồ sơ",
        "16 giờ 30 phút, ngày 23 tháng 11 năm 2026",
        "Nguyễn Thị Lan",
    ):
        assert part in text, part
    # The processing unit not set: its name is written in by hand on a dotted blank.
    assert UNIT not in text_of(handover_list_pdf(store, changes, settings))


def test_a_hand_over_list_needs_forwarded_changes(
    store: Store, received: Receive, settings: Settings
) -> None:
    with pytest.raises(PrintRefused):
        handover_list_pdf(store, [], settings)
    code = ready_code(store, received)
    with pytest.raises(PrintRefused) as refused:
        handover_list_pdf(store, [history(store, code).changes[-1]], settings)
    assert "có kết quả" in refused.value.text("vi")


def test_the_receipt_of_a_hand_over_to_the_applicant(
    store: Store, received: Receive, settings: Settings
) -> None:
    code = ready_code(store, received)
    change = handed(store, code, HandOver(ReturnMethod.IN_PERSON, Collector("An", APPLICANT_ID)))
    kind, pdf = return_paper_pdf(store, change, settings)
    assert kind == "result-receipt" and page_sizes(pdf) == [A5, A5]
    first, second = page_texts(pdf)
    assert "(Liên 1: Lưu)" in first and "(Liên 2: Giao người nhận kết quả)" in second
    for part in (
        "PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
        f"Mã hồ sơ: {code}",
        "Hồ sơ của: Nguyễn Văn An",
        "Hẹn trả kết quả: 09 giờ 10 phút, ngày 01 tháng 12 năm 2026",
        NEW_LICENCE,
        f"{OLD_LICENCE} 01 Đã trả lại",
        f"Căn cước/Căn cước công dân số {APPLICANT_ID}",
        "Thời gian trả kết quả: 09 giờ 45 phút, ngày 01 tháng 12 năm 2026",
        "Nguyễn Thị Lan",
    ):
        assert part in first, part
    # Made again from the stored change, it says the same.
    assert page_texts(return_paper_pdf(store, change, settings)[1]) == [first, second]


def test_a_proxy_an_original_kept_and_bm01_lost(
    store: Store, received: Receive, settings: Settings
) -> None:
    code = ready_code(store, received)
    given = HandOver(
        ReturnMethod.PROXY,
        Collector("Trần Văn Minh Khôi", "079095006789"),
        proxy=Proxy("125/2026/UQ", dt.date(2026, 11, 26), certified=False),
        bm01_presented=False,
        bm01_lost_reason="bị mất",
        originals=(Original(OLD_LICENCE, handed_back=False, kept_reason="giấy phép bị hỏng"),),
    )
    _, pdf = return_paper_pdf(store, handed(store, code, given), settings)
    text = page_texts(pdf)[0]
    for part in (
        "Người nhận kết quả: Trần Văn Minh Khôi (người được ủy quyền)",
        "Giấy ủy quyền: số 125/2026/UQ, ngày 26/11/2026, không chứng thực",
        "không xuất trình (lý do: bị mất)",
        f"{OLD_LICENCE} 01 Lưu tại cơ quan: giấy phép bị hỏng",
    ):
        assert part in text, part


def test_by_post_the_phieu_gui_lists_the_originals_apart(
    store: Store, received: Receive, settings: Settings
) -> None:
    code = ready_code(store, received)
    post = Postal(
        "Bưu điện Thành phố Hồ Chí Minh",
        "EA123456789VN",
        "Nguyễn Văn An",
        "12 Lý Tự Trọng, phường Bến Nghé, Quận 1",
        "0903123456",
    )
    kind, pdf = return_paper_pdf(
        store, handed(store, code, HandOver(ReturnMethod.POST, post=post)), settings
    )
    assert kind == "postal-slip" and page_sizes(pdf) == [A5, A5]
    text = page_texts(pdf)[0]
    for part in (
        "PHIẾU GỬI HỒ SƠ",
        "EA123456789VN",
        "Bưu điện Thành phố Hồ Chí Minh",
        "12 Lý Tự Trọng, phường Bến Nghé, Quận 1",
        "0903123456",
        NEW_LICENCE,
        OLD_LICENCE,
        POINT,
    ):
        assert part in text, part
    assert text.index(NEW_LICENCE) < text.index(OLD_LICENCE)


def test_a_dossier_not_granted_hands_back_the_refusal_letter(
    store: Store, received: Receive, settings: Settings
) -> None:
    code = received("idp-cap").code
    assert code is not None
    forward(store, [code], OFFICER, FORWARDED_AT)
    not_granted(store, code, OFFICER, READY_AT, "15/TL-QLPT")
    dossier = look_up(store, code)
    assert dossier is not None
    items = hand_back_items(dossier, history(store, code).changes)
    assert items.result == f"{REFUSAL_LETTER} {code} (số 15/TL-QLPT)"
    assert items.originals == ()  # no licence taken in for an international permit
    change = handed(
        store, code, HandOver(ReturnMethod.IN_PERSON, Collector("H", dossier.applicant_id_number))
    )
    assert f"{REFUSAL_LETTER} {code}" in text_of(return_paper_pdf(store, change, settings)[1])


def test_only_a_hand_over_has_a_return_paper(
    store: Store, received: Receive, settings: Settings
) -> None:
    code = ready_code(store, received)
    with pytest.raises(PrintRefused) as refused:
        return_paper_pdf(store, history(store, code).changes[-1], settings)
    assert "không phải việc trả kết quả" in refused.value.text("vi")
    with pytest.raises(PrintRefused) as unnamed:
        handover_list_pdf(
            store, history(store, code).changes[:1], settings.with_value("agency_name", "")
        )
    assert unnamed.value.field == "agency_name"


def test_the_settings_the_return_papers_print_with(settings: Settings) -> None:
    chosen = settings.with_values(
        {"paper_bm01": "A4", "copies_bm01": 2, "printer_bm01": "Quầy 1", "copies_register": 3}
    )
    receipt = print_preferences(chosen, "result-receipt")
    assert (receipt.paper, receipt.copies, receipt.printer, receipt.landscape) == (
        "A4",
        2,
        "Quầy 1",
        False,
    )
    assert print_preferences(chosen, "postal-slip") == receipt
    listed = print_preferences(chosen, "handover-list")
    assert (listed.paper, listed.copies, listed.landscape) == ("A4", 3, False)
    assert receipt_wanted(settings)
    assert not receipt_wanted(settings.with_value("print_result_receipt", "no"))
