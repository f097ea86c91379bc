"""The register for a period as a PDF: A4 landscape, the table repeated under each page's head.

A year's register holds thousands of lines. Given one Table of them, reportlab splits it at
every page break into the page's part and a new Table of all the lines left, whose every cell
it wraps again: the work grows faster than the lines (5,000 lines took 21 s, 22 s measured).
``PagedRows`` measures each line once and hands reportlab one Table per page, of the same
cells, widths, grid and repeated heading as ``official_paper.bordered_table`` draws (the
same commands; the pages come out pixel for pixel as the single table's did).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from printing.model import Office, RegisterPeriod, RegisterRow
from printing.official_paper import (
    BORDERED,
    CELL_BOTTOM_PADDING,
    CELL_SIDE_PADDING,
    CELL_TOP_PADDING,
    ROW_SHARE_OF_PAGE,
    Marks,
    PageSpec,
    Section,
    agency_levels,
    clipped_text,
    header,
    page_spec,
    render,
    styles,
    text,
    title,
)
from printing.register import COLUMNS, TITLE, as_text, book_label, period_label

CENTRED = (0, 6, 7, 8, 9)
# Kept free at a page's foot, so that adding heights up never puts a table past it.
_FUZZ = 1e-6
_STYLE = TableStyle(list(BORDERED))


class PagedRows(Flowable):  # type: ignore[misc]
    """A long bordered table, its heading repeated, laid out as one ``Table`` per page.

    ``cells`` are the heading's row then the body's; ``heights`` each row's height, as
    reportlab measured it once in a single Table of the same cells and widths (a row's
    height depends only on its own cells). Each page's Table is given those heights, so
    that reportlab wraps no cell again before drawing it.
    """

    def __init__(
        self, cells: list[list[Paragraph]], widths: list[float], heights: list[float]
    ) -> None:
        super().__init__()
        self.cells, self.widths, self.heights = cells, widths, heights
        # ends[i]: the height of body rows 0 to i (excluded), shared by every part.
        self.ends = [0.0, *accumulate(heights[1:])]
        self.first = 0  # this part's first body row
        self.last = len(cells) - 1  # and the one after its last

    def _part(self, first: int, last: int) -> PagedRows:
        # A new flowable (reportlab marks the one it moved to a new page: not the parts).
        part = PagedRows.__new__(PagedRows)
        Flowable.__init__(part)
        part.cells, part.widths, part.heights, part.ends = (
            self.cells,
            self.widths,
            self.heights,
            self.ends,
        )
        part.first, part.last = first, last
        return part

    def _height(self, last: int) -> float:
        return self.heights[0] + self.ends[last] - self.ends[self.first]

    def table(self) -> Table:
        rows = slice(self.first + 1, self.last + 1)
        table = Table(
            [self.cells[0], *self.cells[rows]],
            colWidths=self.widths,
            rowHeights=[self.heights[0], *self.heights[rows]],
            repeatRows=1,
        )
        table.setStyle(_STYLE)
        return table

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self._height(self.last)
        return self.width, self.height

    def split(self, _available_width: float, available_height: float) -> list[Flowable]:
        last = self.first
        while last < self.last and self._height(last + 1) <= available_height - _FUZZ:
            last += 1
        if last == self.first:
            return []  # not one row fits under the heading: on to the next page
        if last == self.last:
            return [self]
        return [self._part(self.first, last).table(), self._part(last, self.last)]

    def draw(self) -> None:
        table = self.table()
        table.wrapOn(self.canv, self.width, self.height)
        table.drawOn(self.canv, 0, 0)


def register_table(spec: PageSpec, rows: Sequence[Sequence[str]]) -> PagedRows:
    """The register's table: bordered_table's cells (the heading in bold, the body's cells
    clipped to half a page), measured once.

    A text that comes again in the same column (the agency, a procedure's name, the form of
    delivery, an empty cell) is one Paragraph, parsed once: reportlab wraps a cell's
    paragraph to the column's width just before drawing it, so cells may share one."""
    s = styles(spec.font_size)
    widths = [spec.frame_width * column.share for column in COLUMNS]
    most = spec.text_height * ROW_SHARE_OF_PAGE - CELL_TOP_PADDING - CELL_BOTTOM_PADDING
    cells: list[list[Paragraph]] = [[text(column.heading, s.head_cell) for column in COLUMNS]]
    known: dict[tuple[int, str], Paragraph] = {}
    for row in rows:
        line = []
        for index, cell in enumerate(row):
            paragraph = known.get((index, cell))
            if paragraph is None:
                paragraph = known[index, cell] = clipped_text(
                    cell,
                    s.cell_center if index in CENTRED else s.cell,
                    widths[index] - 2 * CELL_SIDE_PADDING,
                    most,
                )
            line.append(paragraph)
        cells.append(line)
    whole: Any = Table(cells, colWidths=widths, repeatRows=1, longTableOptimize=0)
    whole.setStyle(_STYLE)
    whole.wrap(spec.frame_width, float("inf"))
    # reportlab keeps the heights it measured in ``_rowHeights`` (no public accessor).
    return PagedRows(cells, widths, [float(height) for height in whole._rowHeights])


def render_register_pdf(
    rows: Sequence[RegisterRow], office: Office, period: RegisterPeriod
) -> bytes:
    spec = page_spec("A4", wide=True)
    s = styles(spec.font_size)
    story = [
        header(spec, agency_levels(office)),
        *title(spec, TITLE, f"Quyển số: {book_label(period)}", period_label(period)),
        text(f"Số hồ sơ: {len(rows)}", s.body),
        register_table(spec, [[as_text(column.value(row)) for column in COLUMNS] for row in rows]),
    ]
    return render(
        [Section(spec, story)],
        title=f"BM 06 – {TITLE}",
        author=office.agency_name,
        marks=Marks(page_numbers=True),
    )
