"""The day's trail at this counter, for the supervisor: who did what today, and on which
dossier (``app.audit.show_trail``, read on the store worker; ids and codes only, as
recorded). Seeing it needs ``VIEW_TRAIL``: an officer's window asks a supervisor or IT
staff to approve (``ui/approval.py``). Filtered by officer and by action, in place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from app.audit import row_dict, trail_seen_by
from app.counter import CounterSession
from app.permissions import Authority
from ui.operations import Operations
from ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGuiApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSize,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

Record = dict[str, Any]
EVERY = ""  # the filters' first choice: no filter


def day_trail(session: CounterSession, day: dt.date, authority: Authority | None) -> list[Record]:
    """Runs on the worker: the day's records, once the trail may be seen."""
    rows = trail_seen_by(authority or session.officer, session.store, start=day, end=day)
    return sorted((row_dict(row) for row in rows), key=lambda row: row["recorded_at"])


class TrailDialog(QDialog):
    def __init__(
        self,
        day: dt.date,
        records: list[Record],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trailDialog")
        self.setWindowTitle(self.tr("Today's trail at this counter"))
        self.records = records
        self.day = QLabel(day.strftime("%d/%m/%Y"))
        self.day.setStyleSheet("font-weight: bold;")
        self.heading = QLabel()
        self.officer = QComboBox()
        self.officer.setObjectName("trailOfficer")
        self.action = QComboBox()
        self.action.setObjectName("trailAction")
        self.officer.addItem(self.tr("Every officer"), EVERY)
        for login in sorted({record["actor"] for record in records}):
            self.officer.addItem(login, login)
        self.action.addItem(self.tr("Every action"), EVERY)
        for kind in sorted({record["action"] for record in records}):
            self.action.addItem(self.action_name(kind), kind)
        officer_label = QLabel(self.tr("&Officer"))
        officer_label.setBuddy(self.officer)
        action_label = QLabel(self.tr("&Action"))
        action_label.setBuddy(self.action)
        filters = QHBoxLayout()
        filters.addWidget(officer_label)
        filters.addWidget(self.officer, 1)
        filters.addWidget(action_label)
        filters.addWidget(self.action, 1)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("trailTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Officer"), self.tr("Action"), self.tr("Ids and codes")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self.day)
        top.addStretch(1)
        top.addWidget(self.heading)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() - QSize(40, 60) if screen else QSize(900, 600)
        self.resize(QSize(900, 600).boundedTo(room))
        self.officer.currentIndexChanged.connect(self.show_records)
        self.action.currentIndexChanged.connect(self.show_records)
        self.show_records()
        self.table.setFocus()

    def action_name(self, kind: str) -> str:
        names: dict[str, Callable[[], str]] = {
            "sign-in": lambda: self.tr("sign-in"),
            "sign-in-failed": lambda: self.tr("failed sign-in"),
            "sign-out": lambda: self.tr("sign-out"),
            "lock": lambda: self.tr("lock"),
            "unlock": lambda: self.tr("unlock"),
            "receive": lambda: self.tr("dossier received"),
            "new-round": lambda: self.tr("new round"),
            "correction": lambda: self.tr("correction"),
            "void": lambda: self.tr("void"),
            "print": lambda: self.tr("print"),
            "reprint": lambda: self.tr("reprint"),
            "reappointment": lambda: self.tr("re-appointment"),
            "hand-over": lambda: self.tr("hand-over"),
            "card-export": lambda: self.tr("card export"),
            "day-close": lambda: self.tr("day close"),
            "settings-change": lambda: self.tr("settings change"),
            "officer-change": lambda: self.tr("officer account change"),
            "sync-configuration": lambda: self.tr("central connection set"),
        }
        return names[kind]() if kind in names else kind

    def shown(self) -> list[Record]:
        officer, action = self.officer.currentData(), self.action.currentData()
        return [
            record
            for record in self.records
            if officer in (EVERY, record["actor"]) and action in (EVERY, record["action"])
        ]

    def show_records(self) -> None:
        shown = self.shown()
        self.heading.setText(
            self.tr("{n} of {total} records")
            .replace("{n}", str(len(shown)))
            .replace("{total}", str(len(self.records)))
        )
        self.table.setRowCount(len(shown))
        for row, record in enumerate(shown):
            at = dt.datetime.fromisoformat(record["recorded_at"])
            subject = record["subject"]
            ids = ", ".join(f"{key}={value}" for key, value in sorted(subject.items()))
            for column, text in enumerate(
                (at.strftime("%H:%M:%S"), record["actor"], self.action_name(record["action"]), ids)
            ):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if shown:
            self.table.selectRow(0)


def open_trail(
    parent: QWidget,
    session: CounterSession,
    operations: Operations,
    day: dt.date,
    shown: Callable[[TrailDialog], None],
) -> None:
    """Read the day's trail (asking for approval if needed), then show it."""

    def show(records: list[Record]) -> None:
        dialog = TrailDialog(day, records, parent)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        dialog.open()
        shown(dialog)

    operations.query_approved(parent, lambda authority: day_trail(session, day, authority), show)
