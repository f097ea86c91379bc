from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.i18n import LANGUAGES, choose_language
from app.permissions import Authority
from app.settings import Settings, save_settings
from camera.messages import ALL_GOOD
from camera.sources import FrameSource, video_file
from db.store import Store
from tests.accounts import IT_ADMIN, SUPERVISOR, add_officers
from tests.camera.portraits import write_clip
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.print_preview import PrintPreviewDialog
from ui.qt import QApplication, QEvent, QKeyEvent, QMessageBox, QPrinter, Qt, QWidget
from ui.reception_page import ReceptionPage
from ui.translation import install_language, remove_language
from ui.worker import Worker

MONDAY_0910 = dt.datetime(2026, 11, 23, 9, 10)


@contextmanager
def window_language(language: str) -> Iterator[str]:
    """The messages and the widgets in ``language`` while inside; Vietnamese after."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    choose_language(language)
    translator = install_language(app, language)
    try:
        yield language
    finally:
        remove_language(app, translator)
        choose_language("vi")


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
    good = {ALL_GOOD.text(language) for language in LANGUAGES}  # in the window's language
    qtbot.waitUntil(lambda: page.photo_panel.hint.text() in good)
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


# pytest-qt's waits need a bound; this one is only against a hang. Each wait is for
# the event that means done (a signal, the state it leaves), so the verdict is the
# same on a fast machine and on a loaded two-core one; only a thing that never
# happens reaches the bound, and it fails there on any machine.
HANG_GUARD_MS = 120_000


@pytest.fixture(autouse=True)
def hang_guards(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every wait of the test (its own bound included) waits at least ``HANG_GUARD_MS``.

    Except a wait with ``raising=False`` (``assertNotEmitted``): its end is the answer.
    """
    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback"):
        original = getattr(qtbot, name)

        def guarded(
            *args: object, _original: Callable[..., object] = original, **kwargs: object
        ) -> object:
            if kwargs.get("raising", True):  # raising=False: not happening is an answer
                given = kwargs.get("timeout")
                kwargs["timeout"] = max(given if isinstance(given, int) else 0, HANG_GUARD_MS)
            return _original(*args, **kwargs)

        monkeypatch.setattr(qtbot, name, guarded)


@dataclass
class _Expected:
    kind: str
    text: str
    answer: QMessageBox.StandardButton


@dataclass
class Dialogs:
    """The message boxes of a test: each one the test expects, answered; any other fails it.

    Offscreen, a modal box would wait forever for a click. ``expect`` declares a
    box (its kind: question, warning, critical, information; a piece of its
    text) and the button that answers it, once per call. A box nobody expected
    is answered No (a question) or Ok, and fails the test when it ends.
    """

    expected: list[_Expected] = field(default_factory=list)
    shown: list[tuple[str, str]] = field(default_factory=list)  # (kind, text), in order
    unexpected: list[tuple[str, str]] = field(default_factory=list)

    def expect(
        self,
        kind: str,
        text: str = "",
        answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
    ) -> None:
        assert kind in DIALOG_KINDS, kind
        self.expected.append(_Expected(kind, text, answer))

    def _answer(self, kind: str, text: str) -> QMessageBox.StandardButton:
        self.shown.append((kind, text))
        for n, want in enumerate(self.expected):
            if want.kind == kind and want.text in text:
                del self.expected[n]
                return want.answer
        self.unexpected.append((kind, text))
        if kind == "question":
            return QMessageBox.StandardButton.No
        return QMessageBox.StandardButton.Ok


DIALOG_KINDS = ("question", "warning", "critical", "information")


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[Dialogs]:
    """Answers the message boxes the test expects (``dialogs.expect``); fails on any other.

    A test that replaces a ``QMessageBox`` function itself answers those boxes.
    """
    boxes = Dialogs()

    def patch(kind: str) -> None:
        def answer(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
            # QMessageBox.question(parent, title, text, ...)
            text = args[2] if len(args) > 2 else kwargs.get("text", "")
            title = args[1] if len(args) > 1 else kwargs.get("title", "")
            return boxes._answer(kind, f"{title}: {text}")

        monkeypatch.setattr(QMessageBox, kind, answer)

    for kind in DIALOG_KINDS:
        patch(kind)
    yield boxes
    if boxes.unexpected:
        pytest.fail(f"message boxes the test did not expect: {boxes.unexpected}", pytrace=False)


@pytest.fixture
def session(tmp_path: Path) -> Iterator[CounterSession]:
    """The counter with its three accounts (IT, an officer, a supervisor), the supervisor
    signed in (who may do everything at the counter but its settings)."""
    settings = (
        Settings.defaults()
        .with_value("agency_code", "000.17.22.H56")
        .with_value("agency_name", "Sở Giao thông vận tải Thành phố Hồ Chí Minh")
        .with_value("place_name", "Thành phố Hồ Chí Minh")
    )
    save_settings(tmp_path, settings)
    store = Store.in_data_dir(tmp_path)
    add_officers(store)
    yield CounterSession(tmp_path, settings, SUPERVISOR, store)
    store.close()


def it_approval(session: CounterSession) -> Authority:
    """What IT staff's approval at the session's counter gives (for the settings)."""
    return Authority(session.officer, IT_ADMIN)


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
) -> Iterator[MainWindow]:
    """The counter window on Monday 23/11/2026 09:10, shown and active; a test file with a
    window of its own (another clock, another session) declares its own fixture."""
    shown = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


@pytest.fixture
def worker(qtbot: QtBot) -> Iterator[Worker]:
    running = Worker()
    yield running
    running.stop()


@pytest.fixture
def operations(worker: Worker) -> Operations:
    return Operations(worker)
