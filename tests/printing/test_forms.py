"""The application forms (BM 04, and the institution's list BM 05), pre-filled from a dossier."""

from __future__ import annotations

import pytest

from app.papers import PrintRefused, render_form
from app.settings import Settings
from db.store import Store
from tests.printing.conftest import Receive, example
from tests.printing.papers import A4, fonts, page_sizes, page_texts

EXCHANGE = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
    "ĐƠN ĐỀ NGHỊ CẤP ĐỔI, CẤP LẠI GIẤY PHÉP LÁI XE (1)",
    "Kính gửi: Sở Giao thông vận tải Thành phố Hồ Chí Minh",
    "Xin gửi kèm theo: - 01 bản sao chụp GPLX thẻ nhựa (nếu có): □ - 01 giấy chứng nhận sức "
    "khỏe: □",
    "Tôi xin cam đoan những điều ghi trên đây là đúng sự thật, nếu sai tôi xin hoàn toàn chịu "
    "trách nhiệm (2).",
    "Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026 NGƯỜI LÀM ĐƠN (Ký và ghi rõ họ, tên)",
    "(1): Mẫu này dùng chung cho trường hợp lập lại hồ sơ mới.",
)
FOREIGNER = (
    "SOCIALIST REPUBLIC OF VIETNAM Independence - Freedom - Happiness",
    "ĐƠN ĐỀ NGHỊ ĐỔI GIẤY PHÉP LÁI XE CƠ GIỚI ĐƯỜNG BỘ APPLICATION FORM FOR EXCHANGE OF "
    "DRIVER’S LICENCE",
    "(Dùng cho người nước ngoài) - (For Foreigner only)",
    "Kính gửi (To): Sở Giao thông vận tải Thành phố Hồ Chí Minh.",
    "Định cư lâu dài tại Việt Nam/không định cư lâu dài tại Việt Nam (Long time of staying in "
    "Viet Nam/Short time of staying in Viet Nam).",
    "Tôi xin đảm bảo lời khai trên đây là đúng sự thật. I certify that all the information "
    "included in this application and attached documents is correct and true.",
    "Thành phố Hồ Chí Minh, ngày (date) 23 tháng (month) 11 năm (year) 2026",
    "NGƯỜI LÀM ĐƠN (APPLICANT)",
)
IDP = (
    "SOCIALIST REPUBLIC OF VIETNAM Independence - Freedom - Happiness",
    "ĐƠN ĐỀ NGHỊ CẤP GIẤY PHÉP LÁI XE QUỐC TẾ APPLICATION FORM FOR ISSUANCE OF INTERNATIONAL "
    "DRIVING PERMIT",
    "Kính gửi (To): Tổng cục Đường bộ Việt Nam (Sở Giao thông vận tải Thành phố Hồ Chí Minh)",
    "Có giá trị đến (Valid until): ngày (date): 02 tháng (month) 03 năm (year) 2028",
    "- 01 ảnh màu cỡ 3 x 4 cm, nền mầu trắng (01 colour photograph 3 x 4 cm, white panel).",
)


