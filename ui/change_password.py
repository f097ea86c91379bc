"""Choosing a password: the new one typed twice, the rule's message shown under it as it
is typed (``app.officers.passwords``: a minimum length, not a common password, not the
login; no composition rules). The officer whose password IT staff set changes it here
before the window opens (``change_own_password`` on the store worker).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.changes import NOTHING, Done
from app.officers.identity import Officer
from app.officers.passwords import PasswordRefused, check_new_password, check_repeated
from ui.operations import Operations, officer_message
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

PROBLEM_STYLE = "color: #c62828;"


class PasswordPair(QWidget):
    """A new password and its repetition, checked as they are typed."""

    checked = Signal(bool)  # whether the pair may be used

    def __init__(
        self, login: Callable[[], str], minimum: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._login, self.minimum = login, minimum
        self.first = QLineEdit()
        self.first.setObjectName("newPassword")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit()
        self.second.setObjectName("repeatPassword")
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.problem = QLabel()
        self.problem.setObjectName("passwordProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.rule = QLabel(
            self.tr(
                "At least {n} characters; an easy-to-remember phrase of several words is best."
            ).replace("{n}", str(minimum))
        )
        self.rule.setWordWrap(True)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        first_label = QLabel(self.tr("&New password"))
        first_label.setBuddy(self.first)
        second_label = QLabel(self.tr("&Repeat it"))
        second_label.setBuddy(self.second)
        form.addRow(first_label, self.first)
        form.addRow("", self.rule)
        form.addRow(second_label, self.second)
        form.addRow("", self.problem)
        self.first.textChanged.connect(self.recheck)
        self.second.textChanged.connect(self.recheck)
        self.first.returnPressed.connect(self.second.setFocus)

    def password(self) -> str:
        return self.first.text()

    def problem_now(self) -> str | None:
        """What is wrong with the pair as typed, or None."""
        try:
            check_new_password(self.first.text(), self._login(), self.minimum)
            check_repeated(self.first.text(), self.second.text())
        except PasswordRefused as refused:
            return str(refused)
        return None

    def recheck(self) -> bool:
        problem = self.problem_now()
        # Nothing red before anything is typed; the repetition only once it is begun.
        typed = bool(self.first.text())
        repeating = bool(self.second.text())
        first_only = None
        if typed:
            try:
                check_new_password(self.first.text(), self._login(), self.minimum)
            except PasswordRefused as refused:
                first_only = str(refused)
        shown = first_only if first_only is not None else (problem if repeating else None)
        self.problem.setText(shown or "")
        self.checked.emit(problem is None)
        return problem is None

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.problem.clear()


class ChangePasswordDialog(QDialog):
    """The signed-in officer chooses a new password; accepted once it is stored."""

    def __init__(
        self,
        change: Callable[[Officer, str, int, dt.datetime], None],
        officer: Officer,
        minimum: int,
        operations: Operations,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a new password"))
        self.setObjectName("changePassword")
        self.change, self.officer, self.operations, self.now = change, officer, operations, now
        self.minimum = minimum
        intro = QLabel(
            self.tr(
                "{login}: your password was set by IT staff. Choose your own before you start;"
                " nobody else should know it."
            ).replace("{login}", officer.login)
        )
        intro.setWordWrap(True)
        self.pair = PasswordPair(lambda: officer.login, self.minimum, self)
        self.failure = QLabel()
        self.failure.setObjectName("changePasswordFailure")
        self.failure.setWordWrap(True)
        self.failure.setStyleSheet(PROBLEM_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("&Change the password"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok.setEnabled(False)
        self.pair.checked.connect(self.ok.setEnabled)
        self.pair.second.returnPressed.connect(self._save)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pair)
        layout.addWidget(self.failure)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.saving = False
        self.pair.first.setFocus()

    def _save(self) -> None:
        if self.saving or not self.pair.recheck():
            return
        change_own, officer, password, minimum = (
            self.change,
            self.officer,
            self.pair.password(),
            self.minimum,
        )
        at = self.now()
        self.saving = True
        self.buttons.setEnabled(False)

        def change() -> Done[None]:
            change_own(officer, password, minimum, at)
            return Done(None, NOTHING)

        self.operations.change(self, change, lambda _none: self._saved(), failure=self._refused)

    def _saved(self) -> None:
        self.saving = False
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.failure.setText(officer_message(error))
