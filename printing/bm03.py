"""BM 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (Circular 01/2018/TT-VPCP, form 03).

The reasons are the failed conditions of the evaluation, each worded for this
paper in the catalogue, so the applicant learns why in the law's own terms.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, SlipData
from printing.official_paper import (
    ONE_STOP_SECTION,
    PageSpec,
    Signature,
    agency_levels,
    header,
    signatures,
    styles,
    text,
    title,
)
from printing.slip_parts import (
    ANY_QUESTION,
    applicant_lines,
    help_sentence,
    reference_line,
    render_one_page_slip,
)
from printing.wording import place_and_date

TITLE = "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
AFTER_REVIEW = (
    "Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, Bộ phận tiếp nhận và "
    "trả kết quả từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:"
)
PLEASE_NOTE = "Xin thông báo cho ông/bà biết và thực hiện./."


class NotRefused(ValueError):
    """BM 03 gives the reasons of a refusal; a round that was not refused has none."""


def render_bm03(slip: SlipData, office: Office, paper: PaperSize = "A5") -> bytes:
    if not slip.evaluation.refusals:
        raise NotRefused("BM 03 needs a refused round")

    return render_one_page_slip(
        slip, office, paper, f"BM 03 – {TITLE}", lambda spec: _story(slip, office, spec)
    )


def _story(slip: SlipData, office: Office, spec: PageSpec) -> list[Flowable]:
    s = styles(spec.font_size)
    receiver = f"{ONE_STOP_SECTION} {office.agency_name}".strip()
    return [
        header(
            spec,
            agency_levels(office),
            date_line=place_and_date(office.place_name, slip.received_at.date()),
        ),
        *title(spec, TITLE),
        *applicant_lines(slip, spec, received_from=f"{receiver} tiếp nhận hồ sơ của"),
        text(AFTER_REVIEW, s.body_justified),
        *(
            text(f"{index}. {refusal.reason}", s.body_justified)
            for index, refusal in enumerate(slip.evaluation.refusals, start=1)
        ),
        text(PLEASE_NOTE, s.body),
        text(help_sentence(office, ANY_QUESTION), s.body_justified),
        signatures(spec, Signature("Người tiếp nhận hồ sơ", name=slip.officer), space=14 * mm),
        reference_line(slip, spec),
    ]
