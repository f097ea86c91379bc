"""Today's dossiers: find one, take back a BM 02 dossier, reprint its slip, re-appoint it,
void it.

The search box finds a dossier by its code (a handheld scanner reading BM 01's
barcode types the code and Enter, even while the table has the focus), an
identity document number (citizen ID, passport) or the card's QR text, the
reference printed on BM 02 / BM 03, or a name of the day with or without
diacritics. Enter in the table opens the dossier; every action has its key,
shown on its button. Reprints and Mẫu 04 go through the print preview and are
recorded once printed. A voided dossier stays in the list, shown as voided (struck
through, its status "voided"); what cannot be done with it is refused in words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.catalogue.model import Catalogue
from app.changes import Changes
from app.counter import CounterSession
from app.counter_ops import (
    apology_to_reprint,
    slip_to_reprint,
    void_dossier,
)
from app.dossier.evaluation import VERDICT_LABELS, Evaluation
from app.dossier.statuses import status_label
from app.dossier_queries import (
    VOIDED,
    StoredDossier,
    last_request,
    look_up,
    search_dossiers,
    where_each_stands,
)
from app.papers import RenderedSlip
from app.permissions import Authority
from app.verdicts import awaits_supplement
from app.voids import VoidRefused, check_voidable
from ui.operations import Operations, officer_message, show_error
from ui.print_preview import PrintPreviewDialog
from ui.qt import (
    QAbstractItemView,
    QAction,
    QColor,
    QEvent,
    QHBoxLayout,
    QHeaderView,
    QKeyEvent,
    QKeySequence,
    QLineEdit,
    QModelIndex,
    QObject,
    QPushButton,
    QShowEvent,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.reappoint_dialog import ReappointDialog
from ui.slip_previews import ask_reappointment, preview_slip
from ui.void_dialog import VoidDialog

KEY_NEW_ROUND = "Ctrl+R"
KEY_REPRINT = "Ctrl+P"
KEY_REAPPOINT = "Ctrl+H"
KEY_APOLOGY = "Ctrl+Shift+H"
KEY_VOID = "Ctrl+Shift+X"  # X: the dossier crossed out (free in the window and its fields)
VOIDED_GREY = QColor("#757575")


class TodayPage(QWidget):
    complete_requested = Signal(str, object)  # dossier id, its last request data

    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        today: Callable[[], dt.date] | None = None,
        parent: QWidget | None = None,
        *,
        catalogue: Catalogue | None = None,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.today: Callable[[], dt.date] = today or (lambda: now().date())
        self.search = QLineEdit()
        self.search.setObjectName("dossierSearch")
        self.search.setPlaceholderText(
            self.tr("Code (scan BM 01), ID card or passport number, BM 02/03 reference, or name")
        )
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
        header = self.table.horizontalHeader()
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.ResizeToContents,  # received
                QHeaderView.ResizeMode.ResizeToContents,  # the code, always whole
                QHeaderView.ResizeMode.Stretch,  # applicant
                QHeaderView.ResizeMode.Stretch,  # procedure: its short name, elided
                QHeaderView.ResizeMode.ResizeToContents,  # status
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the next control
        self.table.installEventFilter(self)
        self.detail = QTextBrowser()
        self.detail.setObjectName("dossierDetail")
        self.detail.setTabChangesFocus(True)
        self.actions_row = QHBoxLayout()
        self.button_actions: dict[QPushButton, QAction] = {}
        self.complete = self._action(
            self.tr("Applicant is back with the papers: new round"),
            KEY_NEW_ROUND,
            self._complete,
            "complete",
        )
        self.reprint = self._action(
            self.tr("Reprint the slip"), KEY_REPRINT, self._reprint, "reprint"
        )
        self.reappoint = self._action(
            self.tr("New due date (re-appointment)"), KEY_REAPPOINT, self._reappoint, "reappoint"
        )
        self.apology = self._action(
            self.tr("Print Mẫu 04 again"), KEY_APOLOGY, self._print_apology, "apology"
        )
        self.void = self._action(self.tr("Void…"), KEY_VOID, self._void, "void")
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.detail, 1)
        layout.addLayout(self.actions_row)
        self.rows: list[StoredDossier] = []
        self.stands: dict[str, str] = {}  # where each listed dossier stands, by id
        self.opened: StoredDossier | None = None
        self.preview: PrintPreviewDialog | None = None  # the paper being previewed
        self.reappoint_dialog: ReappointDialog | None = None
        self.void_dialog: VoidDialog | None = None
        self._enable_actions()
        self.search.returnPressed.connect(self.refresh)
        self.table.currentCellChanged.connect(lambda row, *_: self._open(row))
        self.table.activated.connect(self._activated)
        operations.changed.connect(self._changed)

    def _action(self, text: str, key: str, slot: Callable[[], None], name: str) -> QPushButton:
        """A button with its key shown on it; the key works anywhere on the page."""
        act = QAction(text, self)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(key))
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(slot)
        self.addAction(act)
        shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(f"{text}  [{shown}]")
        button.setObjectName(f"{name}Button")
        button.clicked.connect(act.trigger)
        act.enabledChanged.connect(button.setEnabled)
        self.button_actions[button] = act
        self.actions_row.addWidget(button)
        return button

    def now(self) -> dt.datetime:
        """The minute of a decision or a print, as the store records it."""
        return self._clock().replace(second=0, microsecond=0)

    # ------------------------------------------------------------ listing

    def _changed(self, changes: Changes) -> None:
        """A dossier or a print changed somewhere; hidden, the list reads afresh when shown."""
        if (changes.dossiers or changes.slips) and self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh()
        self.search.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        """A scanner (or the officer) typing while the table has the focus types into the search."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            typed = event.text()
            plain = not event.modifiers() & (
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
            )
            if plain and typed.strip() and typed.isprintable():
                self.search.clear()
                self.search.setFocus()
                self.search.insert(typed)
                return True
        return super().eventFilter(watched, event)

    def refresh(self) -> None:
        text, day, store = self.search.text(), self.today(), self.session.store

        def found() -> tuple[list[StoredDossier], dict[str, str]]:
            dossiers = search_dossiers(store, text, day)
            return dossiers, where_each_stands(store, dossiers)

        self.operations.query(self, found, self._show, failure=self._failed)

    def procedure_name(self, procedure_id: str) -> str:
        """The procedure's short name in the catalogue; its id when the catalogue lacks it."""
        procedure = self.catalogue.procedures.get(procedure_id) if self.catalogue else None
        return procedure.name if procedure is not None else procedure_id

    def _show(self, found: tuple[list[StoredDossier], dict[str, str]]) -> None:
        dossiers, self.stands = found
        kept = self.opened.id if self.opened is not None else None
        self.rows = dossiers
        self.table.blockSignals(True)
        self.table.setRowCount(len(dossiers))
        for index, dossier in enumerate(dossiers):
            procedure = self.procedure_name(dossier.procedure_id)
            voided = dossier.voided is not None
            cells = [
                _minute(dossier.received_at),
                dossier.code or "—",
                dossier.applicant_name,
                procedure,
                self._status(dossier),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setToolTip(procedure)
                if voided:  # struck through and grey, and said in the status column
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                    item.setForeground(VOIDED_GREY)
                self.table.setItem(index, column, item)
        self.table.blockSignals(False)
        if dossiers:
            ids = [dossier.id for dossier in dossiers]
            row = ids.index(kept) if kept in ids else 0
            self.table.setCurrentCell(row, 0)
            self._open(row)
        else:
            self.opened = None
            self.detail.setPlainText(self.tr("No dossier found."))
            self._enable_actions()

    def _status(self, dossier: StoredDossier) -> str:
        """Where the dossier stands (its result's status once accepted); a voided
        dossier's status is that it was voided (whatever it was before)."""
        if dossier.voided is not None:
            return VOIDED()
        return status_label(self.stands.get(dossier.id, dossier.status))

    def _activated(self, index: QModelIndex) -> None:
        """Enter (or a double click) on a row: open the dossier and read it."""
        self._open(index.row())
        self.detail.setFocus()

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.rows):
            return
        store, key = self.session.store, self.rows[row].id
        self.operations.query(self, lambda: look_up(store, key), self._detail, failure=self._failed)

    def _detail(self, dossier: StoredDossier | None) -> None:
        self.opened = dossier
        self._enable_actions()
        if dossier is None:
            return
        lines = [
            f"{dossier.code or '—'} — {dossier.applicant_name}",
            self.procedure_name(dossier.procedure_id),
            self.tr("Status: {status}").format(status=self._status(dossier)),
        ]
        if dossier.voided is not None:
            lines.append(
                self.tr("Voided on {moment} by {officer}: {reason}").format(
                    moment=_minute(dossier.voided.voided_at),
                    officer=dossier.voided.officer,
                    reason=dossier.voided.reason,
                )
            )
        if dossier.due_at:
            lines.append(self.tr("Result due: {moment}").format(moment=_minute(dossier.due_at)))
        moved = dossier.reappointment
        if moved is not None:
            lines.append(
                self.tr("Re-appointed on {decided} (was due {previous}): {reason}").format(
                    decided=_minute(moved.decided_at),
                    previous=_minute(moved.previous_due_at),
                    reason=moved.reason,
                )
            )
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
        for slip in dossier.slips:
            lines.append(
                self.tr("Printed {kind}, print {n}: {moment}").format(
                    kind=slip.kind.upper(), n=slip.print_number, moment=_minute(slip.printed_at)
                )
            )
        self.detail.setPlainText("\n".join(lines))

    def _enable_actions(self) -> None:
        dossier = self.opened
        enabled = {
            # A voided dossier takes no new round (nothing more is done with it).
            self.complete: dossier is not None
            and dossier.voided is None
            and awaits_supplement(dossier.status),
            self.reprint: dossier is not None and bool(dossier.rounds),
            # Enabled once accepted: a second re-appointment is refused in words.
            self.reappoint: dossier is not None and dossier.code is not None,
            self.apology: dossier is not None and dossier.reappointment is not None,
            # Any stored dossier; a second void is refused in words.
            self.void: dossier is not None,
        }
        for button, on in enabled.items():
            self.button_actions[button].setEnabled(on)

    # ------------------------------------------------------------ actions

    def _complete(self) -> None:
        dossier = self.opened
        if dossier is not None and awaits_supplement(dossier.status):
            self.complete_requested.emit(dossier.id, last_request(dossier))

    def _reprint(self) -> None:
        """The slip the dossier's latest round called for, marked as a reprint, to preview."""
        if self.opened is None:
            return
        session, key = self.session, self.opened.id
        self.operations.query_approved(
            self,
            lambda authority: (slip_to_reprint(session, key, authority=authority), authority),
            lambda made: self._preview(*made),
        )

    def _print_apology(self) -> None:
        if self.opened is None or self.opened.reappointment is None:
            return
        session, key = self.session, self.opened.id
        self.operations.query_approved(
            self,
            lambda authority: (apology_to_reprint(session, key, authority=authority), authority),
            lambda made: self._preview(*made),
        )

    def _reappoint(self) -> None:
        if self.opened is None:
            return
        asked = ask_reappointment(
            self, self.session, self.operations, self.now, self.opened, self._preview
        )
        if asked is not None:
            self.reappoint_dialog = asked

    def _void(self) -> None:
        """Ask for the reason; the dossier is voided when a supervisor (or an officer with a
        supervisor's approval) confirms."""
        dossier = self.opened
        if dossier is None:
            return
        key = dossier.code or dossier.id
        try:
            check_voidable(key, None if dossier.voided is None else dossier.voided.voided_at)
        except VoidRefused as refused:
            show_error(self, refused)
            return
        if self.void_dialog is not None:  # the one before, closed
            self.void_dialog.deleteLater()
        dialog = VoidDialog(key, dossier.applicant_name, dossier.received_at, self)
        dossier_id = dossier.id
        dialog.decided.connect(lambda reason: self._store_void(dialog, dossier_id, reason))
        self.void_dialog = dialog
        dialog.open()

    def _store_void(self, dialog: VoidDialog, key: str, reason: str) -> None:
        session, voided_at = self.session, self.now()
        self.operations.change_approved(
            dialog,  # an approval asked for stands over the void dialog
            lambda authority: void_dossier(
                session, key, reason, voided_at=voided_at, authority=authority
            ),
            lambda _voided: dialog.voided(),
            failure=dialog.refused,
        )

    def _preview(self, slip: RenderedSlip, authority: Authority | None = None) -> None:
        self.preview = preview_slip(self, self.session, self.operations, self.now, slip, authority)

    def _failed(self, error: Exception) -> None:
        self.detail.setPlainText(officer_message(error))


def _minute(moment: dt.datetime | None) -> str:
    """``09:10 23/11/2026``, as the counter writes a time."""
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
