"""A paper's pages as images, rendered from its PDF: what the preview shows and the printer gets.

The window never lays a paper out again: it rasterises the very PDF that a
file would hold (PDFium, through pypdfium2), so the preview, the printout and
the saved file cannot differ. Qt's own PDF module is not in the PySide6 wheel
the program ships.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pypdfium2
from PIL import Image

POINTS_PER_INCH = 72


@dataclass(frozen=True)
class PageSize:
    width: float  # points
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def page_sizes(pdf: bytes) -> list[PageSize]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [PageSize(*document[index].get_size()) for index in range(len(document))]
    finally:
        document.close()


def page_images(pdf: bytes, dpi: float) -> Iterator[Image.Image]:
    """Each page as an RGB image at ``dpi``, one at a time (a page at 300 dpi is ~10 MB)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            image: Image.Image = page.render(scale=dpi / POINTS_PER_INCH).to_pil()
            page.close()
            yield image.convert("RGB")
    finally:
        document.close()
