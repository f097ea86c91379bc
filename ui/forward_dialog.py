"""Forwarding to the processing unit: the dossiers still received, marked with one key.

Decree 61/2018 art. 18: a dossier goes to the processing unit the day it is received,
or the next morning when received after 15:00. The dialog lists every accepted
dossier not forwarded yet (``app.status_changes.still_to_forward``), the late ones
marked; F9 marks them all forwarded in one transaction (``forward``) and previews the
hand-over list ("danh sách bàn giao hồ sơ", ``app.papers.returns.handover_list_pdf``)
for the processing unit's signature.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from app.catalogue.model import Catalogue
from app.changes import DOSSIER_STORED, Done
from app.counter import CounterSession
from app.papers import print_preferences
from app.papers.returns import RETURN_PAPER_NAMES, handover_list_pdf
from app.permissions import Authority
from app.settings import office_hours_and_rule
from app.status_changes import ToForward, forward, still_to_forward
from ui.operations import Operations, officer_message
from ui.print_preview import PrintPreviewDialog
from ui.qt import (
    QAbstractItemView,
    QColor,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QKeySequence,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEY_MARK = "F9"


@dataclass(frozen=True)
class Forwarded:
    """Dossiers marked forwarded, and their hand-over list (or why it was not made)."""

    count: int
    pdf: bytes | None
    failed: Exception | None = None


LATE_RED = QColor("#c62828")


class ForwardDialog(QDialog):
    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        now: Callable[[], dt.datetime],
        catalogue: Catalogue | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.setWindowTitle(self.tr("Forward to the processing unit"))
        self.summary = QLabel()
        self.summary.setObjectName("forwardSummary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("forwardTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Applicant"),
                self.tr("Procedure"),
                self.tr("Received"),
                self.tr("Forward by"),
            ]
        )
        header = self.table.horizontalHeader()
        for column in range(5):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in (1, 2)
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.message = QLabel()
        self.message.setObjectName("forwardMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        shown = QKeySequence(KEY_MARK).toString(QKeySequence.SequenceFormat.NativeText)
        self.mark = self.buttons.addButton(
            self.tr("Mark forwarded and print the hand-over list") + f"  [{shown}]",
            QDialogButtonBox.ButtonRole.ActionRole,
        )
        self.mark.setObjectName("forwardMark")
        self.mark.setShortcut(QKeySequence(KEY_MARK))
        self.mark.setEnabled(False)
        self.mark.clicked.connect(self.mark_forwarded)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.rows: list[ToForward] = []
        self.forwarded: Forwarded | None = None
        self.preview: PrintPreviewDialog | None = None
        self.resize(900, 520)
        self.refresh()

    def now(self) -> dt.datetime:
        return self._clock().replace(second=0, microsecond=0)

    def refresh(self) -> None:
        session, at = self.session, self.now()
        hours, _rule = office_hours_and_rule(session.settings)
        self.operations.query(
            self,
            lambda: still_to_forward(session.store, at, session.calendar, hours),
            self._show,
            failure=lambda error: self.message.setText(officer_message(error)),
        )

    def _show(self, rows: list[ToForward]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        late = 0
        for index, row in enumerate(rows):
            dossier = row.dossier
            cells = [
                dossier.code or "—",
                dossier.applicant_name,
                self._procedure(dossier.procedure_id),
                _minute(dossier.received_at),
                _minute(row.forward_by) + (self.tr(" (late)") if row.late else ""),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.late:
                    item.setForeground(LATE_RED)
                self.table.setItem(index, column, item)
            late += row.late
        if rows:
            self.table.setCurrentCell(0, 0)
            self.summary.setText(
                self.tr("{n} dossier(s) still to forward, {late} of them late.").format(
                    n=len(rows), late=late
                )
            )
        else:
            self.summary.setText(self.tr("Every dossier received has been forwarded."))
        self.mark.setEnabled(bool(rows))
        self.mark.setDefault(bool(rows))
        (self.mark if rows else self.buttons).setFocus()

    def _procedure(self, procedure_id: str) -> str:
        procedure = self.catalogue.procedures.get(procedure_id) if self.catalogue else None
        return procedure.name if procedure is not None else procedure_id

    def mark_forwarded(self) -> None:
        """Every dossier listed, forwarded in one transaction; then the hand-over list."""
        if not self.rows:
            return
        keys = [row.dossier.code or row.dossier.id for row in self.rows]
        session, at = self.session, self.now()

        settings = session.settings

        def run(authority: Authority | None) -> Done[Forwarded]:
            changes = forward(session.store, keys, session.authority(authority), at)
            try:  # forwarded already: a list that cannot be made is said, not undone
                made = Forwarded(len(changes), handover_list_pdf(session.store, changes, settings))
            except Exception as error:  # shown to the officer, below
                made = Forwarded(len(changes), None, error)
            return Done(made, DOSSIER_STORED)

        self.mark.setEnabled(False)
        self.operations.change_approved(self, run, self._marked, failure=self._failed)

    def _marked(self, forwarded: Forwarded) -> None:
        self.forwarded = forwarded
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(self.tr("{n} dossier(s) marked forwarded.").format(n=forwarded.count))
        self.refresh()
        if forwarded.failed is not None:
            self._failed(forwarded.failed)
        elif forwarded.pdf is not None:
            self._preview(forwarded.pdf)

    def _preview(self, pdf: bytes) -> None:
        preferences = print_preferences(self.session.settings, "handover-list")
        title = RETURN_PAPER_NAMES["handover-list"]()
        self.preview = PrintPreviewDialog(pdf, preferences, title, self)
        self.preview.open()

    def _failed(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(officer_message(error))
        self.mark.setEnabled(bool(self.rows))


def _minute(moment: dt.datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
