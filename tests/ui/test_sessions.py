"""Signing in, locking, switching officer and approvals, as the officers at a counter do them.

Every attempt is real (the argon2id hashes of ``tests/accounts.py``, the audit trail in a
real store); the idle clock is a number the test moves, and the throttle's countdown is
ticked by the test: nothing waits for real time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from app.audit import show_trail
from app.catalogue.model import Catalogue
from app.counter import CounterSession
from app.officers.sign_in import sign_in
from camera.sources import FrameSource
from tests.accounts import IT_ADMIN, OFFICER, PASSWORDS, SUPERVISOR
from tests.ui.conftest import MONDAY_0910, Dialogs, type_text
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.qt import QApplication, QLineEdit, QMessageBox, Qt, QTableWidget, QWidget
from ui.sign_in import SignInDialog, session_gate


class IdleClock:
    """The window's idle clock, in seconds, moved by the test."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds

    def idle_for(self, seconds: float) -> None:
        self.seconds += seconds


@pytest.fixture
def clock() -> IdleClock:
    return IdleClock()


def _window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    clock: IdleClock,
) -> MainWindow:
    shown = MainWindow(catalogue, session, now=lambda: MONDAY_0910, camera=camera, idle_clock=clock)
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
    clock: IdleClock,
) -> Iterator[MainWindow]:
    """The supervisor's window (``session``)."""
    shown = _window(qtbot, catalogue, session, camera, clock)
    yield shown
    _close(shown)


@pytest.fixture
def officer_window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    clock: IdleClock,
) -> Iterator[MainWindow]:
    """A counter officer's window: no settings, no trail of their own."""
    session.officer = OFFICER
    shown = _window(qtbot, catalogue, session, camera, clock)
    yield shown
    _close(shown)


def _close(window: MainWindow) -> None:
    window.reception.clear()  # nothing to ask about
    window.close()


def _trail(session: CounterSession) -> list[tuple[str, str]]:
    return [(row.actor, row.action) for row in show_trail(session.store)]


def _type_form(qtbot: QtBot, login: QLineEdit | None, password: QLineEdit, who: str) -> None:
    if login is not None:
        login.clear()
        type_text(login, who)
    password.clear()
    type_text(password, PASSWORDS[who])
    qtbot.keyClick(password, Qt.Key.Key_Return)


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _unsaved_dossier(window: MainWindow) -> None:
    page = window.reception
    page.picker.choose("doi-gtvt")
    page.applicant.full_name.set_value(None)
    type_text(page.applicant.full_name.widget, "Nguyễn Văn An")
    assert page.has_unsaved_changes()


def test_the_right_password_signs_in_and_opens_the_window(
    qtbot: QtBot,
    catalogue: Catalogue,
    session: CounterSession,
    camera: Callable[[int], FrameSource],
    clock: IdleClock,
    operations: Operations,
) -> None:
    dialog = SignInDialog(session_gate(session), session.settings, operations, lambda: MONDAY_0910)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "counter 1" in dialog.form.where.text()
    with qtbot.waitSignal(dialog.accepted):
        _type_form(qtbot, dialog.form.login, dialog.form.password, OFFICER.login)
    assert dialog.officer == OFFICER
    session.officer = dialog.officer
    window = _window(qtbot, catalogue, session, camera, clock)
    try:
        assert window.status.officer.text() == OFFICER.full_name
        assert window.stack.currentWidget() is not window.lock_screen
        assert (OFFICER.login, "sign-in") in _trail(session)
    finally:
        _close(window)


def test_a_wrong_password_is_refused_then_throttled_in_the_dialog(
    qtbot: QtBot, session: CounterSession, operations: Operations
) -> None:
    moments = [MONDAY_0910]
    dialog = SignInDialog(session_gate(session), session.settings, operations, lambda: moments[-1])
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    type_text(form.login, OFFICER.login)
    for _attempt in range(3):
        type_text(form.password, "not lan's password")
        qtbot.keyClick(form.password, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not form.attempts.trying)
        assert form.problem.text() == "Tên đăng nhập hoặc mật khẩu không đúng"
        assert form.password.text() == ""  # typed again from scratch
    # The fourth comes too soon: the wait is counted down, the button off, nothing frozen.
    type_text(form.password, PASSWORDS[OFFICER.login])
    qtbot.keyClick(form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.attempts.countdown.running)
    assert "try again in 1 s" in form.problem.text()
    assert not form.button.isEnabled()
    assert dialog.isVisible() and dialog.officer is None
    form.attempts.countdown.tick()  # the second has passed
    assert form.button.isEnabled() and form.problem.text() == "You may try again now."
    moments.append(MONDAY_0910 + dt.timedelta(seconds=2))
    with qtbot.waitSignal(dialog.accepted):
        _type_form(qtbot, None, form.password, OFFICER.login)
    assert dialog.officer == OFFICER
    failed = [row for row in _trail(session) if row[1] == "sign-in-failed"]
    assert failed == [(OFFICER.login, "sign-in-failed")] * 3  # the early one tried nothing


