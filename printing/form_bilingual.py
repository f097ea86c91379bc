"""The bilingual BM 04 forms: exchange of a foreign licence, and the international permit.

- doi-nuoc-ngoai, doi-du-lich: Đơn đề nghị đổi giấy phép lái xe cơ giới đường bộ
  (Dùng cho người nước ngoài) - (For Foreigner only);
- idp-cap, idp-cap-lai: Đơn đề nghị cấp giấy phép lái xe quốc tế (Circular
  29/2015/TT-BGTVT, Appendix IV), used for a re-issue too, as the decision does.

Texts as in Decision 4225/QĐ-UBND, Vietnamese with the English in brackets.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.dossier.request import IdentityType
from printing.form_parts import (
    addressee,
    bilingual_long_date,
    first_licence,
    form_head,
    issuing_country,
    lines,
    signature,
)
from printing.model import Office, SlipData
from printing.official_paper import PageSpec
from printing.wording import BLANK, nationality_bilingual, short_date

APPLICANT = "Người làm đơn (Applicant)"
APPLICANT_NOTE = "(Ký và ghi rõ họ, tên / Signature and full name)"
CERTIFY = (
    "Tôi xin đảm bảo lời khai trên đây là đúng sự thật.",
    "I certify that all the information included in this application and attached documents "
    "is correct and true.",
)
FOREIGNER_TITLES = (
    "ĐƠN ĐỀ NGHỊ ĐỔI",
    "GIẤY PHÉP LÁI XE CƠ GIỚI ĐƯỜNG BỘ",
    "APPLICATION FORM FOR EXCHANGE OF DRIVER’S LICENCE",
)
FOREIGNER_ONLY = "(Dùng cho người nước ngoài) - (For Foreigner only)"
FOREIGNER_ENCLOSED = (
    "Gửi kèm theo đơn gồm có (Documents enclosed as follows):",
    "- Bản dịch giấy phép lái xe nước ngoài đã được công chứng (Translation of current foreign "
    "driving licence with notation); (2)",
    "- Bản sao hộ chiếu (phần họ tên và ảnh; trang thị thực nhập cảnh) [Copy of passport "
    "(included pages: full name, photograph, valid visa)]. (2)",
)
STAY = (
    "Định cư lâu dài tại Việt Nam/không định cư lâu dài tại Việt Nam (Long time of staying in "
    "Viet Nam/Short time of staying in Viet Nam)."
)
IDP_TITLES = (
    "ĐƠN",
    "ĐỀ NGHỊ CẤP GIẤY PHÉP LÁI XE QUỐC TẾ",
    "APPLICATION FORM FOR ISSUANCE OF INTERNATIONAL DRIVING PERMIT",
)
IDP_ENCLOSED = (
    "Gửi kèm theo đơn gồm có (Documents enclosed as follows):",
    "- 01 ảnh màu cỡ 3 x 4 cm, nền mầu trắng (01 colour photograph 3 x 4 cm, white panel).",
)


def _identity_lines(slip: SlipData, residence_label: str) -> list[str]:
    person = slip.request.applicant
    document = person.identity_document
    passport = document.type is IdentityType.PASSPORT
    return [
        f"Tôi là (Full name): {person.full_name}",
        f"Quốc tịch (Nationality): {nationality_bilingual(person.nationality)}",
        f"Ngày tháng năm sinh (Date of birth): {short_date(person.date_of_birth)}",
        f"{residence_label}: {person.residence_address or BLANK}",
        # The form asks for a passport; any other document is left for the applicant.
        f"Số hộ chiếu (Passport No.): {document.number if passport else BLANK}",
        "Cấp ngày (Issuing date): "
        f"{bilingual_long_date(document.issue_date if passport else None)}",
    ]


def _licence_lines(slip: SlipData) -> list[str]:
    licence = first_licence(slip.request)
    number = licence.number if licence and licence.number else BLANK
    authority = licence.issuing_authority if licence and licence.issuing_authority else BLANK
    return [
        f"Hiện có giấy phép lái xe cơ giới đường bộ số (Current Driving Licence No.): {number}",
        f"Cơ quan cấp (Issuing Office): {authority}",
        f"Tại (Place of issue): {issuing_country(licence) or BLANK}",
        f"Cấp ngày (Issuing date): {bilingual_long_date(licence.issue_date if licence else None)}",
    ]


def _applicant_signature(slip: SlipData, office: Office, spec: PageSpec) -> Flowable:
    """Both forms end alike: the applicant signs under the place and date, in both languages."""
    return signature(
        spec,
        office.place_name,
        slip.received_at.date(),
        slip.request.applicant.full_name,
        bilingual=True,
        capacity=APPLICANT,
        note=APPLICANT_NOTE,
    )


def foreigner_application(slip: SlipData, office: Office, spec: PageSpec) -> list[Flowable]:
    return [
        *form_head(spec, *FOREIGNER_TITLES, english=True),
        *lines(spec, FOREIGNER_ONLY),
        *addressee(
            spec,
            f"Kính gửi (To): {office.agency_name or BLANK}.",
            f"(Transport Department {office.place_name or BLANK})",
        ),
        *lines(
            spec,
            *_identity_lines(slip, "Hiện cư trú tại (Permanent Address)"),
            *_licence_lines(slip),
            "Lý do xin đổi giấy phép lái xe (Reason of application for new driving licence): "
            f"{slip.evaluation.procedure_name}.",
            STAY,
            *FOREIGNER_ENCLOSED,
            *CERTIFY,
        ),
        _applicant_signature(slip, office, spec),
    ]


def idp_application(slip: SlipData, office: Office, spec: PageSpec) -> list[Flowable]:
    licence = first_licence(slip.request)
    valid_until = (
        bilingual_long_date(licence.expiry_date)
        if licence and licence.expiry_date
        else "không thời hạn (no time limit)"
        if licence
        else bilingual_long_date(None)
    )
    return [
        *form_head(spec, *IDP_TITLES, english=True),
        *addressee(
            spec,
            f"Kính gửi (To): Tổng cục Đường bộ Việt Nam ({office.agency_name or BLANK})",
            f"(Directorate for Roads of Viet Nam (Transport Department "
            f"{office.place_name or BLANK}))",
        ),
        *lines(
            spec,
            *_identity_lines(slip, "Hiện thường trú tại (Place of normal residence)"),
            *_licence_lines(slip),
            f"Có giá trị đến (Valid until): {valid_until}",
            "Lý do xin cấp giấy phép lái xe (Purpose of application for International Driving "
            f"Permit): {BLANK}",
            *IDP_ENCLOSED,
            *CERTIFY,
        ),
        _applicant_signature(slip, office, spec),
    ]
