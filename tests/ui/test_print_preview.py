"""The print preview shows the paper's own PDF pages and prints them to any QPrinter."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.papers import print_preferences, render_sample
from app.settings import Settings
from printing.pages import page_images
from tests.printing.papers import A5, codes_on_page, page_sizes
from ui.print_preview import PREVIEW_DPI, PrintPreviewDialog, to_qimage
from ui.qt import QPageSize, QPrinter

SAMPLE_CODE = "000.17.22.H56-261123-0042"


def _dialog(
    qtbot: QtBot, kind: str, settings: Settings, paper: str | None = None
) -> PrintPreviewDialog:
    pdf = render_sample(kind, settings)
    preferences = print_preferences(settings, paper or kind)
    dialog = PrintPreviewDialog(pdf, preferences, kind.upper())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _sheets(pdf: bytes) -> list[tuple[int, int]]:
    """Page sizes in whole points: Qt writes them rounded."""
    return [(round(width), round(height)) for width, height in page_sizes(pdf)]


PORTRAIT_A5, PORTRAIT_A4 = (420, 595), (595, 842)


def _pdf_printer(dialog: PrintPreviewDialog, out: Path) -> QPrinter:
    printer = dialog.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    return printer


def test_the_preview_shows_each_page_of_the_pdf(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot, "bm01", Settings.defaults())
    assert len(dialog.page_labels) == 2
    for label, image in zip(dialog.page_labels, page_images(dialog.pdf, PREVIEW_DPI), strict=True):
        shown = label.pixmap().toImage().convertToFormat(to_qimage(image).format())
        # The very pixels PDFium renders from the PDF: nothing is laid out again.
        assert shown == to_qimage(image)
        assert abs(shown.width() / shown.height() - A5[0] / A5[1]) < 0.01
    assert dialog.summary.text() == "2 page(s), A5, 1 copy(ies)"


def test_printing_to_a_pdf_printer_gives_the_pages_the_copies_and_a_readable_code(
    qtbot: QtBot, tmp_path: Path
) -> None:
    settings = Settings.defaults().with_value("copies_bm01", 2)
    dialog = _dialog(qtbot, "bm01", settings)
    printer = _pdf_printer(dialog, tmp_path / "printed.pdf")
    assert printer.copyCount() == 2
    assert printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A5
    with qtbot.waitSignal(dialog.printed, timeout=10_000):
        sheets = dialog.print_to(printer)
    printed = (tmp_path / "printed.pdf").read_bytes()
    # A PDF "printer" makes no copies itself: the dialog paints both copies of both pages.
    assert sheets == 4
    assert _sheets(printed) == [PORTRAIT_A5] * 4
    # The printer gets 300 dpi pages; read at that resolution, as a scanner reads the sheet.
    assert codes_on_page(printed, 3, dpi=300) == [
        ("Code128", SAMPLE_CODE),
        ("QRCode", SAMPLE_CODE),
    ]


def test_the_register_prints_landscape_and_a_landscape_list_is_turned_onto_portrait_paper(
    qtbot: QtBot, tmp_path: Path
) -> None:
    register = _dialog(qtbot, "register", Settings.defaults())
    register.print_to(_pdf_printer(register, tmp_path / "register.pdf"))
    assert _sheets((tmp_path / "register.pdf").read_bytes()) == [(842, 595)]

    forms = _dialog(qtbot, "form-gv-cap-lai", Settings.defaults(), paper="form")
    assert len(forms.page_labels) == 2
    forms.print_to(_pdf_printer(forms, tmp_path / "forms.pdf"))
    assert _sheets((tmp_path / "forms.pdf").read_bytes()) == [PORTRAIT_A4, PORTRAIT_A4]


def test_enter_on_the_opened_paper_prints_it(qtbot: QtBot) -> None:
    """The officer opened the paper to print it: Enter goes to Print, never to Close."""
    from ui.qt import QApplication, Qt

    dialog = _dialog(qtbot, "bm01", Settings.defaults())
    asked: list[bool] = []
    dialog.choose_printer_and_print = lambda: asked.append(True)  # type: ignore[method-assign]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.print_button)
    assert dialog.print_button.isDefault()
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_Return)
    assert asked == [True] and dialog.isVisible()
