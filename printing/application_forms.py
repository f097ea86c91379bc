"""The application forms (BM 04, and BM 05 for a training institution), pre-filled from a dossier.

Which form a procedure uses is the decision's choice (section IV of each
procedure); a catalogue version with other forms adds its entry here.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable

from printing.form_bilingual import foreigner_application, idp_application
from printing.form_exchange import exchange_application
from printing.form_instructor import (
    FIRST,
    REISSUE,
    InstructorTexts,
    institution_list,
    instructor_application,
)
from printing.model import Office, PaperSize, SlipData
from printing.official_paper import PageSpec, Section, page_spec, render_fitted

Form = Callable[[SlipData, Office, PageSpec], list[Flowable]]


def _instructor(texts: InstructorTexts) -> Form:
    def form(slip: SlipData, office: Office, spec: PageSpec) -> list[Flowable]:
        return instructor_application(slip, office, spec, texts)

    return form


FORMS: dict[str, Form] = {
    "doi-gtvt": exchange_application,
    "doi-cong-an": exchange_application,
    "doi-quan-su": exchange_application,
    "doi-nuoc-ngoai": foreigner_application,
    "doi-du-lich": foreigner_application,
    "idp-cap": idp_application,
    "idp-cap-lai": idp_application,
    "gv-cap": _instructor(FIRST),
    "gv-cap-lai": _instructor(REISSUE),
}
# Subcase B of the instructor procedures: the training institution hands the
# dossier in, with its list of instructors (BM 05).
INSTITUTION_LISTS: dict[tuple[str, str], InstructorTexts] = {
    ("gv-cap", "B"): FIRST,
    ("gv-cap-lai", "B"): REISSUE,
}
TITLE = "BM 04 – Đơn đề nghị"


class NoForm(ValueError):
    """The procedure has no application form this program can fill in."""


def render_application(slip: SlipData, office: Office, paper: PaperSize = "A4") -> bytes:
    procedure = slip.evaluation.procedure
    form = FORMS.get(procedure)
    if form is None:
        raise NoForm(f"no application form for procedure '{procedure}'")

    texts = INSTITUTION_LISTS.get((procedure, slip.evaluation.subcase or ""))

    def sections(spec: PageSpec) -> list[Section]:
        made = [Section(spec, form(slip, office, spec))]
        if texts is not None:
            wide = page_spec("A4", wide=True)
            made.append(Section(wide, institution_list(slip, wide, texts)))
        return made

    # One sheet for the application (and one for the list): the applicant signs one page.
    return render_fitted(
        sections,
        page_spec(paper),
        pages=1 if texts is None else 2,
        title=TITLE,
        author=office.agency_name,
    )
