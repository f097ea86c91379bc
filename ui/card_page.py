"""Card data: the records the card-printing system receives (issue 16), where each stands,
and the batch work of the counter.

The list (``app.card.batches.card_lines``) is every accepted dossier of a procedure whose
result is a PET card: ready to enter a batch, failing its preflight (each reason shown on
the row, in its tooltip and under the list for the selected row), exported in a batch, or
acknowledged by the operator; a record the operator rejected is ready again with the
operator's reason. A filter narrows it by state and a typed day by the day of receipt
(empty: every day); it reads afresh when shown and when an operation changed dossiers or
card states (``Changes.cards``).

Every action has its key, shown on its button. "Export a batch…" writes the ready records
(of the day shown) as one signed batch folder under the folder chosen, with a progress box,
then says its name, its count and what was left out and why; "Import the operator's
answers…" takes the operator's CSV (code, result, reason); "Verify a batch…" checks a batch
folder and names each problem; "Export again…" lets a supervisor (or an officer with a
supervisor's approval, ``Operations.change_approved``) release an exported record, with a
reason. Enter on a row opens the dossier's details. The folder and file dialogs are the
page's ``choose_folder`` / ``choose_file`` (tests put the folder in their place).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.card.lines import FAILING, READY, CardLine
from app.catalogue.model import Catalogue
from app.changes import CARD_STATE_RECORDED, Changes, Done
from app.cli.inputs import read_text
from app.counter import CounterSession
from app.dates import DateKind, format_date, parse_date
from app.officers.identity import Officer
from app.permissions import Authority
from ui.fields import PROBLEM_STYLE
from ui.operations import Operations, officer_message
from ui.qt import (
    QAbstractItemView,
    QAction,
    QColor,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QKeySequence,
    QLabel,
    QLineEdit,
    QModelIndex,
    QPushButton,
    QShowEvent,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from ui.reason_dialog import ReasonDialog
from ui.statistics_page import DossierListDialog

KEY_EXPORT = "Ctrl+E"
KEY_IMPORT = "Ctrl+I"
KEY_VERIFY = "Ctrl+Shift+V"
KEY_EXPORT_AGAIN = "Ctrl+Shift+E"
EXPORTED, ACKNOWLEDGED = "exported", "acknowledged"
# The states a supervisor may let be exported again (a rejected record is ready already).
RELEASABLE = (EXPORTED, ACKNOWLEDGED)
if TYPE_CHECKING:
    from app.card.batches import BatchExported

FAILING_RED = QColor("#c62828")
# How many records or problems a sentence names before "and N more": a message, not a report.
NAMED = 5
# The columns of the list.
CODE, APPLICANT, PROCEDURE, RECEIVED, STATE, BATCH, REASON = range(7)

# Asks for a folder (the title): None when cancelled.
FolderChooser = Callable[[QWidget, str], Path | None]
# Asks for a file to open (the title, the file filter): None when cancelled.
FileChooser = Callable[[QWidget, str, str], Path | None]


@dataclass(frozen=True)
class Answered:
    """What an answer file did to its batch's records (their codes)."""

    batch: str
    acknowledged: tuple[str, ...]
    rejected: tuple[str, ...]  # back on the list, with the operator's reason
    already: tuple[str, ...]  # the same answer was recorded before


def ask_folder(parent: QWidget, title: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, str(Path.home()))
    return Path(chosen) if chosen else None


def ask_file(parent: QWidget, title: str, filter_text: str) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(parent, title, str(Path.home()), filter_text)
    return Path(chosen) if chosen else None


