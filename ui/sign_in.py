"""Who is at the counter: an officer signs in with their login and password.

The attempt runs on the store worker (``app.officers.sign_in.sign_in``): a wrong
login or password is said in the dialog, and after several failures the throttle's
wait is counted down in the dialog with the button disabled; the window never
freezes and never locks anyone out for longer than the wait. A password IT staff
set must be changed first (``ui/change_password.py``) before the window opens.

``SignInForm`` is the form itself; the start-up's ``SignInDialog`` and the window's
"Switch officer" both use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.changes import NOTHING, Done
from app.officers.identity import Officer
from app.officers.outcomes import SignedIn, SignInRefused, SignInWait
from app.settings import Settings
from ui.operations import Operations, officer_message
from ui.qt import (
    QCoreApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QObject,
    QPaintEvent,
    QPushButton,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

if TYPE_CHECKING:  # the session's stack is loaded while this dialog is on screen
    from app.counter import CounterSession
    from ui.change_password import ChangePasswordDialog

Clock = Callable[[], dt.datetime]
PROBLEM_STYLE = "color: #c62828;"


@dataclass(frozen=True)
class Gate:
    """What signing in does with the counter's store, as functions over it (``ui/`` never
    names the store; the start-up makes these before any session exists)."""

    sign_in: Callable[[str, str, dt.datetime], SignedIn]
    change_password: Callable[[Officer, str, int, dt.datetime], None]
    unlock: Callable[[Officer, str, dt.datetime], None]


def session_gate(session: CounterSession) -> Gate:
    """The gate of an open session's store."""
    # Imported here: the start-up's dialog is painted before the store's code is loaded
    # (ui/application.py); "Switch officer" has the session, and with it that code, loaded.
    from app.officers.accounts import change_own_password
    from app.officers.sign_in import sign_in, unlock

    store = session.store
    return Gate(
        sign_in=lambda login, password, at: sign_in(store, login, password, now=at),
        change_password=lambda officer, password, minimum, at: change_own_password(
            store, officer, password, minimum_length=minimum, now=at
        ),
        unlock=lambda officer, password, at: unlock(store, officer, password, now=at),
    )


class Countdown(QObject):
    """The throttle's wait, counted down second by second on a label; ``ticked`` each second
    and ``over`` at zero. A test calls ``tick()`` itself instead of waiting."""

    ticked = Signal(int)  # the seconds still to wait
    over = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.left = 0
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.tick)

    @property
    def running(self) -> bool:
        return self.left > 0

    def start(self, seconds: int) -> None:
        self.left = max(seconds, 1)
        self.ticked.emit(self.left)
        self._timer.start()

    def tick(self) -> None:
        self.left = max(self.left - 1, 0)
        if self.left:
            self.ticked.emit(self.left)
            return
        self._timer.stop()
        self.over.emit()

    def stop(self) -> None:
        self.left = 0
        self._timer.stop()


def wait_text(seconds: int) -> str:
    """The throttle's wait, as the countdown shows it."""
    text = QCoreApplication.translate("Countdown", "Too many failed attempts: try again in {n} s")
    return text.replace("{n}", str(seconds))


def problem_label(name: str) -> QLabel:
    """A red line under a form that says what went wrong, in the officer's words."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(PROBLEM_STYLE)
    return label


class PasswordAttempts(QObject):
    """What every password form does around an attempt (signing in, unlocking, approving):
    its button is off while the password is checked and while the throttle's wait counts
    down on the problem line; a refusal is said there and the password field emptied."""

    def __init__(
        self, button: QPushButton, password: QLineEdit, problem: QLabel, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.button, self.password, self.problem = button, password, problem
        self.countdown = Countdown(self)
        self.countdown.ticked.connect(lambda left: self.problem.setText(wait_text(left)))
        self.countdown.over.connect(self._wait_over)
        self.trying = False

    @property
    def blocked(self) -> bool:
        """An attempt is under way, or the throttle's wait is not over."""
        return self.trying or self.countdown.running

    def begin(self) -> None:
        self._trying(True)

    def succeeded(self) -> None:
        self._trying(False)
        self.password.clear()
        self.problem.clear()

    def refused(self, error: Exception) -> None:
        self.password.clear()
        if isinstance(error, SignInWait):
            self.countdown.start(error.seconds)
        elif isinstance(error, SignInRefused):
            self.problem.setText(str(error))
        else:
            self.problem.setText(officer_message(error))
        self._trying(False)
        self.password.setFocus()

    def clear_problem(self) -> None:
        """A fresh form: the problem line empties, unless the wait is still counted there."""
        if not self.countdown.running:
            self.problem.clear()

    def _trying(self, trying: bool) -> None:
        self.trying = trying
        self.button.setEnabled(not trying and not self.countdown.running)

    def _wait_over(self) -> None:
        self.problem.setText(self.tr("You may try again now."))
        self._trying(False)
        self.password.setFocus()


