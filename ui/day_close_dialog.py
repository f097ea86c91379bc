"""Closing the counter's day from the window (supervisor): what will be checked, then each
reason the day cannot close, or the close and its two papers.

The dialog says beforehand what ``app.day_close.close_day`` checks (the store, every dossier
of the day complete, no unexplained gap in the day's codes, and with a central database every
operation at the centre and the centre's count and digest equal to the counter's). It stays
open while the page closes the day (``Operations.change_approved``: an officer's counter asks a
supervisor to sign in for this action only), so a refusal is read in it: each reason of
``DayNotClosable`` on its own line, in the officer's language, the day still open; any other
failure (the centre out of reach, a fault) as one sentence. Closed, it shows the count, the
first characters of the digest and the gaps that were explained, and offers the day's register
page and summary to preview and print.
"""

from __future__ import annotations

import datetime as dt

from app.dates import format_date
from app.day_close import DayClosure, DayNotClosable
from app.i18n import current_language
from ui.fields import PROBLEM_STYLE
from ui.operations import officer_message
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    Signal,
)

DONE_STYLE = "color: #2e7d32;"
SCREEN_MARGIN = 60  # the title bar and a task bar, which the available height may not leave out
DIGEST_SHOWN = 12  # characters of the SHA-256: enough to compare with the centre's by eye


