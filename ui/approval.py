"""A supervisor (or IT staff) approves one action at an officer's counter.

When the signed-in officer's role may not do an action (``app.permissions``), the
window does not hide it: the action asks for someone who may to sign in for that
action only (``app.officers.sign_in.approve``, on the store worker; recorded in the
trail, throttled like any sign-in). The returned ``Authority`` is used for that one
action and forgotten; cancelling leaves everything as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.changes import NOTHING, Done
from app.counter import CounterSession
from app.officers.sign_in import approve
from app.permissions import Authority, Permission, RoleRefused
from ui.operations import Operations
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.sign_in import PasswordAttempts, problem_label

Clock = Callable[[], dt.datetime]


class ApprovalDialog(QDialog):
    """Login and password of the one who approves; ``approved`` with the authority."""

    approved = Signal(object)  # Authority

    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        refused: RoleRefused,
        now: Clock = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("approvalDialog")
        self.session, self.operations, self.now = session, operations, now
        self.permission: Permission = refused.permission
        self.authority: Authority | None = None
        self.setWindowTitle(self.tr("Approval needed"))
        said = str(refused)  # a sentence of the command line too: it starts in lower case
        why = QLabel(said[:1].upper() + said[1:])
        why.setObjectName("approvalWhy")
        why.setWordWrap(True)
        ask = QLabel(
            self.tr(
                "A supervisor or IT staff member who may do this signs in here for this"
                " action only; {login} stays signed in."
            ).replace("{login}", session.officer.login)
        )
        ask.setWordWrap(True)
        self.login = QLineEdit()
        self.login.setObjectName("approverLogin")
        self.login.setMaxLength(40)
        self.password = QLineEdit()
        self.password.setObjectName("approverPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = problem_label("approvalProblem")
        form = QFormLayout()
        login_label = QLabel(self.tr("&Login"))
        login_label.setBuddy(self.login)
        password_label = QLabel(self.tr("&Password"))
        password_label.setBuddy(self.password)
        form.addRow(login_label, self.login)
        form.addRow(password_label, self.password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Approve"))
        self.attempts = PasswordAttempts(self.ok, self.password, self.problem, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        self.login.returnPressed.connect(self.password.setFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(why)
        layout.addWidget(ask)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.login.setFocus()

    def attempt(self) -> None:
        if self.attempts.blocked:
            return
        login, password = self.login.text().strip().lower(), self.password.text()
        if not login or not password:
            self.problem.setText(self.tr("Type the login and the password of who approves."))
            return
        store, actor, permission, at = (
            self.session.store,
            self.session.officer,
            self.permission,
            self.now(),
        )
        self.attempts.begin()
        self.operations.change(
            self,
            lambda: Done(approve(store, actor, login, password, permission, now=at), NOTHING),
            self._approved,
            failure=self.attempts.refused,
        )

    def _approved(self, authority: Authority) -> None:
        self.attempts.succeeded()
        self.authority = authority
        self.accept()
        self.approved.emit(authority)


class Approvals:
    """The window's approver (``Operations.approver``): one approval dialog at a time."""

    def __init__(
        self, session: CounterSession, operations: Operations, now: Clock = dt.datetime.now
    ) -> None:
        self.session, self.operations, self.now = session, operations, now
        self.dialog: ApprovalDialog | None = None  # the one open (tests answer it)

    def __call__(
        self,
        parent: QWidget,
        refused: RoleRefused,
        granted: Callable[[Authority], None],
        cancelled: Callable[[], None],
    ) -> None:
        dialog = ApprovalDialog(self.session, self.operations, refused, self.now, parent)
        self.dialog = dialog
        dialog.approved.connect(granted)
        dialog.rejected.connect(cancelled)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        dialog.open()

    def _closed(self, dialog: ApprovalDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
