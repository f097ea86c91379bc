"""BM 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (Circular 01/2018/TT-VPCP, form 03).

The reasons are the failed conditions of the evaluation, each worded for this
paper in the catalogue, so the applicant learns why in the law's own terms.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, SlipData
from printing.official_paper import ONE_STOP_SECTION, PageSpec, styles, text
from printing.slip_parts import ANY_QUESTION, OnePageSlip, render_one_page_slip

TITLE = "Phiếu từ chối tiếp nhận giải quyết hồ sơ"
AFTER_REVIEW = (
    "Sau khi xem xét hồ sơ, đối chiếu với các quy định hiện hành, Bộ phận tiếp nhận và "
    "trả kết quả từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:"
)
PLEASE_NOTE = "Xin thông báo cho ông/bà biết và thực hiện./."
BM03 = OnePageSlip("BM 03", TITLE, help_opening=ANY_QUESTION, signer="Người tiếp nhận hồ sơ")


class NotRefused(ValueError):
    """BM 03 gives the reasons of a refusal; a round that was not refused has none."""


def render_bm03(slip: SlipData, office: Office, paper: PaperSize = "A5") -> bytes:
    if not slip.evaluation.refusals:
        raise NotRefused("BM 03 needs a refused round")
    receiver = f"{ONE_STOP_SECTION} {office.agency_name}".strip()
    return render_one_page_slip(
        slip,
        office,
        paper,
        BM03,
        received_from=f"{receiver} tiếp nhận hồ sơ của",
        body=lambda spec: _body(slip, spec),
    )


def _body(slip: SlipData, spec: PageSpec) -> list[Flowable]:
    s = styles(spec.font_size)
    return [
        text(AFTER_REVIEW, s.body_justified),
        *(
            text(f"{index}. {refusal.reason}", s.body_justified)
            for index, refusal in enumerate(slip.evaluation.refusals, start=1)
        ),
        text(PLEASE_NOTE, s.body),
    ]
