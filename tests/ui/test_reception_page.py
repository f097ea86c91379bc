"""The receiving screen driven from the keyboard, as the officer works, keys counted."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier_queries import find_dossier
from camera.sources import FrameSource
from tests.accounts import SUPERVISOR
from tests.ui.conftest import CARD_QR, MONDAY_0910, print_to_file, take_photo, type_text
from ui.operations import Operations
from ui.qt import QApplication, Qt
from ui.reception_page import ReceptionPage
from ui.worker import Worker


class Officer:
    """Presses keys where the focus is, counting them. Typing the applicant's own data
    (their licence number, its dates) is not counted; everything else is."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.keys = 0

    def _focus(self) -> object:
        focus = QApplication.focusWidget()
        assert focus is not None
        return focus

    def press(self, key: Qt.Key, ctrl: bool = False) -> None:
        modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
        self.qtbot.keyClick(self._focus(), key, modifier)
        self.keys += 1

    def type_command(self, text: str) -> None:
        self.qtbot.keyClicks(self._focus(), text)
        self.keys += len(text)

    def type_data(self, text: str) -> None:
        self.qtbot.keyClicks(self._focus(), text)


def _page(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
) -> ReceptionPage:
    operations = Operations(worker)
    page = ReceptionPage(catalogue, session, operations, now=lambda: MONDAY_0910, camera=camera)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    return page


def _slips(session: CounterSession, code: str) -> list[str]:
    """The papers recorded as printed for a dossier."""
    stored = find_dossier(session.store, code)
    return [] if stored is None else [slip["kind"] for slip in stored["slips"]]


def _verdict(page: ReceptionPage) -> Verdict | None:
    """Read afresh: the page changes it between two looks."""
    page.reassess()
    return page.verdict.verdict


def test_a_complete_exchange_with_the_card_and_the_photo(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    worker: Worker,
    camera: Callable[[int], FrameSource],
    tmp_path: Path,
) -> None:
    page = _page(qtbot, catalogue, session, worker, camera)
    officer = Officer(qtbot)
    page.picker.query.setFocus()
    officer.type_command("gtvt")
    officer.press(Qt.Key.Key_Return)
    assert page.picker.procedure is not None and page.picker.procedure.id == "doi-gtvt"

    # The handheld scanner reads the card and types the QR and Enter: the officer types nothing.
    assert QApplication.focusWidget() is page.idcard.line
    type_text(page.idcard.line, CARD_QR)
    qtbot.keyClick(page.idcard.line, Qt.Key.Key_Return)
    applicant = {field.path: field.value() for field in page.applicant.fields}
    assert applicant["applicant.full_name"] == "Nguyễn Văn An"
    assert applicant["applicant.identity_document.number"] == "079080001234"

    # The licence, in reading order (Enter goes on; a date typed in full goes on by
    # itself); then the register look-up says it is valid.
    officer.type_data("790123456789")
    officer.press(Qt.Key.Key_Return)
    officer.type_data("B2")
    officer.press(Qt.Key.Key_Return)
    officer.type_data("10/01/2017")
    officer.type_data("10/01/2027")
    assert QApplication.focusWidget() is page.licence.register.widget
    officer.press(Qt.Key.Key_Down)
    officer.press(Qt.Key.Key_D, ctrl=True)  # every paper handed in
    assert _verdict(page) is Verdict.ACCEPT
    assert "01/12/2026" in page.verdict.details.toPlainText()  # 24/11 is a holiday
    assert not page.accept.isEnabled()  # not before the photo

    take_photo(qtbot, page, officer.press)
    assert page.accept.isEnabled()
    officer.press(Qt.Key.Key_F9)
    officer.press(Qt.Key.Key_F9)  # a second press stores nothing
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.saved is not None and page.saved.code == "000.17.22.H56-261123-0001"
    assert page.preview is not None
    printed = print_to_file(page.preview, tmp_path / "bm01.pdf")
    officer.keys += 1  # Enter on the preview's Print button (the configured printer prints)
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in printed
    assert "000.17.22.H56-261123-0001" in printed and "Nguyễn Văn An" in printed
    qtbot.waitUntil(lambda: _slips(session, "000.17.22.H56-261123-0001") == ["bm01"])
    stored = find_dossier(session.store, "000.17.22.H56-261123-0001")
    assert stored is not None and stored["officer"] == SUPERVISOR.full_name
    assert stored["due_at"] == "2026-12-01T09:10"
    assert page.photo is not None
    taken = page.photo.record()
    assert [(p["kind"], p["sha256"], p["width"], p["height"]) for p in stored["photos"]] == [
        ("portrait", taken["photo_sha256"], 354, 472),
        ("original", taken["original_sha256"], taken["original_width"], taken["original_height"]),
    ]
    # Keys beyond the applicant's data: "gtvt" Enter, 2 Enters (the dates go on by
    # themselves), Down, Ctrl+D, F5, F6, F9 (twice here, once needed) and Enter to print. The
    # next applicant keeps the procedure: Ctrl+N instead of "gtvt" Enter, so 9 keys a dossier
    # in a run of exchanges.
    assert officer.keys - 1 == 13
