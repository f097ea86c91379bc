"""What covers the window while it is locked or nobody is signed in.

Locked (idle, or Ctrl+L): the screen underneath is hidden but kept exactly as it was
(a dossier half typed stays), and only the same officer's password opens it again
(``app.officers.sign_in.unlock``, throttled like a sign-in). Another officer can only
"Switch officer", which ends the locked officer's session (after asking, if a dossier
is unsaved). Signed out: the sign-in form, for whoever comes next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.changes import NOTHING, Done
from app.officers.identity import Officer
from app.settings import Settings
from ui.operations import Operations
from ui.qt import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.sign_in import Gate, PasswordAttempts, SignInForm, problem_label

Clock = Callable[[], dt.datetime]


class LockScreen(QWidget):
    unlocked = Signal()
    switch_requested = Signal()
    signed_in = Signal(object)  # SignedIn, from the form shown when signed out

    def __init__(
        self,
        gate: Gate,
        settings: Settings,
        operations: Operations,
        now: Clock = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.gate, self.operations, self.now = gate, operations, now
        self.officer: Officer | None = None
        self.title = QLabel()
        self.title.setObjectName("lockTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.title.setWordWrap(True)
        self.who = QLabel()
        self.who.setObjectName("lockWho")
        self.who.setWordWrap(True)
        # Locked: the same officer's password.
        self.unlock_box = QWidget()
        self.password = QLineEdit()
        self.password.setObjectName("unlockPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.attempt)
        self.problem = problem_label("unlockProblem")
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setObjectName("unlock")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.attempt)
        self.switch_button = QPushButton(self.tr("S&witch officer…"))
        self.switch_button.setObjectName("switchOfficer")
        self.switch_button.clicked.connect(self.switch_requested)
        form = QFormLayout()
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password)
        form.addRow(password_label, self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.unlock_button)
        buttons.addStretch(1)
        buttons.addWidget(self.switch_button)
        unlock_layout = QVBoxLayout(self.unlock_box)
        unlock_layout.setContentsMargins(0, 0, 0, 0)
        unlock_layout.addLayout(form)
        unlock_layout.addWidget(self.problem)
        unlock_layout.addLayout(buttons)
        self.attempts = PasswordAttempts(self.unlock_button, self.password, self.problem, self)
        # Signed out: whoever comes next signs in.
        self.form = SignInForm(gate, settings, operations, now)
        self.form.signed_in.connect(self.signed_in)
        panel = QFrame()
        panel.setObjectName("lockPanel")
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setMaximumWidth(560)
        panel.setMinimumWidth(420)
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 20, 24, 20)
        inner.addWidget(self.title)
        inner.addWidget(self.who)
        inner.addWidget(self.unlock_box)
        inner.addWidget(self.form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(panel)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_locked(self, officer: Officer, idle: bool) -> None:
        """Locked for ``officer``: their password, or Switch officer."""
        self.officer = officer
        self.title.setText(self.tr("This counter is locked"))
        text = self.tr("{name} ({login}) is signed in. Type the password to go on.")
        if idle:
            text = self.tr(
                "Locked after a time without activity. {name} ({login}) is signed in."
                " Type the password to go on."
            )
        self.who.setText(
            text.replace("{name}", officer.full_name).replace("{login}", officer.login)
        )
        self.who.setVisible(True)
        self.unlock_box.setVisible(True)
        self.form.setVisible(False)
        self.password.clear()
        self.attempts.clear_problem()
        self.password.setFocus()

    def show_switching(self, officer: Officer) -> None:
        """Another officer is signing in (in a dialog over this): nothing to type here."""
        self.title.setText(self.tr("Switching officer"))
        self.who.setText(
            self.tr(
                "The next officer signs in. {login} stays signed in, and the screen kept,"
                " until they have."
            ).replace("{login}", officer.login)
        )
        self.who.setVisible(True)
        self.unlock_box.setVisible(False)
        self.form.setVisible(False)

    def show_signed_out(self) -> None:
        """Nobody signed in: the sign-in form."""
        self.officer = None
        self.title.setText(self.tr("Nobody is signed in"))
        self.who.setVisible(False)
        self.unlock_box.setVisible(False)
        self.form.setVisible(True)
        self.form.start()

    def attempt(self) -> None:
        officer = self.officer
        if officer is None or self.attempts.blocked:
            return
        password = self.password.text()
        if not password:
            self.problem.setText(self.tr("Type the password."))
            return
        opened, at = self.gate.unlock, self.now()
        self.attempts.begin()
        self.operations.change(
            self,
            lambda: Done(opened(officer, password, at), NOTHING),
            lambda _none: self._unlocked(),
            failure=self.attempts.refused,
        )

    def _unlocked(self) -> None:
        self.attempts.succeeded()
        self.unlocked.emit()
