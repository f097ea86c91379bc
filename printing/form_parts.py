"""Pieces the application forms (BM 04) share: head, addressee, declaration, signature.

The forms are the applicant's own papers: no issuing body top-left, only the
national header, centred, as in the decision. Each value taken from the dossier
replaces the dotted blank of the printed form; what the dossier does not know
stays a dotted blank for the applicant to fill in by hand.
"""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import Flowable, KeepTogether, Spacer

from app.countries import COUNTRIES
from app.dossier.request import DossierRequest, HeldLicence
from printing.official_paper import (
    PageSpec,
    Signature,
    bold,
    markup,
    national_header,
    plain,
    signatures,
    styles,
    text,
)
from printing.wording import BLANK, bilingual_date, place_and_date

APPLICANT = "Người làm đơn"
APPLICANT_NOTE = "(Ký và ghi rõ họ, tên)"


def form_head(spec: PageSpec, *titles: str, english: bool = False) -> list[Flowable]:
    """National header, then the title lines in bold capitals (English lines as printed)."""
    s = styles(spec.font_size)
    flowables = national_header(spec, english=english)
    flowables.append(Spacer(1, s.size * 0.6))
    first, *more = titles
    flowables += [text(first, s.title), *(text(line, s.title_continued) for line in more)]
    return flowables


def addressee(spec: PageSpec, *lines: str) -> list[Flowable]:
    s = styles(spec.font_size)
    return [
        Spacer(1, s.size * 0.3),
        *(text(line, s.center) for line in lines),
        Spacer(1, s.size * 0.4),
    ]


# Between two fields of one printed line ("Tôi là: …<TAB>Quốc tịch: …"): a tab in
# the texts below, printed as a wide gap that never breaks or collapses.
GAP = "\t"
_WIDE_GAP = "&nbsp;" * 4


def lines(spec: PageSpec, *paragraphs: str) -> list[Flowable]:
    """The body of a form, one paragraph per printed line, spaced for handwritten corrections."""
    s = styles(spec.font_size)
    return [
        markup(_WIDE_GAP.join(plain(part) for part in paragraph.split(GAP)), s.form_line)
        for paragraph in paragraphs
    ]


def signature(
    spec: PageSpec,
    place: str,
    day: dt.date,
    name: str,
    *,
    bilingual: bool = False,
    capacity: str = APPLICANT,
    note: str = APPLICANT_NOTE,
) -> KeepTogether:
    """Place and date over the applicant's signature, on the right."""
    if bilingual:
        date_line = f"{place or BLANK}, {bilingual_date(day)}"
    else:
        date_line = place_and_date(place or BLANK, day)
    return signatures(
        spec,
        Signature(capacity, note=note, name=name, date_line=date_line),
        space=signature_space(spec),
    )


def signature_space(spec: PageSpec) -> float:
    """Room for a signature: about two lines of handwriting."""
    return spec.font_size * 4


def footnotes(spec: PageSpec, *notes: str) -> list[Flowable]:
    """``Ghi chú:`` in bold, then the notes in small print."""
    s = styles(spec.font_size)
    return [
        Spacer(1, s.size * 0.5),
        markup(bold("Ghi chú:"), s.small),
        *(text(note, s.small) for note in notes),
    ]


def first_licence(request: DossierRequest) -> HeldLicence | None:
    """The licence the form asks about: the first one presented."""
    return request.licences[0] if request.licences else None


def issuing_country(licence: HeldLicence | None) -> str | None:
    """The Vietnamese name of a foreign licence's issuing country, when it was recorded."""
    if licence is None or licence.country is None:
        return None
    country = COUNTRIES.get(licence.country)
    return country.vi if country else licence.country


def classes(values: list[str]) -> str:
    return ", ".join(values) if values else BLANK


def long_date(day: dt.date | None) -> str:
    """``14 tháng 02 năm 1988``: the forms' ``…. tháng …. năm ….`` filled in."""
    return BLANK if day is None else f"{day.day:02d} tháng {day.month:02d} năm {day.year}"


def bilingual_long_date(day: dt.date | None) -> str:
    """``ngày (date): 03 tháng (month) 02 năm (year) 2022``."""
    if day is None:
        return f"ngày (date): {BLANK} tháng (month) {BLANK} năm (year) {BLANK}"
    return f"ngày (date): {day.day:02d} tháng (month) {day.month:02d} năm (year) {day.year}"
