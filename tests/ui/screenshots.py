"""The window's states at 1366×768, saved as PNG for docs/screenshots/ (both languages).

Not collected with the tests (its name does not start with test_); run it on purpose:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui/screenshots.py -p no:cacheprovider

Each picture is then looked at, as the officer would see that screen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from tests.ui.conftest import type_text, window_language
from tests.ui.test_keyboard import _choose
from tests.ui.test_whole_dossiers import (
    CARD_NUMBER,
    MISSING,
    WatchedOfficer,
    _applicant,
    _example,
    _photo_if_needed,
    _refused,
    window,  # noqa: F401 (the fixture)
)
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt, QWidget
from ui.sign_in import SignInDialog

ROOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SIZE = (1366, 768)


@pytest.fixture
def size() -> tuple[int, int]:
    return SIZE


@pytest.fixture(params=["vi", "en"], autouse=True)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with window_language(str(request.param)) as chosen:
        yield chosen


def _save(widget: QWidget, language: str, name: str) -> None:
    for _ in range(3):  # a layout change (the procedure list folding) posts the next one
        QApplication.processEvents()
    folder = ROOT if language == "vi" else ROOT / "en"
    folder.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(folder / f"{name}.png"))


def test_receiving_states(
    window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    language: str,
    tmp_path: Path,
) -> None:
    page = window.reception
    officer = WatchedOfficer(qtbot, window)
    _save(window, language, "receive-empty")
    _choose(officer, page, "3")
    _save(window, language, "receive-incomplete")
    _applicant(officer, catalogue, "doi-gtvt", _example("doi-gtvt"))
    _photo_if_needed(officer, catalogue, "doi-gtvt")
    page.reassess()
    _save(window, language, "receive-accept")
    page.accept.trigger()
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    page.preview.resize(760, 700)
    _save(page.preview, language, "bm01-preview")
    page.preview.reject()
    officer.back_to_window()
    _save(window, language, "receive-stored")
    officer.ctrl(Qt.Key.Key_E)
    page.applicant.full_name.set_value(None)
    type_text(page.applicant.full_name.widget, "Nguyễn Văn Ân")
    type_text(page.reason, "Sai dấu trong họ tên")
    _save(window, language, "receive-correcting")
    officer.press(Qt.Key.Key_Escape)

    page.clear()
    _applicant(officer, catalogue, "idp-cap", _example("idp-cap"))
    table = page.checklist
    target = next(i for i in range(table.rowCount()) if table.rows[i].item.id == MISSING)
    table.setCurrentCell(target, 0)
    table.setFocus()
    officer.press(Qt.Key.Key_N)
    page.reassess()
    _save(window, language, "receive-supplement")
    page.supplement.trigger()
    qtbot.waitUntil(lambda: page.preview is not None)
    assert page.preview is not None
    page.preview.reject()
    officer.back_to_window()

    page.clear()
    example = _example("gv-cap-lai")
    _refused("gv-cap-lai", example)
    _applicant(officer, catalogue, "gv-cap-lai", example)
    page.reassess()
    _save(window, language, "receive-refuse")
    page.clear()

    window.tabs.setCurrentWidget(window.today)
    today = window.today
    qtbot.waitUntil(lambda: officer.focus() is today.search)
    type_text(today.search, CARD_NUMBER)
    qtbot.keyClick(today.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(today.rows) >= 2)
    qtbot.waitUntil(lambda: today.opened is not None)
    _save(window, language, "today")
    window.tabs.setCurrentWidget(window.catalogue_page)
    _save(window, language, "catalogue")
    dialog = window.open_settings()
    qtbot.waitExposed(dialog)
    _save(dialog, language, "settings")
    dialog.reject()
    sign_in = SignInDialog(session.settings)
    qtbot.addWidget(sign_in)
    sign_in.show()
    qtbot.waitExposed(sign_in)
    _save(sign_in, language, "sign-in")
    sign_in.reject()
    window.tabs.setCurrentWidget(window.reception)
