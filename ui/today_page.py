"""Today's dossiers: find one by code, name or ID number, and take back a BM 02 dossier.

A handheld scanner reading BM 01's barcode types the code and Enter into the
search box, which opens that dossier at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.changes import Changes
from app.counter import CounterSession
from app.dossier.evaluation import VERDICT_LABELS, Evaluation
from app.dossier.statuses import status_label
from app.dossier_queries import StoredDossier, last_request, look_up, search_dossiers
from app.verdicts import awaits_supplement
from ui.operations import Operations, officer_message
from ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QShowEvent,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)


class TodayPage(QWidget):
    complete_requested = Signal(str, object)  # dossier id, its last request data

    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.today = session, operations, today
        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setPlaceholderText(self.tr("Code (scan BM 01), ID number or name"))
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("dossierTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Received"),
                self.tr("Code"),
                self.tr("Applicant"),
                self.tr("Procedure"),
                self.tr("Status"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail = QTextBrowser()
        self.complete = QPushButton(self.tr("Applicant is back with the papers: new round"))
        self.complete.setObjectName("completeButton")
        self.complete.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.complete)
        self.rows: list[StoredDossier] = []
        self.opened: StoredDossier | None = None
        self.search.returnPressed.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self._open(row))
        self.complete.clicked.connect(self._complete)
        operations.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        """A dossier was stored or changed somewhere; hidden, the list reads afresh when shown."""
        if changes.dossiers and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        text, day, store = self.search.text(), self.today(), self.session.store
        self.operations.query(
            self, lambda: search_dossiers(store, text, day), self._show, failure=self._failed
        )

    def _show(self, dossiers: list[StoredDossier]) -> None:
        self.rows = dossiers
        self.table.setRowCount(len(dossiers))
        for index, dossier in enumerate(dossiers):
            cells = [
                _minute(dossier.received_at),
                dossier.code or "—",
                dossier.applicant_name,
                dossier.procedure_id,
                status_label(dossier.status),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if dossiers:
            self.table.setCurrentCell(0, 0)
            self._open(0)
        else:
            self.opened = None
            self.detail.setPlainText(self.tr("No dossier found."))
            self.complete.setEnabled(False)

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        store, key = self.session.store, self.rows[row].id
        self.operations.query(self, lambda: look_up(store, key), self._detail, failure=self._failed)

    def _detail(self, dossier: StoredDossier | None) -> None:
        self.opened = dossier
        if dossier is None:
            return
        lines = [
            f"{dossier.code or '—'} — {dossier.applicant_name} — {dossier.procedure_id}",
            self.tr("Status: {status}").format(status=status_label(dossier.status)),
        ]
        if dossier.due_at:
            lines.append(self.tr("Result due: {moment}").format(moment=_minute(dossier.due_at)))
        for reception in dossier.rounds:
            record = reception.record
            lines.append(
                self.tr("Round {n}: {moment}").format(
                    n=reception.number, moment=_minute(record.received_at)
                )
                + f" — {VERDICT_LABELS[record.verdict]()} — {record.officer}"
            )
            evaluation = Evaluation.model_validate_json(record.evaluation_json)
            lines.extend(
                f"    {check.name[:70]}: {check.reason_in()}"
                for check in evaluation.items
                if check.reason
            )
        self.detail.setPlainText("\n".join(lines))
        self.complete.setEnabled(awaits_supplement(dossier.status))

    def _complete(self) -> None:
        dossier = self.opened
        if dossier is not None and awaits_supplement(dossier.status):
            self.complete_requested.emit(dossier.id, last_request(dossier))

    def _failed(self, error: Exception) -> None:
        self.detail.setPlainText(officer_message(error))


def _minute(moment: dt.datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M}" if moment else ""
