"""Whole dossiers through the main window, keyboard only, on the counter screens counters have
(1366×768 and 1280×720), for each of the nine procedures: accept; supplement (BM 02), then the
applicant's return found in today's dossiers and accepted in a new round; refuse (BM 03).

At every key press the widget receiving it, and the button of every action the key triggers,
is inside the window's visible rect (whole, not clipped, not squeezed: ``_outside`` of
tests/ui/test_screen_fit.py); the print preview fits the screen with its Print button.
The keys beyond the applicant's own data are counted as tests/ui/test_keyboard.py counts them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier.evaluation import Verdict
from app.dossier_queries import find_dossier
from camera.sources import FrameSource
from tests.ui.conftest import CARD_QR, MONDAY_0910, Dialogs, print_to_file, take_photo, type_text
from tests.ui.test_keyboard import (
    CITIZEN_FACTS,
    EXAMPLES,
    MOST_KEYS,
    NOT_A_CITIZENS,
    PROCEDURES,
    Officer,
    _choose,
    _fields,
    _wanted,
    not_asked,
)
from tests.ui.test_screen_fit import SIZES, _outside
from ui.main_window import MainWindow
from ui.print_preview import PrintPreviewDialog
from ui.qt import QAction, QApplication, QKeySequence, QPushButton, QRect, Qt, QWidget

CARD_NUMBER = CARD_QR.split("|")[0]  # what the applicant's ID card says; the search finds it
MISSING = "don-de-nghi"  # the paper the returning applicant did not bring the first time
BM01 = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
BM02 = "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ"
BM03 = "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
EXPIRED = "2026-11-20"  # three days before the day of receipt


class OffScreen(AssertionError):
    """A key went to a widget, or triggered a button, the officer cannot see."""


def _refused(procedure_id: str, example: dict[str, Any]) -> str:
    """Make the example's applicant one the procedure refuses; the condition refused."""
    licence = example["licences"][0]
    if procedure_id == "gv-cap":  # a primary vocational level teaches nobody to drive
        example["applicant"]["qualification"] = "so-cap"
        return "trinh-do-trung-cap-tro-len"
    if procedure_id == "gv-cap-lai":  # no driving licence at all
        example["licences"] = []
        return "co-giay-phep-lai-xe"
    if procedure_id == "doi-du-lich":  # a Vietnamese licence is not a tourist's to exchange
        licence["issuer"] = "gtvt"
        del licence["country"]  # a Vietnamese licence names no issuing country
        licence["classes"] = ["B2"]  # of 2012: Law 23/2008's classes (B is Law 36/2024's)
        return "do-nuoc-ngoai-cap"
    licence["expiry_date"] = EXPIRED  # the others: the licence expired
    return {
        "doi-gtvt": "doi-truoc-khi-het-han",
        "doi-cong-an": "khong-qua-thoi-han",
        "doi-quan-su": "con-thoi-han-su-dung",
        "doi-nuoc-ngoai": "nguoi-viet-nam-gplx-con-han",
        "idp-cap": "gplx-con-gia-tri",
        "idp-cap-lai": "gplx-con-gia-tri",
    }[procedure_id]


class WatchedOfficer(Officer):
    """test_keyboard's officer, at the main window, who sees every key's target: the widget
    with the focus, and the button of the action a key triggers, inside the window, whole."""

    def __init__(self, qtbot: QtBot, window: MainWindow) -> None:
        super().__init__(qtbot, window.reception)
        self.window = window
        self.buttons: list[str] = []  # the buttons the keys triggered, for the report
        self.off_screen: list[str] = []  # what a key went to that the officer cannot see

    def _sees(self, widgets: dict[str, QWidget]) -> None:
        """Record each widget not wholly in the window's visible rect, with the key before."""
        QApplication.processEvents()  # the layouts the last key posted, settled
        after = self.log[-1] if self.log else "(first key)"
        for name, widget in widgets.items():
            if widget.window() is not self.window:
                self.off_screen.append(f"after {after}: {name} is not in the main window")
        self.off_screen += [f"after {after}: {bad}" for bad in _outside(self.window, widgets)]

    def all_seen(self) -> None:
        if self.off_screen:
            raise OffScreen("\n".join(self.off_screen))

    def _triggered(self, key: Qt.Key, modifier: Qt.KeyboardModifier) -> dict[str, QWidget]:
        """The buttons of the enabled actions on the visible page whose shortcut this is."""
        typed = "Ctrl+" if modifier & Qt.KeyboardModifier.ControlModifier else ""
        typed += "Shift+" if modifier & Qt.KeyboardModifier.ShiftModifier else ""
        typed += key.name.removeprefix("Key_")
        pairs: list[tuple[QAction, QPushButton]] = list(self.page.action_buttons.items())
        pairs += [(act, button) for button, act in self.window.today.button_actions.items()]
        return {
            button.objectName(): button
            for act, button in pairs
            if act.isEnabled()
            and act.shortcut().toString() == typed
            and (parent := button.parentWidget()) is not None
            and parent.isVisible()
        }

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        buttons = self._triggered(key, modifier)
        self._sees({"focus": self.focus(), **buttons})
        self.buttons.extend(buttons)
        super().press(key, modifier)

    def type_command(self, text: str) -> None:
        self._sees({"focus": self.focus()})
        super().type_command(text)

    def type_data(self, text: str) -> None:
        self._sees({"focus": self.focus()})
        super().type_data(text)

    def scan(self, text: str) -> None:
        """The handheld scanner types into the focus, as the officer sees it."""
        self._sees({"focus": self.focus()})
        type_text(self.focus(), text)
        self.qtbot.keyClick(self.focus(), Qt.Key.Key_Return)

    def back_to_window(self) -> None:
        """The preview closed: the window has the keys again (the offscreen platform does
        not hand the activation back by itself)."""
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.window)
        self.qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    def print_preview(self, size: tuple[int, int], out: Path) -> str:
        """The paper just stored, printed from its preview (Enter on its default Print)."""
        preview = self.page.preview
        assert isinstance(preview, PrintPreviewDialog)
        self.qtbot.waitExposed(preview)
        # The offscreen platform's screen is 800×800: the preview fits the counter's instead.
        preview.fit_to(QRect(0, 0, *size))
        QApplication.processEvents()
        assert preview.width() <= size[0] and preview.height() <= size[1]
        button = preview.print_button
        assert _outside(preview, {"print": button}) == []
        assert button.isEnabled() and not QKeySequence.mnemonic(button.text()).isEmpty()
        self.buttons.append(button.objectName())
        self.log.append(QKeySequence.mnemonic(button.text()).toString())
        # Its key (Alt+P) would open the system's print dialog; the test's printer is a file.
        printed = print_to_file(preview, out)
        self.keys += 1
        self.back_to_window()
        return printed


