"""Issue 14's papers after the counter: the hand-over list, the hand-over receipt, the Phiếu gửi.

Rendered from the samples (``app.papers.samples``) and read back with pdftotext as a
person checking them would: every field on the page, the Vietnamese intact, a long
name cut with "…" and never running the paper onto another sheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata

import pytest

from app.dossier.request import NAME_MAX, IdentityType
from app.papers.samples import (
    SAMPLE_OFFICE,
    SAMPLE_POSTAL_ITEM,
    SAMPLE_POSTAL_SERVICE,
    SAMPLE_PROCESSING_UNIT,
    sample_handover_list,
    sample_postal_dispatch,
    sample_result_receipt,
)
from printing.handover_list import render_handover_list
from printing.model import (
    Authorisation,
    Collector,
    ForwardedDossier,
    OriginalPaper,
    ResultPaper,
)
from printing.postal_slip import render_postal_slip
from printing.printable import ELLIPSIS
from printing.result_receipt import render_result_receipt
from tests.printing.papers import A4, A5, fonts, page_sizes, page_texts

HEAD = (
    "SỞ GIAO THÔNG VẬN TẢI THÀNH PHỐ HỒ CHÍ MINH BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
)
CODE = "000.17.22.H56-261123-0042"
PROCEDURE = "Nội dung yêu cầu giải quyết: Đổi Giấy phép lái xe do ngành giao thông vận tải cấp"
RESULT = "Giấy phép lái xe số 790123456789, hạng B2 (vật liệu PET)"
OLD_LICENCE = "Giấy phép lái xe số 790123456789 (bản chính, đã đối chiếu)"
# A name far over the bound (NAME_MAX), in decomposed form as some keyboards send it.
LONG_NAME = unicodedata.normalize("NFD", "Nguyễn Thị Phương Thảo " * 20).strip()


def _checked(pdf: bytes, size: tuple[float, float], pages: int) -> list[str]:
    """The pages' texts, after the checks every paper passes."""
    assert page_sizes(pdf) == [size] * pages
    assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts(pdf))
    texts = page_texts(pdf)
    for text in texts:
        assert unicodedata.is_normalized("NFC", text)
        for expected in HEAD:
            assert expected in text, expected
    return texts


def _cut(text: str, name: str) -> str:
    """The start of ``name`` printed before the ellipsis, as it stands in ``text``."""
    start = text.index(unicodedata.normalize("NFC", name)[:20])
    end = text.index(ELLIPSIS, start)
    return text[start : end + 1]


# ---------------------------------------------------------------- hand-over list


def test_handover_list_names_each_dossier_the_count_and_both_signers() -> None:
    handover = sample_handover_list()
    (page,) = _checked(render_handover_list(handover, SAMPLE_OFFICE), A4, 1)
    for expected in (
        "Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026",
        "DANH SÁCH BÀN GIAO HỒ SƠ",
        "Bộ phận tiếp nhận và trả kết quả Sở Giao thông vận tải Thành phố Hồ Chí Minh bàn giao "
        f"cho {SAMPLE_PROCESSING_UNIT} các hồ sơ sau để giải quyết:",
        "TT Mã hồ sơ Người nộp hồ sơ Thủ tục hành chính Ngày nhận Hẹn trả",
        "Tổng số: 05 hồ sơ.",
        "Thời gian bàn giao: 14 giờ 45 phút, ngày 23 tháng 11 năm 2026.",
        "NGƯỜI BÀN GIAO (Ký và ghi rõ họ tên) Nguyễn Thị Hoa "
        "NGƯỜI NHẬN HỒ SƠ (Ký và ghi rõ họ tên)",
        "Trang 1",
    ):
        assert expected in page, expected
    for index, dossier in enumerate(handover.dossiers, start=1):
        # Each line reads TT, code, name … in order (the name and procedure may wrap).
        row = f"{index} {dossier.code} {dossier.applicant_name.split()[0]}"
        assert row in page, row
        assert f"{dossier.received_at:%d/%m/%Y}" in page
    for name in ("Trần Thị Bích", "Kim Min-jun", "Lê Hoàng", "Phạm Quốc Việt"):
        assert name in page, name


def test_handover_list_of_a_busy_day_runs_on_with_its_head_and_page_numbers() -> None:
    handover = sample_handover_list()
    many = tuple(
        dataclasses.replace(
            handover.dossiers[index % len(handover.dossiers)],
            code=f"000.17.22.H56-261123-{index + 1:04d}",
        )
        for index in range(60)
    )
    pdf = render_handover_list(dataclasses.replace(handover, dossiers=many), SAMPLE_OFFICE)
    pages = page_texts(pdf)
    assert len(pages) > 1 and page_sizes(pdf) == [A4] * len(pages)
    for number, page in enumerate(pages, start=1):
        assert "TT Mã hồ sơ Người nộp hồ sơ" in page
        assert f"Trang {number}" in page
    whole = " ".join(pages)
    assert all(dossier.code in whole for dossier in many)
    assert "Tổng số: 60 hồ sơ." in pages[-1]


