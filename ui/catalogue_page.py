"""The procedure catalogue, to look up a checklist and its conditions."""

from __future__ import annotations

import html

from app.catalogue.currency import period_lines
from app.catalogue.model import Catalogue, Procedure
from ui.qt import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    Qt,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class CataloguePage(QWidget):
    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

        self.procedure_list = QListWidget()
        self.procedure_list.setObjectName("procedureList")
        for procedure in catalogue.procedures.values():
            entry = QListWidgetItem(procedure.name)
            entry.setData(Qt.ItemDataRole.UserRole, procedure.id)
            entry.setToolTip(procedure.id)
            self.procedure_list.addItem(entry)
        self.procedure_list.currentItemChanged.connect(self._show_selected)

        self.details = QTextBrowser()
        self.details.setObjectName("procedureDetails")

        left = QWidget()
        column = QVBoxLayout(left)
        label = QLabel(self.tr("&Procedures"))
        label.setBuddy(self.procedure_list)
        column.addWidget(label)
        column.addWidget(self.procedure_list)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setSizes([380, 720])
        manifest = catalogue.manifest
        version = QLabel(
            self.tr("Catalogue {version}, in force from {day}").format(
                version=manifest.id, day=manifest.valid_from.strftime("%d/%m/%Y")
            )
        )
        # Its end, if known, and the changes of the law recorded with it (app/catalogue/currency).
        self.period = QLabel("\n".join(period_lines(catalogue)))
        self.period.setObjectName("cataloguePeriod")
        self.period.setWordWrap(True)
        self.period.setVisible(bool(self.period.text()))
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(version)
        layout.addWidget(self.period)
        self.procedure_list.setCurrentRow(0)
        self.procedure_list.setFocus()

    def _show_selected(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is None:
            return
        procedure = self.catalogue.procedure(current.data(Qt.ItemDataRole.UserRole))
        self.details.setHtml(self._procedure_html(procedure))

    def _procedure_html(self, procedure: Procedure) -> str:
        e = html.escape
        parts = [f"<h2>{e(procedure.name)}</h2>"]
        groups = (
            [("", procedure.items or [])]
            if procedure.subcases is None
            else [(f"{case.id}. {case.name}", case.items) for case in procedure.subcases]
        )
        items_title = self.tr("Dossier items")
        parts.append(f"<h3>{e(items_title)}</h3>")
        for title, items in groups:
            if title:
                parts.append(f"<p><b>{e(title)}</b></p>")
            rows = "".join(
                f"<tr><td>{e(item.number)}</td><td>{e(item.name)}</td>"
                f"<td align='center'>{item.quantity:02d}</td><td>{e(item.form_text)}</td></tr>"
                for item in items
            )
            parts.append(f"<table border='1' cellpadding='4' cellspacing='0'>{rows}</table>")
        if procedure.conditions:
            conditions_title = self.tr("Conditions")
            parts.append(f"<h3>{e(conditions_title)}</h3><ul>")
            parts.extend(f"<li>{e(condition.source)}</li>" for condition in procedure.conditions)
            parts.append("</ul>")
        time_title = self.tr("Processing time and fee")
        parts.append(f"<h3>{e(time_title)}</h3><ul>")
        parts.extend(
            f"<li><b>{e(channel.name)}</b>: "
            f"{e(channel.processing_text)}; {e(channel.fee_text)}</li>"
            for channel in procedure.channels
        )
        parts.append("</ul>")
        return "".join(parts)
