"""Results from the processing unit ("Nhận kết quả từ phòng chuyên môn"): one scan per card.

The processing unit brings a batch of results; the officer scans each one's code
(or types it, then Enter). Each is marked ready (``app.late_results.result_in``), or
not granted when the batch is of refusal letters, as it is scanned, with a running
count; a code that is not one of this receiving point's dossiers, or not forwarded
(or already ready, withdrawn, voided…), goes to the list below with the reason, and
the box is ready for the next scan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.changes import DOSSIER_STORED, Done
from app.counter import CounterSession
from app.late_results import result_in
from app.permissions import Authority
from ui.operations import Operations, officer_message
from ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)


def take_in(
    session: CounterSession,
    code: str,
    at: dt.datetime,
    authority: Authority | None,
    granted: bool = True,
) -> Done[str]:
    """One scanned result marked ready (or not granted: a refusal letter); refused, with
    nothing written, for a code that is not one of this point's dossiers."""
    who, point = session.authority(authority), session.settings.receiving_point
    result_in(session.store, code, who, at, point, granted=granted)
    return Done(code.strip().upper(), DOSSIER_STORED)


class ResultsInDialog(QDialog):
    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        now: Callable[[], dt.datetime],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self._clock = session, operations, now
        self.setWindowTitle(self.tr("Results from the processing unit"))
        intro = QLabel(
            self.tr(
                "Scan the code of each result the processing unit delivered (one scan per"
                " card). Each is marked ready as it is scanned."
            )
        )
        intro.setWordWrap(True)
        self.scan = QLineEdit()
        self.scan.setObjectName("resultScan")
        self.scan.setPlaceholderText(self.tr("Scan or type the dossier code, then Enter"))
        self.scan.returnPressed.connect(self._scanned)
        self.refusal = QCheckBox(self.tr("These are refusal &letters (not granted)"))
        self.refusal.setObjectName("resultRefusal")
        self.count = QLabel()
        self.count.setObjectName("resultCount")
        self.taken = QListWidget()
        self.taken.setObjectName("resultsTaken")
        self.problems_label = QLabel(self.tr("Not taken in:"))
        self.problems = QListWidget()
        self.problems.setObjectName("resultProblems")
        self.problems.setStyleSheet("color: #c62828;")
        self.problems.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        # The scanner's Enter is for the scan box, never a button's: no default button.
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        close.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.scan)
        layout.addWidget(self.refusal)
        layout.addWidget(self.count)
        layout.addWidget(self.taken, 2)
        layout.addWidget(self.problems_label)
        layout.addWidget(self.problems, 1)
        layout.addWidget(buttons)
        self.codes: list[str] = []  # taken in, in scanning order
        self.refused: list[str] = []  # the codes not taken in
        self._show_count()
        self.resize(640, 520)
        self.scan.setFocus()

    def _show_count(self) -> None:
        self.count.setText(
            self.tr("Results taken in: {n}   Not taken in: {m}").format(
                n=len(self.codes), m=len(self.refused)
            )
        )

    def _scanned(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        if not code:
            return
        session, at = self.session, self._clock().replace(second=0, microsecond=0)
        granted = not self.refusal.isChecked()
        self.operations.change_approved(
            self,
            lambda authority: take_in(session, code, at, authority, granted),
            self._taken,
            failure=lambda error: self._not_taken(code, error),
        )

    def _taken(self, code: str) -> None:
        self.codes.append(code)
        self.taken.addItem(code)
        self.taken.scrollToBottom()
        self._show_count()

    def _not_taken(self, code: str, error: Exception) -> None:
        self.refused.append(code)
        said = officer_message(error)
        self.problems.addItem(said if code.upper() in said.upper() else f"{code}: {said}")
        self.problems.scrollToBottom()
        self._show_count()
        self.scan.setFocus()
