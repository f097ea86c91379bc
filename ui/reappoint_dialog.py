"""Re-appointment: the new due date (working days to add, or a date) and the reason.

Decree 61/2018 art. 19: a due date is moved at most once, with a reason that
is printed on the apology letter (Mẫu 04). The dialog only asks; the page
stores the decision through ``Operations`` and prints the letter. The new date
is shown as it will be computed (``app.appointments.new_due_date``) before the
officer confirms.
"""

from __future__ import annotations

import datetime as dt
import re

from app.appointments import MOST_EXTRA_WORKING_DAYS, new_due_date, working_days_until
from app.reception import Timetable
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)

_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _moment(moment: dt.datetime) -> str:
    return f"{moment:%H:%M %d/%m/%Y}"


class ReappointDialog(QDialog):
    """Asks for the new due date and the reason; ``decided`` carries them."""

    decided = Signal(int, str)  # working days to add, the reason

    def __init__(
        self,
        code: str,
        due_at: dt.datetime,
        timetable: Timetable,
        decided_at: dt.datetime,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.due_at, self.timetable, self.decided_at = due_at, timetable, decided_at
        self._date_problem = ""
        self.setWindowTitle(self.tr("New due date for {code}").format(code=code))
        intro = QLabel(
            self.tr(
                "Dossier {code}, due {due}. The due date may be moved only once (Decree 61/2018"
                " art. 19); the reason is printed on the apology letter (Mẫu 04)."
            ).format(code=code, due=_moment(due_at))
        )
        intro.setWordWrap(True)
        self.days = QSpinBox()
        self.days.setObjectName("reappointDays")
        self.days.setRange(1, MOST_EXTRA_WORKING_DAYS)
        self.days.setValue(1)
        self.date = QLineEdit()
        self.date.setObjectName("reappointDate")
        self.date.setPlaceholderText(self.tr("dd/mm/yyyy"))
        self.new_due = QLabel()
        self.new_due.setObjectName("reappointNewDue")
        self.reason = QLineEdit()
        self.reason.setObjectName("reappointReason")
        self.reason.setMaxLength(500)
        self.reason.setPlaceholderText(
            self.tr("Why the result is late, as the applicant will read it")
        )
        self.problem = QLabel()
        self.problem.setObjectName("reappointProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        form = QFormLayout()
        form.addRow(self.tr("Working days to &add:"), self.days)
        form.addRow(self.tr("or the &new date:"), self.date)
        form.addRow(self.tr("New due date:"), self.new_due)
        form.addRow(self.tr("&Reason (required):"), self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(
            self.tr("Re-appoint and print Mẫu 04"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok.setObjectName("reappointOk")
        self.buttons.accepted.connect(self._decide)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.ok.setDefault(True)  # Enter confirms (once the box is in the dialog)
        self.days.valueChanged.connect(self._show_due)
        self.date.textEdited.connect(self._date_typed)
        self.reason.textChanged.connect(self._check)
        self._show_due()
        self.reason.setFocus()

    def _show_due(self) -> None:
        due = new_due_date(self.due_at, self.days.value(), self.decided_at, self.timetable)
        self.new_due.setText(_moment(due.due_at))
        self._check()

    def _date_typed(self, typed: str) -> None:
        """A date typed: the fewest working days that reach it (the spin box follows)."""
        self._date_problem = ""
        match = _DATE.fullmatch(typed.strip())
        if typed.strip() and match is None:
            self._date_problem = self.tr("New date: type day/month/year, for example 04/12/2026.")
        elif match is not None:
            try:
                day = dt.date(int(match[3]), int(match[2]), int(match[1]))
            except ValueError:
                self._date_problem = self.tr("New date: this day does not exist.")
            else:
                days = working_days_until(self.due_at, day, self.decided_at, self.timetable)
                if days is None:
                    self._date_problem = self.tr(
                        "New date: at most {most} working days after the due date."
                    ).format(most=MOST_EXTRA_WORKING_DAYS)
                else:
                    self.days.setValue(days)
        self._check()

    def _check(self) -> None:
        problems = [self._date_problem] if self._date_problem else []
        if not self.reason.text().strip():
            problems.append(
                self.tr("Reason: required; it is printed on the apology letter (Mẫu 04).")
            )
        self.problem.setText("\n".join(problems))
        self.ok.setEnabled(not problems)

    def _decide(self) -> None:
        if not self.ok.isEnabled():
            return
        self.decided.emit(self.days.value(), self.reason.text().strip())
        self.accept()
