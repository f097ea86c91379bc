"""BM 04 and BM 05 of gv-cap and gv-cap-lai: the instructor's application, the institution's list.

Texts as in Decision 4225/QĐ-UBND (the forms of Decree 65/2016/NĐ-CP). The
application is the instructor's; when a training institution hands the dossier
in (subcase B) its list of instructors comes with it, on A4 landscape for its
twelve columns, with this instructor on the first line and empty lines for others.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Flowable

from app.dossier.wording import QUALIFICATION_WORDS
from printing.form_parts import (
    GAP,
    addressee,
    classes,
    first_licence,
    form_head,
    lines,
    long_date,
    signature,
)
from printing.model import Office, SlipData
from printing.official_paper import (
    PageSpec,
    Signature,
    bordered_table,
    header,
    signatures,
    styles,
    text,
)
from printing.wording import BLANK, SEX, nationality, short_date

COMPETENT = "Kính gửi: Cơ quan có thẩm quyền"
DECLARATION = (
    "Tôi xin cam đoan những điều ghi trên đây là đúng sự thật, nếu sai tôi hoàn toàn chịu "
    "trách nhiệm."
)


@dataclass(frozen=True)
class InstructorTexts:
    """What differs between the first certificate and its re-issue."""

    title: str
    request_line: str  # followed by the classes
    enclosed: tuple[str, ...]
    reason_line: bool  # the re-issue asks "Lý do cấp lại"
    list_intro: str
    list_title: str
    list_note_column: str


FIRST = InstructorTexts(
    title="ĐƠN ĐỀ NGHỊ TẬP HUẤN, CẤP GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC HÀNH LÁI XE",
    request_line=(
        "Đề nghị cho tôi được tham gia tập huấn, cấp giấy chứng nhận giáo viên dạy thực hành "
        "lái xe hạng"
    ),
    enclosed=(
        "Gửi kèm theo:",
        "- 01 bản sao có chứng thực bằng tốt nghiệp trung cấp trở lên hoặc chứng chỉ kỹ năng "
        "nghề để dạy trình độ sơ cấp;",
        "- 01 bản sao có chứng thực chứng chỉ nghiệp vụ sư phạm;",
        "- 01 ảnh màu cỡ 3 cm x 4 cm nền màu xanh, kiểu thẻ căn cước, được chụp trong thời "
        "gian không quá 06 tháng.",
    ),
    reason_line=False,
    list_intro=(
        "Đề nghị Cơ quan có thẩm quyền xem xét, chấp thuận cho {count} giáo viên được tham dự "
        "tập huấn để cấp Giấy chứng nhận giáo viên dạy thực hành lái xe theo danh sách dưới đây:"
    ),
    list_title=(
        "DANH SÁCH GIÁO VIÊN ĐỀ NGHỊ ĐƯỢC TẬP HUẤN, CẤP GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC "
        "HÀNH LÁI XE"
    ),
    list_note_column="Ghi chú (hạng GV đề nghị tập huấn)",
)
# The decision prints the re-issue's title as "MẪU ĐƠN …"; "MẪU" names the blank
# form and is left off the filled-in one.
REISSUE = InstructorTexts(
    title="ĐƠN ĐỀ NGHỊ CẤP LẠI GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC HÀNH LÁI XE",
    request_line="Đề nghị cấp lại giấy chứng nhận giáo viên dạy thực hành lái xe hạng",
    enclosed=(
        "Gửi kèm theo:",
        "- 01 ảnh màu cỡ 3 cm x 4 cm, chụp trong thời gian không quá 06 tháng.",
    ),
    reason_line=True,
    list_intro=(
        "Đề nghị Cơ quan có thẩm quyền xem xét, chấp thuận cho {count} giáo viên được cấp lại "
        "Giấy chứng nhận giáo viên dạy thực hành lái xe theo danh sách dưới đây:"
    ),
    list_title=(
        "DANH SÁCH GIÁO VIÊN ĐỀ NGHỊ CẤP LẠI GIẤY CHỨNG NHẬN GIÁO VIÊN DẠY THỰC HÀNH LÁI XE"
    ),
    list_note_column="Ghi chú (Hạng GV dạy Thực hành lái xe)",
)


def instructor_application(
    slip: SlipData, office: Office, spec: PageSpec, texts: InstructorTexts
) -> list[Flowable]:
    request = slip.request
    person = request.applicant
    document = person.identity_document
    licence = first_licence(request)
    body = [
        f"Tôi là: {person.full_name}{GAP}Quốc tịch: {nationality(person.nationality)}",
        f"Sinh ngày: {long_date(person.date_of_birth)}{GAP}"
        f"Nam, Nữ: {SEX.get(str(person.sex), BLANK)}",
        f"Nơi đăng ký hộ khẩu thường trú: {person.residence_address or BLANK}",
        f"Nơi cư trú: {person.residence_address or BLANK}",
        f"Có giấy chứng minh nhân dân số: {document.number}, "
        f"cấp ngày {long_date(document.issue_date)}",
        f"Nơi cấp: {document.issued_by or BLANK}",
        f"Có giấy phép lái xe số: {licence.number if licence and licence.number else BLANK}, "
        f"hạng {classes(licence.classes) if licence else BLANK} do: "
        f"{licence.issuing_authority if licence and licence.issuing_authority else BLANK} "
        f"cấp ngày {long_date(licence.issue_date if licence else None)}",
        f"{texts.request_line} {classes(request.requested_classes)}",
    ]
    if texts.reason_line:
        body.append(f"Lý do cấp lại: {BLANK}")
    return [
        *form_head(spec, texts.title),
        *addressee(spec, COMPETENT),
        *lines(spec, *body, *texts.enclosed, DECLARATION),
        signature(spec, office.place_name, slip.received_at.date(), person.full_name),
    ]


def institution_list(slip: SlipData, spec: PageSpec, texts: InstructorTexts) -> list[Flowable]:
    """BM 05: the institution signs and stamps it; what it alone knows is left blank."""
    s = styles(spec.font_size)
    person = slip.request.applicant
    licence = first_licence(slip.request)
    qualification = (
        QUALIFICATION_WORDS[person.qualification].text("vi") if person.qualification else ""
    )
    row = [
        "1",
        person.full_name,
        short_date(person.date_of_birth),
        person.identity_document.number,
        "",
        "",
        "",
        qualification,
        "",
        classes(licence.classes) if licence else "",
        "",
        "",
        classes(slip.request.requested_classes),
    ]
    head = [
        [
            "Số TT",
            "Họ và tên",
            "Ngày tháng năm sinh",
            "Số giấy chứng minh nhân dân",
            "Hình thức tuyển dụng",
            "",
            "Trình độ",
            "",
            "",
            "Giấy phép lái xe",
            "",
            "",
            texts.list_note_column,
        ],
        [
            "",
            "",
            "",
            "",
            "Biên chế",
            "Hợp đồng (thời hạn)",
            "Văn hóa",
            "Chuyên môn",
            "Sư phạm",
            "Hạng",
            "Ngày trúng tuyển",
            "Thâm niên",
            "",
        ],
    ]
    # Columns that span both heading rows, then the three grouped headings.
    spans = [((column, 0), (column, 1)) for column in (0, 1, 2, 3, 12)]
    spans += [((4, 0), (5, 0)), ((6, 0), (8, 0)), ((9, 0), (11, 0))]
    table = bordered_table(
        spec,
        head,
        [row],
        [0.04, 0.14, 0.08, 0.1, 0.06, 0.07, 0.06, 0.08, 0.06, 0.06, 0.08, 0.06, 0.11],
        centred_columns=(0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
        spans=spans,
        min_rows=6,
    )
    return [
        header(
            spec,
            [f"Cơ quan chủ quản {BLANK}", f"Cơ sở đào tạo {BLANK}"],
            date_line=f"{BLANK}, ngày … tháng … năm 20…",
        ),
        *addressee(spec, COMPETENT),
        text(texts.list_intro.format(count="01"), s.body_justified),
        text(texts.list_title, s.title),
        table,
        signatures(spec, Signature("Thủ trưởng cơ sở đào tạo", note="(Ký tên, đóng dấu)")),
    ]
