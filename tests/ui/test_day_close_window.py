"""Closing the day from the window (Ctrl+Shift+D, the session menu, the statistics' day view):
an officer's counter asks a supervisor to approve; a supervisor closes a day of a counter with
no central database and reads the count and the digest, then previews the day's register page
and summary; a day that cannot close shows each reason and stays open; once closed, a receipt
dated that day is refused. A real store; the day's dossiers received as test_day_close does.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.day_close import DayClosed, day_closed, refused_for_closed_day
from app.settings import Settings
from camera.sources import FrameSource
from tests.accounts import OFFICER, PASSWORDS, SUPERVISOR
from tests.app.test_day_close import _receive
from tests.db.conftest import AGENCY
from tests.ui.conftest import MONDAY_0910, type_text, window_language
from ui.day_close_dialog import DayCloseDialog
from ui.main_window import MainWindow
from ui.qt import QApplication, QLineEdit, Qt

DAY = MONDAY_0910.date()
MORNING = dt.datetime(2026, 11, 23, 8, 0)


@pytest.fixture
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with window_language(str(getattr(request, "param", "vi"))) as chosen:
        yield chosen


def _open_window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
) -> MainWindow:
    shown = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera)
    qtbot.addWidget(shown)
    shown.setWindowState(Qt.WindowState.WindowNoState)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    return shown


@pytest.fixture
def window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    language: str,
) -> Iterator[MainWindow]:
    """The supervisor's window."""
    shown = _open_window(qtbot, catalogue, session, camera)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


@pytest.fixture
def officer_window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    language: str,
) -> Iterator[MainWindow]:
    """A counter officer's window: closing the day needs a supervisor."""
    session.officer = OFFICER
    shown = _open_window(qtbot, catalogue, session, camera)
    yield shown
    shown.reception.photo_panel.shutdown()
    shown.worker.stop()


def _ask_to_close(qtbot: QtBot, window: MainWindow) -> DayCloseDialog:
    """Ctrl+Shift+D, and the dialog that says what will be checked."""
    control_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_D, control_shift)
    page = window.statistics
    qtbot.waitUntil(lambda: page.close_dialog is not None and page.close_dialog.isVisible())
    dialog = page.close_dialog
    assert dialog is not None
    return dialog


def _confirm(qtbot: QtBot, dialog: DayCloseDialog) -> None:
    """Enter on the dialog: its default button closes the day."""
    focus = QApplication.focusWidget()
    assert focus is not None and focus.window() is dialog
    qtbot.keyClick(focus, Qt.Key.Key_Return)


def _type_approval(qtbot: QtBot, login: QLineEdit, password: QLineEdit, who: str) -> None:
    login.clear()
    type_text(login, who)
    password.clear()
    type_text(password, PASSWORDS[who])
    qtbot.keyClick(password, Qt.Key.Key_Return)


def _pdf_text(pdf: bytes, tmp_path: Path, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(pdf)
    run = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return run.stdout.decode("utf-8")


def test_an_officer_is_asked_for_a_supervisors_approval(
    qtbot: QtBot, officer_window: MainWindow, session: CounterSession
) -> None:
    window = officer_window
    # Where the window's day-level actions are: the session menu, with its key.
    action = window.close_day_action
    assert action in window.session_menu.actions()
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    _receive(session.store, MORNING)
    dialog = _ask_to_close(qtbot, window)
    assert "23/11/2026" in dialog.windowTitle()
    # A counter without a central database: the close is the counter's own.
    assert "không có cơ sở dữ liệu trung tâm" in dialog.intro.text()
    _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: window.approvals.dialog is not None)
    approval = window.approvals.dialog
    assert approval is not None
    _type_approval(qtbot, approval.login, approval.password, SUPERVISOR.login)
    qtbot.waitUntil(lambda: dialog.register_button.isVisible())
    assert "Đã chốt ngày 23/11/2026" in dialog.outcome.text()
    assert "1 hồ sơ của ngày" in dialog.outcome.text()
    closed = day_closed(session.store, DAY, 1)
    assert closed is not None and closed.actor == OFFICER.login  # approved by the supervisor
    assert dialog.isVisible()
    dialog.reject()


