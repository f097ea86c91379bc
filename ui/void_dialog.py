"""Voiding a stored dossier: which dossier, and the reason (required).

A dossier received by mistake is voided, never deleted (``app.voids``): it stays
in the store, shown as voided, and nothing more is done with it. The dialog
shows whose dossier it is so that the wrong one is not voided, and checks the
reason as it is typed and stays open while the page voids the dossier
(``ui.reason_dialog``: an officer's counter asks a supervisor to approve).
"""

from __future__ import annotations

import datetime as dt

from app.voids import REASON, REASON_REQUIRED
from ui.qt import QLabel, QWidget
from ui.reason_dialog import ReasonDialog


class VoidDialog(ReasonDialog):
    """Asks for the reason; ``decided`` carries it. The page answers with ``voided`` (the
    dialog closes) or ``refused`` (the refusal is shown, the dialog stays)."""

    def __init__(
        self,
        code: str,
        applicant: str,
        received_at: dt.datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.code = QLabel(code)
        self.code.setObjectName("voidCode")
        self.applicant = QLabel(applicant)
        self.applicant.setObjectName("voidApplicant")
        self.applicant.setWordWrap(True)
        self.build(
            name="void",
            title=self.tr("Void dossier {code}").format(code=code),
            intro=self.tr(
                "A voided dossier is not deleted: it stays in the store and is shown as voided,"
                " and nothing more is done with it (no paper, no new round, no correction)."
                " A dossier is voided once; a supervisor decides it."
            ),
            rows=[
                (self.tr("Dossier:"), self.code),
                (self.tr("Applicant:"), self.applicant),
                (self.tr("Received:"), QLabel(f"{received_at:%H:%M %d/%m/%Y}")),
            ],
            placeholder=self.tr(
                "Why the dossier is voided, for example: received twice by mistake"
            ),
            ok_text=self.tr("&Void the dossier"),
            rule_label=REASON,
            required=REASON_REQUIRED(),
        )

    def voided(self) -> None:
        """The dossier was voided: the dialog has done its work."""
        self.finished_with()
