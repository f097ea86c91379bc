"""Phiếu gửi hồ sơ: a result handed to the public postal service to carry to the applicant.

Decision 45/2016/QĐ-TTg art. 9: the officer and the postal worker count the
result together and both sign the Phiếu gửi, which names the agency as sender,
the recipient and their address, and the papers sent: the result named
explicitly and any originals returned with it (art. 8(3)) recorded as lines of
their own. The postal item number ties the packet to the dossier. The postal
worker seals the packet in front of the officer.

The Phiếu gửi is the postal operator's own form; this is the counter's copy of
what it says, printed to sign beside it or to attach to it (agreed with the
operator). A5 as the slips; two one kept, one with the packet.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, PostalDispatchData
from printing.official_paper import (
    ONE_STOP_SECTION,
    PageSpec,
    Signature,
    agency_levels,
    bold,
    field_line,
    header,
    markup,
    signatures,
    styles,
    text,
    title,
)
from printing.return_parts import dossier_lines, papers_block, render_copies, results_table
from printing.wording import BLANK, clock_and_date, place_and_date

TITLE = "Phiếu gửi hồ sơ"
SUBTITLE = "(Trả kết quả giải quyết thủ tục hành chính qua dịch vụ bưu chính công ích)"
COPIES = ("Liên 1: Lưu", "Liên 2: Giao nhân viên bưu chính")
SEALED = (
    "Hai bên đã kiểm đếm kết quả và giấy tờ nêu trên; nhân viên bưu chính niêm phong bưu gửi "
    "trước sự chứng kiến của người giao."
)


def render_postal_slip(
    dispatch: PostalDispatchData, office: Office, paper: PaperSize = "A5"
) -> bytes:
    return render_copies(
        paper,
        COPIES,
        lambda spec, label: _copy(dispatch, office, spec, label),
        title=f"{TITLE} {dispatch.code}",
        author=office.agency_name,
        print_number=dispatch.print_number,
    )


def _copy(
    dispatch: PostalDispatchData, office: Office, spec: PageSpec, label: str
) -> list[Flowable]:
    s = styles(spec.font_size)
    sender = f"{ONE_STOP_SECTION}, {office.agency_name}" if office.agency_name else ONE_STOP_SECTION
    return [
        header(
            spec,
            agency_levels(office),
            date_line=place_and_date(office.place_name, dispatch.sent_at.date()),
        ),
        *title(spec, TITLE, SUBTITLE),
        text(f"({label})", s.italic_center),
        markup(f"Số hiệu bưu gửi: {bold(dispatch.item_number or BLANK)}", s.body),
        field_line(s.body, ("Dịch vụ bưu chính", dispatch.postal_service or BLANK)),
        field_line(s.body, ("Người gửi", sender)),
        field_line(s.body, ("Địa chỉ người gửi", dispatch.sender_address or BLANK)),
        markup(f"Người nhận: {bold(dispatch.recipient_name)}", s.body),
        field_line(s.body, ("Địa chỉ người nhận", dispatch.address or BLANK)),
        field_line(s.body, ("Số điện thoại", dispatch.phone or BLANK)),
        *dossier_lines(spec, dispatch.code, dispatch.applicant_name, dispatch.procedure_name),
        text("1. Kết quả giải quyết hồ sơ gửi:", s.body),
        *results_table(spec, dispatch.results),
        *papers_block(spec, "2. Giấy tờ bản chính trả lại kèm kết quả:", dispatch.originals),
        field_line(s.body, ("Thời gian giao bưu chính", clock_and_date(dispatch.sent_at))),
        text(SEALED, s.small),
        signatures(
            spec,
            Signature("Nhân viên bưu chính", name=dispatch.postal_worker),
            Signature("Người giao kết quả", name=dispatch.officer),
            space=12 * mm,
        ),
    ]
