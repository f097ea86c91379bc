"""Pieces BM 01, BM 02 and BM 03 share: who handed the dossier in, for what, and where to ask."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, SlipData
from printing.official_paper import (
    Marks,
    PageSpec,
    Section,
    field_line,
    page_spec,
    render_fitted,
    styles,
    text,
)
from printing.wording import BLANK

# The opening of the help sentence, in each slip's own words (Circular 01/2018 forms).
WHILE_COMPLETING = "Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc"
ANY_QUESTION = "Nếu có vướng mắc"


def applicant_lines(slip: SlipData, spec: PageSpec, *, received_from: str) -> list[Flowable]:
    """``received_from`` is the form's own words ("Tiếp nhận hồ sơ của", "Hồ sơ của")."""
    s = styles(spec.font_size)
    applicant = slip.request.applicant
    return [
        field_line(s.body, (received_from, applicant.full_name)),
        field_line(s.body, ("Địa chỉ", applicant.residence_address or BLANK)),
        field_line(
            s.body,
            ("Số điện thoại", applicant.phone or BLANK),
            ("Email", applicant.email or BLANK),
        ),
        field_line(s.body, ("Nội dung yêu cầu giải quyết", slip.evaluation.procedure_name)),
    ]


def help_sentence(office: Office, opening: str) -> str:
    """Who to ask, on which phone and website: from the point's settings, else dots to fill in."""
    officer = office.help_officer or BLANK
    phone = office.help_phone or BLANK
    sentence = f"{opening}, ông/bà liên hệ với {officer}, số điện thoại {phone}"
    if office.help_website:
        sentence += f" hoặc trang thông tin điện tử {office.help_website}"
    return sentence + " để được hướng dẫn./."


def reference_line(slip: SlipData, spec: PageSpec) -> Flowable:
    """The dossier id: the officer types it to continue this dossier when the applicant returns."""
    return text(f"Mã tham chiếu hồ sơ: {slip.dossier_id}", styles(spec.font_size).small)


def render_one_page_slip(
    slip: SlipData,
    office: Office,
    paper: PaperSize,
    title: str,
    story: Callable[[PageSpec], list[Flowable]],
) -> bytes:
    """BM 02 and BM 03: one sheet, the story shrunk to fit it, reprints marked."""

    def sections(spec: PageSpec) -> list[Section]:
        return [Section(spec, story(spec))]

    return render_fitted(
        sections,
        page_spec(paper),
        pages=1,
        title=title,
        author=office.agency_name,
        marks=Marks(print_number=slip.print_number),
    )
