"""Pieces the papers of handing a result back share: the dossier, the papers handed over, copies.

The hand-over receipt (``printing.result_receipt``) and the Phiếu gửi hồ sơ
(``printing.postal_slip``) both name the dossier, list the result and, as lines
of their own, the originals taken in with the dossier (Decree 61/2018 art. 20(2);
Decision 45/2016/QĐ-TTg art. 9 asks for them to be recorded separately), and
are signed by both sides, each side keeping a copy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.platypus import Flowable, Spacer

from app.dossier.request import IdentityType
from printing.model import OriginalPaper, PaperSize, ResultPaper
from printing.official_paper import (
    Marks,
    PageSpec,
    Section,
    bold,
    bordered_table,
    field_line,
    markup,
    new_page,
    page_spec,
    render_fitted,
    styles,
    text,
)
from printing.wording import two_digits

# How the papers name an identity document.
ID_DOCUMENTS = {
    IdentityType.CITIZEN_ID: "Căn cước/Căn cước công dân",
    IdentityType.OLD_ID: "Chứng minh nhân dân",
    IdentityType.PASSPORT: "Hộ chiếu",
}
HANDED_BACK = "Đã trả lại"
KEPT = "Lưu tại cơ quan"
NONE = "Không có."


def dossier_lines(
    spec: PageSpec, code: str, applicant_name: str, procedure_name: str
) -> list[Flowable]:
    """Which dossier: its code in bold, whose it is, what it asked for."""
    s = styles(spec.font_size)
    return [
        markup(f"Mã hồ sơ: {bold(code)}", s.body),
        field_line(s.body, ("Hồ sơ của", applicant_name)),
        field_line(s.body, ("Nội dung yêu cầu giải quyết", procedure_name)),
    ]


def results_table(spec: PageSpec, results: Sequence[ResultPaper]) -> list[Flowable]:
    """The result: each paper handed over, with its quantity."""
    table = bordered_table(
        spec,
        [["TT", "Tên giấy tờ", "Số lượng"]],
        [
            [str(index), paper.name, two_digits(paper.quantity)]
            for index, paper in enumerate(results, start=1)
        ],
        [0.08, 0.77, 0.15],
        centred_columns=(0, 2),
    )
    return [table, _after_table(spec)]


def papers_block(spec: PageSpec, heading: str, papers: Sequence[ResultPaper]) -> list[Flowable]:
    """``heading`` and the papers with their quantities; "Không có." after it when none."""
    if not papers:
        return [text(f"{heading} {NONE}", styles(spec.font_size).body)]
    return [text(heading, styles(spec.font_size).body), *results_table(spec, papers)]


def originals_block(
    spec: PageSpec, heading: str, originals: Sequence[OriginalPaper]
) -> list[Flowable]:
    """``heading`` and a table of the originals, each handed back or kept with its reason;
    "Không có." after the heading when none was taken in."""
    s = styles(spec.font_size)
    if not originals:
        return [text(f"{heading} {NONE}", s.body)]
    rows = [
        [
            str(index),
            paper.name,
            two_digits(paper.quantity),
            f"{KEPT}: {paper.kept_reason}" if paper.kept_reason else HANDED_BACK,
        ]
        for index, paper in enumerate(originals, start=1)
    ]
    table = bordered_table(
        spec,
        [["TT", "Tên giấy tờ", "Số lượng", "Xử lý"]],
        rows,
        [0.08, 0.5, 0.13, 0.29],
        centred_columns=(0, 2),
    )
    return [text(heading, s.body), table, _after_table(spec)]


def _after_table(spec: PageSpec) -> Spacer:
    return Spacer(1, spec.font_size * 0.3)


def render_copies(
    paper: PaperSize,
    labels: Sequence[str],
    copy: Callable[[PageSpec, str], list[Flowable]],
    *,
    title: str,
    author: str,
    print_number: int,
) -> bytes:
    """A paper of several copies, one page each, each naming itself (``Liên 1: Lưu`` …), as
    BM 01's copies do; the text is fitted so that each copy stays on its page."""

    def sections(spec: PageSpec) -> list[Section]:
        story: list[Flowable] = []
        for index, label in enumerate(labels):
            if index:
                story.append(new_page())
            story += copy(spec, label)
        return [Section(spec, story)]

    return render_fitted(
        sections,
        page_spec(paper),
        pages=len(labels),
        title=title,
        author=author,
        marks=Marks(print_number=print_number),
    )