class DayCloseDialog(QDialog):
    """Asks to close ``day``; ``decided`` when the supervisor confirms. The page answers with
    ``closed`` (the result shown, the papers offered) or ``refused`` (each reason shown, the
    day open). ``print_requested`` carries "register" or "summary"."""

    decided = Signal()
    print_requested = Signal(str)

    def __init__(
        self, day: dt.date, counter_number: int, central: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dayCloseDialog")
        self.day = day
        self.setWindowTitle(
            self.tr("Close the day {day} at counter {counter}").format(
                day=format_date(day), counter=counter_number
            )
        )
        checks = [
            self.tr("the store passes its own check;"),
            self.tr(
                "every dossier of the day is complete: an accepted one has its code and due"
                " date, each round its checklist and its paper printed;"
            ),
            self.tr(
                "the day's codes have no gap, unless a void or the centre's refusal explains it;"
            ),
        ]
        if central:
            checks += [
                self.tr("every operation of the day's dossiers has reached the centre;"),
                self.tr("the centre's count and digest of the day's dossiers equal the counter's."),
            ]
        else:
            checks.append(self.tr("(no central database: the close is this counter's only.)"))
        self.intro = QLabel(
            self.tr("Before the day {day} is closed, the program checks that:").format(
                day=format_date(day)
            )
            + "\n"
            + "\n".join(f"• {line}" for line in checks)
            + "\n"
            + self.tr(
                "Once closed, nothing can be received, returned with papers, re-appointed or"
                " voided dated on that day at this counter; its dossiers change only through a"
                " supervisor's recorded correction."
            )
        )
        self.intro.setObjectName("dayCloseIntro")
        self.intro.setWordWrap(True)
        self.outcome = QLabel()
        self.outcome.setObjectName("dayCloseOutcome")
        self.outcome.setWordWrap(True)
        self.paper_problem = QLabel()  # a paper that could not be made, under the close
        self.paper_problem.setObjectName("dayClosePaperProblem")
        self.paper_problem.setWordWrap(True)
        self.paper_problem.setStyleSheet(PROBLEM_STYLE)
        self.paper_problem.hide()
        self.reasons = QListWidget()
        self.reasons.setObjectName("dayCloseReasons")
        self.reasons.setWordWrap(True)
        # As tall as its reasons (a few lines each), scrolling only past the screen's height.
        self.reasons.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
        self.reasons.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.reasons.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel.setText(self.tr("Cancel"))
        self.confirm = self.buttons.addButton(
            self.tr("&Close the day"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.confirm.setObjectName("dayCloseConfirm")
        self.register_button = self._paper_button(
            self.tr("Print the &register page…"), "dayCloseRegister", "register"
        )
        self.summary_button = self._paper_button(
            self.tr("Print the day &summary…"), "dayCloseSummary", "summary"
        )
        self.buttons.accepted.connect(self._decide)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.outcome)
        layout.addWidget(self.paper_problem)
        layout.addWidget(self.reasons, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(min(640, self.fontMetrics().averageCharWidth() * 90))
        self.working = False  # the close is being checked (or approved): the button waits
        self.confirm.setDefault(True)  # Enter confirms
        self.confirm.setFocus()

    def _paper_button(self, text: str, name: str, paper: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(lambda: self.print_requested.emit(paper))
        button.hide()  # until the day is closed
        return button

    def _decide(self) -> None:
        if self.working or not self.confirm.isVisible():
            return
        self.working = True
        self.confirm.setEnabled(False)
        self.outcome.setStyleSheet("")
        self.outcome.setText(self.tr("Checking the day…"))
        self.reasons.clear()
        self.reasons.hide()
        self.decided.emit()

    def closed(self, closure: DayClosure) -> None:
        """The day is closed (now, or before): what was recorded, and the papers offered."""
        self.working = False
        record = closure.closed
        said = (
            self.tr("The day {day} was already closed at {at} by {officer}.")
            if closure.already
            else self.tr("The day {day} is closed at {at} by {officer}.")
        ).format(
            day=format_date(record.day), at=f"{record.closed_at:%H:%M}", officer=record.officer
        )
        lines = [
            said,
            self.tr("{count} dossier(s) of the day; digest {digest}…").format(
                count=record.dossier_count, digest=record.digest[:DIGEST_SHOWN]
            ),
        ]
        if closure.explained_gaps:
            gaps = ", ".join(
                f"{code} ({self._explained_by(why)})" for code, why in closure.explained_gaps
            )
            lines.append(self.tr("Gaps explained: {gaps}.").format(gaps=gaps))
        lines.append(self.tr("Print the day's register page and summary to sign."))
        self.outcome.setStyleSheet(DONE_STYLE)
        self.outcome.setText("\n".join(lines))
        self.confirm.hide()
        self.cancel.setText(self.tr("Close"))
        self.register_button.show()
        self.summary_button.show()
        self.register_button.setDefault(True)
        self.register_button.setFocus()
        self._grow()

    def _explained_by(self, why: str) -> str:
        if why == "voided":
            return self.tr("voided")
        if why == "refused-by-centre":
            return self.tr("refused by the centre")
        return why

    def refused(self, error: Exception) -> None:
        """Not closed: each reason on its line (``DayNotClosable``), else the one sentence."""
        self.working = False
        self.confirm.setEnabled(True)
        self.outcome.setStyleSheet(PROBLEM_STYLE)
        if isinstance(error, DayNotClosable):
            self.outcome.setText(
                self.tr("The day {day} stays open: {n} reason(s).").format(
                    day=format_date(error.day), n=len(error.reasons)
                )
            )
            language = current_language()
            self.reasons.addItems([reason.text(language) for reason in error.reasons])
            self.reasons.show()
            self.reasons.setCurrentRow(0)
            self.reasons.setFocus()  # read line by line with the arrows
            self._grow()
            return
        self.outcome.setText(officer_message(error))
        self.confirm.setFocus()
        self._grow()

    def _grow(self) -> None:
        """As tall as the text now shown needs, within the screen: a dialog shown keeps its
        size otherwise, and the list of checks above would be squeezed out of sight."""
        layout = self.layout()
        assert layout is not None  # set in __init__
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        screen = self.screen()
        room = screen.availableGeometry().height() - SCREEN_MARGIN if screen else needed
        if needed > self.height():
            self.resize(self.width(), min(needed, room))

    def paper_failed(self, error: Exception) -> None:
        """A paper could not be made (the office's name not set, a fault): said under the
        close, which stays said."""
        self.paper_problem.setText(officer_message(error))
        self.paper_problem.show()
        self._grow()

    def reason_texts(self) -> list[str]:
        return [self.reasons.item(row).text() for row in range(self.reasons.count())]