class CardPage(QWidget):
    def __init__(
        self,
        session: CounterSession,
        operations: Operations,
        catalogue: Catalogue,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.operations, self.catalogue = session, operations, catalogue
        self._clock = now
        self.choose_folder: FolderChooser = ask_folder
        self.choose_file: FileChooser = ask_file
        self.lines: list[CardLine] = []  # every record of the day read
        self.shown_day: dt.date | None = None  # the day read (None: every day)
        self.rows: list[CardLine] = []  # those the filter shows, in the table's order
        self.list_dialog: DossierListDialog | None = None
        self.release_dialog: ReleaseDialog | None = None

        # What is shown: the state and the day of receipt.
        self.filter = QComboBox()
        self.filter.setObjectName("cardFilter")
        for text, state in (
            (self.tr("All records"), ""),
            (self.tr("Ready"), READY),
            (self.tr("Failing"), FAILING),
            (self.tr("Exported"), EXPORTED),
            (self.tr("Acknowledged"), ACKNOWLEDGED),
        ):
            self.filter.addItem(text, state)
        self.filter.currentIndexChanged.connect(lambda _index: self._fill())
        filter_label = QLabel(self.tr("&Show"))
        filter_label.setBuddy(self.filter)
        self.day = QLineEdit()
        self.day.setObjectName("cardDay")
        self.day.setPlaceholderText(self.tr("every day"))
        self.day.setMaximumWidth(self.fontMetrics().horizontalAdvance("every day, 00/00/0000"))
        self.day.returnPressed.connect(self._day_entered)
        self.day.editingFinished.connect(self._normalise_day)
        day_label = QLabel(self.tr("Received on da&y"))
        day_label.setBuddy(self.day)
        self.summary = QLabel()
        self.summary.setObjectName("cardSummary")
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        top.addSpacing(12)
        top.addWidget(day_label)
        top.addWidget(self.day)
        top.addSpacing(12)
        top.addWidget(self.summary, 1)

        self.table = QTableWidget(0, 7)
        self.table.setObjectName("cardTable")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Applicant"),
                self.tr("Procedure"),
                self.tr("Received"),
                self.tr("State"),
                self.tr("Batch"),
                self.tr("Reason"),
            ]
        )
        header = self.table.horizontalHeader()
        for column in range(7):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column in (APPLICANT, PROCEDURE, REASON)
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
        # One line a row, cut with "…": the whole text is in the tooltip and under the list.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.activated.connect(self._activated)
        self.table.currentCellChanged.connect(lambda *_: self._show_current())

        # The selected record's reasons, whole; then what the last action did.
        self.details = QLabel()
        self.details.setObjectName("cardDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.said = QLabel()
        self.said.setObjectName("cardSaid")
        self.said.setWordWrap(True)
        self.said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.said.hide()

        self.export_action, self.export_button = self._action(
            self.tr("Export a batch…"), KEY_EXPORT, self.export, "cardExport"
        )
        self.import_action, self.import_button = self._action(
            self.tr("Import the operator's answers…"), KEY_IMPORT, self.import_answers, "cardImport"
        )
        self.verify_action, self.verify_button = self._action(
            self.tr("Verify a batch…"), KEY_VERIFY, self.verify, "cardVerify"
        )
        self.again_action, self.again_button = self._action(
            self.tr("Export again…"), KEY_EXPORT_AGAIN, self.export_again, "cardExportAgain"
        )
        self.again_action.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (
            self.export_button,
            self.import_button,
            self.verify_button,
            self.again_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.said)
        layout.addLayout(buttons)
        self.day_refused = False  # what ``said`` says is that the day typed is no date
        operations.changed.connect(self._changed)

    def _action(
        self, text: str, key: str, slot: Callable[[], None], name: str
    ) -> tuple[QAction, QPushButton]:
        """A key of the page (while the focus is in it) and its button, the key shown."""
        action = QAction(text, self)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        shown = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
        button = QPushButton(f"{text}  [{shown}]")
        button.setObjectName(name + "Button")
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        return action, button

    def now(self) -> dt.datetime:
        return self._clock().replace(microsecond=0)

    def who(self, authority: Authority | None) -> Officer | Authority:
        """Who acts: the approval given, else the signed-in officer."""
        return authority if authority is not None else self.session.officer

    # ------------------------------------------------------------ the list

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt API)
        super().showEvent(event)
        self.refresh()
        self.table.setFocus()

    def _changed(self, changes: Changes) -> None:
        if (changes.cards or changes.dossiers) and self.isVisible():
            self.refresh()

    def chosen_day(self) -> dt.date | None:
        """The day typed (None: every day, or a day that is no date, said beside)."""
        text = self.day.text().strip()
        return parse_date(text, DateKind.NEAR) if text else None

    def _normalise_day(self) -> None:
        day = self.chosen_day()
        if day is not None:
            self.day.setText(format_date(day))

    def _day_entered(self) -> None:
        if self.day_refused:
            self.say("")  # the refusal of the day before, answered
        self.refresh()

    def refresh(self) -> None:
        """Read the records (of the day typed) afresh, on the store's worker."""
        text = self.day.text().strip()
        day = self.chosen_day()
        if text and day is None:
            self.say(self.tr("{text} is not a date: type it as 23/11/2026.").format(text=text))
            self.day_refused = True
            return
        session, catalogue = self.session, self.catalogue

        def read() -> list[CardLine]:
            from app.card.batches import card_lines

            return card_lines(session.store, session.settings, catalogue, day=day)

        self.operations.query(
            self,
            read,
            lambda lines: self._show(lines, day),
            failure=lambda error: self.say(officer_message(error)),
        )

    def _show(self, lines: list[CardLine], day: dt.date | None) -> None:
        self.lines, self.shown_day = lines, day
        counts = {state: sum(line.state == state for line in lines) for state in self._states()}
        self.summary.setText(
            self.tr(
                "{n} record(s): {ready} ready, {failing} failing, {exported} exported,"
                " {acknowledged} acknowledged."
            ).format(
                n=len(lines),
                ready=counts[READY],
                failing=counts[FAILING],
                exported=counts[EXPORTED],
                acknowledged=counts[ACKNOWLEDGED],
            )
            if lines
            else self.tr("No accepted dossier of a procedure that makes a card.")
        )
        self._fill()

    def _fill(self) -> None:
        """The rows the filter shows, the selected record kept selected."""
        kept = self.current()
        wanted = self.filter.currentData()
        self.rows = [line for line in self.lines if not wanted or line.state == wanted]
        self.table.setRowCount(len(self.rows))
        for index, line in enumerate(self.rows):
            problems = self._problems(line)
            reason = "; ".join(problems) if problems else line.reason or ""
            cells = [
                line.code,
                line.applicant,
                self.procedure_name(line.procedure_id),
                _minute(line.received_at),
                self.state_name(line.state),
                line.batch or "",
                reason,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if problems:
                    item.setForeground(FAILING_RED)
                    item.setToolTip("\n".join(problems))
                elif column in (APPLICANT, PROCEDURE, REASON) and text:
                    item.setToolTip(text)
                self.table.setItem(index, column, item)
        if self.rows:
            ids = [line.dossier_id for line in self.rows]
            chosen = kept.dossier_id if kept is not None else None
            self.table.setCurrentCell(ids.index(chosen) if chosen in ids else 0, 0)
        self._show_current()

    def _states(self) -> dict[str, str]:
        return {
            READY: self.tr("ready"),
            FAILING: self.tr("failing"),
            EXPORTED: self.tr("exported"),
            ACKNOWLEDGED: self.tr("acknowledged"),
        }

    def state_name(self, state: str) -> str:
        return self._states().get(state, state)

    def _problems(self, line: CardLine) -> list[str]:
        return [str(problem) for problem in line.problems]

    def procedure_name(self, procedure_id: str) -> str:
        procedure = self.catalogue.procedures.get(procedure_id)
        return procedure.name if procedure is not None else procedure_id

    def current(self) -> CardLine | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def _show_current(self) -> None:
        """The selected record's reasons under the list; "Export again" for an exported one."""
        line = self.current()
        self.again_action.setEnabled(line is not None and line.state in RELEASABLE)
        if line is None:
            self.details.setText(
                self.tr("No record in this list.") if self.lines else self.tr("No record.")
            )
            self.details.setStyleSheet("")
            return
        problems = self._problems(line)
        if problems:
            heading = self.tr("{code} stays out of a batch until this is put right:").format(
                code=line.code
            )
            self.details.setText("\n".join([heading, *(f"• {p}" for p in problems)]))
            self.details.setStyleSheet(PROBLEM_STYLE)
            return
        self.details.setStyleSheet("")
        self.details.setText(self._standing(line))

    def _standing(self, line: CardLine) -> str:
        if line.state == READY and line.reason:
            return self.tr(
                "{code} is ready again; the operator rejected it from {batch}: {reason}"
            ).format(code=line.code, batch=line.batch or "—", reason=line.reason)
        if line.state == READY:
            return self.tr("{code} is ready: it goes into the next batch.").format(code=line.code)
        return self.tr("{code}: {state} in batch {batch}.").format(
            code=line.code, state=self.state_name(line.state), batch=line.batch or "—"
        )

    def say(self, text: str, problem: bool = True) -> None:
        """What an action did or why it was not done, under the list ("": nothing)."""
        self.day_refused = False
        self.said.setStyleSheet(PROBLEM_STYLE if problem else "")
        self.said.setText(text)
        self.said.setVisible(bool(text))

    def _activated(self, _index: QModelIndex) -> None:
        self.open_current()

    def open_current(self) -> DossierListDialog | None:
        """The selected dossier's details (Enter on a row)."""
        line = self.current()
        if line is None:
            return None
        if self.list_dialog is not None:  # the one before: closed, then let go
            self.list_dialog.reject()
            self.list_dialog.deleteLater()
        dialog = DossierListDialog(
            line.code, [line.code], self.session, self.operations, self.procedure_name, self
        )
        self.list_dialog = dialog
        dialog.open()
        return dialog

    # ------------------------------------------------------------ exporting

    def export(self) -> None:
        """The ready records (of the day shown) as one batch, under the folder chosen."""
        if not any(line.state == READY for line in self.lines):
            self.say(self.tr("No record is ready to export in this list."))
            return
        parent = self.choose_folder(self, self.tr("Where the batch folder goes"))
        if parent is not None:
            self.export_to(parent)

    def export_to(self, parent: Path) -> None:
        # The records of the list shown: of its day, whatever is typed meanwhile.
        session, catalogue, at, day = self.session, self.catalogue, self.now(), self.shown_day

        def work(authority: Authority | None) -> Done[BatchExported]:
            from app.card.batches import export_batch

            exported = export_batch(
                session.store,
                session.data_dir,
                session.settings,
                catalogue,
                self.who(authority),
                parent,
                at,
                day=day,
            )
            return Done(exported, CARD_STATE_RECORDED)

        self.operations.change_approved(
            self,
            work,
            self._exported,
            failure=lambda error: self.say(officer_message(error)),
            progress=self.tr("Writing the card data batch…"),
        )

    def _exported(self, done: BatchExported) -> None:
        said = self.tr("Batch {batch} written in {folder}: {n} record(s).").format(
            batch=done.batch_name, folder=str(done.folder.parent), n=done.count
        )
        if done.left_out:
            named = [
                f"{line.code} ({'; '.join(self._problems(line))})" for line in done.left_out[:NAMED]
            ]
            said += " " + self.tr("Left out, failing: {records}").format(
                records=", ".join(named) + self._more(len(done.left_out))
            )
        self.say(said, problem=False)

    def _more(self, count: int) -> str:
        if count <= NAMED:
            return ""
        return " " + self.tr("and {n} more (show: Failing).").format(n=count - NAMED)

    # ------------------------------------------------------------ the operator's answers

    def import_answers(self) -> None:
        chosen = self.choose_file(
            self,
            self.tr("The operator's answer file"),
            self.tr("Answer file: code, result, reason (*.csv *.txt)"),
        )
        if chosen is not None:
            self.import_file(chosen)

    def import_file(self, path: Path) -> None:
        """Record the answer file ``path``: all its lines or none."""
        store, at = self.session.store, self.now()

        def work(authority: Authority | None) -> Done[Answered]:
            from app.card.batches import MAX_ANSWER_BYTES, import_answers

            text = read_text(path, MAX_ANSWER_BYTES)
            batch, done = import_answers(store, self.who(authority), path, text, at)
            answered = Answered(
                batch, tuple(done.acknowledged), tuple(done.rejected), tuple(done.already)
            )
            return Done(answered, CARD_STATE_RECORDED)

        self.operations.change_approved(
            self,
            work,
            self._answered,
            failure=lambda error: self.say(officer_message(error)),
            progress=self.tr("Recording the operator's answers…"),
        )

    def _answered(self, done: Answered) -> None:
        said = [
            self.tr("Answers of batch {batch}:").format(batch=done.batch),
            self.tr("{n} acknowledged;").format(n=len(done.acknowledged)),
            self.tr("{n} rejected, back on the list with the operator's reason{codes};").format(
                n=len(done.rejected), codes=self._codes(done.rejected)
            ),
            self.tr("{n} answered the same before.").format(n=len(done.already)),
        ]
        self.say(" ".join(said), problem=False)

    def _codes(self, codes: Sequence[str]) -> str:
        if not codes:
            return ""
        return " (" + ", ".join(codes[:NAMED]) + (", …" if len(codes) > NAMED else "") + ")"

    # ------------------------------------------------------------ verifying

    def verify(self) -> None:
        folder = self.choose_folder(self, self.tr("The batch folder to verify"))
        if folder is not None:
            self.verify_batch(folder)

    def verify_batch(self, folder: Path) -> None:
        store, data_dir = self.session.store, self.session.data_dir

        def check() -> list[str]:
            from app.card.batches import verify_folder

            return verify_folder(store, data_dir, folder.resolve())

        self.operations.query(
            self,
            check,
            lambda problems: self._verified(folder, problems),
            failure=lambda error: self.say(officer_message(error)),
            progress=self.tr("Verifying the batch…"),
        )

    def _verified(self, folder: Path, problems: list[str]) -> None:
        if not problems:
            self.say(
                self.tr(
                    "Batch {batch} is whole: its signature, its link to the batch before, its"
                    " checksums and its records are right."
                ).format(batch=folder.name),
                problem=False,
            )
            return
        heading = self.tr("Batch {batch} is not whole:").format(batch=folder.name)
        shown = [f"• {problem}" for problem in problems[:NAMED]]
        if len(problems) > NAMED:
            shown.append(self.tr("and {n} more.").format(n=len(problems) - NAMED))
        self.say("\n".join([heading, *shown]))

    # ------------------------------------------------------------ exporting again

    def export_again(self) -> None:
        """Ask the reason; the record is released when a supervisor (or an officer with a
        supervisor's approval) confirms."""
        line = self.current()
        if line is None or line.state not in RELEASABLE:
            return
        if self.release_dialog is not None:  # the one before, closed
            self.release_dialog.deleteLater()
        dialog = ReleaseDialog(line, self.state_name(line.state), self)
        dialog.decided.connect(lambda reason: self._release(dialog, line.code, reason))
        self.release_dialog = dialog
        dialog.open()

    def _release(self, dialog: ReleaseDialog, code: str, reason: str) -> None:
        store, at = self.session.store, self.now()

        def work(authority: Authority | None) -> Done[str]:
            from app.card.states import release_card

            release_card(store, self.who(authority), code, reason, at)
            return Done(code, CARD_STATE_RECORDED)

        def released(code: str) -> None:
            dialog.finished_with()
            self.say(
                self.tr("{code} may be exported again: it goes into the next batch.").format(
                    code=code
                ),
                problem=False,
            )

        self.operations.change_approved(
            dialog,  # an approval asked for stands over the dialog
            work,
            released,
            failure=dialog.refused,
        )


class ReleaseDialog(ReasonDialog):
    """Asks why an exported record is exported again; ``decided`` carries the reason. The
    page answers with ``finished_with`` (the dialog closes) or ``refused`` (said, it stays)."""

    def __init__(self, line: CardLine, state: str, parent: QWidget | None = None) -> None:
        from app.card.states import RELEASE_REASON

        super().__init__(parent)
        applicant = QLabel(line.applicant)
        applicant.setWordWrap(True)
        self.build(
            name="release",
            title=self.tr("Export {code} again").format(code=line.code),
            intro=self.tr(
                "A record enters one batch. Exporting it again (a card printed wrong, lost or"
                " damaged) is a supervisor's decision, recorded with its reason; the record"
                " goes into the next batch."
            ),
            rows=[
                (self.tr("Dossier:"), QLabel(line.code)),
                (self.tr("Applicant:"), applicant),
                (self.tr("Now:"), QLabel(f"{state}, {line.batch or '—'}")),
            ],
            placeholder=self.tr("Why, for example: the card was printed wrong"),
            ok_text=self.tr("&Let it be exported again"),
            rule_label=RELEASE_REASON,
            required=self.tr("The reason is required."),
        )


def _minute(moment: dt.datetime | None) -> str:
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""