def test_a_supervisor_closes_a_local_day_and_prints_its_papers(
    qtbot: QtBot, window: MainWindow, session: CounterSession, tmp_path: Path
) -> None:
    codes = [_receive(session.store, MORNING + dt.timedelta(minutes=n)) for n in range(2)]
    _receive(session.store, MORNING + dt.timedelta(minutes=30), complete=False)  # BM 02
    page = window.statistics
    window.tabs.setCurrentWidget(page)
    page.views.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "chưa được chốt" in page.day_state.text())
    page.close_button.setFocus()
    qtbot.keyClick(page.close_button, Qt.Key.Key_Space)  # the day view's own button
    qtbot.waitUntil(lambda: page.close_dialog is not None and page.close_dialog.isVisible())
    dialog = page.close_dialog
    assert dialog is not None
    _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.register_button.isVisible())
    closed = day_closed(session.store, DAY, 1)
    assert closed is not None and closed.dossier_count == 3
    outcome = dialog.outcome.text()
    assert "3 hồ sơ của ngày" in outcome and closed.digest[:12] in outcome
    assert "09:10" in outcome and SUPERVISOR.full_name in outcome
    # The day view says so.
    assert "đã được chốt" in page.day_state.text() and "3 hồ sơ" in page.day_state.text()
    # The day's register page and summary, previewed to print (Enter: the register first).
    assert QApplication.focusWidget() is dialog.register_button
    qtbot.keyClick(dialog.register_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.preview is not None and page.preview.isVisible())
    preview = page.preview
    assert preview is not None and "23/11/2026" in preview.windowTitle()
    register = _pdf_text(preview.pdf, tmp_path, "register.pdf")
    assert all(code in register for code in codes)  # the register's lines: the codes given
    preview.reject()
    dialog.summary_button.setFocus()
    qtbot.keyClick(dialog.summary_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.preview is not preview and page.preview is not None)
    summary = page.preview
    assert summary is not None
    qtbot.waitExposed(summary)
    assert "23/11/2026" in _pdf_text(summary.pdf, tmp_path, "summary.pdf")
    summary.reject()
    dialog.reject()
    # A receipt dated on the closed day is refused.
    with pytest.raises((DayClosed, IntegrityError)) as refused:
        _receive(session.store, MONDAY_0910 + dt.timedelta(minutes=5), printed=False)
    assert isinstance(refused.value, DayClosed) or refused_for_closed_day(refused.value)


@pytest.mark.parametrize("language", ["vi", "en"], indirect=True)
def test_a_day_that_cannot_close_shows_each_reason_and_stays_open(
    qtbot: QtBot, window: MainWindow, session: CounterSession, language: str
) -> None:
    store = session.store
    codes = [_receive(store, MORNING + dt.timedelta(minutes=n)) for n in range(2)]
    unprinted = _receive(store, MORNING + dt.timedelta(minutes=5), printed=False)
    # The store lost the second code's serial: the dossier now stands where a third would.
    with store.engine.begin() as connection:
        connection.execute(
            text("UPDATE dossier SET code_serial = 4, code = :new WHERE code = :old"),
            {"new": f"{AGENCY}-261123-0004", "old": codes[1]},
        )
    dialog = _ask_to_close(qtbot, window)
    _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.reasons.isVisible())
    reasons = dialog.reason_texts()
    assert len(reasons) == 2
    if language == "vi":
        assert reasons[0] == f"1 hồ sơ chưa đủ: {unprinted} (chưa in phiếu)"
        assert reasons[1].startswith("số hồ sơ bị bỏ trống") and codes[1] in reasons[1]
        assert "Chưa chốt được ngày 23/11/2026: 2 lý do." in dialog.outcome.text()
    else:
        assert reasons[0] == f"1 dossier(s) not complete: {unprinted} (its paper not printed)"
        assert reasons[1].startswith("dossier codes missing") and codes[1] in reasons[1]
        assert "The day 23/11/2026 stays open: 2 reason(s)." in dialog.outcome.text()
    # The day stays open; the dialog too, to try again once the reasons are dealt with.
    assert day_closed(store, DAY, 1) is None
    assert dialog.isVisible() and dialog.confirm.isEnabled()
    assert QApplication.focusWidget() is dialog.reasons
    assert not dialog.register_button.isVisible()
    dialog.reject()


def test_a_paper_that_cannot_be_made_is_said_under_the_close(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    _receive(session.store, MORNING)
    dialog = _ask_to_close(qtbot, window)
    _confirm(qtbot, dialog)
    qtbot.waitUntil(lambda: dialog.register_button.isVisible())
    # IT staff never set the office's name the papers print at their head.
    session.settings = Settings.defaults().with_value("agency_code", AGENCY)
    qtbot.keyClick(dialog.register_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: dialog.paper_problem.isVisible())
    assert "agency_name" in dialog.paper_problem.text()
    assert "Đã chốt ngày 23/11/2026" in dialog.outcome.text()  # the close stays said
    assert window.statistics.preview is None
    dialog.reject()
