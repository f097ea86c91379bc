"""The dossier checklist: one row per catalogue item, with what was handed in.

Rows of conditional items appear and disappear as the facts decide them;
optional items ("nếu có") stay, marked as such. "All handed in" fills every
required row with its first accepted form, so a complete dossier takes one key.

The table is one Tab stop. Inside it Up and Down move between the rows (round
the ends, so any of five rows is two presses away), a letter sets what was
handed in (``FORM_KEYS``, the same keys in both languages, shown in the column
header and in each choice), a digit sets the count, Enter edits the note.
"""

from __future__ import annotations

from typing import Any

from app.catalogue.model import RequiredForm
from app.dossier.evaluation import PRESENTED_LABELS, optional_text, required_text
from app.dossier.request import PresentedForm
from app.reception_draft import ChecklistRow
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QEvent,
    QFocusEvent,
    QHeaderView,
    QKeyEvent,
    QLineEdit,
    QObject,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)

# What a requirement is met by, when the officer says "all handed in".
FIRST_CHOICE = {
    RequiredForm.ORIGINAL: PresentedForm.ORIGINAL,
    RequiredForm.COPY_WITH_ORIGINAL: PresentedForm.COPY_WITH_ORIGINAL,
    RequiredForm.CERTIFIED_COPY: PresentedForm.CERTIFIED_COPY,
    RequiredForm.COPY: PresentedForm.PHOTOCOPY,
}
COLUMNS = 5
# One key per form, the same in Vietnamese and English: G bản gốc/chính, oriGinal; S bản sao
# kèm bản chính, copy with the original Shown; T chứng thực, cerTified; D điện tử, Digital;
# P bản photo/chụp, Photocopy; N chưa nộp, Nothing (Delete and Backspace too).
FORM_KEYS: dict[Qt.Key, PresentedForm] = {
    Qt.Key.Key_G: PresentedForm.ORIGINAL,
    Qt.Key.Key_S: PresentedForm.COPY_WITH_ORIGINAL,
    Qt.Key.Key_T: PresentedForm.CERTIFIED_COPY,
    Qt.Key.Key_D: PresentedForm.ELECTRONIC_CERTIFIED_COPY,
    Qt.Key.Key_P: PresentedForm.PHOTOCOPY,
    Qt.Key.Key_N: PresentedForm.NOTHING,
    Qt.Key.Key_Delete: PresentedForm.NOTHING,
    Qt.Key.Key_Backspace: PresentedForm.NOTHING,
}
KEY_OF = {form: chr(key) for key, form in FORM_KEYS.items() if Qt.Key.Key_A <= key <= Qt.Key.Key_Z}


