"""The layout every paper shares, so that each paper only says what is on it.

An official Vietnamese paper (Decree 30/2020/NĐ-CP, Circular 01/2018/TT-VPCP):
the issuing body top-left in capitals with the one-stop section in bold and a
short rule under it; the national header top-right ("CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM" in bold capitals, the motto in bold with a rule as long as
it); the place and date in italics under the motto; the title in bold
capitals, centred; the body; bordered tables; signature blocks with the
capacity in bold capitals and "(Ký và ghi rõ họ tên)" in italics.

Sizes follow the paper: the slips are A5, the forms A4, the register A4
landscape, and the text scales with the page so that each fits its paper.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from printing.fonts import BOLD, ITALIC, REGULAR, register_fonts
from printing.model import Office, PaperSize
from printing.printable import ELLIPSIS, printable

ONE_STOP_SECTION = "Bộ phận tiếp nhận và trả kết quả"
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
SIGN_NOTE = "(Ký và ghi rõ họ tên)"
REPRINT = "BẢN IN LẠI"

Canvas = Any  # reportlab.pdfgen.canvas.Canvas, which has no type information


# ------------------------------------------------------------------------ pages


@dataclass(frozen=True)
class PageSpec:
    """A paper size with its margins and the body text size that fits it."""

    width: float
    height: float
    top: float
    right: float
    bottom: float
    left: float
    font_size: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def text_height(self) -> float:
        return self.height - self.top - self.bottom


def page_spec(size: PaperSize, *, wide: bool = False) -> PageSpec:
    """Portrait A5 or A4, or A4 landscape (``wide``) for tables with many columns.

    Margins as Decree 30/2020 sets them for A4 (left 30 mm for the binding, right
    15 mm, top and bottom 20 mm), scaled down for A5 where a slip must fit one side.
    """
    if size == "A5":
        width, height = A5
        return PageSpec(width, height, 9 * mm, 10 * mm, 8 * mm, 15 * mm, 9.5)
    width, height = landscape(A4) if wide else A4
    if wide:
        return PageSpec(width, height, 15 * mm, 12 * mm, 15 * mm, 15 * mm, 10)
    return PageSpec(width, height, 20 * mm, 15 * mm, 20 * mm, 30 * mm, 13)


# ----------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    size: float
    body: ParagraphStyle
    body_justified: ParagraphStyle
    form_line: ParagraphStyle
    center: ParagraphStyle
    italic_center: ParagraphStyle
    bold_center: ParagraphStyle
    title: ParagraphStyle
    title_continued: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    head_cell: ParagraphStyle
    header: ParagraphStyle
    header_bold: ParagraphStyle
    small: ParagraphStyle


@functools.cache
def styles(size: float) -> Styles:
    register_fonts()
    leading = size * 1.2

    def style(name: str, **changes: Any) -> ParagraphStyle:
        base: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": size,
            "leading": leading,
            "alignment": TA_LEFT,
            "spaceAfter": size * 0.1,
        }
        return ParagraphStyle(f"{name}-{size}", **(base | changes))

    small = size * 0.85
    # Families of styles that differ only in weight, alignment or spacing.
    title_text: dict[str, Any] = {
        "fontName": BOLD,
        "fontSize": size * 1.2,
        "leading": size * 1.45,
        "alignment": TA_CENTER,
    }
    cell_text: dict[str, Any] = {"fontSize": small, "leading": small * 1.2, "spaceAfter": 0}
    header_text: dict[str, Any] = {"fontSize": size * 0.9, "alignment": TA_CENTER, "spaceAfter": 0}
    return Styles(
        size=size,
        body=style("body"),
        body_justified=style("body-justified", alignment=TA_JUSTIFY),
        form_line=style("form-line", alignment=TA_JUSTIFY, spaceAfter=size * 0.35),
        center=style("center", alignment=TA_CENTER),
        italic_center=style("italic-center", fontName=ITALIC, alignment=TA_CENTER),
        bold_center=style("bold-center", fontName=BOLD, alignment=TA_CENTER),
        title=style("title", **title_text, spaceBefore=size * 0.6, spaceAfter=size * 0.2),
        title_continued=style("title-continued", **title_text, spaceAfter=size * 0.3),
        cell=style("cell", **cell_text),
        cell_center=style("cell-center", **cell_text, alignment=TA_CENTER),
        head_cell=style("head-cell", **cell_text, fontName=BOLD, alignment=TA_CENTER),
        header=style("header", **header_text),
        header_bold=style("header-bold", **header_text, fontName=BOLD),
        small=style("small", fontSize=small, leading=small * 1.2),
    )


# ------------------------------------------------------------------------ text


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: printable (``printing.printable``), and XML-escaped so
    that ``&`` or ``<`` print as typed."""
    return Paragraph(plain(value), style)


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph with reportlab markup (``<b>``, ``<i>``) that the caller escaped already."""
    return Paragraph(printable(value), style)


def bold(value: str) -> str:
    return f"<b>{plain(value)}</b>"


def plain(value: str) -> str:
    return escape(printable(value))


def field_line(style: ParagraphStyle, *fields: tuple[str, str]) -> Paragraph:
    """``Label: value`` pairs on one line (the line wraps when they do not fit)."""
    parts = [f"{plain(label)}: {plain(value)}" for label, value in fields]
    return markup("&nbsp;&nbsp;&nbsp;&nbsp;".join(parts), style)


class Rule(Flowable):  # type: ignore[misc]
    """A centred horizontal line: under the motto, and under the issuing body."""

    def __init__(self, length: float, thickness: float = 0.6, gap: float = 2.5) -> None:
        super().__init__()
        self.length, self.thickness, self.gap = length, thickness, gap

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.gap * 2

    def draw(self) -> None:
        start = (self.width - self.length) / 2
        self.canv.setLineWidth(self.thickness)
        self.canv.line(start, self.gap, start + self.length, self.gap)


# ----------------------------------------------------------------------- header


def agency_levels(office: Office, section: str | None = ONE_STOP_SECTION) -> list[str]:
    """The issuing body under the bodies it belongs to: parent agency, agency, section."""
    return [name for name in (office.parent_agency, office.agency_name, section) if name]


def header(
    spec: PageSpec,
    levels: Sequence[str],
    *,
    date_line: str | None = None,
) -> Table:
    """The two-column head of an official paper.

    Left: the issuing body in bold capitals under the bodies it belongs to
    (Decree 30/2020, Appendix I), and a short rule under them. Right:
    the national header and its rule, then the place and date in italics.
    """
    s = styles(spec.font_size)
    width = spec.frame_width
    left: list[Flowable] = [text(name.upper(), s.header) for name in levels[:-1]]
    if levels:
        left += [text(levels[-1].upper(), s.header_bold), Rule(width * 0.44 * 0.35)]
    right = national_header(spec)
    if date_line:
        right.append(text(date_line, s.italic_center))
    # The national header is the wider text: it gets the larger share of the width.
    return layout_table([left, right], [width * 0.44, width * 0.56])


def national_header(spec: PageSpec, *, english: bool = False) -> list[Flowable]:
    """``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`` and the motto over a rule as long as the motto.

    ``english`` adds the English header under it, as the bilingual forms have it.
    """
    s = styles(spec.font_size)
    lines = [(NATION, MOTTO)]
    if english:
        lines.append(("SOCIALIST REPUBLIC OF VIETNAM", "Independence - Freedom - Happiness"))
    flowables: list[Flowable] = []
    for nation, motto in lines:
        flowables += [
            text(nation, s.header_bold),
            text(motto, s.header_bold),
            Rule(stringWidth(motto, BOLD, s.header_bold.fontSize)),
        ]
    return flowables


def title(spec: PageSpec, *lines: str) -> list[Flowable]:
    """The paper's name in bold capitals, centred; further lines (a subtitle) in italics."""
    s = styles(spec.font_size)
    first, *rest = lines
    return [text(first.upper(), s.title), *(text(line, s.italic_center) for line in rest)]