def test_handover_list_cuts_a_long_name_with_an_ellipsis() -> None:
    handover = sample_handover_list()
    long = dataclasses.replace(handover.dossiers[0], applicant_name=LONG_NAME)
    assert len(long.applicant_name) <= NAME_MAX and long.applicant_name.endswith(ELLIPSIS)
    pdf = render_handover_list(
        dataclasses.replace(handover, dossiers=(long, *handover.dossiers[1:])), SAMPLE_OFFICE
    )
    (page,) = page_texts(pdf)
    assert len(_cut(page, LONG_NAME)) <= NAME_MAX + 10  # line breaks read as spaces
    assert "Tổng số: 05 hồ sơ." in page


def test_a_forwarded_dossier_without_due_date_leaves_the_cell_empty() -> None:
    dossier = ForwardedDossier(
        CODE, "Lê Văn Bình", "Cấp giấy phép lái xe quốc tế", dt.datetime(2026, 11, 23, 16, 5), None
    )
    handover = dataclasses.replace(sample_handover_list(), dossiers=(dossier,))
    (page,) = page_texts(render_handover_list(handover, SAMPLE_OFFICE))
    assert (
        f"1 {CODE} Lê Văn Bình" in page
        and "Cấp giấy phép lái xe quốc tế 23/11/2026 Tổng số: 01 hồ sơ." in page
    )


# ----------------------------------------------------------- hand-over receipt


def test_receipt_to_a_proxy_names_the_authorisation_and_what_was_handed_back() -> None:
    pdf = render_result_receipt(sample_result_receipt(), SAMPLE_OFFICE)
    pages = _checked(pdf, A5, 2)
    for page, copy in zip(pages, ("Liên 1: Lưu", "Liên 2: Giao người nhận kết quả"), strict=True):
        for expected in (
            "Thành phố Hồ Chí Minh, ngày 01 tháng 12 năm 2026",
            "PHIẾU GIAO NHẬN KẾT QUẢ GIẢI QUYẾT HỒ SƠ",
            f"({copy})",
            f"Mã hồ sơ: {CODE}",
            "Hồ sơ của: Nguyễn Văn Đức Thịnh",
            PROCEDURE,
            "Thời gian nhận hồ sơ: 09 giờ 10 phút, ngày 23 tháng 11 năm 2026",
            "Hẹn trả kết quả: 09 giờ 10 phút, ngày 01 tháng 12 năm 2026",
            "Người nhận kết quả: Trần Văn Minh Khôi (người được ủy quyền)",
            "Giấy tờ tùy thân: Căn cước/Căn cước công dân số 079095006789",
            "Giấy ủy quyền: số 125/2026/UQ, ngày 26/11/2026, có chứng thực",
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả: có xuất trình",
            "1. Kết quả giải quyết hồ sơ đã nhận: TT Tên giấy tờ Số lượng",
            f"1 {RESULT} 01",
            "2. Giấy tờ bản chính đã nộp: TT Tên giấy tờ Số lượng Xử lý",
            "Đã trả lại",
            "Thời gian trả kết quả: 10 giờ 25 phút, ngày 01 tháng 12 năm 2026",
            "NGƯỜI NHẬN KẾT QUẢ (Ký và ghi rõ họ tên) Trần Văn Minh Khôi "
            "NGƯỜI TRẢ KẾT QUẢ (Ký và ghi rõ họ tên) Nguyễn Thị Hoa",
        ):
            assert expected in page, expected
        assert "Giấy phép lái xe số 790123456789 (bản chính, đã đối" in page
        assert "BẢN IN LẠI" not in page


def test_receipt_to_the_applicant_an_original_kept_and_a_lost_bm01() -> None:
    receipt = dataclasses.replace(
        sample_result_receipt(proxy=False),
        originals=(OriginalPaper(OLD_LICENCE, kept_reason="Giấy phép lái xe cũ thu hồi khi đổi"),),
        bm01_presented=False,
        bm01_missing_reason="Người nộp hồ sơ làm mất",
        print_number=2,
    )
    first, _ = _checked(render_result_receipt(receipt, SAMPLE_OFFICE), A5, 2)
    for expected in (
        "BẢN IN LẠI (lần in thứ 2)",
        "Người nhận kết quả: Nguyễn Văn Đức Thịnh (người nộp hồ sơ)",
        "Giấy tờ tùy thân: Căn cước/Căn cước công dân số 079080001234",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả: không xuất trình "
        "(lý do: Người nộp hồ sơ làm mất)",
        "Lưu tại cơ quan: Giấy phép lái xe cũ thu hồi",
    ):
        assert expected in first, expected
    assert "Giấy ủy quyền" not in first and "Đã trả lại" not in first


