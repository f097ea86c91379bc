"""Today's dossiers: find one by code, name or ID number, and take back a BM 02 dossier.

A handheld scanner reading BM 01's barcode types the code and Enter into the
search box, which opens that dossier at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from app.counter import CounterSession
from app.dossier_queries import find_dossier, search_dossiers
from ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.worker import Worker

STATUS_VI = {
    "accepted": "Đã tiếp nhận",
    "awaiting-supplement": "Chờ bổ sung",
    "refused": "Từ chối",
}


class TodayPage(QWidget):
    complete_requested = Signal(str, object)  # dossier id, its last request data

    def __init__(
        self,
        session: CounterSession,
        worker: Worker,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.worker, self.today = session, worker, today
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
        self.rows: list[dict[str, Any]] = []
        self.opened: dict[str, Any] | None = None
        self.search.returnPressed.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self._open(row))
        self.complete.clicked.connect(self._complete)

    def refresh(self) -> None:
        text, day, store = self.search.text(), self.today(), self.session.store
        self.worker.run(lambda: search_dossiers(store, text, day), self._show, self._failed)

    def _show(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            cells = [
                (row["received_at"] or "").replace("T", " "),
                row["code"] or "—",
                row["applicant_name"],
                row["procedure"],
                STATUS_VI.get(row["status"], row["status"]),
            ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        if rows:
            self.table.setCurrentCell(0, 0)
            self._open(0)
        else:
            self.opened = None
            self.detail.setPlainText(self.tr("No dossier found."))
            self.complete.setEnabled(False)

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        store, key = self.session.store, self.rows[row]["dossier_id"]
        self.worker.run(lambda: find_dossier(store, key), self._detail, self._failed)

    def _detail(self, dossier: object) -> None:
        assert dossier is None or isinstance(dossier, dict)
        self.opened = dossier
        if dossier is None:
            return
        lines = [
            f"{dossier['code'] or '—'} — {dossier['applicant_name']} — {dossier['procedure']}",
            self.tr("Status: {status}").format(
                status=STATUS_VI.get(dossier["status"], dossier["status"])
            ),
        ]
        if dossier["due_at"]:
            lines.append(
                self.tr("Result due: {moment}").format(moment=dossier["due_at"].replace("T", " "))
            )
        for reception in dossier["rounds"]:
            lines.append(
                self.tr("Round {n}: {moment}").format(
                    n=reception["number"], moment=reception["received_at"]
                )
                + f" — {reception['verdict']} — {reception['officer']}"
            )
            lines.extend(
                f"    {item['name'][:70]}: {item['reason']}"
                for item in reception["items"]
                if item["reason"]
            )
        self.detail.setPlainText("\n".join(lines))
        self.complete.setEnabled(dossier["status"] == "awaiting-supplement")

    def _complete(self) -> None:
        if self.opened is not None and self.opened["status"] == "awaiting-supplement":
            self.complete_requested.emit(self.opened["dossier_id"], self.opened["request"])

    def _failed(self, error: Exception) -> None:
        self.detail.setPlainText(str(error))