def test_idle_lock_keeps_the_unsaved_dossier_and_opens_for_the_same_officer_only(
    qtbot: QtBot, window: MainWindow, session: CounterSession, clock: IdleClock
) -> None:
    _unsaved_dossier(window)
    limit = session.settings.idle_lock_minutes * 60
    clock.idle_for(limit - 59)
    window.idle.check()
    assert window.idle_banner.isVisible() and "59 s" in window.idle_banner.text()
    type_text(window.reception.applicant.full_name.widget, "h")  # a key: no lock after all
    assert not window.idle_banner.isVisible()
    name = window.reception.applicant.full_name.widget
    assert isinstance(name, QLineEdit)
    name.backspace()
    clock.idle_for(limit)
    window.idle.check()
    assert window.locked and window.stack.currentWidget() is window.lock_screen
    assert not window.tabs.isVisible()  # nothing of the dossier shows
    lock = window.lock_screen
    assert SUPERVISOR.login in lock.who.text()
    # Another officer's password does not open it.
    _type_form(qtbot, None, lock.password, OFFICER.login)
    qtbot.waitUntil(lambda: lock.problem.text() != "")
    assert window.locked and lock.problem.text() == "Tên đăng nhập hoặc mật khẩu không đúng"
    # The supervisor's does, and the dossier is there as it was.
    _type_form(qtbot, None, lock.password, SUPERVISOR.login)
    qtbot.waitUntil(lambda: not window.locked)
    assert window.tabs.isVisible()
    page = window.reception
    assert page.applicant.full_name.value() == "Nguyễn Văn An"
    assert page.picker.procedure is not None and page.picker.procedure.id == "doi-gtvt"
    trail = _trail(session)
    assert (SUPERVISOR.login, "lock") in trail and (SUPERVISOR.login, "unlock") in trail


