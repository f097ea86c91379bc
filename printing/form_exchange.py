"""BM 04 of doi-gtvt, doi-cong-an, doi-quan-su: Đơn đề nghị cấp đổi, cấp lại giấy phép lái xe.

Text as in Decision 4225/QĐ-UBND (the form of Circular 12/2017/TT-BGTVT), in
Vietnamese; the footnotes (1) and (2) are printed under it as in the decision.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.form_parts import (
    GAP,
    addressee,
    classes,
    first_licence,
    footnotes,
    form_head,
    lines,
    signature,
)
from printing.model import Office, SlipData
from printing.official_paper import PageSpec
from printing.wording import BLANK, SEX, nationality, short_date

TITLE = "ĐƠN ĐỀ NGHỊ CẤP ĐỔI, CẤP LẠI GIẤY PHÉP LÁI XE (1)"
ENCLOSED = (
    "Xin gửi kèm theo:",
    "- 01 bản sao chụp GPLX thẻ nhựa (nếu có): □",
    "- 01 giấy chứng nhận sức khỏe: □",
    "- Bản sao chụp giấy chứng minh nhân dân hoặc thẻ căn cước công dân, giấy phép lái xe sắp "
    "hết hạn; □",
    "- Hồ sơ gốc lái xe (nếu có):",
)
DECLARATION = (
    "Tôi xin cam đoan những điều ghi trên đây là đúng sự thật, nếu sai tôi xin hoàn toàn chịu "
    "trách nhiệm (2)."
)
NOTES = (
    "(1): Mẫu này dùng chung cho trường hợp lập lại hồ sơ mới.",
    "(2): Trường hợp giả khai báo mất hoặc tẩy xóa, làm sai lệch các thông tin trên giấy phép "
    "lái xe; sử dụng giấy phép lái xe giả hoặc hồ sơ lái xe giả; có hành vi cố tình gian dối "
    "khác để được đổi, cấp lại giấy phép lái xe, ngoài việc bị Sở Giao thông vận tải ra quyết "
    "định tịch thu giấy phép lái xe và hồ sơ gốc còn phải chịu trách nhiệm trước pháp luật và "
    "không được cấp giấy phép lái xe trong thời hạn 05 năm kể từ ngày phát hiện hành vi vi "
    "phạm; khi có nhu cầu cấp lại giấy phép lái xe phải học và sát hạch như trường hợp cấp "
    "giấy phép lái xe lần đầu.",
)


def exchange_application(slip: SlipData, office: Office, spec: PageSpec) -> list[Flowable]:
    request = slip.request
    person = request.applicant
    document = person.identity_document
    licence = first_licence(request)
    return [
        *form_head(spec, TITLE),
        *addressee(spec, f"Kính gửi: {office.agency_name or BLANK}"),
        *lines(
            spec,
            f"Tôi là: {person.full_name}{GAP}Quốc tịch: {nationality(person.nationality)}",
            f"Sinh ngày: {short_date(person.date_of_birth)}{GAP}"
            f"Nam, Nữ: {SEX.get(str(person.sex), BLANK)}",
            f"Nơi đăng ký hộ khẩu thường trú: {person.residence_address or BLANK}",
            f"Nơi cư trú: {person.residence_address or BLANK}",
            "Số giấy chứng minh nhân dân hoặc thẻ căn cước công dân (hoặc hộ chiếu): "
            f"{document.number} cấp ngày {short_date(document.issue_date)} "
            f"Nơi cấp: {document.issued_by or BLANK}",
            f"Đã học lái xe tại: {BLANK}{GAP}Năm học lái xe: {BLANK}",
            f"Hiện đã có giấy phép lái xe hạng: {classes(licence.classes) if licence else BLANK}"
            f"{GAP}Số: {licence.number if licence and licence.number else BLANK}",
            f"Do: {licence.issuing_authority if licence and licence.issuing_authority else BLANK}"
            f" cấp ngày: {short_date(licence.issue_date if licence else None)}",
            f"Số điện thoại liên hệ: {person.phone or BLANK}",
            "Đề nghị cho tôi được đổi, cấp lại giấy phép lái xe cơ giới đường bộ hạng: "
            f"{classes(request.requested_classes)}",
            f"Lý do: {slip.evaluation.procedure_name}.",
            *ENCLOSED,
            DECLARATION,
        ),
        signature(spec, office.place_name, slip.received_at.date(), person.full_name),
        *footnotes(spec, *NOTES),
    ]
