"""Mẫu 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (Circular 01/2018/TT-VPCP, form 04).

A dossier that cannot be settled by the date on BM 01 is given a new date once
(Decree 61/2018 art. 19(9)): the applicant gets this letter, which names the
dossier, the date first promised, why it is late, an apology and the new date.
Not to be confused with BM 04 of Decision 4225, the application form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, SlipData
from printing.official_paper import (
    ONE_STOP_SECTION,
    Marks,
    PageSpec,
    Section,
    Signature,
    agency_levels,
    bold,
    field_line,
    header,
    markup,
    page_spec,
    plain,
    render_fitted,
    signatures,
    styles,
    text,
    title,
)
from printing.printable import NAME, PaperData, bound
from printing.slip_parts import applicant_lines
from printing.wording import clock_and_date, official_date, place_and_date

TITLE = "Phiếu xin lỗi và hẹn lại ngày trả kết quả"
PLEASE_UNDERSTAND = "Rất mong nhận được sự thông cảm của ông/bà./."
BRING_THE_SLIPS = (
    "Người nộp hồ sơ mang theo Phiếu này cùng Giấy tiếp nhận hồ sơ và hẹn trả kết quả "
    "khi đến nhận kết quả."
)


@dataclass(frozen=True)
class ApologyData(PaperData):
    """A re-appointed dossier, as Mẫu 04 shows it.

    ``slip`` is the accepted round (applicant, procedure, code, time of
    receipt) with the print number of this letter.
    """

    slip: SlipData
    original_due_at: dt.datetime
    new_due_at: dt.datetime
    reason: str
    decided_at: dt.datetime
    officer: str = field(metadata=bound(NAME))


def render_mau04(apology: ApologyData, office: Office, paper: PaperSize = "A5") -> bytes:
    slip = apology.slip
    if slip.code is None:
        raise ValueError("Mẫu 04 is for an accepted dossier, with its code")

    def story(spec: PageSpec) -> list[Flowable]:
        s = styles(spec.font_size)
        unit = f"{ONE_STOP_SECTION} {office.agency_name}".strip()
        applicant = slip.request.applicant.full_name
        return [
            header(
                spec,
                agency_levels(office),
                date_line=place_and_date(office.place_name, apology.decided_at.date()),
            ),
            *title(spec, TITLE),
            markup(f"Kính gửi: ông/bà {bold(applicant)}", s.center),
            markup(f"Mã hồ sơ: {bold(slip.code or '')}", s.body),
            *applicant_lines(slip, spec, received_from="Hồ sơ của"),
            text(
                f"Ngày {official_date(slip.received_at.date()).removeprefix('ngày ')}, {unit} "
                "đã tiếp nhận hồ sơ của ông/bà và hẹn trả kết quả vào "
                f"{clock_and_date(apology.original_due_at)}.",
                s.body_justified,
            ),
            text(
                "Tuy nhiên đến nay, hồ sơ của ông/bà chưa giải quyết xong đúng thời hạn ghi "
                "trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.",
                s.body_justified,
            ),
            field_line(s.body_justified, ("Lý do chậm trễ", _sentence(apology.reason))),
            text(
                f"Sự chậm trễ này đã gây phiền hà cho ông/bà. {unit} thành thật xin lỗi "
                "ông/bà và hẹn lại thời gian trả kết quả như sau:",
                s.body_justified,
            ),
            markup(
                f"{plain('Thời gian hẹn trả kết quả mới')}: "
                f"{bold(clock_and_date(apology.new_due_at))}",
                s.body,
            ),
            text(PLEASE_UNDERSTAND, s.body),
            signatures(
                spec, Signature("Người tiếp nhận hồ sơ", name=apology.officer), space=14 * mm
            ),
            text(BRING_THE_SLIPS, s.small),
        ]

    return render_fitted(
        lambda spec: [Section(spec, story(spec))],
        page_spec(paper),
        pages=1,
        title=f"Mẫu 04 – {TITLE}",
        author=office.agency_name,
        marks=Marks(print_number=slip.print_number),
    )


def _sentence(reason: str) -> str:
    """The officer's reason as a sentence on the paper: it ends with a full stop."""
    reason = reason.strip()
    return reason if reason.endswith((".", "!", "?")) else f"{reason}."