@pytest.fixture(params=SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def size(request: pytest.FixtureRequest) -> tuple[int, int]:
    width, height = request.param
    return int(width), int(height)


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    size: tuple[int, int],
    dialogs: Dialogs,
) -> Iterator[MainWindow]:
    """The counter window, signed in, at the counter screen's size, active."""
    shown = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera)
    # Closed here, not by qtbot (whose close comes before the fixtures' teardown): a test
    # stopped midway leaves a dossier on screen, and the window asks before it closes.
    shown.setWindowState(Qt.WindowState.WindowNoState)  # it opens maximised on a small screen
    shown.show()
    qtbot.waitExposed(shown)
    shown.resize(*size)
    qtbot.waitUntil(lambda: shown.size().width() == size[0] and shown.size().height() == size[1])
    minimum = shown.minimumSizeHint()
    assert minimum.width() <= size[0] and minimum.height() <= size[1], minimum
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    assert shown.rect() == QRect(0, 0, *size)
    yield shown
    if shown.reception.has_unsaved_changes():
        dialogs.expect("question", "Quit?")
    shown.close()  # stops the camera, the status timer and the worker
    assert not shown.isVisible()
    shown.deleteLater()


def _example(procedure_id: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (EXAMPLES / f"{procedure_id}.json").read_text(encoding="utf-8")
    )
    return data


def _applicant(
    officer: WatchedOfficer, catalogue: Catalogue, procedure_id: str, example: dict[str, Any]
) -> None:
    """As test_keyboard drives it: the procedure, the card's QR, the facts beyond the card,
    every paper handed in (Ctrl+D)."""
    page = officer.page
    procedure = catalogue.procedure(procedure_id)
    typed = str(list(catalogue.procedures).index(procedure_id) + 1)
    if example.get("subcase") and example["subcase"] != procedure.first_subcase():
        typed += example["subcase"].lower()
    _choose(officer, page, typed)
    assert page.picker.procedure is not None and page.picker.procedure.id == procedure_id
    assert page.picker.subcase.currentData() == example.get("subcase")
    assert officer.focus() is page.idcard.line
    officer.scan(CARD_QR)  # the applicant's data, not the officer's keys
    fields = _fields(page)
    order = list(fields)
    wanted = [w for w in _wanted(example) if w[0] not in NOT_A_CITIZENS]
    wanted += CITIZEN_FACTS.get(procedure_id, [])
    for path, value in sorted(
        (w for w in wanted if w[0] in fields), key=lambda w: order.index(w[0])
    ):
        held = fields["licences.0.classes"].value()
        if not fields[path].widget.isVisible():
            assert not_asked(page, path), path
            continue
        if not (path == "requested_classes" and value == held):
            officer.fill(fields[path], value)
    officer.ctrl(Qt.Key.Key_D)  # every paper handed in


def _verdict(officer: WatchedOfficer) -> Verdict | None:
    page = officer.page
    page.reassess()
    return page.verdict.verdict


def _photo_if_needed(officer: WatchedOfficer, catalogue: Catalogue, procedure_id: str) -> None:
    photo = catalogue.procedure(procedure_id).photo
    if photo is not None and photo.at_counter:
        take_photo(officer.qtbot, officer.page, officer.press)  # F5, F6


