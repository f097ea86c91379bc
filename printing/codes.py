"""The dossier code as a Code 128 barcode and as a QR code, drawn as vector shapes.

python-barcode and segno compute the symbols; the bars and modules are drawn
as filled rectangles straight into the PDF, so they are sharp at any printer
resolution and no image library is involved. Adjacent dark modules are drawn
as one rectangle: no hairline gaps between them at any zoom, and fewer shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import segno
from barcode import Code128
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

# ISO/IEC 15417 wants a quiet zone of at least 10 modules on each side of a Code 128.
BARCODE_QUIET_MODULES = 10
# ISO/IEC 18004: 4 modules of quiet zone around a QR code.
QR_QUIET_MODULES = 4


def code128_modules(value: str) -> str:
    """The symbol as a string of '1' (bar) and '0' (space) modules, quiet zones excluded."""
    modules: str = Code128(value).build()[0]
    return modules


def qr_rows(value: str) -> list[list[bool]]:
    """The QR symbol's modules, row by row, quiet zone excluded (error correction M)."""
    symbol = segno.make(value, error="m", micro=False, boost_error=False)
    return [[bool(cell) for cell in row] for row in symbol.matrix]


def _runs(cells: Iterable[bool]) -> Iterator[tuple[int, int]]:
    """(start, length) of each run of dark cells."""
    start = None
    index = -1
    for index, dark in enumerate(cells):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None
    if start is not None:
        yield start, index + 1 - start


class _Symbol(Flowable):  # type: ignore[misc]
    """A fixed-size symbol of black rectangles, ``module`` wide per module."""

    width: float
    height: float
    module: float

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return self.width, self.height

    def fill_runs(
        self, cells: Iterable[bool], *, left: float, bottom: float, height: float
    ) -> None:
        """One black rectangle per run of dark cells of a line starting at ``left``."""
        for start, length in _runs(cells):
            self.canv.rect(
                left + start * self.module, bottom, length * self.module, height, stroke=0, fill=1
            )


class Barcode128(_Symbol):
    """A Code 128 symbol ``module`` wide per module, with its quiet zones."""

    def __init__(
        self,
        value: str,
        *,
        module: float = 0.3 * mm,
        height: float = 10 * mm,
        modules: str | None = None,
    ) -> None:
        """``modules``: the symbol of ``value`` already computed (``code128_modules``)."""
        super().__init__()
        self.modules = code128_modules(value) if modules is None else modules
        self.module, self.bar_height = module, height
        self.width = (len(self.modules) + 2 * BARCODE_QUIET_MODULES) * module
        self.height = height

    def draw(self) -> None:
        self.canv.setFillColorRGB(0, 0, 0)
        self.fill_runs(
            (module == "1" for module in self.modules),
            left=BARCODE_QUIET_MODULES * self.module,
            bottom=0,
            height=self.bar_height,
        )


class QrCode(_Symbol):
    """A QR code ``size`` wide, quiet zone included.

    ``rows``: the symbol of ``value`` already computed (``qr_rows``), for a paper that
    prints the same code more than once: the encoding (masks tried and scored) is most of
    a QR code's cost, and BM 01's two copies and its fitting passes need it only once.
    """

    def __init__(
        self,
        value: str,
        *,
        size: float = 24 * mm,
        rows: Sequence[Sequence[bool]] | None = None,
    ) -> None:
        super().__init__()
        self.value = value
        self.rows: Sequence[Sequence[bool]] = qr_rows(value) if rows is None else rows
        self.width = self.height = size
        self.module = size / (len(self.rows) + 2 * QR_QUIET_MODULES)

    def draw(self) -> None:
        # Drawn once per PDF as a form XObject, placed wherever the code is printed again
        # (the second copy of BM 01): its hundreds of rectangles are written once.
        form = f"qr-{self.value}-{self.width:.2f}"
        if not self.canv.hasForm(form):
            self.canv.beginForm(form, 0, 0, self.width, self.height)
            self._draw_modules()
            self.canv.endForm()
        self.canv.doForm(form)

    def _draw_modules(self) -> None:
        quiet = QR_QUIET_MODULES * self.module
        self.canv.setFillColorRGB(0, 0, 0)
        for row_index, row in enumerate(self.rows):
            # PDF y grows upwards, the symbol's rows downwards.
            y = self.height - quiet - (row_index + 1) * self.module
            self.fill_runs(row, left=quiet, bottom=y, height=self.module)