# ----------------------------------------------------------------------- tables

# Inside a bordered table's cell, in points.
CELL_SIDE_PADDING = 3
CELL_TOP_PADDING = 2
CELL_BOTTOM_PADDING = 3
# A body row of a bordered table takes at most this share of the page's text height:
# reportlab cannot split a row, so a row taller than a page would stop the whole paper.
ROW_SHARE_OF_PAGE = 0.5


def layout_table(cells: Sequence[Any], widths: Sequence[float], *, valign: str = "TOP") -> Table:
    """One borderless row of side-by-side blocks (header, signatures, codes).

    Every table names its font: reportlab would otherwise select Helvetica for
    each cell, and a PDF must not refer to a font it does not embed.
    """
    table = Table([list(cells)], colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("VALIGN", (0, 0), (-1, -1), valign),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def clipped_text(value: str, style: ParagraphStyle, width: float, height: float) -> Paragraph:
    """``text(value, style)`` wrapped at ``width``; when it is taller than ``height``, the
    longest start of it that fits, with an ellipsis: wrap, then clip."""
    paragraph = text(value, style)
    lines = height // style.leading
    # No letter is wider than 1 em, and two lines together hold at least a line's width of
    # text (the word that did not fit on the first begins the second): n lines hold at
    # least (n - 1) / 2 lines of ems. A text shorter than that fits without measuring it.
    if len(value) <= (lines - 1) * width / style.fontSize / 2 or _fits(paragraph, width, height):
        return paragraph
    clean = printable(value)
    # Binary search: the first ``fitting`` characters fit, the first ``too_long`` do not.
    fitting, too_long = 0, len(clean)
    while too_long - fitting > 1:
        middle = (fitting + too_long) // 2
        if _fits(text(clean[:middle].rstrip() + ELLIPSIS, style), width, height):
            fitting = middle
        else:
            too_long = middle
    return text(clean[:fitting].rstrip() + ELLIPSIS, style)


def _fits(paragraph: Paragraph, width: float, height: float) -> bool:
    _, needed = paragraph.wrap(width, height)
    return bool(needed <= height)


# Every cell bordered, text centred vertically, the papers' paddings: the style of
# ``bordered_table`` and of the register's paged table (printing.register_pdf).
BORDERED: tuple[tuple[Any, ...], ...] = (
    ("FONTNAME", (0, 0), (-1, -1), REGULAR),
    ("GRID", (0, 0), (-1, -1), 0.5, "black"),
    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ("LEFTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
    ("RIGHTPADDING", (0, 0), (-1, -1), CELL_SIDE_PADDING),
    ("TOPPADDING", (0, 0), (-1, -1), CELL_TOP_PADDING),
    ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_BOTTOM_PADDING),
)


def bordered_table(
    spec: PageSpec,
    head: Sequence[Sequence[str]],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    centred_columns: Sequence[int] = (),
    spans: Sequence[tuple[tuple[int, int], tuple[int, int]]] = (),
    min_rows: int = 0,
) -> Table:
    """A table with every cell bordered; the head rows in bold and repeated on each page.

    ``widths`` are fractions of the frame width. ``spans`` join head cells
    ((col, row), (col, row)) for two-level headings. ``min_rows`` adds empty
    rows for the applicant to fill in by hand.
    """
    s = styles(spec.font_size)
    data: list[list[Any]] = [[text(cell, s.head_cell) for cell in row] for row in head]
    column_widths = [spec.frame_width * fraction for fraction in widths]
    most = spec.text_height * ROW_SHARE_OF_PAGE - CELL_TOP_PADDING - CELL_BOTTOM_PADDING
    for row in rows:
        data.append(
            [
                clipped_text(
                    cell,
                    s.cell_center if index in centred_columns else s.cell,
                    column_widths[index] - 2 * CELL_SIDE_PADDING,
                    most,
                )
                for index, cell in enumerate(row)
            ]
        )
    blanks = max(0, min_rows - len(rows))
    data += [["" for _ in widths] for _ in range(blanks)]
    commands = [*BORDERED, *(("SPAN", start, end) for start, end in spans)]
    # Rows left for handwriting need the room of a handwritten line.
    heights = [None] * (len(head) + len(rows)) + [s.size * 2] * blanks
    table = Table(
        data,
        colWidths=column_widths,
        rowHeights=heights,
        repeatRows=len(head),
    )
    table.setStyle(TableStyle(commands))
    return table


# ------------------------------------------------------------------- signatures


@dataclass(frozen=True)
class Signature:
    capacity: str  # NGƯỜI NỘP HỒ SƠ, NGƯỜI TIẾP NHẬN HỒ SƠ …
    note: str = SIGN_NOTE
    name: str = ""  # printed under the space for the signature when known
    date_line: str = ""  # an application's place and date, over its signature


def signatures(spec: PageSpec, *blocks: Signature, space: float = 18 * mm) -> KeepTogether:
    """Side-by-side signature blocks; a single block stands on the right, as on official papers."""
    s = styles(spec.font_size)
    cells: list[list[Flowable]] = [
        [
            *([text(block.date_line, s.italic_center)] if block.date_line else []),
            text(block.capacity.upper(), s.bold_center),
            text(block.note, s.italic_center),
            Spacer(1, space),
            text(block.name, s.bold_center),
        ]
        for block in blocks
    ]
    if len(cells) == 1:
        cells.insert(0, [])
    table = layout_table(cells, [spec.frame_width / len(cells)] * len(cells))
    return KeepTogether([Spacer(1, s.size * 0.4), table])


# ----------------------------------------------------------------------- output


@dataclass(frozen=True)
class Section:
    """Pages of one size: a paper may join a portrait form and a landscape list."""

    spec: PageSpec
    story: list[Flowable]


@dataclass(frozen=True)
class Marks:
    """What is drawn on every page, outside the flow of text."""

    print_number: int = 1
    page_numbers: bool = False


def reprint_label(print_number: int) -> str:
    return f"{REPRINT} (lần in thứ {print_number})"


def _draw_marks(marks: Marks, spec: PageSpec) -> Callable[[Canvas, Any], None]:
    def draw(canvas: Canvas, document: Any) -> None:
        canvas.saveState()
        if marks.print_number > 1:
            # Top right, boxed: a reprint must never pass for the first paper.
            label = reprint_label(marks.print_number)
            size = spec.font_size * 0.9
            width = stringWidth(label, BOLD, size)
            x = spec.width - spec.right - width
            y = spec.height - spec.top / 2 - size / 2
            canvas.setFont(BOLD, size)
            canvas.drawString(x, y, label)
            canvas.setLineWidth(0.8)
            canvas.rect(x - 3, y - 3, width + 6, size + 5)
        if marks.page_numbers:
            canvas.setFont(REGULAR, spec.font_size * 0.85)
            canvas.drawCentredString(spec.width / 2, spec.bottom / 2, f"Trang {document.page}")
        canvas.restoreState()

    return draw


def render(
    sections: Sequence[Section], *, title: str, author: str, marks: Marks | None = None
) -> bytes:
    """The PDF of the sections, each starting on a new page of its own size."""
    return _build(sections, title, author, marks or Marks())[0]


def render_fitted(
    make: Callable[[PageSpec], Sequence[Section]],
    spec: PageSpec,
    *,
    pages: int,
    title: str,
    author: str,
    marks: Marks | None = None,
) -> bytes:
    """The paper at the largest text size, down to 1.5 pt smaller, that fits in ``pages`` pages.

    A slip that runs onto another sheet is easily lost or left unsigned, so a
    dossier with many or long items is set a little smaller rather than split;
    one that still does not fit is printed at full size over more pages.
    """
    marks = marks or Marks()
    for smaller in fitting_sizes(spec):
        pdf, count = _build(make(smaller), title, author, marks)
        if count <= pages:
            return pdf
    return _build(make(spec), title, author, marks)[0]


def fitting_sizes(spec: PageSpec) -> list[PageSpec]:
    """The text sizes ``render_fitted`` tries for a paper, largest first: down to 1.5 pt
    smaller, by half points."""
    return [replace(spec, font_size=spec.font_size - 0.5 * step) for step in range(4)]


def _build(sections: Sequence[Section], title: str, author: str, marks: Marks) -> tuple[bytes, int]:
    """The PDF and its number of pages.

    ``invariant`` leaves out the creation time and the random document id, so
    the same paper gives the same bytes (tests, and a reprint that differs only
    where it should). The title and author are metadata and never carry
    personal data.
    """
    register_fonts()
    buffer = BytesIO()
    first = sections[0].spec
    document = BaseDocTemplate(
        buffer,
        pagesize=(first.width, first.height),
        title=printable(title),
        author=printable(author),
        creator="motcua",
        lang="vi-VN",
        invariant=True,
        initialFontName=REGULAR,
    )
    templates = []
    story: list[Flowable] = []
    for index, section in enumerate(sections):
        spec = section.spec
        frame = Frame(
            spec.left,
            spec.bottom,
            spec.frame_width,
            spec.height - spec.top - spec.bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        template_id = f"section-{index}"
        templates.append(
            PageTemplate(
                id=template_id,
                frames=[frame],
                pagesize=(spec.width, spec.height),
                onPage=_draw_marks(marks, spec),
            )
        )
        if index:
            story += [NextPageTemplate(template_id), PageBreak()]
        story += section.story
    document.addPageTemplates(templates)
    document.build(story)
    return buffer.getvalue(), document.page


def new_page() -> PageBreak:
    return PageBreak()
