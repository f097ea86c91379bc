"""BM 01 as the officer and the applicant read it: every field, both copies, the codes, reprints."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from app.dossier_queries import find_dossier
from app.officers.identity import Officer, Role
from app.papers import PrintRefused, print_slip, record_slip, render_slip
from app.settings import Settings
from db.store import Store
from tests.db.conftest import RECEIVING_OFFICER
from tests.printing.conftest import AGENCY_NAME, Receive, example, without
from tests.printing.papers import A5, codes_on_page, fonts, page_sizes, page_texts, text_of

OFFICER = RECEIVING_OFFICER.full_name  # who received: printed on BM 01
BINH = Officer("binh.lv", "Lê Văn Bình", Role.OFFICER)


def test_bm01_has_every_field_of_the_form(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    pages = page_texts(render_slip(store, receipt.code, "bm01", settings).pdf)
    assert len(pages) == 2
    for page, copy in zip(pages, ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ"), strict=True):
        for expected in (
            "SỞ GIAO THÔNG VẬN TẢI THÀNH PHỐ HỒ CHÍ MINH",
            "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026",
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            f"({copy})",
            f"Mã hồ sơ: {receipt.code}",
            "Tiếp nhận hồ sơ của: Nguyễn Văn An",
            "Địa chỉ: 12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
            "Số điện thoại: 0903 123 456 Email: an.nguyen@example.vn",
            "Nội dung yêu cầu giải quyết: Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
            "1. Thành phần hồ sơ nộp gồm:",
            "Đơn đề nghị đổi Giấy phép lái xe (theo mẫu) Bản chính 01",
            "Giấy phép lái xe Bản sao kèm bản chính để đối chiếu 01",
            "2. Số lượng hồ sơ: 01 (bộ).",
            "3. Thời gian giải quyết hồ sơ theo quy định: Không quá 05 ngày làm việc",
            "4. Thời gian nhận hồ sơ: 09 giờ 10 phút, ngày 23 tháng 11 năm 2026",
            # 24/11 is Culture Day (from 2026): five working days end on 1 December.
            "5. Thời gian trả kết quả giải quyết hồ sơ: 09 giờ 10 phút, ngày 01 tháng 12 năm 2026",
            "6. Đăng ký nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả, 252 Lý Chính Thắng, "
            "phường 9, quận 3.",
            "7. Lệ phí: 135.000 đồng/lần cấp.",
            "Vào Sổ theo dõi hồ sơ, Quyển số: 2026, Số thứ tự: 1.",
            "NGƯỜI NỘP HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Văn An",
            f"NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) {OFFICER}",
            "Người nộp hồ sơ mang theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả này khi đến nhận "
            "kết quả.",
        ):
            assert expected in page, expected
        for item in receipt.evaluation.items:
            assert " ".join(item.name.split()) in page
        assert "BẢN IN LẠI" not in page


def test_bm01_is_two_a5_pages_with_every_font_embedded(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    pdf = render_slip(store, receipt.code, "bm01", settings).pdf
    assert page_sizes(pdf) == [A5, A5]
    found = fonts(pdf)
    assert {font["name"].split("+")[-1] for font in found} >= {
        "LiberationSerif",
        "LiberationSerif-Bold",
        "LiberationSerif-Italic",
    }
    assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in found), found


def test_the_barcode_and_the_qr_code_read_back_as_the_dossier_code(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    pdf = render_slip(store, receipt.code, "bm01", settings).pdf
    for page in (1, 2):
        assert codes_on_page(pdf, page) == [("Code128", receipt.code), ("QRCode", receipt.code)]


def test_letters_with_two_diacritics_come_out_exactly_even_when_typed_decomposed(
    store: Store, settings: Settings, received: Receive
) -> None:
    name = "Đặng Thị Ngọc Phượng Nguyễn Hữu Lộc"
    data = example("doi-gtvt")
    data["applicant"] = data["applicant"] | {"full_name": unicodedata.normalize("NFD", name)}
    receipt = received(data)
    assert receipt.code is not None
    text = text_of(render_slip(store, receipt.code, "bm01", settings).pdf)
    assert f"Tiếp nhận hồ sơ của: {name}" in text
    assert unicodedata.normalize("NFD", name) not in text
    for letter in "ặợộữ":
        assert letter in text


def test_post_delivery_names_the_address(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received(
        "doi-gtvt", result_delivery="post", delivery_address="5 Nguyễn Huệ, phường Bến Nghé"
    )
    assert receipt.code is not None
    text = text_of(render_slip(store, receipt.code, "bm01", settings).pdf)
    assert (
        "6. Đăng ký nhận kết quả tại: qua dịch vụ bưu chính công ích, "
        "địa chỉ: 5 Nguyễn Huệ, phường Bến Nghé." in text
    )


def test_the_register_line_follows_the_year_of_accepted_dossiers(
    store: Store, settings: Settings, received: Receive
) -> None:
    received("doi-gtvt", at=dt.datetime(2026, 11, 23, 8, 0))
    received(without("doi-gtvt", "giay-chung-nhan-suc-khoe"), at=dt.datetime(2026, 11, 23, 8, 30))
    third = received("idp-cap", at=dt.datetime(2026, 11, 23, 9, 0))
    assert third.code is not None
    text = text_of(render_slip(store, third.code, "bm01", settings).pdf)
    # The dossier sent back for papers has no line in the register.
    assert "Quyển số: 2026, Số thứ tự: 2." in text


def test_every_print_is_recorded_and_a_reprint_says_so(
    store: Store, settings: Settings, received: Receive, tmp_path_factory: pytest.TempPathFactory
) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    folder = tmp_path_factory.mktemp("out")
    at = dt.datetime(2026, 11, 23, 9, 15)
    first = print_slip(
        store,
        receipt.code,
        "bm01",
        RECEIVING_OFFICER,
        folder / "1.pdf",
        settings=settings,
        printed_at=at,
    )
    second = print_slip(store, receipt.code, "bm01", BINH, folder / "2.pdf", settings=settings)
    assert "BẢN IN LẠI" not in text_of(first.read_bytes())
    for page in page_texts(second.read_bytes()):
        assert page.startswith("BẢN IN LẠI (lần in thứ 2)")
    shown = find_dossier(store, receipt.code)
    assert shown is not None
    assert [(slip["kind"], slip["print_number"]) for slip in shown["slips"]] == [
        ("bm01", 1),
        ("bm01", 2),
    ]
    assert shown["slips"][0]["printed_at"] == "2026-11-23T09:15"


def test_a_preview_is_recorded_only_when_printed_and_never_twice_with_one_number(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    preview = render_slip(store, receipt.code, "bm01", settings)
    other_window = render_slip(store, receipt.code, "bm01", settings)
    assert preview.print_number == other_window.print_number == 1
    record_slip(store, preview, RECEIVING_OFFICER, dt.datetime(2026, 11, 23, 9, 15))
    with pytest.raises(PrintRefused, match="hãy tạo lại giấy") as refused:
        record_slip(store, other_window, RECEIVING_OFFICER, dt.datetime(2026, 11, 23, 9, 16))
    assert str(refused.value) == (
        "bm01: trong lúc chờ in, lần in thứ 1 của giấy này đã được ghi nhận; hãy tạo lại giấy "
        "(giấy mới sẽ ghi “lần in thứ 2”)"
    )
    assert refused.value.text("en") == (
        "bm01: print 1 of this slip was recorded meanwhile; make the slip again (it will say 2)"
    )
    assert render_slip(store, receipt.code, "bm01", settings).print_number == 2


@pytest.mark.parametrize(
    ("request_data", "status"),
    [
        (without("doi-gtvt", "giay-chung-nhan-suc-khoe"), "Chờ bổ sung"),
        (
            example(
                "doi-gtvt", licences=[example("doi-gtvt")["licences"][0] | {"issuer": "cong-an"}]
            ),
            "Từ chối",
        ),
    ],
)
def test_no_bm01_for_a_dossier_that_was_not_accepted(
    store: Store,
    settings: Settings,
    received: Receive,
    request_data: dict[str, object],
    status: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    receipt = received(request_data)
    out = tmp_path_factory.mktemp("out") / "bm01.pdf"
    with pytest.raises(PrintRefused) as refused:
        print_slip(store, receipt.dossier_id, "bm01", RECEIVING_OFFICER, out, settings=settings)
    assert refused.value.field == "DOSSIER"
    assert str(refused.value) == (
        f"DOSSIER: hồ sơ {receipt.dossier_id} đang ở trạng thái “{status}”; BM 01 (Giấy tiếp "
        "nhận hồ sơ và hẹn trả kết quả) chỉ được in cho hồ sơ đã được tiếp nhận và cấp mã hồ sơ"
    )
    assert not out.exists()
    shown = find_dossier(store, receipt.dossier_id)
    assert shown is not None and shown["slips"] == []


def test_papers_need_the_agency_name_and_place(store: Store, received: Receive) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    bare = Settings.defaults().with_value("agency_code", "000.17.22.H56")
    with pytest.raises(PrintRefused, match=r"^agency_name: .*motcua settings set agency_name"):
        render_slip(store, receipt.code, "bm01", bare)
    named = bare.with_value("agency_name", AGENCY_NAME)
    with pytest.raises(PrintRefused, match=r"^place_name: "):
        render_slip(store, receipt.code, "bm01", named)