def _accept(officer: WatchedOfficer, size: tuple[int, int], out: Path) -> str:
    """F9 once it is enabled; BM 01 printed; the dossier's code."""
    page = officer.page
    officer.qtbot.waitUntil(page.accept.isEnabled)
    officer.press(Qt.Key.Key_F9)
    officer.qtbot.waitUntil(lambda: page.preview is not None)
    assert page.saved is not None and page.saved.code is not None
    assert BM01 in officer.print_preview(size, out)
    return page.saved.code


def _report(what: str, procedure_id: str, size: tuple[int, int], officer: WatchedOfficer) -> None:
    print(
        f"\n{what}, {procedure_id}, {size[0]}x{size[1]}: {officer.keys} keys: {officer.log}"
        f"\n  buttons triggered: {officer.buttons}"
        + "".join(f"\n  OFF SCREEN {problem}" for problem in officer.off_screen)
    )


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_accept(
    procedure_id: str,
    window: MainWindow,
    qtbot: QtBot,
    catalogue: Catalogue,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    officer = WatchedOfficer(qtbot, window)
    _applicant(officer, catalogue, procedure_id, _example(procedure_id))
    assert _verdict(officer) is Verdict.ACCEPT, window.reception.verdict.details.toPlainText()
    _photo_if_needed(officer, catalogue, procedure_id)
    _accept(officer, size, tmp_path / "bm01.pdf")
    _report("accept", procedure_id, size, officer)
    officer.all_seen()
    assert officer.keys <= MOST_KEYS, officer.log


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_supplement_then_the_applicant_returns(
    procedure_id: str,
    window: MainWindow,
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    page, today = window.reception, window.today
    officer = WatchedOfficer(qtbot, window)
    _applicant(officer, catalogue, procedure_id, _example(procedure_id))
    # The application form is not there: in the checklist, to its row, N (none).
    table = page.checklist
    officer.go_to(table)
    rows = [i for i in range(table.rowCount()) if not table.isRowHidden(i)]
    target = next(i for i in rows if table.rows[i].item.id == MISSING)
    here = rows.index(table.currentRow())
    down, up = (rows.index(target) - here) % len(rows), (here - rows.index(target)) % len(rows)
    for _ in range(min(down, up)):
        officer.press(Qt.Key.Key_Down if down <= up else Qt.Key.Key_Up)
    officer.press(Qt.Key.Key_N)
    assert MISSING not in table.presented()
    assert _verdict(officer) is Verdict.SUPPLEMENT, page.verdict.details.toPlainText()
    officer.press(Qt.Key.Key_F10)
    qtbot.waitUntil(lambda: page.preview is not None)
    first = page.saved
    assert first is not None and first.code is None
    assert BM02 in officer.print_preview(size, tmp_path / "bm02.pdf")
    sent_back = officer.keys

    # Later the applicant is back: today's dossiers, the ID card's number, new round.
    officer.ctrl(Qt.Key.Key_2)
    assert window.tabs.currentWidget() is today
    qtbot.waitUntil(lambda: officer.focus() is today.search)
    officer.type_data(CARD_NUMBER)
    officer.press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [row.id for row in today.rows] == [first.dossier_id])
    qtbot.waitUntil(lambda: today.opened is not None and today.opened.id == first.dossier_id)
    qtbot.waitUntil(today.complete.isEnabled)
    officer.ctrl(Qt.Key.Key_R)
    assert "completeButton" in officer.buttons
    assert window.tabs.currentWidget() is page and page.supplements == first.dossier_id
    assert page.picker.procedure is not None and page.picker.procedure.id == procedure_id
    officer.ctrl(Qt.Key.Key_D)  # the papers, the one missing included, handed in
    assert MISSING in table.presented()
    assert _verdict(officer) is Verdict.ACCEPT, page.verdict.details.toPlainText()
    _photo_if_needed(officer, catalogue, procedure_id)
    code = _accept(officer, size, tmp_path / "bm01.pdf")
    stored = find_dossier(session.store, code)
    assert stored is not None and stored["dossier_id"] == first.dossier_id
    assert [(r["number"], r["verdict"]) for r in stored["rounds"]] == [
        (1, "supplement"),
        (2, "accept"),
    ]
    _report(f"supplement ({sent_back} keys to BM 02), then", procedure_id, size, officer)
    officer.all_seen()


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_refuse(
    procedure_id: str,
    window: MainWindow,
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    size: tuple[int, int],
    tmp_path: Path,
) -> None:
    page = window.reception
    example = _example(procedure_id)
    condition = _refused(procedure_id, example)
    officer = WatchedOfficer(qtbot, window)
    _applicant(officer, catalogue, procedure_id, example)
    assert _verdict(officer) is Verdict.REFUSE, page.verdict.details.toPlainText()
    officer.press(Qt.Key.Key_F11)
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.saved is not None and page.saved.code is None
    assert BM03 in officer.print_preview(size, tmp_path / "bm03.pdf")
    stored = find_dossier(session.store, page.saved.dossier_id)
    assert stored is not None and stored["status"] == "refused"
    assert condition in [r["condition"] for r in stored["rounds"][0]["refusals"]]
    _report("refuse", procedure_id, size, officer)
    officer.all_seen()
