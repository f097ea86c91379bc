"""Pieces BM 01, BM 02 and BM 03 share: who handed the dossier in, for what, and where to ask."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from printing.model import Office, PaperSize, SlipData
from printing.official_paper import (
    Marks,
    PageSpec,
    Section,
    Signature,
    agency_levels,
    field_line,
    header,
    page_spec,
    render_fitted,
    signatures,
    styles,
    text,
    title,
)
from printing.wording import BLANK, place_and_date

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


@dataclass(frozen=True)
class OnePageSlip:
    """The words that tell BM 02 and BM 03 apart in the frame they share."""

    form: str  # "BM 02"
    title: str
    help_opening: str  # WHILE_COMPLETING or ANY_QUESTION
    signer: str  # the officer's capacity above the signature


def render_one_page_slip(
    slip: SlipData,
    office: Office,
    paper: PaperSize,
    kind: OnePageSlip,
    *,
    received_from: str,
    body: Callable[[PageSpec], list[Flowable]],
) -> bytes:
    """BM 02 and BM 03: one sheet, the story shrunk to fit it, reprints marked.

    Both forms of Circular 01/2018 are the same frame (header, title, applicant,
    where to ask, signature) around their own ``body``.
    """

    def story(spec: PageSpec) -> list[Flowable]:
        s = styles(spec.font_size)
        return [
            header(
                spec,
                agency_levels(office),
                date_line=place_and_date(office.place_name, slip.received_at.date()),
            ),
            *title(spec, kind.title),
            *applicant_lines(slip, spec, received_from=received_from),
            *body(spec),
            text(help_sentence(office, kind.help_opening), s.body_justified),
            signatures(spec, Signature(kind.signer, name=slip.officer), space=14 * mm),
            reference_line(slip, spec),
        ]

    return render_fitted(
        lambda spec: [Section(spec, story(spec))],
        page_spec(paper),
        pages=1,
        title=f"{kind.form} – {kind.title}",
        author=office.agency_name,
        marks=Marks(print_number=slip.print_number),
    )
