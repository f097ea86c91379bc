"""Voiding a stored dossier: which dossier, and the reason (required).

A dossier received by mistake is voided, never deleted (``app.voids``): it stays
in the store, shown as voided, and nothing more is done with it. The dialog
shows whose dossier it is so that the wrong one is not voided, and checks the
reason by the rule the store keeps it by (``app.dossier.request.checked_text``)
as it is typed. It stays open while the page voids the dossier (through
``Operations.change_approved``: an officer's counter asks a supervisor to
approve), so a refusal is read under the reason and the reason is not lost.
"""

from __future__ import annotations

import datetime as dt

from app.dossier.request import TEXT_MAX, TextRefused, checked_text
from app.voids import REASON, REASON_REQUIRED
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


class VoidDialog(QDialog):
    """Asks for the reason; ``decided`` carries it. The page answers with ``voided`` (the
    dialog closes) or ``refused`` (the refusal is shown, the dialog stays)."""

    decided = Signal(str)  # the reason, trimmed

    def __init__(
        self,
        code: str,
        applicant: str,
        received_at: dt.datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("voidDialog")
        self.setWindowTitle(self.tr("Void dossier {code}").format(code=code))
        self.code = QLabel(code)
        self.code.setObjectName("voidCode")
        self.applicant = QLabel(applicant)
        self.applicant.setObjectName("voidApplicant")
        self.applicant.setWordWrap(True)
        received = QLabel(f"{received_at:%H:%M %d/%m/%Y}")
        intro = QLabel(
            self.tr(
                "A voided dossier is not deleted: it stays in the store and is shown as voided,"
                " and nothing more is done with it (no paper, no new round, no correction)."
                " A dossier is voided once; a supervisor decides it."
            )
        )
        intro.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setObjectName("voidReason")
        self.reason.setMaxLength(TEXT_MAX)
        self.reason.setPlaceholderText(
            self.tr("Why the dossier is voided, for example: received twice by mistake")
        )
        self.problem = QLabel()
        self.problem.setObjectName("voidProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        form.addRow(self.tr("Dossier:"), self.code)
        form.addRow(self.tr("Applicant:"), self.applicant)
        form.addRow(self.tr("Received:"), received)
        reason_label = QLabel(self.tr("&Reason (required):"))
        reason_label.setBuddy(self.reason)
        form.addRow(reason_label, self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok = self.buttons.addButton(
            self.tr("&Void the dossier"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("voidOk")
        self.buttons.accepted.connect(self._decide)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.ok.setDefault(True)  # Enter confirms (once the box is in the dialog)
        self.working = False  # the void is being stored (or approved): OK waits
        self.reason.textChanged.connect(self._check)
        self._check()
        self.reason.setFocus()

    def _rule_problem(self) -> str:
        """What the reason's rule says of the text typed; "" when it may be kept."""
        try:
            kept = checked_text(self.reason.text(), REASON)
        except TextRefused as error:
            return str(error)
        return "" if kept else REASON_REQUIRED()

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

    def voided(self) -> None:
        """The dossier was voided: the dialog has done its work."""
        self.working = False
        self.accept()

    def refused(self, error: Exception) -> None:
        """Not voided (refused, not approved, a fault): said under the reason, which stays."""
        self.working = False
        self._check()
        self.problem.setText(officer_message(error))
        self.reason.setFocus()