def test_receipt_without_originals_says_so() -> None:
    receipt = dataclasses.replace(
        sample_result_receipt(),
        originals=(),
        authorisation=Authorisation("UQ-07"),
        collector=Collector("Kim Min-jun", IdentityType.PASSPORT, "M12345678"),
    )
    first, _ = page_texts(render_result_receipt(receipt, SAMPLE_OFFICE))
    assert "2. Giấy tờ bản chính đã nộp: Không có." in first
    assert "Giấy ủy quyền: số UQ-07, không chứng thực" in first
    assert "Giấy tờ tùy thân: Hộ chiếu số M12345678" in first


def test_receipt_with_long_names_stays_one_sheet_a_copy() -> None:
    receipt = dataclasses.replace(
        sample_result_receipt(),
        applicant_name=LONG_NAME,
        collector=Collector(LONG_NAME, IdentityType.CITIZEN_ID, "079095006789"),
        results=(ResultPaper("Giấy phép lái xe " * 40),),
    )
    assert receipt.collector.full_name.endswith(ELLIPSIS)
    first, _ = _checked(render_result_receipt(receipt, SAMPLE_OFFICE), A5, 2)
    assert len(_cut(first, LONG_NAME)) <= NAME_MAX + 10
    assert "(người được ủy quyền)" in first and "NGƯỜI TRẢ KẾT QUẢ" in first


# ------------------------------------------------------------- Phiếu gửi hồ sơ


def test_postal_slip_names_sender_recipient_item_and_lists_originals_apart() -> None:
    pages = _checked(render_postal_slip(sample_postal_dispatch(), SAMPLE_OFFICE), A5, 2)
    labels = ("Liên 1: Lưu", "Liên 2: Giao nhân viên bưu chính")
    for page, copy in zip(pages, labels, strict=True):
        for expected in (
            "Thành phố Hồ Chí Minh, ngày 01 tháng 12 năm 2026",
            "PHIẾU GỬI HỒ SƠ",
            "(Trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích)",
            f"({copy})",
            f"Số hiệu bưu gửi: {SAMPLE_POSTAL_ITEM}",
            f"Dịch vụ bưu chính: {SAMPLE_POSTAL_SERVICE}",
            "Người gửi: Bộ phận tiếp nhận và trả kết quả, Sở Giao thông vận tải Thành phố Hồ Chí "
            "Minh",
            "Địa chỉ người gửi: 252 Lý Chính Thắng, phường 9, quận 3, Thành phố Hồ Chí Minh",
            "Người nhận: Nguyễn Văn Đức Thịnh",
            "Địa chỉ người nhận: 12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
            "Số điện thoại: 0903 123 456",
            f"Mã hồ sơ: {CODE}",
            PROCEDURE,
            f"1. Kết quả giải quyết hồ sơ gửi: TT Tên giấy tờ Số lượng 1 {RESULT} 01",
            "2. Giấy tờ bản chính trả lại kèm kết quả: TT Tên giấy tờ Số lượng 1 Giấy phép lái xe",
            "Thời gian giao bưu chính: 08 giờ 30 phút, ngày 01 tháng 12 năm 2026",
            "niêm phong bưu gửi",
            "NHÂN VIÊN BƯU CHÍNH (Ký và ghi rõ họ tên) "
            "NGƯỜI GIAO KẾT QUẢ (Ký và ghi rõ họ tên) Nguyễn Thị Hoa",
        ):
            assert expected in page, expected


def test_postal_slip_without_originals_and_with_a_long_recipient() -> None:
    dispatch = dataclasses.replace(
        sample_postal_dispatch(),
        originals=(),
        recipient_name=LONG_NAME,
        address="12 Lý Tự Trọng, phường Bến Nghé, " * 50,
        postal_worker="Võ Thành Trung",
    )
    first, _ = _checked(render_postal_slip(dispatch, SAMPLE_OFFICE), A5, 2)
    assert "2. Giấy tờ bản chính trả lại kèm kết quả: Không có." in first
    assert len(_cut(first, LONG_NAME)) <= NAME_MAX + 10
    assert "(Ký và ghi rõ họ tên) Võ Thành Trung NGƯỜI GIAO KẾT QUẢ" in first


@pytest.mark.parametrize("count", [1, 12])
def test_postal_slip_lists_every_result(count: int) -> None:
    results = tuple(
        ResultPaper(f"Giấy phép lái xe số 79012345{index:04d}") for index in range(count)
    )
    dispatch = dataclasses.replace(sample_postal_dispatch(), results=results)
    pdf = render_postal_slip(dispatch, SAMPLE_OFFICE)
    whole = " ".join(page_texts(pdf))
    assert all(paper.name in whole for paper in results)
