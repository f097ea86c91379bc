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
from app.counter_ops import store_dossier
from app.dossier.checking import parse_request
from app.officers.sign_in import lock, sign_in, sign_out, unlock
from tests.accounts import OFFICER, PASSWORDS, SUPERVISOR
from tests.ui.conftest import MONDAY_0910, Dialogs, it_approval, type_text, window_language
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
from ui.change_password import ChangePasswordDialog
from ui.main_window import MainWindow
from ui.qt import QApplication, QColor, QMessageBox, QPainter, QPoint, QRect, Qt, QWidget
from ui.sign_in import SignInDialog, session_gate

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


def _save_over(under: QWidget, dialog: QWidget, language: str, name: str) -> None:
    """The window with ``dialog`` over it, centred, in a plain frame with its title (the
    offscreen platform draws no window decorations)."""
    for _ in range(3):
        QApplication.processEvents()
    picture = under.grab()
    shown = dialog.grab()
    bar = 26
    left = (picture.width() - shown.width()) // 2
    top = (picture.height() - shown.height() - bar) // 2
    painter = QPainter(picture)
    painter.fillRect(QRect(left, top, shown.width(), bar), QColor("#3b4a5a"))
    painter.setPen(QColor("white"))
    painter.drawText(
        QRect(left + 8, top, shown.width() - 16, bar),
        int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
        dialog.windowTitle(),
    )
    painter.drawPixmap(QPoint(left, top + bar), shown)
    painter.setPen(QColor("#3b4a5a"))
    painter.drawRect(QRect(left - 1, top - 1, shown.width() + 1, shown.height() + bar + 1))
    painter.end()
    folder = ROOT if language == "vi" else ROOT / "en"
    folder.mkdir(parents=True, exist_ok=True)
    assert picture.save(str(folder / f"{name}.png"))


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
    dialog = window.show_settings(it_approval(window.session))
    qtbot.waitExposed(dialog)
    _save(dialog, language, "settings")
    dialog.reject()
    window.tabs.setCurrentWidget(window.reception)


def test_session_states(
    window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    session: CounterSession,
    language: str,
    dialogs: Dialogs,
) -> None:
    """Sign-in, a new password, the idle warning and the lock, switching officer, an
    approval, and the day's trail."""
    store, at = session.store, MONDAY_0910
    operations = window.operations
    sign_in_dialog = SignInDialog(session_gate(session), session.settings, operations, lambda: at)
    qtbot.addWidget(sign_in_dialog)
    sign_in_dialog.show()
    qtbot.waitExposed(sign_in_dialog)
    type_text(sign_in_dialog.form.login, OFFICER.login)
    type_text(sign_in_dialog.form.password, "wrong")
    _save(sign_in_dialog, language, "sign-in")
    sign_in_dialog.form.attempts.countdown.start(37)
    sign_in_dialog.form.button.setEnabled(False)
    _save(sign_in_dialog, language, "sign-in-wait")
    sign_in_dialog.form.attempts.countdown.stop()
    sign_in_dialog.reject()

    change = ChangePasswordDialog(lambda *_: None, OFFICER, 12, operations, lambda: at)
    qtbot.addWidget(change)
    change.show()
    qtbot.waitExposed(change)
    type_text(change.pair.first, "lan2026")
    _save(change, language, "change-password")
    change.reject()

    # An applicant half typed in, then the officer walks away.
    page = window.reception
    page.picker.choose("doi-gtvt")
    type_text(page.applicant.full_name.widget, "Nguyễn Văn An")
    idle = window.idle
    limit = session.settings.idle_lock_minutes * 60
    idle.last_input = idle.clock() - (limit - 45)
    idle.check()
    _save(window, language, "idle-warning")
    window.lock(idle=True)
    qtbot.waitUntil(lambda: not window.worker.busy)
    _save(window, language, "lock-screen")

    # Another officer at the locked window.
    dialogs.expect("question", "", QMessageBox.StandardButton.Yes)
    window.switch_officer()
    switch = window.switch_dialog
    assert switch is not None
    qtbot.waitExposed(switch)
    type_text(switch.form.login, OFFICER.login)
    _save_over(window, switch, language, "switch-officer")
    switch.reject()
    window._end_session()
    window.lock_screen.show_signed_out()
    _save(window, language, "signed-out")

    # The officer asks for the settings: IT staff approve.
    window._become(OFFICER)
    window.settings_action.trigger()
    approval = window.approvals.dialog
    assert approval is not None
    qtbot.waitExposed(approval)
    type_text(approval.login, "it.admin")
    _save_over(window, approval, language, "approval")
    approval.reject()

    # The supervisor looks at the day's trail.
    for who in (OFFICER, SUPERVISOR):
        sign_in(store, who.login, PASSWORDS[who.login], now=at)
    lock(store, SUPERVISOR, now=at, idle=True)
    unlock(store, SUPERVISOR, PASSWORDS[SUPERVISOR.login], now=at)
    sign_out(store, OFFICER, now=at)
    window._become(SUPERVISOR)
    window.trail_action.trigger()
    qtbot.waitUntil(lambda: window.trail is not None)
    trail = window.trail
    assert trail is not None
    qtbot.waitExposed(trail)
    _save(trail, language, "day-trail")
    trail.reject()


def test_void_dialog(
    window: MainWindow,  # noqa: F811 (the fixture)
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    language: str,
) -> None:
    """A supervisor voids a dossier received twice: the dialog over the day's list."""
    for _ in range(2):
        store_dossier(session, catalogue, parse_request(_example("doi-gtvt")), MONDAY_0910)
    window.tabs.setCurrentWidget(window.today)
    today = window.today
    qtbot.waitUntil(lambda: len(today.rows) == 2 and today.opened is not None)
    today.table.setCurrentCell(1, 0)  # the second reception, the one made by mistake
    qtbot.waitUntil(lambda: today.opened is not None and today.opened.id == today.rows[1].id)
    today.void.click()
    dialog = today.void_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    type_text(dialog.reason, "Tiếp nhận hai lần do nhầm lẫn")
    _save_over(window, dialog, language, "void-dialog")
    dialog.reject()
