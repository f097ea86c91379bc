"""Choosing the procedure by typing: "doi gtvt", "quốc tế", "cap lai" — then Enter.

Or by its number in the list and the sub-case's letter: "3" Enter, "4b" Enter. The
procedure chosen stays the current one in the list, so Ctrl+P (which selects the
query, typing replaces it) and Enter keep it, sub-case and all.
"""

from __future__ import annotations

import re

from app.catalogue.model import Catalogue, Procedure
from app.dossier.evaluation import CHANNEL_LABELS
from app.search import search
from ui.qt import (
    QComboBox,
    QEvent,
    QFocusEvent,
    QHBoxLayout,
    QKeyEvent,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QObject,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)

# Focus that does not select the query: a click places the cursor; coming back to the window
# or from a popup keeps what was there.
NOT_SELECTING = (
    Qt.FocusReason.MouseFocusReason,
    Qt.FocusReason.ActiveWindowFocusReason,
    Qt.FocusReason.PopupFocusReason,
)
# "3", "4b", "4 B": the procedure's number in the list, then its sub-case's letter.
BY_NUMBER = re.compile(r"\s*(?P<number>[1-9][0-9]?)\s*(?P<subcase>[A-Za-z])?\s*")


class ProcedurePicker(QWidget):
    """Type-ahead over the catalogue, then the sub-case and the channel."""

    chosen = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.query = QLineEdit()
        self.query.setObjectName("procedureQuery")
        self.query.setPlaceholderText(
            self.tr("Type the procedure or its number: doi gtvt, cap lai, 3, 4b…")
        )
        self.matches = QListWidget()
        self.matches.setObjectName("procedureMatches")
        self.matches.setMaximumHeight(110)
        # Up and Down in the query move through it: one Tab stop fewer.
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.subcase = QComboBox()
        self.subcase.setObjectName("subcase")
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        row = QHBoxLayout()
        row.addWidget(self.query, 3)
        row.addWidget(self.subcase, 2)
        row.addWidget(self.channel, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.matches)
        self.procedure: Procedure | None = None
        self.query.textEdited.connect(self._filter)
        self.query.returnPressed.connect(self._take_current)
        self.query.installEventFilter(self)
        self.matches.itemActivated.connect(lambda _item: self._take_current())
        self.subcase.currentIndexChanged.connect(lambda _i: self.chosen.emit())
        self.channel.currentIndexChanged.connect(lambda _i: self.chosen.emit())
        self._filter("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # The list folds away once a procedure is chosen and the officer has moved on:
        # at 768 px its rows are worth more to the checklist.
        if watched is self.query and isinstance(event, QFocusEvent):
            self.matches.setVisible(event.gotFocus() or self.procedure is None)
        # Reached by Ctrl+P or Tab, the query is selected: what is typed replaces it.
        if (
            watched is self.query
            and isinstance(event, QFocusEvent)
            and event.gotFocus()
            and event.reason() not in NOT_SELECTING
        ):
            self.query.selectAll()
        # Up and Down move through the matches while the cursor stays in the query.
        if watched is self.query and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step and event.type() == QEvent.Type.KeyPress:
                row = min(max(self.matches.currentRow() + step, 0), self.matches.count() - 1)
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def choose(self, procedure_id: str) -> None:
        self.procedure = self.catalogue.procedure(procedure_id)
        self.query.setText(self.procedure.name)
        self._filter("")
        self.matches.setCurrentRow(list(self.catalogue.procedures).index(procedure_id))
        self.subcase.blockSignals(True)
        self.subcase.clear()
        for case in self.procedure.subcases or []:
            self.subcase.addItem(f"{case.id}. {case.name}", case.id)
        self.subcase.setCurrentIndex(max(self.subcase.findData(self.procedure.first_subcase()), 0))
        self.subcase.setEnabled(self.procedure.subcases is not None)
        self.subcase.blockSignals(False)
        self.channel.blockSignals(True)
        self.channel.clear()
        for channel in self.procedure.channels:
            self.channel.addItem(CHANNEL_LABELS[str(channel.id)](), str(channel.id))
        self.channel.blockSignals(False)
        self.matches.setVisible(self.query.hasFocus())
        self.chosen.emit()

    def reset(self) -> None:
        self.procedure = None
        self.query.clear()
        self.subcase.clear()
        self.channel.clear()
        self._filter("")
        self.matches.setVisible(True)

    def _filter(self, text: str) -> None:
        # The id's parts are the officers' own shorthand: "doi gtvt", "idp cap lai".
        entries = [
            (p.id, [p.name, p.id.replace("-", " ")]) for p in self.catalogue.procedures.values()
        ]
        numbered = list(self.catalogue.procedures)
        by_number = BY_NUMBER.fullmatch(text)
        if by_number:
            number = int(by_number["number"])
            found = numbered[number - 1 : number]
        else:
            found = search(text, entries) if text.strip() else numbered
        self.matches.clear()
        for procedure_id in found:
            number = numbered.index(procedure_id) + 1
            name = self.catalogue.procedure(procedure_id).name
            entry = QListWidgetItem(f"{number}  {name}")
            entry.setData(Qt.ItemDataRole.UserRole, procedure_id)
            self.matches.addItem(entry)
        self.matches.setCurrentRow(0)

    def _take_current(self) -> None:
        current = self.matches.currentItem()
        if current is None:
            return
        procedure_id = str(current.data(Qt.ItemDataRole.UserRole))
        by_number = BY_NUMBER.fullmatch(self.query.text())
        subcase = by_number["subcase"].upper() if by_number and by_number["subcase"] else None
        if self.procedure is not None and self.procedure.id == procedure_id and subcase is None:
            # The same procedure again (Ctrl+P, Enter): its sub-case and channel stay.
            self.query.setText(self.procedure.name)
            self.chosen.emit()
            return
        self.choose(procedure_id)
        if subcase is not None and self.subcase.findData(subcase) >= 0:
            self.subcase.setCurrentIndex(self.subcase.findData(subcase))
