"""The dossier checklist: one row per catalogue item, with what was handed in.

Rows of conditional items appear and disappear as the facts decide them;
optional items ("nếu có") stay, marked as such. "All handed in" fills every
required row with its first accepted form, so a complete dossier takes one key.
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
    QHeaderView,
    QLineEdit,
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


class ChecklistTable(QTableWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, COLUMNS, parent)
        self.setObjectName("checklist")
        self.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Document"),
                self.tr("Handed in"),
                self.tr("Qty"),
                self.tr("Note"),
            ]
        )
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setVisible(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
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
                form.addItem(PRESENTED_LABELS[presented](), presented.value)
            form.currentIndexChanged.connect(self.changed)
            self.setCellWidget(index, 2, form)
            count = QSpinBox()
            count.setRange(0, 99)
            count.setValue(item.quantity)
            count.valueChanged.connect(self.changed)
            self.setCellWidget(index, 3, count)
            note = QLineEdit()
            note.textChanged.connect(self.changed)
            self.setCellWidget(index, 4, note)

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
    cell.setFlags(Qt.ItemFlag.ItemIsEnabled)
    return cell