@pytest.mark.parametrize(
    ("name", "texts", "data"),
    [
        (
            "doi-gtvt",
            EXCHANGE,
            (
                "Tôi là: Nguyễn Văn An Quốc tịch: Việt Nam",
                "Sinh ngày: 04/05/1980 Nam, Nữ: Nam",
                "Nơi cư trú: 12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
                "(hoặc hộ chiếu): 079080001234 cấp ngày 15/06/2021 Nơi cấp: Cục Cảnh sát quản lý "
                "hành chính về trật tự xã hội",
                "Hiện đã có giấy phép lái xe hạng: B2 Số: 790123456789",
                "Do: Sở Giao thông vận tải Thành phố Hồ Chí Minh cấp ngày: 10/01/2017",
                "Số điện thoại liên hệ: 0903 123 456",
                "giấy phép lái xe cơ giới đường bộ hạng: B2",
                "NGƯỜI LÀM ĐƠN (Ký và ghi rõ họ, tên) Nguyễn Văn An",
            ),
        ),
        ("doi-cong-an", EXCHANGE, ("Tôi là: Võ Thành Đạt", "Do: Cục Cảnh sát giao thông")),
        ("doi-quan-su", EXCHANGE, ("Tôi là: Đặng Minh Tuấn", "hạng: C Số: QS-0123456")),
        (
            "doi-nuoc-ngoai",
            FOREIGNER,
            (
                "Tôi là (Full name): Kim Min-jun",
                "Quốc tịch (Nationality): Hàn Quốc (Republic of Korea)",
                "Ngày tháng năm sinh (Date of birth): 21/07/1985",
                "Số hộ chiếu (Passport No.): M12345678",
                "(Current Driving Licence No.): 11-19-123456-70",
                "Cơ quan cấp (Issuing Office): Seoul Metropolitan Police Agency",
                "Tại (Place of issue): Hàn Quốc",
                "Cấp ngày (Issuing date): ngày (date): 01 tháng (month) 04 năm (year) 2019",
            ),
        ),
        (
            "doi-du-lich",
            FOREIGNER,
            ("Tôi là (Full name): Emma Schmidt", "Số hộ chiếu (Passport No.): C01X00T47"),
        ),
        ("idp-cap", IDP, ("Tôi là (Full name): Phạm Quốc Hưng", "Việt Nam (Viet Nam)")),
        ("idp-cap-lai", IDP, ("Tôi là (Full name): Phạm Quốc Hưng",)),
        (
            "gv-cap",
            (
                "ĐƠN ĐỀ NGHỊ TẬP HUẤN, CẤP GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC HÀNH LÁI XE",
                "Kính gửi: Cơ quan có thẩm quyền",
                "- 01 bản sao có chứng thực chứng chỉ nghiệp vụ sư phạm;",
                "Tôi xin cam đoan những điều ghi trên đây là đúng sự thật, nếu sai tôi hoàn toàn "
                "chịu trách nhiệm.",
            ),
            (
                "Tôi là: Trần Thị Bích Ngọc Quốc tịch: Việt Nam",
                "Sinh ngày: 14 tháng 02 năm 1988 Nam, Nữ: Nữ",
                "Có giấy chứng minh nhân dân số: 079188004321, cấp ngày 15 tháng 06 năm 2021",
                "Có giấy phép lái xe số: 790112233445, hạng B2, C do: Sở Giao thông vận tải "
                "Thành phố Hồ Chí Minh cấp ngày 02 tháng 03 năm 2018",
                "giáo viên dạy thực hành lái xe hạng B2",
            ),
        ),
    ],
)
def test_the_application_form_is_the_decisions_filled_with_the_dossier(
    store: Store,
    settings: Settings,
    received: Receive,
    name: str,
    texts: tuple[str, ...],
    data: tuple[str, ...],
) -> None:
    receipt = received(name)
    pdf = render_form(store, receipt.dossier_id, settings)
    pages = page_texts(pdf)
    assert len(pages) == 1, "the applicant signs one page"
    for expected in (*texts, *data):
        assert expected in pages[0], expected
    assert page_sizes(pdf) == [A4]
    assert all(font["emb"] == "yes" and font["uni"] == "yes" for font in fonts(pdf))


def test_a_training_institutions_dossier_has_its_list_on_a_landscape_page(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received("gv-cap-lai")
    pdf = render_form(store, receipt.dossier_id, settings)
    application, listing = page_texts(pdf)
    assert "ĐƠN ĐỀ NGHỊ CẤP LẠI GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC HÀNH LÁI XE" in application
    assert "Lý do cấp lại: …………………" in application
    for expected in (
        "CƠ QUAN CHỦ QUẢN",
        "Đề nghị Cơ quan có thẩm quyền xem xét, chấp thuận cho 01 giáo viên được cấp lại Giấy "
        "chứng nhận giáo viên dạy thực hành lái xe theo danh sách dưới đây:",
        "DANH SÁCH GIÁO VIÊN ĐỀ NGHỊ CẤP LẠI GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC HÀNH LÁI XE",
        "Số TT Họ và tên Ngày tháng năm sinh Số giấy chứng minh nhân dân Hình thức tuyển dụng",
        "Biên chế Hợp đồng (thời hạn) Văn hóa Chuyên môn Sư phạm Hạng Ngày trúng tuyển Thâm niên",
        "1 Lê Hoàng Phúc",
        "079079005678",
        "THỦ TRƯỞNG CƠ SỞ ĐÀO TẠO (Ký tên, đóng dấu)",
    ):
        assert expected in listing, expected
    assert page_sizes(pdf) == [A4, (A4[1], A4[0])]


def test_the_form_is_a5_when_the_counter_prints_forms_on_a5(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received(example("doi-gtvt"))
    pdf = render_form(store, receipt.dossier_id, settings.with_value("paper_form", "A5"))
    assert page_sizes(pdf) == [(419.53, 595.28)]


def test_a_procedure_without_a_form_is_refused_by_its_name(
    store: Store,
    settings: Settings,
    received: Receive,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from printing import application_forms

    receipt = received("doi-gtvt")
    monkeypatch.delitem(application_forms.FORMS, "doi-gtvt")
    with pytest.raises(PrintRefused) as refused:
        render_form(store, receipt.dossier_id, settings)
    assert refused.value.field == "DOSSIER"
    assert str(refused.value).startswith("DOSSIER: thủ tục “")
    assert str(refused.value).endswith("” (doi-gtvt) không có đơn đề nghị để chương trình điền sẵn")
    assert refused.value.text("en").endswith(
        '" (doi-gtvt) has no application form this program can fill in'
    )
