"""Print preview and printing of a paper: the pages of its PDF, to any printer the system knows.

The dialog shows the pages rasterised from the very PDF that would be saved
(``printing.pages``), and prints by painting the same pages, rendered at the
printer's resolution, onto the printer's whole sheet: what the officer sees is
what comes out. Paper size, copies and the preferred printer come from the
counter's settings for that kind of paper; Qt's print dialog lets the officer
change them for this print.

``printed`` is emitted once the pages went to the printer: the window records
the slip then (``app.papers.record_slip``), not when it is only previewed.
"""

from __future__ import annotations

from PIL import Image

from app.papers import PrintPreferences
from printing.pages import page_images, page_sizes
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QGuiApplication,
    QImage,
    QLabel,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QPrintDialog,
    QPrinter,
    QPrinterInfo,
    QRect,
    QRectF,
    QScrollArea,
    QShowEvent,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

PREVIEW_DPI = 96
PREVIEW_WIDTH, PREVIEW_HEIGHT = 760, 900  # on a screen with room for it
# Enough for text and barcodes on any office printer, and ~10 MB a page at most.
MAX_PRINT_DPI = 300
PAGE_SIZES = {"A5": QPageSize.PageSizeId.A5, "A4": QPageSize.PageSizeId.A4}


def to_qimage(image: Image.Image) -> QImage:
    """A PIL RGB image as a QImage that owns its pixels."""
    data = image.tobytes("raw", "RGB")
    return QImage(
        data, image.width, image.height, image.width * 3, QImage.Format.Format_RGB888
    ).copy()


def configure_printer(printer: QPrinter, preferences: PrintPreferences) -> QPrinter:
    """Paper size, orientation, copies and (when installed) the preferred printer."""
    if preferences.printer and preferences.printer in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(preferences.printer)
    printer.setPageSize(QPageSize(PAGE_SIZES[preferences.paper]))
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if preferences.landscape
        else QPageLayout.Orientation.Portrait
    )
    printer.setCopyCount(preferences.copies)
    # The PDF has its own margins: paint the page onto the whole sheet, as a file would print.
    printer.setFullPage(True)
    return printer


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Paint every page onto ``printer``; returns the number of sheets painted.

    A page is scaled to fit the sheet keeping its proportions, and turned when
    its orientation is not the sheet's (an application with a landscape list).
    Copies the printer cannot make itself are painted one after the other.
    """
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    sizes = page_sizes(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer cannot be opened")
    # Where Qt writes PDF (a PDF file, and CUPS printing on Linux) it would store
    # the pages as JPEG, which blurs the barcode's bars: ask for lossless images.
    painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
    sheets = 0
    try:
        for copy in range(copies):
            for index, image in enumerate(page_images(pdf, dpi)):
                if copy or index:
                    printer.newPage()
                _paint(painter, printer, to_qimage(image), sizes[index].landscape)
                sheets += 1
    finally:
        painter.end()
    return sheets


def _paint(painter: QPainter, printer: QPrinter, image: QImage, landscape: bool) -> None:
    sheet = printer.pageRect(QPrinter.Unit.DevicePixel)
    painter.save()
    width, height = sheet.width(), sheet.height()
    if landscape != (width > height):
        painter.translate(width, 0)
        painter.rotate(90)
        width, height = height, width
    scale = min(width / image.width(), height / image.height())
    target = QRectF(0, 0, image.width() * scale, image.height() * scale)
    painter.drawImage(target, image)
    painter.restore()


class PrintPreviewDialog(QDialog):
    """The pages of one paper, with a button to print them."""

    printed = Signal()

    def __init__(
        self,
        pdf: bytes,
        preferences: PrintPreferences,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Freed once closed (printed or not): a counter previews a paper per dossier, and a
        # closed preview kept as its page's child held its page images (MBs) all day.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.pdf = pdf
        self.preferences = preferences
        self.setWindowTitle(title)

        column = QWidget()
        pages = QVBoxLayout(column)
        pages.setSpacing(16)
        self.page_labels: list[QLabel] = []
        for number, image in enumerate(page_images(pdf, PREVIEW_DPI), start=1):
            label = QLabel()
            label.setObjectName(f"page{number}")
            label.setPixmap(QPixmap.fromImage(to_qimage(image)))
            label.setFrameShape(QLabel.Shape.Box)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            pages.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.page_labels.append(label)
        scroll = QScrollArea()
        scroll.setWidget(column)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignHCenter)

        self.summary = QLabel(
            self.tr("{pages} page(s), {paper}, {copies} copy(ies)").format(
                pages=len(self.page_labels), paper=preferences.paper, copies=preferences.copies
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = buttons.addButton(
            self.tr("&Print…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setObjectName("printButton")
        self.print_button.setDefault(True)
        buttons.accepted.connect(self.choose_printer_and_print)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.fit_to(screen.availableGeometry())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        # Enter prints: the officer opened the paper to print it. (Shown, a button box
        # makes the button with the focus the default, and the focus would be elsewhere.)
        super().showEvent(event)
        self.print_button.setFocus()
        self.print_button.setDefault(True)

    def fit_to(self, available: QRect) -> None:
        """As tall as the screen lets it be (a page scrolls inside), the Print button always
        in view: an A5 page at 96 dpi is 800 px tall, more than a 768 px screen has."""
        frame = 40  # the window's title bar and borders, drawn by the system
        width = min(PREVIEW_WIDTH, available.width() - frame)
        height = min(PREVIEW_HEIGHT, available.height() - frame)
        self.resize(width, height)
        self.move(available.center() - self.rect().center())

    def make_printer(self) -> QPrinter:
        return configure_printer(QPrinter(QPrinter.PrinterMode.HighResolution), self.preferences)

    def choose_printer_and_print(self) -> None:
        """Straight to the printer IT set up for this paper; otherwise ask which one.

        A counter prints dozens of slips a day: with its printer configured, one
        key prints, and the system dialog stays for the odd case.
        """
        printer = self.make_printer()
        configured = self.preferences.printer
        if configured and printer.printerName() == configured:
            self.print_to(printer)
            return
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print on ``printer`` as it is set up; the tests give a PDF-file printer."""
        sheets = print_pdf(self.pdf, printer)
        self.printed.emit()
        self.accept()
        return sheets