class ChecklistTable(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.setObjectName("checklist")
        self.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Document"),
                self.tr(
                    "Handed in: G original,\nS copy+orig., T certified,\nD digital, P photo, N none"
                ),
                self.tr("Qty\n(0–9)"),
                self.tr("Note"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)  # its keys
        self.verticalHeader().setVisible(False)
        # The row in hand is the selected one; Tab leaves the table (one stop), arrows move.
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setTabKeyNavigation(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setWordWrap(True)
        self.rows: list[ChecklistRow] = []
        self._key: tuple[str, ...] = ()

    def show_rows(self, rows: list[ChecklistRow]) -> None:
        """Rebuild when the items change (procedure, sub-case); else only hide or show."""
        key = tuple(row.item.id for row in rows)
        if key != self._key:
            self._rebuild(rows)
            self._key = key
        self.rows = rows
        for index, row in enumerate(rows):
            self.setRowHidden(index, row.required is False and row.item.presence == "conditional")
        self.resizeRowsToContents()
        if self._visible_rows() and self.currentRow() not in self._visible_rows():
            self._go_to(self._visible_rows()[0])

    def presented(self) -> dict[str, dict[str, Any]]:
        handed: dict[str, dict[str, Any]] = {}
        for index, row in enumerate(self.rows):
            form = self._form(index).currentData()
            if form != PresentedForm.NOTHING.value and not self.isRowHidden(index):
                handed[row.item.id] = {
                    "form": form,
                    "count": self._count(index).value(),
                    "note": self._note(index).text().strip(),
                }
        return handed

    def mark_all_handed_in(self) -> None:
        for index, row in enumerate(self.rows):
            wanted = row.required is not False  # required, or not decided yet
            if wanted and self._form(index).currentData() == PresentedForm.NOTHING.value:
                self._form(index).setCurrentIndex(
                    self._form(index).findData(FIRST_CHOICE[row.item.forms[0]].value)
                )
                self._count(index).setValue(row.item.quantity)
        self.changed.emit()

    # ---------------------------------------------------------------- keyboard

    def set_form(self, index: int, form: PresentedForm) -> None:
        self._form(index).setCurrentIndex(self._form(index).findData(form.value))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        rows = self._visible_rows()
        if not rows or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            super().keyPressEvent(event)
            return
        current = self.currentRow() if self.currentRow() in rows else rows[0]
        key = Qt.Key(event.key())
        place = rows.index(current)
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self._go_to(rows[(place + (1 if key == Qt.Key.Key_Down else -1)) % len(rows)])
        elif key in (Qt.Key.Key_Home, Qt.Key.Key_End):
            self._go_to(rows[0 if key == Qt.Key.Key_Home else -1])
        elif key in FORM_KEYS:
            self._go_to(current)
            self.set_form(current, FORM_KEYS[key])
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self._go_to(current)
            self._count(current).setValue(key - Qt.Key.Key_0)
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Minus):
            self._count(current).stepBy(1 if key == Qt.Key.Key_Plus else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self._go_to(current)
            self._note(current).setFocus(Qt.FocusReason.OtherFocusReason)
            self._note(current).selectAll()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 (Qt API)
        rows = self._visible_rows()
        if rows and self.currentRow() not in rows:
            self._go_to(rows[0])
        super().focusInEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        # The note being typed: Enter or Escape hands the keys back to the table; Tab
        # leaves the table as it would from the table itself.
        if (
            isinstance(watched, QLineEdit)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            key = Qt.Key(event.key())
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
                self.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.setFocus(Qt.FocusReason.OtherFocusReason)
                self.focusNextPrevChild(key == Qt.Key.Key_Tab)
                return True
        return super().eventFilter(watched, event)

    def _visible_rows(self) -> list[int]:
        return [index for index in range(self.rowCount()) if not self.isRowHidden(index)]

    def _go_to(self, index: int) -> None:
        self.setCurrentCell(index, 1)
        self.scrollTo(self.model().index(index, 1))

    def _rebuild(self, rows: list[ChecklistRow]) -> None:
        self.setRowCount(len(rows))
        for index, row in enumerate(rows):
            item = row.item
            self.setItem(index, 0, _cell(item.number))
            optional = (
                f" ({optional_text(item.condition_text)})" if item.presence == "optional" else ""
            )
            wanted = required_text(item.quantity, item.forms, item.form_text)
            self.setItem(index, 1, _cell(f"{item.name}\n— {wanted}{optional}"))
            form = QComboBox()
            for presented in PresentedForm:
                label = PRESENTED_LABELS[presented]()
                form.addItem(f"{KEY_OF[presented]}  {label}", presented.value)
            form.currentIndexChanged.connect(self.changed)
            self.setCellWidget(index, 2, form)
            count = QSpinBox()
            count.setRange(0, 99)
            count.setValue(item.quantity)
            count.valueChanged.connect(self.changed)
            self.setCellWidget(index, 3, count)
            note = QLineEdit()
            note.textChanged.connect(self.changed)
            note.installEventFilter(self)
            self.setCellWidget(index, 4, note)
            for widget in (form, count, note):  # the mouse's; the keys go through the table
                widget.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def _form(self, index: int) -> QComboBox:
        widget = self.cellWidget(index, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def _count(self, index: int) -> QSpinBox:
        widget = self.cellWidget(index, 3)
        assert isinstance(widget, QSpinBox)
        return widget

    def _note(self, index: int) -> QLineEdit:
        widget = self.cellWidget(index, 4)
        assert isinstance(widget, QLineEdit)
        return widget


def _cell(text: str) -> QTableWidgetItem:
    cell = QTableWidgetItem(text)
    cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return cell
