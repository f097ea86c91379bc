"""Phiếu giao nhận kết quả: the result handed back at the counter, to the applicant or a proxy.

Decree 61/2018 art. 6(2)(b): the applicant collects with BM 01; someone
collecting for them brings the applicant's written authorisation, and the
counter checks their identity document. Art. 20: the full result is handed
over, and the originals taken in with the dossier are handed back (or kept,
with the reason). The paper records who collected, against which document,
what was handed over, when and by whom, and both sign it.

A5, as the slips it stands beside (BM 01): two one page each, one
kept with the dossier and one for the person who collected.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, ResultReceiptData
from printing.official_paper import (
    PageSpec,
    Signature,
    agency_levels,
    field_line,
    header,
    signatures,
    styles,
    text,
    title,
)
from printing.return_parts import (
    ID_DOCUMENTS,
    dossier_lines,
    originals_block,
    render_copies,
    results_table,
)
from printing.wording import BLANK, clock_and_date, place_and_date, short_date

TITLE = "Phiếu giao nhận kết quả giải quyết hồ sơ"
COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nhận kết quả")
APPLICANT = "người nộp hồ sơ"
PROXY = "người được ủy quyền"


def render_result_receipt(
    receipt: ResultReceiptData, office: Office, paper: PaperSize = "A5"
) -> bytes:
    return render_copies(
        paper,
        COPIES,
        lambda spec, label: _copy(receipt, office, spec, label),
        title=f"{TITLE} {receipt.code}",
        author=office.agency_name,
        print_number=receipt.print_number,
    )


def _copy(receipt: ResultReceiptData, office: Office, spec: PageSpec, label: str) -> list[Flowable]:
    s = styles(spec.font_size)
    collector = receipt.collector
    return [
        header(
            spec,
            agency_levels(office),
            date_line=place_and_date(office.place_name, receipt.returned_at.date()),
        ),
        *title(spec, TITLE),
        text(f"({label})", s.italic_center),
        *dossier_lines(spec, receipt.code, receipt.applicant_name, receipt.procedure_name),
        field_line(
            s.body,
            ("Thời gian nhận hồ sơ", clock_and_date(receipt.received_at)),
        ),
        field_line(
            s.body,
            ("Hẹn trả kết quả", clock_and_date(receipt.due_at) if receipt.due_at else BLANK),
        ),
        field_line(
            s.body,
            (
                "Người nhận kết quả",
                f"{collector.full_name} ({APPLICANT if receipt.authorisation is None else PROXY})",
            ),
        ),
        field_line(
            s.body,
            ("Giấy tờ tùy thân", f"{ID_DOCUMENTS[collector.id_type]} số {collector.id_number}"),
        ),
        *_authorisation(receipt, spec),
        field_line(s.body, ("Giấy tiếp nhận hồ sơ và hẹn trả kết quả", _bm01(receipt))),
        text("1. Kết quả giải quyết hồ sơ đã nhận:", s.body),
        *results_table(spec, receipt.results),
        *originals_block(spec, "2. Giấy tờ bản chính đã nộp:", receipt.originals),
        field_line(s.body, ("Thời gian trả kết quả", clock_and_date(receipt.returned_at))),
        signatures(
            spec,
            Signature("Người nhận kết quả", name=collector.full_name),
            Signature("Người trả kết quả", name=receipt.officer),
            space=12 * mm,
        ),
    ]


def _authorisation(receipt: ResultReceiptData, spec: PageSpec) -> list[Flowable]:
    authorisation = receipt.authorisation
    if authorisation is None:
        return []
    value = f"số {authorisation.reference}"
    if authorisation.signed_on is not None:
        value += f", ngày {short_date(authorisation.signed_on)}"
    value += ", có chứng thực" if authorisation.certified else ", không chứng thực"
    return [field_line(styles(spec.font_size).body, ("Giấy ủy quyền", value))]


def _bm01(receipt: ResultReceiptData) -> str:
    if receipt.bm01_presented:
        return "có xuất trình"
    reason = receipt.bm01_missing_reason or BLANK
    return f"không xuất trình (lý do: {reason})"
