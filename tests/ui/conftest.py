from __future__ import annotations

import datetime as dt
import functools
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.counter import CounterSession
from app.settings import Settings, save_settings
from camera.sources import FrameSource, video_file
from db.store import Store
from tests.camera.portraits import write_clip
from ui.print_preview import PrintPreviewDialog
from ui.qt import QApplication, QEvent, QKeyEvent, QMessageBox, QPrinter, Qt, QWidget
from ui.reception_page import ReceptionPage
from ui.worker import Worker

MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)
# What a handheld scanner types when it reads the applicant's citizen-ID card.
CARD_QR = (
    "079080001234|025123456|Nguyễn Văn An|04051980|Nam|"
    "12 Lý Tự Trọng, phường Bến Nghé, Quận 1, Thành phố Hồ Chí Minh|15062021"
)


@pytest.fixture(scope="session")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The applicant in front of the counter's webcam, recorded."""
    return write_clip(tmp_path_factory.mktemp("webcam") / "applicant.avi", frames=90)


@pytest.fixture
def camera(clip: Path) -> Callable[[int], FrameSource]:
    """The webcam, played back from the recording."""
    return lambda _device: video_file(clip)


def type_text(widget: QWidget, text: str) -> None:
    """Key events carrying each character, as a scanner in keyboard mode sends them.

    (QTest's keyClicks only types Latin-1, and Vietnamese is not.)
    """
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def take_photo(qtbot: QtBot, page: ReceptionPage, keys: Callable[[Qt.Key], None]) -> None:
    """Wait for a good frame, then F5 (capture) and F6 (checked: use it)."""
    qtbot.waitUntil(lambda: page.photo_panel.hint.text() == "Tốt. Mời giữ yên.", timeout=15000)
    keys(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: page.photo_panel.captured is not None)
    keys(Qt.Key.Key_F6)
    qtbot.waitUntil(lambda: page.photo is not None)


def print_to_file(preview: PrintPreviewDialog, out: Path) -> str:
    """Print the preview as the officer would, onto a PDF-file printer; the paper's text.

    Qt prints the preview's page images, so the printout has no text layer: the
    text is read from the very PDF the preview shows, and the printout is
    checked to hold its pages.
    """
    printer = preview.make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    sheets = preview.print_to(printer)
    paper = out.with_suffix(".paper.pdf")
    paper.write_bytes(preview.pdf)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, check=True, text=True)
    pages = next(row.split()[-1] for row in info.stdout.splitlines() if row.startswith("Pages:"))
    assert sheets >= 1 and int(pages) == sheets
    command = ["pdftotext", "-layout", str(paper), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout.decode("utf-8")


@pytest.fixture(autouse=True)
def patient_waits(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The store, the printer and the camera work on their own threads; on a loaded
    two-core machine they may take longer than pytest-qt's 5 s default."""
    monkeypatch.setattr(qtbot, "waitUntil", functools.partial(qtbot.waitUntil, timeout=20000))


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal box offscreen waits for a click that never comes: answer "Yes", record it.

    Tests that care about the answer replace ``QMessageBox.question`` themselves.
    """
    shown: list[str] = []

    def answer(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        shown.append(str(args[1]) if len(args) > 1 else "")
        return QMessageBox.StandardButton.Yes

    for name in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, answer)
    return shown


@pytest.fixture
def session(tmp_path: Path) -> Iterator[CounterSession]:
    settings = (
        Settings.defaults()
        .with_value("agency_code", "000.17.22.H56")
        .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
        .with_value("place_name", "Thành phố Hồ Chí Minh")
    )
    save_settings(tmp_path, settings)
    store = Store.in_data_dir(tmp_path)
    yield CounterSession(tmp_path, settings, "Nguyễn Thị Hoa", store)
    store.close()


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    running = Worker()
    yield running
    running.stop()
