"""Results due soon: the dossiers due within a working day (or overdue) and not ready.

Decree 61/2018 art. 19: a result that will be late is announced at least a day before
the due date, with an apology and a new date (Mẫu 04); the date moves only once. The
list (``app.late_results.late_results``) reads afresh when shown and when a dossier
changed; Enter or Ctrl+H on a row opens the re-appointment (``ui/reappoint_dialog.py``),
stored by ``app.counter_ops.reappoint`` and previewed as Mẫu 04, recorded once printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.catalogue.model import Catalogue
from app.changes import Changes
from app.counter import CounterSession
from app.dossier_queries import StoredDossier
from app.dossier_status import STATUS_NAMES
from app.late_results import LateResult, late_results
from app.papers import RenderedSlip
from app.permissions import Authority
from ui.operations import Operations, officer_message
from ui.print_preview import PrintPreviewDialog
from ui.qt import (
    QAbstractItemView,
    QAction,
    QColor,
    QHeaderView,
    QKeySequence,
    QLabel,
    QModelIndex,
    QPushButton,
    QShowEvent,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ui.reappoint_dialog import ReappointDialog
from ui.slip_previews import ask_reappointment, preview_slip

KEY_REAPPOINT = "Ctrl+H"  # as on today's dossiers
OVERDUE_RED = QColor("#c62828")


class LateResultsPage(QWidget):
    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        catalogue: Catalogue | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.summary = QLabel()
        self.summary.setObjectName("lateSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("lateTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Due"),
                self.tr("Code"),
                self.tr("Applicant"),
                self.tr("Procedure"),
                self.tr("Status"),
            ]
        )
        header = self.table.horizontalHeader()
        for column in range(5):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in (2, 3)
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.activated.connect(self._activated)
        self.reappoint_action = QAction(self.tr("New due date (re-appointment)"), self)
        self.reappoint_action.setObjectName("lateReappoint")
        self.reappoint_action.setShortcut(QKeySequence(KEY_REAPPOINT))
        self.reappoint_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reappoint_action.triggered.connect(self.reappoint_current)
        self.addAction(self.reappoint_action)
        shown = QKeySequence(KEY_REAPPOINT).toString(QKeySequence.SequenceFormat.NativeText)
        self.reappoint_button = QPushButton(
            self.tr("New due date (re-appointment)") + f"  [Enter, {shown}]"
        )
        self.reappoint_button.setObjectName("lateReappointButton")
        self.reappoint_button.clicked.connect(self.reappoint_action.trigger)
        self.reappoint_action.enabledChanged.connect(self.reappoint_button.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reappoint_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.rows: list[LateResult] = []
        self.reappoint_dialog: ReappointDialog | None = None
        self.preview: PrintPreviewDialog | None = None
        self.reappoint_action.setEnabled(False)
        operations.changed.connect(self._changed)

    def now(self) -> dt.datetime:
        return self._clock().replace(second=0, microsecond=0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh()
        self.table.setFocus()

    def _changed(self, changes: Changes) -> None:
        if changes.dossiers and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        session, at = self.session, self.now()
        self.operations.query(
            self,
            lambda: late_results(session.store, at, session.calendar),
            self._show,
            failure=lambda error: self.summary.setText(officer_message(error)),
        )

    def _show(self, rows: list[LateResult]) -> None:
        kept = self.current()
        self.rows = rows
        self.table.setRowCount(len(rows))
        overdue = 0
        for index, row in enumerate(rows):
            dossier = row.dossier
            due = _minute(row.due_at) + (self.tr(" (overdue)") if row.overdue else "")
            moved = dossier.reappointment is not None
            status = STATUS_NAMES[row.status]() + (self.tr(", re-appointed") if moved else "")
            cells = [due, dossier.code or "—", dossier.applicant_name, self._procedure(dossier)]
            for column, text in enumerate([*cells, status]):
                item = QTableWidgetItem(text)
                if row.overdue:
                    item.setForeground(OVERDUE_RED)
                self.table.setItem(index, column, item)
            overdue += row.overdue
        self.summary.setText(
            self.tr(
                "{n} result(s) due within a working day and not ready, {late} of them overdue."
                " Announce a late result a day before its due date: Enter or {key} on a row."
            ).format(
                n=len(rows),
                late=overdue,
                key=QKeySequence(KEY_REAPPOINT).toString(QKeySequence.SequenceFormat.NativeText),
            )
            if rows
            else self.tr("No result is due within a working day without being ready.")
        )
        ids = [row.dossier.id for row in rows]
        if rows:
            chosen = kept.dossier.id if kept is not None else None
            self.table.setCurrentCell(ids.index(chosen) if chosen in ids else 0, 0)
        self.reappoint_action.setEnabled(bool(rows))

    def _procedure(self, dossier: StoredDossier) -> str:
        procedure = self.catalogue.procedures.get(dossier.procedure_id) if self.catalogue else None
        return procedure.name if procedure is not None else dossier.procedure_id

    def current(self) -> LateResult | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _activated(self, _index: QModelIndex) -> None:
        self.reappoint_current()

    def reappoint_current(self) -> None:
        """The selected row's re-appointment, its Mẫu 04 previewed once stored."""
        row = self.current()
        if row is None:
            return
        if self.reappoint_dialog is not None:  # the one before, closed
            self.reappoint_dialog.deleteLater()
            self.reappoint_dialog = None
        self.reappoint_dialog = ask_reappointment(
            self, self.session, self.operations, self.now, row.dossier, self._preview
        )

    def _preview(self, slip: RenderedSlip, authority: Authority | None) -> None:
        """Mẫu 04 to print; printing it records the print."""
        self.preview = preview_slip(self, self.session, self.operations, self.now, slip, authority)


def _minute(moment: dt.datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
