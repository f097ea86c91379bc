"""A decision recorded with its reason: voiding a dossier, exporting a card record again.

The dialog says what the decision is about, checks the reason by the rule the store keeps it
by (``app.dossier.request.checked_text``) as it is typed, and stays open while the page
records the decision (through ``Operations.change_approved``: an officer's counter asks a
supervisor to approve), so a refusal is read under the reason and the reason is not lost.
A subclass gives the words (``build``); the page answers ``decided`` with ``finished_with``
(the dialog closes) or ``refused`` (said under the reason, the dialog stays).
"""

from __future__ import annotations

from collections.abc import Sequence

from app.dossier.request import TEXT_MAX, TextRefused, checked_text
from app.i18n import Message
from ui.fields import PROBLEM_STYLE
from ui.operations import officer_message
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


class ReasonDialog(QDialog):
    """The reason of a decision; ``decided`` carries it, trimmed."""

    decided = Signal(str)

    def build(
        self,
        *,
        name: str,
        title: str,
        intro: str,
        rows: Sequence[tuple[str, QWidget]],
        placeholder: str,
        ok_text: str,
        rule_label: Message,
        required: str,
    ) -> None:
        """Lay the dialog out: ``rows`` say what it is about; widgets are named after
        ``name`` (``<name>Dialog``, ``<name>Reason``, ``<name>Problem``, ``<name>Ok``);
        ``rule_label`` names the reason in a refusal of its text, ``required`` is said while
        it is empty."""
        self.setObjectName(f"{name}Dialog")
        self.setWindowTitle(title)
        self._rule_label, self._required = rule_label, required
        shown = QLabel(intro)
        shown.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName(f"{name}Reason")
        self.reason.setMaxLength(TEXT_MAX)
        self.reason.setPlaceholderText(placeholder)
        self.problem = QLabel()
        self.problem.setObjectName(f"{name}Problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        form = QFormLayout()
        for label, widget in rows:
            form.addRow(label, widget)
        reason_label = QLabel(self.tr("&Reason (required):"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName(f"{name}Ok")
        self.buttons.accepted.connect(self._decide)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(shown)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.ok.setDefault(True)  # Enter confirms (once the box is in the dialog)
        self.working = False  # being recorded (or approved): OK waits
        self.reason.textChanged.connect(self._check)
        self._check()
        self.reason.setFocus()

    def finished_with(self) -> None:
        """Recorded: the dialog has done its work."""
        self.working = False
        self.accept()

    def refused(self, error: Exception) -> None:
        """Not recorded (refused, not approved, a fault): said under the reason, which stays."""
        self.working = False
        self._check()
        self.problem.setText(officer_message(error))
        self.reason.setFocus()

    def _rule_problem(self) -> str:
        """What the reason's rule says of the text typed; "" when it may be kept."""
        try:
            kept = checked_text(self.reason.text(), self._rule_label)
        except TextRefused as error:
            return str(error)
        return "" if kept else self._required

    def _check(self) -> None:
        problem = self._rule_problem()
        self.problem.setText(problem)
        self.ok.setEnabled(not problem and not self.working)

    def _decide(self) -> None:
        if not self.ok.isEnabled():
            return
        self.working = True
        self.ok.setEnabled(False)
        self.decided.emit(self.reason.text().strip())
