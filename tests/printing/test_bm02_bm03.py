"""BM 02 (what to add) and BM 03 (refusal), made from the evaluation stored with the round."""

from __future__ import annotations

from typing import Any

import pytest

from app.papers import PrintRefused, render_slip
from app.settings import Settings
from db.store import Store
from tests.printing.conftest import Receive, example, without
from tests.printing.papers import A5, fonts, page_sizes, page_texts, words

HELP = (
    "ông/bà liên hệ với Bộ phận tiếp nhận và trả kết quả, số điện thoại 028 3829 0000 "
    "hoặc trang thông tin điện tử dichvucong.gov.vn để được hướng dẫn./."
)


def _incomplete() -> dict[str, Any]:
    # No health certificate, and the ID card only photocopied.
    data = without("doi-gtvt", "giay-chung-nhan-suc-khoe")
    data["presented"]["giay-to-tuy-than"] = {"form": "photocopy"}
    return data


def _refused() -> dict[str, Any]:
    # A paper licence that expired in 2020.
    licence = example("doi-gtvt")["licences"][0] | {
        "material": "paper",
        "issue_date": "2010-03-01",
        "expiry_date": "2020-03-01",
    }
    return example("doi-gtvt", licences=[licence])


def test_bm02_lists_every_missing_item_with_its_form_and_reason(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received(_incomplete())
    assert receipt.code is None
    pdf = render_slip(store, receipt.dossier_id, "bm02", settings).pdf
    (page,) = page_texts(pdf)
    missing = receipt.evaluation.missing
    assert [item.item for item in missing] == ["giay-chung-nhan-suc-khoe", "giay-to-tuy-than"]
    for expected in (
        "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026",
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        "Hồ sơ của: Nguyễn Văn An",
        "Địa chỉ: 12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh",
        "Số điện thoại: 0903 123 456 Email: an.nguyen@example.vn",
        "Nội dung yêu cầu giải quyết: Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
        "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:",
        "TT Tên giấy tờ Số lượng Bản chính Bản sao có chứng thực Bản chụp",
        f"1 {' '.join(missing[0].name.split())} 01",
        f"2 {' '.join(missing[1].name.split())} 01",
        "Lý do: - Giấy tờ số 1: Chưa nộp; cần 01 bản chính. - Giấy tờ số 2: Đã nộp bản chụp; "
        "cần bản sao kèm bản chính đối chiếu.",
        f"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, {HELP}",
        "NGƯỜI HƯỚNG DẪN (Ký và ghi rõ họ tên) Nguyễn Thị Hoa",
        f"Mã tham chiếu hồ sơ: {receipt.dossier_id}",
    ):
        assert expected in page, expected
    assert page_sizes(pdf) == [A5]
    assert all(font["emb"] == "yes" for font in fonts(pdf))


def test_bm02_puts_each_quantity_under_the_form_asked_for(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received(_incomplete())
    placed = words(render_slip(store, receipt.dossier_id, "bm02", settings).pdf)
    headings = [word.x for word in placed if word.text == "Bản"]
    original, certified, copy = sorted(headings)[-3:]
    counts = sorted((word for word in placed if word.text == "01"), key=lambda word: word.y)
    # The health certificate is asked for as an original; the ID card as a copy shown
    # with its original, which the applicant brings as a photocopy.
    assert original <= counts[0].x < certified
    assert copy <= counts[1].x


def test_bm02_without_help_settings_leaves_blanks_to_fill_in(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received(_incomplete())
    bare = settings.with_value("help_officer", "").with_value("help_phone", "")
    bare = bare.with_value("help_website", "")
    (page,) = page_texts(render_slip(store, receipt.dossier_id, "bm02", bare).pdf)
    assert "ông/bà liên hệ với …………………, số điện thoại ………………… để được hướng dẫn./." in page


def test_bm03_gives_the_refusal_reasons_of_the_evaluation(
    store: Store, settings: Settings, received: Receive
) -> None:
    receipt = received(_refused())
    reasons = [refusal.reason for refusal in receipt.evaluation.refusals]
    assert reasons
    pdf = render_slip(store, receipt.dossier_id, "bm03", settings).pdf
    (page,) = page_texts(pdf)
    for expected in (
        "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
        "Thành phố Hồ Chí Minh, ngày 23 tháng 11 năm 2026",
        "Bộ phận tiếp nhận và trả kết quả Sở Giao thông vận tải Thành phố Hồ Chí Minh tiếp "
        "nhận hồ sơ của: Nguyễn Văn An",
        "Nội dung yêu cầu giải quyết: Đổi Giấy phép lái xe do ngành giao thông vận tải cấp",
        "Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, Bộ phận tiếp nhận và trả "
        "kết quả từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:",
        *(f"{number}. {reason}" for number, reason in enumerate(reasons, start=1)),
        "Xin thông báo cho ông/bà biết và thực hiện./.",
        f"Nếu có vướng mắc, {HELP}",
        "NGƯỜI TIẾP NHẬN HỒ SƠ (Ký và ghi rõ họ tên) Nguyễn Thị Hoa",
    ):
        assert expected in page, expected
    assert "Giấy phép lái xe bằng giấy bìa đã hết thời hạn sử dụng" in page
    assert page_sizes(pdf) == [A5]


def test_a_bm02_stays_printable_after_the_dossier_is_completed(
    store: Store, settings: Settings, received: Receive
) -> None:
    first = received(_incomplete())
    received("doi-gtvt", supplements=first.dossier_id)
    slip = render_slip(store, first.dossier_id, "bm02", settings)
    assert "Chưa nộp; cần 01 bản chính." in " ".join(page_texts(slip.pdf))
    # Now accepted, the dossier has its BM 01 too, from the round that completed it.
    assert render_slip(store, first.dossier_id, "bm01", settings).round_id != slip.round_id


@pytest.mark.parametrize(
    ("kind", "words_"),
    [("bm02", "được yêu cầu bổ sung, hoàn thiện"), ("bm03", "bị từ chối tiếp nhận")],
)
def test_no_bm02_or_bm03_for_an_accepted_dossier(
    store: Store, settings: Settings, received: Receive, kind: str, words_: str
) -> None:
    receipt = received("doi-gtvt")
    assert receipt.code is not None
    with pytest.raises(
        PrintRefused, match=f"đang ở trạng thái “Đã tiếp nhận”; .* chỉ được in cho hồ sơ {words_}$"
    ):
        render_slip(store, receipt.code, kind, settings)  # type: ignore[arg-type]