def test_ctrl_l_locks_and_another_officer_switches_discarding_the_dossier(
    qtbot: QtBot, window: MainWindow, session: CounterSession, dialogs: Dialogs
) -> None:
    _unsaved_dossier(window)
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier
    )
    assert window.locked
    dialogs.expect("question", "discarded", QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(window.lock_screen.switch_button, Qt.MouseButton.LeftButton)
    switch = window.switch_dialog
    assert switch is not None and switch.isVisible()
    with qtbot.waitSignal(switch.accepted):
        _type_form(qtbot, switch.form.login, switch.form.password, OFFICER.login)
    qtbot.waitUntil(lambda: session.officer == OFFICER)
    assert not window.locked and window.tabs.isVisible()
    assert not window.reception.has_unsaved_changes()  # not carried to the next officer
    assert window.reception.applicant.full_name.value() is None
    assert window.status.officer.text() == OFFICER.full_name
    qtbot.waitUntil(lambda: (SUPERVISOR.login, "sign-out") in _trail(session))
    assert (OFFICER.login, "sign-in") in _trail(session)


def test_switching_cancelled_leaves_the_window_locked_for_its_officer(
    qtbot: QtBot, window: MainWindow, session: CounterSession, dialogs: Dialogs
) -> None:
    _unsaved_dossier(window)
    dialogs.expect("question", "discarded", QMessageBox.StandardButton.Yes)
    window.switch_action.trigger()
    switch = window.switch_dialog
    assert switch is not None and window.locked
    switch.reject()
    assert window.locked and session.officer == SUPERVISOR
    _type_form(qtbot, None, window.lock_screen.password, SUPERVISOR.login)
    qtbot.waitUntil(lambda: not window.locked)
    assert window.reception.applicant.full_name.value() == "Nguyễn Văn An"


def test_sign_out_then_the_next_officer_signs_in_on_the_window(
    qtbot: QtBot, window: MainWindow, session: CounterSession, dialogs: Dialogs
) -> None:
    _unsaved_dossier(window)
    dialogs.expect("question", "Sign out and discard", QMessageBox.StandardButton.Yes)
    window.sign_out_action.trigger()
    assert window.stack.currentWidget() is window.lock_screen
    assert window.signed_in is None and not window.reception.has_unsaved_changes()
    assert window.status.officer.text() == "Nobody signed in"
    assert not window.settings_action.isEnabled() and not window.lock_action.isEnabled()
    form = window.lock_screen.form
    assert form.isVisible()
    _type_form(qtbot, form.login, form.password, OFFICER.login)
    qtbot.waitUntil(lambda: window.signed_in == OFFICER)
    assert session.officer == OFFICER and window.tabs.isVisible()
    trail = _trail(session)
    assert trail.index((SUPERVISOR.login, "sign-out")) < trail.index((OFFICER.login, "sign-in"))


def test_an_officer_opening_the_settings_needs_it_staff_to_approve(
    qtbot: QtBot, officer_window: MainWindow, session: CounterSession
) -> None:
    window = officer_window
    window.settings_action.trigger()
    approval = window.approvals.dialog
    assert approval is not None and approval.isVisible()
    assert "cán bộ IT" in approval.findChild(QWidget, "approvalWhy").text()  # type: ignore[union-attr]
    assert window.settings_dialog is None
    # A supervisor may not change the settings either: refused in the dialog.
    _type_form(qtbot, approval.login, approval.password, SUPERVISOR.login)
    qtbot.waitUntil(lambda: approval.problem.text() != "")
    assert "chỉ cán bộ IT" in approval.problem.text() and window.settings_dialog is None
    _type_form(qtbot, approval.login, approval.password, IT_ADMIN.login)
    qtbot.waitUntil(lambda: window.settings_dialog is not None)
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.authority is not None and dialog.authority.approver == IT_ADMIN
    assert session.officer == OFFICER  # still the officer's window
    dialog.reject()


def test_cancelling_the_approval_leaves_everything_as_it_was(
    qtbot: QtBot, officer_window: MainWindow, session: CounterSession
) -> None:
    window = officer_window
    window.settings_action.trigger()
    approval = window.approvals.dialog
    assert approval is not None
    approval.reject()
    assert window.settings_dialog is None and window.approvals.dialog is None
    assert session.officer == OFFICER and not window.locked


def test_the_supervisor_sees_the_day_trail_with_the_sign_in(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    sign_in(session.store, SUPERVISOR.login, PASSWORDS[SUPERVISOR.login], now=MONDAY_0910)
    qtbot.keyClick(
        QApplication.focusWidget() or window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier
    )
    qtbot.waitUntil(lambda: window.trail is not None)
    trail = window.trail
    assert trail is not None and trail.isVisible()
    rows = [
        tuple(_cell(trail.table, row, column) for column in range(4))
        for row in range(trail.table.rowCount())
    ]
    assert ("09:10:00", SUPERVISOR.login, "sign-in", "via=window") in rows
    trail.action.setCurrentIndex(trail.action.findData("sign-in"))
    assert trail.table.rowCount() == 1
    trail.action.setCurrentIndex(0)  # every action
    trail.officer.setCurrentIndex(trail.officer.findData(SUPERVISOR.login))
    shown = {_cell(trail.table, row, 1) for row in range(trail.table.rowCount())}
    assert shown == {SUPERVISOR.login}
    trail.reject()


def test_an_officer_sees_the_trail_once_a_supervisor_approves(
    qtbot: QtBot, officer_window: MainWindow, session: CounterSession
) -> None:
    window = officer_window
    window.trail_action.trigger()
    qtbot.waitUntil(lambda: window.approvals.dialog is not None)
    approval = window.approvals.dialog
    assert approval is not None
    _type_form(qtbot, approval.login, approval.password, SUPERVISOR.login)
    qtbot.waitUntil(lambda: window.trail is not None)
    trail = window.trail
    assert trail is not None
    logins = {_cell(trail.table, row, 1) for row in range(trail.table.rowCount())}
    assert SUPERVISOR.login in logins  # the approval itself is recorded
    trail.reject()


def test_a_dialog_ready_after_the_lock_waits_hidden_for_the_unlock(
    qtbot: QtBot, window: MainWindow, session: CounterSession
) -> None:
    window.trail_action.trigger()  # read on the worker; shown when it is read…
    window.lock_now()  # …which is after the lock (the result comes through the event loop)
    qtbot.waitUntil(lambda: window.trail is not None)
    trail = window.trail
    assert trail is not None
    qtbot.waitUntil(lambda: not trail.isVisible())
    assert window.locked
    _type_form(qtbot, None, window.lock_screen.password, SUPERVISOR.login)
    qtbot.waitUntil(lambda: not window.locked)
    assert trail.isVisible()
    trail.reject()