class SignInForm(QWidget):
    """Login, password, and the sign-in button; ``signed_in`` once the password is right."""

    signed_in = Signal(object)  # SignedIn

    def __init__(
        self,
        gate: Gate,
        settings: Settings,
        operations: Operations,
        now: Clock = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.gate, self.operations, self.now = gate, operations, now
        self.where = QLabel()
        self.where.setObjectName("signInWhere")
        self.where.setWordWrap(True)
        self.where.setStyleSheet("font-weight: bold;")
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.login.setMaxLength(40)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = problem_label("signInProblem")
        self.button = QPushButton(self.tr("&Sign in"))
        self.button.setObjectName("signIn")
        self.button.setDefault(True)
        self.button.clicked.connect(self.attempt)
        self.login.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)
        self.attempts = PasswordAttempts(self.button, self.password, self.problem, self)
        form = QFormLayout()
        login_label = QLabel(self.tr("&Login"))
        login_label.setBuddy(self.login)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password)
        form.addRow(login_label, self.login)
        form.addRow(password_label, self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.where)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.button)
        self.show_place(settings)

    def show_place(self, settings: Settings) -> None:
        """The point and the counter being signed in to."""
        place = settings.receiving_point or self.tr("(receiving point not set)")
        self.where.setText(
            self.tr("{place} — counter {n}")
            .replace("{place}", place)
            .replace("{n}", str(settings.counter_number))
        )

    def start(self, login: str = "") -> None:
        """Empty fields (the login given, if any), the focus where typing starts."""
        self.login.setText(login)
        self.password.clear()
        self.attempts.clear_problem()
        (self.password if login else self.login).setFocus()

    def attempt(self) -> None:
        if self.attempts.blocked:
            return
        login, password = self.login.text().strip().lower(), self.password.text()
        if not login or not password:
            self.problem.setText(self.tr("Type your login and your password."))
            (self.password if login else self.login).setFocus()
            return
        attempt, at = self.gate.sign_in, self.now()
        self.attempts.begin()
        self.operations.change(
            self,
            lambda: Done(attempt(login, password, at), NOTHING),
            self._succeeded,
            failure=self.attempts.refused,
        )

    def _succeeded(self, signed: SignedIn) -> None:
        self.attempts.succeeded()
        self.signed_in.emit(signed)


class SignInDialog(QDialog):
    """The start-up's (and "Switch officer"'s) sign-in: ``officer`` once accepted; a
    password that must be changed is changed first. ``first_painted`` once it is on screen:
    the start-up then opens the store behind it (ui/application.py)."""

    first_painted = Signal()

    def __init__(
        self,
        gate: Gate,
        settings: Settings,
        operations: Operations,
        now: Clock = dt.datetime.now,
        parent: QWidget | None = None,
        title: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Sign in to the counter"))
        self.setObjectName("signInDialog")
        self.settings, self.operations, self.now, self.gate = settings, operations, now, gate
        self.officer: Officer | None = None
        self.change_password: ChangePasswordDialog | None = None
        self.form = SignInForm(gate, settings, operations, now, self)
        self.form.signed_in.connect(self._signed_in)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.form.start()
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # After this paint is done: what is started then does not delay it.
            QTimer.singleShot(0, self.first_painted.emit)

    def _signed_in(self, signed: SignedIn) -> None:
        if not signed.must_change:
            self.officer = signed.officer
            self.accept()
            return
        # Imported here: the password rules (argon2, the common passwords) are needed only
        # for a password IT staff set, not to paint the dialog (issue 19).
        from ui.change_password import ChangePasswordDialog

        dialog = ChangePasswordDialog(
            self.gate.change_password,
            signed.officer,
            self.settings.password_min_length,
            self.operations,
            self.now,
            self,
        )
        self.change_password = dialog
        dialog.accepted.connect(lambda: self._changed(signed.officer))
        dialog.rejected.connect(lambda: self.form.start(signed.officer.login))
        dialog.open()

    def _changed(self, officer: Officer) -> None:
        self.officer = officer
        self.accept()
