"""BM 01 render time against a bare reportlab canvas drawing the same strings, in the same run.

- BM 01: the sample slip (both copies: layout, tables, the Code 128 and QR
  codes, the fitting to one sheet per copy) as PDF bytes;
- baseline: a canvas with the same embedded font drawing each line of the
  slip's text (taken from the slip itself) at a fixed place, two pages — the
  ratio is what the official layout costs over putting the words on the page;
- preview: rasterising the slip's pages at the preview's 96 dpi (what the
  window does before showing it), without a baseline.
"""

from __future__ import annotations

from io import BytesIO

import pypdfium2
from harness import emit, median_seconds
from reportlab.pdfgen.canvas import Canvas

from app.papers.samples import SAMPLE_OFFICE, sample_slip
from printing.bm01 import render_bm01
from printing.fonts import REGULAR, register_fonts
from printing.pages import page_images

SLIP = sample_slip("bm01")


def bm01() -> bytes:
    return render_bm01(SLIP, SAMPLE_OFFICE)


def page_lines(pdf: bytes) -> list[list[str]]:
    """The text lines of each page, as PDFium reads them back."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pages = []
        for index in range(len(document)):
            text: str = document[index].get_textpage().get_text_range()
            pages.append([line for line in text.splitlines() if line.strip()])
        return pages
    finally:
        document.close()


def bare_canvas(pages: list[list[str]]) -> bytes:
    register_fonts()
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(419.53, 595.28), invariant=True)
    for lines in pages:
        canvas.setFont(REGULAR, 9.5)
        for number, line in enumerate(lines):
            canvas.drawString(42, 570 - number * 11, line)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> None:
    pages = page_lines(bm01())
    emit(
        "BM 01 render (2 A5 copies)",
        median_seconds(bm01, repeat=15) * 1000,
        "ms",
        median_seconds(lambda: bare_canvas(pages), repeat=15) * 1000,
    )
    pdf = bm01()
    emit(
        "BM 01 preview raster (96 dpi, 2 pages)",
        median_seconds(lambda: list(page_images(pdf, 96)), repeat=9) * 1000,
        "ms",
    )


if __name__ == "__main__":
    main()
