"""The hand-back screens at 1366×768, saved as PNG for docs/screenshots/ (both languages).

Not collected with the tests (its name does not start with test_); run it on purpose,
with the window's other pictures:

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/ui/hand_back_screenshots.py \
        -p no:cacheprovider
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.dossier_status import ReturnMethod
from app.status_changes import forward, history
from camera.sources import FrameSource
from tests.ui.conftest import CARD_QR, type_text, window_language
from tests.ui.screenshots import SIZE, _save, _save_over
from tests.ui.test_hand_back import (
    FORWARDED_AT,
    NOW,
    POINT,
    _activate,
    _ready,
    _received,
    _scan_dossier,
    _type,
)
from ui.late_results_page import LateResultsPage
from ui.main_window import MainWindow
from ui.qt import QApplication, Qt


@pytest.fixture(params=["vi", "en"], autouse=True)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with window_language(str(request.param)) as chosen:
        yield chosen


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
) -> Iterator[MainWindow]:
    session.settings = session.settings.with_value("receiving_point", POINT)
    shown = MainWindow(catalogue, session, now=lambda: NOW, camera=camera)
    shown.setWindowState(Qt.WindowState.WindowNoState)
    shown.show()
    qtbot.waitExposed(shown)
    shown.resize(*SIZE)
    qtbot.waitUntil(lambda: (shown.width(), shown.height()) == SIZE)
    _activate(qtbot, shown)
    yield shown
    shown.close()


def test_hand_back_states(
    window: MainWindow,
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    language: str,
) -> None:
    page = window.hand_back
    window.tabs.setCurrentWidget(page)
    code = _ready(session, catalogue)
    _scan_dossier(qtbot, page, code)
    qtbot.waitUntil(lambda: page.loaded is not None and page.hand_over_action.isEnabled())
    type_text(page.id_number, CARD_QR)
    qtbot.keyClick(page.id_number, Qt.Key.Key_Return)
    _save(window, language, "hand-back-ready")

    page.method.setCurrentIndex(page.method.findData(str(ReturnMethod.PROXY)))
    _type(page.id_number, "079199004321")
    _type(page.proxy_name, "Trần Thị Bình")
    _type(page.authorisation, "UQ-15/2026")
    _type(page.authorisation_date, "20/11/2026")
    page.certified.setChecked(True)
    _save(window, language, "hand-back-proxy")

    page.method.setCurrentIndex(page.method.findData(str(ReturnMethod.POST)))
    _type(page.service, "VNPost")
    _type(page.item_number, "EB123456789VN")
    _save(window, language, "hand-back-post")

    _id, waiting = _received(session, catalogue, "idp-cap")
    forward(session.store, [waiting], session.officer, FORWARDED_AT)
    _scan_dossier(qtbot, page, waiting)
    qtbot.waitUntil(lambda: page.loaded is not None)
    _save(window, language, "hand-back-not-ready")

    # Forwarding what is left, and the processing unit's results scanned in.
    _received(session, catalogue, "gv-cap")
    window.forward_action.trigger()
    dialog = window.forward_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: len(dialog.rows) == 1)
    qtbot.waitExposed(dialog)
    _save_over(window, dialog, language, "forward-dialog")
    dialog.reject()
    window.results_in_action.trigger()
    results = window.results_in_dialog
    assert results is not None
    qtbot.waitExposed(results)
    for scanned in (waiting, code[:-4] + "9999"):
        results.scan.setText(scanned)
        results.scan.returnPressed.emit()
    qtbot.waitUntil(lambda: len(results.codes) + len(results.refused) == 2)
    _save_over(window, results, language, "results-in")
    results.reject()


def test_due_soon(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    language: str,
) -> None:
    session.settings = session.settings.with_value("receiving_point", POINT)
    for name in ("doi-gtvt", "idp-cap"):
        _id, code = _received(session, catalogue, name)
        forward(session.store, [code], session.officer, FORWARDED_AT)
    due = history(session.store, code).dossier.due_at
    assert due is not None
    shown = MainWindow(catalogue, session, now=lambda: due, camera=camera)
    shown.setWindowState(Qt.WindowState.WindowNoState)
    shown.show()
    qtbot.waitExposed(shown)
    shown.resize(*SIZE)
    shown.tabs.setCurrentWidget(shown.late_results)
    page: LateResultsPage = shown.late_results
    qtbot.waitUntil(lambda: len(page.rows) >= 1)
    QApplication.processEvents()
    _save(shown, language, "due-soon")
    shown.close()
